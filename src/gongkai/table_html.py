"""Published tables (公开01–10) → accessible HTML: caption, 栏次 row, header cells, cell anchors, sources.

Every amount cell has a stable id (``t02-r2010308-c2``) so that findings and readers can link to it,
and a ``title`` naming its source file, line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from gongkai.address import cell_id
from gongkai.glossary import escape
from gongkai.markup import html
from gongkai.models import Cell, CellState, Column, Table, TableRow
from gongkai.money import amount_attrs
from gongkai.tables import SPECS

KEY_FIELDS = {"行次": "row_no", "科目代码": "code"}  # printed key columns shown before the name
TOTAL_NAMES = ("合计", "总计", "小计", "人员经费合计", "公用经费合计", "本年收入合计", "本年支出合计")


class Td(NamedTuple):
    """A data cell as ``tds`` in ``macros/table.html.j2`` prints it (``""``: the attribute left out)."""

    css: str
    anchor: str
    title: str  # where the figure comes from (:func:`source_text`)
    attrs: Markup  # the exact figure in 元 / 万元 / 亿元 for the amount switch (``data-`` attributes)
    text: str  # as printed
    na: bool  # not applicable: 「——」, and 「不适用」 for a screen reader


NO_ATTRS = Markup("")


class Row(NamedTuple):
    total: bool
    codes: list[str]  # the printed keys (行次, 科目代码) the table shows
    name: str
    cells: list[Td]


def wrap(env: jinja2.Environment, table_html: str, label: str) -> str:
    """Wide tables scroll inside their own region, never the page."""
    return str(html(env, "table").wrap(Markup(table_html), label))


def source_text(cell: Cell) -> str:
    """Where a printed figure comes from, as the tap-to-open source shows it: the original's table (and
    page, when the importer recorded it), then the data file, line and column."""
    where = cell.source
    data = f"数据文件 {where.file} 第{where.line}行" + (f"，{where.column}" if where.column else "")
    page = f"第{where.page}页" if where.page is not None else ""
    original = f"原文{where.table or ''}{page}"
    return f"来源：{original}；{data}" if original != "原文" else f"来源：{data}"


def amount_cell(cell: Cell, anchor: str, unit: str = "") -> Td:
    """An amount cell with its anchor and source; with ``unit`` (the table's 金额单位) it also carries the
    exact figure in 元 / 万元 / 亿元 for the amount switch."""
    if cell.state is CellState.NOT_APPLICABLE:
        return Td("gk-num gk-na", anchor, source_text(cell), NO_ATTRS, "——", True)
    attrs = Markup(amount_attrs(cell.value, unit)) if cell.is_amount else NO_ATTRS
    return Td("gk-num", anchor, source_text(cell), attrs, cell.raw.strip(), False)


MONEY_ROWS_10 = frozenset("123456")  # 公开10: 政府采购 and 机关运行经费 are amounts; the rest are counts


def _money_unit(table: Table, row: TableRow) -> str:
    """The unit the row's figures are printed in, ``""`` for rows of counts (车辆数 …)."""
    return "" if table.id == "10" and row.row_no not in MONEY_ROWS_10 else table.unit


def _is_total(row: TableRow) -> bool:
    return row.name.replace(" ", "") in TOTAL_NAMES


def table_html(env: jinja2.Environment, table: Table, link: Callable[[str], str] = escape) -> str:
    """The table as published: caption, column headers with 栏次, one row per printed line.

    Two-sided tables (01, 04, Y01, Y04) print income and expenses side by side; they are shown as two
    tables (收入 / 支出) so that each fits a phone.  ``link`` turns header text into HTML (glossary links).
    """
    split = SPECS[table.id].split
    if split is None:
        return _render(env, table, table.rows, len(table.columns), "", "", link)
    left = tuple(r for r in table.rows if SPECS[table.id].numbering(r.numbering_key, 1) == 1)
    right = tuple(r for r in table.rows if r not in left)
    return (
        _render(env, table, left, 1, "（收入）", "-in", link)
        + "\n\n"
        + _render(env, table, right, len(table.columns), "（支出）", "-out", link)
    )


def _render(
    env: jinja2.Environment,
    table: Table,
    rows: tuple[TableRow, ...],
    width: int,
    part: str,
    suffix: str,
    link: Callable[[str], str],
) -> str:
    spec = SPECS[table.id]
    columns = table.columns[:width]
    keys = [k for k in ("行次", "科目代码") if k in spec.keys and any(getattr(r, KEY_FIELDS[k]) for r in table.rows)]
    name_header = "科目名称" if "科目名称" in spec.keys else "项目"
    head = [*keys, name_header, *(Markup(link(c.title)) for c in columns)]

    def row_of(row: TableRow) -> Row:
        unit = _money_unit(table, row)
        return Row(
            _is_total(row),
            [getattr(row, KEY_FIELDS[k]) for k in keys],
            row.name,
            [amount_cell(row.cells[c.title], cell_id(table.id, row, i), unit) for i, c in enumerate(columns)],
        )

    runs = [
        # one blank line is shown: folding it would save nothing
        (f"t{table.id}{suffix}-blank-{index}" if blank and len(group) > 1 else "", [row_of(r) for r in group])
        for index, (blank, group) in enumerate(_runs(rows, columns))
    ]
    return str(
        html(env, "table").table(
            f"table-{table.id}{suffix}",
            f"{table.label} {table.title}{part}",
            table.unit,
            head,
            _numbers(table, rows, width),
            len(keys) + 1,
            runs,
        )
    )


def _is_blank(row: TableRow, columns: tuple[Column, ...]) -> bool:
    """A template line printed without any figure (not a 合计 line: an empty total is itself news)."""
    return not _is_total(row) and all(row.cells[c.title].state is CellState.EMPTY for c in columns)


def _runs(rows: tuple[TableRow, ...], columns: tuple[Column, ...]) -> list[tuple[bool, list[TableRow]]]:
    """Consecutive rows grouped by whether they are blank template lines."""
    runs: list[tuple[bool, list[TableRow]]] = []
    for row in rows:
        blank = _is_blank(row, columns)
        if runs and runs[-1][0] == blank:
            runs[-1][1].append(row)
        else:
            runs.append((blank, [row]))
    return runs


def _numbers(table: Table, rows: tuple[TableRow, ...], width: int) -> list[str]:
    """The 栏次 line as published (table 09 numbers its 预算数 and 决算数 lines differently)."""
    spec = SPECS[table.id]
    samples = [r for r in rows if r.row_no or r.name]
    per_column: list[str] = []
    for index in range(width):
        numbers = sorted({spec.numbering(r.numbering_key, index) for r in samples} or {index + 1})
        per_column.append("/".join(str(n) for n in numbers))
    return per_column
