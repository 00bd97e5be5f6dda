"""Rules 32 (and 19 for 绩效 figures): what the text says about the 绩效 evaluations equals the tables.

- A score quoted for a project (「该项目评价得分98分」 in the 情况说明, 「自评得分为94.5分」 in its own
  report) equals its table's 总分, or where the table prints none, the score its own report gives; a
  score quoted for the 部门整体 evaluation equals the 整体 report's score.  The project is recognised
  by its name in the sentence (the longest wording shared with one project name, at least 4 characters).
- The 情况说明's summary of the 项目 self-evaluations (「二级项目绩效自评个数7个,涉及资金75.27万元:7个项目
  自评等级为“优”」) agrees with the attached tables: their number, Σ 全年执行数 (or Σ 全年预算数) and the
  number of each 等级.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from gongkai.diagnostics import Location, Severity
from gongkai.models import Disclosure, PerformanceTable, TextSection
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import Checker, figure, sum_tolerance
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location

_GRADE_COUNT = re.compile(r"(\d+)个项目自评等级为[“\"「]?(优|良|中|差)")


class QuotedFigures:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def scores(self, d: Disclosure) -> None:
        quotes: list[tuple[str, TextFigure]] = []  # (file, score figure)
        if d.explanations:
            quotes += [(f"{d.folder}/explanations.yaml", f) for f in _scores(d.explanations, "explanation")]
        if d.overall is not None:
            quotes += [(d.overall.file, f) for f in _scores(d.overall.sections, "report")]
        owners = [_project_named(d, f) for _, f in quotes]  # the project each quote names, if any
        for p in d.projects:
            own = [*_scores(p.report, "report"), *_scores(p.analysis, "analysis")]
            reference = p.total_score.amount_or_zero() if p.total_score.is_amount else None
            source = p.total_score.source if reference is not None else None
            if reference is None and own:
                reference, source = own[0].value, sentence_location(p.file, own[0].sentence)
            for f in own:
                self._quote(p.name, p.file, f, reference, source)
            for (file, f), owner in zip(quotes, owners, strict=True):
                if owner is p:
                    self._quote(p.name, file, f, reference, source)
        if d.overall is not None and d.overall.score.is_amount:
            for (file, f), owner in zip(quotes, owners, strict=True):
                if "整体" in f.sentence.text[: f.offset] and owner is None:
                    self._quote("部门整体绩效", file, f, d.overall.score.amount_or_zero(), d.overall.score.source)

    def _quote(self, name: str, file: str, f: TextFigure, reference: Decimal | None, source: Location | None) -> None:
        if reference is None or source is None:
            return
        self.checker.checks_run += 1
        if f.value == reference:
            return
        self.checker.add(
            "perf-quoted-score",
            Severity.ERROR,
            sentence_location(file, f.sentence),
            f"{f.sentence.place}称{name}得分「{f.raw}」，而自评表/自评报告为 {figure(reference)} 分。",
            (("文字所述", f.raw), ("自评得分", figure(reference))),
            related=[source],
        )

    def project_summary(self, d: Disclosure) -> None:
        if not d.projects:
            return
        file = f"{d.folder}/explanations.yaml"
        for sentence in walk_sentences(d.explanations, "explanation"):
            if "自评" not in sentence.text or "项目" not in sentence.text:
                continue
            for f in figures_in(sentence):
                clause = clause_of(f)
                if f.kind is FigureKind.COUNT and f.unit == "个" and "自评个数" in clause:
                    self._summary(file, f, "自评项目个数", Decimal(len(d.projects)), f"附{len(d.projects)}张项目自评表")
                elif f.kind is FigureKind.AMOUNT and "涉及资金" in clause:
                    self._funds(file, f, d.projects)
            for match in _GRADE_COUNT.finditer(sentence.text):
                self._grades(file, sentence, match, d.projects)

    def _funds(self, file: str, f: TextFigure, projects: Sequence[PerformanceTable]) -> None:
        lines = [p.funds[0] for p in projects if p.funds]
        executed = sum((line.executed.amount_or_zero() for line in lines), Decimal(0))
        budget = sum((line.annual_budget.amount_or_zero() for line in lines), Decimal(0))
        tolerance = sum_tolerance(len(lines))
        if abs(f.wan - budget) <= tolerance:
            self.checker.checks_run += 1
            return
        self._summary(
            file,
            f,
            "涉及资金",
            executed,
            f"各项目全年执行数之和 {figure(executed)} 万元（全年预算数之和 {figure(budget)}）",
            tolerance,
        )

    def _grades(
        self, file: str, sentence: Sentence, match: re.Match[str], projects: Sequence[PerformanceTable]
    ) -> None:
        if not all(p.grade.strip() for p in projects):
            return
        grade = match.group(2)
        graded = sum(1 for p in projects if p.grade.strip() == grade)
        count = next(
            (f for f in figures_in(sentence) if f.kind is FigureKind.COUNT and f.offset == match.start()), None
        )
        if count is None:
            return
        self._summary(
            file, count, f"自评等级为「{grade}」的项目数", Decimal(graded), f"自评表中{graded}个项目为「{grade}」"
        )

    def _summary(
        self, file: str, f: TextFigure, what: str, expected: Decimal, how: str, tolerance: Decimal = Decimal(0)
    ) -> None:
        self.checker.checks_run += 1
        if abs(f.wan - expected) <= tolerance:
            return
        self.checker.add(
            "perf-project-summary",
            Severity.ERROR,
            sentence_location(file, f.sentence),
            f"情况说明{f.sentence.place}{what}「{f.raw}」与所附项目支出绩效自评表不符：{how}。",
            (("文字所述", f.raw), ("自评表", figure(expected))),
        )


def _scores(sections: Sequence[TextSection], key: str) -> list[TextFigure]:
    return [f for s in walk_sentences(sections, key) for f in figures_in(s) if f.kind is FigureKind.SCORE]


def _common(a: str, b: str) -> int:
    """Length of the longest common substring of two short texts."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _project_named(d: Disclosure, f: TextFigure) -> PerformanceTable | None:
    """The project a sentence names (longest shared wording of at least 4 characters, unambiguous)."""
    text = f.sentence.text[: f.offset]
    ranked = sorted(
        ((_common(re.sub(r"^\d{4}年|（.*?）|\(.*?\)", "", p.name), text), p.slug, p) for p in d.projects), reverse=True
    )
    if not ranked or ranked[0][0] < 4 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][2]


def check_quoted_figures(checker: Checker) -> None:
    quoted = QuotedFigures(checker)
    quoted.scores(checker.disclosure)
    quoted.project_summary(checker.disclosure)
