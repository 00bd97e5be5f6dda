"""Printed figures → exact ``Decimal`` cells.  Never coerces doubtful text to a number."""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import NOT_APPLICABLE_MARKS, Cell, CellState

_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")  # ASCII only: \d would accept full-width digits
_FULLWIDTH = re.compile(r"[０-９．，－]")
# Thousands separators as printed (「371,514,655.00」, also the full-width 「，」): groups of exactly
# three digits, one kind of comma per figure.  Any other comma is refused, never guessed.
_GROUPED = re.compile(r"^-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$|^-?[0-9]{1,3}(?:，[0-9]{3})+(?:\.[0-9]+)?$")
_COMMAS = re.compile(r"^-?[0-9][0-9,，]*(?:\.[0-9]+)?$")
MAX_AMOUNT_CHARS = 24  # digits, point and sign: 10¹⁸ 万元 and 4 decimals is far beyond any budget
# One of each money unit a disclosure prints its figures in, in 万元
WAN_PER_UNIT = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


def in_wanyuan(value: Decimal, unit: str) -> Decimal | None:
    """``value`` printed in ``unit`` expressed in 万元, exactly; ``None`` when ``unit`` is not a money unit.
    Figures printed in different units are compared, summed and divided only this way."""
    factor = WAN_PER_UNIT.get(unit)
    return None if factor is None else value * factor


class AmountError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def parse_cell(raw: str, source: Location, *, percent: bool = False, negative_ok: bool = True) -> Cell:
    """The cell for a printed figure, or :class:`AmountError` with a coded diagnostic.

    ``percent`` accepts a trailing ``%`` (执行率 printed as 「100%」); the value is the number before it.
    """
    text = raw.strip()
    if text == "":
        return Cell(raw, CellState.EMPTY, None, source)
    if text in NOT_APPLICABLE_MARKS:
        return Cell(raw, CellState.NOT_APPLICABLE, None, source)
    number = text[:-1].strip() if percent and text.endswith(("%", "％")) else text
    if _GROUPED.match(number):
        number = number.replace(",", "").replace("，", "")
    if _NUMBER.match(number):
        if len(number) > MAX_AMOUNT_CHARS:
            raise AmountError(
                Diagnostic(
                    "number-too-large",
                    Severity.ERROR,
                    source,
                    f"金额「{number[:24]}…」有 {len(number)} 位，超过上限 {MAX_AMOUNT_CHARS} 位",
                    "请核对原文：万元金额不会有这么多位，可能是粘贴时多了数字。",
                )
            )
        value = Decimal(number)
        if value < 0 and not negative_ok:
            raise AmountError(
                Diagnostic(
                    "amount-negative",
                    Severity.ERROR,
                    source,
                    f"金额「{raw}」为负数，这一栏不应为负",
                    "请核对原文；如原文确为负数，请联系维护者。",
                )
            )
        return Cell(raw, CellState.AMOUNT, value, source)
    code, message, hint = _why_not_a_number(text)
    raise AmountError(Diagnostic(code, Severity.ERROR, source, message, hint))


def _why_not_a_number(text: str) -> tuple[str, str, str]:
    """(code, message, hint) for text that is not a plain number."""
    if _COMMAS.match(text):
        return (
            "amount-thousands-separator",
            f"金额「{text}」中的逗号不是规范的千位分隔符（应从小数点起每三位一个）",
            "请核对原文：1,234.50 这样每三位一个逗号的写法可以保留；其他位置的逗号请按原文改正。",
        )
    if _FULLWIDTH.search(text):
        return (
            "amount-fullwidth-digits",
            f"金额「{text}」含全角数字或符号",
            "请改为半角数字，如 １２３．４５ 改为 123.45。",
        )
    if text.startswith("#"):
        return (
            "amount-spreadsheet-error",
            f"金额「{text}」是电子表格的错误值",
            "原表公式出错（如 #DIV/0!），请核对原文后填入印出的数字或留空。",
        )
    return (
        "amount-not-numeric",
        f"金额栏出现非数字内容「{text}」",
        "金额栏只能填数字、留空或「——」（不适用）；请核对原文。",
    )
