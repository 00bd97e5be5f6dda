"""A printed table (header heads + data rows) → CSV rows of its spec, cell by cell: a PDF page's ruled
table, and the tab-separated rows of a text or a sheet (``text_grid_table``).

Columns get their role from their printed heads (``templates.column_for``): 行次, 科目编码 (one column,
or 类/款/项 printed in three, joined), 名称 / 项目, or an amount column of the spec.  A table printed
in two halves side by side (收入 | 支出) has two 项目 columns; a table of side-by-side blocks (06:
人员经费 | 公用经费) has two 名称 columns.  A page continuing a table without its header reuses the
roles of the page before.  Every printed cell lands in a CSV cell or is reported unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.importers.cells import join_cjk
from gongkai.importers.templates import column_for, normal_head
from gongkai.tables import PAGE, SIDE, TableSpec

CODE = re.compile(r"^\d{1,7}$")
CODE_ROW = re.compile(r"^\d{3,7}$")  # a row starting with a 科目代码 is data, its figures blank or not
ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\s*[.．、]\s*\D)")  # a numbered line item: data
AMOUNT_LIKE = re.compile(r"^-?[\d,，]+\.\d+$|^-?\d{1,3}(?:[,，]\d{3})+$")
TOTALS = ("合计", "总计", "人员经费合计", "公用经费合计")
BUDGET_ACTUAL = ("预算数", "决算数")


@dataclass
class Roles:
    """What each printed column holds: ("code"|"name"|"row_no"|"amount", block, amount column)."""

    columns: list[tuple[str, int, str]]

    @property
    def blocks(self) -> int:
        return max((block for _, block, _ in self.columns), default=0) + 1


@dataclass
class Assembled:
    """The rows of one table over all its pages, in printed order per block (half)."""

    spec: TableSpec
    blocks: list[list[dict[str, str]]] = field(default_factory=list)
    totals: list[dict[str, str]] = field(default_factory=list)  # 06: 人员经费合计, 公用经费合计
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (page, cell text)
    printed: set[str] = field(default_factory=set)  # the spec's columns the table prints

    def rows(self) -> list[dict[str, str]]:
        if self.spec.id == "06" and len(self.blocks) > 1:
            by_name = {row.get("科目名称", ""): row for row in self.totals}
            first = [*self.blocks[0], *([by_name["人员经费合计"]] if "人员经费合计" in by_name else [])]
            rest = [row for block in self.blocks[1:] for row in block]
            return first + rest + ([by_name["公用经费合计"]] if "公用经费合计" in by_name else [])
        return [row for block in self.blocks for row in block] + self.totals

    def header(self) -> tuple[str, ...]:
        present = self.printed | {PAGE} | ({SIDE} if self.spec.split is not None else set())
        name = "科目名称" if "科目名称" in self.spec.keys else "项目"
        return tuple(c for c in self.spec.header if c in present or c == name)


def header_rows(rows: list[list[str | None]]) -> int:
    """How many rows at the top are header: those before the first row holding a figure or a code, or
    a 合计 line printed last (an empty table: its total line only)."""
    for index, row in enumerate(rows):
        cells = [c or "" for c in row]
        if any(AMOUNT_LIKE.match(c.strip()) or ITEM.match(c.strip()) for c in cells):
            return index
        first = next((c.strip() for c in cells if c.strip()), "")
        if (
            CODE_ROW.match(first)
            or (first in TOTALS and index == len(rows) - 1)
            or (None not in row and not any(c.strip() for c in cells) and index > 0)
        ):
            return index
    return len(rows)


def roles_for(spec: TableSpec, heads: list[str]) -> Roles:
    columns: list[tuple[str, int, str]] = []
    block = -1
    names_seen = 0
    for head in heads:
        h = normal_head(head)
        role, column = "", ""
        if h.endswith("行次"):
            role = "row_no"
        elif "名称" in h or h.endswith("项目") or h in ("收入", "支出"):
            role = "name"
        elif any(k in h for k in ("编码", "代码")) or (h.endswith(("类", "款", "项")) and not column_for(spec, h)):
            role = "code"
        else:
            base = h[: -len("预算数")] if spec.id == "09" and h.endswith(BUDGET_ACTUAL) else h
            column = column_for(spec, base) or ""
            role = "amount" if column else ""
        if role in ("code", "row_no", "name") and (block < 0 or _closes_block(columns, block)):
            block += 1
        if role == "name":
            names_seen += 1
        columns.append((role, max(block, 0), column))
    return Roles(columns)


def _closes_block(columns: list[tuple[str, int, str]], block: int) -> bool:
    """A key column after an amount column of the current block starts the next block."""
    return any(role == "amount" and b == block for role, b, _ in columns)


def read_rows(
    spec: TableSpec, roles: Roles, heads: list[str], rows: list[list[str | None]], page: int, into: Assembled
) -> None:
    while len(into.blocks) < roles.blocks:
        into.blocks.append([])
    named = {"code": "科目代码", "row_no": "行次"}
    into.printed |= {column or named.get(role, "") for role, _, column in roles.columns} & set(spec.header)
    if spec.split is not None and roles.blocks > 0:
        into.printed.add(spec.amounts[0])  # the income half's figure
    if spec.id == "09":
        _three_public(roles, heads, rows, page, into)
        return
    for raw in rows:
        cells = [_text(c) for c in raw]
        if not any(cells) or _repeats_heads(cells, heads):
            continue
        for row, block in _spanned_totals(
            [(_block_row(spec, roles, cells, b, page, into), b) for b in range(roles.blocks)]
        ):
            if row.get("科目名称") in ("人员经费合计", "公用经费合计") and roles.blocks > 1:
                into.totals.append(row)
            else:
                into.blocks[block].append(row)
        for index, (role, _, _) in enumerate(roles.columns):
            if not role and index < len(cells) and cells[index]:
                into.unplaced.append((page, cells[index]))


def _repeats_heads(cells: list[str], heads: list[str]) -> bool:
    """A line printing the column heads again inside the table (公开10's 「项目 | | 统计数」 under each block)."""
    filled = [(index, cell) for index, cell in enumerate(cells) if cell]
    return len(filled) >= 2 and all(
        index < len(heads) and normal_head(heads[index]).endswith(normal_head(cell)) and not AMOUNT_LIKE.match(cell)
        for index, cell in filled
    )


def _spanned_totals(
    rows: list[tuple[dict[str, str] | None, int]],
) -> list[tuple[dict[str, str], int]]:
    """The rows of one printed line, a total label printed across the blocks (「公用经费合计」 in the
    first 公用经费 block, its figure in the last) joined with the figure: one row, in the label's block."""
    out: list[tuple[dict[str, str], int]] = []
    for row, block in rows:
        if row is None:
            continue
        label = out[-1][0] if out else None
        spanned = label is not None and label.get("科目名称") in TOTALS and not _figures(label)
        if label is not None and spanned and _figures(row) and not (row.get("科目代码") or row.get("科目名称")):
            label.update(_figures(row))
            continue
        out.append((row, block))
    return out


def _figures(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if v and k not in (PAGE, SIDE, "科目代码", "科目名称", "项目", "行次")}


def _block_row(
    spec: TableSpec, roles: Roles, cells: list[str], block: int, page: int, into: Assembled
) -> dict[str, str] | None:
    row: dict[str, str] = {PAGE: str(page)}
    code = ""
    name = ""
    amounts: dict[str, str] = {}
    for index, (role, b, column) in enumerate(roles.columns):
        if b != block or index >= len(cells):
            continue
        text = cells[index]
        if role == "code":
            if CODE.match(text):
                code += text
            elif text and not name:
                name = text  # 合计 printed across the code columns, or 类/款/项 labels
        elif role == "row_no":
            row["行次"] = text
        elif role == "name" and text:
            name = join_cjk(text)
        elif role == "amount":
            if column in amounts and text:
                into.unplaced.append((page, text))
            amounts.setdefault(column, text)
    if name in ("类", "款", "项"):
        name = ""
    numbered = any(role == "row_no" and b == block for role, b, _ in roles.columns)
    if numbered and name and not (code or row.get("行次") or any(amounts.values())):
        into.unplaced.append((page, name))  # a section line of a numbered table (二、机关运行经费): no row
        return None
    if not (code or name or any(amounts.values()) or row.get("行次")):  # a numbered line is a row, blank or not
        return None
    key = "科目名称" if "科目名称" in spec.keys else "项目"
    if "科目代码" in spec.keys:
        row["科目代码"] = code
    elif code:
        name = code + name
    row[key] = name
    if spec.split is not None:
        row[SIDE] = "收入" if block == 0 else "支出"
        if block == 0 and spec.amounts[0] not in amounts and amounts:
            amounts = {spec.amounts[0]: next(iter(amounts.values()))}
    if spec.id == "Y09" and not name:
        row[key] = "预算数"
    row.update(amounts)
    return row


def _three_public(roles: Roles, heads: list[str], rows: list[list[str | None]], page: int, into: Assembled) -> None:
    """公开09 printed as one row of (预算数, 决算数) pairs per item; or as lines labelled 预算数 / 决算数."""
    lines: dict[str, dict[str, str]] = {label: {PAGE: str(page), "项目": label} for label in BUDGET_ACTUAL}
    for raw in rows:
        cells = [_text(c) for c in raw]
        label = next((c for c in cells if c in BUDGET_ACTUAL), "")
        for index, (role, _, column) in enumerate(roles.columns):
            if index >= len(cells) or not cells[index] or cells[index] in BUDGET_ACTUAL:
                continue
            if role != "amount":
                into.unplaced.append((page, cells[index]))
                continue
            which = label or ("决算数" if normal_head(heads[index]).endswith("决算数") else "预算数")
            lines[which][column] = cells[index]
    printed = {row["项目"]: row for row in into.blocks[0]}
    for label, line in lines.items():  # a table continued on the next page fills the same two lines
        if label in printed:
            printed[label].update({k: v for k, v in line.items() if k not in (PAGE, "项目") and v})
        else:
            into.blocks[0].append(line)


def _text(cell: str | None) -> str:
    return "".join((cell or "").split("\n")).strip()
