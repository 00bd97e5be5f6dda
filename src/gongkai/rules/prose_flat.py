"""``text-flat-contradicted``: a figure said to be unchanged from last year (「持平」) that the disclosure's own
figures say changed.

A claim is 「…持平」「…无变化」「…没有变化」「…保持不变」 in a sentence that compares with last year (上年,
去年, or the year before the disclosure's: 「与2023年度相比，财政拨款收入支出总计持平」, 「与2024年预算持平」);
「基本持平」 (roughly) and a comparison of 决算 with 预算 (「决算数与预算数持平」, :mod:`prose_slips`) are not.
The claim is bound to its own clause: the subject is what the clause names before the word (「财政拨款收入支出
总计」), or, when the clause names only the comparison, the subject of the amount stated just before it
(「公务接待费1.00万元。与2024年预算持平」 → 公务接待费).

It is contradicted by
- a change of last year stated for the same subject anywhere in the disclosure's texts (「公务接待费增加0.5万元」),
  against the same figure of last year (a 预算 「与2024年预算持平」 is not contradicted by 「比2024年预算执行数增加」);
- for the 财政拨款 total of a 决算 (「财政拨款收入支出总计」「财政拨款支出」): a stated decrease of the
  一般公共预算财政拨款支出, which is part of it.  Last year's 财政拨款 spending was at least last year's
  一般公共预算财政拨款支出 (this year's, from 公开05, plus the decrease), and last year's 总计 adds its 年末结转和
  结余, which is this year's 年初财政拨款结转和结余 (公开04); when that lower bound exceeds this year's figure
  (公开04), the total fell and was not 「持平」;
- where the site has the unit's disclosure of the year before (same kind): the claim's figure in this year's table
  against the same cell there (a 决算's 「与上年持平」 against last year's 决算, a 预算's 「与2024年预算持平」 against
  last year's 预算), tied as the 情况说明's figures are (:func:`~gongkai.rules.budget_text.text_targets`).

Tolerance: two printed amounts within 0.01; a sum of n printed amounts, max(0.01, 0.005 × (n + 1)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from gongkai.diagnostics import Severity
from gongkai.models import Disclosure
from gongkai.outline import Sentence
from gongkai.rules.budget_text import text_targets
from gongkai.rules.context import CENT, Checker, figure, signed, sum_tolerance
from gongkai.rules.prose_last_year import previous_disclosure
from gongkai.rules.prose_sums import DisclosureText, texts_of
from gongkai.rules.text_figures import FigureKind, TextFigure, clause_of, figures_in, sentence_location

_FLAT = re.compile(r"(?<!基本)(?<!大致)(?<!大体)(持平|无变化|没有变化|保持不变|未发生变化)")
_CLAUSE_START = re.compile(r"[，,：:；;。]")
_MEASURE = re.compile(r"(?:支出)?(?:决算数?|(?:年初|全年|调整)?预算数?|执行数)?(?:为|是)?$")
_NUMBERING = re.compile(r"^(?:其中|[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])+")
_GENERAL = "一般公共预算财政拨款"  # 一般公共预算财政拨款支出, without its measure
_WHOLE = re.compile(r"^财政拨款(?:收入支出总计|收支总计|支出总计)?$")


def _last_year(year: int) -> re.Pattern[str]:
    return re.compile(rf"(?:上年|去年|上一年|{year - 1}年)")


def _comparison(year: int) -> re.Pattern[str]:
    """「与2023年度相比」「比2024年预算执行数」「较上年」 and the like: the comparison, not the subject."""
    last = rf"(?:上年|去年|上一年|{year - 1}年度?)"
    return re.compile(
        rf"(?:与|同|较|比){last}(?:同期|末)?(?:实有人数|预算执行数|预算数?|决算数?)?(?:相比|比较)?|^{last}|{year}年度?|本年度?"
    )


def _basis(before: str, year: int) -> str:
    """What last year's figure is, by the last comparison before a claim or change: 执行 (「比2024年预算执行数」),
    预算 (「与2024年预算」), 决算 (「较2022年决算」) or "" (「与上年相比」)."""
    found = re.findall(rf"(?:上年|去年|上一年|{year - 1}年度?)(?:同期|末)?(预算执行数|执行数|预算数?|决算数?)?", before)
    words = found[-1] if found else ""
    return "执行" if "执行" in words else "预算" if "预算" in words else "决算" if "决算" in words else ""


def _comparable(a: str, b: str, kind: str) -> bool:
    """Whether two comparisons with last year compare with the same figure (in a 决算, a bare 「上年」 is its 决算)."""
    return a == b or (kind == "决算" and {a, b} <= {"", "决算"})


def subject_key(words: str, year: int) -> str:
    """What a clause names, without comparison, year, quotes, numbering and measure: a key two clauses share."""
    words = _comparison(year).sub("", words)
    words = re.sub(r"[“”\"'（）()\s]", "", _NUMBERING.sub("", words.strip(" 、，,：:")))
    return _MEASURE.sub("", words.strip(" 、，,：:"))


@dataclass(frozen=True)
class _Claim:
    text: DisclosureText
    sentence: Sentence
    words: str  # as printed: 「财政拨款收入支出总计持平」
    key: str
    basis: str  # what last year's figure is: _basis
    stated: TextFigure | None  # this year's amount stated for the subject just before, if any


def _claims(text: DisclosureText, year: int) -> Iterator[_Claim]:
    previous: list[TextFigure] = []
    for sentence in text.sentences:
        if sentence.index == 1:
            previous = []
        figures = figures_in(sentence)
        for match in _FLAT.finditer(sentence.text):
            before = sentence.text[: match.start()]
            if not _last_year(year).search(before) or "预算数持平" in sentence.text:
                continue
            start = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
            key = subject_key(before[start:], year)
            amounts = [f for f in previous if f.kind is FigureKind.AMOUNT]
            amounts += [f for f in figures if f.kind is FigureKind.AMOUNT and f.offset < match.start()]
            stated = amounts[-1] if amounts else None
            if not key and stated is not None:
                key = subject_key(clause_of(stated), year)
            if len(key) >= 2:
                words = before[start:] + match.group(1)
                yield _Claim(text, sentence, words, key, _basis(before, year), stated)
        previous += figures


def _changes(texts: Sequence[DisclosureText], year: int) -> Iterator[tuple[str, str, TextFigure, DisclosureText]]:
    """Every non-zero change of last year the texts state, with the key of its subject and its basis."""
    for text in texts:
        for sentence in text.sentences:
            figures = figures_in(sentence)
            first = next((f for f in figures if f.kind is FigureKind.AMOUNT), None)
            for f in figures:
                before = sentence.text[: f.offset]
                if f.kind is not FigureKind.CHANGE or f.value == 0 or not _last_year(year).search(before):
                    continue
                key = subject_key(clause_of(f), year)
                if not key and first is not None and first.offset < f.offset:
                    key = subject_key(clause_of(first), year)
                if key:
                    yield key, _basis(before, year), f, text


def check_flat_claims(checker: Checker) -> None:
    """Every 「持平」 of last year against the changes the disclosure states and, for the 财政拨款 total of a
    决算, against its 一般公共预算 part."""
    d = checker.disclosure
    texts = list(texts_of(d))
    changes = list(_changes(texts, d.year))
    previous = previous_disclosure(checker)
    for text in texts:
        for claim in _claims(text, d.year):
            checker.checks_run += 1
            comparable = [(key, f, t) for key, basis, f, t in changes if _comparable(basis, claim.basis, d.kind)]
            same = next(((f, t) for key, f, t in comparable if key == claim.key), None)
            if same is not None:
                _report_change(checker, claim, *same)
                continue
            part = next(((f, t) for key, f, t in comparable if key == _GENERAL and f.direction < 0), None)
            if part is not None and _WHOLE.match(claim.key) and d.kind == "决算":
                _whole_fell(checker, d, claim, *part)
            elif previous is not None:
                _against_last_year(checker, d, previous, claim)


def _report_change(checker: Checker, claim: _Claim, change: TextFigure, text: DisclosureText) -> None:
    where = "同一句" if change.sentence == claim.sentence else f"{text.name}{change.sentence.place}"
    checker.add(
        "text-flat-contradicted",
        Severity.ERROR,
        sentence_location(claim.text.file, claim.sentence),
        f"{claim.text.name}{claim.sentence.place}说「{claim.words}」（与上年相同），而{where}写"
        f"「{clause_of(change)}{change.raw}」，前后矛盾。",
        (("文字所述", claim.words), ("另处所述", f"{clause_of(change)}{change.raw}")),
        related=[sentence_location(text.file, change.sentence)],
    )


def _against_last_year(checker: Checker, d: Disclosure, previous: Disclosure, claim: _Claim) -> None:
    """The claim's figure in this year's table against the same cell of last year's disclosure (a 决算's
    holds 决算 figures, a 预算's budgets: the claim must compare with those)."""
    stated = claim.stated
    if stated is None or not subject_key(clause_of(stated), d.year).endswith(claim.key):
        return
    if not (claim.basis == "预算" if d.kind == "预算" else claim.basis in ("", "决算")):
        return
    this, last = _table_value(d, stated), _table_value(previous, stated)
    if this is None or last is None or abs(this - last) <= CENT:
        return
    label = f"{previous.year}年度"
    checker.add(
        "text-flat-contradicted",
        Severity.ERROR,
        sentence_location(claim.text.file, claim.sentence),
        f"{claim.text.name}{claim.sentence.place}说「{claim.words}」（与上年相同），而本年公开表中为 {figure(this)} 万元，"
        f"上年公开（{label}）表中为 {figure(last)} 万元（相差 {signed(this - last)} 万元），并非持平。",
        (("文字所述", claim.words), ("上年", figure(last)), ("本年", figure(this))),
    )


def _table_value(d: Disclosure, f: TextFigure) -> Decimal | None:
    """The one value of the table cells ``f`` states in ``d`` (this year's, or last year's disclosure's)."""
    found = text_targets(d, f)
    amounts = {t.cell.value for t in found or () if t.cell.value is not None}
    return amounts.pop() if len(amounts) == 1 else None


def _opening_balance(d: Disclosure) -> Decimal | None:
    """公开04's 年初财政拨款结转和结余 (last year's closing balance), where printed."""
    table = d.table("04")
    row = table.row_by_name("年初财政拨款结转和结余") if table is not None and table.columns else None
    cell = row.cell(table.columns[0].title) if row is not None and table is not None else None
    return cell.value if cell is not None else None


def _whole_fell(checker: Checker, d: Disclosure, claim: _Claim, part: TextFigure, text: DisclosureText) -> None:
    stated = claim.stated
    named = stated is not None and subject_key(clause_of(stated), d.year).endswith(claim.key)
    whole = _table_value(d, stated) if stated is not None and named else None
    general = _table_value(d, replace(part, kind=FigureKind.AMOUNT))
    total = "总计" in claim.key
    carried = _opening_balance(d)
    if whole is None or general is None or (total and carried is None):
        return
    carry_over = carried if total and carried is not None else Decimal(0)
    last_year = general + part.wan + carry_over
    if last_year - whole <= sum_tolerance(3):
        return
    carry = f"，加上年末结转和结余（即本年年初财政拨款结转和结余）{figure(carry_over)}" if total else ""
    checker.add(
        "text-flat-contradicted",
        Severity.ERROR,
        sentence_location(claim.text.file, claim.sentence),
        f"{claim.text.name}{claim.sentence.place}说「{claim.words}」（与上年相同），而{text.name}{part.sentence.place}写"
        f"「{clause_of(part)}{part.raw}」：上年一般公共预算财政拨款支出为 {figure(general)} + {figure(part.wan)}"
        f" = {figure(general + part.wan)} 万元{carry}，上年数至少 {figure(last_year)} 万元，本年为 {figure(whole)} 万元，"
        "并非持平。",
        (("文字所述", claim.words), ("上年至少", figure(last_year)), ("本年", figure(whole))),
        related=[sentence_location(text.file, part.sentence)],
    )
