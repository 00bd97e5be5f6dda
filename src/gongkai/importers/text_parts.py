"""Recognising the parts of a published disclosure in its extracted text (第一部分 概况 … 附件).

Lines keep their number in the file so that anything left unplaced can be reported where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.diagnostics import Location
from gongkai.importers.result import ImportedDisclosure
from gongkai.importers.templates import recognise_title

PART_HEADING = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,})\s*\d+$|^第[一二三四五六七八九十]+部分.*\t\s*\d+$|^目\s*录$")
TOC_ENTRY = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\s*[.．、]|（[一二三四五六七八九十\d]+）|附件|附表)")
QUOTES_ONLY = re.compile(r"^[“”\"'‘’\s]+$")
NOTE_LIKE = re.compile(r"^(?:注|说明|备注)\s*[:：]")
# a document without 「第X部分」 (the 预算 templates): part kinds from section titles
TITLE_PARTS = (("名词解释", "glossary"), ("说明", "explanations"), ("职能", "overview"), ("机构", "overview"))
PART_TITLES = {"overview": "概况", "explanations": "情况说明", "glossary": "名词解释", "tables": "表"}
TABLE_MARKER = re.compile(r"^公开\s*(\d{1,2})\s*表$")
ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
ANNEX = re.compile(r"^附件\s*\d*\s*[:：]?$")
PERFORMANCE_TITLE = re.compile(r"绩效(自评|评价)(报告|表)|绩效目标自评")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the imported file
    text: str

    @property
    def plain(self) -> str:
        """The text without surrounding spaces and without converter artefacts (「[bookmark: _GoBack]」)."""
        return ARTEFACT.sub("", self.text.strip())

    @property
    def cells(self) -> list[str]:
        """The tab-separated cells of a table row, each stripped."""
        return [cell.strip() for cell in self.text.rstrip("\r\n").split("\t")]

    @property
    def is_row(self) -> bool:
        """A table row: tab-separated cells (a single trailing tab after text does not count)."""
        return "\t" in self.plain or self.text.startswith("\t")


@dataclass
class Part:
    kind: str  # overview | tables | explanations | glossary | annex | unknown
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


def part_kind(title: str) -> str:
    if "概况" in title:
        return "overview"
    if "名词解释" in title:
        return "glossary"
    if "情况说明" in title:
        return "explanations"
    if "附件" in title or "绩效" in title:
        return "annex"
    if "表" in title:
        return "tables"
    return "unknown"


def to_lines(text: str) -> list[Line]:
    return [Line(number, raw.rstrip("\r")) for number, raw in enumerate(text.split("\n"), start=1)]


def continued(previous: str, text: str) -> str | None:
    """``previous`` with ``text`` joined in, when ``text`` is the rest of it that an extraction put on
    a line of its own: a year printed under 「…年度部门决算」 goes before 「年度」; the end of a part
    heading wrapped over two lines (「第三部分…年度部门决算情况」 + 「说明」) is appended."""
    previous, text = previous.strip(), text.strip()
    if re.fullmatch(r"20\d{2}", text) and "年度" in previous and not re.search(r"\d{4}", previous):
        return previous.replace("年度", f"{text}年度", 1)
    heading = PART_HEADING.match(previous)
    if (
        heading
        and part_kind(heading.group(2)) == "unknown"
        and 0 < len(text) <= 6
        and not re.search(r"[。，：:\t]", text)
    ):
        return previous + text
    return None


def join_wrapped(lines: list[Line]) -> list[Line]:
    """Lines with the continuations of :func:`continued` joined into the line they belong to."""
    result: list[Line] = []
    for line in lines:
        joined = continued(result[-1].text, line.text) if result and result[-1].plain else None
        if joined is None:
            result.append(line)
        else:
            result[-1] = Line(result[-1].no, joined)
    return result


def take_toc(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """The lines without the 目录, and the 目录's entries.  The 目录 runs from its 「目录」 line over
    numbered entries (第X部分, 一、, 1.) and entries ending in a page number, to the part heading that
    starts the body again (the second 「第一部分」) or the first other line.  Entries ending in dots
    and a page number are dropped wherever they are."""
    start = next((i for i, line in enumerate(lines) if re.fullmatch(r"目\s*录", line.plain)), None)
    if start is None:
        return [line for line in lines if not TOC_LINE.search(line.plain)], []
    seen: set[str] = set()
    end = len(lines)
    for index in range(start + 1, len(lines)):
        text = lines[index].plain
        heading = PART_HEADING.match(text)
        if (heading and heading.group(1) in seen) or (
            text and not (heading or TOC_ENTRY.match(text) or TOC_LINE.search(text) or QUOTES_ONLY.match(text))
        ):
            end = index
            break
        if heading:
            seen.add(heading.group(1))
    entries = [TOC_LINE.sub("", line.plain).strip() for line in lines[start + 1 : end] if line.plain]
    rest = lines[:start] + lines[end:]
    return [line for line in rest if not TOC_LINE.search(line.plain)], [e for e in entries if e]


def split_parts(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """The cover (lines before the first part) and the parts; the 目录 is taken out before."""
    cover: list[Line] = []
    parts: list[Part] = []
    for line in lines:
        heading = PART_HEADING.match(line.plain)
        if heading:
            parts.append(Part(part_kind(heading.group(2)), line))
        elif parts and parts[-1].kind == "glossary" and _starts_annex(line):
            parts.append(Part("annex", None, [line]))  # 自评表 after the 名词解释 without 「第X部分 附件」
        elif parts:
            parts[-1].lines.append(line)  # blank lines kept: they end a row of a one-cell-per-line table
        else:
            cover.append(line)
    if parts:
        return cover, parts
    return _without_part_headings(cover)


def _starts_annex(line: Line) -> bool:
    """A 「附件」 line or the title of a 绩效 form or report (short, not a row, not a sentence)."""
    text = line.plain
    if line.is_row or len(text) > 40 or "。" in text:
        return False
    return bool(ANNEX.match(text) or PERFORMANCE_TITLE.search(text))


def _without_part_headings(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """A document without 第X部分 headings: tables from the first 公开表, or a 绩效 report."""
    for index, line in enumerate(lines):
        if TABLE_MARKER.match(line.plain):
            before = previous_text(lines, index)
            start = before if before is not None else index
            return lines[:start], [Part("tables", None, lines[start:])]
    if any(PERFORMANCE_TITLE.search(line.plain) for line in lines):
        return [], [Part("annex", None, lines)]
    return _parts_from_titles(lines)


def _parts_from_titles(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """Parts from section titles (short lines, no sentence): 职能 / 机构 → 概况, 名词解释, 说明 → 情况说明;
    a table title (``templates``) starts the tables.  The title line stays in its part (a section
    title, a table title), unless it is only the part's name."""
    cover: list[Line] = []
    parts: list[Part] = []
    for line in lines:
        text = line.plain
        kind = ""
        if text and not line.is_row and len(text) <= 30 and "。" not in text and not NOTE_LIKE.match(text):
            if recognise_title(text) is not None:
                kind = "tables"
            else:
                kind = next((k for key, k in TITLE_PARTS if key in text), "")
        if kind and (not parts or parts[-1].kind != kind):
            name = PART_TITLES[kind]
            heading = Line(line.no, f"第{'一二三四五六七八九十'[min(len(parts), 9)]}部分 {name}")
            parts.append(Part(kind, heading, [] if text == name else [line]))
        elif parts:
            parts[-1].lines.append(line)
        else:
            cover.append(line)
    return cover, parts


@dataclass
class Sink:
    """Where the text readers put what they found, and the lines they could not place."""

    out: ImportedDisclosure
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.out.source_file

    def skip(self, line: Line) -> None:
        if line.plain:
            self.unplaced.append((line.no, line.text))

    def warn(self, code: str, line: Line, message: str, hint: str = "", table: str | None = None) -> None:
        self.out.warn(code, Location(self.file, line=line.no, table=table), message, hint)


def previous_text(lines: list[Line], index: int) -> int | None:
    """The index of the last non-blank line before ``index``."""
    return next((i for i in range(index - 1, -1, -1) if lines[i].plain), None)
