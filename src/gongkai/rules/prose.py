"""Rules 19–26: what the 情况说明 says against the tables, and against itself.

Every amount and count is tied to the table cell it describes (:mod:`gongkai.rules.prose_targets`);
a change is this year − last year where last year is known (last year's disclosure of the unit on the
site, or a chart printing last year's figure); a growth rate is change ÷ (this year − change); a share
is part ÷ whole, the whole being the figure the section leads with (「收入合计233.67万元，其中：」) or the
one named after 占 (「占政府采购支出总额的」); an execution rate is 决算 ÷ 预算 of the same sentence.
Figures that cannot be tied are listed in one notice (``text-figure-untied``) per disclosure that
publishes tables; a disclosure without tables is only checked against itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.diagnostics import Severity
from gongkai.models import Disclosure
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.budget_changes import check_budget_change, is_change_base
from gongkai.rules.budget_text import text_targets
from gongkai.rules.context import (
    CENT,
    HALF_CENT,
    Checker,
    cell_anchors,
    check_percent,
    figure,
    last_digit,
    signed,
    sum_tolerance,
)
from gongkai.rules.prose_last_year import compare_last_year, is_last_year, previous_disclosure
from gongkai.rules.prose_reasons import check_change_reasons
from gongkai.rules.prose_staffing import check_staffing
from gongkai.rules.prose_targets import Target, is_budget, sangong_budget, section_table, text_cell
from gongkai.rules.prose_template import template_leftovers
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location

EXPLANATIONS = "explanations.yaml"
_WHOLE_LEAD = ("其中", "主要用于", "主要包括")
_NAMED_WHOLES = (
    ("本年支出合计", "01", "58"),
    ("支出合计", "01", "58"),
    ("收入合计", "01", "27"),
    ("采购支出总额", "10", "1"),
)
_DATE = re.compile(r"\d{1,2}月")
_COMPARED = ("比", "较", "与", "相比", "上年", "同比", "同期")


@dataclass
class _Section:
    """What the rules remember while reading one section of the 情况说明."""

    whole: tuple[TextFigure, Decimal] | None = None  # the figure the section leads with
    shares: dict[int, list[TextFigure]] = field(default_factory=dict)  # id(whole) -> its printed shares
    parts: dict[int, list[Decimal]] = field(default_factory=dict)  # id(whole) -> the parts' amounts
    recomputed: dict[int, Decimal] = field(default_factory=dict)  # id(share) -> its value, where misprinted


class ProseRules:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.d = checker.disclosure
        self.file = f"{self.d.folder}/{EXPLANATIONS}"
        self.untied: list[TextFigure] = []
        self.previous = previous_disclosure(checker)
        self.previous_anchors = cell_anchors(self.previous) if self.previous is not None else {}

    def run(self) -> None:
        section = _Section()
        key = ""
        paragraph: list[TextFigure] = []
        for sentence in walk_sentences(self.d.explanations, "explanation"):
            if sentence.section_key != key:
                self._end_section(section)
                section, key = _Section(), sentence.section_key
            if sentence.index == 1:
                paragraph = []
            self._sentence(sentence, section, paragraph)
        self._end_section(section)
        template_leftovers(self.checker, self.file, walk_sentences(self.d.explanations, "explanation"))
        self._report_untied()

    def _sentence(self, sentence: Sentence, section: _Section, paragraph: list[TextFigure]) -> None:
        figures = figures_in(sentence)
        for index, f in enumerate(figures):
            before = figures[:index]
            if f.kind in (FigureKind.AMOUNT, FigureKind.COUNT):
                self._tie(f, before)
                after = sentence.text[
                    f.offset + len(f.raw) : figures[index + 1].offset if index + 1 < len(figures) else None
                ]
                if f.kind is FigureKind.AMOUNT and any(w in after for w in _WHOLE_LEAD):
                    section.whole = (f, f.wan)
            elif check_budget_change(self.checker, self.file, f, before):
                pass  # a 预算's change measured from last year's figure printed beside it
            elif f.kind is FigureKind.CHANGE:
                self._change(f, paragraph)
            elif f.kind is FigureKind.PERCENT:
                self._percent(f, before, paragraph, section)
            elif f.kind is FigureKind.YEAR:
                self._year(f)
            paragraph.append(f)
        self._sangong_counts(sentence, figures)

    # rule 19 (and 24 for 「三公」 and vehicle counts; 22 for last year's amounts)
    def _tie(self, f: TextFigure, before: Sequence[TextFigure]) -> None:
        if is_last_year(f, self.d.year):
            on_site = compare_last_year(self.checker, self.file, f, before, self.previous, self.previous_anchors)
            if not on_site and not (self.d.kind == "预算" and is_change_base(f, self.d.year)):
                self.untied.append(f)
            return
        if not self.d.tables:
            return
        found = text_targets(self.d, f)
        if found is None:
            if not (f.kind is FigureKind.COUNT and section_table(f.sentence.titles) != "assets"):
                self.untied.append(f)
            return
        compared: set[Decimal | None] = set()
        for target in found:  # 「收入支出总计」 ties to both 总计 cells: one finding when they print the same
            if target.cell.value not in compared:
                compared.add(target.cell.value)
                self._compare(f, target)

    def _compare(self, f: TextFigure, target: Target) -> None:
        code = "text-sangong-mismatch" if section_table(f.sentence.titles) == "09" else "text-amount-mismatch"
        what = f"情况说明{f.sentence.place}「{clause_of(f)}{f.raw}」与{target.label}"
        if f.unit == "元" and target.cell.is_amount and f.value == target.cell.value:
            return  # 「0.25元」 for 0.25 万元: rule 36 (``amount-unit-yuan-text``) reports it
        self.checker.total_matches_parts(  # a 元 in the text is amount-unit-yuan-text's, never the cell's slip
            code, what, text_cell(f, self.file), [target.cell], total_label="文字所述", parts_label="表中数", slip=False
        )

    # rules 20 and 22
    def _change(self, f: TextFigure, paragraph: list[TextFigure]) -> None:
        current = self._this_year(f, paragraph)
        last = self._last_year(f)
        if current is None or last is None:
            return
        self.checker.checks_run += 1
        actual = current - last
        stated = f.wan * f.direction
        if f.direction and abs(actual - stated) <= sum_tolerance(2):
            return
        code = (
            "text-change-direction"
            if f.direction and abs(actual + stated) <= sum_tolerance(2)
            else "text-change-mismatch"
        )
        self.checker.add(
            code,
            Severity.ERROR,
            sentence_location(self.file, f.sentence),
            f"情况说明{f.sentence.place}「{f.raw}」：本年 {figure(current)}，上年 {figure(last)}，"
            f"实际变动 {signed(actual)}，文字所述 {signed(stated)}。",
            (("文字所述", f.raw), ("本年", figure(current)), ("上年", figure(last)), ("实际变动", signed(actual))),
        )

    def _this_year(self, f: TextFigure, paragraph: list[TextFigure]) -> Decimal | None:
        """This year's figure a change or growth rate is about: its table cell, else the amount the
        paragraph last states for the same subject (else the last actual amount stated)."""
        tied = text_targets(self.d, f) if self.d.tables else None
        if tied and tied[0].cell.is_amount:
            return tied[0].cell.amount_or_zero()
        amounts = [
            a
            for a in paragraph
            if a.kind is FigureKind.AMOUNT and not is_budget(clause_of(a)) and not is_last_year(a, self.d.year)
        ]
        subject = clause_of(f).rstrip("各均共分别")
        same = [a for a in amounts if subject and subject in clause_of(a)]
        chosen = (same or amounts)[-1:]
        return chosen[0].wan if chosen else None

    def _last_year(self, f: TextFigure) -> Decimal | None:
        if self.previous is not None:
            tied = text_targets(self.previous, f)
            if tied and tied[0].cell.is_amount:
                return tied[0].cell.amount_or_zero()
        return _charted_last_year(self.d, f)

    # rule 21
    def _percent(
        self, f: TextFigure, before: Sequence[TextFigure], paragraph: list[TextFigure], section: _Section
    ) -> None:
        clause = clause_of(f)
        if f.direction:
            change = next((b for b in reversed(before) if b.kind is FigureKind.CHANGE), None)
            if change is None:
                self.untied.append(f)
                return
            if change.direction and change.direction != f.direction:
                self._direction_conflict(f, change)
            current = self._this_year(change, paragraph)
            if current is None:
                self.untied.append(f)
                return
            base = current - change.wan * (change.direction or 1)
            self._check_ratio(f, change.wan, base, "增长率", f"变动 {figure(change.wan)} ÷ 上年 {figure(base)}", CENT)
        elif "占" in f.subject:
            self._share(f, before, section)
        elif "完成" in clause and "预算" in clause:
            actual = next(
                (b for b in reversed(before) if b.kind is FigureKind.AMOUNT and not is_budget(clause_of(b))), None
            )
            budget = next(
                (b.wan for b in reversed(before) if b.kind is FigureKind.AMOUNT and is_budget(clause_of(b))), None
            )
            if actual is not None and budget is None:
                budget = self._tabled_budget(actual)
            if actual is None or budget is None:
                self.untied.append(f)
                return
            self._check_ratio(f, actual.wan, budget, "预算完成率", f"决算 {figure(actual.wan)} ÷ 预算 {figure(budget)}")
        elif self.d.tables:
            self.untied.append(f)

    def _tabled_budget(self, actual: TextFigure) -> Decimal | None:
        """The budget of a 「三公」 item the sentence does not state: 公开09 预算数 of the same column."""
        tied = text_targets(self.d, actual) if self.d.tables else None
        budget = sangong_budget(self.d, tied[0]) if tied else None
        return budget.cell.amount_or_zero() if budget else None

    def _share(self, f: TextFigure, before: Sequence[TextFigure], section: _Section) -> None:
        part = next((b for b in reversed(before) if b.kind is FigureKind.AMOUNT), None)
        named = f.subject[f.subject.rfind("占") :]
        whole: tuple[object, Decimal] | None = None
        for name, table_id, row_no in _NAMED_WHOLES:
            table = self.d.table(table_id)
            row = table.row_by_no(row_no) if table else None
            if name in named and row is not None and table is not None:
                whole = (row, row.cells[table.columns[0].title].amount_or_zero())
                break
        if whole is None and named in ("占", "占比") and section.whole is not None:
            whole = section.whole
        if part is None or whole is None:
            self.untied.append(f)
            return
        wrong = self._check_ratio(f, part.wan, whole[1], "占比", f"{figure(part.wan)} ÷ 总数 {figure(whole[1])}")
        if wrong is not None:
            section.recomputed[id(f)] = wrong
        section.shares.setdefault(id(whole[0]), []).append(f)
        section.parts.setdefault(id(whole[0]), [whole[1]]).append(part.wan)

    def _check_ratio(
        self, f: TextFigure, numerator: Decimal, denominator: Decimal, what: str, how: str, error: Decimal = HALF_CENT
    ) -> Decimal | None:
        """Check a printed rate; the recomputed value (at the printed precision) when it is misprinted."""
        self.checker.checks_run += 1
        where = sentence_location(self.file, f.sentence)
        result = check_percent(f.value, numerator, denominator, numerator_error=HALF_CENT, denominator_error=error)
        if result is None and f.value == 0 and numerator == 0:
            return (
                None  # 「预算0万元，决算0万元，完成预算的0%」: the template's conventional wording, not a contradiction
            )
        if result is None and what == "增长率" and numerator != 0:
            self.checker.add(
                "text-growth-from-zero",
                Severity.NOTICE,
                where,
                f"情况说明{f.sentence.place}印出增长率「{f.raw}」，而上年为 0（{how}）：从零起的增长没有比率可言，"
                "宜直接写增加的金额。",
                (("文字所述", f.raw), ("计算方法", how)),
            )
        elif result is None:
            self.checker.add(
                "text-percent-undefined",
                Severity.WARNING,
                where,
                f"情况说明{f.sentence.place}印出{what}「{f.raw}」，但其基数为 0，{what}无从计算（不是 0，也不是 100%）。",
                (("文字所述", f.raw), ("计算方法", how)),
            )
        elif not result.ok:
            self.checker.add(
                "text-percent-mismatch",
                Severity.ERROR,
                where,
                f"情况说明{f.sentence.place}{what}「{f.raw}」与按金额重算的 {figure(result.recomputed)}% 不符（{how}）。",
                (("文字所述", f.raw), ("重算", f"{figure(result.recomputed)}%"), ("计算方法", how)),
            )
            return result.recomputed.quantize(last_digit(f.value))
        return None

    def _end_section(self, section: _Section) -> None:
        for key, shares in section.shares.items():
            whole, *parts = section.parts[key]
            if len(shares) < 2 or abs(whole - sum(parts, Decimal(0))) > sum_tolerance(len(parts)):
                continue  # the shares do not cover the whole: nothing to add up
            self.checker.checks_run += 1
            total = sum((s.value for s in shares), Decimal(0))
            allowed = sum((last_digit(s.value) for s in shares), Decimal(0))
            corrected = sum((section.recomputed.get(id(s), s.value) for s in shares), Decimal(0))
            if abs(total - 100) <= allowed or abs(corrected - 100) <= allowed:
                continue  # adds up, or only because of a share already reported as misprinted
            self.checker.add(
                "text-shares-sum",
                Severity.ERROR,
                sentence_location(self.file, shares[0].sentence),
                f"情况说明「{shares[0].sentence.titles[-1]}」各项占比之和为 {figure(total)}%，各项金额之和等于总数，"
                f"占比之和应为 100%（允许误差 ±{figure(allowed)}）。",
                (("占比之和", f"{figure(total)}%"), ("各项", "、".join(s.raw for s in shares))),
                related=[sentence_location(self.file, s.sentence) for s in shares[1:]],
            )

    def _direction_conflict(self, f: TextFigure, change: TextFigure) -> None:
        self.checker.add(
            "text-change-direction",
            Severity.ERROR,
            sentence_location(self.file, f.sentence),
            f"情况说明{f.sentence.place}先说「{change.raw}」，又说「{f.subject.lstrip('，,')}{f.raw}」，增减方向自相矛盾。",
            (("变动", change.raw), ("变动率", f.raw)),
        )

    # rule 23
    def _year(self, f: TextFigure) -> None:
        self.checker.checks_run += 1
        year = int(f.value)
        after = f.sentence.text[f.offset + len(f.raw) :]
        if (
            year == self.d.year
            or (year == self.d.year - 1 and any(w in f.sentence.text for w in _COMPARED))
            or (year == self.d.year - 1 and self.d.kind == "预算")  # drawn up the year before: 截至2024年8月31日
            or (year == self.d.year + 1 and _DATE.match(after))  # a date of the following year (报送, 公开)
        ):
            return
        self.checker.add(
            "text-year-mismatch",
            Severity.WARNING,
            sentence_location(self.file, f.sentence),
            f"情况说明{f.sentence.place}写「{year}年」，本公开是{self.d.year}年度"
            + ("（上年只应在与上年比较时出现）。" if year == self.d.year - 1 else "，疑为沿用往年文字。"),
            (("文字所述", f"{year}年"), ("公开年度", f"{self.d.year}年")),
        )

    # rule 24: counts of 「三公」 activity agree with the amount spent on it
    def _sangong_counts(self, sentence: Sentence, figures: Sequence[TextFigure]) -> None:
        if section_table(sentence.titles) != "09":
            return
        amounts = [f for f in figures if f.kind is FigureKind.AMOUNT]
        counts = [f for f in figures if f.kind is FigureKind.COUNT and f.unit in ("批次", "人次", "个", "辆", "人")]
        if len(amounts) != 1 or not counts:
            return
        self.checker.checks_run += 1
        spent = amounts[0].wan != 0
        odd = [c for c in counts if (c.value != 0) != spent]
        if len(odd) == len(counts):
            self.checker.add(
                "text-sangong-count",
                Severity.ERROR,
                sentence_location(self.file, sentence),
                f"情况说明{sentence.place}：支出「{amounts[0].raw}」与「{'、'.join(c.raw for c in counts)}」对不上"
                + ("（有支出却无批次/人次/车辆）。" if spent else "（无支出却有批次/人次/车辆）。"),
                (("支出", amounts[0].raw), ("数量", "、".join(c.raw for c in counts))),
            )

    def _report_untied(self) -> None:
        if not self.untied or not self.d.tables:
            return
        first = self.untied[0].sentence
        self.checker.add(
            "text-figure-untied",
            Severity.NOTICE,
            sentence_location(self.file, first),
            f"情况说明中有 {len(self.untied)} 个数字无法对应到表中的单元格，未核对（列于下方，供人工核对）。",
            tuple((f"{f.sentence.place}", f"{clause_of(f)}{f.raw}") for f in self.untied),
            related=[sentence_location(self.file, f.sentence) for f in self.untied[1:]],
        )


_CHARTED_TOTALS = (  # section explained, what the clause must name, chart title must / must not contain
    ("01", "总计", "总计", "财政拨款"),
    ("04", "总计", "财政拨款收", ""),
    ("05", "一般公共预算财政拨款", "一般公共预算财政拨款支出", ""),
)


def _charted_last_year(d: Disclosure, f: TextFigure) -> Decimal | None:
    """Last year's total as a printed chart of totals gives it (documents without tables print these)."""
    what = section_table(f.sentence.titles)
    clause = clause_of(f)
    series = "收入" if "收入" in clause or "收、支" in clause else "支出" if "支出" in clause else ""
    for section, named, title, not_title in _CHARTED_TOTALS:
        if section != what or named not in clause or not series:
            continue
        for chart in d.printed_charts:
            if title in chart.title and not (not_title and not_title in chart.title):
                for point in chart.points:
                    if point.series == series and point.category == f"{d.year - 1}年" and point.value.is_amount:
                        return point.value.amount_or_zero()
    return None


def check_prose(checker: Checker) -> None:
    """Rules 19–25 on the 情况说明 of one disclosure (25 also on the 概况), and rule 26 (人员 figures)."""
    d = checker.disclosure
    if d.explanations:
        ProseRules(checker).run()
        check_change_reasons(checker, f"{d.folder}/{EXPLANATIONS}", d.explanations)
    if d.overview is not None:
        template_leftovers(checker, d.overview.file, walk_sentences(d.overview.sections, "overview"))
    check_staffing(checker)
