"""Rule 34: every 科目代码 is in the project's lists (``data/codes/``) under the name printed.

功能分类 codes (公开02, 03, 05, 07, 08, and the 类 rows of 公开01 and 04, which print no code but follow
the fixed order of :data:`EXPENSE_CLASSES`) are looked up in the list for the disclosure's year;
经济分类 codes (公开06) in the economic list.  An unknown code or a different name is a warning: the
lists are the project's own, and names change between years.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongkai.diagnostics import Location, Severity
from gongkai.models import Disclosure, Table, TableRow
from gongkai.rules.context import Checker, row_label

EXPENSE_CLASSES = (  # the 26 功能分类 类 in the order of 公开01 rows 32–57 and 公开04 rows 33–58
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
)  # fmt: skip
CLASS_ROWS = {"01": 32, "04": 33}  # table -> 行次 of its first 类 row
FUNCTION_TABLES = ("02", "03", "05", "07", "08")
NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
BRACKETS = str.maketrans({"(": "（", ")": "）"})


def same_name(printed: str, listed: str) -> bool:
    """Names agree up to spacing (wrapped cells) and half- or full-width brackets."""

    def plain(name: str) -> str:
        return re.sub(r"\s+", "", name).translate(BRACKETS)

    return plain(printed) == plain(listed)


def class_rows(table: Table, first_row: int) -> Iterator[tuple[TableRow, str]]:
    """(row, 类 code) of the 26 class rows a balance table prints from 行次 ``first_row`` on."""
    for index, class_code in enumerate(EXPENSE_CLASSES):
        row = table.row_by_no(str(first_row + index))
        if row is not None:
            yield row, class_code


def function_rows(disclosure: Disclosure) -> Iterator[tuple[Table, TableRow, str, str]]:
    """(table, row, 功能分类 code, printed name) of every row that stands for a 功能分类 subject."""
    for table_id in FUNCTION_TABLES:
        table = disclosure.table(table_id)
        if table is not None:
            yield from ((table, row, row.code, row.name) for row in table.rows if row.code)
    for table_id, first_row in CLASS_ROWS.items():
        balance = disclosure.table(table_id)
        if balance is None:
            continue
        yield from (
            (balance, row, class_code, NUMBERING.sub("", row.name))
            for row, class_code in class_rows(balance, first_row)
            if row.name
        )


def check_subject_codes(checker: Checker) -> None:
    disclosure = checker.disclosure
    year_list = checker.corpus.function_codes.get(disclosure.year, {})
    if year_list:
        for table, row, code, name in function_rows(disclosure):
            _check_code(checker, table, row, code, name, year_list, f"{disclosure.year}年支出功能分类科目表")
    t06 = disclosure.table("06")
    if t06 is not None and checker.corpus.economic_codes:
        for row in t06.rows:
            if row.code:
                _check_code(checker, t06, row, row.code, row.name, checker.corpus.economic_codes, "支出经济分类科目表")


def _check_code(
    checker: Checker, table: Table, row: TableRow, code: str, name: str, names: dict[str, str], list_name: str
) -> None:
    checker.checks_run += 1
    where = Location(table.file, line=row.line, table=table.label, row=row.key)
    listed = names.get(code)
    if listed is None:
        checker.add(
            "subject-code-unknown",
            Severity.WARNING,
            where,
            f"{row_label(table, row)}：科目代码 {code} 不在{list_name}中。",
            (("科目代码", code), ("印出的名称", name)),
            hint="如确为新科目，请把它加入 data/codes/ 下的科目表；否则请核对原文。",
        )
    elif not same_name(name, listed):
        checker.add(
            "subject-name-mismatch",
            Severity.WARNING,
            where,
            f"{row_label(table, row)}：科目 {code} 印为「{name}」，{list_name}中为「{listed}」。",
            (("科目代码", code), ("印出的名称", name), ("科目表中的名称", listed)),
            hint="如该年度科目名称确已调整，请更新 data/codes/ 下的科目表；否则是原文印错。",
        )
