"""``gongkai import text``: a published disclosure as extracted text → :class:`ImportedDisclosure`.

Recognises the parts (概况, 公开01–10, 情况说明, 名词解释, 附件 with 绩效), reads the unit name, year
and kind from the text, and lists every line it could not place with its line number.
"""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.importers.identity import OWNER, complete_identity
from gongkai.importers.overview import overview_from_report, read_staffing, section_from_doc
from gongkai.importers.report import finish_report, unplaced_runs
from gongkai.importers.result import ImportedDisclosure, Section
from gongkai.importers.source import decode_text, fail, read_bytes
from gongkai.importers.text_charts import take_charts
from gongkai.importers.text_narrative import read_glossary, read_sections
from gongkai.importers.text_parts import Line, Part, Sink, join_wrapped, previous_text, split_parts, take_toc, to_lines
from gongkai.importers.text_performance import read_performance
from gongkai.importers.text_tables import find_tables, read_tables

PART_NAMES = {
    "overview": "概况",
    "tables": "决算表",
    "explanations": "情况说明",
    "glossary": "名词解释",
    "annex": "绩效",
}
COVER_TITLE = re.compile(r"^(.*?)(\d{4})\s*年度?.*(决算|预算)")
YEAR_FIRST = re.compile(r"^\d{4}\s*(?:年度|年)([^度].{2,}?)(?:部门|单位)?(?:决算|预算)")


def import_text(path: Path) -> ImportedDisclosure:
    """Read one disclosure text; raise :class:`InputError` if it is not a disclosure or not UTF-8."""
    return reported_text(decode_text(read_bytes(path), path.name), path.name)


def reported_text(text: str, file: str) -> ImportedDisclosure:
    """The document read from its text, with the import report (text and docx)."""
    out = read_disclosure_text(text, file)
    finish_report(out, [text], [])
    return out


def read_disclosure_text(text: str, file: str) -> ImportedDisclosure:
    lines, toc = take_toc(join_wrapped(to_lines(text)))
    cover, parts = split_parts(lines)
    parts = [piece for part in parts for piece in _tables_apart(part)]
    if not parts:
        raise fail(
            "import-not-a-disclosure",
            file,
            "这不像一份预决算公开文件：没有找到「第X部分」、「公开NN表」或绩效报告",
            "请确认选对了文件；导入的应是公开文件全文的文字版。",
        )
    out = ImportedDisclosure(file, toc=toc)
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
    complete_identity(out, text)
    names = {**PART_NAMES, "tables": f"{out.identity.kind or '决算'}表"}
    out.parts = [name for kind, name in names.items() if kind in kinds and found[kind]]
    out.diagnostics.extend(unplaced_runs(file, sink.unplaced))
    return out


def _tables_apart(part: Part) -> list[Part]:
    """A narrative part holding printed tables (a 「…年度部门决算表」 page without its 「第二部分」
    heading): the lines from the first table's title (and a heading line above it ending in 表) on
    are a tables part of their own."""
    if part.kind not in ("overview", "explanations", "unknown"):
        return [part]
    lines = part.lines
    tables = [
        t for t in find_tables(lines) if t.spec is not None and any(line.is_row for line in lines[t.body : t.body + 8])
    ]
    if not tables:
        return [part]
    start = tables[0].at
    above = previous_text(lines, start)
    heading = (
        lines[above] if above is not None and lines[above].plain.endswith("表") and not lines[above].is_row else None
    )
    cut = above if heading is not None and above is not None else start
    return [Part(part.kind, part.heading, lines[:cut]), Part("tables", heading, lines[cut + (heading is not None) :])]


def _read_cover(cover: list[Line], sink: Sink) -> None:
    """Title lines before the first part: 「襄垣县信访局」 + 「2023年度单位决算公开」; a 「预算主管部门：…」
    (编制单位, 单位名称 …) line names the unit, and the title is made of unit, year and document."""
    text_lines = [line for line in cover if line.plain and not line.is_row]
    owners = [match.group(1) for line in text_lines if (match := OWNER.match(line.plain))]
    titles = [line for line in text_lines if not OWNER.match(line.plain)]
    title = "".join(line.plain for line in titles)
    match = COVER_TITLE.match(title)
    identity = sink.out.identity
    if not (match and len(title) <= 80):
        for line in cover:
            sink.skip(line)
        return
    year_line = next(i for i, line in enumerate(titles) if match.group(2) in line.plain)
    own = COVER_TITLE.match(titles[year_line].plain)
    before = titles[year_line - 1].plain if year_line else ""
    identity.title = title
    after = YEAR_FIRST.match(titles[year_line].plain)  # 「2023年度襄垣县信访局单位决算公开」
    identity.unit_name = (own.group(1) if own else "") or (after.group(1) if after else "") or before
    identity.year = int(match.group(2))
    identity.kind = match.group(3)
    if owners:
        identity.unit_name = owners[-1]
        identity.document = f"{'单位' if f'单位{identity.kind}' in title else '部门'}{identity.kind}"
        identity.title = f"{identity.unit_name}{identity.year}年度{identity.document}"


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
