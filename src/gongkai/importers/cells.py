"""Cell text helpers shared by the importers: amount check and joining names broken across lines."""

from __future__ import annotations

import re

from gongkai.amounts import AmountError, parse_cell
from gongkai.diagnostics import Location

_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’、，。；：]"
_BROKEN = re.compile(rf"(?<={_WIDE})\s+(?={_WIDE})")


def join_cjk(text: str) -> str:
    """Drop the spaces a line break left between two Chinese characters (「社会保障和就业支 出」)."""
    return _BROKEN.sub("", text.strip())


def amount_problem(text: str) -> str | None:
    """Why ``text`` cannot be read as a printed amount, or None when it can (blank and 「——」 included)."""
    try:
        parse_cell(text, Location("import"))
    except AmountError as error:
        return error.diagnostic.message
    return None
