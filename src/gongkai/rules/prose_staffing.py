"""Rule 26: 编制 / 实有 / 退休 as the 概况 states them agree with the 部门整体绩效 report."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.diagnostics import Severity
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import Checker
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location


def check_staffing(checker: Checker) -> None:
    """Rule 26: 编制 / 实有 / 退休 as the 概况 states them agree with the 部门整体绩效 report."""
    d = checker.disclosure
    staffing = d.overview.staffing if d.overview else None
    if staffing is None or d.overall is None:
        return
    stated = _report_staffing(list(walk_sentences(d.overall.sections, "report")))
    for label, keyword, value in (
        ("编制", "编制", staffing.authorized),
        ("实有", "实有", staffing.actual),
        ("退休", "退休", staffing.retired),
    ):
        found = stated.get(keyword)
        if value is None or found is None:
            continue
        checker.checks_run += 1
        if found.value == value:
            continue
        checker.add(
            "staffing-mismatch",
            Severity.ERROR,
            sentence_location(d.overall.file, found.sentence),
            f"人员{label}数：概况写 {value} 人，整体绩效报告{found.sentence.place}写「{found.raw}」。",
            (("概况", str(value)), ("绩效报告", found.raw)),
            related=[staffing.source],
        )


def _report_staffing(sentences: Sequence[Sentence]) -> dict[str, TextFigure]:
    """The first head count a report gives for 编制, 实有 and 退休 (totals, not 行政/事业 sub-counts)."""
    found: dict[str, TextFigure] = {}
    for sentence in sentences:
        for f in figures_in(sentence):
            if f.kind is not FigureKind.COUNT or f.unit not in ("人", "名"):
                continue
            clause = clause_of(f)
            for keyword in ("实有", "退休", "编制"):
                if keyword in clause and not any(w in clause for w in ("行政", "事业")):
                    found.setdefault(keyword, f)
                    break
    return found
