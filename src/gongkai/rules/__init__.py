"""Stage 2: consistency rules (勾稽关系) of ``docs/rules.md`` — findings, never crashes.

``check_corpus`` runs every rule on every disclosure and returns the findings per disclosure folder
together with how many checks were evaluated (so a page can say 「核验通过 42 项」).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.diagnostics import Diagnostic
from gongkai.models import Corpus
from gongkai.rules.budget_tables import check_budget_tables, check_initial_budget
from gongkai.rules.contents import check_contents
from gongkai.rules.context import Checker
from gongkai.rules.performance import check_performance
from gongkai.rules.prose import check_prose
from gongkai.rules.prose_equal import check_equal_quotes
from gongkai.rules.prose_flat import check_flat_claims
from gongkai.rules.prose_names import check_unit_names
from gongkai.rules.prose_parts import check_basic_spending_parts
from gongkai.rules.prose_slips import check_slips
from gongkai.rules.prose_sums import check_prose_sums
from gongkai.rules.sections import check_required_sections
from gongkai.rules.subject_codes import check_subject_codes
from gongkai.rules.tables_across import check_across_tables
from gongkai.rules.tables_within import check_within_tables
from gongkai.rules.units import check_text_units


@dataclass
class CheckReport:
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  # disclosure folder -> findings
    checks_run: dict[str, int] = field(default_factory=dict)  # disclosure folder -> checks evaluated

    def all_findings(self) -> list[Diagnostic]:
        return [f for folder in sorted(self.findings) for f in self.findings[folder]]


def check_corpus(corpus: Corpus) -> CheckReport:
    report = CheckReport()
    for disclosure in corpus.disclosures:
        checker = Checker(disclosure, corpus)
        check_within_tables(checker)
        check_contents(checker)
        check_required_sections(checker)
        check_across_tables(checker)
        check_budget_tables(checker)
        check_initial_budget(checker)
        check_subject_codes(checker)
        check_text_units(checker)
        check_prose(checker)
        check_prose_sums(checker)
        check_basic_spending_parts(checker)
        check_equal_quotes(checker)
        check_flat_claims(checker)
        check_unit_names(checker)
        check_slips(checker)
        check_performance(checker)
        report.findings[disclosure.folder] = checker.findings
        report.checks_run[disclosure.folder] = checker.checks_run
    return report
