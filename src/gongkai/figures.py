"""Which charts a disclosure (图1–图7) gets, with its numbers taken from the data.

A 绩效 project page has no chart: its 资金执行 and 绩效指标 tables already give every figure a chart
of them would (预算数 against 执行数, 得分 against 分值), and a chart costs more than the rest of its page
to draw (docs/performance.md).

A chart is drawn from the published tables where the disclosure has them, otherwise from the chart
numbers the document prints (``charts.yaml``), and skipped when neither gives data.  Last-year
figures are not in the tables: they come from the printed charts, or are worked back from the change
the 情况说明 states (this year − 增加额 / + 减少额); without either, only this year is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from gongkai.address import cell_source
from gongkai.charts import ChartData, ChartKind, Datum, decimal_text, unique
from gongkai.models import (
    Cell,
    ChartPoint,
    Disclosure,
    PrintedChart,
    Table,
    TableRow,
    TextSection,
)
from gongkai.tables import SPECS

PRINTED_NOTE = "数字取自原文所附图表。"
PRINTED_LAST_YEAR_NOTE = "上年数取自原文所附图表。"
DERIVED_LAST_YEAR_NOTE = "上年数由情况说明所列增减额推算。"

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")


Drawn = tuple[tuple[Datum, ...], str]  # a chart's data and its note

NOTHING: Drawn = ((), "")


@dataclass(frozen=True)
class _Change:
    """One bar series of a 变动情况 chart: this year's cell, and the subject the 情况说明 uses."""

    row: str  # 行次, or "" for the table's 合计 row
    column: str
    series: str  # also the subject looked for in 情况说明, e.g. 收入总计


@dataclass(frozen=True)
class _Figure:
    key: str
    figure: str
    title: str
    kind: ChartKind
    from_tables: Callable[[Disclosure], Drawn]


# ------------------------------------------------------------------------------------------- cells


def _amount(cell: Cell | None, category: str, series: str, source: str) -> Datum | None:
    """The datum for a printed amount; nothing for a blank or 「——」 cell."""
    if cell is None or not cell.is_amount or cell.value is None:
        return None
    return Datum(category, series, cell.value, cell.raw, source)


def _present(items: Iterable[Datum | None]) -> tuple[Datum, ...]:
    return tuple(item for item in items if item is not None)


def _table(d: Disclosure, table_id: str) -> Table | None:
    table = d.table(table_id)
    return table if table is not None and not table.no_data else None


def _total_row(table: Table) -> TableRow | None:
    """The 合计 line of a table listed by subject code: the first line without a code or 行次."""
    return next((r for r in table.rows if not r.code and not r.row_no), None)


def _cell(table: Table, row: TableRow | None, column: str, category: str, series: str = "") -> Datum | None:
    if row is None:
        return None
    page = f"（原文第{row.page}页）" if row.page else ""
    return _amount(row.cell(column), category, series, cell_source(table, row, column) + page)


def _printed(chart: PrintedChart, point: ChartPoint) -> Datum | None:
    return _amount(point.value, point.category, point.series, f"charts.yaml {chart.figure}")


# --------------------------------------------------------------------------------- structure charts


def _structure(data: tuple[Datum, ...]) -> Drawn:
    """A share chart needs something to draw: at least one positive amount."""
    return (data, "") if any(item.value > 0 for item in data) else NOTHING


def _income_structure(d: Disclosure) -> Drawn:
    """图2: 公开01 income rows 1–8 (一般公共预算财政拨款收入 … 其他收入)."""
    table = _table(d, "01")
    if table is None:
        return NOTHING
    rows = [row for row in (table.row_by_no(str(n)) for n in range(1, 9)) if row is not None]
    return _structure(_present(_cell(table, row, "金额", _NUMBERING.sub("", row.name)) for row in rows))


def _spending_structure(d: Disclosure) -> Drawn:
    """图3: the 合计 line of 公开03 by kind of spending (基本支出, 项目支出, 上缴上级支出, …)."""
    table = _table(d, "03")
    if table is None:
        return NOTHING
    row = _total_row(table)
    return _structure(_present(_cell(table, row, column, column) for column in SPECS["03"].amounts[1:]))


def _general_budget_structure(d: Disclosure) -> Drawn:
    """图6: 公开05 合计 by 类 (3-digit subject codes)."""
    table = _table(d, "05")
    if table is None:
        return NOTHING
    classes = (row for row in table.rows if len(row.code) == 3)
    return _structure(_present(_cell(table, row, "合计", row.name) for row in classes))


_THREE_PUBLIC = (
    ("因公出国（境）费", "因公出国（境）费"),
    ("公务用车购置及运行维护费小计", "公务用车购置及运行维护费"),
    ("公务接待费", "公务接待费"),
)


def _three_public_structure(d: Disclosure) -> Drawn:
    """图7: 公开09 决算数 by component (因公出国（境）, 公务用车购置及运行维护, 公务接待)."""
    table = _table(d, "09")
    if table is None:
        return NOTHING
    row = table.row_by_name("决算数")
    return _structure(_present(_cell(table, row, column, name) for column, name in _THREE_PUBLIC))


# ------------------------------------------------------------------------------------ change charts


def _paragraphs(sections: Iterable[TextSection]) -> Iterable[str]:
    for section in sections:
        yield from section.paragraphs
        yield from _paragraphs(section.subsections)


def _stated_change(d: Disclosure, subject: str) -> re.Match[str] | None:
    """The first 「{subject}增加/减少X万元」 in 情况说明 (「收入总计」 not inside 「财政拨款收入总计」)."""
    pattern = re.compile(rf"(?<!拨款){re.escape(subject)}(增加|减少)(\d+(?:\.\d+)?)万元")
    return next(filter(None, map(pattern.search, _paragraphs(d.explanations))), None)


def _last_year(d: Disclosure, now: Datum, printed: PrintedChart | None) -> tuple[Datum, str] | None:
    """Last year's figure for ``now``'s series, and the note saying where it comes from."""
    category = f"{d.year - 1}年"
    if printed is not None:
        for point in printed.points:
            before = _printed(printed, point)
            if before is not None and (before.category, before.series) == (category, now.series):
                return before, PRINTED_LAST_YEAR_NOTE
    stated = _stated_change(d, now.series)
    if stated is None:
        return None
    change = Decimal(stated.group(2))
    value = now.value - change if stated.group(1) == "增加" else now.value + change
    source = f"由{now.source}与情况说明「{stated.group(0)}」推算"
    return Datum(category, now.series, value, decimal_text(value), source), DERIVED_LAST_YEAR_NOTE


def _changes(figure: str, table_id: str, lines: tuple[_Change, ...]) -> Callable[[Disclosure], Drawn]:
    """A 变动情况 chart: this year's totals from the table, last year's where the data gives them."""

    def drawn(d: Disclosure) -> Drawn:
        table = _table(d, table_id)
        if table is None:
            return NOTHING
        rows = [table.row_by_no(line.row) if line.row else _total_row(table) for line in lines]
        now = _present(
            _cell(table, row, line.column, f"{d.year}年", line.series) for row, line in zip(rows, lines, strict=True)
        )
        printed = next((chart for chart in d.printed_charts if chart.figure == figure), None)
        found = [pair for pair in (_last_year(d, datum, printed) for datum in now) if pair is not None]
        notes = "".join(dict.fromkeys(note for _, note in found))
        return (*(before for before, _ in found), *now), notes

    return drawn


_INCOME = _Figure("fig2", "图2", "收入决算结构", "shares", _income_structure)
_SPENDING = _Figure("fig3", "图3", "支出决算结构", "shares", _spending_structure)
_FUNCTIONS = _Figure("fig6", "图6", "一般公共预算财政拨款支出决算结构", "shares", _general_budget_structure)
_THREE_PUBLIC_FIGURE = _Figure("fig7", "图7", "“三公”经费财政拨款支出结构", "shares", _three_public_structure)

# The three 变动情况 charts of the template (图1, 图4, 图5), drawn as one: the figure, its data from the
# tables, and the words put before the series names of the chart as printed (收入 / 支出)
_CHANGES: tuple[tuple[str, Callable[[Disclosure], Drawn], str], ...] = (
    ("图1", _changes("图1", "01", (_Change("31", "金额", "收入总计"), _Change("62", "金额", "支出总计"))), ""),
    (
        "图4",
        _changes("图4", "04", (_Change("32", "合计", "财政拨款收入总计"), _Change("64", "合计", "财政拨款支出总计"))),
        "财政拨款",
    ),
    ("图5", _changes("图5", "05", (_Change("", "合计", "一般公共预算财政拨款支出"),)), "一般公共预算财政拨款"),
)
CHANGE_TITLE = "收、支总计与上年对比"


def _from_printed(chart: PrintedChart, kind: ChartKind) -> Drawn:
    data = _present(_printed(chart, point) for point in chart.points)
    if kind == "shares":
        data, _ = _structure(data)
    return (data, PRINTED_NOTE) if data else NOTHING


def _chart(d: Disclosure, figure: _Figure) -> ChartData | None:
    """A figure from the tables if they give data, else as printed, else nothing."""
    data, note = figure.from_tables(d)
    unit = d.currency_unit
    printed = next((chart for chart in d.printed_charts if chart.figure == figure.figure), None)
    if not data and printed is not None:
        data, note = _from_printed(printed, figure.kind)
        unit = printed.unit or unit
    return ChartData(figure.key, figure.figure, figure.title, figure.kind, unit, data, note) if data else None


def _series_values(data: Iterable[Datum], series: str) -> tuple[tuple[str, Decimal], ...]:
    return tuple((d.category, d.value) for d in data if d.series == series)


def _year_on_year(d: Disclosure) -> ChartData | None:
    """图1, 图4 and 图5 as one chart, a row per total (收入总计, 财政拨款收入总计, …), a bar per year; a
    total whose figures repeat one already drawn (all income is 财政拨款, say) is named in the note."""
    printed = {chart.figure: chart for chart in d.printed_charts}
    data: list[Datum] = []
    notes: list[str] = []
    repeats: list[str] = []
    unit = ""
    for figure, from_tables, prefix in _CHANGES:
        drawn, note = from_tables(d)
        figure_unit = d.currency_unit
        if not drawn and figure in printed:
            drawn, note = _from_printed(printed[figure], "change")
            drawn = tuple(
                replace(p, series=p.series if p.series.startswith(prefix) else prefix + p.series) for p in drawn
            )
            figure_unit = printed[figure].unit or figure_unit
        if not drawn or unit not in ("", figure_unit):
            continue
        unit = figure_unit
        notes.append(note)
        for series in unique(p.series for p in drawn):
            values = _series_values(drawn, series)
            same = next((s for s in unique(p.series for p in data) if _series_values(data, s) == values), None)
            if same is not None:
                repeats.append(f"{series}与{same}相同")
            elif series not in {p.series for p in data}:
                data.extend(p for p in drawn if p.series == series)
    if not data:
        return None
    note = "".join(dict.fromkeys(notes)) + ("，".join(repeats) + "，不重复画出。" if repeats else "")
    ordered = tuple(sorted(data, key=lambda p: p.category))  # last year before this year, in each row
    return ChartData("change", "", CHANGE_TITLE, "change", unit, ordered, note)


def disclosure_charts(d: Disclosure) -> list[ChartData]:
    """The charts of 收支: income and spending by kind (图2, 图3), this year against last (图1, 图4 and 图5
    as one chart) and the “三公” costs (图7), each from the tables if they give data, else as printed."""
    charts = [_chart(d, _INCOME), _chart(d, _SPENDING), _year_on_year(d), _chart(d, _THREE_PUBLIC_FIGURE)]
    return [chart for chart in charts if chart is not None]


def function_chart(d: Disclosure) -> ChartData | None:
    """图6, spending by 功能分类 类: for a disclosure whose tables give no 功能分类 breakdown."""
    return _chart(d, _FUNCTIONS)


# ------------------------------------------------------------------------------------------- 预算


def _budget_income(d: Disclosure) -> Drawn:
    """收入预算 by source: 预算02 合计 line, each source column (财政拨款收入 once, not its three funds)."""
    table = _table(d, "Y02")
    row = _total_row(table) if table is not None else None
    if table is None or row is None:
        return NOTHING
    columns = [c.title for c in table.columns[1:] if not c.title.endswith("预算拨款收入")]
    return _structure(_present(_cell(table, row, column, column) for column in columns))


def _budget_kinds(d: Disclosure) -> Drawn:
    """基本支出 and 项目支出 of 预算03's 合计 line."""
    table = _table(d, "Y03")
    row = _total_row(table) if table is not None else None
    if table is None or row is None:
        return NOTHING
    return _structure(_present(_cell(table, row, column, column) for column in ("基本支出", "项目支出")))


def _budget_running(d: Disclosure) -> Drawn:
    """预算09: the “三公” parts and 机关运行经费 as printed."""
    table = _table(d, "Y09")
    row = table.rows[0] if table is not None and table.rows else None
    if table is None or row is None:
        return NOTHING
    columns = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费小计", "机关运行经费")
    names = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费", "机关运行经费")
    data = _present(_cell(table, row, column, name) for column, name in zip(columns, names, strict=True))
    return (data, "") if data else NOTHING


_BUDGET_FIGURES: tuple[tuple[str, str, ChartKind, Callable[[Disclosure], Drawn], str], ...] = (
    # key, title, kind, data, the table whose unit the chart is in
    ("income", "收入预算结构（按来源）", "shares", _budget_income, "Y02"),
    ("kinds", "基本支出与项目支出预算", "shares", _budget_kinds, "Y03"),
    ("running", "“三公”经费和机关运行经费预算", "bar", _budget_running, "Y09"),
)


def budget_charts(d: Disclosure) -> list[ChartData]:
    """A 预算's charts from its 预算 tables, in the unit each table is printed in; none without them."""
    charts = []
    for key, title, kind, drawn, table_id in _BUDGET_FIGURES:
        data, note = drawn(d)
        table = d.table(table_id)
        if data and table is not None:
            charts.append(ChartData(key, "", title, kind, table.unit, data, note))
    return charts
