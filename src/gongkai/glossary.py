"""名词解释 linker: turns running text into escaped HTML in which glossary terms link to their definition.

Python-Markdown's ``abbr`` needs word boundaries, which Chinese text does not have, so terms are found
anywhere inside the text.  Use::

    registry = BacklinkRegistry()                        # one for the whole site
    linker = TermLinker(site_terms + disclosure_terms, registry)   # built once per disclosure
    scope = linker.scope(page_url, page_title, glossary_href)      # one per page
    html = scope.link(paragraph)                         # every paragraph, list item, table header cell
    scope.new_section()                                  # at every heading
    registry.backlinks()                                 # anchor -> [(page_url, page_title)]

Matching rules:

* leftmost-longest and non-overlapping: with 财政拨款 and 财政拨款收入, 「财政拨款收入」 links the longer;
* a term is linked at its first occurrence in a section only (aliases count as their entry); later
  occurrences stay plain text and still hide any shorter term inside them;
* never inside numbers: a term that starts (ends) with an ASCII digit does not match right after (before)
  a digit, or a digit and a decimal point or thousands comma, so ``301`` is not found in ``30101`` or
  ``1.301``; digits and amounts are never altered.

Matching walks a trie of all spellings, so its cost depends on the length of the text and of the
longest spelling, not on the number of terms.  Output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.address import term_anchor
from gongkai.models import GlossaryEntry

# HTML-significant characters, plus the ASCII punctuation that Markdown (and the usual pymdownx
# extensions) would read as markup: the output is embedded in Markdown pages, table cells included.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_[]|~^{}=:"}
)
_DIGITS = frozenset("0123456789")
_NUMBER_SEPARATORS = frozenset(".,")


_ESCAPED = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def escape(text: str) -> str:
    """Escape untrusted text for HTML element content and attribute values inside a Markdown page."""
    return text.translate(_ESCAPES) if _ESCAPED.search(text) else text  # most text has nothing to escape


@dataclass(frozen=True)
class Term:
    """One glossary entry as the linker sees it: the term, its definition, other spellings."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return term_anchor(self.term)


def terms_from_entries(entries: Sequence[GlossaryEntry]) -> list[Term]:
    return [Term(e.term, e.definition, e.aliases) for e in entries]


class BacklinkRegistry:
    """Where each entry was linked: shared by the linkers of all disclosures of a site."""

    def __init__(self) -> None:
        self._pages: dict[str, dict[str, str]] = {}  # anchor -> page_url -> page_title

    def record(self, anchor: str, page_url: str, page_title: str) -> None:
        """Remember a page once per entry; the first title given for a URL is kept."""
        self._pages.setdefault(anchor, {}).setdefault(page_url, page_title)

    def backlinks(self) -> dict[str, list[tuple[str, str]]]:
        """Anchor -> pages ``(url, title)`` that link the entry, in first-seen order."""
        return {anchor: list(pages.items()) for anchor, pages in self._pages.items()}


class _Node:
    __slots__ = ("children", "term")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.term: Term | None = None  # the entry a spelling ending here belongs to


class TermLinker:
    """Links glossary terms in the running text of many pages.

    ``terms`` are read in order; a later term with the same text overrides the earlier entry (so a
    disclosure's own 名词解释 listed after the site-wide ones wins), and the earlier entry's aliases then
    lead to the overriding one.  A spelling claimed by two entries belongs to the later.  Empty spellings
    are ignored.  Backlinks go to ``registry`` (a new one when none is given).
    """

    def __init__(self, terms: Sequence[Term], registry: BacklinkRegistry | None = None) -> None:
        self.registry = registry if registry is not None else BacklinkRegistry()
        entries: dict[str, Term] = {}
        owners: dict[str, str] = {}  # spelling -> term text of its entry
        for term in terms:
            entries[term.term] = term
            for spelling in (term.term, *term.aliases):
                owners[spelling] = term.term
        self._root = _Node()
        for spelling, owner in owners.items():
            if spelling:
                self._insert(spelling, entries[owner])

    def _insert(self, spelling: str, term: Term) -> None:
        node = self._root
        for char in spelling:
            node = node.children.setdefault(char, _Node())
        node.term = term

    def scope(self, page_url: str, page_title: str, glossary_href: str) -> LinkScope:
        """A linking scope for one page; links point to ``{glossary_href}#{anchor}``."""
        return LinkScope(self, page_url, page_title, glossary_href)

    def backlinks(self) -> dict[str, list[tuple[str, str]]]:
        """The backlinks of the registry (all linkers sharing it)."""
        return self.registry.backlinks()

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """Leftmost-longest, non-overlapping matches ``(start, end, entry)`` outside digit runs."""
        found: list[tuple[int, int, Term]] = []
        start = 0
        while start < len(text):
            match = self._longest_at(text, start)
            if match is None:
                start += 1
            else:
                found.append((start, match[0], match[1]))
                start = match[0]
        return found

    def _longest_at(self, text: str, start: int) -> tuple[int, Term] | None:
        node = self._root.children.get(text[start])
        if node is None or _inside_number(text, start - 1, start):
            return None
        best: tuple[int, Term] | None = None
        end = start + 1
        while node is not None:
            if node.term is not None and not _inside_number(text, end - 1, end):
                best = (end, node.term)
            node = node.children.get(text[end]) if end < len(text) else None
            end += 1
        return best


def _inside_number(text: str, left: int, right: int) -> bool:
    """True when the boundary between ``text[left]`` and ``text[right]`` cuts a number in two.

    A number is a run of ASCII digits, with single decimal points or thousands commas inside.
    """
    digit_left, digit_right = _is_digit(text, left), _is_digit(text, right)
    if digit_left and digit_right:
        return True
    if digit_left:  # 1|.5
        return _is_separator(text, right) and _is_digit(text, right + 1)
    if digit_right:  # 1.|5
        return _is_separator(text, left) and _is_digit(text, left - 1)
    return False


def _is_digit(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] in _DIGITS


def _is_separator(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] in _NUMBER_SEPARATORS


class LinkScope:
    """One section of one page: each entry is linked at its first occurrence only.

    Call :meth:`new_section` at every heading (or ask the linker for a new scope).
    """

    def __init__(self, linker: TermLinker, page_url: str, page_title: str, glossary_href: str) -> None:
        self._linker = linker
        self._page_url = page_url
        self._page_title = page_title
        self._glossary_href = glossary_href
        self._linked: set[str] = set()  # anchors linked in this section

    def new_section(self) -> None:
        self._linked.clear()

    def link(self, text: str) -> str:
        """``text`` as escaped HTML, with the first occurrence of each entry in the section linked.

        A link is ``<a class="gk-term" href="…#anchor" data-tip="definition">term as printed</a>``; the
        definition stays in the attribute so that it is shown as a tooltip but not indexed for search.
        """
        pieces: list[str] = []
        done = 0
        for start, end, term in self._linker.find(text):
            if term.anchor in self._linked:
                continue
            self._linked.add(term.anchor)
            self._linker.registry.record(term.anchor, self._page_url, self._page_title)
            href = f"{self._glossary_href}#{term.anchor}"
            pieces.append(escape(text[done:start]))
            # kept in Python: a link spliced into running text at the offsets the trie finds, one fixed tag
            pieces.append(
                f'<a class="gk-term" href="{escape(href)}" data-tip="{escape(term.definition)}">'
                f"{escape(text[start:end])}</a>"
            )
            done = end
        pieces.append(escape(text[done:]))
        return "".join(pieces)
