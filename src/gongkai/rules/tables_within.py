"""Rules 1–11: each table agrees with itself."""

from __future__ import annotations

from gongkai.rules.context import Checker


def check_within_tables(checker: Checker) -> None:
    t01 = checker.disclosure.table("01")
    if t01 is None:
        return
    income = [t01.row_by_no(str(n)) for n in range(1, 9)]
    total = t01.row_by_no("27")
    if total is not None:
        checker.total_matches_parts(
            "t01-income-sum",
            "公开01表 本年收入合计（行次27）与收入各项（行次1–8）",
            total.cells["金额"],
            [r.cells["金额"] for r in income if r is not None],
        )
