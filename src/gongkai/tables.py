"""The published tables: 决算 公开01–10 and 预算 Y01–Y09, their CSV layouts, 栏次 numbering, the CSV reader.

A spec lists every column the table is known to print, in canonical order.  A CSV may hold any
subsequence of them that keeps the name column (科目名称 or 项目) and at least one amount column: a
template that prints fewer columns (the national 部门决算 has no 行次) is kept as printed, never
padded.  栏次 follow the columns present.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.amounts import AmountError, parse_cell
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import Cell, Column, Table, TableRow, table_label

PAGE, SIDE = "页码", "收支"  # the source page of a row; 收入 / 支出 half of a two-sided table
OPTIONAL_KEYS = (PAGE, SIDE)
NAME_COLUMNS = ("科目名称", "项目")
MAX_TABLE_ROWS = 2000  # rows of one table; the longest published 公开表 has a few hundred


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    keys: tuple[str, ...]  # key columns, canonical order
    amounts: tuple[str, ...]  # amount columns, canonical order
    numbering: Callable[[str, int], int]  # (行次, 收支 or 项目 of the row, index of amount column) -> 栏次
    kind: str = "决算"
    split: int | None = None  # two-sided (收入 | 支出) table: last 行次 of the income half (0: no 行次)
    optional: tuple[str, ...] = ()  # canonical columns the base layout does not print

    @property
    def header(self) -> tuple[str, ...]:
        """Every known column, in canonical order."""
        return self.keys + self.amounts

    @property
    def base_header(self) -> tuple[str, ...]:
        """The layout the text and xlsx importers write (the county template's)."""
        return tuple(c for c in self.header if c not in OPTIONAL_KEYS + self.optional)

    @property
    def file(self) -> str:
        """The CSV file name under the disclosure's folder: tables/gongkai01.csv, tables/yusuan01.csv."""
        return f"tables/{'yusuan' + self.id[1:] if self.id.startswith('Y') else 'gongkai' + self.id}.csv"

    @property
    def label(self) -> str:
        return table_label(self.id)

    def accepts(self, header: tuple[str, ...]) -> bool:
        """A subsequence of the canonical columns with the name column and at least one amount."""
        known = iter(self.header)
        in_order = all(column in known for column in header)
        return (
            in_order
            and any(name in header for name in NAME_COLUMNS if name in self.keys)
            and any(column in self.amounts for column in header)
        )


def _plain(row_key: str, index: int) -> int:
    return index + 1


def _halves(split: int, right_offset: int) -> Callable[[str, int], int]:
    """Two-sided tables print income on the left (栏次 1) and expenses on the right (栏次 2…); the
    row's key is its 行次, or its 收支 (收入 / 支出) where the template prints no 行次."""

    def number(row_key: str, index: int) -> int:
        left = (row_key.isdigit() and int(row_key) <= split) or row_key == "收入"
        return 1 if left else right_offset + index

    return number


def _three_public(row_key: str, index: int) -> int:
    return index + 1 + (6 if row_key == "决算数" else 0)


_SUBJECT = (PAGE, "科目代码", "科目名称")
_SIDES = (PAGE, "行次", SIDE, "项目")
_CARRY = ("年初结转和结余", "本年收入")

_FUNCTIONS = ("合计", "基本支出", "项目支出")

# 预算 tables (部门预算 / 单位预算): figures in 元 or 万元 as printed (the table's unit).
YUSUAN_SPECS = (
    TableSpec(
        "Y01", "财务收支预算总表", _SIDES, ("合计", "人员经费", "公用经费", "项目支出"), _halves(0, 2), "预算", 0
    ),
    TableSpec(
        "Y02",
        "收入预算总表",
        _SUBJECT,
        (
            "合计",
            "上年结转",
            "财政拨款收入",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
            "财政专户管理资金收入",
            "上级补助收入",
            "事业收入",
            "事业单位经营收入",
            "附属单位上缴收入",
            "其他收入",
        ),
        _plain,
        "预算",
    ),
    TableSpec(
        "Y03",
        "支出预算总表",
        _SUBJECT,
        (*_FUNCTIONS, "上缴上级支出", "事业单位经营支出", "对附属单位补助支出"),
        _plain,
        "预算",
    ),
    TableSpec(
        "Y04",
        "财政拨款收支预算总表",
        _SIDES,
        ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
        _halves(0, 2),
        "预算",
        0,
    ),
    TableSpec("Y05", "一般公共预算支出功能分类预算表", _SUBJECT, _FUNCTIONS, _plain, "预算"),
    TableSpec("Y06", "一般公共预算基本支出经济分类预算表", _SUBJECT, ("合计", "人员经费", "公用经费"), _plain, "预算"),
    TableSpec("Y07", "政府性基金预算支出功能分类预算表", _SUBJECT, _FUNCTIONS, _plain, "预算"),
    TableSpec("Y08", "国有资本经营预算支出功能分类预算表", _SUBJECT, _FUNCTIONS, _plain, "预算"),
    TableSpec(
        "Y09",
        "“三公”经费和机关运行经费预算表",
        (PAGE, "项目"),
        (
            "合计",
            "因公出国（境）费",
            "公务接待费",
            "公务用车购置及运行费小计",
            "公务用车购置费",
            "公务用车运行费",
            "机关运行经费",
        ),
        _plain,
        "预算",
    ),
)

SPECS: dict[str, TableSpec] = {
    spec.id: spec
    for spec in (
        TableSpec("01", "收入支出决算总表", _SIDES, ("金额",), _halves(31, 2), split=31),
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
            _SIDES,
            ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
            _halves(32, 2),
            split=32,
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
        TableSpec(
            "08",
            "国有资本经营预算财政拨款支出决算表",
            _SUBJECT,
            (*_CARRY, "合计", "基本支出", "项目支出", "年末结转和结余"),
            _plain,
            optional=(*_CARRY, "年末结转和结余"),
        ),
        TableSpec(
            "09",
            "财政拨款“三公”经费支出决算表",
            (PAGE, "项目"),
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
        TableSpec("10", "部门决算公开相关信息统计表", (PAGE, "行次", "项目"), ("统计数",), _plain),
        *YUSUAN_SPECS,
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
    label = spec.label
    records, malformed = csv_lines(text, rel, label)
    if malformed is not None:
        return None, [malformed]
    header = tuple(cell.strip() for cell in records[0][1]) if records else ()
    if not spec.accepts(header) or len(set(header)) != len(header):
        return None, [
            _error(
                "csv-header-mismatch",
                Location(rel, line=1, table=label),
                f"表头与{label}的格式不一致：应为「{','.join(spec.base_header)}」"
                f"（或「{','.join(spec.header)}」中按此顺序的若干栏，含名称栏和至少一个金额栏），"
                f"实际为「{','.join(header)}」",
                "请按 docs/data-format.md 中该表的表头填写，列的顺序也要一致。",
            )
        ]
    if len(records) - 1 > MAX_TABLE_ROWS:
        return None, [
            _error(
                "table-too-many-rows",
                Location(rel, line=records[MAX_TABLE_ROWS + 1][0], table=label),
                f"{label}有 {len(records) - 1} 行，超过上限 {MAX_TABLE_ROWS} 行",
                "公开表通常不过几百行，请检查是否误放了明细数据或重复粘贴。",
            )
        ]
    amounts = tuple(column for column in header if column in spec.amounts)
    problems: list[Diagnostic] = []
    table_rows: list[TableRow] = []
    seen: dict[tuple[str, str], int] = {}  # (科目代码 or 行次, value) -> first line
    for line_no, values in records[1:]:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(
                _error(
                    "csv-row-length",
                    Location(rel, line=line_no, table=label),
                    f"这一行有 {len(values)} 栏，表头有 {len(header)} 栏",
                    "请检查是否多了或少了逗号；文字中含逗号时请用英文双引号括起来。",
                )
            )
            continue
        fields = dict(zip(header, values, strict=True))
        row_no = fields.get("行次", "").strip()
        code = fields.get("科目代码", "").strip()
        side = fields.get(SIDE, "").strip()
        page = fields.get(PAGE, "").strip()
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
        if side not in ("", "收入", "支出"):
            problems.append(
                _error(
                    "table-side-invalid",
                    Location(rel, line=line_no, table=label, row=row_key, column=SIDE),
                    f"「收支」栏应为「收入」或「支出」，实际为「{side}」",
                    "两栏式的表（收入在左、支出在右）每行注明属于哪一半。",
                )
            )
        cells: dict[str, Cell] = {}
        for index, column in enumerate(amounts):
            number = spec.numbering(row_no or side or name, index)
            where = Location(
                rel,
                line=line_no,
                table=label,
                row=row_key,
                column=f"{column}（栏次{number}）",
                page=int(page) if page.isdigit() else None,
            )
            try:
                cells[column] = parse_cell(fields[column], where, negative_ok=spec.id != "10")
            except AmountError as exc:
                problems.append(exc.diagnostic)
        table_rows.append(TableRow(line_no, row_no, code, name, cells, side=side, page=page))
    columns = tuple(Column(title, index + 1) for index, title in enumerate(amounts))
    table = Table(spec.id, title, rel, unit, columns, tuple(table_rows), no_data, notes)
    return table, problems


def grand_total(table: Table, side: str) -> TableRow | None:
    """The 总计 of one half (``side``: 收入 / 支出) of a two-sided table, recognised by its name in either
    layout: a row printed 「收入总计」/「支出总计」, or a row printed 「总计」 of that half — the half its 收支
    says (the national template, the 预算 tables) or its 行次 against the spec's split (公开01 行次31 / 62)."""
    split = SPECS[table.id].split

    def half(row: TableRow) -> str:
        if row.side or not row.row_no.isdigit() or not split:
            return row.side
        return "收入" if int(row.row_no) <= split else "支出"

    return next(
        (
            r
            for r in table.rows
            if (name := r.name.replace(" ", "")) == f"{side}总计" or (name == "总计" and half(r) == side)
        ),
        None,
    )
