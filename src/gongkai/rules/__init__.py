"""Stage 2: consistency rules (勾稽关系) of ``docs/rules.md`` — findings, never crashes.

``check_corpus`` runs every rule on every disclosure and returns the findings per disclosure folder
together with how many checks were evaluated (so a page can say 「核验通过 42 项」).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from gongkai.build_cache import BuildCache
from gongkai.diagnostics import Diagnostic
from gongkai.models import Corpus, Disclosure
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
from gongkai.rules.tables_balance import check_balance_tables
from gongkai.rules.tables_within import check_within_tables
from gongkai.rules.units import check_text_units


@dataclass
class CheckReport:
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  # disclosure folder -> findings
    checks_run: dict[str, int] = field(default_factory=dict)  # disclosure folder -> checks evaluated

    def all_findings(self) -> list[Diagnostic]:
        return [f for folder in sorted(self.findings) for f in self.findings[folder]]


def check_corpus(corpus: Corpus, cache: BuildCache | None = None) -> CheckReport:
    """Every rule on every disclosure.  ``cache`` (filled by the load with each folder's digest): a
    disclosure's findings are taken from an earlier build when its files, the files of its unit's other
    disclosures (the rules across disclosures compare a 决算 with the same unit's 预算 and with its year
    before, and nothing else of the corpus), the code lists and gongkai's code are all unchanged."""
    report = CheckReport()
    by_unit: dict[str, list[Disclosure]] = {}
    for disclosure in corpus.disclosures:
        by_unit.setdefault(disclosure.unit.slug, []).append(disclosure)
    codes = repr((sorted(corpus.function_codes.items()), sorted(corpus.economic_codes.items())))
    for disclosure in corpus.disclosures:
        if cache is None or not all(o.folder in cache.folders for o in by_unit[disclosure.unit.slug]):
            findings, run = check_disclosure(disclosure, corpus)
        else:
            inputs = [disclosure.folder, codes]
            inputs += [f"{o.folder}:{cache.folders[o.folder]}" for o in by_unit[disclosure.unit.slug]]
            compute = functools.partial(check_disclosure, disclosure, corpus)
            findings, run = cache.memo("checks", inputs, compute, tuple)
        report.findings[disclosure.folder] = findings
        report.checks_run[disclosure.folder] = run
    return report


def check_disclosure(disclosure: Disclosure, corpus: Corpus) -> tuple[list[Diagnostic], int]:
    """The findings of every rule on ``disclosure`` (of ``corpus``) and how many checks were evaluated."""
    checker = Checker(disclosure, corpus)
    check_within_tables(checker)
    check_balance_tables(checker)
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
    return checker.findings, checker.checks_run
