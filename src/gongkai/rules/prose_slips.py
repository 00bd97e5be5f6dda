"""Slips a careful reader sees in the wording itself, with no table needed.

- ``text-numbering-gap``: numbered headings (一、 （一） 1. （1）) or glossary entries whose numbers skip
  or repeat (十三 followed by 十五; （4） twice).  An unnumbered heading between two numbered ones may
  stand for the missing number (extractions lose numbers), so only a gap larger than them counts.
- ``text-self-contradiction``: a sentence that says one thing and its figures another: 「决算数等于预算数」
  (or 「小于」「大于」) with figures that are not so, 「减少为0.00万元，与上年持平」.
- ``text-percent-sign-missing``: 「占比63.91」 — a share or rate printed without 「%」.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from gongkai.address import term_anchor
from gongkai.diagnostics import Location, Severity
from gongkai.models import GlossaryEntry, TextSection
from gongkai.numbering import LEVELS, numbering
from gongkai.numbering import style as numbering_style
from gongkai.outline import Sentence
from gongkai.rules.context import CENT, Checker, figure
from gongkai.rules.prose_sums import texts_of
from gongkai.rules.prose_targets import is_budget
from gongkai.rules.text_figures import FigureKind, clause_of, figures_in, sentence_location


def heading_number(title: str) -> tuple[int, int] | None:
    """(style, number) of a numbered heading, styles as the importer reads them (:data:`LEVELS`): (0, 3) for
    「三、」, (3, 4) for 「（4）」; ``None`` for an unnumbered one."""
    number, kind = numbering(title), numbering_style(title)
    return (kind, number) if kind is not None and number else None


def _gaps(numbers: Sequence[tuple[int, int] | None]) -> Iterable[tuple[int, int, int]]:
    """(index, previous number, this number) where a numbered sequence skips or repeats a number."""
    last: tuple[int, int, int] | None = None  # index, style, number
    unnumbered = 0
    for index, numbered in enumerate(numbers):
        if numbered is None:
            unnumbered += 1
            continue
        style, number = numbered
        if last is not None and last[1] == style:
            step = number - last[2]
            if step <= 0 or step - 1 > unnumbered:
                yield index, last[2], number
        last, unnumbered = (index, style, number), 0


def check_numbering(checker: Checker, file: str, sections: Sequence[TextSection], where: str, key: str) -> None:
    """Sibling headings number on without a gap or a repeat (every level of the text); ``key`` is the id
    prefix of the sections on the page."""
    checker.checks_run += 1
    titles = [s.title for s in sections]
    for index, before, after in _gaps([heading_number(t) for t in titles]):
        style = LEVELS[heading_number(titles[index])[0]]  # type: ignore[index]
        if _numbered_inside(sections[index - 1], re.compile(style.pattern.removeprefix("^"))):
            continue  # the missing number is printed in the previous section's text (not read as a heading)
        previous = next(t for t in reversed(titles[:index]) if heading_number(t) is not None)
        checker.add(
            "text-numbering-gap",
            Severity.WARNING,
            Location(file, sections[index].line, anchor=f"{key}-{index + 1}"),
            f"{where}的标题编号{'重复' if after <= before else '跳号'}：「{previous}」之后是「{titles[index]}」。",
            (("前一个标题", previous), ("本标题", titles[index])),
        )
    for number, section in enumerate(sections, start=1):
        check_numbering(checker, file, section.subsections, where, f"{key}-{number}")


def _numbered_inside(section: TextSection, marker: re.Pattern[str]) -> bool:
    """Whether the section's text (paragraphs, sub-headings) prints a number in the given style."""
    return any(marker.search(p) for p in section.paragraphs) or any(
        marker.search(s.title) or _numbered_inside(s, marker) for s in section.subsections
    )


def check_glossary_numbering(checker: Checker, file: str, entries: Sequence[GlossaryEntry]) -> None:
    numbered = [e for e in entries if e.number]
    if len(numbered) < 2:
        return
    checker.checks_run += 1
    numbers = [heading_number(f"{e.number}、") for e in numbered]
    for index, before, after in _gaps(numbers):
        checker.add(
            "text-numbering-gap",
            Severity.WARNING,
            Location(
                file,
                None,
                field=f"terms.{entries.index(numbered[index])}.number",
                anchor=term_anchor(numbered[index].term),
            ),
            f"名词解释的编号{'重复' if after <= before else '跳号'}：「{numbered[index - 1].number}、{numbered[index - 1].term}」"
            f"之后是「{numbered[index].number}、{numbered[index].term}」。",
            (
                ("前一条", f"{numbered[index - 1].number}、{numbered[index - 1].term}"),
                ("本条", f"{numbered[index].number}、{numbered[index].term}"),
            ),
        )


_EQUALITY = re.compile(
    r"决算数?(?:与预算数?)?(等于|小于|大于|低于|高于|超过)(?:全年|年初)?预算数?|决算数?与(?:全年|年初)?预算数?(?:基本)?(持平|相同|一致)"
)
_FLAT_CHANGE = re.compile(
    r"(增加|减少|增长|下降|上升|降低)(为|到|至)?\s*(\d+(?:\.\d+)?)\s*万元[^。；;]{0,12}?(持平|相同|无变化|没有变化)"
)
_NO_SIGN = re.compile(r"(占比?|比重为?|增长|下降|完成(?:全年|年初)?预算数?的)\s*(\d+\.\d+)(?=[，,。；;、）)\s]|$)")


def check_wording(checker: Checker, file: str, name: str, sentences: Sequence[Sentence]) -> None:
    """Self-contradicting sentences and percentages printed without 「%」 in one text."""
    checker.checks_run += 1
    paragraph: list[Sentence] = []
    for sentence in sentences:
        if sentence.index == 1:
            paragraph = []
        paragraph.append(sentence)
        _stated_relation(checker, file, name, sentence, paragraph)
        flat = _FLAT_CHANGE.search(sentence.text)
        if flat is not None and (flat.group(2) or Decimal(flat.group(3)) != 0):
            checker.add(
                "text-self-contradiction",
                Severity.ERROR,
                sentence_location(file, sentence),
                f"{name}{sentence.place}既说「{flat.group(1)}{flat.group(2) or ''}{flat.group(3)}万元」，又说「{flat.group(4)}」，自相矛盾。",
                (("所在句", sentence.text.strip()),),
            )
        for missing in _NO_SIGN.finditer(sentence.text):
            checker.add(
                "text-percent-sign-missing",
                Severity.WARNING,
                sentence_location(file, sentence),
                f"{name}{sentence.place}「{missing.group(0).strip()}」是比例，却没有印「%」。",
                (("文字所述", missing.group(0).strip()),),
            )


def _stated_relation(checker: Checker, file: str, name: str, sentence: Sentence, paragraph: Sequence[Sentence]) -> None:
    """「决算数等于预算数」 against the last budget and actual amounts the paragraph states before it."""
    match = _EQUALITY.search(sentence.text)
    if match is None:
        return
    relation = match.group(1) or "等于"
    amounts = [
        f
        for s in paragraph
        for f in figures_in(s)
        if f.kind is FigureKind.AMOUNT and (s is not sentence or f.offset < match.start())
    ]
    budget = next((f for f in reversed(amounts) if is_budget(clause_of(f))), None)
    actual = next((f for f in reversed(amounts) if not is_budget(clause_of(f)) and "决算" in clause_of(f)), None)
    if budget is None or actual is None:
        return
    difference = actual.wan - budget.wan
    holds = {
        "等于": abs(difference) <= CENT,
        "小于": difference < 0,
        "低于": difference < 0,
        "大于": difference > 0,
        "高于": difference > 0,
        "超过": difference > 0,
    }.get(relation, abs(difference) <= CENT)
    if holds:
        return
    checker.add(
        "text-self-contradiction",
        Severity.ERROR,
        sentence_location(file, sentence),
        f"{name}{sentence.place}说「{match.group(0)}」，而前文预算为 {budget.raw}、决算为 {actual.raw}"
        f"（相差 {figure(difference)} 万元）。",
        (("文字所述", match.group(0)), ("预算", budget.raw), ("决算", actual.raw)),
        related=[sentence_location(file, budget.sentence)],
    )


def check_slips(checker: Checker) -> None:
    """Numbering, self-contradicting wording and missing 「%」 in every text of a disclosure, and the
    numbering of its 名词解释."""
    d = checker.disclosure
    for text in texts_of(d):
        check_numbering(checker, text.file, text.sections, text.name, text.key)
        check_wording(checker, text.file, text.name, text.sentences)
    if d.glossary:
        check_glossary_numbering(checker, f"{d.folder}/glossary.yaml", d.glossary)
