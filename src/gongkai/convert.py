"""Validated YAML documents → immutable models, parsing printed figures into cells with their source."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.amounts import AmountError, parse_cell
from gongkai.diagnostics import Diagnostic, Location
from gongkai.models import (
    Cell,
    ChartPoint,
    FundLine,
    GlossaryEntry,
    Indicator,
    OverallReport,
    Overview,
    PerformanceTable,
    PrintedChart,
    SourceDocument,
    Staffing,
    TextSection,
    Unit,
)
from gongkai.schema import (
    ChartsDoc,
    GlossaryDoc,
    OverallDoc,
    OverviewDoc,
    ProjectDoc,
    SectionDoc,
    SourceDoc,
    UnitDoc,
)
from gongkai.textfile import PathKey, YamlDocument

_FUND_FIELDS = (
    "initial_declared",
    "initial_budget",
    "annual_budget",
    "executed",
    "balance",
    "rate",
    "weight",
    "score",
)


class _Cells:
    """Parses printed figures of one YAML document, remembering every problem."""

    def __init__(self, doc: YamlDocument, prefix: PathKey = ()) -> None:
        self.doc = doc
        self.prefix = prefix
        self.problems: list[Diagnostic] = []

    def cell(self, raw: str, path: PathKey, *, percent: bool = False) -> Cell:
        full = (*self.prefix, *path)
        where = Location(self.doc.rel, line=self.doc.line_of(full), field=".".join(str(p) for p in full))
        try:
            return parse_cell(raw, where, percent=percent)
        except AmountError as exc:
            self.problems.append(exc.diagnostic)
            return parse_cell("", where)


def unit(doc: UnitDoc) -> Unit:
    return Unit(doc.name, doc.code, doc.slug, tuple(doc.region), doc.region_slug, doc.department)


def source(doc: SourceDoc) -> SourceDocument:
    return SourceDocument(doc.title, doc.file, doc.url, doc.publisher, doc.sha256)


def sections(docs: Sequence[SectionDoc], ydoc: YamlDocument, path: PathKey) -> tuple[TextSection, ...]:
    return tuple(
        TextSection(
            title=s.title,
            paragraphs=tuple(s.paragraphs),
            subsections=sections(s.subsections, ydoc, (*path, i, "subsections")),
            line=ydoc.line_of((*path, i)),
        )
        for i, s in enumerate(docs)
    )


def overview(doc: OverviewDoc, ydoc: YamlDocument) -> Overview:
    staffing = None
    if doc.staffing is not None:
        s = doc.staffing
        where = Location(ydoc.rel, line=ydoc.line_of(("staffing",)), field="staffing")
        staffing = Staffing(s.authorized, s.actual, s.retired, s.text, where)
    return Overview(sections(doc.sections, ydoc, ("sections",)), staffing, ydoc.rel)


def glossary(doc: GlossaryDoc, rel: str) -> tuple[GlossaryEntry, ...]:
    return tuple(GlossaryEntry(e.term, e.definition, e.number, tuple(e.aliases), rel) for e in doc.entries)


def printed_charts(doc: ChartsDoc, ydoc: YamlDocument) -> tuple[tuple[PrintedChart, ...], list[Diagnostic]]:
    cells = _Cells(ydoc)
    charts = tuple(
        PrintedChart(
            c.figure,
            c.title,
            c.unit,
            tuple(
                ChartPoint(p.category, p.series, cells.cell(p.value, ("charts", i, "points", j, "value")))
                for j, p in enumerate(c.points)
            ),
        )
        for i, c in enumerate(doc.charts)
    )
    return charts, cells.problems


def _project(
    doc: ProjectDoc, ydoc: YamlDocument, prefix: PathKey, slug: str
) -> tuple[PerformanceTable, list[Diagnostic]]:
    cells = _Cells(ydoc, prefix)
    funds = tuple(
        FundLine(
            f.source,
            *(cells.cell(getattr(f, name), ("funds", i, name), percent=name == "rate") for name in _FUND_FIELDS),
        )
        for i, f in enumerate(doc.funds)
    )
    indicators = tuple(
        Indicator(
            ind.level1,
            ind.level2,
            ind.name,
            ind.target,
            ind.adjusted_target,
            ind.actual,
            cells.cell(ind.weight, ("indicators", i, "weight")),
            cells.cell(ind.score, ("indicators", i, "score")),
            ind.deviation,
            Location(ydoc.rel, line=ydoc.line_of((*prefix, "indicators", i)), field=f"indicators.{i}"),
        )
        for i, ind in enumerate(doc.indicators)
    )
    table = PerformanceTable(
        slug=slug,
        name=doc.name,
        year=doc.year,
        department=doc.department,
        implementing_unit=doc.implementing_unit,
        funds=funds,
        goal_target=doc.goal.target,
        goal_actual=doc.goal.actual,
        indicators=indicators,
        total_score=cells.cell(doc.total_score, ("total_score",)),
        grade=doc.grade,
        analysis=sections(doc.analysis, ydoc, (*prefix, "analysis")),
        report=sections(doc.report, ydoc, (*prefix, "report")),
        notes=tuple(doc.notes),
        file=ydoc.rel,
    )
    return table, cells.problems


def project_table(doc: ProjectDoc, ydoc: YamlDocument) -> tuple[PerformanceTable, list[Diagnostic]]:
    slug = ydoc.rel.rsplit("/", 1)[-1].removesuffix(".yaml")
    return _project(doc, ydoc, (), slug)


def overall_report(doc: OverallDoc, ydoc: YamlDocument) -> tuple[OverallReport, list[Diagnostic]]:
    cells = _Cells(ydoc)
    table, problems = _project(doc.table, ydoc, ("table",), "overall") if doc.table else (None, [])
    report = OverallReport(
        title=doc.title,
        kind=doc.kind,
        year=doc.year,
        score=cells.cell(doc.score, ("score",)),
        grade=doc.grade,
        sections=sections(doc.sections, ydoc, ("sections",)),
        table=table,
        file=ydoc.rel,
    )
    return report, cells.problems + problems
