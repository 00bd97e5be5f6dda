"""Addresses: the stable ASCII ids of what a reader or a finding can point at on a disclosure page.

One module for every address, so rules (which name where a figure is) and renderers (which put the ids
on the page) cannot drift apart: a table's heading, a table cell, a figure of a 绩效 evaluation, a
sentence of running text.  Rules import this module, never a renderer.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from gongkai.models import Indicator, Table, TableRow
from gongkai.tables import SPECS

PERFORMANCE_PREFIX = "pf-"
OVERALL_TABLE = "table"  # first field of the 整体 report's table


def table_anchor(table_id: str) -> str:
    """A table's heading on the disclosure page (``gongkai01``, ``yusuan01``)."""
    return PurePosixPath(SPECS[table_id].file).stem


def cell_id(table_id: str, row: TableRow, column_index: int) -> str:
    """A table cell: table, row (行次, 科目代码 or CSV line) and published 栏次 (``t02-r2010308-c2``)."""
    key = row.row_no or row.code or f"l{row.line}"
    number = SPECS[table_id].numbering(row.numbering_key, column_index)
    return f"t{table_id.lower()}-r{key}-c{number}"


def performance_cell_id(field: str) -> str:
    """A figure of a 绩效 evaluation, from its YAML field (``funds.0.rate`` → ``pf-funds-0-rate``)."""
    return PERFORMANCE_PREFIX + field.replace(".", "-").replace("_", "-")


def indicator_field(indicator: Indicator, name: str) -> str:
    """The YAML field of one value of an indicator (``indicators.3.actual``)."""
    return f"{indicator.source.field}.{name}" if indicator.source.field else ""


def text_key(part: str, in_overall_table: bool) -> str:
    """The id prefix of an evaluation's running text (``analysis``, ``report``); inside the 整体 report's
    table it is ``table-analysis`` / ``table-report``, so it cannot clash with the report's own text."""
    return f"{OVERALL_TABLE}-{part}" if in_overall_table else part


def sentence_anchor(section_key: str, paragraph: int, sentence: int) -> str:
    """A sentence: its section's id (``explanation-5-3``), paragraph and sentence, 1-based."""
    return f"{section_key}-p{paragraph}-s{sentence}"


def cell_source(table: Table, row: TableRow, column: str) -> str:
    """「公开01表 行次31 栏次1」: the table, the row as a reader cites it, and the printed 栏次."""
    titles = [c.title for c in table.columns]
    index = titles.index(column) if column in titles else SPECS[table.id].amounts.index(column)
    number = SPECS[table.id].numbering(row.numbering_key, index)
    where = f"行次{row.row_no}" if row.row_no else f"科目代码{row.code}" if row.code else row.name
    return f"{table.label} {where} 栏次{number}"


def term_anchor(term: str) -> str:
    """Stable ASCII anchor of a glossary entry: ``term-`` and 10 hex digits of the SHA-1 of the term."""
    digest = hashlib.sha1(term.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"term-{digest[:10]}"
