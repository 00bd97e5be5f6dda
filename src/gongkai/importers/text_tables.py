"""Tables in extracted text: found by their printed title (``templates``), read by their column heads
(``text_grid_table``), or — the county template under its 「公开NN表」 marker — by its fixed layout.

Every cell is kept as printed (an amount's trailing zeros included); the layout of each table decides
which printed cell goes to which CSV column (see docs/data-format.md).  Blank lines inside a table
(page breaks) are skipped; rows that do not fit the layout are reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai.importers.cells import amount_problem, join_cjk
from gongkai.importers.identity import OWNER
from gongkai.importers.result import ImportedTable
from gongkai.importers.templates import recognise_title
from gongkai.importers.text_grid_table import read_grid
from gongkai.importers.text_parts import TABLE_MARKER, Line, Part, Sink, previous_text
from gongkai.models import table_label
from gongkai.tables import SPECS, TableSpec

YEAR = re.compile(r"^(\d{4})\s*年度?$")
CURRENCY = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元)")
NO_DATA = re.compile(r"本表无数据|本表为空")
QUOTES_ONLY = re.compile(r"^[“”\"'‘’\s]+$")
NOTE = re.compile(r"^(注|说明|备注)\s*[：:0-9１-９]")
SUBJECT_CODE = re.compile(r"^\d{3,7}$")
TOTAL_NAMES = ("合计", "小计", "总计")
PERSONNEL_TOTAL, PUBLIC_TOTAL = "人员经费合计", "公用经费合计"


@dataclass
class Body:
    """The lines of one table after its 「公开NN表」 marker, sorted by kind."""

    rows: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = "万元"
    unit_name: str = ""
    year: int | None = None
    no_data: bool = False


@dataclass
class Titled:
    """A table found in the text: its title line, where its body starts, its spec and 「公开NN表」 marker."""

    at: int
    body: int
    spec: TableSpec | None  # None: a 「公开NN表」 under a title no template knows
    title: str
    marker: Line | None = None


def read_tables(part: Part, sink: Sink) -> None:
    """Every table of the part, in printed order, found by its title; lines outside any table are reported."""
    lines = part.lines
    found = find_tables(lines)
    for line in lines[: found[0].at if found else len(lines)]:
        sink.skip(line)
    for n, table in enumerate(found):
        end = found[n + 1].at if n + 1 < len(found) else len(lines)
        body = lines[table.body : end]
        if table.marker is None and not any(line.is_row or NO_DATA.search(line.plain) for line in body):
            if table.spec is not None and any(line.plain and not QUOTES_ONLY.match(line.plain) for line in body):
                sink.out.titles_seen.add(table.spec.id)  # printed, but not as a table the reader knows
            for line in lines[table.at : end]:
                sink.skip(line)  # or a title without a table: a list of the tables (000's 附表)
            continue
        read_table_lines(table, lines[table.at], lines[table.body : end], sink, last=end == len(lines))


def find_tables(lines: list[Line]) -> list[Titled]:
    """Tables by their printed title (``templates.recognise_title``; a title wrapped over two lines is
    joined), a 「公开NN表」 marker below a title belonging to it.  A marker without a title above it
    names the county template's table of that number; under a title no template knows, it is reported."""
    found: list[Titled] = []
    for index, line in enumerate(lines):
        text = line.plain
        if not text or line.is_row:
            continue
        before = previous_text(lines, index)
        if marker := TABLE_MARKER.match(text):
            last = found[-1] if found else None
            if last is not None and last.marker is None and last.body > (before if before is not None else -1):
                last.marker, last.body = line, index + 1
                continue
            title = lines[before].plain if before is not None and not lines[before].is_row else ""
            spec = None if title else SPECS.get(f"{int(marker.group(1)):02d}")
            found.append(Titled(before if title and before is not None else index, index + 1, spec, title, line))
            continue
        if found and found[-1].body > index:
            continue  # the second line of a wrapped title
        spec = recognise_title(text)
        after = next((i for i in range(index + 1, len(lines)) if lines[i].plain), None)
        if spec is None and after is not None and _may_wrap(text, lines[after]):
            spec = recognise_title(text + lines[after].plain)
            if spec is not None:
                found.append(Titled(index, after + 1, spec, text + lines[after].plain))
            continue
        if spec is not None:
            found.append(Titled(index, index + 1, spec, text))
    return found


def _may_wrap(text: str, after: Line) -> bool:
    """A short text line followed by a text line that is no title itself may be a title wrapped in two."""
    return (
        len(text) < 30
        and not after.is_row
        and recognise_title(after.plain) is None
        and not any(pattern.match(text) for pattern in (NOTE, CURRENCY, OWNER, YEAR))
    )


def read_table_lines(found: Titled, title: Line, body_lines: list[Line], sink: Sink, *, last: bool) -> None:
    """One table: the county template's layout under a 「公开NN表」 marker, else by its column heads."""
    spec = found.spec
    head = found.marker or title
    if spec is None:
        label = head.plain
        why = f"的表名「{found.title}」不是已知模板中的表" if found.title else "不是已知模板中的表"
        sink.warn("import-unplaced-line", head, f"{label}{why}，整张表未导入", "请核对原文，必要时手工录入。", label)
        for line in body_lines:
            sink.skip(line)
        return
    label = table_label(spec.id)
    sink.out.titles_seen.add(spec.id)
    body = _sort_lines(body_lines, sink)
    if body.unit_name and not sink.out.identity.unit_name:
        sink.out.identity.unit_name = body.unit_name
    if body.year and sink.out.identity.year is None:
        sink.out.identity.year = body.year
    table = ImportedTable(spec.id, found.title or spec.title, body.unit, body.no_data, body.notes)
    if found.marker is not None and spec.id in READERS:
        table.rows = READERS[spec.id](body.rows, sink, label)
    else:
        sink.unplaced.extend(read_grid(spec, body.rows, table))
    _check_amounts(table, body.rows, sink, label)
    if _truncated(table, body, last=last and found.marker is not None):
        sink.warn(
            "import-truncated-table",
            body.rows[-1] if body.rows else head,
            f"{label}不完整：表格在结束行（合计或总计）之前中断",
            "请对照原文检查这张表是否缺页；已导入读到的各行。",
            table=label,
        )
    sink.out.tables.append(table)


def _sort_lines(lines: list[Line], sink: Sink) -> Body:
    body = Body()
    after_note = False
    for line in lines:
        text = line.plain
        if not text or QUOTES_ONLY.match(text):
            continue  # quotes printed on a line of their own (「“ ”」 of a title's “三公”)
        if NO_DATA.search(text):
            body.no_data = True
            body.notes.append(text)
        elif NOTE.match(text):
            body.notes.append(text)
        elif "\t" in line.text:
            body.rows.append(line)
        elif (owner := OWNER.match(text)) or (currency := CURRENCY.search(text)):
            if owner:  # 「编制部门：…  单位：元」
                body.unit_name = owner.group(1).strip()
            if currency := CURRENCY.search(text):
                body.unit = currency.group(1)
        elif match := YEAR.match(text):
            body.year = int(match.group(1))
        elif after_note and not body.notes[-1].endswith(("。", "；", ".")):
            body.notes[-1] += text  # a note wrapped onto the next line
            continue
        else:
            sink.skip(line)
        after_note = bool(body.notes) and (NOTE.match(text) is not None or NO_DATA.search(text) is not None)
    return body


def _pad(cells: list[str], size: int) -> list[str]:
    return (cells + [""] * size)[:size]


def _extra(line: Line, cells: list[str], used: int, sink: Sink) -> None:
    """Report printed cells beyond the columns of the layout (they are not imported)."""
    if any(cells[used:]):
        sink.skip(line)


def _halves(left_amounts: int, right_amounts: int) -> Callable[[list[Line], Sink, str], list[list[str]]]:
    """01 and 04: income (项目, 行次, 金额) on the left, expenses (项目, 行次, amounts…) on the right."""
    width = 3 + 2 + right_amounts
    total = right_amounts

    def read(rows: list[Line], sink: Sink, label: str) -> list[list[str]]:
        found: list[list[str]] = []
        for line in rows:
            cells = _pad(line.cells, max(width, len(line.cells)))
            if not (cells[1].isdigit() or cells[4].isdigit()):
                if found:
                    sink.skip(line)
                continue
            _extra(line, cells, width, sink)
            if cells[1].isdigit():
                found.append([cells[1], join_cjk(cells[0]), *_pad(cells[2 : 2 + left_amounts], total)])
            if cells[4].isdigit():
                found.append([cells[4], join_cjk(cells[3]), *cells[5:width]])
        return sorted(found, key=lambda row: int(row[0]))

    return read


def _subjects(amounts: int) -> Callable[[list[Line], Sink, str], list[list[str]]]:
    """02, 03, 05, 07, 08: 科目代码, 科目名称, amounts; the 合计 line has no code."""
    width = 2 + amounts

    def read(rows: list[Line], sink: Sink, label: str) -> list[list[str]]:
        found: list[list[str]] = []
        for line in rows:
            cells = _pad(line.cells, max(width, len(line.cells)))
            if SUBJECT_CODE.match(cells[0]):
                found.append([cells[0], join_cjk(cells[1]), *cells[2:width]])
            elif cells[0] in TOTAL_NAMES:
                found.append(["", cells[0], *cells[2:width]])
            else:
                if found:
                    sink.skip(line)
                continue
            _extra(line, cells, width, sink)
        return found

    return read


def _basic_expenses(rows: list[Line], sink: Sink, label: str) -> list[list[str]]:
    """06: blocks of (科目代码, 科目名称, 决算数) side by side; 人员经费 blocks first, then 公用经费."""
    header = next((line.cells for line in rows if "公用经费" in line.cells), [])
    personnel_blocks = max(header.index("公用经费") // 3, 1) if header else 1
    block_count = max([len(line.cells) // 3 for line in rows] + [1])
    blocks: list[list[list[str]]] = [[] for _ in range(block_count)]
    totals: dict[str, list[str]] = {}
    for line in rows:
        cells = line.cells
        labels = [i for i, cell in enumerate(cells) if cell in (PERSONNEL_TOTAL, PUBLIC_TOTAL)]
        if labels:
            for i in labels:
                value = next((c for c in cells[i + 1 :] if c and c not in (PERSONNEL_TOTAL, PUBLIC_TOTAL)), "")
                row = ["", cells[i], value]
                if block_count == 1:
                    blocks[0].append(row)
                else:
                    totals[cells[i]] = row
            continue
        if not any(SUBJECT_CODE.match(cells[k * 3]) for k in range(len(cells) // 3)):
            continue  # header rows
        for k in range(block_count):
            code, name, amount = _pad(cells[k * 3 : k * 3 + 3], 3)
            if code or name or amount:
                blocks[k].append([code, join_cjk(name), amount])
        _extra(line, cells, block_count * 3, sink)
    if block_count == 1:
        return blocks[0]
    found = [row for block in blocks[:personnel_blocks] for row in block]
    found += [totals[PERSONNEL_TOTAL]] if PERSONNEL_TOTAL in totals else []
    found += [row for block in blocks[personnel_blocks:] for row in block]
    return found + ([totals[PUBLIC_TOTAL]] if PUBLIC_TOTAL in totals else [])


def _three_public(rows: list[Line], sink: Sink, label: str) -> list[list[str]]:
    """09: one printed line of twelve figures: 预算数 (栏次 1–6) then 决算数 (栏次 7–12)."""
    budget, actual = [""] * 6, [""] * 6
    for line in rows:
        cells = line.cells
        if cells[0] in ("预算数", "决算数") and all(amount_problem(c) is None for c in cells[1:]):
            (budget if cells[0] == "预算数" else actual)[:] = _pad(cells[1:], 6)
            continue
        filled = [c for c in cells if c]
        if not filled or filled == [str(i) for i in range(1, len(filled) + 1)]:
            continue  # 栏次
        if all(amount_problem(c) is None for c in filled):
            padded = _pad(cells, 12)
            budget, actual = padded[:6], padded[6:12]
    return [["预算数", *budget], ["决算数", *actual]]


def _statistics(rows: list[Line], sink: Sink, label: str) -> list[list[str]]:
    """10: one line per printed line with a 行次 (项目, 行次, 统计数)."""
    found: list[list[str]] = []
    for line in rows:
        cells = _pad(line.cells, 3)
        if cells[1].isdigit():
            found.append([cells[1], cells[0], cells[2]])
            _extra(line, cells, 3, sink)
        elif not (cells[0] == "项目" or re.match(r"^[一二三四五六七八九十]+、", cells[0])):
            sink.skip(line)
    return found


READERS: dict[str, Callable[[list[Line], Sink, str], list[list[str]]]] = {
    "01": _halves(1, 1),
    "02": _subjects(7),
    "03": _subjects(6),
    "04": _halves(1, 4),
    "05": _subjects(3),
    "06": _basic_expenses,
    "07": _subjects(6),
    "08": _subjects(3),
    "09": _three_public,
    "10": _statistics,
}

CLOSING = {"01": "总计", "04": "总计", "06": PUBLIC_TOTAL, "02": "合计", "03": "合计", "05": "合计"}


def _truncated(table: ImportedTable, body: Body, *, last: bool) -> bool:
    if table.no_data:
        return False
    if not table.rows:
        return True
    closing = CLOSING.get(table.id)
    names = {row[1] for row in table.rows} | {row[0] for row in table.rows}
    if closing and not any(closing in name for name in names):
        return True
    return last and not body.notes


def _check_amounts(table: ImportedTable, rows: list[Line], sink: Sink, label: str) -> None:
    """Text in an amount column is kept as printed and reported: the loader will name it too."""
    spec = SPECS[table.id]
    keys = sum(column in spec.keys for column in (table.header or spec.base_header))
    for row in table.rows:
        for cell in row[keys:]:
            problem = amount_problem(cell)
            if problem:
                line = next((line for line in rows if cell in line.cells), rows[0])
                sink.warn(
                    "import-cell-not-amount",
                    line,
                    f"{label}行「{row[0] or row[1]}」的金额栏印作「{cell}」：{problem}，已按原样写入",
                    "请对照原文核实；数据文件中金额栏只能是数字、空白或「——」。",
                    table=label,
                )
