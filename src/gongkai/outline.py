"""The outline of a printed text: its sections, their paragraphs and each paragraph's sentences, with the
address of every sentence.

One outline for the rules (which cite a sentence) and the pages (which put an id on it): a section's id
is its parent's id and its 1-based number (``explanation-5-3``), a sentence's id adds its paragraph and
its number in the paragraph (:func:`gongkai.address.sentence_anchor`: ``explanation-5-3-p2-s1``).  A
paragraph is cut into sentences after 。；;！？ (a 「；」-separated clause of a long paragraph is a sentence of
its own, so that a finding can point at exactly the clause that states a figure).

A text's outline is worked out once (:func:`outline` is memoized by the text and its id prefix): the
rules read it while checking a disclosure, the pages when rendering it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.address import sentence_anchor
from gongkai.models import TextSection

SENTENCE_END = "。；;！？!?"
_SENTENCE = re.compile(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]+|[^{SENTENCE_END}]+")
TEXTS_KEPT = 4096  # outlines memoized: more than the texts of the disclosures a build has in hand at once


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph cut after each 。；;！？ run; joining the pieces gives the paragraph back."""
    return _SENTENCE.findall(paragraph)


@dataclass(frozen=True)
class Sentence:
    section_key: str  # id of its section (``explanation-5-3``)
    titles: tuple[str, ...]  # titles of the section and its parents, outermost first
    paragraph: int  # 1-based within the section
    index: int  # 1-based within the paragraph
    text: str
    field: str  # dotted path of the paragraph in its YAML file, e.g. sections.4.subsections.1.paragraphs.0 (0-based, as in schema messages)
    line: int | None  # line of the section title in its YAML file

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.section_key, self.paragraph, self.index)

    @property
    def place(self) -> str:
        """Where the sentence is, for a message: 「九、…（一）… 第2段第1句」."""
        return f"「{self.titles[-1] if self.titles else ''}」第{self.paragraph}段第{self.index}句"


@dataclass(frozen=True)
class OutlineSection:
    title: str
    anchor: str  # the section's id, the prefix of its sentences' ids
    paragraphs: tuple[tuple[Sentence, ...], ...]
    subsections: tuple[OutlineSection, ...]


@functools.lru_cache(maxsize=TEXTS_KEPT)
def outline(sections: tuple[TextSection, ...], key_prefix: str) -> tuple[OutlineSection, ...]:
    """The outline of nested printed sections whose ids start with ``key_prefix`` (``explanation``)."""
    return _outline(sections, key_prefix, "sections", ())


def _outline(
    sections: Sequence[TextSection], key_prefix: str, field: str, parents: tuple[str, ...]
) -> tuple[OutlineSection, ...]:
    result = []
    for number, section in enumerate(sections, start=1):
        key, path, titles = f"{key_prefix}-{number}", f"{field}.{number - 1}", (*parents, section.title)
        paragraphs = tuple(
            tuple(
                Sentence(key, titles, p_index, s_index, text, f"{path}.paragraphs.{p_index - 1}", section.line)
                for s_index, text in enumerate(split_sentences(paragraph), start=1)
            )
            for p_index, paragraph in enumerate(section.paragraphs, start=1)
        )
        subsections = _outline(section.subsections, key, f"{path}.subsections", titles)
        result.append(OutlineSection(section.title, key, paragraphs, subsections))
    return tuple(result)


def walk_sentences(sections: Sequence[TextSection], key_prefix: str) -> Iterator[Sentence]:
    """Every sentence of nested sections in page order (:func:`outline`)."""
    yield from _sentences(outline(tuple(sections), key_prefix))


def _sentences(sections: tuple[OutlineSection, ...]) -> Iterator[Sentence]:
    for section in sections:
        for paragraph in section.paragraphs:
            yield from paragraph
        yield from _sentences(section.subsections)
