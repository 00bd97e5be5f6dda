"""Rules 24 and 25: a change the 情况说明 states (a 「三公」 item, or any other line) gives its reason.

A change is 「增加/减少 X万元」 (X ≠ 0), or a rate with a direction (「增长14%」) where the sentence states no
change amount before it.  Its reason is the first one given in its own sentence or the sentences of its
paragraph that follow (「主要原因是…」, 「由于…」, 「因为…」, a sentence opening 「主要是…」): through the run of sentences stating changes it
belongs to (「收入总计增加…；支出总计增加…。主要原因是…」) and the sentences after that run, up to the next
sentence stating a change.  When its paragraph gives none, a later paragraph of the same section may: a sentence
there counts only when it gives the reason of a change (「财政拨款收入支出增加的主要原因是…」, or a sentence opening
「主要原因」), not of a budget difference (「决算数小于预算数的主要原因」); the search stops at a sentence stating a
change with its own reason (another item, explained there).
A change whose reason is missing, 「无」 or empty is a finding; an empty 「主要原因是：」 in the change's own
sentence is template text and reported as such (:mod:`gongkai.rules.prose_template`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby

from gongkai.diagnostics import Severity
from gongkai.models import TextSection
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import Checker
from gongkai.rules.text_figures import FigureKind, TextFigure, figures_in, sentence_location

_CHANGE_REASON = re.compile(r"(?:增加|减少|增长|下降|上升|降低|增减|变动|变化)的?(?:主要)?原因|^\s*(?:主要)?原因")
_REASON = re.compile(r"(?:原因|由于|因为|^主要是)(?:主要)?(?:是|为|系|在于)?\s*[：:]?\s*(?P<reason>[^。；;！？!?]*)")
NO_REASON = frozenset({"", "无", "暂无", "/", "-", "—", "——"})


def _changes(sentence: Sentence) -> list[TextFigure]:
    """The non-zero changes a sentence states (a directional rate only where no change amount precedes it)."""
    found: list[TextFigure] = []
    for f in figures_in(sentence):
        if f.value == 0:
            continue
        if f.kind is FigureKind.CHANGE or (
            f.kind is FigureKind.PERCENT and f.direction and not any(c.kind is FigureKind.CHANGE for c in found)
        ):
            found.append(f)
    return found


def _reason(texts: Iterable[str]) -> str | None:
    """The first reason the texts give (``""`` when it is left empty), ``None`` when they give none."""
    for text in texts:
        match = _REASON.search(text)
        if match is not None:
            return match.group("reason").strip(" ，,、")
    return None


def _following(sentences: Sequence[Sentence], changes: Sequence[list[TextFigure]], index: int) -> list[Sentence]:
    """The sentences after ``index`` that may give its change's reason: through the run of sentences stating
    changes and the sentences after it, up to the next sentence stating a change."""
    following: list[Sentence] = []
    passed_other = False
    for later, stated in zip(sentences[index + 1 :], changes[index + 1 :], strict=True):
        if stated and passed_other:
            break  # the next item's change: its reason is not this one's
        passed_other = passed_other or not stated
        following.append(later)
    return following


def _later_reasons(sentences: Sequence[Sentence], changes: Sequence[list[TextFigure]], index: int) -> Iterator[str]:
    """The sentences of the later paragraphs of a section that give the reason of a change, up to a sentence
    stating a change with its own reason (another item, explained there)."""
    for later, stated in zip(sentences[index + 1 :], changes[index + 1 :], strict=True):
        if later.paragraph == sentences[index].paragraph:
            continue
        if stated and _reason([later.text]) is not None:
            return
        if _CHANGE_REASON.search(later.text):
            yield later.text


def _section(checker: Checker, file: str, sentences: Sequence[Sentence]) -> None:
    changes = [_changes(s) for s in sentences]
    for index, sentence in enumerate(sentences):
        if not changes[index]:
            continue
        following = _following(sentences, changes, index)
        checker.checks_run += 1
        reason = _reason([sentence.text, *(s.text for s in following if s.paragraph == sentence.paragraph)])
        if reason is None:
            reason = _reason(_later_reasons(sentences, changes, index))
        own_sentence_empty = reason == "" and _reason([sentence.text]) == ""
        if (reason is not None and reason not in NO_REASON) or own_sentence_empty:
            continue
        stated_changes = "、".join(f.raw for f in changes[index])
        checker.add(
            "text-change-no-reason",
            Severity.WARNING,
            sentence_location(file, sentence),
            f"情况说明{sentence.place}所述变动「{stated_changes}」"
            + ("未说明原因。" if reason is None else f"，原因却写「{reason or '空白'}」。"),
            (("变动", stated_changes), ("原因", "未说明" if reason is None else reason or "空白")),
        )


def check_change_reasons(checker: Checker, file: str, sections: Sequence[TextSection]) -> None:
    """Every non-zero change of the 情况说明 states its reason (one finding per sentence lacking one)."""
    sentences = walk_sentences(sections, "explanation")
    for _, section in groupby(sentences, key=lambda s: s.section_key):
        _section(checker, file, list(section))


def stated_changes(
    sections: Sequence[TextSection], subjects: Mapping[str, Sequence[str]]
) -> dict[str, tuple[TextFigure, str]]:
    """For each key of ``subjects`` (a measure and the words naming it), the first change the 情况说明 states
    for it (「收入总计减少89.06万元」, not inside 「财政拨款收入总计」) and the reason it gives (``""`` when
    none): for the year-on-year rows of a unit's page.  The text is walked once for all subjects."""
    patterns = {
        key: re.compile("|".join(rf"(?<!拨款){re.escape(word)}" for word in words)) for key, words in subjects.items()
    }
    found: dict[str, tuple[TextFigure, str]] = {}
    sentences = walk_sentences(sections, "explanation")
    for _, group in groupby(sentences, key=lambda s: (s.section_key, s.paragraph)):
        paragraph = list(group)
        changes = [_changes(s) for s in paragraph]
        for index, sentence in enumerate(paragraph):
            for key, pattern in patterns.items():
                subject = pattern.search(sentence.text) if key not in found else None
                after = [f for f in changes[index] if subject and f.offset > subject.start()]
                if subject is None or not after or after[0].kind is not FigureKind.CHANGE:
                    continue
                reason = _reason([sentence.text, *(s.text for s in _following(paragraph, changes, index))])
                found[key] = after[0], reason if reason is not None and reason not in NO_REASON else ""
    return found
