"""What an importer found in one document, before it is written as a disclosure folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.importers.templates import recognise_title


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def as_doc(self) -> dict[str, Any]:
        """The section in the shape of ``SectionDoc`` (empty lists left out)."""
        doc: dict[str, Any] = {"title": self.title}
        if self.paragraphs:
            doc["paragraphs"] = list(self.paragraphs)
        if self.subsections:
            doc["subsections"] = [s.as_doc() for s in self.subsections]
        return doc


@dataclass
class ImportedTable:
    id: str  # "01" … "10", "Y01" … "Y09"
    title: str
    unit: str = "万元"
    no_data: bool = False
    notes: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # CSV lines in the order of ``header``
    header: tuple[str, ...] = ()  # the CSV's columns; () = the spec's base layout
    pages: list[int] = field(default_factory=list)  # pages of the source document (PDF) it is printed on
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (page, printed cell) not placed


@dataclass
class GlossaryItem:
    number: str
    term: str
    definition: str


@dataclass
class Identity:
    """Who published what: read from the document, overridable by command-line flags."""

    title: str = ""
    unit_name: str = ""
    unit_code: str = ""
    department: str = ""
    region: list[str] = field(default_factory=list)
    year: int | None = None
    kind: str = ""
    document: str = ""  # 部门决算, 单位预算 … (disclosure.yaml document), "" = derived when loaded
    published: str = ""  # publication date, ISO (2025-08-05)
    url: str = ""  # where the document is published (http or https)
    publisher: str = ""  # the body that published it


@dataclass
class ImportedDisclosure:
    source_file: str
    identity: Identity = field(default_factory=Identity)
    parts: list[str] = field(default_factory=list)
    tables: list[ImportedTable] = field(default_factory=list)
    overview: list[Section] = field(default_factory=list)
    explanations: list[Section] = field(default_factory=list)
    glossary: list[GlossaryItem] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)  # ProjectDoc-shaped
    overall: dict[str, Any] | None = None  # OverallDoc-shaped
    charts: list[dict[str, Any]] = field(default_factory=list)  # ChartDoc-shaped, printed as loose numbers
    staffing: dict[str, Any] | None = None  # StaffingDoc-shaped, written into overview.yaml
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_sha256: str = ""  # of the imported file (PDF)
    line_pages: dict[int, int] = field(default_factory=dict)  # PDF: line of the rebuilt text → page
    summary: list[str] = field(default_factory=list)  # the import report, printed after the diagnostics
    toc: list[str] = field(default_factory=list)  # the entries of the document's 目录
    titles_seen: set[str] = field(default_factory=set)  # spec ids whose title the body prints

    def contents(self) -> list[dict[str, str]]:
        """The tables the 目录 lists (``templates``), once each, as ``ContentsEntryDoc``."""
        entries: dict[str, str] = {}
        for line in self.toc:
            spec = recognise_title(line)
            if spec is not None:
                entries.setdefault(spec.id, line.strip())
        return [{"table": table, "title": title} for table, title in entries.items()]

    def warn(self, code: str, location: Location, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(code, Severity.WARNING, location, message, hint))


def empty_project(name: str, year: int | None) -> dict[str, Any]:
    """A 项目支出绩效自评表 in the shape of ``ProjectDoc``, every field not yet read left empty."""
    return {
        "name": name,
        "year": year,
        "department": "",
        "implementing_unit": "",
        "funds": [],
        "goal": {"target": "", "actual": ""},
        "indicators": [],
        "total_score": "",
        "grade": "",
        "analysis": [],
        "report": [],
        "notes": [],
    }
