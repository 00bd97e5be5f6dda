"""Slips in the wording: numbering that skips or repeats, sentences that contradict their own figures,
percentages printed without 「%」 (``rules/prose_slips.py``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import GlossaryEntry, TextSection
from gongkai.rules.context import Checker
from gongkai.rules.prose_slips import check_slips, heading_number
from table_fixtures import codes, corpus, disclosure, run


def found(code: str, *sections: TextSection) -> list[Diagnostic]:
    findings = run(check_slips, explanations=sections)
    assert all(f.severity is RULE_CODES[f.code].severity for f in findings)
    return codes(findings, code)


def test_heading_numbers() -> None:
    titles = ("十三、乙", "（二十）丙", "3.丁", "（4）戊", "年度工作")
    assert [heading_number(t) for t in titles] == [(0, 13), (1, 20), (2, 3), (3, 4), None]


def test_numbering_that_skips_or_repeats() -> None:
    def titles(*names: str) -> TextSection:
        return TextSection(
            "一、情况说明", subsections=tuple(TextSection(n, ("正文。",), line=i) for i, n in enumerate(names))
        )

    (gap,) = found("text-numbering-gap", titles("（一）收入", "（二）支出", "（四）结余"))
    assert gap.figures == (("前一个标题", "（二）支出"), ("本标题", "（四）结余"))
    (repeat,) = found("text-numbering-gap", titles("（3）项目管理", "（4）采购管理", "（4）资产管理"))
    assert "重复" in repeat.message
    assert (
        found("text-numbering-gap", titles("（一）收入", "年度总体工作", "（三）结余")) == []
    )  # a heading lost its number
    assert found("text-numbering-gap", titles("（一）收入", "（2）支出", "（3）结余")) == []  # mixed styles: no gap
    inline = TextSection(
        "一、主要职能",
        subsections=(
            TextSection("（七）负责会计管理工作", ("组织实施会计制度。（八）负责非税收入管理。",)),
            TextSection("（九）拟订国库管理制度", ("正文。",)),
        ),
    )
    assert found("text-numbering-gap", inline) == []  # （八） is printed, inside the text before


def test_glossary_numbering() -> None:
    entries = tuple(
        GlossaryEntry(term, "释义", number) for term, number in (("甲", "十二"), ("乙", "十三"), ("丙", "十五"))
    )
    d = replace(disclosure(), glossary=entries)
    checker = Checker(d, corpus(d))
    check_slips(checker)
    (gap,) = codes(checker.findings, "text-numbering-gap")
    assert gap.figures == (("前一条", "十三、乙"), ("本条", "十五、丙"))


def test_stated_relation_of_actual_and_budget_must_hold() -> None:
    text = "全年预算为195.31万元，支出决算为{}万元，完成全年预算的100%。决算数等于全年预算数。"
    (finding,) = found("text-self-contradiction", TextSection("（三）具体情况", (text.format("190.00"),)))
    assert ("决算", "190.00万元") in finding.figures
    assert found("text-self-contradiction", TextSection("（三）具体情况", (text.format("195.31"),))) == []
    smaller = "年初预算为10.00万元，支出决算为{}万元。决算数小于预算数的主要原因：调减。"
    assert len(found("text-self-contradiction", TextSection("（三）", (smaller.format("10.00"),)))) == 1
    assert found("text-self-contradiction", TextSection("（三）", (smaller.format("9.00"),))) == []


def test_a_change_said_to_be_flat() -> None:
    (finding,) = found("text-self-contradiction", TextSection("（一）", ("公务接待费减少为0.00万元，与上年持平。",)))
    assert "持平" in finding.message
    assert found("text-self-contradiction", TextSection("（一）", ("公务接待费增加0万元，与上年持平。",))) == []


def test_percentage_without_its_sign() -> None:
    (finding,) = found("text-percent-sign-missing", TextSection("二、收入", ("财政拨款收入233.67万元，占比63.91；",)))
    assert finding.figures == (("文字所述", "占比63.91"),)
    assert found("text-percent-sign-missing", TextSection("二、收入", ("财政拨款收入233.67万元，占比63.91%；",))) == []
