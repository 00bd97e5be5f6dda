"""Sums and balances a text states by itself: listed parts against their total, 类 changes against the
total change, income against expense (``rules/prose_sums.py``)."""

from __future__ import annotations

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import TextSection
from gongkai.rules.prose_sums import check_prose_sums
from table_fixtures import codes, run


def found(code: str, *paragraphs: str, title: str = "（二）支出情况") -> list[Diagnostic]:
    findings = run(check_prose_sums, explanations=(TextSection(title, paragraphs, line=3),))
    assert all(f.severity is RULE_CODES[f.code].severity for f in findings)
    return codes(findings, code)


def test_listed_classes_must_add_up_to_the_total() -> None:
    text = "部门财政资金支出{}万元，其中一般公共服务支出155.63万元，社会保障和就业支出18.24万元。"
    (finding,) = found("text-parts-sum", text.format("213.61"))
    assert ("所列各项之和", "173.87") in finding.figures and ("差额", "+39.74") in finding.figures
    assert finding.location.anchor == "explanation-1-p1-s1"
    assert found("text-parts-sum", text.format("173.87")) == []
    assert found("text-parts-sum", text.format("173.88")) == []  # a rounding tail of the last digit


def test_parts_that_are_not_classes_may_fall_short_but_not_exceed() -> None:
    text = "2023年一般公共预算财政拨款支出{}万元。（其中工资和福利支出133.52万元，商品和服务支出89.53万元，（其中三公经费支出2.95万元）。对个人和家庭的补助支出6万元。）合计追加28万元。"
    (finding,) = found(
        "text-parts-sum", text.format("223.05")
    )  # the nested 「（其中…）」 and text after 「）」 are no parts
    assert ("所列各项之和", "229.05") in finding.figures
    assert found("text-parts-sum", text.format("300.00")) == []  # 「其中」 need not list everything


def test_parts_are_matched_by_measure_and_a_kuan_among_classes_is_left_out() -> None:
    items = (
        "一般公共服务支出年初预算198.32万元，支出决算188万元；社会保障和就业支出年初预算27.31万元，支出决算28.96万元；"
        "就业补助支出年初预算0万元，支出决算0.96万元（社会保障和就业的一款）。"
    )
    assert found("text-parts-sum", "支出年初预算225.63万元，支出决算216.96万元。其中：", items) == []
    (finding,) = found("text-parts-sum", "支出年初预算230.00万元，支出决算216.96万元。其中：", items)
    assert ("所列各项之和", "225.63") in finding.figures


def test_class_changes_add_up_to_the_stated_total_change() -> None:
    (finding,) = found(
        "text-parts-sum",
        "与上年相比，一般公共预算财政拨款支出增加21.53万元，增长10.15%。",
        "2023年度一般公共预算财政拨款支出年初预算245.35万元，支出决算233.67万元。其中：",
        "一般公共服务支出年初预算198.32万元，支出决算188万元，较2022年决算增加10.36万元；"
        "社会保障和就业支出年初预算47.03万元，支出决算45.67万元，较2022年决算增加10.42万元。",
    )
    assert finding.figures[0] == ("文字所述总数", "增加21.53万元")
    assert ("各类变动之和", "20.78") in finding.figures


def test_income_and_opening_balance_cover_expense_and_closing_balance() -> None:
    income = "部门财政资金收入213.34万元。年初结余{}万元。"
    expense = "部门财政资金支出213.61万元，年末结转和结余0.14万元。"
    (finding,) = found("text-income-expense", income.format("0.25"), expense)
    assert ("差额", "-0.16") in finding.figures
    assert found("text-income-expense", income.format("0.41"), expense) == []
    assert found("text-income-expense", "部门财政资金收入213.34万元。", expense) == []  # no opening balance stated


def test_a_list_cut_by_a_line_break_runs_on_but_a_sibling_list_does_not() -> None:
    cut = (
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.65%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；",
        "资源勘探工业信息等支出（类）506.67万元，占17.23%；",
    )
    assert found("text-parts-sum", *cut) == []  # all three 类 (the third after the break): 2940.05
    siblings = (
        "人员经费136.15万元，主要包括 基本工资44.15万元，津贴补贴91.00万元，退休费1.00万元；",
        "公用经费13.19万元，主要包括 办公费13.19万元。",
    )
    assert found("text-parts-sum", *siblings) == []  # 公用经费 is no part of 人员经费


def test_a_single_listed_part_cannot_exceed_its_total() -> None:
    text = "2023年度一般公共预算财政拨款基本支出{}万元，其中：人员经费122.91万元，主要包括：基本工资40.56万元、津贴补贴17.71万元。"
    (finding,) = found("text-part-exceeds-whole", text.format("120.00"))
    assert finding.figures == (
        ("部分", "人员经费122.91万元"),
        ("总数", "2023年度一般公共预算财政拨款基本支出120.00万元"),
        ("多出", "2.91"),
    )
    assert found("text-part-exceeds-whole", text.format("138.42")) == []
    assert found("text-part-exceeds-whole", text.format("122.90")) == []  # a rounding tail
    # a budget part under an actual total, or last year's figure, is another measure
    assert found("text-part-exceeds-whole", "支出决算100.00万元，其中：年初预算120.00万元。") == []
