"""Running text from extracted lines: numbered sections (一、 / （一） / 1、), paragraphs, 名词解释.

Lines broken by the text extraction are joined: a paragraph that does not end a sentence continues
on the next line unless that line starts a new numbered section.
"""

from __future__ import annotations

import re

from gongkai.importers.result import GlossaryItem, Section
from gongkai.importers.text_parts import Line, Sink

NUMERAL = "一二三四五六七八九十"
LEVELS = (
    re.compile(rf"^[{NUMERAL}]+\s*、"),
    re.compile(rf"^[（(]\s*[{NUMERAL}]+\s*[)）]"),
    re.compile(r"^(\d+\s*[、.．](?!\d)|[（(]\d+[)）])"),
)
HEADING_MAX = 40
SENTENCE_END = tuple("。；;！？!?：:")
GLOSSARY_ENTRY = re.compile(rf"^[-•·\s]*(?:([{NUMERAL}百]+)、)?([^：:]{{1,60}})[：:](.+)$")


def heading_level(text: str) -> int | None:
    """0, 1, 2 for 「一、」, 「（一）」, 「1、」 headings; None for a paragraph (long or a full sentence)."""
    if len(text) > HEADING_MAX or text.endswith(("。", "；", ";", "，", ",")):
        return None
    for level, pattern in enumerate(LEVELS):
        if pattern.match(text):
            return level
    return None


def read_sections(lines: list[Line], sink: Sink) -> tuple[list[str], list[Section]]:
    """The paragraphs before the first heading, and the section tree; table rows are reported."""
    preface: list[str] = []
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    joinable = False
    for line in lines:
        text = line.plain
        if not text:
            continue
        if line.is_row:
            sink.skip(line)
            joinable = False
            continue
        level = heading_level(text)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            section = Section(text)
            (stack[-1][1].subsections if stack else roots).append(section)
            stack.append((level, section))
            joinable = False
            continue
        paragraphs = stack[-1][1].paragraphs if stack else preface
        if joinable and paragraphs:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        joinable = not text.endswith(SENTENCE_END)
    return preface, roots


def read_glossary(lines: list[Line], sink: Sink) -> list[GlossaryItem]:
    """「一、术语：解释」 lines (numbering optional, list dashes allowed); wrapped lines are joined."""
    items: list[GlossaryItem] = []
    for line in lines:
        text = line.plain
        if not text:
            continue
        match = GLOSSARY_ENTRY.match(text)
        if match and not line.is_row:
            items.append(GlossaryItem(match.group(1) or "", match.group(2).strip(), match.group(3).strip()))
        elif items and not line.is_row:
            items[-1].definition += text
        else:
            sink.skip(line)
    return items
