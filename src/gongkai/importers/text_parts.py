"""Recognising the parts of a published disclosure in its extracted text (第一部分 概况 … 附件).

Lines keep their number in the file so that anything left unplaced can be reported where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.diagnostics import Location
from gongkai.importers.result import ImportedDisclosure

PART_HEADING = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,})\s*\d+$|^第[一二三四五六七八九十]+部分.*\t\s*\d+$|^目\s*录$")
TABLE_MARKER = re.compile(r"^公开\s*(\d{1,2})\s*表$")
ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
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


def split_parts(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """The cover (lines before the first part) and the parts, table-of-contents lines dropped."""
    cover: list[Line] = []
    parts: list[Part] = []
    for line in lines:
        if TOC_LINE.search(line.plain):
            continue
        heading = PART_HEADING.match(line.plain)
        if heading:
            parts.append(Part(part_kind(heading.group(2)), line))
        elif parts:
            parts[-1].lines.append(line)  # blank lines kept: they end a row of a one-cell-per-line table
        else:
            cover.append(line)
    if parts:
        return cover, parts
    return _without_part_headings(cover)


def _without_part_headings(lines: list[Line]) -> tuple[list[Line], list[Part]]:
    """A document without 第X部分 headings: tables from the first 公开表, or a 绩效 report."""
    for index, line in enumerate(lines):
        if TABLE_MARKER.match(line.plain):
            before = previous_text(lines, index)
            start = before if before is not None else index
            return lines[:start], [Part("tables", None, lines[start:])]
    if any(PERFORMANCE_TITLE.search(line.plain) for line in lines):
        return [], [Part("annex", None, lines)]
    return lines, []


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
