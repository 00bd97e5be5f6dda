"""Rules 27–33: the 绩效自评表 of each project (and of the 部门整体 report) agree with themselves.

- 27 执行率 = 全年执行数 ÷ 全年预算数 (tolerance of ``context.check_percent``, each amount's rounding
  error taken from its printed precision); 资金结余 = 全年预算数 − 全年执行数.
- 28 预算执行 得分 = 分值 × min(执行率, 100%) with 分值 10 where the table prints none (the usual
  「预算执行率 10 分」 of the 自评表), compared with the printed 得分 within 0.015.
- 29 each 得分 ≤ 分值; Σ 分值 (indicators + 预算执行) = 100; 总分 = Σ 得分.
- 30 等级 from 总分: 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60.
- 31 an indicator whose 实际完成值 misses its 指标值 (see :func:`parse_target`) with full 得分, or with
  an empty / 「无」 偏差原因.
- 32 a score the text quotes for a project (情况说明, its own report) = its table / report score.
- 33 a 成本指标 that states the project's whole budget (全年 or 年初预算数): its 实际完成值 agrees with 全年执行数.
- 23 for 绩效: a 自评表 of another year than the disclosure's, or a report that says it evaluates the
  year before (「对2022年整体支出…开展绩效自评」 in a 2023 disclosure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from gongkai.address import indicator_field, text_key
from gongkai.diagnostics import Location, Severity
from gongkai.models import Cell, Disclosure, FundLine, Indicator, PerformanceTable, grade_for
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import CENT, Checker, check_percent, figure, last_digit, shown, sum_tolerance
from gongkai.rules.performance_quotes import check_quoted_figures
from gongkai.rules.prose_template import template_leftovers, unfilled_form
from gongkai.rules.text_figures import FigureKind, figures_in, sentence_location

BUDGET_WEIGHT = Decimal(10)  # 预算执行 分值 where the table prints none
SCORE_TOLERANCE = Decimal("0.015")
NO_REASON = frozenset({"", "无", "/", "——", "-", "—"})

_TARGET = re.compile(
    r"^(?P<op>提高|不低于|不少于|大于等于|≥|>=|＞=|不高于|不超过|小于等于|≤|<=|=|＝)?\s*"
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|％|万元|万|元|人次|人|件次|件|批次|个|台|天|户|次)?$"
)
_GE = ("提高", "不低于", "不少于", "大于等于", "≥", ">=", "＞=")
_LE = ("不高于", "不超过", "小于等于", "≤", "<=")
_UNIT = {"％": "%", "万": "万元"}


@dataclass(frozen=True)
class Target:
    op: str  # "=", ">=" or "<="
    value: Decimal  # in 万元 for amounts
    unit: str  # "", "%", "万元", "人", …


def parse_target(text: str, cost: bool = False) -> Target | None:
    """「=3人」「≥95%」「≤2.52万元」「提高98%」「650元」「6」 → a comparable target; prose → ``None``.

    A bare figure is a floor (≥), or a ceiling (≤) for a 成本指标; 元 is converted to 万元."""
    match = _TARGET.match(text.strip())
    if match is None:
        return None
    op = match.group("op") or ""
    unit = _UNIT.get(match.group("unit") or "", match.group("unit") or "")
    value = Decimal(match.group("value"))
    if unit == "元":
        unit, value = "万元", value / 10000
    if op in _GE:
        kind = ">="
    elif op in _LE:
        kind = "<="
    elif op:
        kind = "="
    else:
        kind = "<=" if cost else ">="
    return Target(kind, value, unit)


def misses(target: Target, actual: Target) -> bool:
    """Whether an actual value misses a target of the same unit."""
    tolerance = CENT if target.unit == "万元" else Decimal(0)
    if target.op == "=":
        return abs(actual.value - target.value) > tolerance
    if target.op == ">=":
        return actual.value < target.value - tolerance
    return actual.value > target.value + tolerance


def _half_unit(cell: Cell) -> Decimal:
    return last_digit(cell.amount_or_zero()) / 2


def value_at(i: Indicator, name: str) -> Location:
    """Where one value of an indicator is printed (``target``, ``actual``, ``deviation`` …): its table cell."""
    return replace(i.source, field=indicator_field(i, name) or i.source.field)


def _target_at(i: Indicator) -> Location:
    """The 指标值 the indicator is measured against: the adjusted one where printed."""
    return value_at(i, "adjusted_target" if i.adjusted_target else "target")


def _evaluations(d: Disclosure) -> Iterator[PerformanceTable]:
    yield from d.projects
    if d.overall is not None and d.overall.table is not None:
        yield d.overall.table


class PerformanceRules:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def table(self, p: PerformanceTable) -> None:
        for line in p.funds:
            self._rate(p, line)
            self._balance(p, line)
        budget_line = next((f for f in p.funds if f.score.is_amount), None)
        if budget_line is not None:
            self._budget_score(p, budget_line)
        for indicator in p.indicators:
            self.checker.not_more_than(
                "perf-score-over-weight",
                Severity.ERROR,
                f"{p.name}：指标「{indicator.name}」的得分不应超过分值",
                indicator.score,
                indicator.weight,
                part_label="得分",
                whole_label="分值",
            )
            self._target_missed(p, indicator)
            self._cost(p, indicator)
        self._sums(p, budget_line)
        self._grade(p)

    # rule 27
    def _rate(self, p: PerformanceTable, line: FundLine) -> None:
        if not (line.rate.is_amount and line.annual_budget.is_amount and line.executed.is_amount):
            return
        self.checker.checks_run += 1
        result = check_percent(
            line.rate.amount_or_zero(),
            line.executed.amount_or_zero(),
            line.annual_budget.amount_or_zero(),
            numerator_error=_half_unit(line.executed),
            denominator_error=_half_unit(line.annual_budget),
        )
        if result is None or result.ok:
            return
        self.checker.add(
            "perf-rate-mismatch",
            Severity.ERROR,
            line.rate.source,
            f"{p.name}「{line.source_name}」执行率印为 {shown(line.rate)}%，按全年执行数 {shown(line.executed)} ÷ "
            f"全年预算数 {shown(line.annual_budget)} 重算为 {figure(result.recomputed)}%。",
            (("印出的执行率", f"{shown(line.rate)}%"), ("重算", f"{figure(result.recomputed)}%")),
            related=[line.executed.source, line.annual_budget.source],
        )

    def _balance(self, p: PerformanceTable, line: FundLine) -> None:
        if not (line.balance.is_amount and line.annual_budget.is_amount):
            return
        self.checker.checks_run += 1
        expected = line.annual_budget.amount_or_zero() - line.executed.amount_or_zero()
        if abs(line.balance.amount_or_zero() - expected) <= sum_tolerance(2):
            return
        self.checker.add(
            "perf-balance-mismatch",
            Severity.ERROR,
            line.balance.source,
            f"{p.name}「{line.source_name}」资金结余印为 {shown(line.balance)}，全年预算数 {shown(line.annual_budget)} − "
            f"全年执行数 {shown(line.executed)} = {figure(expected)}。",
            (("印出的结余", shown(line.balance)), ("预算 − 执行", figure(expected))),
            related=[line.annual_budget.source, line.executed.source],
        )

    # rule 28
    def _budget_score(self, p: PerformanceTable, line: FundLine) -> None:
        budget = line.annual_budget.amount_or_zero()
        if budget == 0 or not line.executed.is_amount:
            return
        self.checker.checks_run += 1
        weight = line.weight.amount_or_zero() if line.weight.is_amount else BUDGET_WEIGHT
        rate = min(line.executed.amount_or_zero() / budget, Decimal(1))
        expected = [weight * rate]
        if line.rate.is_amount:
            expected.append(weight * min(line.rate.amount_or_zero() / 100, Decimal(1)))
        score = line.score.amount_or_zero()
        if any(abs(score - e) <= SCORE_TOLERANCE for e in expected):
            return
        shown_expected = figure(expected[0].quantize(CENT, ROUND_HALF_UP))
        self.checker.add(
            "perf-budget-score",
            Severity.ERROR,
            line.score.source,
            f"{p.name}预算执行得分印为 {shown(line.score)}，按「分值 {figure(weight)} × min(执行率, 100%)」应为 {shown_expected}。",
            (("印出的得分", shown(line.score)), ("应得", shown_expected), ("分值", figure(weight))),
            related=[line.executed.source, line.annual_budget.source],
        )

    # rule 29
    def _sums(self, p: PerformanceTable, budget_line: FundLine | None) -> None:
        weights = [i.weight for i in p.indicators if i.weight.is_amount]
        if not weights:
            return
        budget_weight = budget_line.weight if budget_line and budget_line.weight.is_amount else None
        total_weight = sum((w.amount_or_zero() for w in weights), Decimal(0))
        if budget_weight is not None:
            total_weight += budget_weight.amount_or_zero()
        elif budget_line is not None:
            total_weight += BUDGET_WEIGHT
        self.checker.checks_run += 1
        if total_weight != 100:
            self.checker.add(
                "perf-weights-sum",
                Severity.ERROR,
                weights[0].source,
                f"{p.name}各项分值（含预算执行）合计 {figure(total_weight)}，应为 100。",
                (("分值合计", figure(total_weight)),),
                related=[w.source for w in weights[1:]],
            )
        if not p.total_score.is_amount:
            return
        scores = [i.score for i in p.indicators if i.score.is_amount] + ([budget_line.score] if budget_line else [])
        self.checker.total_matches_parts(
            "perf-total-mismatch",
            f"{p.name}总分应等于各项得分之和（含预算执行得分）",
            p.total_score,
            scores,
            total_label="印出的总分",
            parts_label="各项得分之和",
        )

    # rule 30
    def _grade(self, p: PerformanceTable) -> None:
        if not p.total_score.is_amount or not p.grade.strip():
            return
        self.checker.checks_run += 1
        expected = grade_for(p.total_score.amount_or_zero())
        if p.grade.strip() == expected:
            return
        self.checker.add(
            "perf-grade-mismatch",
            Severity.ERROR,
            p.total_score.source,
            f"{p.name}总分 {shown(p.total_score)} 对应等级「{expected}」（优≥90，良80–90，中60–80，差<60），表中印为「{p.grade}」。",
            (("总分", shown(p.total_score)), ("印出的等级", p.grade), ("应为", expected)),
        )

    # rule 31
    def _target_missed(self, p: PerformanceTable, i: Indicator) -> None:
        cost = "成本" in i.level2
        target = parse_target(i.adjusted_target or i.target, cost)
        actual = parse_target(i.actual, cost)
        if target is None or actual is None or target.unit != actual.unit:
            return
        self.checker.checks_run += 1
        if not misses(target, actual):
            return
        verdict = "与指标值不符" if target.op == "=" else "未达到指标值"
        stated = f"指标「{i.name}」指标值「{i.adjusted_target or i.target}」，实际完成值「{i.actual}」，{verdict}"
        figures = (("指标值", i.adjusted_target or i.target), ("实际完成值", i.actual))
        if (
            i.weight.is_amount
            and i.score.is_amount
            and i.weight.amount_or_zero() > 0
            and i.score.value == i.weight.value
        ):
            self.checker.add(
                "perf-missed-full-score",
                Severity.ERROR,
                i.score.source,
                f"{p.name}：{stated}，却得满分 {shown(i.score)}。",
                (*figures, ("得分", shown(i.score)), ("分值", shown(i.weight))),
                related=[_target_at(i), value_at(i, "actual")],
            )
        if i.deviation.strip() in NO_REASON:
            self.checker.add(
                "perf-missed-no-reason",
                Severity.WARNING,
                value_at(i, "deviation"),
                f"{p.name}：{stated}，偏差原因"
                + ("未填写。" if not i.deviation.strip() else f"却写「{i.deviation.strip()}」。"),
                (*figures, ("偏差原因", i.deviation.strip() or "空白")),
                related=[_target_at(i), value_at(i, "actual")],
            )

    # rule 33
    def _cost(self, p: PerformanceTable, i: Indicator) -> None:
        total = p.funds[0] if p.funds else None
        if "成本" not in i.level2 or total is None or not total.executed.is_amount:
            return
        target = parse_target(i.adjusted_target or i.target, cost=True)
        actual = parse_target(i.actual, cost=True)
        if target is None or actual is None or target.unit not in ("", "万元") or actual.unit != target.unit:
            return
        budgets = (("全年预算数", total.annual_budget), ("年初预算数", total.initial_budget))
        which = next(
            (name for name, c in budgets if c.is_amount and abs(target.value - c.amount_or_zero()) <= CENT), ""
        )
        if not which:
            return  # the indicator prices part of the project, not its whole budget
        self.checker.checks_run += 1
        executed = total.executed.amount_or_zero()
        ceiling = actual.op == "<=" and parse_target(i.actual) == actual  # printed with ≤, not a bare figure
        if executed <= actual.value + CENT if ceiling else abs(actual.value - executed) <= CENT:
            return
        self.checker.add(
            "perf-cost-mismatch",
            Severity.ERROR,
            value_at(i, "actual"),
            f"{p.name}：成本指标「{i.name}」指标值「{i.adjusted_target or i.target}」（即{which}），"
            f"实际完成值「{i.actual}」，而资金表全年执行数为 {shown(total.executed)}。",
            (
                ("成本指标值", i.adjusted_target or i.target),
                ("成本指标实际完成值", i.actual),
                ("全年执行数", shown(total.executed)),
            ),
            related=[total.executed.source, _target_at(i)],
        )


def check_performance(checker: Checker) -> None:
    d = checker.disclosure
    rules = PerformanceRules(checker)
    overall_table = d.overall.table if d.overall is not None else None
    for p in _evaluations(d):
        rules.table(p)
        _table_year(checker, p)
        _report_years(checker, p.file, walk_sentences(p.report, text_key("report", p is overall_table)))
        template_leftovers(checker, p.file, walk_sentences(p.analysis, text_key("analysis", p is overall_table)))
        template_leftovers(checker, p.file, walk_sentences(p.report, text_key("report", p is overall_table)))
    if d.overall is not None:
        template_leftovers(checker, d.overall.file, walk_sentences(d.overall.sections, "report"))
        _report_years(checker, d.overall.file, walk_sentences(d.overall.sections, "report"))
    unfilled_form(checker)
    check_quoted_figures(checker)


_EVALUATES = ("自评", "评价", "绩效")
_YEAR_COMPARED = ("比", "较", "相比", "上年", "同比", "同期", "以来")


def _table_year(checker: Checker, p: PerformanceTable) -> None:
    checker.checks_run += 1
    if p.year == checker.disclosure.year:
        return
    checker.add(
        "perf-year-mismatch",
        Severity.WARNING,
        p.funds[0].annual_budget.source if p.funds else Location(p.file, None),  # the top of the table
        f"{p.name}：所附自评表印为「{p.year}年度」，而本公开是{checker.disclosure.year}年度，疑为沿用往年的表。",
        (("自评表年度", f"{p.year}年"), ("公开年度", f"{checker.disclosure.year}年")),
    )


def _report_years(checker: Checker, file: str, sentences: Iterator[Sentence]) -> None:
    """A 绩效 report that says it evaluates another year than the disclosure's."""
    year = checker.disclosure.year
    checker.checks_run += 1
    for sentence in sentences:
        if not any(w in sentence.text for w in _EVALUATES) or any(w in sentence.text for w in _YEAR_COMPARED):
            continue
        for f in figures_in(sentence):
            if f.kind is FigureKind.YEAR and int(f.value) == year - 1:
                checker.add(
                    "perf-year-mismatch",
                    Severity.WARNING,
                    sentence_location(file, sentence),
                    f"{sentence.place}称对「{int(f.value)}年」开展绩效评价，而本公开是{year}年度，疑为沿用往年文字。",
                    (("文字所述", f.raw), ("公开年度", f"{year}年")),
                )
                break
