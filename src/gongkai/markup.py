"""Building blocks of generated pages: page templates, text sections with glossary links, cards, figures.

Running text is emitted as HTML paragraph blocks (``<p>…</p>``) so that Markdown never reinterprets
printed text (a paragraph starting 「1.负责…」 must not become a list); headings stay Markdown with
explicit ASCII ids.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.nodes
from markupsafe import Markup

from gongkai.charts import ChartData, decimal_text, shares, size, summarize
from gongkai.glossary import LinkScope, escape
from gongkai.models import Cell, TextSection
from gongkai.money import amount_attrs, is_currency, text_attrs
from gongkai.outline import OutlineSection, outline
from gongkai.theme import GONGKAI, Theme


@dataclass(frozen=True)
class Section:
    """One section of a page: Chinese title, stable ASCII anchor, Markdown/HTML body, heading level."""

    title: str
    anchor: str
    body: str
    level: int = 2
    parts: tuple[tuple[str, str], ...] = ()  # (title, anchor) of its parts, listed in the page's contents


@dataclass(frozen=True)
class Card:
    label: str
    value: str  # as printed
    unit: str
    href: str  # link to the cell the figure comes from ("" if none)
    note: str = ""


MACROS = "macros/{}.html.j2"  # below pages/: the HTML of page parts, as Jinja macros (autoescaped)


def environment(theme: Theme = GONGKAI) -> jinja2.Environment:
    """The page templates of ``theme`` (the project's replacing gongkai's).

    Page templates (``*.md.j2``) are Markdown around bodies built from escaped parts; raw data fields go
    through ``| text``.  HTML templates (``*.html.j2``, the macros of :func:`html`) are autoescaped, with
    gongkai's own escape (Markdown punctuation too, as the page is Markdown): only a ``Markup`` (a
    fragment that is already HTML) is printed as it is."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme.folder("pages")),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        finalize=_escaped,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["text"] = lambda value: escape(str(value))
    env.tests["currency"] = is_currency
    return env


@jinja2.pass_eval_context
def _escaped(context: jinja2.nodes.EvalContext, value: object) -> object:
    """Every value an HTML template prints, escaped by :func:`gongkai.glossary.escape` unless it is Markup."""
    if not context.autoescape or hasattr(value, "__html__"):
        return value
    return _markup(escape(value if type(value) is str else str(value)))


_markup = functools.partial(str.__new__, Markup)  # Markup(text) for a str, without Markup's __html__ check


def html(env: jinja2.Environment, name: str) -> Any:
    """The macros of the HTML template ``macros/<name>.html.j2``; each returns its HTML (``Markup``)."""
    return env.get_template(MACROS.format(name)).module


def _linked(text: str, scope: LinkScope | None) -> str:
    """The text with its glossary terms linked (``Markup``), or the text as it is (escaped where printed)."""
    return Markup(scope.link(text)) if scope is not None else text


def paragraph(env: jinja2.Environment, text: str, scope: LinkScope | None, css: str = "") -> str:
    """One printed paragraph as an HTML block, glossary terms linked through ``scope``."""
    return str(html(env, "markup").paragraph(_linked(text, scope), css))


FINDING_TARGET = "f-"  # id prefix, in the 数据核验 section, of the finding about a sentence or cell


def flag_legend(env: jinja2.Environment, findings_page: str) -> str:
    """The line above a text with highlighted sentences: what the highlight means, and where the findings are."""
    return str(html(env, "markup").flag_legend(findings_page))


Block = dict[str, object] | list[tuple[str, str, bool]]  # a heading, or a paragraph's sentences


def _blocks(
    sections: tuple[OutlineSection, ...], scope: LinkScope | None, level: int, flagged: Set[str]
) -> list[Block]:
    """Headings and paragraphs in page order; every sentence of a paragraph is (id, text, flagged), its id
    the outline's; glossary terms are linked in that order, the scope renewed at every heading."""
    blocks: list[Block] = []
    for section in sections:
        if scope is not None:
            scope.new_section()
        blocks.append({"level": level, "title": section.title, "anchor": section.anchor})
        for paragraph in section.paragraphs:
            blocks.append([(s.anchor, _linked(s.text, scope), s.anchor in flagged) for s in paragraph])
        if section.subsections:
            blocks.extend(_blocks(section.subsections, scope, min(level + 1, 6), flagged))
    return blocks


def text_sections(
    env: jinja2.Environment,
    sections: Sequence[TextSection],
    scope: LinkScope | None,
    level: int,
    anchor_prefix: str,
    flagged: Set[str] = frozenset(),
    findings_page: str = "",
) -> str:
    """Nested printed sections → Markdown headings (never linked) and paragraphs whose every sentence is a
    span with its id, so that a finding can link to the sentence it concerns and the page highlights it
    (``:target``); a sentence whose id is in ``flagged`` (it has a finding) is a ``<mark class="gk-flag">``
    followed by a link to its finding on ``findings_page`` (the disclosure page, relative to this one)."""
    blocks = _blocks(outline(tuple(sections), anchor_prefix), scope, level, flagged)
    return str(html(env, "markup").text_sections(blocks, findings_page, FINDING_TARGET))


def cards(env: jinja2.Environment, items: Iterable[Card]) -> str:
    """Key figures as a grid of cards, each linking to the cell it is printed in."""
    views = [
        {
            "label": c.label,
            "value": c.value,
            "attrs": Markup(text_attrs(c.value, c.unit)),
            "unit": c.unit,
            "href": c.href,
            "note": c.note,
        }
        for c in items
    ]
    return str(html(env, "markup").cards(views))


def printed(cell: Cell | None) -> str:
    """A printed figure for a reader: the text as printed, 「——」 for not applicable, 「—」 for blank."""
    if cell is None or cell.state.value == "empty":
        return "—"
    return cell.raw.strip()


def cell_text(cell: Cell | None) -> str:
    """:func:`printed`, escaped for a page."""
    return escape(printed(cell))


def figure(env: jinja2.Environment, chart: ChartData, svg_href: str) -> str:
    """A chart: title, static SVG image with a text alternative, summary sentence, numbers as a table;
    shares of a whole that has one part only are a sentence with its sources (nothing to draw)."""
    summary = summarize(chart)
    macros = html(env, "markup")
    if not chart.drawn:
        sources = list(dict.fromkeys(d.source for d in chart.data))
        return str(macros.sentence_chart(chart.key, chart.caption, summary, chart.note, sources))
    share_column = chart.kind == "shares"
    percents = shares(chart) if share_column else (None,) * len(chart.data)
    rows = [
        (
            datum.category,
            datum.series,
            Markup(amount_attrs(datum.value, chart.unit)),
            datum.label,
            decimal_text(pct) + "%" if pct is not None else "—",
            datum.source,
        )
        for datum, pct in zip(chart.data, percents, strict=True)
    ]
    multi = len(chart.series) > 1
    width, height = size(chart)  # on the <img>: the page keeps its place while the lazy SVG loads
    return str(
        macros.figure(
            chart.key,
            chart.caption,
            summary,
            chart.note,
            svg_href,
            width,
            height,
            chart.unit,
            multi,
            share_column,
            rows,
        )
    )


def contents(env: jinja2.Environment, sections: Sequence[Section]) -> str:
    """An in-page table of contents, every part of a long section listed under it (every 公开表, every
    part of 情况说明); gongkai.js also puts it in the phone's menu drawer."""
    return str(html(env, "markup").contents(sections))
