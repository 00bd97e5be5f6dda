"""Which table cell a figure of the 情况说明 states: by the section it is in and the subject named before it.

The section title says which table the section explains (「三公」 → 公开09, 「基本支出」 → 公开06, …); the
clause before the figure names the row or column (「支出总计」, 「一般公共服务支出(类)」, 「公务接待费」).  A
figure that no rule here can place is left untied (``None``) and listed, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.models import Cell, CellState, Disclosure, Table, TableRow
from gongkai.rules.context import row_label
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, sentence_location


@dataclass(frozen=True)
class Target:
    label: str  # how a message names the cell: 「公开01表 行次31「总计」」
    cell: Cell


def text_cell(f: TextFigure, file: str) -> Cell:
    """A figure of the text as a printed cell (in 万元), so the table helpers can compare it."""
    return Cell(f.raw, CellState.AMOUNT, f.wan, sentence_location(file, f.sentence))


_BUDGET = re.compile(r"(年初|全年|调整)预算|预算(数|为)?$")


def is_budget(clause: str) -> bool:
    """A clause naming a budget figure (「年初预算」「全年预算数为」), not an actual (决算) one."""
    return "决算" not in clause and bool(_BUDGET.search(clause.rstrip("为是：: ")))


def section_table(titles: tuple[str, ...]) -> str:
    """What a 情况说明 section explains, from its titles: a table id or a topic of 公开10."""
    text = "".join(titles)
    for keyword, what in (
        ("三公", "09"),
        ("机关运行经费", "running"),
        ("政府采购", "procurement"),
        ("国有资产", "assets"),
        ("基本支出", "06"),
        ("一般公共预算财政拨款支出", "05"),
        ("财政拨款收", "04"),
        ("收入决算", "02"),
        ("支出决算情况", "03"),
        ("收入支出决算总体", "01"),
        ("收支决算总体", "01"),
        ("绩效", "performance"),
    ):
        if keyword in text:
            return what
    return ""


def _cell(table: Table | None, row: TableRow | None, column: int = 0) -> Target | None:
    if table is None or row is None or column >= len(table.columns):
        return None
    title = table.columns[column].title
    name = f"{row_label(table, row)}" + (f" 栏「{title}」" if len(table.columns) > 1 else "")
    return Target(name, row.cells[title])


def _by_no(d: Disclosure, table_id: str, row_no: str, column: int = 0) -> Target | None:
    table = d.table(table_id)
    return _cell(table, table.row_by_no(row_no) if table else None, column)


def _by_name(d: Disclosure, table_id: str, name: str, column: int = 0) -> Target | None:
    table = d.table(table_id)
    return _cell(table, table.row_by_name(name) if table else None, column)


def _column(d: Disclosure, table_id: str, row_name: str, title: str) -> Target | None:
    table = d.table(table_id)
    if table is None:
        return None
    index = next((i for i, c in enumerate(table.columns) if c.title == title), len(table.columns))
    return _cell(table, table.row_by_name(row_name), index)


def normalized_name(name: str) -> str:
    """A row name as the text writes it: numbering dropped, brackets full-width."""
    name = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）.、]\s*", "", name)
    return name.replace("(", "（").replace(")", "）").strip()


def latest_row(table: Table, text: str, rows: tuple[TableRow, ...] | None = None) -> TableRow | None:
    """The row whose name the text mentions last (the longer name on a tie)."""
    text = normalized_name(text)
    best: tuple[int, int, TableRow] | None = None
    for row in rows if rows is not None else table.rows:
        name = normalized_name(row.name)
        if len(name) < 2:
            continue
        at = text.rfind(name)
        if at >= 0 and (best is None or (at + len(name), len(name)) > best[:2]):
            best = (at + len(name), len(name), row)
    return best[2] if best else None


def _by_no_or_side(d: Disclosure, table_id: str, row_no: str, side: str, name: str) -> Target | None:
    """A row by its 行次, or (a national-template table printed without 行次) by its half and name."""
    table = d.table(table_id)
    if table is None:
        return None
    row = table.row_by_no(row_no) or next((r for r in table.rows if r.side == side and r.name == name), None)
    return _cell(table, row, 0)


def _totals(d: Disclosure, clause: str, table_id: str, income: str, expense: str) -> list[Target]:
    both = any(w in clause for w in ("收、支总计", "收支总计", "收入支出总计"))
    found = [
        _by_no_or_side(d, table_id, row, side, "总计")
        for keyword, row, side in (("收入总计", income, "收入"), ("支出总计", expense, "支出"))
        if both or keyword in clause
    ]
    return [t for t in found if t is not None]


def targets(d: Disclosure, figure: TextFigure) -> list[Target] | None:
    """The cells an amount or count of the 情况说明 states; ``[]`` when it states no table figure
    (a budget, a threshold), ``None`` when it cannot be tied."""
    clause = clause_of(figure)
    topic = figure.sentence.text[: figure.offset]
    what = section_table(figure.sentence.titles)
    if figure.kind is FigureKind.AMOUNT and (is_budget(clause) or clause.endswith("单价")):
        return [] if what != "09" else _sangong(d, clause, topic)
    if figure.kind is FigureKind.COUNT:
        return _vehicles(d, clause) if what == "assets" else None
    found: list[Target | None]
    if what == "01":
        found = list(_totals(d, clause, "01", "31", "62"))
        found += [
            _by_no_or_side(d, "01", row, side, f"本年{key}")
            for key, row, side in (("收入合计", "27", "收入"), ("支出合计", "58", "支出"))
            if key in clause
        ]
    elif what == "04":
        found = list(_totals(d, clause, "04", "32", "64"))
    elif what in ("02", "03"):
        found = _source_column(d, what, clause)
    elif what == "05":
        found = [_expense_class(d, clause, topic)]
    elif what == "06":
        found = [_basic_item(d, clause)]
    elif what == "09":
        return _sangong(d, clause, topic)
    elif what == "running" and "机关运行经费" in topic:
        found = [_by_no(d, "10", "5")]
    elif what == "performance" and "涉及资金" in clause:
        return []  # the projects' funds: checked against the 绩效自评表 (rules/performance_quotes.py)
    elif what == "procurement" and not any(w in clause for w in ("授予", "合同")):
        found = [_procurement(d, clause)]
    else:
        found = []
    tied = [t for t in found if t is not None]
    return tied or None


def _source_column(d: Disclosure, table_id: str, clause: str) -> list[Target | None]:
    table = d.table(table_id)
    if table is None:
        return []
    titles = [c.title for c in table.columns]
    total_title = titles[0]  # 本年收入合计 / 本年支出合计
    if total_title[2:] in clause:
        return [_column(d, table_id, "合计", total_title)]
    named = [t for t in titles[1:] if t in clause]
    return [_column(d, table_id, "合计", max(named, key=len))] if named else []


def _expense_class(d: Disclosure, clause: str, topic: str) -> Target | None:
    table = d.table("05")
    if table is None:
        return None
    coded = tuple(r for r in table.rows if r.code)
    row = latest_row(table, clause, coded) or latest_row(table, topic, coded)
    if row is None and ("一般公共预算财政拨款" in clause or "一般公共预算财政拨款" in topic):
        row = table.row_by_name("合计")
    return _cell(table, row, 0)


def _basic_item(d: Disclosure, clause: str) -> Target | None:
    table = d.table("06")
    if "基本支出" in clause:
        return _column(d, "05", "合计", "基本支出")
    for keyword, name in (("人员经费", "人员经费合计"), ("公用经费", "公用经费合计")):
        if keyword in clause:
            return _by_name(d, "06", name)
    if table is None:
        return None
    return _cell(table, latest_row(table, clause, tuple(r for r in table.rows if r.code)), 0)


_SANGONG_COLUMNS = (
    ("购置及运行维护", "公务用车购置及运行维护费小计"),
    ("运行维护", "公务用车运行维护费"),
    ("购置", "公务用车购置费"),
    ("出国", "因公出国（境）费"),
    ("接待", "公务接待费"),
)


def _sangong(d: Disclosure, clause: str, topic: str) -> list[Target] | None:
    """「三公」 amounts: column by the last 三公 item named in the clause (else the sentence), row 预算/决算."""
    if any(w in clause for w in ("国内", "外事", "国（境）外", "金额")):
        return None  # 国内 / 外事 接待 and per-kind car amounts are not in 公开09
    row = "预算数" if is_budget(clause) else "决算数"
    for text in (clause, topic):
        named = [(text.rfind(k), column) for k, column in _SANGONG_COLUMNS if k in text]
        if named:
            found = _column(d, "09", row, max(named)[1])
            return [found] if found else None
    found = _column(d, "09", row, "合计") if "三公" in topic else None
    return [found] if found else None


def sangong_budget(d: Disclosure, actual: Target) -> Target | None:
    """The 预算数 cell of 公开09 beside a 决算数 cell (same column)."""
    table = d.table("09")
    row = table.row_by_name("决算数") if table else None
    if table is None or row is None:
        return None
    column = next((c.title for c in table.columns if row.cell(c.title) is actual.cell), "")
    return _column(d, "09", "预算数", column) if column else None


def _procurement(d: Disclosure, clause: str) -> Target | None:
    for keyword, row in (("总额", "1"), ("货物", "2"), ("工程", "3"), ("服务", "4")):
        if keyword in clause:
            return _by_no(d, "10", row)
    return None


def _vehicles(d: Disclosure, clause: str) -> list[Target] | None:
    table = d.table("10")
    if table is None:
        return None
    kinds = tuple(r for r in table.rows if r.row_no.isdigit() and 8 <= int(r.row_no) <= 17)
    row = latest_row(table, clause, kinds)
    if row is None and ("共有车辆" in clause or "车辆数" in clause):
        row = table.row_by_no("7")
    if row is None and "设备" in clause:
        row = table.row_by_no("17")
    found = _cell(table, row, 0)
    return [found] if found else None
