"""The same figure stated twice (情况说明 sections, the 整体绩效报告) agrees (``rules/prose_equal.py``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic, Location
from gongkai.models import Cell, CellState, OverallReport, TextSection
from gongkai.rules.context import Checker
from gongkai.rules.prose_equal import check_equal_quotes
from table_fixtures import codes, corpus, disclosure

BASIC = "2023年度一般公共预算财政拨款基本支出138.42万元，其中：人员经费{}万元，公用经费15.51万元。"


def found(explanation: str, report: str = "") -> list[Diagnostic]:
    d = disclosure(explanations=(TextSection("六、一般公共预算财政拨款基本支出决算情况说明", (explanation,), line=3),))
    if report:
        score = Cell("", CellState.EMPTY, None, Location("overall.yaml", 1))
        sections = (TextSection("（二）支出情况", (report,), line=9),)
        d = replace(
            d, overall=OverallReport("整体自评报告", "自评报告", 2023, score, "", sections, None, "overall.yaml")
        )
    checker = Checker(d, corpus(d))
    check_equal_quotes(checker)
    assert all(f.severity is RULE_CODES[f.code].severity for f in checker.findings)
    return codes(checker.findings, "text-figure-conflict")


def test_the_same_figure_quoted_in_the_report_agrees() -> None:
    (finding,) = found(BASIC.format("122.91"), "2023年人员经费124.76万元，公用经费15.51万元。")
    assert finding.figures == (("数字", "人员经费"), ("此处所述", "124.76万元"), ("前文所述", "122.91万元"))
    assert finding.location.file == "overall.yaml" and finding.location.anchor == "report-1-p1-s1"
    assert finding.related[0].anchor == "explanation-1-p1-s1"
    assert found(BASIC.format("122.91"), "2023年人员经费122.91万元。") == []


def test_a_rounding_tail_is_no_finding() -> None:
    # 昭化区委群众工作局 2023: 223.06 in the 情况说明, 223.05 in the 整体自评报告
    text = "2023年度一般公共预算财政拨款支出{}万元。"
    assert found(text.format("223.06"), text.format("223.05")) == []
    assert len(found(text.format("223.06"), text.format("223.04"))) == 1


def test_a_measure_takes_the_subject_of_the_sentence() -> None:
    budget = "一般公共服务支出年初预算198.32万元，支出决算{}万元。"
    assert len(found(budget.format("188"), budget.format("187"))) == 1
    assert (
        found(
            "一般公共服务支出年初预算198.32万元，支出决算188万元。",
            "社会保障和就业支出年初预算27.31万元，支出决算28万元。",
        )
        == []
    )


def test_figures_of_other_things_with_like_words_are_not_compared() -> None:
    assert found("与上年相比，人员经费增加2.00万元；上年人员经费120.91万元。", "2023年人员经费122.91万元。") == []
    assert found("2022年度人员经费120.91万元。", "2023年人员经费122.91万元。") == []
    assert found("预算人员经费133.52万元。", "2023年人员经费122.91万元。") == []  # 预算 is another measure
    performance = "编报绩效目标的项目4个，涉及预算金额598.42万元；绩效自评的项目3个，涉及预算金额500.00万元。"
    assert found(performance) == []  # 「涉及预算金额」 names nothing by itself
    income = "部门决算收入346.38万元，其中一般公共服务278.36万元。"
    assert found(income, "部门决算支出340.00万元，其中一般公共服务272.00万元。") == []  # income's class vs expense's
