"""Building blocks of generated pages: page templates, text sections with glossary links, cards, figures.

Running text is emitted as HTML paragraph blocks (``<p>…</p>``) so that Markdown never reinterprets
printed text (a paragraph starting 「1.负责…」 must not become a list); headings stay Markdown with
explicit ASCII ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.nodes
from markupsafe import Markup

from gongkai.address import sentence_anchor
from gongkai.charts import ChartData, decimal_text, shares, summarize
from gongkai.glossary import LinkScope, escape
from gongkai.models import Cell, TextSection
from gongkai.money import amount_attrs, text_attrs, unit_label
from gongkai.rules.text_figures import split_sentences
from gongkai.table_html import permalink, wrap
from gongkai.theme import GONGKAI, Theme


@dataclass(frozen=True)
class Section:
    """One section of a page: Chinese title, stable ASCII anchor, Markdown/HTML body, heading level."""

    title: str
    anchor: str
    body: str
    level: int = 2
    parts: tuple[tuple[str, str], ...] = ()  # (title, anchor) of its parts, listed in the page's contents
    search_weight: str = ""  # the heading's Pagefind weight when it only repeats what a disclosure answers


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
    return env


@jinja2.pass_eval_context
def _escaped(context: jinja2.nodes.EvalContext, value: object) -> object:
    """Every value an HTML template prints, escaped by :func:`gongkai.glossary.escape` unless it is Markup."""
    if not context.autoescape or hasattr(value, "__html__"):
        return value
    return Markup(escape(str(value)))


def html(env: jinja2.Environment, name: str) -> Any:
    """The macros of the HTML template ``macros/<name>.html.j2``; each returns its HTML (``Markup``)."""
    return env.get_template(MACROS.format(name)).module


def _linked(text: str, scope: LinkScope | None) -> str:
    return scope.link(text) if scope is not None else escape(text)


def paragraph(text: str, scope: LinkScope | None, css: str = "") -> str:
    """One printed paragraph as an HTML block, glossary terms linked through ``scope``."""
    attr = f' class="{css}"' if css else ""
    return f"<p{attr}>{_linked(text, scope)}</p>"


FINDING_TARGET = "f-"  # id prefix, in the 数据核验 section, of the finding about a sentence or cell


def flag_legend(findings_page: str) -> str:
    """The line above a text with highlighted sentences: what the highlight means, and where the findings are."""
    return (
        '<p class="gk-legend"><mark class="gk-flag">标黄的句子</mark>'
        f'与<a href="{findings_page}#checks">数据核验</a>中的问题有关；点句后的「※」可直接看到那个问题。</p>'
    )


def _sentence_paragraph(
    text: str, scope: LinkScope | None, section: str, number: int, flagged: Set[str], findings_page: str
) -> str:
    """A paragraph of running text whose every sentence is a span with its id (:func:`sentence_anchor`), so
    that a finding can link to the sentence it concerns and the page highlights it (``:target``); a
    sentence whose id is in ``flagged`` (it has a finding) is a ``<mark class="gk-flag">`` followed by a
    link to its finding (``findings_page`` is the disclosure page, relative to this one)."""
    spans = []
    for index, sentence in enumerate(split_sentences(text), start=1):
        sid = sentence_anchor(section, number, index)
        if sid in flagged:
            spans.append(
                f'<mark class="gk-sentence gk-flag" id="{sid}">{_linked(sentence, scope)}</mark>'
                f'<a class="gk-flag__ref" href="{findings_page}#{FINDING_TARGET}{sid}" '
                'aria-label="查看这句话的核验问题">※</a>'
            )
        else:
            spans.append(f'<span class="gk-sentence" id="{sid}">{_linked(sentence, scope)}</span>')
    return f"<p>{''.join(spans)}</p>"


def text_sections(
    sections: Sequence[TextSection],
    scope: LinkScope | None,
    level: int,
    anchor_prefix: str,
    flagged: Set[str] = frozenset(),
    findings_page: str = "",
) -> str:
    """Nested printed sections → Markdown headings (never linked) and linked paragraphs; the sentences
    whose ids are in ``flagged`` are marked and link to their finding on ``findings_page``."""
    blocks: list[str] = []
    for index, section in enumerate(sections, start=1):
        anchor = f"{anchor_prefix}-{index}"
        if scope is not None:
            scope.new_section()
        blocks.append(f"{'#' * level} {escape(section.title)} {{: #{anchor} }}")
        blocks.extend(
            _sentence_paragraph(p, scope, anchor, n, flagged, findings_page)
            for n, p in enumerate(section.paragraphs, start=1)
        )
        if section.subsections:
            blocks.append(text_sections(section.subsections, scope, min(level + 1, 6), anchor, flagged, findings_page))
    return "\n\n".join(blocks)


def _length_class(value: str) -> str:
    """A long amount (「371,514,655.00」 元) gets a smaller type that fits its card, never a break inside it."""
    if len(value) > 14:
        return " gk-card__value--longer"
    return " gk-card__value--long" if len(value) > 10 else ""


def cards(items: Iterable[Card]) -> str:
    """Key figures as a grid of cards, each linking to the cell it is printed in."""
    html = []
    for card in items:
        value = (
            f'<span class="gk-card__value{_length_class(card.value)}"{text_attrs(card.value, card.unit)}>'
            f"{escape(card.value)}</span>"
            f'<span class="gk-card__unit">{unit_label(card.unit)}</span>'
        )
        if card.href:
            value = f'<a href="{card.href}">{value}</a>'
        note = f'<span class="gk-card__note">{escape(card.note)}</span>' if card.note else ""
        html.append(f'<div class="gk-card"><span class="gk-card__label">{escape(card.label)}</span>{value}{note}</div>')
    return f'<div class="gk-cards">{"".join(html)}</div>' if html else ""


def cell_text(cell: Cell | None) -> str:
    """A printed figure for a reader: the text as printed, 「——」 for not applicable, 「—」 for blank."""
    if cell is None or cell.state.value == "empty":
        return "—"
    return escape(cell.raw.strip())


def figure(chart: ChartData, svg_href: str) -> str:
    """A chart: title, static SVG image with a text alternative, summary sentence, numbers as a table;
    shares of a whole that has one part only are a sentence with its sources (nothing to draw)."""
    summary = summarize(chart)
    if not chart.drawn:
        sources = "；".join(dict.fromkeys(escape(d.source) for d in chart.data))
        note = f" {escape(chart.note)}" if chart.note else ""
        return (
            f'<div class="gk-chart gk-chart--sentence" id="{chart.key}"><p><strong>{escape(chart.caption)}</strong>：'
            f'{escape(summary)}{note}</p><p class="gk-chart-note">来源：{sources}</p></div>'
        )
    share_column = chart.kind == "shares"
    percents = shares(chart) if share_column else ()
    head = '<th scope="col">项目</th>' + ('<th scope="col">系列</th>' if len(chart.series) > 1 else "")
    head += f'<th scope="col">数值（{unit_label(chart.unit)}）</th>' + (
        '<th scope="col">占比</th>' if share_column else ""
    )
    head += '<th scope="col">来源</th>'
    rows = []
    for index, datum in enumerate(chart.data):
        series = f"<td>{escape(datum.series)}</td>" if len(chart.series) > 1 else ""
        share = ""
        if share_column:
            pct = percents[index]
            share = f'<td class="gk-num">{decimal_text(pct) + "%" if pct is not None else "—"}</td>'
        rows.append(
            f'<tr><th scope="row">{escape(datum.category)}</th>{series}'
            f'<td class="gk-num"{amount_attrs(datum.value, chart.unit)}>{escape(datum.label)}</td>{share}<td class="gk-src">{escape(datum.source)}</td></tr>'
        )
    note = f'<p class="gk-chart-note">{escape(chart.note)}</p>' if chart.note else ""
    table = wrap(
        f'<table class="gk-table"><caption>{escape(chart.caption)}（数据表）</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        f"{chart.caption}数据表",
    )
    return (
        f'<figure class="gk-chart" id="{chart.key}">'
        f"<figcaption>{escape(chart.caption)}{permalink(chart.key, '本图')}</figcaption>"
        f'<img src="{svg_href}" alt="{escape(chart.caption)}：{escape(summary)}" loading="lazy">'
        f'<p class="gk-chart-summary">{escape(summary)}</p>{note}'
        f'<details class="gk-chart-data"><summary>查看数据表</summary>{table}</details>'
        "</figure>"
    )


def contents(sections: Sequence[Section]) -> str:
    """An in-page table of contents, every part of a long section listed under it (every 公开表, every
    part of 情况说明); gongkai.js also puts it in the phone's menu drawer."""
    items = []
    for s in sections:
        parts = "".join(f'<li><a href="#{anchor}">{escape(title)}</a></li>' for title, anchor in s.parts)
        nested = f'<ol class="gk-contents__parts">{parts}</ol>' if parts else ""
        items.append(f'<li><a href="#{s.anchor}">{escape(s.title)}</a>{nested}</li>')
    return f'<nav class="gk-contents" id="contents" aria-label="本页目录"><ol>{"".join(items)}</ol></nav>'
