"""Stage 4c: findings on the site — the badge near a disclosure's title, its 数据核验 section, the site page."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from gongkai.diagnostics import Diagnostic, Severity
from gongkai.glossary import escape
from gongkai.markup import Section
from gongkai.models import Corpus
from gongkai.render_disclosure import RenderedPage
from gongkai.rules import CheckReport

CHECKS_PAGE = "checks/"


def badge(findings: Sequence[Diagnostic], checks_run: int, href: str = "#checks") -> str:
    """「核验：发现 3 处不一致」 or 「核验通过 42 项」, linking to the findings."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        text, css = f"核验：发现 {errors} 处不一致", "gk-badge--error"
    elif findings:
        text, css = f"核验：{len(findings)} 处需要留意", "gk-badge--warn"
    elif checks_run:
        text, css = f"核验通过 {checks_run} 项", "gk-badge--ok"
    else:
        text, css = "无可核验的表格数据", "gk-badge--warn"
    return f'<a class="gk-badge {css}" href="{href}">{text}</a>'


def _cell_link(finding: Diagnostic) -> str:
    loc = finding.location
    where = escape(loc.describe())
    return f'<span class="gk-finding__where">{where}</span>'


def findings_html(findings: Sequence[Diagnostic], checks_run: int) -> str:
    if not findings:
        return (
            f"<p>共核对 {checks_run} 项，未发现不一致。</p>"
            if checks_run
            else "<p>这份公开没有可供核对的表格数据。</p>"
        )
    items = "".join(
        f'<li class="gk-finding gk-finding--{f.severity.value}"><strong>{escape(f.severity.label)}</strong> '
        f"{escape(f.message)}<br>{_cell_link(f)} <code>{escape(f.code)}</code></li>"
        for f in findings
    )
    return f'<p>共核对 {checks_run} 项，发现 {len(findings)} 处问题：</p><ul class="gk-findings">{items}</ul>'


def checks_page(corpus: Corpus, report: CheckReport, env: jinja2.Environment) -> RenderedPage:
    sections = []
    for d in sorted(corpus.disclosures, key=lambda d: d.folder):
        findings = report.findings.get(d.folder, [])
        body = badge(findings, report.checks_run.get(d.folder, 0), f"../{d.url}#checks") + "\n\n"
        body += findings_html(findings, report.checks_run.get(d.folder, 0))
        anchor = d.url.strip("/").replace("/", "--")
        sections.append(Section(f"{d.unit.name} {d.year}年度{d.kind}", anchor, body))
    lead = (
        "<p>本页列出各份公开文本中数字前后不一致的地方：合计与分项不符、文字说明与表格不符、"
        "增减额或百分比算错等。这些问题来自原文本身，本站照录原文、只作提示。</p>"
    )
    page = env.get_template("generic.md.j2").render(
        title="数据核验", lead=lead, sections=sections, source_files="data/"
    )
    return RenderedPage(f"{CHECKS_PAGE}index.md", page)
