"""A table the document's 目录 lists but does not print (``disclosure.yaml`` ``contents``).

The 目录 promises the table; the body lacks it.  A table printed empty with its note (「本表无数据」,
「无」) is printed, and is no finding; a table the body prints is found by its id in ``tables``.
"""

from __future__ import annotations

from gongkai.diagnostics import Location, Severity
from gongkai.models import table_label
from gongkai.rules.context import Checker


def check_contents(checker: Checker) -> None:
    disclosure = checker.disclosure
    for entry in disclosure.contents:
        checker.checks_run += 1
        if entry.table in disclosure.tables:
            continue
        label = table_label(entry.table)
        checker.add(
            "contents-table-missing",
            Severity.ERROR,
            Location(f"{disclosure.folder}/disclosure.yaml", field="contents", table=label),
            f"目录列出「{entry.title}」（{label}），正文中没有这张表；没有数据的表也应印出表格并注明「本表无数据」。",
            (("目录", entry.title), ("正文", "未印出")),
        )
