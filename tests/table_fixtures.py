"""Tiny in-memory disclosures for the table rules: tables written as a few CSV lines, no files."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai.diagnostics import Diagnostic
from gongkai.models import Corpus, Disclosure, SiteConfig, SourceDocument, Table, TextSection, Unit
from gongkai.rules.context import Checker
from gongkai.rules.tables_within_subjects import SUBJECT_TABLES
from gongkai.tables import SPECS, read_table

FOLDER = "data/disclosures/r/u/2023-juesuan"
FUNCTION_CODES = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "20106": "财政事务",
    "208": "社会保障和就业支出",
    "215": "资源勘探工业信息等支出",
}
ECONOMIC_CODES = {"302": "商品和服务支出", "30207": "邮电费", "30901": "房屋建筑物购建"}


def table(table_id: str, body: str, *, no_data: bool = False, unit: str = "万元", folder: str = FOLDER) -> Table:
    """A table from its CSV lines without the header (the header is the table's fixed one)."""
    spec = SPECS[table_id]
    text = ",".join(spec.base_header) + "\n" + body.strip() + "\n"
    parsed, problems = read_table(
        spec, text, f"{folder}/tables/gongkai{table_id}.csv", title=spec.title, unit=unit, no_data=no_data, notes=()
    )
    assert parsed is not None and not problems, problems
    return parsed


def subject_table(table_id: str, *rows: tuple[str, str, str, str]) -> Table:
    """A 02/03/05/07/08 table from (code, name, total column, first part column) lines."""
    spec = next(s for s in SUBJECT_TABLES if s.table_id == table_id)
    columns = [c for c in SPECS[table_id].base_header if c in SPECS[table_id].amounts]
    lines = []
    for code, name, total, part in rows:
        cells = {spec.total: total, spec.parts[0]: part}
        lines.append(",".join([code, name, *(cells.get(c, "") for c in columns)]))
    return table(table_id, "\n".join(lines))


def disclosure(*tables: Table, explanations: Sequence[TextSection] = ()) -> Disclosure:
    unit = Unit("测试单位", "001", "u", ("省", "市", "县"), "r", "测试单位")
    return Disclosure(
        unit=unit,
        year=2023,
        kind="决算",
        slug="2023-juesuan",
        published="",
        revision=1,
        currency_unit="万元",
        source=SourceDocument("测试", "seed.txt"),
        title="测试单位2023年度决算公开",
        folder=FOLDER,
        overview=None,
        tables={t.id: t for t in tables},
        explanations=tuple(explanations),
        glossary=(),
        printed_charts=(),
        projects=(),
        overall=None,
    )


def corpus(*disclosures: Disclosure) -> Corpus:
    site = SiteConfig("测试", "", "", "", "", "")
    return Corpus("data", site, (), {2023: FUNCTION_CODES}, ECONOMIC_CODES, tuple(disclosures))


def run(check: Callable[[Checker], None], *tables: Table, **kwargs: Sequence[TextSection]) -> list[Diagnostic]:
    """The findings of one rule module on a disclosure made of ``tables``."""
    subject = disclosure(*tables, **kwargs)
    checker = Checker(subject, corpus(subject))
    check(checker)
    return checker.findings


def codes(findings: Sequence[Diagnostic], code: str) -> list[Diagnostic]:
    return [f for f in findings if f.code == code]
