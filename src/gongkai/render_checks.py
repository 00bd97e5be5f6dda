"""Stage 4c: findings on the site — the badge near a disclosure's title, its 数据核验 section, the site page.

Every finding names its rule in plain Chinese (:func:`gongkai.codes.title`), shows its figures, and links
to the table cells (``location.anchor`` and the anchors of ``related``) or highlighted sentence it is
about.  All text coming from data or rules is escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import jinja2

from gongkai.address import PERFORMANCE_PREFIX
from gongkai.check_report import count_text, disclosure_folder
from gongkai.codes import title
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.documents import UNFILLED
from gongkai.glossary import escape
from gongkai.markup import FINDING_TARGET, Section
from gongkai.models import Corpus, Disclosure
from gongkai.performance_html import PERFORMANCE_DIR, performance_place
from gongkai.render_disclosure import RenderedPage
from gongkai.rules import CheckReport
from gongkai.table_html import wrap

CHECKS_PAGE = "checks/"


def badge(findings: Sequence[Diagnostic], checks_run: int, href: str = "#checks", *, unfilled: bool = False) -> str:
    """「核验：发现 3 处不一致」 or 「核验通过 42 项」, linking to the findings; a 参考格式 left unfilled gets
    「参考格式（未填写）」 instead of any pass or 留意 badge."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:  # the same count as the 数据核验 section's 「发现 N 处问题」
        text, css = f"核验：发现 {len(findings)} 处问题", "gk-badge--error"
    elif unfilled:
        text, css = UNFILLED, "gk-badge--warn"
    elif findings:
        text, css = f"核验：{len(findings)} 处需要留意", "gk-badge--warn"
    elif checks_run:
        text, css = f"核验通过 {checks_run} 项", "gk-badge--ok"
    else:
        text, css = "无可核验的表格数据", "gk-badge--warn"
    return f'<a class="gk-badge {css}" href="{escape(href)}">{text}</a>'


def place(location: Location) -> str:
    """Where a finding points, for readers: 「公开01表 行「27」 栏「金额（栏次1）」」, 「绩效指标 第1行 栏「得分」」,
    「原文语句」, or the file (relative to its disclosure folder) with line and field."""
    if location.table:
        parts = [location.table]
        if location.row:
            parts.append(f"行「{location.row}」")
        if location.column:
            parts.append(f"栏「{location.column}」")
        return " ".join(parts)
    if location.anchor.startswith(PERFORMANCE_PREFIX) and location.field:
        return performance_place(location.field)
    if location.anchor:
        return "原文语句"
    folder = disclosure_folder(location.file)
    return (
        replace(location, file=location.file.removeprefix(f"{folder}/")).describe() if folder else location.describe()
    )


_PERFORMANCE_FILE = re.compile(r"/performance/(?:projects/(?P<project>[a-z0-9-]+)|overall)\.yaml$")


def _href(location: Location, page: str) -> str:
    """The link to a cell or sentence: on the disclosure page, or on its 绩效 page ("" if none)."""
    match = _PERFORMANCE_FILE.search(location.file)
    subpage = f"{PERFORMANCE_DIR}/{match['project'] or 'overall'}/" if match else ""
    if location.anchor:
        return f"{page}{subpage}#{location.anchor}"
    return f"{page}{subpage}" if subpage else ""


def _link(location: Location, page: str) -> str:
    text, source = escape(place(location)), escape(location.describe())
    href = _href(location, page)
    if not href:
        return f'<span class="gk-finding__place" title="{source}">{text}</span>'
    return f'<a class="gk-finding__place" href="{escape(href)}" title="{source}">{text}</a>'


def _page_of(location: Location, own_folder: str, page: str) -> str:
    """The page prefix for a location: ``page`` itself, or another disclosure's page (last year's, for
    rule 22), reached from this disclosure's page (three folders deep) by going up to the site root."""
    folder = disclosure_folder(location.file)
    if not folder or folder == own_folder:
        return page
    return f"{page}../../../{folder.split('/disclosures/', 1)[-1]}/"


def _links(finding: Diagnostic, page: str) -> str:
    """The finding's own cell or sentence, then every other cell it compares (once each)."""
    main = f"位置：{_link(finding.location, page)}"
    own_folder = disclosure_folder(finding.location.file)
    seen = {(finding.location.anchor, place(finding.location))}
    others = []
    for loc in finding.related:
        key = (loc.anchor, place(loc))
        if key not in seen:
            seen.add(key)
            others.append(_link(loc, _page_of(loc, own_folder, page)))
    compared = f"；对照：{'、'.join(others)}" if others else ""
    return f'<p class="gk-finding__where">{main}{compared}</p>'


def _figures(finding: Diagnostic) -> str:
    if not finding.figures:
        return ""
    items = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in finding.figures)
    return f'<dl class="gk-finding__figures">{items}</dl>'


def finding_html(finding: Diagnostic, page: str = "", targets: Sequence[str] = ()) -> str:
    """One finding for readers: the rule's Chinese name and severity, the message, figures and links, and
    the rule's code as a small 「规则编号」 (the hint, advice for whoever maintains the data, stays in
    ``gongkai check``); ``page`` prefixes the anchors, ``targets`` are the ids highlighted sentences and
    cells link to (:data:`gongkai.markup.FINDING_TARGET`)."""
    ids = "".join(f'<span id="{FINDING_TARGET}{escape(t)}"></span>' for t in targets)
    return (
        f'<li class="gk-finding gk-finding--{finding.severity.value}">{ids}'
        f'<p class="gk-finding__rule"><strong>{escape(title(finding.code))}</strong> '
        f'<span class="gk-finding__severity">（{finding.severity.label}）</span></p>'
        f"<p>{escape(finding.message)}</p>{_figures(finding)}{_links(finding, page)}"
        f'<p class="gk-finding__code">规则编号：<code>{escape(finding.code)}</code></p></li>'
    )


def _targets(findings: Sequence[Diagnostic]) -> dict[int, list[str]]:
    """For each finding (by position), the anchors of its own disclosure it is the first to flag: the
    sentence or cell marked on the page links to ``#f-<anchor>`` (notices mark nothing)."""
    seen: set[str] = set()
    out: dict[int, list[str]] = {}
    for index, finding in enumerate(findings):
        if finding.severity is Severity.NOTICE:
            continue
        folder = disclosure_folder(finding.location.file)
        for where in (finding.location, *finding.related):
            if where.anchor and where.anchor not in seen and disclosure_folder(where.file) == folder:
                seen.add(where.anchor)
                out.setdefault(index, []).append(where.anchor)
    return out


def findings_html(findings: Sequence[Diagnostic], checks_run: int, page: str = "", *, targets: bool = False) -> str:
    """The 数据核验 section of a disclosure: findings grouped by severity (errors first); with ``targets``
    (on the disclosure page, not the site-wide page) each carries the ids its highlighted sentences link to."""
    ids = _targets(findings) if targets else {}
    if not findings:
        return (
            f"<p>共核对 {checks_run} 项，未发现不一致。</p>"
            if checks_run
            else "<p>这份公开没有可供核对的表格数据。</p>"
        )
    groups = []
    for severity in Severity:
        items = [(i, f) for i, f in enumerate(findings) if f.severity is severity]
        if items:
            heading = f'<h3 class="gk-findings__group">{severity.label}（{len(items)} 处）</h3>'
            body = "".join(finding_html(f, page, ids.get(i, ())) for i, f in items)
            groups.append(f'{heading}<ul class="gk-findings">{body}</ul>')
    lead = f"<p>共核对 {checks_run} 项，发现 {len(findings)} 处问题（{count_text(findings, zeros=False)}）：</p>"
    return lead + "\n\n" + "\n\n".join(groups)


def _section_anchor(d: Disclosure) -> str:
    return d.url.strip("/").replace("/", "--")


def _by_rule(corpus: Corpus, report: CheckReport) -> str:
    """Summary table: rule → how many findings, and in which disclosures (links to their sections)."""
    per_rule: dict[str, Counter[str]] = {}
    for d in corpus.disclosures:
        for f in report.findings.get(d.folder, []):
            per_rule.setdefault(f.code, Counter())[d.folder] += 1
    if not per_rule:
        return "<p>所有公开均未发现不一致。</p>"
    by_folder = {d.folder: d for d in corpus.disclosures}
    rows = []
    for code in sorted(per_rule, key=lambda c: (-sum(per_rule[c].values()), c)):
        where = "、".join(
            f'<a href="#{_section_anchor(by_folder[folder])}">{escape(by_folder[folder].name)}</a>（{n}）'
            for folder, n in sorted(per_rule[code].items())
        )
        rows.append(
            f'<tr><th scope="row">{escape(title(code))}</th><td><code>{escape(code)}</code></td>'
            f'<td class="gk-num">{sum(per_rule[code].values())}</td><td>{where}</td></tr>'
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("核验规则", "规则编号", "处数", "出现在"))
    return wrap(
        f'<table class="gk-table"><caption>按规则汇总</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
        "按规则汇总",
    )


def checks_page(corpus: Corpus, report: CheckReport, env: jinja2.Environment) -> RenderedPage:
    """The site-wide 数据核验 page: a summary by rule, then every disclosure's findings."""
    disclosures = sorted(corpus.disclosures, key=lambda d: d.folder)
    sections = [Section("按规则汇总", "by-rule", _by_rule(corpus, report))]
    for d in disclosures:
        findings = report.findings.get(d.folder, [])
        run = report.checks_run.get(d.folder, 0)
        page = f"../{d.url}"
        body = (
            f'<p class="gk-meta">数据目录：<code>{escape(d.folder)}</code> · '
            f'<a href="{escape(page)}">查看公开页面</a></p>\n\n'
            + badge(findings, run, f"{page}#checks")
            + "\n\n"
            + findings_html(findings, run, page)
        )
        sections.append(Section(escape(d.name), _section_anchor(d), body))
    everything = report.all_findings()
    total = f"共 {len(disclosures)} 份公开，" + (
        f"发现 {len(everything)} 处问题（{count_text(everything, zeros=False)}）。" if everything else "未发现问题。"
    )
    lead = (
        "<p>本页列出各份公开文本中数字前后不一致的地方：合计与分项不符、文字说明与表格不符、"
        "增减额或百分比算错等。这些问题来自原文本身，本站照录原文、只作提示。"
        f"{total}点击位置可跳到公开页面上对应的表格单元格或原文语句。</p>"
    )
    page = env.get_template("generic.md.j2").render(
        title="数据核验", lead=lead, sections=sections, source_files="data/"
    )
    return RenderedPage(f"{CHECKS_PAGE}index.md", page)
