"""HTML pieces shared by the unit, browse and compare pages: a figure's cell (printed, linked to its source
cell, switchable between 元/万元/亿元), a gap, a computed figure, a table, and the page itself."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import jinja2

from gongkai.aggregate import Fig
from gongkai.glossary import escape
from gongkai.markup import Section
from gongkai.money import amount_attrs, plain, unit_label
from gongkai.render_disclosure import RenderedPage
from gongkai.table_html import wrap

GAP = "未公开"


# Search weight (docs/search.md) of a whole aggregate page (its title, headings, notes and tables): these pages
# repeat the disclosures' figures, which the search should lead to first
AGGREGATE_WEIGHT = "0.25"


def figure_td(fig: Fig | None, prefix: str, unit: str = "", gap: str = GAP) -> str:
    """A printed figure linked to the cell it is printed in; a gap (not published) when ``None``.  A figure
    printed in another unit than the column's (``unit``) says its own."""
    if fig is None:
        return f'<td class="gk-num gk-gap">{gap}</td>'
    title = f"来源：{fig.unit} {fig.year}年度{fig.kind} {fig.source}"
    own = f'<span class="gk-meta">{escape(fig.currency)}</span>' if unit and fig.currency != unit else ""
    return (
        f'<td class="gk-num"><a href="{prefix}{fig.href}" title="{escape(title)}"'
        f"{amount_attrs(fig.value, fig.currency)}>{escape(fig.raw)}</a>{own}</td>"
    )


def computed_td(value: Decimal | None, unit: str, suffix: str = "") -> str:
    """A figure worked out from printed ones (a sum, a change, a share): exact, marked as computed."""
    if value is None:
        return '<td class="gk-num gk-gap">—</td>'
    text = plain(value) if unit in ("万元", "元", "亿元") else format(value, "f")
    signed = f"+{text}" if suffix == "change" and value > 0 else text
    attrs = amount_attrs(value, unit) if suffix != "change" else ""
    return f'<td class="gk-num gk-computed"{attrs}>{escape(signed)}</td>'


def table(caption: str, head: Sequence[str], rows: Sequence[str], css: str = "", head_attrs: Sequence[str] = ()) -> str:
    """An accessible table in its scrolling region; ``head`` cells are HTML (units as :func:`unit_label`),
    ``head_attrs`` extra attributes of each header cell."""
    classes = f"gk-table {css}".strip()
    cells = "".join(
        f'<th scope="col"{attrs}>{title}</th>'
        for title, attrs in zip(head, [*head_attrs, *[""] * len(head)], strict=False)
    )
    return wrap(
        f'<table class="{classes}"><caption>{caption}</caption>'
        f"<thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        caption_text(caption),
    )


def caption_text(caption: str) -> str:
    """The caption without markup (for ``aria-label``)."""
    return re.sub(r"<[^>]+>", "", caption)


def money_head(title: str, unit: str) -> str:
    """A column title with its unit: 「支出总计（万元）」, the unit switchable."""
    return f"{escape(title)}（{unit_label(unit)}）"


def page(
    env: jinja2.Environment, path: str, title: str, lead: str, sections: Sequence[Section], sources: str
) -> RenderedPage:
    markdown = env.get_template("generic.md.j2").render(
        title=escape(title), lead=lead, sections=sections, source_files=sources, search_weight=AGGREGATE_WEIGHT
    )
    return RenderedPage(path, markdown)


def by_key(items: Iterable[Fig], *keys: str) -> Mapping[tuple[object, ...], Fig]:
    """Figures by the values of ``keys`` (the first figure wins when a key repeats)."""
    result: dict[tuple[object, ...], Fig] = {}
    for item in items:
        result.setdefault(tuple(getattr(item, k) for k in keys), item)
    return result
