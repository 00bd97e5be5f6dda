"""Where the money went: spending by 支出功能分类, 类 → 款 → 项, as a drill-down that needs no script.

The disclosure page opens with it, after the key figures.  The figures are the first amount column of the
支出决算表 (公开03: every fund), else of a 预算's 支出预算总表 (预算03), else of the 一般公共预算财政拨款支出决算表
(公开05).  Each subject is a ``<details>`` (a 项 a plain line) showing its figure as printed, linking to its
table cell, its share of the spending and a bar; one sentence before it names the largest parts.  Shares
are of the sum of the 类 lines, in ``Decimal`` (ROUND_HALF_UP to 0.01 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from gongkai.address import cell_id
from gongkai.charts import decimal_text, share
from gongkai.markup import html
from gongkai.models import Disclosure, Table, TableRow
from gongkai.money import amount_attrs
from gongkai.table_html import source_text

SOURCE_TABLES = ("03", "Y03", "05")  # in order of preference
LEVELS = ("类", "款", "项")  # 3-, 5- and 7-digit subject codes
CODE_LENGTHS = (3, 5, 7)


@dataclass(frozen=True)
class Subject:
    """One 功能分类 subject of the table, with the subjects printed under it."""

    row: TableRow
    value: Decimal
    raw: str  # as printed
    anchor: str  # the id of its table cell
    source: str  # where the figure is printed (the original's table and page, the data file's line)
    children: tuple[Subject, ...]


@dataclass(frozen=True)
class Spending:
    table: Table
    column: str  # the amount column the figures are from (本年支出合计, 合计)
    classes: tuple[Subject, ...]  # 类

    @property
    def total(self) -> Decimal:
        return sum((c.value for c in self.classes), Decimal(0))

    @property
    def total_text(self) -> str:
        """The total written like a printed figure (thousands separated: 371,514,655.00)."""
        return format(self.total, ",f")


def _subjects(table: Table, rows: list[TableRow], column: str, parent: str, depth: int) -> tuple[Subject, ...]:
    """The subjects at ``depth`` (0 = 类) under the code ``parent``, in printed order."""
    if depth >= len(CODE_LENGTHS):
        return ()
    found = []
    for row in rows:
        cell = row.cell(column)
        if len(row.code) != CODE_LENGTHS[depth] or not row.code.startswith(parent) or cell is None:
            continue
        if not cell.is_amount or cell.value is None:
            continue
        found.append(
            Subject(
                row,
                cell.value,
                cell.raw.strip(),
                cell_id(table.id, row, 0),
                source_text(cell),
                _subjects(table, rows, column, row.code, depth + 1),
            )
        )
    return tuple(found)


def spending(d: Disclosure) -> Spending | None:
    """The disclosure's spending by 功能分类, from the first table of :data:`SOURCE_TABLES` printing any 类."""
    for table_id in SOURCE_TABLES:
        table = d.table(table_id)
        if table is None or table.no_data or not table.columns:
            continue
        column = table.columns[0].title
        rows = [row for row in table.rows if row.code.isdigit()]
        classes = _subjects(table, rows, column, "", 0)
        if classes:
            return Spending(table, column, classes)
    return None


def _share_text(value: Decimal, total: Decimal) -> str:
    part = share(value, total)
    return f"{decimal_text(part)}%" if part is not None else "—"


def summary(s: Spending) -> str:
    """One sentence: the total, then each 类 (at most three, largest first) with its figure and share,
    and where a single 类 or 款 holds everything, the parts under it."""
    unit = s.table.unit
    level = s.classes
    depth = 0
    while len(level) == 1 and level[0].children:  # one 类 (one 款) is the whole: name it, look one level down
        depth += 1
        level = level[0].children
    named = sorted(level, key=lambda x: x.value, reverse=True)[:3]
    parts = "，".join(f"{x.row.name}{x.raw}{unit}（{_share_text(x.value, s.total)}）" for x in named)
    path = " › ".join(f"{x.row.name}" for x in _single_path(s.classes, depth))
    lead = f"支出按功能分类合计{s.total_text}{unit}"
    if depth:
        lead += f"，全部属于{path}"
    more = f"等{len(level)}{LEVELS[depth]}" if len(level) > len(named) else ""
    return f"{lead}；其中{parts}{more}。"


def _single_path(level: tuple[Subject, ...], depth: int) -> list[Subject]:
    path = []
    for _ in range(depth):
        path.append(level[0])
        level = level[0].children
    return path


class SubjectView(NamedTuple):
    """A subject as the drill-down (``macros/spending.html.j2``) shows it."""

    code: str
    name: str
    level: str  # 类, 款 or 项
    raw: str  # the figure as printed
    attrs: Markup  # its 元 / 万元 / 亿元 switch's attributes
    share: str  # 「12.34%」 of the sum of the 类 lines
    bar: str  # the share as the bar's width (of 100)
    anchor: str
    source: str
    children: list[SubjectView]


def _view(x: Subject, s: Spending, depth: int) -> SubjectView:
    part = share(x.value, s.total) or Decimal(0)
    return SubjectView(
        x.row.code,
        x.row.name,
        LEVELS[depth],
        x.raw,
        Markup(amount_attrs(x.value, s.table.unit)),
        _share_text(x.value, s.total),
        decimal_text(max(part, Decimal(0))),
        x.anchor,
        x.source,
        [_view(child, s, depth + 1) for child in x.children],
    )


def drill_down(env: jinja2.Environment, s: Spending) -> str:
    """The summary sentence, the 类 → 款 → 项 drill-down and where its figures come from."""
    return str(
        html(env, "spending").drill_down(
            summary(s),
            [_view(x, s, 0) for x in s.classes],
            s.table,
            s.column,
            "、".join(str(p) for p in s.table.pages),
            s.total_text,
            s.table.unit,
        )
    )
