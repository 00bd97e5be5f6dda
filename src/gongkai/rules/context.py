"""What every rule gets: the disclosure, the corpus, tolerance helpers and a place to put findings."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import Cell, Corpus, Disclosure

CENT = Decimal("0.01")


def sum_tolerance(parts: int) -> Decimal:
    """A total against the sum of n printed parts: max(0.01, 0.005 × (n + 1))."""
    return max(CENT, Decimal("0.005") * (parts + 1))


class Checker:
    def __init__(self, disclosure: Disclosure, corpus: Corpus) -> None:
        self.disclosure = disclosure
        self.corpus = corpus
        self.findings: list[Diagnostic] = []
        self.checks_run = 0

    def total_matches_parts(self, code: str, what: str, total: Cell, parts: Sequence[Cell], message: str = "") -> bool:
        """Check a printed total against the sum of its printed parts; record a finding if it is off."""
        if not total.is_amount and not any(p.is_amount for p in parts):
            return True
        self.checks_run += 1
        actual = sum((p.amount_or_zero() for p in parts), Decimal(0))
        printed = total.amount_or_zero()
        difference = printed - actual
        if abs(difference) <= sum_tolerance(len(parts)):
            return True
        self.add(
            code,
            Severity.ERROR,
            total.source,
            message or f"{what}：印出的合计为 {total.raw or '空白'}，各分项之和为 {actual}，相差 {difference}",
            (("印出的合计", total.raw or "空白"), ("分项之和", str(actual)), ("差额", str(difference))),
        )
        return False

    def add(
        self,
        code: str,
        severity: Severity,
        location: Location,
        message: str,
        figures: tuple[tuple[str, str], ...] = (),
        hint: str = "",
    ) -> None:
        self.findings.append(Diagnostic(code, severity, location, message, hint, figures))
