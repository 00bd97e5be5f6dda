"""The table rules on the sample data: exactly these findings, each checked by hand against the seed text.

Seed 002 (襄垣县信访局) is the only sample with tables.  Its ten tables agree with each other within the
rounding tolerance (e.g. 公开03 科目210: 5.56 + 0.07 = 5.63 against 5.62 printed is rounding, no finding).
What remains is printed as listed below:
- 公开04 rows 46 and 50 print 「资源勘探工业信息支出」 and 「自然资源海洋气象支出」 (without 等);
- 公开06 prints 「房屋建筑物构建」 for 30901 and 31001 (the economic classification says 购建);
- 情况说明 六 says 「邮电费0.25元」 while 公开06 prints 邮电费 0.25 in 万元.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.diagnostics import Diagnostic
from gongkai.load import load_corpus
from gongkai.rules import CheckReport, check_corpus

DATA = Path(__file__).resolve().parents[1] / "data"
XIANGYUAN = "data/disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
TABLE_RULE_PREFIXES = ("t0", "t1", "table-", "subject-", "amount-unit-")


def _is_table_rule(finding: Diagnostic) -> bool:
    return finding.code.startswith(TABLE_RULE_PREFIXES)


@pytest.fixture(scope="module")
def report() -> CheckReport:
    return check_corpus(load_corpus(DATA))


def _summary(finding: Diagnostic) -> tuple[str, str, str | None, str | None, str | None, tuple[tuple[str, str], ...]]:
    where = finding.location
    return finding.code, where.file.removeprefix(XIANGYUAN + "/"), where.table, where.row, where.field, finding.figures


def test_table_rule_findings_on_xiangyuan_2023(report: CheckReport) -> None:
    found = [_summary(f) for f in report.findings[XIANGYUAN] if _is_table_rule(f)]
    assert found == [
        (
            "subject-name-mismatch",
            "tables/gongkai04.csv",
            "公开04表",
            "46",
            None,
            (("科目代码", "215"), ("印出的名称", "资源勘探工业信息支出"), ("科目表中的名称", "资源勘探工业信息等支出")),
        ),
        (
            "subject-name-mismatch",
            "tables/gongkai04.csv",
            "公开04表",
            "50",
            None,
            (("科目代码", "220"), ("印出的名称", "自然资源海洋气象支出"), ("科目表中的名称", "自然资源海洋气象等支出")),
        ),
        (
            "subject-name-mismatch",
            "tables/gongkai06.csv",
            "公开06表",
            "30901",
            None,
            (("科目代码", "30901"), ("印出的名称", "房屋建筑物构建"), ("科目表中的名称", "房屋建筑物购建")),
        ),
        (
            "subject-name-mismatch",
            "tables/gongkai06.csv",
            "公开06表",
            "31001",
            None,
            (("科目代码", "31001"), ("印出的名称", "房屋建筑物构建"), ("科目表中的名称", "房屋建筑物购建")),
        ),
        (
            "amount-unit-yuan-text",
            "explanations.yaml",
            None,
            None,
            "sections.5.paragraphs.2",
            (("情况说明", "邮电费0.25元"), ("公开06表 科目30207「邮电费」", "0.25 万元")),
        ),
    ]


def test_the_yuan_finding_links_the_table_cell(report: CheckReport) -> None:
    (finding,) = [f for f in report.findings[XIANGYUAN] if f.code == "amount-unit-yuan-text"]
    assert [(r.table, r.row, r.anchor) for r in finding.related] == [("公开06表", "30207", "t06-r30207-c1")]


def test_sample_tables_balance_so_no_sum_rule_fires(report: CheckReport) -> None:
    assert report.checks_run[XIANGYUAN] > 300  # the table rules ran (sums, hierarchy, codes)
    others = [f for folder, found in report.findings.items() if folder != XIANGYUAN for f in found]
    # the other samples publish no tables, but 普陀区财政局 2024, whose tables tie within the tolerance (社会保障和就业
    # 326.71 in 公开01/04 against 326.72 in 公开02/03/05 is a rounding tail)
    assert [f for f in others if _is_table_rule(f)] == []
