"""A group or item of the economic classification stated larger than the 人员经费 or 公用经费 it belongs to, in
the 情况说明's section on the 基本支出 (``rules/prose_parts.py``, ``text-part-exceeds-whole``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import TextSection
from gongkai.rules.context import Checker
from gongkai.rules.prose_parts import check_basic_spending_parts
from table_fixtures import codes, corpus, disclosure

ECONOMIC = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "302": "商品和服务支出",
    "30201": "办公费",
    "303": "对个人和家庭的补助",
}
BASIC = "六、一般公共预算财政拨款基本支出决算情况说明"


def found(*paragraphs: str, title: str = BASIC) -> list[Diagnostic]:
    d = disclosure(explanations=(TextSection(title, paragraphs, line=3),))
    checker = Checker(d, replace(corpus(d), economic_codes=ECONOMIC))
    check_basic_spending_parts(checker)
    assert all(f.severity is RULE_CODES[f.code].severity for f in checker.findings)
    return codes(checker.findings, "text-part-exceeds-whole")


def test_an_item_of_personnel_spending_exceeds_it() -> None:
    (finding,) = found("人员经费122.91万元，公用经费15.51万元。", "工资和福利支出133.52万元，办公费1.20万元。")
    assert finding.figures == (("部分", "工资和福利支出133.52万元"), ("总数", "人员经费122.91万元"), ("多出", "10.61"))
    assert finding.location.anchor == "explanation-1-p2-s1" and finding.related[0].anchor == "explanation-1-p1-s1"
    # 办公费 belongs to the 公用经费 (15.51), not to the 人员经费
    assert found("人员经费122.91万元，公用经费0.50万元。", "办公费1.20万元。")[0].figures[1] == (
        "总数",
        "公用经费0.50万元",
    )
    assert found("人员经费122.91万元，公用经费15.51万元。", "工资福利支出120.00万元，办公费1.20万元。") == []


def test_only_within_the_basic_spending_section() -> None:
    # elsewhere 「工资福利支出」 may be of all spending, 项目支出 included: another base
    text = ("人员经费122.91万元。", "工资福利支出133.52万元。")
    assert found(*text, title="（二）支出情况") == []
    assert found("人员经费122.91万元。", "上年工资福利支出133.52万元。") == []  # last year's figure
