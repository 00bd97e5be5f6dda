"""The 元 / 万元 / 亿元 switch: every amount on a page carries its exact value in each unit, worked out at
build time with ``Decimal`` (``data-yuan``, ``data-wan``, ``data-yi``), beside the figure as printed.

The page shows the printed figure; the switch in the header (``gongkai.js``) swaps in the chosen unit's
string and remembers the choice.  Nothing is converted in the browser and nothing passes through float;
the checks never see these strings, they use the printed figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.glossary import escape
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


def unit_label(unit: str) -> str:
    """A unit name the switch rewrites (「万元」 → 「元」) when it is a currency unit."""
    if unit not in FACTORS:
        return escape(unit)
    return f'<span class="gk-unit-label" data-unit="{unit}">{unit}</span>'


def amount_span(value: Decimal, raw: str, unit: str, css: str = "") -> str:
    """A figure in running HTML: the printed text, switchable."""
    attr = f' class="{css}"' if css else ""
    return f"<span{attr}{amount_attrs(value, unit)}>{escape(raw)}</span>"


def amount_units(d: Disclosure) -> str:
    """The 金额单位 of the page as its tables print them: one unit, or the common one with the tables that
    differ (「元（预算09表为万元）」); the document's own unit when it has no tables."""
    ordered = sorted(d.tables.values(), key=lambda t: t.id)
    if not ordered:
        return unit_label(d.currency_unit)
    units = [t.unit for t in ordered]
    common = max(dict.fromkeys(units), key=units.count)
    others: dict[str, list[str]] = {}
    for table in ordered:
        if table.unit != common:
            others.setdefault(table.unit, []).append(table.label)
    exceptions = "；".join(f"{'、'.join(map(escape, labels))}为{unit_label(unit)}" for unit, labels in others.items())
    return unit_label(common) + (f"（{exceptions}）" if exceptions else "")
