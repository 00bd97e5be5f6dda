"""The sections of the 情况说明 the templates require, and which of them a disclosure prints.

One definition for the quality score (``quality.py``: 说明齐全) and the rule ``text-section-missing``
(``rules/sections.py``).  A 决算 (部门决算 / 单位决算, county ten-section or national template) explains each of
its tables and the other matters the 《地方预决算公开操作规程》 lists: 收入支出总体, 收入, 支出, 财政拨款收支总体,
一般公共预算财政拨款支出, 基本支出, 「三公」经费, 政府性基金, 国有资本经营, 机关运行经费, 政府采购, 国有资产,
预算绩效.  The 预算 templates differ (the national one explains each table, 上海's one opens with a 编制说明 of the
收支 and then lists the other matters), so a 预算 is held only to what both print: 收支预算, 「三公」经费,
机关运行经费, 政府采购, 国有资产 and 绩效目标.

A section is present when a heading of the 情况说明 (any level, numbering and year taken off) names it, or —
for a matter that may be stated in one line — when a sentence of the 情况说明 says the unit has none of it
(「本单位无政府性基金预算财政拨款收入和支出」): a section stated 「无」 is present.  The order and the numbering of
the sections are not checked here (``text-numbering-gap``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.models import Disclosure, TextSection

_LEAD = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分\s*)?(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)*(?:\d{4}年度?)?"
)


@dataclass(frozen=True)
class RequiredSection:
    name: str  # how a reader names it: 「政府采购支出情况」
    heading: re.Pattern[str]  # a heading naming it (numbering and year taken off)
    in_text: re.Pattern[str] | None = None  # a sentence stating it (「无…政府采购」, 「收入预算X万元」)


def _none_of(words: str) -> re.Pattern[str]:
    """A sentence saying there is none of it: 「本单位无政府性基金…」「…未发生政府采购…」."""
    return re.compile(rf"(?:无|没有|未发生|未安排)[^。；;，,]{{0,12}}(?:{words})")


def _section(name: str, heading: str, none_words: str = "") -> RequiredSection:
    return RequiredSection(name, re.compile(heading), _none_of(none_words) if none_words else None)


_SHARED = (
    ("机关运行经费", "机关运行经费"),
    ("政府采购", "政府采购"),
    ("国有资产占有使用", "国有资产"),
)
FINAL_ACCOUNT_SECTIONS = (
    _section("收入支出决算总体情况说明", r"(?<!拨款)(?:收入支出|收支)决算总体"),
    _section("收入决算情况说明", r"(?<![支拨款])收入决算"),
    _section("支出决算情况说明", r"(?<![入款本费])支出决算"),  # not 收入支出, 财政拨款, 基本支出, 「三公」经费支出
    _section("财政拨款收入支出决算总体情况说明", r"财政拨款收入?支出?决算总体"),
    _section("一般公共预算财政拨款支出决算情况说明", r"一般公共预算财政拨款支出决算"),
    _section("一般公共预算财政拨款基本支出决算情况说明", r"基本支出决算"),
    _section("财政拨款“三公”经费支出决算情况说明", r"三公", r"“?三公”?经费"),
    _section("政府性基金预算财政拨款收入支出决算情况说明", r"政府性基金", r"政府性基金"),
    _section("国有资本经营预算财政拨款收入支出决算情况说明", r"国有资本经营", r"国有资本经营"),
    *(_section(f"{name}情况说明", words, words) for name, words in _SHARED),
    _section("预算绩效管理情况说明", r"绩效", r"绩效"),
)
BUDGET_SECTIONS = (
    RequiredSection("收支预算情况说明", re.compile(r"收支预算|收入预算|支出预算|编制说明"), re.compile(r"收入预算")),
    _section("“三公”经费预算情况说明", r"三公", r"“?三公”?经费"),
    *(_section(f"{name}情况说明", words, words) for name, words in _SHARED),
    _section("绩效目标设置情况说明", r"绩效", r"绩效"),
)


def required_sections(d: Disclosure) -> tuple[RequiredSection, ...]:
    """The sections the template of ``d``'s family (决算 or 预算) requires."""
    return BUDGET_SECTIONS if d.kind == "预算" else FINAL_ACCOUNT_SECTIONS


def _walk(sections: Sequence[TextSection]) -> Iterator[TextSection]:
    for section in sections:
        yield section
        yield from _walk(section.subsections)


def _present(required: RequiredSection, headings: Sequence[str], paragraphs: Sequence[str]) -> bool:
    if any(required.heading.search(h) for h in headings):
        return True
    return required.in_text is not None and any(required.in_text.search(p) for p in paragraphs)


def missing_sections(d: Disclosure) -> tuple[RequiredSection, ...]:
    """The required sections ``d``'s 情况说明 does not print (all of them when it prints no 情况说明)."""
    sections = list(_walk(d.explanations))
    headings = [_LEAD.sub("", s.title.replace(" ", "")) for s in sections]
    paragraphs = [p for s in sections for p in s.paragraphs]
    return tuple(r for r in required_sections(d) if not _present(r, headings, paragraphs))
