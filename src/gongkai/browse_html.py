"""Pieces shared by the unit, browse and compare pages: a figure's cell (printed, linked to its source
cell, switchable between 元/万元/亿元), a gap, a computed figure, a table (``macros/browse_html.html.j2``),
and the page itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from gongkai.aggregate import Fig
from gongkai.markup import Section, html
from gongkai.money import amount_attrs, plain
from gongkai.render_disclosure import RenderedPage
from gongkai.table_html import wrap

GAP = "未公开"


# Search weight (docs/search.md) of a whole aggregate page (its title, headings, notes and tables): these pages
# repeat the disclosures' figures, which the search should lead to first
AGGREGATE_WEIGHT = "0.25"


class NumberCell(NamedTuple):
    """A figure's cell: printed (``href``: the cell it is printed in) or computed (no ``href``)."""

    href: str
    title: str
    attrs: Markup  # the 元/万元/亿元 switch's attributes (:func:`gongkai.money.amount_attrs`)
    text: str
    own: str = ""  # the figure's own unit, when it is not the column's


Item = NumberCell | str  # a cell, or the text of a gap


def figure_cell(fig: Fig | None, prefix: str, unit: str = "", gap: str = GAP) -> Item:
    """A printed figure linked to the cell it is printed in; a gap (not published) when ``None``.  A figure
    printed in another unit than the column's (``unit``) says its own."""
    if fig is None:
        return gap
    title = f"来源：{fig.unit} {fig.year}年度{fig.kind} {fig.source}"
    own = fig.currency if unit and fig.currency != unit else ""
    return NumberCell(f"{prefix}{fig.href}", title, Markup(amount_attrs(fig.value, fig.currency)), fig.raw, own)


def computed_cell(value: Decimal | None, unit: str, suffix: str = "") -> Item:
    """A figure worked out from printed ones (a sum, a change, a share): exact, marked as computed."""
    if value is None:
        return "—"
    text = plain(value) if unit in ("万元", "元", "亿元") else format(value, "f")
    signed = f"+{text}" if suffix == "change" and value > 0 else text
    attrs = amount_attrs(value, unit) if suffix != "change" else ""
    return NumberCell("", "", Markup(attrs), signed)


def cells(env: jinja2.Environment, items: Iterable[Item]) -> Markup:
    """The HTML of a row's figure cells, in one macro call."""
    result: Markup = html(env, "browse_html").cells(list(items))
    return result


def table(
    env: jinja2.Environment,
    caption: str,
    head: Sequence[str],
    rows: Sequence[str],
    css: str = "",
    head_attrs: Sequence[str] = (),
) -> str:
    """An accessible table in its scrolling region; ``head`` cells are text or ``Markup`` (units as
    :func:`money_head`), ``head_attrs`` extra attributes of each header cell."""
    attrs = [Markup(a) for a in head_attrs] + [Markup("")] * (len(head) - len(head_attrs))
    rendered = html(env, "browse_html").table(caption, list(zip(head, attrs, strict=True)), rows, css)
    return wrap(env, rendered, caption)


def money_head(env: jinja2.Environment, title: str, unit: str) -> Markup:
    """A column title with its unit: 「支出总计（万元）」, the unit switchable."""
    result: Markup = html(env, "browse_html").money_head(title, unit)
    return result


def page(
    env: jinja2.Environment, path: str, title: str, lead: str, sections: Sequence[Section], sources: str
) -> RenderedPage:
    markdown = env.get_template("generic.md.j2").render(
        title=title, lead=lead, sections=sections, source_files=sources, search_weight=AGGREGATE_WEIGHT
    )
    return RenderedPage(path, markdown)


def by_key(items: Iterable[Fig], *keys: str) -> Mapping[tuple[object, ...], Fig]:
    """Figures by the values of ``keys`` (the first figure wins when a key repeats)."""
    result: dict[tuple[object, ...], Fig] = {}
    for item in items:
        result.setdefault(tuple(getattr(item, k) for k in keys), item)
    return result
