"""Rules 1–11: each table agrees with itself.

This module checks the two balance tables (公开01 收入支出决算总表, 公开04 财政拨款收入支出决算总表) and
which tables carry data at all (rule 11); the subject tables and the detail tables have their own modules.
"""

from __future__ import annotations

from gongkai.diagnostics import Location, Severity
from gongkai.models import Table
from gongkai.rules.context import (
    Checker,
    cell_at,
    cells_of,
    check_each_table,
    has_data,
    is_nonzero,
    row_label,
    shown,
    sum_of_rows,
)
from gongkai.rules.tables_within_details import check_detail_tables
from gongkai.rules.tables_within_subjects import check_subject_tables

ALWAYS_FILLED = ("01", "02", "03")  # every 决算 with money has data in these
FILLED_BY_INCOME = (  # tables that have data when 公开01 prints this income (行次), and why
    ("04", (1, 2, 3), "本单位有财政拨款收入（公开01表 行次1–3）"),
    ("05", (1,), "本单位有一般公共预算财政拨款收入（公开01表 行次1）"),
    ("06", (1,), "本单位有一般公共预算财政拨款收入（公开01表 行次1）"),
)
T04_FUNDS = (  # column of 公开04, its income 行次 and its 年初结转和结余 行次
    ("一般公共预算财政拨款", 1, 29),
    ("政府性基金预算财政拨款", 2, 30),
    ("国有资本经营预算财政拨款", 3, 31),
)


def check_within_tables(checker: Checker) -> None:
    check_each_table(checker, {"01": _check_01, "04": _check_04})
    check_subject_tables(checker)
    check_detail_tables(checker)
    _check_tables_with_data(checker)


def _totals_balance(checker: Checker, table: Table, code: str, income_no: int, expense_no: int) -> None:
    """收入总计 = 支出总计 (both in the table's first column)."""
    column = table.columns[0].title
    income, expense = cell_at(table, income_no, column), cell_at(table, expense_no, column)
    if income is None or expense is None:
        return
    checker.equal(
        code,
        f"{table.label} 收入总计（行次{income_no}）应等于支出总计（行次{expense_no}）",
        income,
        expense,
        a_label=f"收入总计（行次{income_no}）",
        b_label=f"支出总计（行次{expense_no}）",
    )


def _check_01(checker: Checker, t01: Table) -> None:
    amount = ("金额",)
    sum_of_rows(checker, t01, "t01-income-sum", 27, range(1, 9), amount)
    sum_of_rows(checker, t01, "t01-income-total", 31, (27, 28, 29), amount)
    sum_of_rows(checker, t01, "t01-expense-sum", 58, range(32, 58), amount)
    sum_of_rows(checker, t01, "t01-expense-total", 62, (58, 59, 60), amount)
    _totals_balance(checker, t01, "t01-totals-balance", 31, 62)


def _check_04(checker: Checker, t04: Table) -> None:
    total = ("合计",)
    all_columns = [c.title for c in t04.columns]
    sum_of_rows(checker, t04, "t04-income-sum", 27, (1, 2, 3), total)
    sum_of_rows(checker, t04, "t04-carryover-sum", 28, (29, 30, 31), total)
    sum_of_rows(checker, t04, "t04-income-total", 32, (27, 28), total)
    for row in t04.rows:
        if row.row_no.isdigit() and int(row.row_no) >= 33:
            checker.total_matches_parts(
                "t04-row-sum",
                f"{row_label(t04, row)}栏「合计」应等于三类财政拨款之和",
                row.cell("合计"),
                [row.cell(fund) for fund, _, _ in T04_FUNDS],
                parts_label="三类财政拨款之和",
            )
    sum_of_rows(checker, t04, "t04-expense-sum", 59, range(33, 59), all_columns)
    sum_of_rows(checker, t04, "t04-expense-total", 64, (59, 60), all_columns)
    _totals_balance(checker, t04, "t04-totals-balance", 32, 64)
    for fund, income_no, carryover_no in T04_FUNDS:
        fund_total = cell_at(t04, 64, fund)
        if fund_total is None:
            continue
        checker.total_matches_parts(
            "t04-fund-balance",
            f"公开04表 支出总计（行次64）栏「{fund}」应等于该项收入（行次{income_no}）"
            f"与其年初结转和结余（行次{carryover_no}）之和",
            fund_total,
            cells_of(t04, (income_no, carryover_no), "合计"),
            parts_label=f"行次{income_no}、{carryover_no}之和",
        )


def _check_tables_with_data(checker: Checker) -> None:
    """Rule 11: 「本表无数据」 tables print no amounts; tables 01–06 of a published set are not empty
    (04–06 only when 公开01 prints the 财政拨款 income they show)."""
    disclosure = checker.disclosure
    for table in disclosure.tables.values():
        checker.checks_run += 1
        nonzero = [c for row in table.rows for c in row.cells.values() if is_nonzero(c)]
        if table.no_data and nonzero:
            first = nonzero[0]
            checker.add(
                "table-no-data-has-amounts",
                Severity.ERROR,
                first.source,
                f"{table.label}标注「本表无数据」，却印有 {len(nonzero)} 个非零金额"
                f"（如 行「{first.source.row}」栏「{first.source.column}」为 {shown(first)}）；应无任何金额。",
                (("非零金额个数", str(len(nonzero))), ("示例", shown(first))),
                related=[c.source for c in nonzero[1:]],
            )
    if not disclosure.tables or disclosure.kind != "决算":  # a 预算's tables: rules.budget_tables
        return
    for table_id, reason in _tables_expected_filled(checker):
        checker.checks_run += 1
        required = disclosure.table(table_id)
        if required is not None and has_data(required):
            continue
        state = "未公布" if required is None else "没有任何非零金额"
        where = (
            Location(required.file, table=required.label)
            if required is not None
            else Location(f"{disclosure.folder}/disclosure.yaml", field="tables")
        )
        checker.add(
            "table-required-empty",
            Severity.ERROR,
            where,
            f"公开{table_id}表{state}；{reason}，此表应有数据。",
            (("公开表", f"公开{table_id}表"), ("状态", state)),
        )


def _tables_expected_filled(checker: Checker) -> list[tuple[str, str]]:
    """(table, why it should have data): 01–03 always; 04–06 when 公开01 prints the income they show."""
    expected = [(table_id, "每份决算都应有收支数据") for table_id in ALWAYS_FILLED]
    t01 = checker.disclosure.table("01")
    for table_id, income_rows, reason in FILLED_BY_INCOME:
        if t01 is None or any(is_nonzero(cell_at(t01, n, "金额")) for n in income_rows):
            expected.append((table_id, reason if t01 is not None else "每份决算都应有收支数据"))
    return expected
