"""The 元 / 万元 / 亿元 switch: every amount on a page carries its exact value in each unit, worked out at
build time with ``Decimal`` (``data-yuan``, ``data-wan``, ``data-yi``), beside the figure as printed.

The page shows the printed figure (the unit names are ``macros/money.html.j2``); the switch in the header (``gongkai.js``) swaps in the chosen unit's
string and remembers the choice.  Nothing is converted in the browser and nothing passes through float;
the checks never see these strings, they use the printed figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.models import Disclosure

FACTORS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
ATTRIBUTES = {unit: f"data-{name}" for unit, name in (("元", "yuan"), ("万元", "wan"), ("亿元", "yi"))}
_PLAIN = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def plain(value: Decimal) -> str:
    """Exact plain notation without trailing zeros after the point (``123400``, ``0.001234``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def converted(value: Decimal, unit: str) -> dict[str, str]:
    """``value`` printed in ``unit`` written in each of 元 / 万元 / 亿元 (empty for other units)."""
    factor = FACTORS.get(unit)
    if factor is None:
        return {}
    return {target: plain(value * factor / FACTORS[target]) for target in FACTORS}


def amount_attrs(value: Decimal | None, unit: str) -> str:
    """The switch's data attributes for an amount (``""`` when it is no amount in a currency unit)."""
    if value is None or unit not in FACTORS:
        return ""
    strings = converted(value, unit)
    return f' data-unit="{unit}"' + "".join(f' {ATTRIBUTES[u]}="{s}"' for u, s in strings.items())


def text_attrs(raw: str, unit: str) -> str:
    """:func:`amount_attrs` for a figure given as printed text (nothing unless it is a plain number)."""
    text = raw.strip()
    return amount_attrs(Decimal(text), unit) if _PLAIN.match(text) else ""


def is_currency(unit: str) -> bool:
    """Whether the switch rewrites ``unit`` (the Jinja test ``currency`` of the unit names in
    ``macros/money.html.j2``)."""
    return unit in FACTORS


def table_units(d: Disclosure) -> tuple[str, list[tuple[str, list[str]]]]:
    """The 金额单位 of the page as its tables print them: the common one, and each other unit with the tables
    that print it (「元（预算09表为万元）」, ``macros/money.html.j2``); the document's own unit when it has no
    tables."""
    ordered = sorted(d.tables.values(), key=lambda t: t.id)
    if not ordered:
        return d.currency_unit, []
    units = [t.unit for t in ordered]
    common = max(dict.fromkeys(units), key=units.count)
    others: dict[str, list[str]] = {}
    for table in ordered:
        if table.unit != common:
            others.setdefault(table.unit, []).append(table.label)
    return common, list(others.items())
