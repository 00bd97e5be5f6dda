"""``text-part-exceeds-whole`` by the economic classification: in the 情况说明's section on the 基本支出
(公开06), an item of 人员经费 or 公用经费 stated larger than the 人员经费 or 公用经费 stated there.

公开06 splits the 一般公共预算财政拨款基本支出 into 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助 and
公用经费 = the other groups (``docs/rules.md`` rule 7, the reference's codes list).  So within that section, the
section of one table and one base, every group or item (「工资福利支出」, 「基本工资」, 「办公费」) is part of the
人员经费 or the 公用经费 the section states.  Items are named by the economic classification list
(``data/codes/economic-codes.csv``; 「工资和福利支出」 is 工资福利支出); figures of last year and budgets are left
out.  Elsewhere (the 整体绩效报告's 「工资福利支出」 of all spending, 项目支出 included) the base differs and nothing
is compared.  A list under its total (「公用经费…，其中：办公费…」) is checked as such by ``prose_sums``.
"""

from __future__ import annotations

from collections.abc import Mapping

from gongkai.rules.context import Checker
from gongkai.rules.prose_last_year import is_last_year
from gongkai.rules.prose_sums import DisclosureText, part_exceeds_whole, texts_of
from gongkai.rules.prose_targets import is_budget, section_table
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in

PERSONNEL, PUBLIC = "人员经费", "公用经费"
_PERSONNEL_GROUPS = ("301", "303")


def _plain(name: str) -> str:
    return name.replace("和", "").replace("的", "").replace("（", "(").replace("）", ")").removesuffix("支出")


def _whole_of(codes: Mapping[str, str]) -> list[tuple[str, str]]:
    """(plain item name, 人员经费 or 公用经费) for every group and item of the list, longest name first."""
    named = {
        _plain(name): PERSONNEL if code.startswith(_PERSONNEL_GROUPS) else PUBLIC
        for code, name in codes.items()
        if len(code) in (3, 5) and code.startswith(("30", "31", "39")) and len(_plain(name)) >= 2
    }
    return sorted(named.items(), key=lambda item: -len(item[0]))


def check_basic_spending_parts(checker: Checker) -> None:
    d = checker.disclosure
    items = _whole_of(checker.corpus.economic_codes)
    text = next((t for t in texts_of(d) if t.key == "explanation"), None)
    if text is None or not items:
        return
    for key in dict.fromkeys(s.section_key for s in text.sentences if section_table(s.titles) == "06"):
        amounts = [
            f
            for s in text.sentences
            if s.section_key == key
            for f in figures_in(s)
            if f.kind is FigureKind.AMOUNT and not is_last_year(f, d.year) and not is_budget(clause_of(f))
        ]
        _section(checker, text, amounts, items)


def _section(checker: Checker, text: DisclosureText, amounts: list[TextFigure], items: list[tuple[str, str]]) -> None:
    wholes: dict[str, TextFigure] = {}
    for f in amounts:
        clause = clause_of(f).rstrip("为是共合计 ")
        for whole in (PERSONNEL, PUBLIC):
            if clause.endswith(whole):
                wholes.setdefault(whole, f)
    for f in amounts:
        item = _plain(clause_of(f).rstrip("为是共合计 "))
        belongs = next((w for name, w in items if item.endswith(name)), None)
        if belongs is not None and belongs in wholes:
            checker.checks_run += 1
            part_exceeds_whole(checker, text, f, wholes[belongs])
