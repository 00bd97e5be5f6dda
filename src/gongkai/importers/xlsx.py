"""``gongkai import xlsx``: a workbook with one sheet per 公开表, in the published layout.

Sheets are recognised by name (「公开01」, 「公开01表」) or by the table title in the name or in the
first rows.  Each sheet is turned into rows of printed text (numbers formatted as their cell format
prints them, merged header cells left blank) and read by the same layouts as the text importer.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongkai.diagnostics import Location
from gongkai.importers.identity import complete_identity
from gongkai.importers.package import check_package, sheet_range
from gongkai.importers.report import finish_report, unplaced_runs
from gongkai.importers.result import ImportedDisclosure
from gongkai.importers.source import OLE_SIGNATURE, fail, read_bytes
from gongkai.importers.templates import recognise_title
from gongkai.importers.text_parts import TABLE_MARKER, Line, Sink
from gongkai.importers.text_tables import READERS, Titled, read_table_lines
from gongkai.tables import SPECS, TableSpec

SHEET_ID = re.compile(r"公开\s*(\d{1,2})")
DECIMALS = re.compile(r"0\.(0+)")


def import_xlsx(path: Path) -> ImportedDisclosure:
    data = read_bytes(path)
    _check(data, path.name)
    workbook = _open(data, path.name, values=True)
    formulas = _open(data, path.name, values=False)
    out = ImportedDisclosure(path.name)
    printed: list[str] = []
    for sheet in workbook.worksheets:
        # the cells' range, not only the declared one: a single cell at XFD1048576 would make a
        # billion empty cells below
        sheet_range(f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}", path.name, f"工作表「{sheet.title}」")
        rows = [[_printed(cell) for cell in row] for row in sheet.iter_rows()]
        printed += [cell for row in rows for cell in row if cell]
        table = _table_of(sheet.title, rows)
        if table is None:
            continue
        _read_sheet(*table, sheet.title, rows, out)
        _uncomputed_formulas(sheet, formulas[sheet.title], out)
    if not out.tables:
        raise fail(
            "import-not-a-disclosure",
            path.name,
            "工作簿中没有找到公开表：工作表应命名为「公开01」…「公开10」，或第一行是表名",
            "请按公开文件的表格式整理工作簿，每张表一个工作表。",
        )
    out.tables.sort(key=lambda table: table.id)
    out.parts = ["决算表"]
    complete_identity(out, "")
    finish_report(out, printed, [])
    return out


def _uncomputed_formulas(sheet: Any, formulas: Any, out: ImportedDisclosure) -> None:
    """A formula saved without its result (a workbook written by a program) reads as blank: say so."""
    for row in formulas.iter_rows():
        for cell in row:
            if cell.data_type == "f" and sheet[cell.coordinate].value is None:
                out.warn(
                    "import-cell-not-amount",
                    Location(f"{out.source_file} 工作表「{sheet.title}」", line=cell.row, column=cell.coordinate),
                    f"单元格 {cell.coordinate} 是公式（{cell.value}），文件中没有保存计算结果，已按空白导入",
                    "请在 Excel 中打开并保存一次，让公式算出结果后再导入；或填入原文印出的数字。",
                )


def _check(data: bytes, file: str) -> None:
    """Refuse an old .xls, an encrypted workbook, and an unsafe package before openpyxl reads it."""
    if data.startswith(OLE_SIGNATURE):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise fail(
                "import-xlsx-encrypted",
                file,
                "Excel 文件设有打开密码，无法读取",
                "请在 Excel 中去掉密码（文件 → 信息 → 保护工作簿）后另存为 .xlsx 再导入。",
            )
        raise fail("import-xlsx-corrupt", file, "这是旧版 .xls 文件，无法读取", "请在 Excel 中另存为 .xlsx 后再导入。")
    check_package(data, file, "import-xlsx-corrupt")


def _open(data: bytes, file: str, *, values: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), data_only=values)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail(
            "import-xlsx-corrupt",
            file,
            f"无法打开 Excel 文件：文件已损坏或不是 .xlsx 格式（{type(exc).__name__}）",
            "请用 Excel 打开并另存为 .xlsx 后再导入。",
        ) from None


def _printed(cell: Any) -> str:
    """The cell as printed: numbers with the decimals of their format (188 in 「0.00」 → 188.00)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        places = DECIMALS.search(str(cell.number_format or ""))
        if places:
            number = number.quantize(Decimal(1).scaleb(-len(places.group(1))))
        text = format(number, "f")
        return text[:-2] if text.endswith(".0") and not places else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(str(value).split())


def _table_of(name: str, rows: list[list[str]]) -> tuple[TableSpec, str] | None:
    """The sheet's table: by a title in its name or first rows (``templates``), else by 「公开NN」."""
    head = [name] + [cell for row in rows[:4] for cell in row if cell]
    for text in head:
        if (spec := recognise_title(text)) is not None:
            return spec, text.strip()
    for text in head:
        match = SHEET_ID.search(text)
        if match and f"{int(match.group(1)):02d}" in SPECS:
            return SPECS[f"{int(match.group(1)):02d}"], ""
    return None


def _read_sheet(spec: TableSpec, title: str, sheet: str, rows: list[list[str]], out: ImportedDisclosure) -> None:
    sheet_out = ImportedDisclosure(out.source_file, out.identity)
    sink = Sink(sheet_out)
    lines: list[Line] = []
    marker: Line | None = None
    for number, cells in enumerate(rows, start=1):
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(filled) == 1 and (filled[0] == title or TABLE_MARKER.match(filled[0])):
            marker = Line(number, filled[0]) if TABLE_MARKER.match(filled[0]) else marker
            continue
        text = filled[0] if len(filled) == 1 and cells[0] else "\t".join(cells)
        lines.append(Line(number, text))
    if marker is None and SHEET_ID.search(sheet):
        marker = Line(1, f"公开{spec.id}表")
    found = Titled(0, 0, spec, title, marker if spec.id in READERS else None)
    read_table_lines(found, Line(1, title or spec.title), lines, sink, last=False)
    out.tables.extend(sheet_out.tables)
    out.titles_seen |= sheet_out.titles_seen
    where = f"{out.source_file} 工作表「{sheet}」"
    for diagnostic in [*sheet_out.diagnostics, *unplaced_runs(where, sink.unplaced)]:
        location: Location = replace(diagnostic.location, file=where)
        out.diagnostics.append(replace(diagnostic, location=location))
