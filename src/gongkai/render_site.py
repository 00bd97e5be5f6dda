"""Stage 4b: site-wide pages — home, one page per unit, the glossary with backlinks, 关于数据."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import jinja2

from gongkai import markup
from gongkai.address import term_anchor
from gongkai.downloads import Download
from gongkai.glossary import BacklinkRegistry, escape
from gongkai.markup import Card, Section
from gongkai.models import Corpus, Disclosure, GlossaryEntry
from gongkai.render_disclosure import RenderedPage, key_cards
from gongkai.render_downloads import DOWNLOADS_PAGE, download_item
from gongkai.table_html import wrap

GLOSSARY_PAGE = "glossary/"
ABOUT_PAGE = "about/"


def _listed(card: Card | None) -> str:
    """A total in a list: the figure, with where it comes from when that is not a table (「取自报告原文」)."""
    if card is None:
        return "—"
    note = f'<br><span class="gk-meta">{escape(card.note)}</span>' if card.note else ""
    unit = "" if card.unit == "万元" else escape(card.unit)  # the list is in 万元; a table in 元 says so
    return f"{escape(card.value)}{unit}{note}"


def disclosure_rows(disclosures: Sequence[Disclosure], prefix: str, badges: Mapping[str, str]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in ("公开", "地区", "年度", "收入总计", "支出总计", "数据核验"))
    rows = []
    for d in disclosures:
        cards = {c.label: c for c in key_cards(d)}
        totals = "".join(f'<td class="gk-num">{_listed(cards.get(label))}</td>' for label in ("收入总计", "支出总计"))
        rows.append(
            f'<tr><th scope="row"><a href="{prefix}{d.url}">{escape(d.name)}</a></th>'
            f"<td>{escape(' '.join(d.unit.region))}</td><td>{d.year}</td>{totals}"
            f"<td>{badges.get(d.folder, '')}</td></tr>"
        )
    return wrap(
        f'<table class="gk-table"><caption>公开文本一览（金额单位：万元）</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        "公开文本一览",
    )


def by_unit(corpus: Corpus) -> dict[tuple[str, str], list[Disclosure]]:
    units: dict[tuple[str, str], list[Disclosure]] = defaultdict(list)
    for d in corpus.disclosures:
        units[(d.unit.region_slug, d.unit.slug)].append(d)
    return {k: sorted(v, key=lambda d: (-d.year, d.kind)) for k, v in sorted(units.items())}


def home_page(corpus: Corpus, env: jinja2.Environment, badges: dict[str, str]) -> RenderedPage:
    units = by_unit(corpus)
    latest = sorted(corpus.disclosures, key=lambda d: (-d.year, d.unit.region_slug, d.unit.slug))
    lead = markup.paragraph(corpus.site.description, None, "gk-lead") if corpus.site.description else ""
    stats = markup.cards(
        [
            markup.Card("单位", str(len(units)), "个", ""),
            markup.Card("公开文本", str(len(corpus.disclosures)), "份", ""),
            markup.Card("绩效自评项目", str(sum(len(d.projects) for d in corpus.disclosures)), "个", ""),
        ]
    )
    unit_items = "".join(
        f'<li><a href="{region}/{slug}/">{escape(ds[0].unit.name)}</a>'
        f'<span class="gk-meta"> · {escape(" ".join(ds[0].unit.region))} · '
        f"{'、'.join(f'{d.year}年度{d.document}' for d in ds)}</span></li>"
        for (region, slug), ds in units.items()
    )
    how = (
        "<p>每份公开按原文照录：表格保留行次、栏次，点击任何数字旁的链接都能找到它在原表中的位置。"
        f'不认识的词语可点击或把光标停在带虚线的词上查看<a href="{GLOSSARY_PAGE}">名词解释</a>。'
        "原文中数字前后不一致的地方，在每份公开的“数据核验”部分列出。"
        f'数据来源与方法见<a href="{ABOUT_PAGE}">关于数据</a>。</p>'
    )
    sections = [
        Section("最新公开", "latest", disclosure_rows(latest, "", badges)),
        Section("按单位浏览", "units", f'<ul class="gk-units">{unit_items}</ul>'),
        Section("怎样读这些数据", "how", how),
    ]
    page = env.get_template("generic.md.j2").render(
        title=escape(corpus.site.title),
        description=corpus.site.description,
        lead=f"{lead}\n\n{stats}",
        sections=sections,
        source_files="data/",
    )
    return RenderedPage("index.md", page)


def pinyin_key(term: str) -> tuple[str, str]:
    """Sort terms as a Chinese index does: by pinyin (「三公」经费 under S), then by the term itself."""
    from pypinyin import lazy_pinyin

    bare = term.lstrip('“"「')
    return "".join(lazy_pinyin(bare)).lower(), bare


def glossary_page(corpus: Corpus, env: jinja2.Environment, registry: BacklinkRegistry) -> RenderedPage:
    """Every term once: the site definition, what each disclosure printed, and where the term is used."""
    entries: dict[str, GlossaryEntry] = {e.term: e for e in corpus.glossary}
    printed: dict[str, list[tuple[Disclosure, GlossaryEntry]]] = defaultdict(list)
    for d in corpus.disclosures:
        for e in d.glossary:
            entries.setdefault(e.term, e)
            printed[e.term].append((d, e))
    backlinks = registry.backlinks()
    keys = {term: pinyin_key(term) for term in entries}
    groups: dict[str, list[str]] = defaultdict(list)
    for term in sorted(entries, key=keys.__getitem__):
        entry = entries[term]
        anchor = term_anchor(term)
        parts = [f'<dt id="{anchor}">{escape(term)}</dt><dd><p>{escape(entry.definition)}</p>']
        if entry.aliases:
            parts.append(f'<p class="gk-meta">又称：{escape("、".join(entry.aliases))}</p>')
        others = [(d, e) for d, e in printed[term] if e.definition != entry.definition]
        if others:
            parts.append(
                '<p class="gk-meta">公开文本中的解释：</p><ul>'
                + "".join(
                    f'<li><a href="../{d.url}#glossary">{escape(d.name)}</a>：{escape(e.definition)}</li>'
                    for d, e in others
                )
                + "</ul>"
            )
        uses = backlinks.get(anchor, [])
        if uses:
            links = "、".join(f'<a href="../{url}">{escape(title)}</a>' for url, title in uses)
            parts.append(f'<p class="gk-backlinks">出现在：{links}</p>')
        parts.append("</dd>")
        groups[keys[term][0][:1].upper() or "#"].append("".join(parts))
    letters = " ".join(f'<a href="#letter-{letter.lower()}">{letter}</a>' for letter in groups)
    sections = [Section(f"全部名词（{len(entries)}个，按拼音排序）", "terms", f'<p class="gk-letters">{letters}</p>')]
    sections += [
        Section(letter, f"letter-{letter.lower()}", f'<dl class="gk-glossary">{"".join(items)}</dl>', level=3)
        for letter, items in groups.items()
    ]
    lead = markup.paragraph(
        "预决算公开中常用的专业名词。正文中带虚线的词，点击即跳到这里，悬停或用键盘聚焦可直接看到解释。",
        None,
        "gk-lead",
    )
    page = env.get_template("generic.md.j2").render(
        title="名词解释",
        description=f"预决算公开中常用的 {len(entries)} 个专业名词的解释，按拼音排序，并列出每个词出现在哪些公开页面。",
        lead=lead,
        sections=sections,
        source_files="data/glossary.yaml 与各公开的 glossary.yaml",
    )
    return RenderedPage(f"{GLOSSARY_PAGE}index.md", page)


ABOUT_TEXT = (
    (
        "数据从哪里来",
        "本站每份公开都由财政或主管部门公开的原文（预决算公开文本、绩效自评报告）逐项录入而成，"
        "每个数字都照原文照录，包括原文中明显有误的数字。每张表下注明数据文件，"
        "把鼠标停在表格中的数字上可以看到它来自哪个文件的第几行、哪一栏；每个数字都有固定的网址锚点，方便引用。",
    ),
    (
        "数字怎么核对",
        "公开表格的金额以万元为单位、保留两位小数，由元换算而来，合计与分项之和可能相差几分钱（尾数误差）。"
        "核对时，两个数相差不超过0.01万元视为一致；合计与n个分项之和相差不超过max(0.01, 0.005×(n+1))万元视为一致；"
        "百分比按四舍五入或截尾两种常见算法之一相符即视为一致。超出这些范围的，列为不一致。",
    ),
    (
        "空白、「——」与「本表无数据」",
        "表格中空白表示原文未填数字；「——」表示该栏不适用（不等于零）；整张表注明「本表无数据」表示该单位没有这类收支。"
        "三者含义不同，本站分别照录。",
    ),
    (
        "下载数据",
        "每份公开都可以下载：全部表格的 Excel 工作簿、CSV 表格与 YAML 文本，以及打包的 ZIP 文件，"
        "可以用 Excel 或任何数据工具打开；全站的下载集中在「下载数据」页。"
        "本站不向其他网站发送任何请求，不使用统计或跟踪代码。",
    ),
)


ABOUT_DESCRIPTION = "本站数据从哪里来、数字怎么核对、空白与「——」的含义、怎样下载，以及收录的全部公开文本。"


def about_page(corpus: Corpus, env: jinja2.Environment) -> RenderedPage:
    sections = [
        Section(title, f"about-{i}", markup.paragraph(text, None)) for i, (title, text) in enumerate(ABOUT_TEXT, 1)
    ]
    sources = "".join(
        f'<li><a href="../{d.url}">{escape(d.title)}</a>：原文《{escape(d.source.title)}》'
        f"{'，' + escape(d.source.file) if d.source.file else ''}</li>"
        for d in sorted(corpus.disclosures, key=lambda d: d.folder)
    )
    sections.append(Section("收录的公开文本", "sources", f"<ul>{sources}</ul>"))
    contact = "；".join(x for x in (corpus.site.office, corpus.site.contact) if x)
    if contact:
        sections.append(Section("联系我们", "contact", markup.paragraph(contact + "。发现录入错误请告诉我们。", None)))
    page = env.get_template("generic.md.j2").render(
        title="关于数据", description=ABOUT_DESCRIPTION, lead="", sections=sections, source_files="data/"
    )
    return RenderedPage(f"{ABOUT_PAGE}index.md", page)


FORMATS_TEXT = (
    "Excel 工作簿（.xlsx）：每张公开表一个工作表，第1行是表名，第2行是金额单位和表注，第3行起与 CSV 逐格相同；"
    "金额是可以计算的数字，小数位与原文一致。第一个工作表「说明」列出单位、年度、原文和各表。",
    "CSV 表格：UTF-8 编码并带 BOM，Excel 双击即可正确显示中文；每个文件一张表，表头与原表一致。",
    "空白表示原文未填数字，「——」表示该栏不适用（不是零）。数字均按原文照录，原文中的错误也保留不改。",
    "ZIP 压缩包：一份公开的全部文件（CSV、YAML、Excel 工作簿和 datapackage.json），放在一个文件夹里。",
    "datapackage.json：按 Frictionless 数据包（Data Package）格式描述每个文件——中文标题、各栏的名称、类型和单位，"
    "数据工具可据此直接读入。",
)


def downloads_page(listing: Sequence[tuple[Disclosure, Sequence[Download]]], env: jinja2.Environment) -> RenderedPage:
    """下载数据: every disclosure's workbook, zip and descriptor with their sizes, and what the formats hold."""
    prefix = "../"
    items = []
    for d, bundles in sorted(listing, key=lambda x: (x[0].unit.region_slug, x[0].unit.slug, -x[0].year, x[0].kind)):
        links = "".join(download_item(b, f"{prefix}{d.url}") for b in bundles)
        items.append(
            f'<li class="gk-download-group"><p><a href="{prefix}{d.url}">{escape(d.name)}</a>'
            f'<span class="gk-meta"> · {escape(" ".join(d.unit.region))} · '
            f'<a href="{prefix}{d.url}#downloads">逐个文件</a></span></p><ul>{links}</ul></li>'
        )
    formats = "".join(f"<li>{escape(text)}</li>" for text in FORMATS_TEXT)
    sections = [
        Section(f"各公开的数据（{len(listing)}份）", "all", f'<ul class="gk-download-list">{"".join(items)}</ul>'),
        Section("文件格式", "formats", f"<ul>{formats}</ul>"),
    ]
    text = "每份公开的全部表格都可以下载为 Excel 工作簿，或把全部数据打包成一个 ZIP 文件下载。"
    page = env.get_template("generic.md.j2").render(
        title="下载数据",
        description=f"{text}共 {len(listing)} 份公开的数据：Excel、CSV、YAML 和 Frictionless 数据包。",
        lead=markup.paragraph(text, None, "gk-lead"),
        sections=sections,
        source_files="各公开的数据文件",
    )
    return RenderedPage(f"{DOWNLOADS_PAGE}index.md", page)
