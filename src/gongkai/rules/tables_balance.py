"""Rules 1–6 for balance tables printed without 行次: each half adds up by the structure its names print.

The national 决算 template prints 公开01 and 公开04 as two halves (收入 | 支出) without 行次, and so do a
预算's 财务收支预算总表 and 财政拨款收支预算总表; the 行次 rules (:mod:`gongkai.rules.tables_within`) find
nothing to address there.  What every such half prints instead is its structure:

- top-level parts numbered 「一、」「二、」… above its first 合计 or 总计 row, which equals their sum
  (``balance-parts-sum``; sub-items 「1.」「（一）」 under a part are inside it);
- a part followed by sub-items of a deeper numbering equals their sum (``balance-item-sum``), and so does an
  unnumbered row between the 合计 and the 总计 followed by numbered rows (「年初财政拨款结转和结余」 and its
  「一、一般公共预算财政拨款」…);
- the 总计 equals that 合计 plus the unnumbered rows between them (``balance-total-sum``: 使用非财政拨款结余,
  年初结转和结余 on the income side; 结余分配, 年末结转和结余 on the expense side).

A half whose first row is not numbered is left alone: its structure is not printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.models import Table, TableRow
from gongkai.numbering import style
from gongkai.rules.context import Checker, has_row_numbers, row_name, rows_add_up
from gongkai.tables import grand_total

SIDES = ("收入", "支出")


def check_balance_tables(checker: Checker) -> None:
    for table in checker.disclosure.tables.values():
        if has_row_numbers(table):
            continue  # checked by its 行次
        for side in SIDES:
            rows = [row for row in table.rows if row.side == side]
            if rows and style(row_name(rows[0])) is not None:
                _check_half(checker, table, side, rows)


def _is_total(row: TableRow) -> bool:
    return style(row_name(row)) is None and row_name(row).endswith(("合计", "总计"))


def _check_half(checker: Checker, table: Table, side: str, rows: list[TableRow]) -> None:
    first_total = next((i for i, row in enumerate(rows) if _is_total(row)), None)
    if first_total is None:
        return
    top = style(row_name(rows[0]))
    parts = [row for row in rows[:first_total] if style(row_name(row)) == top]
    _sum(checker, table, "balance-parts-sum", rows[first_total], parts, f"{side}各项（{_span(parts)}）")
    for index, row in enumerate(rows[:first_total]):
        if style(row_name(row)) == top:
            _items(checker, table, row, rows[index + 1 : first_total], top)
    total = grand_total(table, side)
    if total is None or total is rows[first_total] or total not in rows:
        return
    between = rows[first_total + 1 : rows.index(total)]
    unnumbered = [row for row in between if style(row_name(row)) is None]
    for index, row in enumerate(between):
        if style(row_name(row)) is None:
            _items(checker, table, row, between[index + 1 :], None)
    names = "、".join(f"「{row_name(row)}」" for row in (rows[first_total], *unnumbered))
    _sum(checker, table, "balance-total-sum", total, [rows[first_total], *unnumbered], names)


def _items(checker: Checker, table: Table, parent: TableRow, after: Sequence[TableRow], level: int | None) -> None:
    """``parent`` = Σ the rows right after it numbered deeper than ``level`` (any numbering when ``level`` is
    None: the parent is unnumbered), at the level of the first of them."""
    children: list[TableRow] = []
    for row in after:
        depth = style(row_name(row))
        if depth is None or (level is not None and depth <= level):
            break
        children.append(row)
    if children:
        first = style(row_name(children[0]))
        same = [row for row in children if style(row_name(row)) == first]
        _sum(checker, table, "balance-item-sum", parent, same, f"其下各项（{_span(same)}）")


def _span(rows: Sequence[TableRow]) -> str:
    return f"「{row_name(rows[0])}」" if len(rows) == 1 else f"「{row_name(rows[0])}」至「{row_name(rows[-1])}」"


def _sum(checker: Checker, table: Table, code: str, total: TableRow, parts: Sequence[TableRow], what: str) -> None:
    if parts:
        rows_add_up(checker, table, code, total, parts, what)
