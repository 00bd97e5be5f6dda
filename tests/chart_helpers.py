"""Small hand-built model objects for the chart tests (no loader needed)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gongkai.diagnostics import Location
from gongkai.models import (
    NOT_APPLICABLE_MARKS,
    Cell,
    CellState,
    ChartPoint,
    Column,
    Disclosure,
    FundLine,
    Indicator,
    PerformanceTable,
    PrintedChart,
    SourceDocument,
    Table,
    TableRow,
    TextSection,
    Unit,
)
from gongkai.tables import SPECS

HERE = Location("test")


def cell(raw: str) -> Cell:
    """A printed figure: "" is blank, 「——」 not applicable, anything else an amount."""
    if raw == "":
        return Cell(raw, CellState.EMPTY, None, HERE)
    if raw in NOT_APPLICABLE_MARKS:
        return Cell(raw, CellState.NOT_APPLICABLE, None, HERE)
    return Cell(raw, CellState.AMOUNT, Decimal(raw), HERE)


def table_row(name: str, cells: dict[str, str], *, row_no: str = "", code: str = "") -> TableRow:
    return TableRow(0, row_no, code, name, {title: cell(raw) for title, raw in cells.items()})


def table(table_id: str, rows: list[TableRow], *, no_data: bool = False) -> Table:
    spec = SPECS[table_id]
    columns = tuple(Column(title, i + 1) for i, title in enumerate(spec.amounts))
    return Table(table_id, spec.title, f"tables/gongkai{table_id}.csv", "万元", columns, tuple(rows), no_data, ())


def printed(figure: str, title: str, points: list[tuple[str, str, str]], unit: str = "万元") -> PrintedChart:
    """A chart as printed; points are (category, series, value)."""
    return PrintedChart(figure, title, unit, tuple(ChartPoint(c, s, cell(v)) for c, s, v in points))


def explanations(*paragraphs: str) -> tuple[TextSection, ...]:
    return (TextSection("一、收入支出决算总体情况说明", subsections=(TextSection("（一）", paragraphs),)),)


def disclosure(
    tables: Sequence[Table] = (),
    *,
    text: tuple[TextSection, ...] = (),
    charts: tuple[PrintedChart, ...] = (),
    year: int = 2023,
) -> Disclosure:
    unit = Unit("襄垣县信访局", "025001", "xiangyuan-xinfangju", ("山西省", "长治市", "襄垣县"), "sx", "襄垣县信访局")
    return Disclosure(
        unit=unit,
        year=year,
        kind="决算",
        slug=f"{year}-juesuan",
        published="",
        revision=1,
        currency_unit="万元",
        source=SourceDocument("测试", "test.txt"),
        title="测试",
        folder="test",
        overview=None,
        tables={t.id: t for t in tables},
        explanations=text,
        glossary=(),
        printed_charts=charts,
        projects=(),
        overall=None,
    )


def indicator(name: str, weight: str, score: str, level2: str = "数量指标") -> Indicator:
    return Indicator("产出指标", level2, name, "", "", "", cell(weight), cell(score), "", HERE)


def fund_line(source: str, budget: str, executed: str, weight: str = "10", score: str = "10") -> FundLine:
    return FundLine(
        source, cell(budget), cell(budget), cell(budget), cell(executed), cell(""), cell(""), cell(weight), cell(score)
    )


def project(funds: list[FundLine], indicators: list[Indicator]) -> PerformanceTable:
    return PerformanceTable(
        slug="yishu",
        name="遗属人员补助",
        year=2023,
        department="025-襄垣县信访局",
        implementing_unit="025001-襄垣县信访局",
        funds=tuple(funds),
        goal_target="",
        goal_actual="",
        indicators=tuple(indicators),
        total_score=cell("98.69"),
        grade="优",
        analysis=(),
        report=(),
        notes=(),
        file="performance/projects/yishu.yaml",
    )
