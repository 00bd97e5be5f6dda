"""The 概况 beyond its sections: staffing counts, and the 概况 of a document that prints it only in its
整体绩效 report.

Staffing (``overview.yaml`` ``staffing``) is read from the section titled 「人员编制情况」 / 「人员概况」: its
text as printed, and a count only where the text prints it as one figure (「编制人数14人」). A count printed
in parts (「行政编制3人，事业编制5人」) is left empty: which parts add up to the unit's count is the
reviewer's call, recorded as ``staffing_sums`` in the corrections (see :mod:`.corrections`).
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.importers.result import Section

STAFFING_TITLE = re.compile(r"人员(编制|概况|情况)")
REPORT_OVERVIEW_TITLE = re.compile(r"^一\s*、\s*(部门|单位)(基本)?(概况|情况)")
STAFFING_COUNTS = {
    "authorized": re.compile(r"编制(?:人数)?为?(\d+)\s*[人名]"),
    "actual": re.compile(r"实有(?:人数)?为?(\d+)\s*[人名]"),
    "retired": re.compile(r"退休(?:人员)?(?:人数)?为?(\d+)\s*[人名]"),
}


def section_from_doc(doc: dict[str, Any]) -> Section:
    return Section(
        str(doc["title"]),
        list(doc.get("paragraphs", [])),
        [section_from_doc(s) for s in doc.get("subsections", [])],
    )


def _staffing_section(sections: list[Section]) -> Section | None:
    for section in sections:
        if STAFFING_TITLE.search(section.title):
            return section
        found = _staffing_section(section.subsections)
        if found is not None:
            return found
    return None


def overview_from_report(report_sections: list[Section]) -> list[Section]:
    """「一、部门概况」 / 「一、部门基本情况」 of a 整体绩效 report: its subsections that describe the unit,
    up to the one that holds the staffing (the rest of the section is about the year's work)."""
    head = next((s for s in report_sections if REPORT_OVERVIEW_TITLE.match(s.title)), None)
    if head is None:
        return []
    for end, section in enumerate(head.subsections, start=1):
        if _staffing_section([section]) is not None:
            return head.subsections[:end]
    return list(head.subsections)


def read_staffing(overview: list[Section]) -> dict[str, Any] | None:
    """The ``staffing`` block: counts printed as one figure each, the section's text as printed."""
    section = _staffing_section(overview)
    if section is None or not section.paragraphs:
        return None
    text = "".join(section.paragraphs)
    staffing: dict[str, Any] = {}
    for field, pattern in STAFFING_COUNTS.items():
        counts = pattern.findall(text)
        staffing[field] = int(counts[0]) if len(counts) == 1 else None
    staffing["text"] = text
    return staffing


def printed_count(text: str, count: int) -> bool:
    """Whether ``text`` prints ``count`` as a headcount (「编制10名」, 「3人」)."""
    return re.search(rf"(?<![\d.]){count}\s*[人名]", text) is not None
