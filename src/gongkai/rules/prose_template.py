"""Rule 25: template text left in a text: 「增加/减少」, 「增减少」, 「减增加」, 「大小于」, 「XX万元」, 「XX局」, 「*辆」,
「202 年」, 「（公章）」, 「#DIV/0!」, or 「主要原因是：」 with nothing after it where the sentence states a
non-zero change; and a 参考格式 whose cover is left blank (:func:`gongkai.documents.placeholders`: those
sentences get that one notice, not a leftover finding each)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai import documents  # a module (not its names): documents reads sentences with rules.text_figures
from gongkai.diagnostics import Severity
from gongkai.outline import Sentence
from gongkai.rules.context import Checker
from gongkai.rules.text_figures import FigureKind, figures_in, sentence_location

_TEMPLATE = re.compile(
    r"增加/减少|增加（减少）|增加\(减少\)|增减少|减增加|大小于|小大于|增/减|上升/下降|#DIV/0!|#VALUE!|#REF!|#N/A"
    r"|[XＸx×*＊]{1,3}\s*(?:万元|元|辆|人次|批次|人|个|%|％)"
    r"|[XＸ]{2,3}(?:局|单位|部门|区|县|市|委|办|镇)|（公章）|\(公章\)"
    r"|(?<![\d.])20\d\s+年"  # 「202 年度」: the year's last digit left blank
)
_EMPTY_REASON = re.compile(r"(?:主要)?原因(?:是|为)?[：:]?\s*[。；;]?$")


def template_leftovers(checker: Checker, file: str, sentences: Iterable[Sentence]) -> None:
    """Rule 25: template text left in (「增加/减少」「XX万元」「*辆」「#DIV/0!」, an empty 原因 for a change)."""
    checker.checks_run += 1  # one check per text, however many sentences it has
    d = checker.disclosure
    in_form = d.overall is not None and file == d.overall.file
    covered = {p.sentence.anchor for p in documents.placeholders(d)} if in_form else set()  # reported by unfilled_form
    for sentence in sentences:
        if sentence.anchor in covered:
            continue
        match = _TEMPLATE.search(sentence.text)
        text = sentence.text.rstrip("。；;")
        empty_reason = bool(_EMPTY_REASON.search(text)) and any(
            f.kind is FigureKind.CHANGE and f.value != 0 for f in figures_in(sentence)
        )
        if match is None and not empty_reason:
            continue
        leftover = match.group(0) if match else "原因："
        checker.add(
            "text-template-leftover",
            Severity.WARNING,
            sentence_location(file, sentence),
            f"{sentence.place}留有模板文字「{leftover}」"
            + ("（变动原因未填写）。" if empty_reason else "，未按实际情况填写。"),
            (("模板文字", leftover), ("所在句", sentence.text)),
        )


def unfilled_form(checker: Checker) -> None:
    """A 参考格式 left unfilled (blank cover fields, 「XX局」): a notice naming every placeholder, at the
    first one; the page labels the document 参考格式（未填写） and gives it no pass badge."""
    d = checker.disclosure
    if d.overall is None:
        return
    checker.checks_run += 1
    found = documents.placeholders(d)
    if not found:
        return
    listed = "、".join(f"「{p.text}」" for p in found)
    checker.add(
        "document-template-unfilled",
        Severity.NOTICE,
        sentence_location(d.overall.file, found[0].sentence),
        f"本文是{documents.UNFILLED}：{listed}均未填写，无法确认是哪个单位、由谁填报。",
        (("未填写的栏目", listed),),
        "请按实际填写封面栏目（部门名称、填报人、填报日期等）后重新公开。",
        related=[sentence_location(d.overall.file, p.sentence) for p in found[1:]],
    )
