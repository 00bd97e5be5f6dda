"""Sums and balances a text states by itself (情况说明, 概况, 整体绩效报告), with no table to lean on.

- ``text-parts-sum``: a total and the parts listed after 「其中」「主要包括」「主要用于」 (in the same
  sentence, in a bracket 「（其中…）」, or one part per following paragraph when the paragraph ends with
  「其中：」).  Parts are matched to the total by kind (an amount or a change) and measure (预算 or
  决算).  Parts that exceed the total are always a contradiction; parts that fall short only when they
  are the 功能分类 类 (which cover a total by definition).  A nested 「（其中…）」 is a sub-list, not
  parts; a 款 among 类 (「就业补助」 in 社会保障和就业) is left out.  When the total states no change but
  its 类 do, the 类 changes are held against the change the text states for the total elsewhere.
- ``text-part-exceeds-whole``: a list of one part (「基本支出138.42万元，其中：人员经费122.91万元」) has no sum to
  compare, but the part cannot be larger than the total just before the list head (same kind and measure).
- ``text-income-expense``: 「…收入 X万元」 and 「…支出 Y万元」 with the same prefix in a text that also
  states an opening balance (年初结转/结余): income and opening balance must cover expense and closing
  balance (equal when both balances are stated).

Tolerance: a total against the sum of n printed parts within max(0.01, 0.005 × (n + 1)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.diagnostics import Severity
from gongkai.models import Disclosure, TextSection
from gongkai.outline import Sentence, walk_sentences
from gongkai.rules.context import CENT, Checker, figure, signed, sum_tolerance
from gongkai.rules.prose_last_year import is_last_year
from gongkai.rules.prose_targets import is_budget
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location

_LIST_HEADS = ("其中", "主要包括", "主要用于")
_ITEM_ENDS = ("；", ";", "，", ",")  # a paragraph ending so was cut inside a list (a PDF's line break)
_OPEN, _CLOSE = "（(", "）)"
_YEAR_PREFIX = re.compile(r"^(?:\d{4}年度?|本年度?|与上年相比|与\d{4}年度?相比)+")
_MEASURE = re.compile(r"(?:年初预算数?|全年预算数?|调整预算数?|支出决算数?|决算数?|预算数?)(?:为|是)?$")
_BASIC_PROJECT = ("基本支出", "项目支出")


@dataclass(frozen=True)
class DisclosureText:
    """One running text of a disclosure, as the rules on wording and sums see it."""

    file: str
    name: str  # how a message names the text: 情况说明, 概况, the report's title
    key: str  # id prefix of its sections on the page (``markup.text_sections``)
    sections: tuple[TextSection, ...]
    sentences: tuple[Sentence, ...]


def texts_of(d: Disclosure) -> Iterator[DisclosureText]:
    """The 情况说明, the 概况 and the 整体绩效报告 of a disclosure (those it has), sentences numbered as on the page."""
    if d.explanations:
        sentences = tuple(walk_sentences(d.explanations, "explanation"))
        yield DisclosureText(f"{d.folder}/explanations.yaml", "情况说明", "explanation", d.explanations, sentences)
    if d.overview is not None:
        sentences = tuple(walk_sentences(d.overview.sections, "overview"))
        yield DisclosureText(d.overview.file, "概况", "overview", d.overview.sections, sentences)
    if d.overall is not None:
        sentences = tuple(walk_sentences(d.overall.sections, "report"))
        yield DisclosureText(d.overall.file, d.overall.title or "整体绩效报告", "report", d.overall.sections, sentences)


def _class_cores(checker: Checker) -> tuple[str, ...]:
    """The 功能分类 类 names without 「支出」 (「一般公共服务」, 「社会保障和就业」 …), any year."""
    names = {
        name.removesuffix("支出")
        for codes in checker.corpus.function_codes.values()
        for code, name in codes.items()
        if len(code) == 3
    }
    return tuple(
        sorted(n for n in names if len(n) >= 2 and n != "其他")
    )  # 「其他支出」 would match 「其他工资福利支出」


def _core(clause: str) -> str:
    """What a total is about, without year and measure: 「2023年度一般公共预算财政拨款支出年初预算」 → 「一般公共预算财政拨款支出」."""
    return _MEASURE.sub("", _YEAR_PREFIX.sub("", clause.strip(" ，,：:"))).rstrip("为是共均")


def _signed(f: TextFigure) -> Decimal:
    return f.wan * (f.direction or 1) if f.kind is FigureKind.CHANGE else f.wan


class ProseSums:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.year = checker.disclosure.year
        self.classes = _class_cores(checker)

    def run(self) -> None:
        for text in texts_of(self.checker.disclosure):
            figures = {s: figures_in(s) for s in text.sentences}
            sections: dict[str, list[Sentence]] = {}
            for s in text.sentences:
                sections.setdefault(s.section_key, []).append(s)
            for sentences in sections.values():
                for index, sentence in enumerate(sentences):
                    for head in re.finditer("|".join(_LIST_HEADS), sentence.text):
                        self._list(text, sentences, index, head.start(), len(head.group(0)), figures)
            self._balance(text, figures)

    # ---- totals and their listed parts
    def _list(
        self,
        text: DisclosureText,
        sentences: Sequence[Sentence],
        index: int,
        at: int,
        width: int,
        figures: dict[Sentence, list[TextFigure]],
    ) -> None:
        sentence = sentences[index]
        heads = [f for f in figures[sentence] if f.offset < at and f.kind in (FigureKind.AMOUNT, FigureKind.CHANGE)]
        if not heads and index > 0 and sentences[index - 1].paragraph == sentence.paragraph:
            previous = figures[sentences[index - 1]]
            heads = [f for f in previous if f.kind in (FigureKind.AMOUNT, FigureKind.CHANGE)]
        heads = [h for h in heads if not is_last_year(h, self.year)]
        if not heads:
            return
        parts = self._listed(sentences, index, at, width, figures)
        for total in heads:
            same = [
                p
                for p in parts
                if p.kind is total.kind
                and is_budget(clause_of(p)) == is_budget(clause_of(total))
                and not is_last_year(p, self.year)
            ]
            if total is heads[-1] and len(same) == 1 and total.kind is FigureKind.AMOUNT:
                self.checker.checks_run += 1  # one part: no sum to compare, but it cannot exceed its total
                part_exceeds_whole(self.checker, text, same[0], total)
            self._compare(text, total, same, parts)

    def _listed(
        self,
        sentences: Sequence[Sentence],
        index: int,
        at: int,
        width: int,
        figures: dict[Sentence, list[TextFigure]],
    ) -> list[TextFigure]:
        """The figures listed after the list head at ``at`` of ``sentences[index]``, in order."""
        first = sentences[index]
        bracketed = first.text[:at].rstrip().endswith(tuple(_OPEN))
        last_of_paragraph = index + 1 == len(sentences) or sentences[index + 1].paragraph != first.paragraph
        across = last_of_paragraph and not first.text[at + width :].strip(" ：:。；;")
        depth, skipping, stopped = 0, 0, False
        listed: list[TextFigure] = []
        for j in range(index, len(sentences)):
            sentence = sentences[j]
            if j > index and sentence.paragraph != sentences[j - 1].paragraph:
                if not across and not self._runs_on(sentences, j):
                    break
                stopped = False  # one part per paragraph: a nested list inside one item ends only that item
            starts = {f.offset: f for f in figures[sentence]}
            if (
                j > index
                and not bracketed
                and not across
                and sentences[j - 1].text.rstrip().endswith(("。", "！", "？"))
            ):
                break  # an inline list ends with its sentence (a 「；」 only separates its items)
            position = at + width if j == index else 0
            while position < len(sentence.text):
                char = sentence.text[position]
                if char in _OPEN:
                    depth += 1
                    if skipping or sentence.text.startswith("其中", position + 1):
                        skipping += 1
                elif char in _CLOSE:
                    if depth == 0:
                        if bracketed:
                            return listed
                    else:
                        depth -= 1
                        skipping = max(0, skipping - 1)
                elif not skipping and any(sentence.text.startswith(h, position) for h in _LIST_HEADS):
                    if not across:
                        return listed
                    stopped = True
                found = starts.get(position)
                if found is not None and not skipping and not stopped:
                    listed.append(found)
                position += 1
        return listed

    @staticmethod
    def _runs_on(sentences: Sequence[Sentence], j: int) -> bool:
        """Whether an inline list goes on in the paragraph starting at ``sentences[j]``: the one before ends
        inside the list (「；」, a PDF's line break) and this one opens no list of its own (it is not a
        sibling of the total, 「公用经费…，主要包括」 after 「人员经费…，主要包括…；」)."""
        paragraph = "".join(s.text for s in sentences[j:] if s.paragraph == sentences[j].paragraph)
        return sentences[j - 1].text.rstrip().endswith(_ITEM_ENDS) and not any(h in paragraph for h in _LIST_HEADS)

    def _is_class(self, f: TextFigure) -> bool:
        """Whether a listed figure is about a 功能分类 类: by its own subject or the one its list item opens with."""
        opening = next((g for g in figures_in(f.sentence) if g.kind is not FigureKind.YEAR), f)
        label = f.subject if opening is f else f"{opening.subject}，{f.subject}"
        segments = [seg.strip().removeprefix("其中") for seg in re.split(r"[，,：:；;、]", label)]
        return any(seg.startswith(c) for seg in segments for c in self.classes)

    def _compare(
        self, text: DisclosureText, total: TextFigure, parts: list[TextFigure], listed: list[TextFigure]
    ) -> None:
        named = [p for p in parts if self._is_class(p)]
        exhaustive = len(named) >= 2
        if exhaustive:
            parts = named
        elif len(parts) == 2 and all(any(b in clause_of(p) for b in _BASIC_PROJECT) for p in parts):
            exhaustive = True
        if total.kind is FigureKind.AMOUNT and exhaustive and not any(p.kind is FigureKind.CHANGE for p in parts):
            changes = [p for p in listed if p.kind is FigureKind.CHANGE and self._is_class(p)]
            if len(changes) >= 2:
                self._changes(text, total, changes)
        if len(parts) < 2:
            return
        self.checker.checks_run += 1
        stated = _signed(total)
        summed = sum((_signed(p) for p in parts), Decimal(0))
        difference = stated - summed
        tolerance = sum_tolerance(len(parts))
        if abs(difference) <= tolerance or (difference > 0 and not exhaustive):
            return
        self._report(text, total, parts, summed, difference, tolerance)

    def _changes(self, text: DisclosureText, total: TextFigure, changes: list[TextFigure]) -> None:
        """The 类 changes of a list against the change the text states for the total itself."""
        core = _core(clause_of(total))
        stated = next(
            (
                f
                for s in text.sentences
                for f in figures_in(s)
                if f.kind is FigureKind.CHANGE and core and _core(clause_of(f)) == core
            ),
            None,
        )
        if stated is None:
            return
        self.checker.checks_run += 1
        summed = sum((_signed(p) for p in changes), Decimal(0))
        difference = _signed(stated) - summed
        tolerance = sum_tolerance(len(changes))
        if abs(difference) > tolerance:
            self._report(text, stated, changes, summed, difference, tolerance)

    def _report(
        self,
        text: DisclosureText,
        total: TextFigure,
        parts: list[TextFigure],
        summed: Decimal,
        difference: Decimal,
        tolerance: Decimal,
    ) -> None:
        change = total.kind is FigureKind.CHANGE
        what = "各类变动之和" if change else "所列各项之和"
        listed = "文中各类的变动" if change else "随后列出的各项"
        self.checker.add(
            "text-parts-sum",
            Severity.ERROR,
            sentence_location(text.file, total.sentence),
            f"{text.name}{total.sentence.place}写「{clause_of(total)}{total.raw}」，而{listed}"
            f"（{'、'.join(p.raw for p in parts)}）合计 {figure(summed)} 万元，相差 {signed(difference)} 万元"
            f"（允许尾数误差 ±{figure(tolerance.normalize())}）。",
            (("文字所述总数", total.raw), (what, figure(summed)), ("差额", signed(difference))),
            related=list(
                dict.fromkeys(sentence_location(text.file, p.sentence) for p in parts if p.sentence != total.sentence)
            ),
        )

    # ---- 收支平衡
    def _balance(self, text: DisclosureText, figures: dict[Sentence, list[TextFigure]]) -> None:
        amounts = [
            f
            for s in text.sentences
            for f in figures[s]
            if f.kind is FigureKind.AMOUNT and not is_last_year(f, self.year) and not is_budget(clause_of(f))
        ]
        opening = next((f for f in amounts if re.search("年初(?:结转|结余)", clause_of(f))), None)
        closing = next((f for f in amounts if re.search("年末(?:结转|结余)", clause_of(f))), None)
        if opening is None:
            return  # without the opening balance, spending more than the income can be right
        incomes = {self._prefix(f, "收入"): f for f in amounts if self._prefix(f, "收入")}
        for f in amounts:
            prefix = self._prefix(f, "支出")
            income = incomes.get(prefix) if prefix else None
            if income is None:
                continue
            self.checker.checks_run += 1
            available = income.wan + opening.wan
            used = f.wan + (closing.wan if closing is not None else Decimal(0))
            tolerance = sum_tolerance(3 if closing is None else 4)
            if used - available <= tolerance and (closing is None or abs(used - available) <= tolerance):
                continue
            shown = [income, opening, f, *([closing] if closing is not None else [])]
            self.checker.add(
                "text-income-expense",
                Severity.ERROR,
                sentence_location(text.file, f.sentence),
                f"{text.name}{f.sentence.place}：收入 {income.raw} 加年初结转和结余 {opening.raw}，共 {figure(available)} 万元；"
                f"支出 {f.raw}"
                + (f" 加年末结转和结余 {closing.raw}" if closing is not None else "")
                + f"，共 {figure(used)} 万元，收支对不上（相差 {signed(available - used)}）。",
                (
                    ("收入＋年初结转", figure(available)),
                    ("支出＋年末结转", figure(used)),
                    ("差额", signed(available - used)),
                ),
                related=[sentence_location(text.file, g.sentence) for g in shown if g.sentence != f.sentence],
            )

    @staticmethod
    def _prefix(f: TextFigure, word: str) -> str:
        """「部门财政资金」 for 「部门财政资金收入」 (with ``word`` 收入): the total's name without year and the word."""
        clause = _YEAR_PREFIX.sub("", clause_of(f)).rstrip("为是共均")
        return clause.removesuffix(word) if clause.endswith(word) and len(clause) > len(word) else ""


def part_exceeds_whole(checker: Checker, text: DisclosureText, part: TextFigure, whole: TextFigure) -> None:
    """``text-part-exceeds-whole`` when a part stated in ``text`` is larger than the whole it is part of."""
    difference = part.wan - whole.wan
    if difference <= CENT:
        return
    here = "同一句" if whole.sentence == part.sentence else f"{whole.sentence.place}"
    checker.add(
        "text-part-exceeds-whole",
        Severity.ERROR,
        sentence_location(text.file, part.sentence),
        f"{text.name}{part.sentence.place}写「{clause_of(part)}{part.raw}」，它是{here}「{clause_of(whole)}{whole.raw}」"
        f"的一部分，却比总数还多 {figure(difference)} 万元（允许尾数误差 ±{figure(CENT)}）。",
        (
            ("部分", f"{clause_of(part)}{part.raw}"),
            ("总数", f"{clause_of(whole)}{whole.raw}"),
            ("多出", figure(difference)),
        ),
        related=[sentence_location(text.file, whole.sentence)] if whole.sentence != part.sentence else [],
    )


def check_prose_sums(checker: Checker) -> None:
    ProseSums(checker).run()
