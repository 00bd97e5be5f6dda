"""Rules 3, 4, 6 and 8: the tables by 功能分类 subject (公开02, 03, 05, 07, 08) agree with themselves.

In every row the total column equals the sum of its part columns; in every column the 合计 line equals
the sum of the 类 (3-digit codes), each 类 the sum of its 款 (5 digits), each 款 the sum of its 项 (7
digits).  公开07 also balances: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.models import Table, TableRow
from gongkai.rules.context import Checker, row_label, rows_add_up

CLASS_DIGITS = 3  # 类; a 款 adds two digits, a 项 two more
LEVEL_NAMES = {CLASS_DIGITS: "款", CLASS_DIGITS + 2: "项"}  # parent code length -> name of its children


@dataclass(frozen=True)
class SubjectTable:
    table_id: str
    total: str  # the total column of a row
    parts: tuple[str, ...]  # the columns it sums
    row_sum_code: str
    hierarchy_code: str


SUBJECT_TABLES = (
    SubjectTable(
        "02",
        "本年收入合计",
        ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
        "t02-row-sum",
        "t02-hierarchy-sum",
    ),
    SubjectTable(
        "03",
        "本年支出合计",
        ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
        "t03-row-sum",
        "t03-hierarchy-sum",
    ),
    SubjectTable("05", "合计", ("基本支出", "项目支出"), "t05-row-sum", "t05-hierarchy-sum"),
    SubjectTable("07", "本年支出小计", ("本年支出基本支出", "本年支出项目支出"), "t07-row-sum", "t07-hierarchy-sum"),
    SubjectTable("08", "合计", ("基本支出", "项目支出"), "t08-row-sum", "t08-hierarchy-sum"),
)


def check_subject_tables(checker: Checker, specs: tuple[SubjectTable, ...] = SUBJECT_TABLES) -> None:
    for spec in specs:
        table = checker.disclosure.table(spec.table_id)
        if table is None:
            continue
        for row in table.rows:
            checker.total_matches_parts(
                spec.row_sum_code,
                f"{row_label(table, row)}栏「{spec.total}」应等于{'、'.join(spec.parts)}之和",
                row.cell(spec.total),
                [row.cell(p) for p in spec.parts],
                parts_label="各栏之和",
            )
        _check_hierarchy(checker, table, spec.hierarchy_code)
        if spec.table_id == "07":
            _check_fund_balance(checker, table)


def children(table: Table, parent: TableRow) -> list[TableRow]:
    """The 款 of a 类 or the 项 of a 款, as printed."""
    size = len(parent.code) + 2
    return [r for r in table.rows if len(r.code) == size and r.code.startswith(parent.code)]


def _check_hierarchy(checker: Checker, table: Table, code: str) -> None:
    classes = [r for r in table.rows if len(r.code) == CLASS_DIGITS]
    groups: list[tuple[TableRow, list[TableRow], str]] = [
        (row, classes, "各类") for row in table.rows if not row.code and classes
    ]
    for parent in table.rows:
        level = LEVEL_NAMES.get(len(parent.code))
        members = children(table, parent) if level else []
        if members:
            groups.append((parent, members, f"所属各{level}"))
    for parent, members, phrase in groups:
        rows_add_up(checker, table, code, parent, members, phrase)


def _check_fund_balance(checker: Checker, table: Table) -> None:
    for row in table.rows:
        checker.total_matches_parts(
            "t07-balance",
            f"{row_label(table, row)}栏「年末结转和结余」应等于年初结转和结余 + 本年收入 − 本年支出小计",
            row.cell("年末结转和结余"),
            [row.cell("年初结转和结余"), row.cell("本年收入")],
            subtract=[row.cell("本年支出小计")],
            parts_label="年初结转和结余 + 本年收入 − 本年支出小计",
        )
