"""The 预算 tables (预算01–09, :mod:`gongkai.tables` ids Y01–Y09) of a synthetic 预算 disclosure.

A 预算 ledger's figures are what the unit plans: its 项 lines are the 支出预算, its “三公” amounts the
“三公”经费预算 and its 公用经费 the 机关运行经费预算.  Layouts are those of the 部门预算 template
(two-sided tables with 收支 and no 行次), in 万元.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.demo.ledger import CLASSES, NUMERALS, ZERO, Ledger, Row, SubjectLine, text
from gongkai.tables import SPECS

EMPTY_TABLES = ("Y07", "Y08")  # 政府性基金 / 国有资本经营: the demo units have none


def _subjects(ledger: Ledger, header: list[str], cells: list[str]) -> list[Row]:
    """A table by 功能分类: header, 合计 line, then every 类/款/项 (cells: which figures each line prints)."""

    def figures(line: SubjectLine) -> list[str]:
        values = {"合计": line.total, "基本支出": line.basic, "项目支出": line.project, "财政拨款收入": line.total}
        values["一般公共预算拨款收入"] = line.total
        return [text(values[c]) for c in cells]

    rows: list[Row] = [header, ["", "合计", *figures(SubjectLine("", "合计", ledger.basic, ledger.project))]]
    for code in sorted(ledger.names):
        line = next((s for s in ledger.lines if s.code == code), None) or ledger.by_prefix(code)
        rows.append([code, ledger.names[code], *figures(line)])
    return rows


def _classes(ledger: Ledger) -> list[tuple[str, Decimal]]:
    used = sorted({line.code[:3] for line in ledger.lines})
    names = dict(CLASSES)
    return [(f"{NUMERALS[i]}、{names[code]}", ledger.by_prefix(code).total) for i, code in enumerate(used)]


def _y01(ledger: Ledger) -> list[Row]:
    total = text(ledger.total)
    income = [
        ["收入", "一、财政拨款收入", total],
        ["收入", "1. 一般公共预算资金", total],
        ["收入", "2. 政府性基金", ""],
        ["收入", "3. 国有资本经营预算", ""],
        ["收入", "二、事业收入", ""],
        ["收入", "三、事业单位经营收入", ""],
        ["收入", "四、其他收入", ""],
        ["收入", "收入总计", total],
    ]
    expenses = [["支出", name, text(value)] for name, value in _classes(ledger)]
    return [["收支", "项目", "合计"], *income, *expenses, ["支出", "支出总计", total]]


def _y04(ledger: Ledger) -> list[Row]:
    total = text(ledger.total)
    income = [
        ["收入", "一、一般公共预算资金", total, ""],
        ["收入", "二、政府性基金", "", ""],
        ["收入", "三、国有资本经营预算", "", ""],
        ["收入", "收入总计", total, ""],
    ]
    expenses = [["支出", name, text(value), text(value)] for name, value in _classes(ledger)]
    return [["收支", "项目", "合计", "一般公共预算"], *income, *expenses, ["支出", "支出总计", total, total]]


def _y06(ledger: Ledger, economic_codes: dict[str, str]) -> list[Row]:
    rows: list[Row] = [["科目代码", "科目名称", "合计", "人员经费", "公用经费"]]
    rows.append(["", "合计", text(ledger.personnel + ledger.public), text(ledger.personnel), text(ledger.public)])
    used = {code[:3] for code in ledger.items} | set(ledger.items)
    for code in sorted(used):
        value = sum((v for k, v in ledger.items.items() if k.startswith(code)), ZERO) if len(code) == 3 else None
        amount = value if value is not None else ledger.items[code]
        personnel = code.startswith(("301", "303"))
        rows.append(
            [
                code,
                economic_codes.get(code, code),
                text(amount),
                *((text(amount), "") if personnel else ("", text(amount))),
            ]
        )
    return rows


def _y09(ledger: Ledger) -> list[Row]:
    three = ledger.three_actual  # a 预算 ledger's 三公 amounts are the 三公 budget
    header = list(SPECS["Y09"].base_header)  # 项目, 合计, 因公出国（境）费 … 机关运行经费
    figures = (three.total, three.abroad, three.reception, three.cars, three.car_purchase, three.car_running)
    return [header, ["预算数", *(text(v) for v in figures), text(ledger.public)]]


def budget_table_rows(ledger: Ledger, economic_codes: dict[str, str]) -> dict[str, list[Row]]:
    """Every 预算 table's CSV lines, header first."""
    return {
        "Y01": _y01(ledger),
        "Y02": _subjects(
            ledger,
            ["科目代码", "科目名称", "合计", "财政拨款收入", "一般公共预算拨款收入"],
            ["合计", "财政拨款收入", "一般公共预算拨款收入"],
        ),
        "Y03": _subjects(
            ledger, ["科目代码", "科目名称", "合计", "基本支出", "项目支出"], ["合计", "基本支出", "项目支出"]
        ),
        "Y04": _y04(ledger),
        "Y05": _subjects(
            ledger, ["科目代码", "科目名称", "合计", "基本支出", "项目支出"], ["合计", "基本支出", "项目支出"]
        ),
        "Y06": _y06(ledger, economic_codes),
        "Y07": [["科目代码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]],
        "Y08": [["科目代码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]],
        "Y09": _y09(ledger),
    }
