"""Rules 7, 9 and 10: the detail tables agree with themselves.

公开06: each 经济分类 group (3 digits) = Σ its items; 人员经费合计 = 301 + 303; 公用经费合计 = Σ the other
groups.  公开09: 合计 = 出国 + 公车小计 + 接待, 小计 = 购置 + 运行维护, for 预算数 and 决算数.
公开10: 政府采购合计 = 货物 + 工程 + 服务; 车辆数合计 = Σ kinds (a count: no rounding allowed).
"""

from __future__ import annotations

from gongkai.models import Table
from gongkai.rules.context import Checker, check_each_table, row_label, sum_of_rows
from gongkai.rules.tables_within_subjects import CLASS_DIGITS, children

PERSONNEL_GROUPS = ("301", "303")  # 人员经费; every other group of 公开06 is 公用经费
PERSONNEL_TOTAL = "人员经费合计"
PUBLIC_TOTAL = "公用经费合计"
T09_TOTAL, T09_VEHICLES = "合计", "公务用车购置及运行维护费小计"
T09_TOTAL_PARTS = ("因公出国（境）费", T09_VEHICLES, "公务接待费")
T09_VEHICLE_PARTS = ("公务用车购置费", "公务用车运行维护费")


def check_detail_tables(checker: Checker) -> None:
    check_each_table(checker, {"06": _check_06, "09": _check_09, "10": _check_10})


def _check_10(checker: Checker, t10: Table) -> None:
    sum_of_rows(checker, t10, "t10-procurement-sum", 1, (2, 3, 4), ("统计数",))
    sum_of_rows(checker, t10, "t10-vehicle-count-sum", 7, range(8, 16), ("统计数",), exact=True)


def _check_06(checker: Checker, t06: Table) -> None:
    groups = [r for r in t06.rows if len(r.code) == CLASS_DIGITS]
    for group in groups:
        items = children(t06, group)
        if items:
            checker.total_matches_parts(
                "t06-group-sum",
                f"{row_label(t06, group)}应等于其下各款之和",
                group.cell("决算数"),
                [i.cell("决算数") for i in items],
                parts_label="各款之和",
            )
    personnel = [g for g in groups if g.code in PERSONNEL_GROUPS]
    public = [g for g in groups if g.code not in PERSONNEL_GROUPS]
    for total_name, members, phrase in (
        (PERSONNEL_TOTAL, personnel, "301、303两类之和"),
        (PUBLIC_TOTAL, public, "301、303以外各类之和"),
    ):
        total = t06.row_by_name(total_name)
        if total is None:
            continue
        checker.total_matches_parts(
            "t06-personnel-sum" if total_name == PERSONNEL_TOTAL else "t06-public-sum",
            f"公开06表「{total_name}」应等于{phrase}",
            total.cell("决算数"),
            [m.cell("决算数") for m in members],
            parts_label=phrase,
        )


def _check_09(checker: Checker, t09: Table) -> None:
    sums = (
        ("t09-total-sum", T09_TOTAL, T09_TOTAL_PARTS, "三项之和"),
        ("t09-vehicle-sum", T09_VEHICLES, T09_VEHICLE_PARTS, "购置费与运行维护费之和"),
    )
    for row in t09.rows:
        for code, total, parts, parts_label in sums:
            checker.total_matches_parts(
                code,
                f"公开09表「{row.name}」栏「{total}」应等于{'、'.join(parts)}之和",
                row.cell(total),
                [row.cell(c) for c in parts],
                parts_label=parts_label,
            )
