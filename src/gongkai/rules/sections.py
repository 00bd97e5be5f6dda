"""``text-section-missing``: a section the template requires that the 情况说明 does not print.

The required sections and what counts as printed (a heading naming it, or a sentence stating the unit has none
of it) are defined once in :mod:`gongkai.template_sections`, for this rule and the quality score.  Only a
disclosure that prints a 情况说明 is checked: one without any is a 绩效 report on its own or a transcription of
the tables only, and its score already says so.
"""

from __future__ import annotations

from gongkai.diagnostics import Location, Severity
from gongkai.rules.context import Checker
from gongkai.template_sections import missing_sections


def check_required_sections(checker: Checker) -> None:
    d = checker.disclosure
    if not d.explanations:
        return
    checker.checks_run += 1
    family = "预算" if d.kind == "预算" else "决算"
    for section in missing_sections(d):
        checker.add(
            "text-section-missing",
            Severity.WARNING,
            Location(f"{d.folder}/explanations.yaml", field="sections"),
            f"情况说明缺少「{section.name}」一节：{family}公开模板要求说明这一部分；没有这项收支或事项的，"
            "也应写明「无」。",
            (("应有", section.name), ("情况说明", "未见此节")),
        )
