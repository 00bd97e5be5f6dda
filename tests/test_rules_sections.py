"""Sections of the 情况说明 the template requires (``template_sections.py``, ``rules/sections.py``,
``text-section-missing``), one definition shared with the quality score."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import Disclosure, TextSection
from gongkai.rules.context import Checker
from gongkai.rules.sections import check_required_sections
from gongkai.template_sections import BUDGET_SECTIONS, FINAL_ACCOUNT_SECTIONS, missing_sections
from table_fixtures import codes, corpus, disclosure

COUNTY = (  # the county ten-section 决算 (seed 002), other matters under 十
    "一、收入支出决算总体情况说明",
    "二、收入决算情况说明",
    "三、支出决算情况说明",
    "四、财政拨款收支决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、政府性基金预算财政拨款收支决算情况说明",
    "八、国有资本经营预算财政拨款支出决算情况说明",
    "九、财政拨款“三公”经费支出决算情况说明",
)
OTHERS = (
    "（一）机关运行经费支出情况说明",
    "（二）政府采购情况说明",
    "（三）国有资产占用情况说明",
    "（四）预算绩效情况说明",
)


def explained(*titles: str, others: tuple[str, ...] = OTHERS, text: str = "正文。") -> tuple[TextSection, ...]:
    subsections = tuple(TextSection(t, (text,)) for t in others)
    return (
        *(TextSection(t, (text,)) for t in titles),
        TextSection("十、其他重要事项情况说明", subsections=subsections),
    )


def missing(d: Disclosure) -> list[Diagnostic]:
    checker = Checker(d, corpus(d))
    check_required_sections(checker)
    assert all(f.severity is RULE_CODES[f.code].severity for f in checker.findings)
    return codes(checker.findings, "text-section-missing")


def test_a_complete_final_account_misses_nothing() -> None:
    assert missing(disclosure(explanations=explained(*COUNTY))) == []
    # the national template: 绩效 as 十, the other matters under 十一
    national = (*COUNTY, "十、预算绩效管理情况")
    assert missing_sections(disclosure(explanations=explained(*national, others=OTHERS[:3]))) == ()


def test_a_missing_section_is_named() -> None:
    (found,) = missing(disclosure(explanations=explained(*COUNTY[:6], *COUNTY[7:])))
    assert found.figures == (("应有", "政府性基金预算财政拨款收入支出决算情况说明"), ("情况说明", "未见此节"))
    assert "应写明「无」" in found.message and found.location.field == "sections"
    (purchase,) = missing(disclosure(explanations=explained(*COUNTY, others=OTHERS[:1] + OTHERS[2:])))
    assert ("应有", "政府采购情况说明") in purchase.figures


def test_a_section_stated_none_is_present() -> None:
    none = explained(*COUNTY[:6], *COUNTY[7:], text="本单位无政府性基金预算财政拨款收入和支出。")
    assert missing(disclosure(explanations=none)) == []


def test_budget_and_final_account_families_differ() -> None:
    budget = (
        TextSection("第三部分 情况说明", ("2025年，收入预算100.00万元。",)),
        TextSection("一、2025年“三公”经费预算情况说明", ("正文。",)),
        TextSection("二、机关运行经费预算", ("正文。",)),
        TextSection("三、政府采购预算情况", ("正文。",)),
        TextSection("四、绩效目标设置情况", ("正文。",)),
        TextSection("五、国有资产占有使用情况", ("正文。",)),
    )
    d = replace(disclosure(explanations=budget), kind="预算", document="部门预算")
    assert missing(d) == []  # the 预算 template does not explain every table in a section of its own
    assert len(missing_sections(replace(d, kind="决算", document="部门决算"))) == len(FINAL_ACCOUNT_SECTIONS) - 5
    assert len(missing_sections(replace(d, explanations=budget[1:]))) == 1 < len(BUDGET_SECTIONS)


def test_no_explanations_no_finding() -> None:
    assert missing(disclosure()) == []  # the score says it: 0 of the sections


def test_headings_are_matched_whatever_precedes_the_name() -> None:
    worded = tuple(t.replace("、", "、部门2023年度") for t in COUNTY)  # 「一、部门2023年度收入支出决算总体情况说明」
    assert missing(disclosure(explanations=explained(*worded))) == []
    # 「支出决算」 inside 收入支出, 基本支出 or 「三公」经费支出 is not the 支出决算 section
    (spending,) = missing(disclosure(explanations=explained(*COUNTY[:2], *COUNTY[3:])))
    assert ("应有", "支出决算情况说明") in spending.figures
