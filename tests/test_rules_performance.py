"""Rules 27–33: one test per code on a tiny 项目支出绩效自评表, failing and passing."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic, Location
from gongkai.downloads import Downloads
from gongkai.glossary import TermLinker
from gongkai.markup import environment
from gongkai.models import Cell, CellState, FundLine, Indicator, OverallReport, PerformanceTable, TextSection, grade_for
from gongkai.performance_html import funds_table, indicator_table, performance_place
from gongkai.render_checks import finding_html
from gongkai.render_disclosure import flagged_sentences, render_disclosure
from gongkai.rules.context import Checker
from gongkai.rules.performance import check_performance, parse_target
from table_fixtures import codes, corpus, disclosure

FILE = "data/disclosures/r/u/2023-juesuan/performance/projects/p.yaml"


def cell(raw: str, field: str = "") -> Cell:
    where = Location(FILE, 5, field=field)
    return Cell(raw, CellState.AMOUNT, Decimal(raw), where) if raw else Cell("", CellState.EMPTY, None, where)


def funds(
    budget: str = "2.52", executed: str = "2.189", balance: str = "0.331", rate: str = "86.86", score: str = "8.69"
) -> FundLine:
    return FundLine(
        "资金总额",
        cell(budget),
        cell(budget),
        cell(budget),
        cell(executed),
        cell(balance),
        cell(rate),
        cell(""),
        cell(score),
    )


def indicator(
    name: str = "遗属人数", target: str = "=3人", actual: str = "=3人", weight: str = "20", score: str = "20", **kw: str
) -> Indicator:
    return Indicator(
        kw.get("level1", "产出指标"),
        kw.get("level2", "数量指标"),
        name,
        target,
        target,
        actual,
        cell(weight),
        cell(score),
        kw.get("deviation", ""),
        Location(FILE, 30),
    )


FULL = (
    indicator(),
    indicator("发放标准", "700", "达成预期指标", "10", "10", level2="质量指标"),
    indicator("成本", "≤2.52万元", "≤2.52万元", "10", "10", level2="成本指标"),
    indicator("效益", "及时", "达成预期指标", "40", "40", level1="效益指标", level2="社会效益指标"),
    indicator("满意度", "≥95%", "96%", "10", "10", level1="满意度指标", level2="服务对象满意度"),
)


def project(**changes: object) -> PerformanceTable:
    base = PerformanceTable(
        "p", "遗属人员补助", 2023, "", "", (funds(),), "", "", FULL, cell("98.69"), "优", (), (), (), FILE
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def findings(*projects: PerformanceTable, explanations: tuple[TextSection, ...] = ()) -> list[Diagnostic]:
    d = replace(disclosure(explanations=explanations), projects=projects)
    checker = Checker(d, corpus(d))
    check_performance(checker)
    assert all(f.severity is RULE_CODES[f.code].severity for f in checker.findings)
    return checker.findings


def test_consistent_table_has_no_finding() -> None:
    assert findings(project()) == []


def test_execution_rate() -> None:
    (finding,) = codes(findings(project(funds=(funds(rate="96.86"),))), "perf-rate-mismatch")
    assert ("重算", "86.87%") in finding.figures
    # a figure over the same printed figure is exactly 100%: 99.99 is wrong, not a rounding tail
    (same,) = codes(
        findings(project(funds=(funds(budget="0.757", executed="0.757", balance="0", rate="99.99", score="10"),))),
        "perf-rate-mismatch",
    )
    assert ("重算", "100.00%") in same.figures


def test_balance_is_budget_minus_executed() -> None:
    assert len(codes(findings(project(funds=(funds(balance="0.431"),))), "perf-balance-mismatch")) == 1


def test_budget_execution_score() -> None:
    (finding,) = codes(findings(project(funds=(funds(score="9.69"),), total_score=cell("99.69"))), "perf-budget-score")
    assert ("应得", "8.69") in finding.figures
    over = funds(executed="3.00", balance="-0.48", rate="119.05", score="10")
    assert codes(findings(project(funds=(over,), total_score=cell("100"))), "perf-budget-score") == []  # capped at 100%


def test_score_not_over_weight() -> None:
    inflated = (indicator(score="25"), *FULL[1:])
    assert len(codes(findings(project(indicators=inflated, total_score=cell("103.69"))), "perf-score-over-weight")) == 1


def test_weights_sum_to_100() -> None:
    short = (indicator(weight="15", score="15"), *FULL[1:])
    assert len(codes(findings(project(indicators=short, total_score=cell("93.69"))), "perf-weights-sum")) == 1


def test_total_is_sum_of_scores() -> None:
    (finding,) = codes(findings(project(total_score=cell("97.69"))), "perf-total-mismatch")
    assert ("各项得分之和", "98.69") in finding.figures


def test_grade_matches_total() -> None:
    assert len(codes(findings(project(grade="良")), "perf-grade-mismatch")) == 1
    assert [grade_for(Decimal(v)) for v in ("90", "89.99", "80", "60", "59.9")] == ["优", "良", "良", "中", "差"]


@pytest.mark.parametrize(
    ("text", "op", "value", "unit"),
    [("=3人", "=", "3", "人"), ("≥95%", ">=", "95", "%"), ("≤2.52万元", "<=", "2.52", "万元"), ("提高98%", ">=", "98", "%"),
     ("650元", ">=", "0.065", "万元"), ("110批次", ">=", "110", "批次"), ("13万", ">=", "13", "万元")],
)  # fmt: skip
def test_targets_are_parsed(text: str, op: str, value: str, unit: str) -> None:
    target = parse_target(text)
    assert target is not None and (target.op, target.value, target.unit) == (op, Decimal(value), unit)


def test_unparseable_targets_are_not_compared() -> None:
    assert parse_target("及时补贴") is None and parse_target("达成预期指标") is None
    assert parse_target("8", cost=True) is not None and parse_target("8", cost=True).op == "<="  # type: ignore[union-attr]


def test_missed_target_with_full_score() -> None:
    missed = (indicator(actual="=99人", deviation="人数增加"), *FULL[1:])
    (finding,) = codes(findings(project(indicators=missed)), "perf-missed-full-score")
    assert ("指标值", "=3人") in finding.figures and ("实际完成值", "=99人") in finding.figures
    assert "指标值「=3人」" in finding.message and "实际完成值「=99人」" in finding.message
    partial = (indicator(actual="=2人", score="15", deviation="一人去世"), *FULL[1:])
    assert codes(findings(project(indicators=partial, total_score=cell("93.69"))), "perf-missed-full-score") == []


def test_missed_target_without_reason() -> None:
    missed = (indicator(target="6", actual="4", score="15", deviation="无"), *FULL[1:])
    (finding,) = codes(findings(project(indicators=missed, total_score=cell("93.69"))), "perf-missed-no-reason")
    assert ("偏差原因", "无") in finding.figures
    met = (indicator(target="50批次", actual="85批次", deviation="无"), *FULL[1:])
    assert codes(findings(project(indicators=met)), "perf-missed-no-reason") == []


def test_quoted_score_equals_table_score() -> None:
    text = (TextSection("（四）预算绩效管理情况", ("遗属人员补助项目自评得分为{}分。",)),)
    wrong = (replace(text[0], paragraphs=(text[0].paragraphs[0].format("98"),)),)
    (finding,) = codes(findings(project(), explanations=wrong), "perf-quoted-score")
    assert finding.location.anchor == "explanation-1-p1-s1"
    right = (replace(text[0], paragraphs=(text[0].paragraphs[0].format("98.69"),)),)
    assert codes(findings(project(), explanations=right), "perf-quoted-score") == []


def test_cost_indicator_agrees_with_executed() -> None:
    cost = indicator("区级财政", "2.52", "1.29", "10", "10", level2="成本指标")
    (finding,) = codes(findings(project(indicators=(*FULL[:2], cost, *FULL[3:]))), "perf-cost-mismatch")
    assert ("成本指标值", "2.52") in finding.figures and ("成本指标实际完成值", "1.29") in finding.figures
    assert ("全年执行数", "2.189") in finding.figures
    assert "指标值「2.52」" in finding.message and "实际完成值「1.29」" in finding.message
    ceiling = indicator("成本", "≤2.52万元", "≤2.52万元", "10", "10", level2="成本指标")
    part = indicator("差旅费", "13万", "13万", "10", "10", level2="成本指标")  # prices part of the project only
    assert codes(findings(project(indicators=(*FULL[:2], ceiling, *FULL[3:]))), "perf-cost-mismatch") == []
    assert codes(findings(project(indicators=(*FULL[:2], part, *FULL[3:]))), "perf-cost-mismatch") == []


def test_cost_indicator_at_the_initial_budget_agrees_with_executed() -> None:
    added = replace(funds("41", "41", "0", "100", "10"), initial_budget=cell("13"))  # 年初 13, 追加 to 41
    cost = indicator("差旅费，生活费，租车费等费用", "13万", "13万", "10", "10", level2="成本指标")
    (finding,) = codes(findings(project(funds=(added,), indicators=(*FULL[:2], cost, *FULL[3:]))), "perf-cost-mismatch")
    assert "（即年初预算数）" in finding.message and ("全年执行数", "41") in finding.figures


def test_evaluation_of_another_year() -> None:
    (table,) = codes(findings(project(year=2022)), "perf-year-mismatch")
    assert table.figures == (("自评表年度", "2022年"), ("公开年度", "2023年"))
    report = (TextSection("四、评价结论", ("本部门对2022年整体支出开展绩效自评，自评结果100分。",)),)
    (said,) = codes(findings(project(report=report)), "perf-year-mismatch")
    assert said.location.anchor == "report-1-p1-s1"
    compared = (TextSection("四、评价结论", ("自评得分比2022年提高2分。", "2023年绩效自评100分。")),)
    assert codes(findings(project(report=compared)), "perf-year-mismatch") == []


def test_summary_of_project_evaluations_agrees_with_the_tables() -> None:
    title = "1、预算绩效管理工作的开展情况"
    text = "2023年二级项目绩效自评个数{}个,涉及资金{}万元:{}个项目自评等级为“优”,0个项目自评等级为“良”。"
    wrong = (TextSection(title, (text.format("2", "3.52", "2"),)),)
    assert [f.figures[0] for f in codes(findings(project(), explanations=wrong), "perf-project-summary")] == [
        ("文字所述", "2个"),
        ("文字所述", "3.52万元"),
        ("文字所述", "2个"),
    ]
    for funds_total in ("2.19", "2.52"):  # Σ 全年执行数, or Σ 全年预算数
        right = (TextSection(title, (text.format("1", funds_total, "1"),)),)
        assert codes(findings(project(), explanations=right), "perf-project-summary") == []


def _located(values: dict[str, str], prefix: str) -> dict[str, Any]:  # Any: replace() kwargs of mixed fields
    return {name: cell(raw, f"{prefix}.{name}") for name, raw in values.items()}


def test_findings_link_to_the_cells_of_the_project_page() -> None:
    line = replace(
        funds(rate="96.86"),
        **_located({"annual_budget": "2.52", "executed": "2.189", "rate": "96.86"}, "funds.0"),
    )
    missed = replace(
        indicator(actual="=2人"),
        source=Location(FILE, 30, field="indicators.0"),
        **_located({"weight": "20", "score": "20"}, "indicators.0"),
    )
    located = project(funds=(line,), indicators=(missed, *FULL[1:]))
    found = findings(located)
    (rate,) = codes(found, "perf-rate-mismatch")
    assert rate.location.anchor == "pf-funds-0-rate"
    assert {r.anchor for r in rate.related} == {"pf-funds-0-executed", "pf-funds-0-annual-budget"}
    (full,) = codes(found, "perf-missed-full-score")
    assert full.location.anchor == "pf-indicators-0-score"
    (no_reason,) = codes(found, "perf-missed-no-reason")
    assert no_reason.location.anchor == "pf-indicators-0-deviation"
    assert [r.anchor for r in no_reason.related] == ["pf-indicators-0-adjusted-target", "pf-indicators-0-actual"]
    page = funds_table(environment(), located) + indicator_table(environment(), located)
    for where in (w for f in found for w in (f.location, *f.related) if w.anchor):
        assert f'id="{where.anchor}"' in page, where
    assert 'href="jixiao/p/#pf-funds-0-rate"' in finding_html(environment(), rate)
    assert ">绩效指标 第1行 栏「偏差原因分析及改进措施」</a>" in finding_html(environment(), no_reason)
    assert performance_place("table.funds.0.rate") == "整体绩效目标表：资金执行 第1行 栏「执行率（%）」"


def test_text_inside_the_overall_reports_table_has_its_own_sentence_ids() -> None:
    leftover = (TextSection("一、总体情况", ("预算执行XX万元。",)),)
    table = project(report=leftover)
    overall = OverallReport("整体自评", "自评报告", 2023, cell(""), "", leftover, table, FILE)
    d = replace(disclosure(), overall=overall)
    checker = Checker(d, corpus(d))
    check_performance(checker)
    anchors = sorted(f.location.anchor for f in checker.findings if f.code == "text-template-leftover")
    assert anchors == ["report-1-p1-s1", "table-report-1-p1-s1"]  # the report's own text, the table's text
    flags = flagged_sentences(checker.findings)
    page = render_disclosure(
        d,
        lambda url, title: TermLinker([]).scope(url, title, "/glossary/"),
        environment(),
        "",
        "",
        Downloads({}, (), ()),
        flags,
    )
    overall_page = page.pages[-1].markdown
    assert 'id="report-1-p1-s1"' in overall_page and 'id="table-report-1-p1-s1"' in overall_page
    ids = re.findall(r'id="([^"]+)"', overall_page)
    assert len(ids) == len(set(ids))
