"""Running text from extracted lines: numbered sections (一、 / （一） / 1、), paragraphs, 名词解释.

Lines broken by the text extraction are joined: a paragraph that does not end a sentence continues
on the next line unless that line starts a new numbered section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.importers.result import GlossaryItem, Section
from gongkai.importers.text_parts import Line, Sink
from gongkai.numbering import numbering, split_numbering, style

HEADING_MAX = 40
SHORT_SENTENCE_HEADING = 20  # 「（一）收入情况。」: a short phrase with a full stop is still a heading
SHORT_NUMBERED_HEADING = 16  # 「1.履职效能。」 (longer 「1.…。」 lines are list items)
SHORT_ANSWER = 4  # 「：无」, 「。无」
SENTENCE_END = tuple("。；;！？!?：:")
GLOSSARY_ENTRY = re.compile(r"^([^：:]{1,60})[：:](.+)$")
LIST_MARK = re.compile(r"^[-•·\s]+")
NOT_A_TERM = re.compile(r"[。；;！？!?，,]")  # 「…公务接待费。其中：」: a wrapped definition, not a term
LABEL = re.compile(r"^[^。，,；;！？!?、：:]{2,25}[:：]?$")  # 「预算执行情况」, 「人员编制情况:」
INDENT = re.compile(r"^(\s{2,}|\u3000)")


def heading_level(text: str) -> int | None:
    """0–4 for 「一、」, 「（一）」, 「1、」, 「（1）」, 「①」 headings; None for a paragraph (long or a sentence)."""
    level = style(text)
    if level is None or len(text) > HEADING_MAX or text.endswith(("；", ";", "，", ",")):
        return None
    longest = SHORT_SENTENCE_HEADING if level < 2 else SHORT_NUMBERED_HEADING
    if text.endswith("。") and (len(text) > longest or "，" in text):
        return None
    return level


def split_heading(text: str) -> tuple[str, str] | None:
    """「（一）评价结论。本年度…」, 「五、存在主要问题：无」: a short heading run into its text, split after
    its full stop (or its colon, when only a short answer follows)."""
    stop = text.find("。")
    colon = text.find("：")
    if colon > 0 and (stop < 0 or colon < stop) and len(text) - colon - 1 <= SHORT_ANSWER:
        stop = colon
    if not 0 < stop < len(text) - 1:
        return None
    heading, rest = text[: stop + 1], text[stop + 1 :]
    level = heading_level(heading)
    if level is not None and (level <= 2 or len(rest) <= SHORT_ANSWER):
        return heading, rest
    return None


def _is_label(text: str) -> bool:
    return bool(LABEL.match(text)) and numbering(text) is None


@dataclass
class _Open:
    """A heading whose section is still being read, with its level and (printed or implied) number."""

    level: int
    number: int
    section: Section


class _SectionReader:
    """Reads running text into sections; see :func:`read_sections`."""

    def __init__(self, lines: list[Line], sink: Sink) -> None:
        self.lines = [line for line in lines if line.plain]
        self.sink = sink
        self.preface: list[str] = []
        self.roots: list[Section] = []
        self.stack: list[_Open] = []
        self.joinable = False
        self.list_level: int | None = None  # level of the numbered paragraph just read (「（六）…。」)
        self.ahead = [(heading_level(line.plain), numbering(line.plain)) for line in self.lines]

    def read(self) -> tuple[list[str], list[Section]]:
        for index, line in enumerate(self.lines):
            if line.is_row:
                self.sink.skip(line)
                self.joinable = False
            else:
                self._read_line(index, line)
        return self.preface, self.roots

    def _read_line(self, index: int, line: Line) -> None:
        split = split_heading(line.plain)
        heading, text = split if split else (line.plain, "")
        level = heading_level(heading)
        if level is not None and level >= 2 and INDENT.match(line.text):
            level = None  # an indented 「1.…」 starts a paragraph (首行缩进), not a heading
        if level == 3 and all(o.level != 3 for o in self.stack) and not re.match(r"^[（(]1[)）]", heading):
            level = 1  # 「（3） 自评质量」 after 「（三）…」: printed as a sibling of （一）…（三）, misnumbered
        if level is not None and level == self.list_level:
            # 「（七）…。」 after the numbered paragraphs （一）…（六）: one more item of that list, also when a
            # sentence follows on its line (「（三）公务接待费1.00万元。与上年持平…」)
            level, heading, text = None, line.plain, ""
        number = numbering(heading) or 1
        if level is None and not self.joinable and self._is_unnumbered_heading(index, heading):
            level, number = self._implied_place(index)
            heading = heading.rstrip(":：")
        if level is None:
            text, heading = heading, ""
        if heading:
            self._open(level, number, heading)  # type: ignore[arg-type]
        if text:
            self._add_paragraph(text)

    def _open(self, level: int, number: int, title: str) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        section = Section(title)
        (self.stack[-1].section.subsections if self.stack else self.roots).append(section)
        self.stack.append(_Open(level, number, section))
        self.joinable = False
        self.list_level = None

    def _add_paragraph(self, text: str) -> None:
        paragraphs = self.stack[-1].section.paragraphs if self.stack else self.preface
        numbered = style(text)
        if self.joinable and paragraphs and numbered is None:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
            self.list_level = numbered
        # a line broken by the extraction continues on the next; a short unfinished line is a title-like line
        self.joinable = not text.endswith(SENTENCE_END) and len(text) > SHORT_SENTENCE_HEADING

    def _is_unnumbered_heading(self, index: int, text: str) -> bool:
        """A short title-like line inside a section whose numbering the document lost (「预算执行情况」,
        「人员编制情况:」): a heading when a paragraph follows, or (without a colon) a list starting at 1."""
        if not self.stack or not _is_label(text) or index + 1 >= len(self.lines):
            return False
        following = self.lines[index + 1]
        if following.is_row:
            return False
        if numbering(following.plain) is not None:
            return not text.endswith((":", "：")) and numbering(following.plain) == 1
        return not _is_label(following.plain)

    def _implied_place(self, index: int) -> tuple[int, int]:
        """Level and number of an unnumbered heading: above the numbering it restarts (「五、…」, this line,
        「一、…」: a new group, e.g. one project's 情况说明 after the report's parts), the gap it fills in the
        numbering that follows (「（一）」, this line, 「（三）」), else a subsection of the top section."""
        upcoming = next(((lv, n) for lv, n in self.ahead[index + 1 :] if lv is not None), None)
        if upcoming and upcoming[1] == 1 and any(o.level == upcoming[0] and o.number > 1 for o in self.stack):
            return upcoming[0] - 1, 1
        for open_heading in self.stack:
            following = next(
                ((lv, n) for lv, n in self.ahead[index + 1 :] if lv is not None and lv <= open_heading.level), None
            )
            if following and following[0] == open_heading.level and (following[1] or 0) > open_heading.number + 1:
                return open_heading.level, open_heading.number + 1
        level = self.stack[0].level + 1
        sibling = next((o.number for o in self.stack if o.level == level), 0)
        return level, sibling + 1


def read_sections(lines: list[Line], sink: Sink) -> tuple[list[str], list[Section]]:
    """The paragraphs before the first heading, and the section tree; table rows are reported.

    A numbered line is a heading when it is short and not a sentence (:func:`heading_level`), unless it
    continues a list of numbered paragraphs; an unnumbered title-like line is a heading as described in
    :meth:`_SectionReader._is_unnumbered_heading`.
    """
    return _SectionReader(lines, sink).read()


def read_glossary(lines: list[Line], sink: Sink) -> list[GlossaryItem]:
    """「术语：解释」 lines; a printed number (「一、」, 「（四）」, 「1.」, 「(1)」, 「①」) goes to the entry's number,
    never into its term; list dashes are dropped; wrapped lines (also one with a colon after a sentence) are
    joined to the definition before."""
    items: list[GlossaryItem] = []
    for line in lines:
        text = line.plain
        if not text:
            continue
        number, rest = split_numbering(LIST_MARK.sub("", text))
        match = GLOSSARY_ENTRY.match(rest)
        if match and not line.is_row and not NOT_A_TERM.search(match.group(1)):
            items.append(GlossaryItem(number, match.group(1).strip(), match.group(2).strip()))
        elif items and not line.is_row:
            items[-1].definition += text
        else:
            sink.skip(line)
    return items
