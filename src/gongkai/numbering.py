"""Numbered headings of Chinese running text: 「一、」, 「（一）」, 「1、」, 「（1）」, 「①」.

One reading of the numbering for the importers (which cut extracted text into sections by it) and the
rules (which check that sibling headings number on without a gap): a style (0–4, the level a heading of
that style usually has) and the number the heading prints.
"""

from __future__ import annotations

import re

NUMERAL = "一二三四五六七八九十"
LEVELS = (
    re.compile(rf"^[{NUMERAL}]+\s*、"),
    re.compile(rf"^[（(]\s*[{NUMERAL}]+\s*[)）]"),
    re.compile(r"^\d+\s*[、.．](?!\d)"),
    re.compile(r"^[（(]\d+[)）]"),
    re.compile(r"^[①-⑳]"),
)


def style(text: str) -> int | None:
    """The index in :data:`LEVELS` of the numbering ``text`` starts with; None if it starts with none."""
    return next((n for n, pattern in enumerate(LEVELS) if pattern.match(text)), None)


def split_numbering(text: str) -> tuple[str, str]:
    """The printed number mark without its brackets and stops, and the text after it: 「（四）其他收入」 →
    (「四」, 「其他收入」), 「1.基本支出」 → (「1」, 「基本支出」); ("", text) when the text is not numbered."""
    match = next((pattern.match(text) for pattern in LEVELS if pattern.match(text)), None)
    if match is None:
        return "", text
    return re.sub(r"[\s、.．()（）]", "", match.group(0)), text[match.end() :].lstrip()


def numbering(text: str) -> int | None:
    """The number a numbered line prints: 「（十二）」 → 12, 「3.」 → 3, 「②」 → 2; None if unnumbered."""
    mark = split_numbering(text)[0]
    if not mark:
        return None
    if "①" <= mark <= "⑳":
        return ord(mark) - ord("①") + 1
    if mark.isdigit():
        return int(mark)
    tens, _, ones = mark.rpartition("十")
    if "十" not in mark:
        return NUMERAL.index(mark) + 1
    return (NUMERAL.index(tens) + 1 if tens else 1) * 10 + (NUMERAL.index(ones) + 1 if ones else 0)
