"""A disclosure's completeness and quality score (0–100), comparable across units.

Five parts, each with its points (documented in ``docs/quality-score.md``):

- 公开表齐全 (30): the 决算/预算 tables printed, 「本表无数据」 included, against the nine of the national
  template (a tenth table of a local template earns nothing extra);
- 说明齐全 (20): 情况说明 (10, by the sections the template requires that it prints:
  :mod:`gongkai.template_sections`, the same definition as the rule ``text-section-missing``), 概况 (4), 名词解释 (3),
  绩效 (3: a project or 整体 evaluation);
- 数字对得上 (20): the share of the checks run that found nothing (a check that found an error or a
  warning does not count);
- 没有矛盾 (20): 20 less 3 per error and 1 per warning (notices cost nothing), at least 0;
- 填写完整 (10): 0 for a 参考格式 left unfilled (blank cover fields, 「XX局」: :func:`documents.is_unfilled`).

A 绩效 report published on its own (整体支出绩效自评报告 …) has no tables and no 情况说明 to print: those two
parts are left out and the score is the other three parts' points scaled to 100.  The score is a whole number,
rounded half up; every part shows its points so a reader can see where they were lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.diagnostics import Diagnostic, Severity
from gongkai.documents import REPORT_DOCUMENTS, UNFILLED, is_unfilled
from gongkai.models import Disclosure
from gongkai.template_sections import missing_sections, required_sections

TEMPLATE_TABLES = 9  # tables of the national 部门决算 / 预算 template
ERROR_COST, WARNING_COST = 3, 1


@dataclass(frozen=True)
class Part:
    name: str
    points: Decimal
    weight: int
    detail: str  # what was counted, for readers: 「9 张中印出 10 张」


@dataclass(frozen=True)
class Quality:
    score: int
    parts: tuple[Part, ...]


def _share(count: int, of: int, weight: int) -> Decimal:
    return Decimal(weight * min(count, of)) / of if of else Decimal(0)


def quality(d: Disclosure, findings: Sequence[Diagnostic], checks_run: int) -> Quality:
    """The score of one disclosure from what it prints and what the checks found in it."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    parts: list[Part] = []
    if d.document not in REPORT_DOCUMENTS:
        tables = len(d.tables)
        parts.append(
            Part("公开表齐全", _share(tables, TEMPLATE_TABLES, 30), 30, f"应有 {TEMPLATE_TABLES} 张，印出 {tables} 张")
        )
        required = len(required_sections(d))
        sections = required - len(missing_sections(d))
        texts = (
            _share(sections, required, 10)
            + (4 if d.overview is not None else 0)
            + (3 if d.glossary else 0)
            + (3 if d.projects or d.overall is not None else 0)
        )
        present = [
            f"情况说明 {sections}/{required} 节",
            *(["概况"] if d.overview is not None else []),
            *(["名词解释"] if d.glossary else []),
            *(["绩效"] if d.projects or d.overall is not None else []),
        ]
        parts.append(Part("说明齐全", texts, 20, "、".join(present)))
    passed = max(0, checks_run - errors - warnings)
    parts.append(Part("数字对得上", _share(passed, checks_run, 20), 20, f"核对 {checks_run} 项，{passed} 项无问题"))
    penalty = ERROR_COST * errors + WARNING_COST * warnings
    parts.append(
        Part(
            "没有矛盾",
            Decimal(max(0, 20 - penalty)),
            20,
            f"{errors} 个错误、{warnings} 个警告，扣 {min(20, penalty)} 分",
        )
    )
    unfilled = is_unfilled(d)
    parts.append(Part("填写完整", Decimal(0 if unfilled else 10), 10, UNFILLED if unfilled else "无模板空栏"))
    earned = sum((p.points for p in parts), Decimal(0))
    possible = sum(p.weight for p in parts)
    score = int((earned * 100 / possible).quantize(Decimal(1), ROUND_HALF_UP))
    return Quality(score, tuple(parts))
