"""``gongkai import text``: a published disclosure as extracted text → :class:`ImportedDisclosure`.

Recognises the parts (概况, 公开01–10, 情况说明, 名词解释, 附件 with 绩效), reads the unit name, year
and kind from the text, and lists every line it could not place with its line number.
"""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.importers.identity import complete_identity
from gongkai.importers.overview import overview_from_report, read_staffing, section_from_doc
from gongkai.importers.report import unplaced_runs
from gongkai.importers.result import ImportedDisclosure, Section
from gongkai.importers.source import decode_text, fail, read_bytes
from gongkai.importers.text_charts import take_charts
from gongkai.importers.text_narrative import read_glossary, read_sections
from gongkai.importers.text_parts import Line, Part, Sink, split_parts, to_lines
from gongkai.importers.text_performance import read_performance
from gongkai.importers.text_tables import read_tables

PART_NAMES = {
    "overview": "概况",
    "tables": "决算表",
    "explanations": "情况说明",
    "glossary": "名词解释",
    "annex": "绩效",
}
COVER_TITLE = re.compile(r"^(.*?)(\d{4})\s*年度?.*(决算|预算)")


def import_text(path: Path) -> ImportedDisclosure:
    """Read one disclosure text; raise :class:`InputError` if it is not a disclosure or not UTF-8."""
    text = decode_text(read_bytes(path), path.name)
    return read_disclosure_text(text, path.name)


def read_disclosure_text(text: str, file: str) -> ImportedDisclosure:
    cover, parts = split_parts(to_lines(text))
    if not parts:
        raise fail(
            "import-not-a-disclosure",
            file,
            "这不像一份预决算公开文件：没有找到「第X部分」、「公开NN表」或绩效报告",
            "请确认选对了文件；导入的应是公开文件全文的文字版。",
        )
    out = ImportedDisclosure(file)
    sink = Sink(out)
    _read_cover(cover, sink)
    out.charts = take_charts(parts)
    for part in parts:
        _read_part(part, sink)
    if not out.overview and out.overall is not None:  # 概况 printed only in the 整体绩效 report
        out.overview = overview_from_report([section_from_doc(s) for s in out.overall["sections"]])
    out.staffing = read_staffing(out.overview)
    kinds = {part.kind for part in parts}
    found = {
        "overview": bool(out.overview),
        "tables": bool(out.tables),
        "explanations": bool(out.explanations),
        "glossary": bool(out.glossary),
        "annex": bool(out.projects or out.overall),
    }
    out.parts = [name for kind, name in PART_NAMES.items() if kind in kinds and found[kind]]
    complete_identity(out, text)
    out.diagnostics.extend(unplaced_runs(file, sink.unplaced))
    return out


def _read_cover(cover: list[Line], sink: Sink) -> None:
    """Title lines before the first part: 「襄垣县信访局」 + 「2023年度单位决算公开」."""
    text_lines = [line for line in cover if line.plain and not line.is_row]
    title = "".join(line.plain for line in text_lines)
    match = COVER_TITLE.match(title)
    if match and len(title) <= 80:
        identity = sink.out.identity
        identity.title = title
        year_line = next(i for i, line in enumerate(text_lines) if match.group(2) in line.plain)
        own = COVER_TITLE.match(text_lines[year_line].plain)
        before = text_lines[year_line - 1].plain if year_line else ""
        identity.unit_name = (own.group(1) if own else "") or before  # the line above 「2023年度…决算公开」
        identity.year = int(match.group(2))
        identity.kind = match.group(3)
    else:
        for line in cover:
            sink.skip(line)


def _read_part(part: Part, sink: Sink) -> None:
    out = sink.out
    if part.kind == "tables":
        read_tables(part, sink)
    elif part.kind == "glossary":
        out.glossary.extend(read_glossary(part.lines, sink))
    elif part.kind == "annex":
        read_performance(part.lines, sink, out.identity.year)
    elif part.kind in ("overview", "explanations"):
        preface, sections = read_sections(part.lines, sink)
        if preface:
            sections.insert(0, Section(part.heading.plain if part.heading else "", preface))
        (out.overview if part.kind == "overview" else out.explanations).extend(sections)
    else:
        for line in [*([part.heading] if part.heading else []), *part.lines]:
            sink.skip(line)
