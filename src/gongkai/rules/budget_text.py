"""Which 预算 table cell a figure of a 预算's 情况说明 states (the 预算 counterpart of :mod:`prose_targets`).

In a 预算 every amount is a budget, so the clause names the line, not whether it is a budget: 「收入预算」
「收、支预算总计」 → 预算01表 收入/支出总计 (预算04表 in a section on 财政拨款收支); 「财政拨款收入」 and the
other sources → their 预算01表 row (else the 预算02表 合计 column); 「一般公共预算（当年）拨款（支出）」,
「政府性基金…」, 「国有资本经营…」, 「财政拨款支出」 → 预算04表 支出总计 by column (else 预算05/07/08表
合计); 「基本支出」/「项目支出」 → 预算03表 (预算05表 for 财政拨款) 合计; 「人员经费」/「公用经费」 →
预算06表 合计; a 功能分类 line 「一般公共服务支出（类）商贸事务（款）行政运行（项）」 → its 类/款/项 row of
预算05表 (else 07, 08, 03), or a 类 named in a section on 一般公共预算 拨款; 「三公」 items and 机关运行经费 →
预算09表.  政府采购, 国有资产 (counts), 绩效目标 and a project's own 年度预算安排 are printed in no 预算
table: they state no table figure (``[]``).  Cells printed in 元 are compared in 万元 (元 ÷ 10000, exact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from gongkai.amounts import WAN_PER_UNIT
from gongkai.models import Cell, Disclosure, Table, TableRow
from gongkai.rules.context import figure, row_label
from gongkai.rules.prose_targets import Target, latest_row, normalized_name, targets
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of

_NO_TABLE = ("政府采购", "国有资产", "资产占用", "绩效", "项目概述", "年度预算安排", "项目经费")
_SANGONG = (  # what the text names → 预算09表 column
    ("购置及运行", "公务用车购置及运行费小计"),
    ("运行", "公务用车运行费"),
    ("购置", "公务用车购置费"),
    ("出国", "因公出国（境）费"),
    ("接待", "公务接待费"),
    ("三公", "合计"),
)
_SOURCES = (
    "事业单位经营收入",
    "事业收入",
    "上级补助收入",
    "附属单位上缴收入",
    "财政专户管理资金收入",
    "其他收入",
    "上年结转",
)
_FUNDS = (  # what the clause names → 预算04表 column, the fund's own function table
    ("一般公共预算", "一般公共预算", "Y05"),
    ("政府性基金", "政府性基金预算", "Y07"),
    ("国有资本经营", "国有资本经营预算", "Y08"),
)
_FUNCTION_TABLES = ("Y05", "Y07", "Y08", "Y03", "Y02")
_CHAIN = re.compile(
    r"(?P<lei>[^“”\"（()）]+?)[（(]类[)）]"
    r"(?:(?P<kuan>[^“”\"（()）]+?)[（(]款[)）])?"
    r"(?:(?P<xiang>[^“”\"（()）]+?)[（(]项[)）])?"
)
_BOTH = ("收、支", "收支", "收入支出", "收入、支出")


def text_targets(d: Disclosure, f: TextFigure) -> list[Target] | None:
    """The cells a figure of the 情况说明 states, by the disclosure's kind (预算 here, 决算 in prose_targets)."""
    return budget_targets(d, f) if d.kind == "预算" else targets(d, f)


def budget_targets(d: Disclosure, f: TextFigure) -> list[Target] | None:
    """The 预算 table cells an amount of a 预算's 情况说明 states; ``[]`` for a figure no 预算 table prints,
    ``None`` when it cannot be tied."""
    titles = "".join(f.sentence.titles)
    clause = clause_of(f)
    topic = f.sentence.text[: f.offset]
    if f.kind is not FigureKind.AMOUNT or any(w in titles or w in clause for w in _NO_TABLE):
        return []
    if "三公" in titles or any(w in clause for w in ("三公", "出国", "接待", "公务用车")):
        return _found(_sangong(d, clause) or _sangong(d, topic))
    if "机关运行经费" in clause or "机关运行经费" in topic:
        return _found(_in_row(d, "Y09", _first(d, "Y09"), "机关运行经费"))
    chain = _CHAIN.search(clause)
    if chain is not None:
        return _found(_function_line(d, chain))
    return _found(*_named(d, clause, titles)) or _found(_class_named(d, clause, titles))


def _found(*found: Target | None) -> list[Target] | None:
    tied = [t for t in found if t is not None]
    return tied or None


def _in_wan(table: Table, row: TableRow | None, column: str) -> Target | None:
    """A cell as a figure in 万元: a 元 table's 「371,514,655.00」 becomes 37151.4655, its text kept beside it."""
    cell = row.cell(column) if row is not None else None
    if row is None or cell is None:
        return None
    label = row_label(table, row) + (f" 栏「{column}」" if len(table.columns) > 1 else "")
    factor = WAN_PER_UNIT.get(table.unit.strip(), Decimal(1))
    if factor == 1 or cell.value is None:
        return Target(label, cell)
    wan = cell.value * factor
    raw = f"{cell.raw.strip()}{table.unit.strip()}（{figure(wan.normalize())}万元）"
    return Target(label, Cell(raw, cell.state, wan, cell.source))


def _in_row(d: Disclosure, table_id: str, row: TableRow | None, column: str) -> Target | None:
    table = d.table(table_id)
    return _in_wan(table, row, column) if table is not None and not table.no_data else None


def _first(d: Disclosure, table_id: str) -> TableRow | None:
    table = d.table(table_id)
    return table.rows[0] if table is not None and table.rows else None


def _total(d: Disclosure, table_id: str, side: str = "") -> TableRow | None:
    """A table's 合计 row, or the 收入总计 / 支出总计 row of a two-sided one."""
    table = d.table(table_id)
    if table is None:
        return None
    name = f"{side}总计" if side else "合计"
    return next((r for r in table.rows if normalized_name(r.name) == name and not r.code), None)


def _side_row(d: Disclosure, table_id: str, side: str, name: str) -> TableRow | None:
    table = d.table(table_id)
    if table is None:
        return None
    return next((r for r in table.rows if r.side == side and name in normalized_name(r.name)), None)


def _sangong(d: Disclosure, text: str) -> Target | None:
    """预算09表 column of the 「三公」 item the text names last (the longer name on a tie)."""
    named = [(text.rfind(k) + len(k), len(k), column) for k, column in _SANGONG if k in text]
    return _in_row(d, "Y09", _first(d, "Y09"), max(named)[2]) if named else None


def _named(d: Disclosure, clause: str, titles: str) -> Iterable[Target | None]:
    """Totals, sources, funds and 基本/项目/人员/公用 by the words of the clause."""
    appropriation = "财政拨款" in clause or "财政拨款收支" in titles or "拨款收支" in titles
    for part, table_id, column in (
        ("人员经费", "Y06", "人员经费"),
        ("公用经费", "Y06", "公用经费"),
        ("基本支出", "Y05" if appropriation or "一般公共预算" in clause else "Y03", "基本支出"),
        ("项目支出", "Y05" if appropriation or "一般公共预算" in clause else "Y03", "项目支出"),
    ):
        if part in clause:
            return [_in_row(d, table_id, _total(d, table_id), column)]
    if "支出" in clause or ("拨款" in clause and "收入" not in clause):
        for word, column, table_id in _FUNDS:
            if word in clause:
                return [
                    _in_row(d, "Y04", _total(d, "Y04", "支出"), column)
                    or _in_row(d, table_id, _total(d, table_id), "合计")
                ]
    if "财政拨款" in clause and "收入" in clause:
        row = _in_row(d, "Y01", _side_row(d, "Y01", "收入", "财政拨款收入"), "合计")
        total = _in_row(d, "Y04", _total(d, "Y04", "收入"), "合计")
        return [total or row] if "总计" in clause else [row or total]
    for source in _SOURCES:
        if source in clause:
            return [
                _in_row(d, "Y01", _side_row(d, "Y01", "收入", source), "合计")
                or _in_row(d, "Y02", _total(d, "Y02"), source)
            ]
    totals = "Y04" if appropriation else "Y01"
    if any(w in clause for w in _BOTH) and ("总计" in clause or "总预算" in clause):
        return [_in_row(d, totals, _total(d, totals, side), "合计") for side in ("收入", "支出")]
    for side, listed in (("收入", "Y02"), ("支出", "Y03")):  # 收入合计 / 支出合计: 预算02 / 03表's 合计
        if f"{side}合计" in clause and not appropriation:
            return [_in_row(d, listed, _total(d, listed), "合计")]
        if any(f"{side}{w}" in clause for w in ("总计", "预算", "总预算", "合计")):
            return [_in_row(d, totals, _total(d, totals, side), "合计")]
    return []


def _class_named(d: Disclosure, clause: str, titles: str) -> Target | None:
    """A 类 named without its 「（类）」 in a section on 一般公共预算 拨款 (「一般公共服务支出1,234.00万元」)."""
    table = d.table("Y05")
    if table is None or "一般公共预算" not in titles:
        return None
    return _in_wan(table, latest_row(table, clause, tuple(r for r in table.rows if len(r.code) == 3)), "合计")


def _same(a: str, b: str) -> bool:
    """A 功能分类 name as the text writes it and as the table prints it (「一般公共服务」 = 「一般公共服务支出」)."""
    return normalized_name(a).removesuffix("支出") == normalized_name(b).removesuffix("支出")


def _function_line(d: Disclosure, chain: re.Match[str]) -> Target | None:
    """The 类/款/项 row a 「…（类）…（款）…（项）」 chain names, in the first function table that prints it."""
    levels = [(length, chain[group]) for length, group in ((3, "lei"), (5, "kuan"), (7, "xiang")) if chain[group]]
    for table_id in _FUNCTION_TABLES:
        table = d.table(table_id)
        if table is None or table.no_data:
            continue
        parent, row = "", None
        for level, name in levels:
            row = next(
                (r for r in table.rows if len(r.code) == level and r.code.startswith(parent) and _same(r.name, name)),
                None,
            )
            if row is None:
                break
            parent = row.code
        if row is not None:
            return _in_wan(table, row, "合计")
    return None
