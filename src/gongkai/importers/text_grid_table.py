"""A table printed as tab-separated rows (a text, a sheet) → CSV rows of its spec, by its column heads.

The same grid reader as the PDF's (:mod:`.pdf_grid`): the header rows at the top give each column
its head, the heads give each column its role (``templates.column_for``).  A text writes a merged
header cell once where it starts and leaves the columns it covers blank, so a head cell is spread
over the blank cells to its right that have nothing printed above them (「项目\\t\\t本年收入合计」:
项目 covers the first two columns).  栏次 rows (「栏次\\t\\t1\\t2」) are skipped; a header printed again
after a page break is skipped too.  Every row keeps its line number while it is read, so a cell that
fits no column is reported on its line.
"""

from __future__ import annotations

import re

from gongkai.importers.pdf_grid import Assembled, header_rows, read_rows, roles_for
from gongkai.importers.result import ImportedTable
from gongkai.importers.text_parts import Line
from gongkai.tables import PAGE, SIDE, TableSpec

_COLUMN_NUMBERS = re.compile(r"^\d{1,2}$")


def heads_of(header: list[list[str]]) -> list[str]:
    """Each column's head: the header cells covering it, top to bottom."""
    width = max((len(row) for row in header), default=0)
    grid = [[*row, *[""] * (width - len(row))] for row in header]
    heads = [""] * width
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text:
                continue
            end = c + 1
            while end < width and not row[end] and not any(grid[k][end] for k in range(r)):
                end += 1
            for column in range(c, end):
                heads[column] += text
    return heads


def is_column_numbers(cells: list[str]) -> bool:
    """A 栏次 row: 「栏次」 in its first cells, or only column numbers."""
    filled = [c for c in cells if c]
    return bool(filled) and (
        "栏次" in filled[:2] or (all(_COLUMN_NUMBERS.match(c) for c in filled) and len(filled) > 2)
    )


def read_grid(spec: TableSpec, rows: list[Line], table: ImportedTable) -> list[tuple[int, str]]:
    """Fill ``table.rows`` and ``table.header`` from the printed rows; return the cells not placed
    as (line number, text)."""
    lines = [line for line in rows if not is_column_numbers(line.cells)]
    grid = [line.cells for line in lines]
    count = header_rows([list(row) for row in grid])
    heads = heads_of(grid[:count])
    roles = roles_for(spec, heads)
    assembled = Assembled(spec)
    skip = 0
    for line in lines[count:]:
        if count and line.cells == grid[0]:
            skip = count  # the header printed again after a page break
        if skip:
            skip -= 1
            continue
        read_rows(spec, roles, heads, [list(line.cells)], line.no, assembled)
    if not assembled.rows():
        return list(assembled.unplaced)  # no figures (本表无数据): the spec's layout, no rows
    header = [c for c in assembled.header() if c != PAGE and not (c == SIDE and "行次" in assembled.printed)]
    table.header = tuple(header)
    table.rows = [[row.get(column, "") for column in header] for row in assembled.rows()]
    return list(assembled.unplaced)
