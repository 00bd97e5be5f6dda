"""Stage 4c: findings on the site — the badge near a disclosure's title, its 数据核验 section, the site page.

Every finding names its rule in plain Chinese (:func:`gongkai.codes.title`), shows its figures, and links
to the table cells (``location.anchor`` and the anchors of ``related``) or highlighted sentence it is
about.  The HTML is ``macros/checks.html.j2`` (autoescaped: all text coming from data or rules is escaped).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

import jinja2

from gongkai.address import PERFORMANCE_PREFIX
from gongkai.check_report import count_text, disclosure_folder
from gongkai.codes import title
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.documents import UNFILLED
from gongkai.markup import FINDING_TARGET, Section, html
from gongkai.models import Corpus, Disclosure
from gongkai.performance_html import PERFORMANCE_DIR, performance_place
from gongkai.render_disclosure import RenderedPage
from gongkai.rules import CheckReport
from gongkai.table_html import wrap

CHECKS_PAGE = "checks/"


def badge(
    env: jinja2.Environment,
    findings: Sequence[Diagnostic],
    checks_run: int,
    href: str = "#checks",
    *,
    unfilled: bool = False,
) -> str:
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
    return str(html(env, "checks").badge(text, css, href))


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


_PERFORMANCE_FILE = re.compile(r"/performance/(?:projects/([a-z0-9-]+)|overall)\.yaml$")  # group 1: the project


def _href(location: Location, page: str) -> str:
    """The link to a cell or sentence: on the disclosure page, or on its 绩效 page ("" if none)."""
    match = _PERFORMANCE_FILE.search(location.file)
    subpage = f"{PERFORMANCE_DIR}/{match[1] or 'overall'}/" if match else ""
    if location.anchor:
        return f"{page}{subpage}#{location.anchor}"
    return f"{page}{subpage}" if subpage else ""


class Place(NamedTuple):
    """Where a finding points, as its page shows it: a link ("" if none), the place, the data it comes from."""

    href: str
    text: str
    source: str


def _place(location: Location, page: str) -> Place:
    return Place(_href(location, page), place(location), location.describe())


def _page_of(location: Location, own_folder: str, page: str) -> str:
    """The page prefix for a location: ``page`` itself, or another disclosure's page (last year's, for
    rule 22), reached from this disclosure's page (three folders deep) by going up to the site root."""
    folder = disclosure_folder(location.file)
    if not folder or folder == own_folder:
        return page
    return f"{page}../../../{folder.split('/disclosures/', 1)[-1]}/"


def _others(finding: Diagnostic, page: str) -> list[Place]:
    """Every other cell the finding compares (once each, none that is its own place)."""
    own_folder = disclosure_folder(finding.location.file)
    seen = {(finding.location.anchor, place(finding.location))}
    others = []
    for loc in finding.related:
        key = (loc.anchor, place(loc))
        if key not in seen:
            seen.add(key)
            others.append(_place(loc, _page_of(loc, own_folder, page)))
    return others


class Shown(NamedTuple):
    """A finding as the macro ``finding`` shows it."""

    finding: Diagnostic
    targets: list[str]  # the ids (``f-<anchor>``) highlighted sentences and cells link to
    rule: str  # the rule's Chinese name
    main: Place
    others: list[Place]


def _shown(finding: Diagnostic, page: str, targets: Sequence[str]) -> Shown:
    ids = [f"{FINDING_TARGET}{t}" for t in targets]
    return Shown(finding, ids, title(finding.code), _place(finding.location, page), _others(finding, page))


def finding_html(env: jinja2.Environment, finding: Diagnostic, page: str = "", targets: Sequence[str] = ()) -> str:
    """One finding for readers: the rule's Chinese name and severity, the message, figures and links, and
    the rule's code as a small 「规则编号」 (the hint, advice for whoever maintains the data, stays in
    ``gongkai check``); ``page`` prefixes the anchors, ``targets`` are the ids highlighted sentences and
    cells link to (:data:`gongkai.markup.FINDING_TARGET`)."""
    return str(html(env, "checks").finding(_shown(finding, page, targets)))


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


def findings_html(
    env: jinja2.Environment, findings: Sequence[Diagnostic], checks_run: int, page: str = "", *, targets: bool = False
) -> str:
    """The 数据核验 section of a disclosure: findings grouped by severity (errors first); with ``targets``
    (on the disclosure page, not the site-wide page) each carries the ids its highlighted sentences link to."""
    macros = html(env, "checks")
    lead = str(macros.lead(checks_run, len(findings), count_text(findings, zeros=False) if findings else ""))
    ids = _targets(findings) if targets else {}
    groups = [lead]
    for severity in Severity:
        items = [_shown(f, page, ids.get(i, ())) for i, f in enumerate(findings) if f.severity is severity]
        if items:
            groups.append(str(macros.group(severity.label, items)))
    return "\n\n".join(groups)


def _section_anchor(d: Disclosure) -> str:
    return d.url.strip("/").replace("/", "--")


def _by_rule(corpus: Corpus, report: CheckReport, env: jinja2.Environment) -> str:
    """Summary table: rule → how many findings, and in which disclosures (links to their sections)."""
    per_rule: dict[str, Counter[str]] = {}
    for d in corpus.disclosures:
        for f in report.findings.get(d.folder, []):
            per_rule.setdefault(f.code, Counter())[d.folder] += 1
    by_folder = {d.folder: d for d in corpus.disclosures}
    rows = [
        (
            title(code),
            code,
            sum(per_rule[code].values()),
            [(_section_anchor(by_folder[f]), by_folder[f].name, n) for f, n in sorted(per_rule[code].items())],
        )
        for code in sorted(per_rule, key=lambda c: (-sum(per_rule[c].values()), c))
    ]
    table = html(env, "checks").by_rule(rows)
    return wrap(env, table, "按规则汇总") if rows else str(table)


def checks_page(corpus: Corpus, report: CheckReport, env: jinja2.Environment) -> RenderedPage:
    """The site-wide 数据核验 page: a summary by rule, then every disclosure's findings."""
    disclosures = sorted(corpus.disclosures, key=lambda d: d.folder)
    macros = html(env, "checks")
    sections = [Section("按规则汇总", "by-rule", _by_rule(corpus, report, env))]
    for d in disclosures:
        findings = report.findings.get(d.folder, [])
        run = report.checks_run.get(d.folder, 0)
        page = f"../{d.url}"
        parts = (macros.folder(d.folder, page), badge(env, findings, run, f"{page}#checks"))
        body = "\n\n".join([*map(str, parts), findings_html(env, findings, run, page)])
        sections.append(Section(d.name, _section_anchor(d), body))
    everything = report.all_findings()
    total = f"共 {len(disclosures)} 份公开，" + (
        f"发现 {len(everything)} 处问题（{count_text(everything, zeros=False)}）。" if everything else "未发现问题。"
    )
    lead = str(macros.page_lead(total))
    page = env.get_template("generic.md.j2").render(
        title="数据核验", lead=lead, sections=sections, source_files="data/"
    )
    return RenderedPage(f"{CHECKS_PAGE}index.md", page)
