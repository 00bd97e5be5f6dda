"""The ten published tables (公开01–10): their fixed CSV layouts, 栏次 numbering, and the CSV reader."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.amounts import AmountError, parse_cell
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import Cell, Column, Table, TableRow

KEY_COLUMNS = ("行次", "科目代码", "科目名称", "项目")


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    keys: tuple[str, ...]  # key columns in the CSV header, in order
    amounts: tuple[str, ...]  # amount columns in the CSV header, in order
    numbering: Callable[[str, int], int]  # (行次 or 项目 of the row, index of amount column) -> 栏次

    @property
    def header(self) -> tuple[str, ...]:
        return self.keys + self.amounts


def _plain(row_key: str, index: int) -> int:
    return index + 1


def _halves(split: int, right_offset: int) -> Callable[[str, int], int]:
    """Tables 01 and 04 print income on the left (栏次 1) and expenses on the right (栏次 2…)."""

    def number(row_key: str, index: int) -> int:
        left = row_key.isdigit() and int(row_key) <= split
        return 1 if left else right_offset + index

    return number


def _three_public(row_key: str, index: int) -> int:
    return index + 1 + (6 if row_key == "决算数" else 0)


_SUBJECT = ("科目代码", "科目名称")

SPECS: dict[str, TableSpec] = {
    spec.id: spec
    for spec in (
        TableSpec("01", "收入支出决算总表", ("行次", "项目"), ("金额",), _halves(31, 2)),
        TableSpec(
            "02",
            "收入决算表",
            _SUBJECT,
            (
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ),
            _plain,
        ),
        TableSpec(
            "03",
            "支出决算表",
            _SUBJECT,
            ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
            _plain,
        ),
        TableSpec(
            "04",
            "财政拨款收入支出决算总表",
            ("行次", "项目"),
            ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
            _halves(32, 2),
        ),
        TableSpec("05", "一般公共预算财政拨款支出决算表", _SUBJECT, ("合计", "基本支出", "项目支出"), _plain),
        TableSpec("06", "一般公共预算财政拨款基本支出决算明细表", _SUBJECT, ("决算数",), _plain),
        TableSpec(
            "07",
            "政府性基金预算财政拨款收入支出决算表",
            _SUBJECT,
            (
                "年初结转和结余",
                "本年收入",
                "本年支出小计",
                "本年支出基本支出",
                "本年支出项目支出",
                "年末结转和结余",
            ),
            _plain,
        ),
        TableSpec("08", "国有资本经营预算财政拨款支出决算表", _SUBJECT, ("合计", "基本支出", "项目支出"), _plain),
        TableSpec(
            "09",
            "财政拨款“三公”经费支出决算表",
            ("项目",),
            (
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行维护费小计",
                "公务用车购置费",
                "公务用车运行维护费",
                "公务接待费",
            ),
            _three_public,
        ),
        TableSpec("10", "部门决算公开相关信息统计表", ("行次", "项目"), ("统计数",), _plain),
    )
}


def _error(code: str, location: Location, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, location, message, hint)


def csv_lines(text: str, rel: str, table: str | None = None) -> tuple[list[tuple[int, list[str]]], Diagnostic | None]:
    """The CSV's records with the line each starts on (any line ending); a malformed file gives
    the records before the problem and a ``csv-syntax`` diagnostic naming its line."""
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:  # a cell over the csv module's size limit, usually from an unclosed quote
        return records, _error(
            "csv-syntax",
            Location(rel, line=line, table=table),
            f"CSV 格式错误：单元格过长，可能是引号没有成对（{exc}）",
            "请检查引号是否成对（文字中的英文双引号要写两遍），或用 Excel 另存为“CSV UTF-8”。",
        )
    return records, None


def read_table(
    spec: TableSpec, text: str, rel: str, *, title: str, unit: str, no_data: bool, notes: tuple[str, ...]
) -> tuple[Table | None, list[Diagnostic]]:
    """Parse one table CSV; return the table and every problem found (all rows are checked)."""
    label = f"公开{spec.id}表"
    records, malformed = csv_lines(text, rel, label)
    if malformed is not None:
        return None, [malformed]
    header = tuple(cell.strip() for cell in records[0][1]) if records else ()
    if header != spec.header:
        return None, [
            _error(
                "csv-header-mismatch",
                Location(rel, line=1, table=label),
                f"表头与{label}的固定格式不一致：应为「{','.join(spec.header)}」，实际为「{','.join(header)}」",
                "请按 docs/data-format.md 中该表的表头填写，列的顺序也要一致。",
            )
        ]
    problems: list[Diagnostic] = []
    table_rows: list[TableRow] = []
    seen: dict[tuple[str, str], int] = {}  # (科目代码 or 行次, value) -> first line
    for line_no, values in records[1:]:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(spec.header):
            problems.append(
                _error(
                    "csv-row-length",
                    Location(rel, line=line_no, table=label),
                    f"这一行有 {len(values)} 栏，表头有 {len(spec.header)} 栏",
                    "请检查是否多了或少了逗号；文字中含逗号时请用英文双引号括起来。",
                )
            )
            continue
        fields = dict(zip(spec.header, values, strict=True))
        row_no = fields.get("行次", "").strip()
        code = fields.get("科目代码", "").strip()
        name = (fields.get("科目名称") or fields.get("项目") or "").strip()
        row_key = row_no or code or name
        for error_code, kind, key in (
            ("subject-code-duplicate", "科目代码", code),
            ("row-number-duplicate", "行次", row_no),
        ):
            if key and (kind, key) in seen:
                problems.append(
                    _error(
                        error_code,
                        Location(rel, line=line_no, table=label, row=key),
                        f"{kind} {key} 重复（第{seen[kind, key]}行已有）",
                        f"每个{kind}在一张表中只能出现一次。",
                    )
                )
            seen.setdefault((kind, key), line_no)
        cells: dict[str, Cell] = {}
        for index, column in enumerate(spec.amounts):
            number = spec.numbering(row_no or name, index)
            where = Location(rel, line=line_no, table=label, row=row_key, column=f"{column}（栏次{number}）")
            try:
                cells[column] = parse_cell(fields[column], where, negative_ok=spec.id != "10")
            except AmountError as exc:
                problems.append(exc.diagnostic)
        table_rows.append(TableRow(line_no, row_no, code, name, cells))
    columns = tuple(Column(title, index + 1) for index, title in enumerate(spec.amounts))
    table = Table(spec.id, title, rel, unit, columns, tuple(table_rows), no_data, notes)
    return table, problems
