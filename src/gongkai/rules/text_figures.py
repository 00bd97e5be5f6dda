"""Figures stated in running Chinese text, each with the sentence it sits in.

The sentences, and their ids, are those of the text's outline (:mod:`gongkai.outline`), which the pages
render too.

Extracted kinds: amounts (「233.67万元」「1.2亿元」「0.25元」「19,044.27万元」, thousands separators ASCII or
full-width), changes (「增加21.37万元」), percentages
(「增长10.07%」「占47.2%」), scores (「得分95分」), counts (「3辆」「58批次」「268人次」) and years (「2023年」).
Each figure keeps its ``subject``: the text between the previous figure of the sentence (or the
sentence start; years do not count) and the figure, which names what the figure is about
(「，支出总计」, 「2023年度收入总计」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.diagnostics import Location
from gongkai.outline import Sentence

# 「19,044.27」「19，044.27」 (groups of three after a thousands separator) or a plain 「233.67」
_NUMBER = r"(?:(?<![\d.,，])\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
_SEPARATORS = str.maketrans("", "", ",，")
UP_WORDS = ("增加", "增长", "上升", "提高", "增")
DOWN_WORDS = ("减少", "下降", "降低", "减")
_CHANGE_WORD = "|".join(UP_WORDS[:-1] + DOWN_WORDS[:-1] + ("增", "减"))
COUNT_UNITS = ("批次", "人次", "辆", "台（套）", "台(套)", "个", "人", "名", "件", "批", "户", "次")
_FIGURE = re.compile(
    rf"(?P<year>(?<![\d.])\d{{4}})年"
    rf"|(?P<change_word>{_CHANGE_WORD})了?\s*(?P<change>{_NUMBER})\s*(?P<change_unit>亿元|万元|元)"
    rf"|(?P<percent>{_NUMBER})\s*[%％]"
    rf"|(?P<amount>{_NUMBER})\s*(?P<amount_unit>亿元|万元|元)"
    rf"|(?P<score>{_NUMBER})\s*分(?![之钟])"
    rf"|(?P<count>(?<![\d.])\d+)\s*(?P<count_unit>{'|'.join(re.escape(u) for u in COUNT_UNITS)})"
)
_SCORE_WORDS = ("得分", "评分", "自评", "分数", "评价结果", "总分")
_TO_WAN = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}


class FigureKind(StrEnum):
    AMOUNT = "amount"
    CHANGE = "change"
    PERCENT = "percent"
    SCORE = "score"
    COUNT = "count"
    YEAR = "year"


@dataclass(frozen=True)
class TextFigure:
    kind: FigureKind
    value: Decimal  # as printed (a change is unsigned: see ``direction``)
    unit: str  # 万元 / 亿元 / 元 / % / 分 / 辆 … / 年
    raw: str  # the matched text, e.g. 「增加21.37万元」
    subject: str  # text between the previous non-year figure (or the sentence start) and this one
    direction: int  # +1 for 增加/增长/上升, -1 for 减少/下降, 0 where no direction word precedes
    offset: int  # character offset of the figure within the sentence
    sentence: Sentence

    @property
    def wan(self) -> Decimal:
        """An amount or change in 万元."""
        return self.value * _TO_WAN.get(self.unit, Decimal(1))


def sentence_location(file: str, sentence: Sentence) -> Location:
    """Where a finding about a sentence points: its file, section line, paragraph field and anchor."""
    return Location(file, sentence.line, field=sentence.field, anchor=sentence.anchor)


def _direction(words: str) -> int:
    if any(words.endswith(w) for w in UP_WORDS):
        return 1
    if any(words.endswith(w) for w in DOWN_WORDS):
        return -1
    return 0


def figures_in(sentence: Sentence) -> list[TextFigure]:
    """The figures of one sentence, in order."""
    found: list[TextFigure] = []
    text = sentence.text
    previous_end = 0
    for match in _FIGURE.finditer(text):
        subject = text[previous_end : match.start()]
        kind, value, unit, direction = _classify(match, subject)
        if kind is None:
            continue
        found.append(
            TextFigure(
                kind,
                Decimal(value.translate(_SEPARATORS)),
                unit,
                match.group(0),
                subject,
                direction,
                match.start(),
                sentence,
            )
        )
        if kind is not FigureKind.YEAR:  # 「2023年度收入总计」: a year belongs to the subject that follows
            previous_end = match.end()
    return found


def _classify(match: re.Match[str], subject: str) -> tuple[FigureKind | None, str, str, int]:
    groups = match.groupdict()
    if groups["year"]:
        return FigureKind.YEAR, groups["year"], "年", 0
    if groups["change"]:
        return FigureKind.CHANGE, groups["change"], groups["change_unit"], _direction(groups["change_word"])
    if groups["percent"]:
        return FigureKind.PERCENT, groups["percent"], "%", _direction(subject.rstrip("了 "))
    if groups["amount"]:
        return FigureKind.AMOUNT, groups["amount"], groups["amount_unit"], 0
    if groups["score"]:
        if not any(w in subject for w in _SCORE_WORDS):
            return None, "", "", 0
        return FigureKind.SCORE, groups["score"], "分", 0
    return FigureKind.COUNT, groups["count"], groups["count_unit"], 0


def clause_of(figure: TextFigure) -> str:
    """The clause a figure closes: its subject after the last 「，：」 (「其中：财政拨款收入」 → 「财政拨款收入」);
    「、」 separates list items but also joins names (「收、支总计」), so it is only stripped at the start."""
    return re.split(r"[，,：:]", figure.subject)[-1].strip(" 、")
