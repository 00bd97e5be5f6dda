"""A 预算's stated change against last year's figure printed beside it.

A 预算's 情况说明 measures each line against last year: 「收入预算A万元，比上年预算B万元增加C万元，增长D%」,
「上年预算数为B万元，本年预算A万元，减少C万元」.  Where the sentence prints last year's figure B (an amount
whose clause names 上年 / 去年 / the previous year, :func:`~gongkai.rules.prose_last_year.is_last_year`) and
this year's A before the change, the change C must be A − B in the direction the text gives
(``budget-change-mismatch``, within the two amounts' rounding) and the rate D must be |A − B| ÷ B
(``budget-growth-mismatch``, within the rounding of the rate and the amounts).  B is then the figure the
change is measured from, not a figure left untied.  A change without a printed last-year figure is left to
rule 20 (this year against last year's 预算 on the site).
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.diagnostics import Severity
from gongkai.rules.context import CENT, Checker, check_percent, figure, signed, sum_tolerance
from gongkai.rules.prose_last_year import is_last_year
from gongkai.rules.text_figures import FigureKind, TextFigure, figures_in, sentence_location


def _amounts(before: Sequence[TextFigure], year: int) -> tuple[TextFigure, TextFigure] | None:
    """This year's and last year's amounts a change is measured between: the last of each before it."""
    amounts = [b for b in before if b.kind is FigureKind.AMOUNT]
    this = next((a for a in reversed(amounts) if not is_last_year(a, year)), None)
    last = next((a for a in reversed(amounts) if is_last_year(a, year)), None)
    return (this, last) if this is not None and last is not None else None


def is_change_base(f: TextFigure, year: int) -> bool:
    """Whether ``f`` is a last-year amount that a change or rate later in its sentence is measured from."""
    if not is_last_year(f, year):
        return False
    figures = figures_in(f.sentence)
    after = [g for g in figures if g.offset > f.offset]
    return any(g.kind is FigureKind.CHANGE or (g.kind is FigureKind.PERCENT and g.direction) for g in after)


def check_budget_change(checker: Checker, file: str, f: TextFigure, before: Sequence[TextFigure]) -> bool:
    """Check a change (or a rate with 增长/下降) of a 预算 against the two amounts its sentence prints;
    ``False`` when the sentence prints no last-year figure (other rules take the change then)."""
    year = checker.disclosure.year
    if checker.disclosure.kind != "预算" or not (f.kind is FigureKind.CHANGE or f.direction):
        return False
    pair = _amounts(before, year)
    if pair is None:
        return False
    this, last = pair
    actual = this.wan - last.wan
    checker.checks_run += 1
    where = sentence_location(file, f.sentence)
    shown = (("本年", this.raw), ("上年", last.raw), ("实际变动", signed(actual)))
    if f.kind is FigureKind.CHANGE:
        stated = f.wan * (f.direction or (1 if actual >= 0 else -1))
        if abs(actual - stated) > sum_tolerance(2):
            checker.add(
                "budget-change-mismatch",
                Severity.ERROR,
                where,
                f"情况说明{f.sentence.place}「{f.raw}」：本年 {this.raw}，上年 {last.raw}，实际变动 {signed(actual)}"
                f" 万元，文字所述 {signed(stated)} 万元。",
                (("文字所述", f.raw), *shown),
            )
        return True
    result = check_percent(f.value, abs(actual), last.wan, numerator_error=CENT)
    wrong_way = actual != 0 and (actual > 0) != (f.direction > 0)
    if result is not None and result.ok and not wrong_way:
        return True
    recomputed = f"{figure(result.recomputed)}%" if result is not None else "无从计算（上年为 0）"
    checker.add(
        "budget-growth-mismatch",
        Severity.ERROR,
        where,
        f"情况说明{f.sentence.place}「{f.subject.lstrip('，,')}{f.raw}」与本年 {this.raw}、上年 {last.raw} 不符："
        f"变动 {signed(actual)} 万元 ÷ 上年 {figure(last.wan)} 万元 = {recomputed}"
        + ("，增减方向也相反。" if wrong_way else "。"),
        (("文字所述", f.raw), ("重算", recomputed), *shown),
    )
    return True
