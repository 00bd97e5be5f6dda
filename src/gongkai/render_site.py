"""Stage 4b: site-wide pages — home, one page per unit, the glossary with backlinks, 关于数据."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from gongkai import markup
from gongkai.address import term_anchor
from gongkai.documents import document_rank
from gongkai.downloads import Download
from gongkai.glossary import BacklinkRegistry
from gongkai.markup import Section, html
from gongkai.models import Corpus, Disclosure, GlossaryEntry
from gongkai.numbering import split_numbering
from gongkai.render_disclosure import RenderedPage, key_cards
from gongkai.render_downloads import DOWNLOADS_PAGE, download_item
from gongkai.table_html import wrap

GLOSSARY_PAGE = "glossary/"
ABOUT_PAGE = "about/"
_LEADING_MARKS = re.compile(r"^[^\w（(]+")  # quotes, dashes, spaces before a term (a bracket may open its number)


def disclosure_rows(
    disclosures: Sequence[Disclosure], prefix: str, badges: Mapping[str, str], env: jinja2.Environment
) -> str:
    """Disclosures with their region, year, 收入总计 and 支出总计 (in 万元; a table in 元 says so; a total
    not from a table says where it comes from, 「取自报告原文」) and their badge."""
    rows = []
    for d in disclosures:
        cards = {c.label: c for c in key_cards(d)}
        badge = Markup(badges.get(d.folder, ""))  # the badge and score label: HTML from render_checks and quality
        region = " ".join(d.unit.region)
        rows.append((f"{prefix}{d.url}", d.name, region, d.year, cards.get("收入总计"), cards.get("支出总计"), badge))
    return wrap(env, html(env, "site").disclosure_rows(rows), "公开文本一览")


def by_unit(corpus: Corpus) -> dict[tuple[str, str], list[Disclosure]]:
    units: dict[tuple[str, str], list[Disclosure]] = defaultdict(list)
    for d in corpus.disclosures:
        units[(d.unit.region_slug, d.unit.slug)].append(d)
    return {k: sorted(v, key=lambda d: (-d.year, d.kind, document_rank(d))) for k, v in sorted(units.items())}


def home_page(corpus: Corpus, env: jinja2.Environment, badges: dict[str, str]) -> RenderedPage:
    units = by_unit(corpus)
    latest = sorted(corpus.disclosures, key=lambda d: (-d.year, d.unit.region_slug, d.unit.slug))
    lead = markup.paragraph(env, corpus.site.description, None, "gk-lead") if corpus.site.description else ""
    stats = markup.cards(
        env,
        [
            markup.Card("单位", str(len(units)), "个", ""),
            markup.Card("公开文本", str(len(corpus.disclosures)), "份", ""),
            markup.Card("绩效自评项目", str(sum(len(d.projects) for d in corpus.disclosures)), "个", ""),
        ],
    )
    unit_items = [
        (
            f"{region}/{slug}/",
            ds[0].unit.name,
            " ".join(ds[0].unit.region),
            "、".join(f"{d.year}年度{d.document}" for d in ds),
        )
        for (region, slug), ds in units.items()
    ]
    macros = html(env, "site")
    sections = [
        Section("最新公开", "latest", disclosure_rows(latest, "", badges, env)),
        Section("按单位浏览", "units", str(macros.units(unit_items))),
        Section("怎样读这些数据", "how", str(macros.how(GLOSSARY_PAGE, ABOUT_PAGE))),
    ]
    page = env.get_template("generic.md.j2").render(
        title=corpus.site.title,
        description=corpus.site.description,
        lead=f"{lead}\n\n{stats}",
        sections=sections,
        source_files="data/",
    )
    return RenderedPage("index.md", page)


def pinyin_key(term: str) -> tuple[str, str]:
    """Sort terms as a Chinese index does: by pinyin (「三公」经费 under S), then by the term itself; a
    printed number and punctuation in front are skipped (「（四）其他收入」 under Q)."""
    from pypinyin import lazy_pinyin

    bare, before = term, ""
    while bare != before:  # 「“（一）财政拨款”」: a quote, then a number, then the term
        before, bare = bare, _LEADING_MARKS.sub("", split_numbering(bare)[1])
    return "".join(lazy_pinyin(bare)).lower(), bare


def index_letter(key: str) -> tuple[str, str]:
    """The letter a sort key is listed under and its ASCII anchor: ``("Q", "letter-q")``; a key that does
    not start with an ASCII letter or digit (a term of punctuation alone) goes under 「#」, ``letter-other``."""
    first = key[:1]
    if first.isascii() and first.isalnum():
        return first.upper(), f"letter-{first.lower()}"
    return "#", "letter-other"


class Term(NamedTuple):
    """A term on the 名词解释 page (the macro ``terms``)."""

    anchor: str
    term: str
    definition: str
    aliases: str  # its other names, 「、」 between them
    printed: list[tuple[str, str, str]]  # (href, disclosure, definition) where a disclosure printed another
    uses: list[tuple[str, str]]  # (href, page title) of the pages that use it


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
    groups: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in sorted(entries, key=keys.__getitem__):
        entry = entries[term]
        anchor = term_anchor(term)
        others = [
            (f"../{d.url}#glossary", d.name, e.definition) for d, e in printed[term] if e.definition != entry.definition
        ]
        uses = [(f"../{url}", title) for url, title in backlinks.get(anchor, [])]
        item = Term(anchor, term, entry.definition, "、".join(entry.aliases), others, uses)
        groups[index_letter(keys[term][0])].append(item)
    macros = html(env, "site")
    letters = str(macros.letters(list(groups)))
    sections = [Section(f"全部名词（{len(entries)}个，按拼音排序）", "terms", letters)]
    sections += [
        Section(letter, anchor, str(macros.terms(items)), level=3) for (letter, anchor), items in groups.items()
    ]
    lead = markup.paragraph(
        env,
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
        Section(title, f"about-{i}", markup.paragraph(env, text, None)) for i, (title, text) in enumerate(ABOUT_TEXT, 1)
    ]
    sources = [
        (f"../{d.url}", d.title, d.source.title, d.source.file)
        for d in sorted(corpus.disclosures, key=lambda d: d.folder)
    ]
    sections.append(Section("收录的公开文本", "sources", str(html(env, "site").sources(sources))))
    contact = "；".join(x for x in (corpus.site.office, corpus.site.contact) if x)
    if contact:
        sections.append(
            Section("联系我们", "contact", markup.paragraph(env, contact + "。发现录入错误请告诉我们。", None))
        )
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
        links = Markup("".join(download_item(env, b, f"{prefix}{d.url}") for b in bundles))  # HTML of render_downloads
        items.append((f"{prefix}{d.url}", d.name, " ".join(d.unit.region), links))
    macros = html(env, "site")
    sections = [
        Section(f"各公开的数据（{len(listing)}份）", "all", str(macros.downloads(items))),
        Section("文件格式", "formats", str(macros.text_list(FORMATS_TEXT))),
    ]
    text = "每份公开的全部表格都可以下载为 Excel 工作簿，或把全部数据打包成一个 ZIP 文件下载。"
    page = env.get_template("generic.md.j2").render(
        title="下载数据",
        description=f"{text}共 {len(listing)} 份公开的数据：Excel、CSV、YAML 和 Frictionless 数据包。",
        lead=markup.paragraph(env, text, None, "gk-lead"),
        sections=sections,
        source_files="各公开的数据文件",
    )
    return RenderedPage(f"{DOWNLOADS_PAGE}index.md", page)
