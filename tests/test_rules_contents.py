"""A table the 目录 lists but the body does not print is a finding (``contents-table-missing``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.models import ContentsEntry
from gongkai.rules.contents import check_contents
from gongkai.rules.context import Checker
from table_fixtures import corpus, disclosure, table


def test_a_table_the_contents_list_but_the_body_lacks_is_a_finding() -> None:
    printed_empty = table("07", ",合计,,,,,,", no_data=True)  # 「本表无数据」 with its note: printed
    subject = replace(
        disclosure(table("01", "1,一,1.00"), printed_empty),
        contents=(
            ContentsEntry("01", "一、收入支出决算总表"),
            ContentsEntry("07", "七、政府性基金预算财政拨款收入支出决算表"),
            ContentsEntry("08", "八、国有资本经营预算财政拨款支出决算表"),
        ),
    )
    checker = Checker(subject, corpus(subject))
    check_contents(checker)
    (finding,) = checker.findings
    assert finding.code == "contents-table-missing" and finding.location.table == "公开08表"
    assert "八、国有资本经营预算财政拨款支出决算表" in finding.message and checker.checks_run == 3
