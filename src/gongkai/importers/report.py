"""The import report: tables listed in the 目录 vs imported, text sections, the share of the
source's amounts that reached a data file, and everything not placed (by line, or page for a PDF)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.importers.result import ImportedDisclosure, Section
from gongkai.models import table_label
from gongkai.tables import SPECS

EXCERPT = 40
RUN_GAP = 2  # unplaced lines this close together (blank lines between) are reported as one run


def unplaced_runs(file: str, lines: list[tuple[int, str]]) -> list[Diagnostic]:
    """One ``import-unplaced-line`` warning per run of neighbouring unplaced lines, in file order."""
    runs: list[list[tuple[int, str]]] = []
    for number, text in sorted(lines):
        if runs and number - runs[-1][-1][0] <= RUN_GAP:
            runs[-1].append((number, text))
        else:
            runs.append([(number, text)])
    return [_run_diagnostic(file, run) for run in runs]


def _run_diagnostic(file: str, run: list[tuple[int, str]]) -> Diagnostic:
    first, last = run[0][0], run[-1][0]
    span = f"第{first}行" if first == last else f"第{first}–{last}行（{len(run)}行）"
    text = " ".join(run[0][1].split())
    excerpt = text if len(text) <= EXCERPT else text[:EXCERPT] + "……"
    return Diagnostic(
        "import-unplaced-line",
        Severity.WARNING,
        Location(file, line=first),
        f"{span}未能归入任何部分，未导入：「{excerpt}」",
        "请对照原文，把这些内容手工补到相应的数据文件中，或确认它们不需要公开。",
    )


AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:[,，]\d{3})+\.\d{2}(?!\d)|(?<![\d.])(?<!\d[,，])\d+\.\d{2}(?!\d)")
MISSING = "import-table-missing"


def finish_report(out: ImportedDisclosure, source: list[str], unplaced: list[tuple[int, str]]) -> None:
    """The report of one import (``out.summary``) and its warnings: every table its 目录 (``out.toc``)
    lists but that was not imported (``import-table-missing`` when the body prints its title,
    ``out.titles_seen``; else ``import-table-not-in-document``), every table cell not placed
    (``unplaced``: page, text), and the share of the two-decimal amounts printed in ``source`` (the
    document's text, cells included) that reached a data file."""
    titles_seen = out.titles_seen
    listed = [entry["table"] for entry in out.contents()]
    imported = [table.id for table in out.tables]
    for table_id in listed:
        if table_id in imported:
            continue
        name = f"{table_label(table_id)}（{SPECS[table_id].title}）"
        if table_id in titles_seen:
            out.warn(
                MISSING,
                Location(out.source_file, table=table_label(table_id)),
                f"目录列出的{name}在正文中有表名，但表格未能导入",
                "请用 --partial 先导入其余部分，再对照原文手工录入这张表；或把文件报告给维护者。",
            )
        else:
            out.warn(
                "import-table-not-in-document",
                Location(out.source_file, table=table_label(table_id)),
                f"目录列出的{name}在正文中没有找到（原文缺表）",
                "这是原文的问题（目录与正文不一致），不是导入的问题；核对时请记下。",
            )
    for table in out.tables:
        unplaced += table.unplaced
    _page_locations(out)
    for page, text in sorted(unplaced):
        out.diagnostics.append(
            Diagnostic(
                "import-unplaced-line",
                Severity.WARNING,
                Location(out.source_file, page=page),
                f"表格中的内容未能归入任何栏，未导入：「{' '.join(text.split())[:40]}」",
                "请对照原文，把这些内容手工补到相应的数据文件中，或确认它们不需要公开。",
            )
        )
    out.summary = _summary(out, listed, source)


def _page_locations(out: ImportedDisclosure) -> None:
    """Diagnostics of the text readers name a line of the rebuilt text: add its page."""
    for index, diagnostic in enumerate(out.diagnostics):
        line = diagnostic.location.line
        if line is not None and line in out.line_pages:
            location = replace(diagnostic.location, page=out.line_pages[line])
            out.diagnostics[index] = replace(diagnostic, location=location)


def _summary(out: ImportedDisclosure, listed: list[str], source_texts: list[str]) -> list[str]:
    tables = [f"{table_label(t.id)} {t.title}" + (f"（第{_pages(t.pages)}页）" if t.pages else "") for t in out.tables]
    lost = [table_label(i) for i in listed if i not in {t.id for t in out.tables}]
    source = Counter(amount for text in source_texts for amount in AMOUNT.findall(text))
    reached = Counter(_amounts_in_output(out))
    carried = sum(min(count, reached[amount]) for amount, count in source.items())
    total = sum(source.values())
    share = f"{carried * 100 / total:.1f}%" if total else "—"
    unplaced = sum(d.code == "import-unplaced-line" for d in out.diagnostics)
    return [
        (f"目录列出的表：{len(listed)} 张" if out.toc else "目录：文件中没有目录")
        + f"；已导入的表：{len(out.tables)} 张"
        + (f"；未导入：{'、'.join(lost)}" if lost else ""),
        *(f"  {line}" for line in tables),
        f"文字部分：概况 {len(out.overview)} 节，情况说明 {len(out.explanations)} 节，名词解释 {len(out.glossary)} 条",
        f"金额：原文中两位小数的金额 {total} 个，已写入数据文件 {carried} 个（{share}）",
        f"未归入的内容：{unplaced} 处（见上方 import-unplaced-line）",
    ]


def _pages(numbers: list[int]) -> str:
    return f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0]) if numbers else "?"


def _amounts_in_output(out: ImportedDisclosure) -> list[str]:
    found = [amount for table in out.tables for row in table.rows for cell in row for amount in AMOUNT.findall(cell)]
    texts: list[str] = []
    for section in [*out.overview, *out.explanations]:
        texts += _section_texts(section)
    texts += [f"{g.term}{g.definition}" for g in out.glossary]
    texts += _doc_texts(out.projects) + _doc_texts(out.overall) + _doc_texts(out.charts)
    return found + [amount for text in texts for amount in AMOUNT.findall(text)]


def _section_texts(section: Section) -> list[str]:
    return [section.title, *section.paragraphs, *(t for s in section.subsections for t in _section_texts(s))]


def _doc_texts(doc: Any) -> list[str]:
    if isinstance(doc, str):
        return [doc]
    if isinstance(doc, dict):
        return [t for value in doc.values() for t in _doc_texts(value)]
    if isinstance(doc, list):
        return [t for value in doc for t in _doc_texts(value)]
    return []
