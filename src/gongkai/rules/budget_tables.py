"""Rules of a 预算's tables (预算01–09) and the cross-check of a 决算 against the published 预算.

Within the 预算 tables: every row of the tables by 科目 (预算02, 03, 05–08) sums across its columns and
down its 类/款/项 (as the 决算 tables do, :mod:`gongkai.rules.tables_within_subjects`); 收入总计 equals
支出总计 (预算01, 04); the totals agree across tables (预算01 ↔ 02, 03; 预算04 ↔ 05; 预算05 基本支出 ↔ 06);
“三公”经费 合计 is the sum of its three parts.  Tables are compared only where printed in the same unit.

Against the 决算 of the same unit and year: the 决算's 公开09表 预算数 (its 年初预算) must be the 预算's
“三公”经费预算 (预算09表), compared in 万元 within 0.01.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from gongkai.amounts import WAN_PER_UNIT
from gongkai.diagnostics import Severity
from gongkai.models import Cell, Disclosure, Table, TableRow
from gongkai.rules.context import CENT, Checker, figure, shown
from gongkai.rules.tables_within_subjects import SubjectTable, check_subject_tables
from gongkai.tables import SPECS

ROW_SUM, HIERARCHY = "budget-row-sum", "budget-hierarchy-sum"
BUDGET_SUBJECT_TABLES = (
    SubjectTable(
        "Y02",
        "合计",
        tuple(c for c in SPECS["Y02"].amounts[1:] if not c.endswith("预算拨款收入")),  # 财政拨款收入's parts aside
        ROW_SUM,
        HIERARCHY,
    ),
    SubjectTable(
        "Y03",
        "合计",
        ("基本支出", "项目支出", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出"),
        ROW_SUM,
        HIERARCHY,
    ),
    SubjectTable("Y05", "合计", ("基本支出", "项目支出"), ROW_SUM, HIERARCHY),
    SubjectTable("Y06", "合计", ("人员经费", "公用经费"), ROW_SUM, HIERARCHY),
    SubjectTable("Y07", "合计", ("基本支出", "项目支出"), ROW_SUM, HIERARCHY),
    SubjectTable("Y08", "合计", ("基本支出", "项目支出"), ROW_SUM, HIERARCHY),
)
# (table, column, row name) pairs that must agree: the same total printed in two tables
ACROSS = (
    (("Y01", "合计", "收入总计"), ("Y02", "合计", "合计"), "收入预算总表的合计"),
    (("Y01", "合计", "支出总计"), ("Y03", "合计", "合计"), "支出预算总表的合计"),
    (("Y04", "一般公共预算", "支出总计"), ("Y05", "合计", "合计"), "一般公共预算支出功能分类预算表的合计"),
    (("Y05", "基本支出", "合计"), ("Y06", "合计", "合计"), "基本支出经济分类预算表的合计"),
)
THREE_PUBLIC_PARTS = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费小计")
# 决算 公开09表 column ↔ 预算09表 column
INITIAL_BUDGET = (
    ("合计", "合计"),
    ("因公出国（境）费", "因公出国（境）费"),
    ("公务用车购置及运行维护费小计", "公务用车购置及运行费小计"),
    ("公务接待费", "公务接待费"),
)


def _named(table: Table | None, name: str) -> TableRow | None:
    if table is None:
        return None
    return table.row_by_name(name) or next((r for r in table.rows if not r.code and r.name == name), None)


def _cell(d: Disclosure, table_id: str, column: str, row_name: str) -> tuple[Table | None, Cell | None]:
    table = d.table(table_id)
    row = _named(table, row_name)
    return table, row.cell(column) if row is not None else None


def _printed_parts(d: Disclosure) -> Iterator[SubjectTable]:
    """The subject tables with the part columns each 预算 table prints (templates print a subsequence)."""
    for spec in BUDGET_SUBJECT_TABLES:
        table = d.table(spec.table_id)
        printed = {c.title for c in table.columns} if table is not None else set()
        parts = tuple(p for p in spec.parts if p in printed)
        if parts:
            yield replace(spec, parts=parts)


def check_budget_tables(checker: Checker) -> None:
    d = checker.disclosure
    if d.kind != "预算":
        return
    check_subject_tables(checker, tuple(_printed_parts(d)))
    for table_id in ("Y01", "Y04"):
        _, income = _cell(d, table_id, "合计", "收入总计")
        _, expense = _cell(d, table_id, "合计", "支出总计")
        checker.equal(
            "budget-totals-balance",
            f"预算{table_id[1:]}表 收入总计应等于支出总计",
            income,
            expense,
            a_label="收入总计",
            b_label="支出总计",
        )
    for (a_id, a_column, a_row), (b_id, b_column, b_row), what in ACROSS:
        a_table, a = _cell(d, a_id, a_column, a_row)
        b_table, b = _cell(d, b_id, b_column, b_row)
        if a_table is None or b_table is None or a_table.unit.strip() != b_table.unit.strip():
            continue
        checker.equal(
            "budget-across-tables",
            f"{a_table.label}「{a_row}」栏「{a_column}」应等于{b_table.label}{what}",
            a,
            b,
            a_label=f"{a_table.label}{a_row}",
            b_label=f"{b_table.label}{b_row}（{b_column}）",
        )
    three = d.table("Y09")
    for row in three.rows if three is not None else ():
        checker.total_matches_parts(
            "budget-three-public-sum",
            f"{three.label if three else ''}「{row.name}」“三公”经费合计应等于因公出国（境）费、公务接待费与公务用车购置及运行费之和",
            row.cell("合计"),
            [row.cell(c) for c in THREE_PUBLIC_PARTS],
        )
        checker.total_matches_parts(
            "budget-three-public-sum",
            f"{three.label if three else ''}「{row.name}」公务用车购置及运行费小计应等于购置费与运行费之和",
            row.cell("公务用车购置及运行费小计"),
            [row.cell("公务用车购置费"), row.cell("公务用车运行费")],
        )


def _published_budget(checker: Checker) -> Disclosure | None:
    d = checker.disclosure
    return next(
        (
            other
            for other in checker.corpus.disclosures
            if other.kind == "预算"
            and other.year == d.year
            and (other.unit.region_slug, other.unit.slug) == (d.unit.region_slug, d.unit.slug)
        ),
        None,
    )


def _wan(cell: Cell | None, table: Table) -> Decimal | None:
    if cell is None or not cell.is_amount or cell.value is None:
        return None
    return cell.value * WAN_PER_UNIT.get(table.unit.strip(), Decimal(1))


def check_initial_budget(checker: Checker) -> None:
    """A 决算's 公开09表 预算数 against the “三公”经费预算 of the 预算 published for the same year."""
    d = checker.disclosure
    actual_table = d.table("09") if d.kind == "决算" else None
    budget = _published_budget(checker) if actual_table is not None else None
    budget_table = budget.table("Y09") if budget is not None else None
    if actual_table is None or budget is None or budget_table is None or not budget_table.rows:
        return
    stated, published = actual_table.row_by_name("预算数"), budget_table.rows[0]
    for actual_column, budget_column in INITIAL_BUDGET:
        a_cell = stated.cell(actual_column) if stated is not None else None
        b_cell = published.cell(budget_column)
        a, b = _wan(a_cell, actual_table), _wan(b_cell, budget_table)
        if a_cell is None or b_cell is None or (a is None and b is None):
            continue
        checker.checks_run += 1
        difference = (a or Decimal(0)) - (b or Decimal(0))
        if abs(difference) <= CENT:
            continue
        b_text = f"{shown(b_cell)}{budget_table.unit}"
        checker.add(
            "budget-initial-mismatch",
            Severity.WARNING,
            a_cell.source,
            f"{actual_table.label} 预算数「{actual_column}」为 {shown(a_cell)}{actual_table.unit}，"
            f"而同年公开的{budget.name}{budget_table.label}为 {b_text}（折合 {figure(b or Decimal(0))} 万元），"
            f"相差 {figure(difference)} 万元。",
            (
                ("决算表所列预算数", f"{shown(a_cell)}{actual_table.unit}"),
                ("公开的预算", b_text),
                ("差额（万元）", figure(difference)),
            ),
            "决算表的年初预算数应与年初公开的预算一致；如有调整，应在情况说明中说明。",
            related=[b_cell.source],
        )
