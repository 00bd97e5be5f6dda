"""Rule 22: a figure the 情况说明 states for last year agrees with last year's disclosure, when the site has it.

An amount is stated for last year when its clause names 上年 / 去年 or the previous year (「上年决算数为9.86万元」,
「2022年度收入总计212.30万元」); 「上年结转」 is this year's 年初结转和结余 and is not.  Such an amount is tied to
last year's disclosure of the unit (same kind, the year before) by the same rules as this year's figures
(:func:`gongkai.rules.prose_targets.targets`), the row being named either in its own clause or with this
year's figure earlier in the sentence (「住房保障支出决算12.05万元，上年决算数为9.86万元」).  Without last
year's disclosure it is listed with the figures left unchecked, never compared with this year's table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from gongkai.models import Disclosure
from gongkai.rules.budget_text import text_targets
from gongkai.rules.context import Checker
from gongkai.rules.prose_targets import Target, text_cell
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of

LAST_YEAR_WORDS = ("上年", "上一年", "去年")
_CARRIED_OVER = ("结转", "结余")


def previous_disclosure(checker: Checker) -> Disclosure | None:
    """The unit's disclosure of the same kind for the year before, if the site has it (a unit is its slug within its
    region: two counties may both have a ``xinfangju``)."""
    d = checker.disclosure
    return next(
        (
            other
            for other in checker.corpus.disclosures
            if (other.unit.region_slug, other.unit.slug) == (d.unit.region_slug, d.unit.slug)
            and other.kind == d.kind
            and other.year == d.year - 1
        ),
        None,
    )


def is_last_year(f: TextFigure, year: int) -> bool:
    """Whether the text states an amount for the year before ``year`` (rather than for ``year``)."""
    clause = clause_of(f)
    if f.kind is not FigureKind.AMOUNT or any(w in clause for w in _CARRIED_OVER):
        return False
    return any(w in clause for w in LAST_YEAR_WORDS) or f"{year - 1}年" in clause


def _last_year_targets(previous: Disclosure, f: TextFigure, before: Sequence[TextFigure]) -> list[Target] | None:
    found = text_targets(previous, f)
    named = next((b for b in reversed(before) if b.kind is FigureKind.AMOUNT), None)
    if found is None and named is not None:
        found = text_targets(previous, replace(f, subject=f"{clause_of(named)}{clause_of(f)}"))
    return found


def compare_last_year(
    checker: Checker,
    file: str,
    f: TextFigure,
    before: Sequence[TextFigure],
    previous: Disclosure | None,
    previous_anchors: Mapping[object, str],
) -> bool:
    """Compare a last-year amount with last year's cell; ``False`` when it cannot be tied to one.
    ``previous_anchors`` (:func:`~gongkai.rules.context.cell_anchors` of ``previous``) link the cell."""
    found = _last_year_targets(previous, f, before) if previous is not None else None
    if previous is None or found is None:
        return False
    label = f"{previous.year}年度"
    for target in found:
        source = target.cell.source
        anchor = previous_anchors.get(source, "")
        cell = replace(target.cell, source=replace(source, table=f"{label}{source.table or ''}", anchor=anchor))
        checker.equal(
            "text-last-year-mismatch",
            f"情况说明{f.sentence.place}「{clause_of(f)}{f.raw}」与上年公开（{label}）{target.label}",
            text_cell(f, file),
            cell,
            a_label="文字所述",
            b_label=f"{label}公开表中数",
        )
    return True
