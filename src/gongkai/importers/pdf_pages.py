"""One PDF page → its ruled tables (heads and cells) and its text lines in reading order.

Tables come from pdfplumber's ``find_tables`` (ruled cells, a merged cell written once where it
starts); a column's head is the text of every header cell whose span covers it, top to bottom.  Text
outside the tables is rebuilt from ``extract_words(use_text_flow=True)``: a word starts a new line
when it goes back to the left or down by more than a line — so figures printed a little off the
baseline (「年初预算为 1560.05 万元」) stay in their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gongkai.importers.pdf_grid import ITEM, header_rows
from gongkai.importers.templates import recognise_title
from gongkai.importers.text_grid_table import is_column_numbers

_ASCII_END = re.compile(r"[A-Za-z0-9%.]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")
LINE_DROP = 10.0  # points: a word this far below the line's first word starts a new line


@dataclass
class PageTable:
    page: int
    top: float
    bottom: float
    heads: list[str]  # per column, "" when the page prints no header (a continued table)
    rows: list[list[str | None]]  # data rows, cells as printed (None: covered by a merged cell)
    header: list[list[str | None]]  # the rows read as header (data after all on a continued page)
    captions: list[str]  # title and unit lines printed inside the ruling, above the header


@dataclass
class TextLine:
    page: int
    top: float
    text: str


@dataclass
class Page:
    number: int
    tables: list[PageTable]
    lines: list[TextLine]


def read_page(page: Any, number: int) -> Page:
    found = [t for t in page.find_tables() if t.rows and len(t.rows[0].cells) >= 2]
    tables = [_table(t, number) for t in found]
    boxes = [t.bbox for t in found]
    words = [w for w in page.extract_words(use_text_flow=True) if not _inside(w, boxes)]
    return Page(number, tables, _lines(words, number))


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _lines(words: list[dict[str, Any]], page: int) -> list[TextLine]:
    lines: list[TextLine] = []
    last: dict[str, Any] | None = None
    for word in words:
        new = last is None or word["x0"] < last["x1"] - 2 or word["top"] - lines[-1].top > LINE_DROP
        if new:
            lines.append(TextLine(page, word["top"], word["text"]))
        else:
            previous = lines[-1].text
            space = " " if _ASCII_END.search(previous) and _ASCII_START.match(word["text"]) else ""
            lines[-1].text = previous + space + word["text"]
        last = word
    return lines


def _table(table: Any, page: int) -> PageTable:
    grid: list[list[str | None]] = table.extract()
    captions: list[str] = []
    skip = 0
    for row in grid:
        filled = [c.strip() for c in row if c and c.strip()]
        caption = len(filled) <= 2 and (not filled or recognise_title(filled[0]) is not None or "单位" in filled[-1])
        caption |= len(filled) == 1 and bool(ITEM.match(filled[0])) and all(c is None for c in row[1:])  # 一、… across
        if not caption:
            break
        captions += filled
        skip += 1
    rows_of_cells = table.rows[skip:]
    grid = grid[skip:]
    count = header_rows(grid)
    lefts = _column_lefts(table)
    heads = [""] * len(lefts)
    for row_index in range(count):
        if is_column_numbers([(c or "").strip() for c in grid[row_index]]):
            continue  # 栏次 (「栏次 | | 1 | 2」): column numbers, not heads
        for cell_index, box in enumerate(rows_of_cells[row_index].cells):
            text = grid[row_index][cell_index]
            if box is None or not text:
                continue
            for column, left in enumerate(lefts):
                if box[0] - 1 <= left < box[2] - 1:
                    heads[column] += text
    return PageTable(page, table.bbox[1], table.bbox[3], heads, grid[count:], grid[:count], captions)


def _column_lefts(table: Any) -> list[float]:
    """The left edge of each column: the first real (unmerged) cell found in it."""
    width = len(table.rows[0].cells)
    lefts: list[float] = []
    for column in range(width):
        box = next((row.cells[column] for row in table.rows if row.cells[column] is not None), None)
        lefts.append(box[0] if box else (lefts[-1] + 1 if lefts else 0.0))
    return lefts
