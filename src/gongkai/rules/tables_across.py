"""Rules 12–18: the tables agree with each other.

Tables are compared only when printed in the disclosure's currency unit (normally 万元).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gongkai.diagnostics import Location, Severity
from gongkai.models import Cell, CellState, Table
from gongkai.rules.context import Checker, blank_cell, cell_at, figure, has_data, is_nonzero, row_label, shown
from gongkai.rules.subject_codes import CLASS_ROWS, class_rows
from gongkai.rules.tables_within import T04_FUNDS

T04_FUNDS_BY_ROW = {row_no: fund for fund, row_no, _ in T04_FUNDS}  # income 行次 -> fund
T09_T06_ITEMS = (  # 公开09 决算数 column, the 公开06 item that is its 基本支出 share
    ("因公出国（境）费", "30212"),
    ("公务接待费", "30217"),
    ("公务用车运行维护费", "30231"),
)


def check_across_tables(checker: Checker) -> None:
    t01, t04 = checker.table("01"), checker.table("04")
    if t01 is not None and t04 is not None:
        _check_01_04(checker, t01, t04)
    if t01 is not None:
        _check_01_02_03(checker, t01)
        _check_fund_tables_presence(checker, t01)
    if t04 is not None:
        _check_02_05_04(checker, t04)
    _check_05_06(checker)
    _check_09_06(checker)
    _check_10_06(checker)


def total_row_cell(table: Table | None, column: str) -> Cell | None:
    """The cell of the 合计 line (the line without a 科目代码) of a subject table."""
    row = next((r for r in table.rows if not r.code), None) if table is not None else None
    return row.cell(column) if row is not None else None


def _check_01_04(checker: Checker, t01: Table, t04: Table) -> None:
    """Rule 12: 01 rows 1–3 = 04 rows 1–3 (income by fund)."""
    for row_no, fund in T04_FUNDS_BY_ROW.items():
        a, b = cell_at(t01, row_no, "金额"), cell_at(t04, row_no, "合计")
        if a is not None and b is not None:
            checker.equal(
                "t01-t04-income",
                f"公开01表 行次{row_no}应等于公开04表 行次{row_no}（{fund}收入）",
                a,
                b,
                a_label=f"公开01表 行次{row_no}",
                b_label=f"公开04表 行次{row_no}",
            )


def _check_01_02_03(checker: Checker, t01: Table) -> None:
    """Rule 13: 01 收入合计 = 02 合计; 01 支出合计 = 03 合计; 01 支出 by 类 = 03 合计 by 类."""
    t02, t03 = checker.table("02"), checker.table("03")
    for code, row_no, other, column in (
        ("t01-t02-income-total", 27, t02, "本年收入合计"),
        ("t01-t03-expense-total", 58, t03, "本年支出合计"),
    ):
        a, b = cell_at(t01, row_no, "金额"), total_row_cell(other, column)
        if a is not None and b is not None and other is not None:
            checker.equal(
                code,
                f"公开01表 行次{row_no}「{column}」应等于{other.label}合计行",
                a,
                b,
                a_label=f"公开01表 行次{row_no}",
                b_label=f"{other.label}合计",
            )
    if t03 is None:
        return
    for row, class_code in class_rows(t01, CLASS_ROWS["01"]):
        class_row = t03.row_by_code(class_code)
        expense = (
            class_row.cell("本年支出合计")
            if class_row is not None
            else blank_cell(Location(t03.file, table=t03.label, row=class_code))
        )
        checker.equal(
            "t01-t03-expense-by-class",
            f"{row_label(t01, row)}应等于公开03表 科目{class_code} 的本年支出合计",
            row.cell("金额"),
            expense,
            a_label="公开01表",
            b_label=f"公开03表 科目{class_code}",
        )


def _check_02_05_04(checker: Checker, t04: Table) -> None:
    """Rule 14: 02 财政拨款收入 = 04 本年收入合计; 05 合计 = 04 一般公共预算 本年支出合计."""
    for code, table_id, column, row_no, t04_column, expected in (
        ("t02-t04-appropriation", "02", "财政拨款收入", 27, "合计", "公开04表 本年收入合计（行次27）"),
        (
            "t05-t04-general-expense",
            "05",
            "合计",
            59,
            "一般公共预算财政拨款",
            "公开04表 本年支出合计（行次59）栏「一般公共预算财政拨款」",
        ),
    ):
        table = checker.table(table_id)
        a, b = total_row_cell(table, column), cell_at(t04, row_no, t04_column)
        if a is not None and b is not None:
            checker.equal(
                code,
                f"公开{table_id}表合计行栏「{column}」应等于{expected}",
                a,
                b,
                a_label=f"公开{table_id}表合计",
                b_label=expected,
            )


def _t06_total(t06: Table, name: str) -> Cell:
    row = t06.row_by_name(name)
    cell = row.cell("决算数") if row is not None else None
    return cell if cell is not None else blank_cell(Location(t06.file, table=t06.label, row=name))


def combined(cells: list[Cell], label: str) -> Cell:
    """Several printed amounts added up, as one figure for a comparison (located at the first one)."""
    value = sum((c.amount_or_zero() for c in cells), Decimal(0))
    state = CellState.AMOUNT if any(c.is_amount for c in cells) else CellState.EMPTY
    return Cell(figure(value) if state is CellState.AMOUNT else "", state, value, replace(cells[0].source, row=label))


def _check_05_06(checker: Checker) -> None:
    """Rule 15: 05 基本支出 total = 06 人员经费合计 + 公用经费合计."""
    basic, t06 = total_row_cell(checker.table("05"), "基本支出"), checker.table("06")
    if basic is None or t06 is None:
        return
    checker.total_matches_parts(
        "t05-t06-basic",
        "公开05表合计行栏「基本支出」应等于公开06表 人员经费合计与公用经费合计之和",
        basic,
        [_t06_total(t06, "人员经费合计"), _t06_total(t06, "公用经费合计")],
        total_label="公开05表 基本支出",
        parts_label="公开06表 人员经费与公用经费之和",
    )


def _has_project_spending(checker: Checker) -> bool:
    cells = [total_row_cell(checker.table(t), "项目支出") for t in ("03", "05")]
    return any(is_nonzero(c) for c in cells)


def _check_09_06(checker: Checker) -> None:
    """Rule 16: 09 决算数 出国 / 接待 / 公车运行 ≥ 06 items 30212 / 30217 / 30231 (= without projects)."""
    t09, t06 = checker.table("09"), checker.table("06")
    actual = t09.row_by_name("决算数") if t09 is not None else None
    if actual is None or t06 is None:
        return
    projects = _has_project_spending(checker)
    for column, item_code in T09_T06_ITEMS:
        item_row = t06.row_by_code(item_code)
        if item_row is None:
            continue
        three_public, item = actual.cell(column), item_row.cell("决算数")
        labels = {"a_label": f"公开09表 决算数「{column}」", "b_label": f"公开06表 {item_code}「{item_row.name}」"}
        if projects:
            checker.not_more_than(
                "t09-t06-items",
                Severity.ERROR,
                f"公开06表 {item_code}「{item_row.name}」（基本支出部分）不应超过公开09表 决算数「{column}」",
                item,
                three_public,
                part_label=labels["b_label"],
                whole_label=labels["a_label"],
            )
        else:
            checker.equal(
                "t09-t06-items",
                f"本单位无项目支出，公开09表 决算数「{column}」应等于公开06表 {item_code}「{item_row.name}」",
                three_public,
                item,
                **labels,
            )


def _check_10_06(checker: Checker) -> None:
    """Rule 17: 10 机关运行经费 (rows 5 + 6) ≤ 06 公用经费合计."""
    t10, t06 = checker.table("10"), checker.table("06")
    if t10 is None or t06 is None:
        return
    running = [c for c in (cell_at(t10, 5, "统计数"), cell_at(t10, 6, "统计数")) if c is not None]
    if not running:
        return
    printed = [c for c in running if c.is_amount]
    cost = printed[0] if len(printed) == 1 else combined(running, "5+6")
    checker.not_more_than(
        "t10-t06-running-cost",
        Severity.ERROR,
        "公开10表 机关运行经费不应超过公开06表 公用经费合计（机关运行经费是公用经费的一部分）",
        cost,
        _t06_total(t06, "公用经费合计"),
        part_label="公开10表 机关运行经费",
        whole_label="公开06表 公用经费合计",
    )


def _check_fund_tables_presence(checker: Checker, t01: Table) -> None:
    """Rule 18: 07 / 08 have data exactly when 01 rows 2 / 3 (the fund's income) are not empty."""
    for table_id, row_no, code, fund in (
        ("07", 2, "t01-t07-fund-presence", "政府性基金预算财政拨款"),
        ("08", 3, "t01-t08-fund-presence", "国有资本经营预算财政拨款"),
    ):
        income, table = cell_at(t01, row_no, "金额"), checker.table(table_id)
        if income is None or table is None:
            continue
        checker.checks_run += 1
        has_income = is_nonzero(income)
        filled = has_data(table)
        if has_income == filled or (filled and not _income_expected(checker, table)):
            continue
        if has_income:
            message = f"公开01表 行次{row_no}「{fund}收入」为 {income.raw.strip()}，但{table.label}没有数据。"
            location, related = income.source, [Location(table.file, table=table.label)]
        else:
            message = f"{table.label}有数据，但公开01表 行次{row_no}「{fund}收入」为空或为零。"
            location, related = Location(table.file, table=table.label), [income.source]
        checker.add(
            code,
            Severity.ERROR,
            location,
            message,
            (
                (f"公开01表 行次{row_no}", shown(income)),
                (table.label, "有数据" if filled else "无数据"),
            ),
            related=related,
        )


def _income_expected(checker: Checker, table: Table) -> bool:
    """A fund table may show only last year's carry-over being spent: 07 then has no 本年收入, and for 08
    公开04 prints a 国有资本经营 年初结转和结余 (行次31)."""
    if table.id == "07":
        return any(is_nonzero(row.cell("本年收入")) for row in table.rows)
    t04 = checker.table("04")
    return t04 is None or not is_nonzero(cell_at(t04, 31, "合计"))
