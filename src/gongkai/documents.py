"""What a disclosure is, as a reader names it: 部门决算, 单位预算, 整体支出绩效评价报告 …; whether it is
a 参考格式 still unfilled; and the totals a document without tables states in its own text.

``disclosure.yaml`` may say ``document:``; without it the kind is derived from the title, ``kind`` and the
parts (:func:`gongkai.schema.default_document`), so data written before the field existed still loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import get_args

from gongkai.models import Disclosure, TextSection
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in
from gongkai.schema import DocumentKind

DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
BUDGET_DOCUMENTS = ("部门预算", "单位预算")
REPORT_DOCUMENTS = DOCUMENT_KINDS[4:]  # 整体支出绩效自评报告, 整体支出绩效评价报告, 项目绩效自评
UNFILLED = "参考格式（未填写）"
REPORT_KEY = "report"  # section ids of the 整体 report's text (as its page numbers them)


def document_rank(d: Disclosure) -> int:
    """Which of a unit's disclosures of one year and kind speaks for the unit in figures compared or summed
    across units (lowest first): its 部门 document (which includes the unit's own 单位 figures), then the 单位
    one, then a 绩效 report."""
    return DOCUMENT_KINDS.index(d.document) if d.document in DOCUMENT_KINDS else len(DOCUMENT_KINDS)


def one_per_unit_year(disclosures: Iterable[Disclosure]) -> list[Disclosure]:
    """The disclosures (in their order) that speak for their unit, year and kind (:func:`document_rank`):
    a 单位预算 published beside the 部门预算 is not counted twice."""
    ranked = list(disclosures)
    best: dict[tuple[str, str, int, str], Disclosure] = {}
    for d in sorted(ranked, key=document_rank):
        best.setdefault((d.unit.region_slug, d.unit.slug, d.year, d.kind), d)
    return [d for d in ranked if best[(d.unit.region_slug, d.unit.slug, d.year, d.kind)] is d]


def page_title(d: Disclosure) -> str:
    """The page and search title: 「襄垣县信访局 2023年度单位决算公开」, 「… 2021年度整体支出绩效评价报告」."""
    return d.name if d.document in REPORT_DOCUMENTS else f"{d.name}公开"


# ------------------------------------------------------------------------------ unfilled 参考格式

_FORM_FIELD = re.compile(
    r"^\s*(?P<field>部门名称|单位名称|填报单位|填报人|联系电话|填报日期|所属下级预算单位数量|单位负责人|财务负责人)"
    r"\s*[:：]\s*(?P<value>（(?:公章|盖章)）|\((?:公章|盖章)\))?\s*$"
)
_PLACEHOLDER_NAME = re.compile(r"[XＸxｘ×]{2,}(?:省|市|县|区|局|单位|部门)")
BLANK_FIELDS_MIN = 2  # one blank 联系电话 is an omission; two or more blank cover fields are a template


@dataclass(frozen=True)
class Placeholder:
    text: str  # as printed, e.g. 「填报人：」 or 「XX局」
    sentence: Sentence


def _report_sentences(d: Disclosure) -> Iterator[Sentence]:
    if d.overall is not None:
        yield from walk_sentences(d.overall.sections, REPORT_KEY)


def placeholders(d: Disclosure) -> tuple[Placeholder, ...]:
    """The unfilled parts of a 参考格式: blank cover fields (「填报人：」, 「部门名称：（公章）」) when there are
    at least :data:`BLANK_FIELDS_MIN`, and placeholder names (「XX局」) anywhere in the 整体 report."""
    blanks: list[Placeholder] = []
    names: list[Placeholder] = []
    for sentence in _report_sentences(d):
        field = _FORM_FIELD.match(sentence.text)
        if field is not None:
            blanks.append(Placeholder(sentence.text.strip(), sentence))
        names.extend(Placeholder(m.group(0), sentence) for m in _PLACEHOLDER_NAME.finditer(sentence.text))
    return tuple((blanks if len(blanks) >= BLANK_FIELDS_MIN else []) + names)


def is_unfilled(d: Disclosure) -> bool:
    return bool(placeholders(d))


def document_label(d: Disclosure) -> str:
    """The kind as shown beside titles: 「整体支出绩效自评报告 · 参考格式（未填写）」."""
    return f"{d.document} · {UNFILLED}" if is_unfilled(d) else d.document


# --------------------------------------------------------------------- totals stated in the text

_LEAD = r"(?:[（(]?[\d一二三四五六七八九十]+[)）、.．]\s*)?(?:\d{4}年度?)?"
STATED_TOTALS = (  # card label, what the clause before the amount must be (whole clause)
    ("收入总计", re.compile(rf"{_LEAD}(?:部门|单位)?(?:财政资金|决算|预算)?收入(?:总计|合计|总额)?(?:是|为|共计)?")),
    ("支出总计", re.compile(rf"{_LEAD}(?:部门|单位)?(?:财政资金|决算|预算)?支出(?:总计|合计|总额)?(?:是|为|共计)?")),
    ("年初预算", re.compile(rf"{_LEAD}(?:[^，,：:]{{0,6}}财政)?年初(?:预算数?|安排)(?:是|为)?")),
    ("全年执行数", re.compile(rf"{_LEAD}全年执行数?(?:是|为)?")),
)


@dataclass(frozen=True)
class StatedTotal:
    label: str  # 收入总计 / 支出总计 / 年初预算 / 全年执行数
    figure: TextFigure


def stated_totals(sections: Sequence[TextSection], key: str = REPORT_KEY) -> tuple[StatedTotal, ...]:
    """The first amount the text states for each of :data:`STATED_TOTALS`, in that order: the clause before
    the amount must be exactly such a total (「部门财政资金收入」, 「2024年部门决算收入是」, 「全年执行数」), so
    a part (「社会保障和就业支出」, 「其中：…」) never stands for the whole."""
    found: dict[str, StatedTotal] = {}
    for sentence in walk_sentences(sections, key):
        for f in figures_in(sentence):
            if f.kind is not FigureKind.AMOUNT or f.unit != "万元":
                continue
            clause = clause_of(f)
            for label, pattern in STATED_TOTALS:
                if label not in found and pattern.fullmatch(clause):
                    found[label] = StatedTotal(label, f)
    return tuple(found[label] for label, _ in STATED_TOTALS if label in found)
