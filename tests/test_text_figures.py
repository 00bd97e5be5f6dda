"""Figures in running Chinese text: kinds, values, units, directions, subjects and sentence positions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gongkai.address import sentence_anchor
from gongkai.markup import environment, text_sections
from gongkai.models import TextSection
from gongkai.outline import Sentence, split_sentences, walk_sentences
from gongkai.rules.text_figures import FigureKind, clause_of, figures_in


def figures(text: str) -> list[tuple[str, str, str, int]]:
    sentence = Sentence("explanation-1", ("一、",), 1, 1, text, "sections.0.paragraphs.0", 3)
    return [(f.kind.value, str(f.value), f.unit, f.direction) for f in figures_in(sentence)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入总计233.67万元", [("amount", "233.67", "万元", 0)]),
        ("资产总额1.2亿元", [("amount", "1.2", "亿元", 0)]),
        ("邮电费0.25元", [("amount", "0.25", "元", 0)]),
        ("收入总计增加21.37万元，增长10.07%", [("change", "21.37", "万元", 1), ("percent", "10.07", "%", 1)]),
        ("比上年减少0.64万元，下降4.63%", [("change", "0.64", "万元", -1), ("percent", "4.63", "%", -1)]),
        ("基本支出149.34万元，占比63.91%", [("amount", "149.34", "万元", 0), ("percent", "63.91", "%", 0)]),
        ("占47.2％", [("percent", "47.2", "%", 0)]),
        ("自评得分为94.5分", [("score", "94.5", "分", 0)]),
        ("该项目评价得分98分", [("score", "98", "分", 0)]),
        ("共接待58批次，268人次", [("count", "58", "批次", 0), ("count", "268", "人次", 0)]),
        ("共有车辆3辆", [("count", "3", "辆", 0)]),
        ("截至2023年12月31日", [("year", "2023", "年", 0)]),
        ("2023年度收入合计", [("year", "2023", "年", 0)]),
        ("单价100万元(含)以上设备0台（套）", [("amount", "100", "万元", 0), ("count", "0", "台（套）", 0)]),
        ("基本支出19,044.27万元", [("amount", "19044.27", "万元", 0)]),  # was read as 44.27
        ("收入总计1，234,567.8万元", [("amount", "1234567.8", "万元", 0)]),  # full-width separator too
        ("增加1,200万元，增长5%", [("change", "1200", "万元", 1), ("percent", "5", "%", 1)]),
        ("收入12万元，345人次", [("amount", "12", "万元", 0), ("count", "345", "人次", 0)]),  # a clause comma
        ("2023，2024年", [("year", "2024", "年", 0)]),
        ("满分100分之内", []),  # 「分」 without a score word before it is no score
    ],
)
def test_figures_of_a_sentence(text: str, expected: list[tuple[str, str, str, int]]) -> None:
    assert figures(text) == expected


def test_amounts_convert_to_wan() -> None:
    sentence = Sentence("k", (), 1, 1, "甲1.2亿元，乙650元，丙3万元", "", None)
    assert [f.wan for f in figures_in(sentence)] == [Decimal("12000.0"), Decimal("0.0650"), Decimal(3)]


def test_subject_is_the_text_since_the_previous_figure() -> None:
    sentence = Sentence("k", (), 1, 1, "2023年度收入总计233.67万元，支出总计233.66万元。", "", None)
    amounts = [f for f in figures_in(sentence) if f.kind is FigureKind.AMOUNT]
    assert [f.subject for f in amounts] == ["2023年度收入总计", "，支出总计"]  # a year is part of the subject
    assert [clause_of(f) for f in amounts] == ["2023年度收入总计", "支出总计"]


def test_figure_keeps_its_offset_in_the_sentence() -> None:
    sentence = Sentence("k", (), 1, 1, "其中：基本支出149.34万元", "", None)
    (found,) = figures_in(sentence)
    assert sentence.text[found.offset :].startswith("149.34万元")


def test_sentences_split_after_full_stops_and_semicolons() -> None:
    text = "收入233.67万元；支出233.67万元。主要原因是增加项目！无"
    assert split_sentences(text) == ["收入233.67万元；", "支出233.67万元。", "主要原因是增加项目！", "无"]
    assert "".join(split_sentences(text)) == text


def test_sentence_anchor_numbers_sections_like_the_page() -> None:
    sections = (
        TextSection("一、总体", ("甲。乙。",)),
        TextSection("二、结构", subsections=(TextSection("（一）", ("丙", "丁；戊")),), line=7),
    )
    found = [(s.anchor, s.text, s.field, s.titles[-1]) for s in walk_sentences(sections, "explanation")]
    assert found == [
        ("explanation-1-p1-s1", "甲。", "sections.0.paragraphs.0", "一、总体"),
        ("explanation-1-p1-s2", "乙。", "sections.0.paragraphs.0", "一、总体"),
        ("explanation-2-1-p1-s1", "丙", "sections.1.subsections.0.paragraphs.0", "（一）"),
        ("explanation-2-1-p2-s1", "丁；", "sections.1.subsections.0.paragraphs.1", "（一）"),
        ("explanation-2-1-p2-s2", "戊", "sections.1.subsections.0.paragraphs.1", "（一）"),
    ]
    assert sentence_anchor("report-3", 2, 1) == "report-3-p2-s1"
    page = text_sections(environment(), sections, None, 3, "explanation")
    assert re.findall(r'<span class="gk-sentence" id="([^"]+)">([^<]*)</span>', page) == [
        (s.anchor, s.text) for s in walk_sentences(sections, "explanation")
    ]  # the page renders the outline the rules read
