"""Budget against actual: the 预算 a unit published for a year beside the 决算 of the same year.

The 预算 side comes from the 预算 tables (预算03表 支出预算总表 by 功能分类, 预算09表 “三公” and 机关运行
经费), the 决算 side from the 决算 tables (公开03表 本年支出合计, 公开09表 决算数, 公开10表 机关运行经费).
预算 tables are often printed in 元 and 决算 tables in 万元: both sides are compared in 万元, exactly
(元 ÷ 10000 as a decimal), and every figure keeps its printed text and where it is printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.address import cell_id, cell_source
from gongkai.amounts import WAN_PER_UNIT
from gongkai.models import Cell, Corpus, Disclosure, Table, TableRow

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Printed:
    """One printed figure of either side: the cell, its value in 万元, and where it is printed."""

    cell: Cell
    wan: Decimal
    raw: str  # as printed, with the table's unit: 「21,601,733.00元」
    source: str  # 「预算03表 科目代码201 栏次1」
    href: str  # the cell on its disclosure page, from the site root: region/unit/2025-yusuan/#ty03-r201-c1


@dataclass(frozen=True)
class Line:
    """One line of budget against actual: 年初预算 → 决算 and the execution rate."""

    name: str  # 「201 一般公共服务支出」, 「“三公”经费」
    budget: Printed | None
    actual: Printed | None

    @property
    def rate(self) -> Decimal | None:
        """决算 ÷ 年初预算 × 100, to 0.01 (half up); None without a positive budget or an actual."""
        if self.budget is None or self.actual is None or self.budget.wan <= 0:
            return None
        return (self.actual.wan * 100 / self.budget.wan).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class BudgetActual:
    budget: Disclosure  # the 预算 disclosure
    actual: Disclosure  # the 决算 disclosure of the same unit and year
    functions: tuple[Line, ...]  # 支出合计, then each 类 of 功能分类
    running: tuple[Line, ...]  # “三公”经费 and its parts, 机关运行经费

    @property
    def total(self) -> Line | None:
        return self.functions[0] if self.functions else None


def _printed(d: Disclosure, table: Table, row: TableRow, column: str) -> Printed | None:
    cell = row.cell(column)
    if cell is None or not cell.is_amount or cell.value is None:
        return None
    factor = WAN_PER_UNIT.get(table.unit.strip(), Decimal(1))
    index = [c.title for c in table.columns].index(column)
    return Printed(
        cell,
        cell.value * factor,
        f"{cell.raw.strip()}{table.unit}",
        cell_source(table, row, column),
        f"{d.url}#{cell_id(table.id, row, index)}",
    )


def _usable(d: Disclosure, table_id: str) -> Table | None:
    table = d.table(table_id)
    return table if table is not None and not table.no_data else None


def _total_row(table: Table) -> TableRow | None:
    return next((r for r in table.rows if not r.code and not r.row_no and "合计" in r.name), None)


def _by_class(d: Disclosure, table_id: str, column: str) -> dict[str, tuple[str, Printed | None]]:
    """合计 (key "") and each 类 (3-digit code) of a table listed by 功能分类: code → (name, figure)."""
    table = _usable(d, table_id)
    if table is None:
        return {}
    lines: dict[str, tuple[str, Printed | None]] = {}
    total = _total_row(table)
    if total is not None:
        lines[""] = ("支出合计", _printed(d, table, total, column))
    for row in table.rows:
        if len(row.code) == 3:
            lines[row.code] = (row.name, _printed(d, table, row, column))
    return lines


def function_lines(budget: Disclosure, actual: Disclosure) -> tuple[Line, ...]:
    """支出合计 and each 类: 预算03表 合计 against 公开03表 本年支出合计 (classes of either side)."""
    planned = _by_class(budget, "Y03", "合计")
    spent = _by_class(actual, "03", "本年支出合计")
    if not planned or not spent:
        return ()
    codes = sorted(set(planned) | set(spent))
    return tuple(
        Line(
            f"{code} {(planned.get(code) or spent[code])[0]}".strip() if code else "支出合计",
            planned.get(code, ("", None))[1],
            spent.get(code, ("", None))[1],
        )
        for code in codes
    )


# 预算09表 column, 公开09表 column, shown name
THREE_PUBLIC = (
    ("合计", "合计", "“三公”经费"),
    ("因公出国（境）费", "因公出国（境）费", "因公出国（境）费"),
    ("公务用车购置及运行费小计", "公务用车购置及运行维护费小计", "公务用车购置及运行（维护）费"),
    ("公务接待费", "公务接待费", "公务接待费"),
)
RUNNING_COST_ROWS = ("5", "6")  # 公开10表: 机关运行经费 of 行政单位 and of 参公事业单位


def _sum(items: Iterable[Printed | None], source: str) -> Printed | None:
    present = [p for p in items if p is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    total = sum((p.wan for p in present), Decimal(0))
    raw = "＋".join(p.raw for p in present)
    return Printed(present[0].cell, total, raw, source, present[0].href)


def running_lines(budget: Disclosure, actual: Disclosure) -> tuple[Line, ...]:
    """“三公”经费 (total and parts) and 机关运行经费: 预算09表 预算数 against 公开09表 决算数 and 公开10表."""
    planned_table, spent_table = _usable(budget, "Y09"), _usable(actual, "09")
    planned_row = planned_table.rows[0] if planned_table is not None and planned_table.rows else None
    spent_row = spent_table.row_by_name("决算数") if spent_table is not None else None
    lines = []
    for budget_column, actual_column, name in THREE_PUBLIC:
        lines.append(
            Line(
                name,
                _printed(budget, planned_table, planned_row, budget_column) if planned_table and planned_row else None,
                _printed(actual, spent_table, spent_row, actual_column) if spent_table and spent_row else None,
            )
        )
    table10 = _usable(actual, "10")
    running_actual = None
    if table10 is not None:
        rows = [table10.row_by_no(n) for n in RUNNING_COST_ROWS]
        running_actual = _sum(
            (_printed(actual, table10, r, "统计数") for r in rows if r is not None), f"{table10.label} 行次5＋行次6"
        )
    running_budget = (
        _printed(budget, planned_table, planned_row, "机关运行经费") if planned_table and planned_row else None
    )
    lines.append(Line("机关运行经费", running_budget, running_actual))
    return tuple(line for line in lines if line.budget is not None or line.actual is not None)


def budget_actual(corpus: Corpus) -> dict[str, BudgetActual]:
    """决算 folder → its budget against actual, for every 决算 whose unit published the 预算 of that year
    with 预算 tables."""
    budgets = {
        (d.unit.region_slug, d.unit.slug, d.year): d
        for d in corpus.disclosures
        if d.kind == "预算" and any(table_id.startswith("Y") for table_id in d.tables)
    }
    result = {}
    for d in corpus.disclosures:
        budget = budgets.get((d.unit.region_slug, d.unit.slug, d.year)) if d.kind == "决算" else None
        if budget is None:
            continue
        functions, running = function_lines(budget, d), running_lines(budget, d)
        if functions or running:
            result[d.folder] = BudgetActual(budget, d, functions, running)
    return result
