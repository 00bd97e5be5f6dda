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
    re.compile(r"^\d+\s*[、.．](?!\d)"),
    re.compile(r"^[（(]\d+[)）]"),
    re.compile(r"^[①-⑳]"),
)
HEADING_MAX = 40
SHORT_SENTENCE_HEADING = 20  # 「（一）收入情况。」: a short phrase with a full stop is still a heading
SHORT_NUMBERED_HEADING = 16  # 「1.履职效能。」 (longer 「1.…。」 lines are list items)
SHORT_ANSWER = 4  # 「：无」, 「。无」
SENTENCE_END = tuple("。；;！？!?：:")
GLOSSARY_ENTRY = re.compile(rf"^[-•·\s]*(?:([{NUMERAL}百]+)、)?([^：:]{{1,60}})[：:](.+)$")
INDENT = re.compile(r"^(\s{2,}|\u3000)")


def heading_level(text: str) -> int | None:
    """0–4 for 「一、」, 「（一）」, 「1、」, 「（1）」, 「①」 headings; None for a paragraph (long or a sentence)."""
    level = next((n for n, pattern in enumerate(LEVELS) if pattern.match(text)), None)
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
        split = split_heading(text)
        heading, text = split if split else (text, "")
        level = heading_level(heading)
        if level is not None and level >= 2 and INDENT.match(line.text):
            level = None  # an indented 「1.…」 starts a paragraph (首行缩进), not a heading
        if level == 3 and all(open_level != 3 for open_level, _ in stack) and not re.match(r"^[（(]1[)）]", heading):
            level = 1  # 「（3） 自评质量」 after 「（三）…」: printed as a sibling of （一）…（三）, misnumbered
        if level is None:
            text, heading = heading, ""
        if heading:
            while stack and stack[-1][0] >= level:  # type: ignore[operator]
                stack.pop()
            section = Section(heading)
            (stack[-1][1].subsections if stack else roots).append(section)
            stack.append((level, section))  # type: ignore[arg-type]
            joinable = False
        if not text:
            continue
        paragraphs = stack[-1][1].paragraphs if stack else preface
        numbered = any(pattern.match(text) for pattern in LEVELS)
        if joinable and paragraphs and not numbered:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        # a line broken by the extraction continues on the next; a short unfinished line is a title-like line
        joinable = not text.endswith(SENTENCE_END) and len(text) > SHORT_SENTENCE_HEADING
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
