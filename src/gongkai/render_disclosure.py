"""Stage 4a: the Markdown of one disclosure — its main page, one page per 绩效 evaluation, chart SVGs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from gongkai import markup, page_meta
from gongkai.address import cell_id, performance_cell_id, table_anchor, term_anchor, text_key
from gongkai.budget import BudgetActual
from gongkai.charts import ChartData
from gongkai.diagnostics import Diagnostic, Severity
from gongkai.documents import UNFILLED, page_title, placeholders, stated_totals
from gongkai.downloads import Downloads
from gongkai.figures import budget_charts, disclosure_charts, function_chart
from gongkai.glossary import LinkScope, escape
from gongkai.markup import Card, Section
from gongkai.models import Cell, Disclosure, OverallReport, PerformanceTable, Table
from gongkai.money import table_units
from gongkai.performance_html import PERFORMANCE_DIR, funds_table, indicator_table, performance_summary
from gongkai.provenance import original, table_source
from gongkai.render_budget import budget_actual_section
from gongkai.render_downloads import downloads_section
from gongkai.rules.prose import EXPLANATIONS
from gongkai.spending import drill_down, spending
from gongkai.table_html import table_html
from gongkai.tables import grand_total

EVALUATION_TO_DISCLOSURE = "../../"  # from a 绩效 page (<disclosure>/jixiao/<slug>/) to its disclosure page


def _legend(env: jinja2.Environment, flagged: Set[str], findings_page: str, key: str) -> str:
    """The legend of the highlighted sentences, above a text (sentence ids ``<key>-…``) that has any."""
    sentence = re.compile(rf"{re.escape(key)}(?:-\d+)+-p\d+-s\d+")
    return markup.flag_legend(env, findings_page) + "\n\n" if any(sentence.fullmatch(a) for a in flagged) else ""


@dataclass
class RenderedPage:
    path: str  # relative to content/, e.g. region/unit/2023-juesuan/index.md
    markdown: str


@dataclass
class DisclosureOutput:
    pages: list[RenderedPage] = field(default_factory=list)
    charts: list[tuple[str, ChartData]] = field(default_factory=list)  # (content path of the SVG, chart)


def _cell_href(table: Table | None, name: str, column: str) -> tuple[Cell | None, str]:
    """A cell of a table by row name (收入总计 / 支出总计: the half's 总计, :func:`grand_total`) and column
    title, with its anchor link."""
    if table is None:
        return None, ""
    row = grand_total(table, name[:2]) if name in _GRAND_TOTALS else table.row_by_name(name)
    titles = [c.title for c in table.columns]
    if row is None or column not in titles:
        return None, ""
    return row.cells[column], f"#{cell_id(table.id, row, titles.index(column))}"


_GRAND_TOTALS = ("收入总计", "支出总计")
_CARD_CELLS: tuple[tuple[str, str, str, str], ...] = (  # label, table, row name, column
    ("收入总计", "01", "收入总计", "金额"),
    ("支出总计", "01", "支出总计", "金额"),
    ("一般公共预算财政拨款支出", "05", "合计", "合计"),
    ("基本支出", "03", "合计", "基本支出"),
    ("项目支出", "03", "合计", "项目支出"),
    ("“三公”经费决算", "09", "决算数", "合计"),
    ("收入总计", "Y01", "收入总计", "合计"),  # 预算: the 预算 tables
    ("支出总计", "Y01", "支出总计", "合计"),
    ("一般公共预算支出", "Y05", "合计", "合计"),
    ("基本支出", "Y03", "合计", "基本支出"),
    ("项目支出", "Y03", "合计", "项目支出"),
    ("“三公”经费预算", "Y09", "预算数", "合计"),
    ("机关运行经费预算", "Y09", "预算数", "机关运行经费"),
)
_CARD_PRINTED = (  # label, chart, series, category (this year) — for documents that print no tables
    ("收入总计", "图1", "收入", "{year}年"),
    ("支出总计", "图1", "支出", "{year}年"),
    ("基本支出", "图3", "", "基本支出"),
    ("项目支出", "图3", "", "项目支出"),
)


def key_cards(d: Disclosure) -> list[Card]:
    """Headline figures, each linking to the cell it is printed in (or taken from the printed charts)."""
    result = []
    for label, table_id, name, column in _CARD_CELLS:
        table = d.table(table_id)
        cell, href = _cell_href(table, name, column)
        if cell is not None and cell.is_amount and table is not None:
            result.append(Card(label, cell.raw.strip(), table.unit, href))
        elif table is not None and table.no_data:
            result.append(Card(label, "无", "", "", "本表无数据"))
    if d.tables:
        return result
    result.extend(_printed_cards(d))
    shown = {card.label for card in result}
    if d.overall is not None:  # what the 整体 report states, where tables and charts give nothing
        result.extend(
            Card(t.label, f"{t.figure.value}", t.figure.unit, _overall_href(t.figure.sentence.anchor), "取自报告原文")
            for t in stated_totals(d.overall.sections)
            if t.label not in shown
        )
    return result


def _printed_cards(d: Disclosure) -> list[Card]:
    result = []
    charts = {c.figure: c for c in d.printed_charts}
    for label, figure, series, category in _CARD_PRINTED:
        chart = charts.get(figure)
        point = (
            next((p for p in chart.points if p.series == series and p.category == category.format(year=d.year)), None)
            if chart
            else None
        )
        if point is not None and point.value.is_amount:
            result.append(
                Card(label, point.value.raw.strip(), chart.unit if chart else "", "#charts", f"取自原文{figure}")
            )
    return result


def _table_block(env: jinja2.Environment, table: Table, scope: LinkScope, macros: Any) -> str:
    scope.new_section()
    parts = [f"### {table.label} {escape(table.title)} {{: #{table_anchor(table.id)} }}"]  # a Markdown heading
    if table.no_data:
        parts.append(str(macros.no_data()))
    if table.rows and (table.has_amounts() or not table.no_data):
        parts.append(table_html(env, table, scope.link))
    parts.extend(markup.paragraph(env, note, scope, "gk-note") for note in table.notes)
    parts.append(table_source(env, table))
    return "\n\n".join(parts)


def _overall_href(anchor: str) -> str:
    """A sentence of the 整体 report, on its own page, from the disclosure page."""
    return f"{PERFORMANCE_DIR}/overall/#{anchor}"


def _unfilled_note(d: Disclosure, macros: Any) -> str:
    """The warning on a 参考格式 left unfilled, naming its blank fields and linking to the first."""
    found = placeholders(d)
    if not found:
        return ""
    return str(macros.unfilled(UNFILLED, [p.text for p in found], _overall_href(found[0].sentence.anchor)))


def _charts_block(env: jinja2.Environment, charts: list[ChartData]) -> str:
    return "\n\n".join(markup.figure(env, c, f"charts/{c.key}.svg") for c in charts)


def _drawn(charts: list[ChartData] | ChartData | None, d: Disclosure, out: DisclosureOutput) -> list[ChartData]:
    """``charts`` (one or none), the SVGs of those that are drawn added to the page's output."""
    found = [charts] if isinstance(charts, ChartData) else charts or []
    out.charts.extend((f"{d.url}charts/{c.key}.svg", c) for c in found if c.drawn)
    return found


def flagged_sentences(findings: Iterable[Diagnostic]) -> dict[str, frozenset[str]]:
    """Data file → the anchors errors and warnings point at (sentences among them are marked on the page;
    a notice, such as the list of figures left unchecked, marks nothing)."""
    flags: dict[str, set[str]] = {}
    for finding in findings:
        if finding.severity is Severity.NOTICE:
            continue
        for where in (finding.location, *finding.related):
            if where.anchor:
                flags.setdefault(where.file, set()).add(where.anchor)
    return {file: frozenset(anchors) for file, anchors in flags.items()}


def render_disclosure(
    d: Disclosure,
    scope_for: Callable[[str, str], LinkScope],
    env: jinja2.Environment,
    badge: str,
    findings_block: str,
    downloads: Downloads,
    flagged: Mapping[str, Set[str]],
    budget: BudgetActual | None = None,
) -> DisclosureOutput:
    """Every page of one disclosure; ``scope_for(page_url, title)`` gives the glossary linker of a page;
    ``flagged`` (from :func:`flagged_sentences`) says which sentences of which file have findings;
    ``budget`` is the 决算's budget against actual, when its unit published the 预算 of the year."""

    def flags(file: str) -> Set[str]:
        return flagged.get(file, frozenset())

    out = DisclosureOutput()
    macros = markup.html(env, "disclosure")
    title = page_title(d)
    scope = scope_for(d.url, title)
    sections: list[Section] = []
    on_what = spending(d)
    function_figure = function_chart(d) if on_what is None else None
    if on_what is not None or function_figure is not None:
        body = drill_down(env, on_what) if on_what is not None else ""
        sections.append(Section("钱花在哪里", "spending", body + _charts_block(env, _drawn(function_figure, d, out))))
    charts = _drawn(disclosure_charts(d) + budget_charts(d), d, out)
    if charts:
        sections.append(Section("收支情况", "charts", _charts_block(env, charts)))
    if budget is not None:
        section, budget_figures = budget_actual_section(budget, "../" * d.url.count("/"), env)
        sections.append(section)
        out.charts.extend((f"{d.url}charts/{c.key}.svg", c) for c in budget_figures)
    if d.tables:
        ordered = sorted(d.tables.values(), key=lambda t: t.id)
        tables = "\n\n".join(_table_block(env, t, scope, macros) for t in ordered)
        parts = tuple((f"{t.label} {t.title}", table_anchor(t.id)) for t in ordered)
        sections.append(Section(f"{d.kind}表", "tables", tables, parts=parts))
    if d.explanations:
        sections.append(
            Section(
                "情况说明",
                "explanations",
                _legend(env, flags(f"{d.folder}/{EXPLANATIONS}"), "", "explanation")
                + markup.text_sections(
                    env, d.explanations, scope, 3, "explanation", flags(f"{d.folder}/{EXPLANATIONS}")
                ),
                parts=tuple((part.title, f"explanation-{i}") for i, part in enumerate(d.explanations, start=1)),
            )
        )
    if d.projects or d.overall:
        sections.append(Section("绩效自评", "performance", performance_summary(env, d)))
    sections.append(Section("数据核验", "checks", findings_block))
    if d.overview is not None:
        sections.append(
            Section(
                "单位概况",
                "overview",
                _legend(env, flags(d.overview.file), "", "overview")
                + markup.text_sections(env, d.overview.sections, scope, 3, "overview", flags(d.overview.file)),
            )
        )
    if d.glossary:
        entries = [(term_anchor(e.term), e.number, e.term, e.definition) for e in d.glossary]
        sections.append(Section("名词解释（原文）", "glossary", str(macros.glossary(entries))))
    sections.append(Section("下载数据", "downloads", downloads_section(env, downloads)))
    cards = key_cards(d)
    page = env.get_template("disclosure.md.j2").render(
        d=d,
        title=title,
        original=original(env, d),
        unfilled=_unfilled_note(d, macros),
        region=" › ".join(d.unit.region),
        units=markup.html(env, "money").amount_units(*table_units(d)),
        badge=badge,
        cards=markup.cards(env, cards),
        description=page_meta.disclosure_description(d, cards),
        data_href="#downloads",
        contents=markup.contents(env, sections),
        sections=sections,
        source_files=d.folder,
    )
    out.pages.append(RenderedPage(f"{d.url}index.md", page))
    for project in d.projects:
        out.pages.append(_project_page(d, project, scope_for, env, flags(project.file)))
    if d.overall is not None:
        out.pages.append(_overall_page(d, d.overall, scope_for, env, flags(d.overall.file)))
    return out


def _evaluation_sections(
    env: jinja2.Environment,
    p: PerformanceTable,
    scope: LinkScope,
    flagged: Set[str],
    macros: Any,
    in_overall_table: bool = False,
) -> list[Section]:
    sections = []
    if p.funds:
        sections.append(Section("资金执行", "funds", funds_table(env, p)))
    if p.goal_target or p.goal_actual:
        body = macros.goal(Markup(scope.link(p.goal_target)), Markup(scope.link(p.goal_actual)))
        sections.append(Section("年度绩效目标", "goal", str(body)))
    if p.indicators:
        sections.append(Section("绩效指标", "indicators", indicator_table(env, p)))
    for title, part, texts in (("绩效分析", "analysis", p.analysis), ("自评报告", "report", p.report)):
        if texts:
            key = text_key(part, in_overall_table)
            body = _legend(env, flagged, EVALUATION_TO_DISCLOSURE, key) + markup.text_sections(
                env, texts, scope, 3, key, flagged, EVALUATION_TO_DISCLOSURE
            )
            sections.append(Section(title, part, body))
    if p.notes:
        sections.append(
            Section("备注", "notes", "\n\n".join(markup.paragraph(env, n, scope, "gk-note") for n in p.notes))
        )
    return sections


def _back_link(d: Disclosure, macros: Any) -> str:
    return str(macros.back(page_title(d), d.source.title))


def _project_page(
    d: Disclosure,
    p: PerformanceTable,
    scope_for: Callable[[str, str], LinkScope],
    env: jinja2.Environment,
    flagged: Set[str],
) -> RenderedPage:
    url = f"{d.url}{PERFORMANCE_DIR}/{p.slug}/"
    title = f"{p.name} 项目支出绩效自评"
    scope = scope_for(url, title)
    macros = markup.html(env, "disclosure")
    lead = (
        _back_link(d, macros)
        + "\n\n"
        + markup.paragraph(
            env,
            f"主管部门：{p.department or '—'}；实施单位：{p.implementing_unit or '—'}；评价年度：{p.year}年。",
            None,
            "gk-meta",
        )
    )
    page = env.get_template("generic.md.j2").render(
        title=title,
        full_title=page_meta.project_title(d, p),
        description=page_meta.project_description(d, p),
        lead=lead,
        sections=_evaluation_sections(env, p, scope, flagged, macros),
        source_files=p.file,
    )
    return RenderedPage(f"{url}index.md", page)


def _overall_page(
    d: Disclosure,
    r: OverallReport,
    scope_for: Callable[[str, str], LinkScope],
    env: jinja2.Environment,
    flagged: Set[str],
) -> RenderedPage:
    url = f"{d.url}{PERFORMANCE_DIR}/overall/"
    scope = scope_for(url, r.title)
    macros = markup.html(env, "disclosure")
    text = markup.text_sections(env, r.sections, scope, 3, "report", flagged, EVALUATION_TO_DISCLOSURE)
    sections = [Section("报告正文", "report", _legend(env, flagged, EVALUATION_TO_DISCLOSURE, "report") + text)]
    if r.table is not None:
        sections.extend(
            Section(f"整体绩效目标表：{s.title}", f"table-{s.anchor}", s.body)
            for s in _evaluation_sections(env, r.table, scope, flagged, macros, in_overall_table=True)
        )
    score = Markup(markup.cell_text(r.score)) if r.score.is_amount else None  # cell_text: the printed figure, escaped
    meta = macros.overall_meta(performance_cell_id(r.score.source.field or "score"), score, r.kind, r.year)
    lead = f"{_back_link(d, macros)}\n\n{meta}"
    page = env.get_template("generic.md.j2").render(
        title=r.title,
        full_title=page_meta.overall_title(d, r),
        description=page_meta.overall_description(d, r),
        lead=lead,
        sections=sections,
        source_files=r.file,
    )
    return RenderedPage(f"{url}index.md", page)
