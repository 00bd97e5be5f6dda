"""``text-figure-conflict``: the same figure stated twice in a disclosure must be the same.

A disclosure often states one figure in several places: 人员经费 in the 情况说明 and in the 整体绩效报告,
the 一般公共预算财政拨款支出 in 五（一）, 五（二） and the report's 支出情况, a 类's 年初预算 in two sections.
Every amount of the 情况说明, the 概况 and the 整体绩效报告 (one scope), and of each project's own report and
analysis (a scope per project: the projects' texts name their own funds with the same words), is keyed by the
words that name it, and two amounts with the same key must agree within 0.01 (a rounding tail is no finding).

The key is what the figure's clause says (:func:`~gongkai.rules.text_figures.clause_of`), with the year of the
disclosure, list numbering (「1.」「（二）」「其中」) and connectives (「为」「是」) taken off.  A clause
that names only a measure (「支出决算为」「年初预算」) takes the subject of the sentence's first amount
(「一般公共服务支出年初预算198.32万元，支出决算188万元」 → 「一般公共服务支出·支出决算」); with none, the
figure is left out.  Figures of another year, of a change or comparison (「较上年」「上年结转」), of an
adjustment (「追加」「调整」) and clauses without a subject of their own (「采购金额」「项目资金」) never take part,
so figures of different things are never held against each other: only identical wording is compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.diagnostics import Severity
from gongkai.models import Disclosure
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import CENT, Checker, figure, signed
from gongkai.rules.prose_sums import texts_of
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location

_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．]|[一二三四五六七八九十]是|其中|主要包括|主要用于|包括)+"
)
_CONNECTIVE = re.compile(r"(?:为|是|达|共|约|总额|累计)+$")
_MEASURE = re.compile(
    r"(?:年初预算数?|全年预算数?|调整预算数?|预算数?|支出决算数?|决算数?|执行数|支出数|金额|采购金额|合计|总计|小计|共计支出|共计|支出|收入|资金|经费|绩效目标|完成情况|安排)+$"
)
_GENERIC = frozenset(
    {"", "本年", "全年", "当年", "其中", "项目", "本项目", "该项目", "部门", "本部门", "单位", "本单位", "全部"}
)
# a clause of another year, a change, a comparison or an adjustment: not the figure itself
_NOT_THE_FIGURE = (
    "上年",
    "去年",
    "上一年",
    "同期",
    "较",
    "比",
    "相比",
    "增加",
    "减少",
    "增长",
    "下降",
    "追加",
    "调整",
    "调增",
    "调减",
    "结转",
    "结余",
    "以上",
    "以下",
    "超过",
    "不超过",
    "累计",
    "平均",
    "每",
    "人均",
    "月",
    "季度",
)
_CONTINUATION = re.compile(r"^(?:涉及|用于|安排|下达|拨付|支付|发放|共有|其中)")  # the subject is in the clause before
_YEAR = re.compile(r"(?<!\d)(\d{4})年度?")


@dataclass(frozen=True)
class _Quote:
    key: str  # the words naming the figure, e.g. 「人员经费」 or 「一般公共服务支出·年初预算」
    figure: TextFigure
    file: str
    text: str  # how a message names the text: 情况说明, the report's title, a project's name


def _strip(clause: str, year: int) -> str:
    words = clause.replace("“", "").replace("”", "").replace('"', "").replace("（", "(").replace("）", ")")
    words = re.sub(rf"^(?:{year}年度?|本年度?)", "", words.strip(" 、，,"))
    words = _NUMBERING.sub("", words)
    words = re.sub(rf"^(?:{year}年度?|本年度?)", "", words)
    return _CONNECTIVE.sub("", words).strip(" 、:：")


def _subject(words: str) -> str:
    """What a clause is about without its measure: 「一般公共服务支出年初预算」 → 「一般公共服务支出」."""
    subject = _MEASURE.sub("", words)
    return "" if subject in _GENERIC or len(subject) < 2 else subject


def _key(f: TextFigure, first: TextFigure | None, year: int) -> str | None:
    """The words naming an amount, or ``None`` when it is not one figure of this year with a subject."""
    clause = clause_of(f)
    years = {int(y) for y in _YEAR.findall(f.subject)}
    if years - {year} or any(w in clause for w in _NOT_THE_FIGURE) or "%" in clause:
        return None
    words = _strip(clause, year)
    if _subject(words) and not _CONTINUATION.match(words):
        return words
    if first is None or first is f:
        return None
    named = _strip(clause_of(first), year)
    subject = _subject(named)
    if not subject or any(w in clause_of(first) for w in _NOT_THE_FIGURE) or not words:
        return None
    return f"{subject}·{_CONTINUATION.sub('', words)}"


def _quotes(file: str, text: str, sentences: Sequence[Sentence], year: int) -> Iterator[_Quote]:
    for sentence in sentences:
        amounts = [f for f in figures_in(sentence) if f.kind is FigureKind.AMOUNT]
        if not amounts:
            continue
        # the parts of an income (「收入…，其中一般公共服务…」) are not the same figures as the expense's parts
        head = clause_of(amounts[0])
        side = "收入：" if "收入" in head and "支出" not in head else ""
        for f in amounts:
            key = _key(f, amounts[0], year)
            if key is not None:
                yield _Quote(side + key, f, file, text)


def _scopes(d: Disclosure) -> Iterator[list[_Quote]]:
    """The disclosure's own texts together, then each project's texts by themselves."""
    yield [q for t in texts_of(d) for q in _quotes(t.file, t.name, t.sentences, d.year)]
    for p in d.projects:
        yield [
            *_quotes(p.file, p.name, tuple(walk_sentences(p.report, "report")), d.year),
            *_quotes(p.file, p.name, tuple(walk_sentences(p.analysis, "analysis")), d.year),
        ]


def check_equal_quotes(checker: Checker) -> None:
    """Every figure stated twice under the same words agrees with its first statement within 0.01."""
    for quotes in _scopes(checker.disclosure):
        first: dict[str, _Quote] = {}
        reported: set[tuple[str, object]] = set()
        for quote in quotes:
            earlier = first.setdefault(quote.key, quote)
            if earlier is quote:
                continue
            checker.checks_run += 1
            difference = quote.figure.wan - earlier.figure.wan
            if abs(difference) <= CENT or (quote.key, quote.figure.wan) in reported:
                continue
            reported.add((quote.key, quote.figure.wan))
            _report(checker, quote, earlier, difference)


def _report(checker: Checker, quote: _Quote, earlier: _Quote, difference: Decimal) -> None:
    name = quote.key.removeprefix("收入：").replace("·", "")
    there = earlier.figure.sentence
    here = quote.figure.sentence
    where_earlier = f"{earlier.text}{there.place}" if earlier.file != quote.file or there != here else "同一句前文"
    checker.add(
        "text-figure-conflict",
        Severity.ERROR,
        sentence_location(quote.file, here),
        f"{quote.text}{here.place}写「{name}」为 {quote.figure.raw}，而{where_earlier}写作 {earlier.figure.raw}，"
        f"同一个数前后不一致（相差 {signed(difference)} 万元，允许尾数误差 ±{figure(CENT)}）。",
        (("数字", name), ("此处所述", quote.figure.raw), ("前文所述", earlier.figure.raw)),
        related=[sentence_location(earlier.file, there)],
    )
