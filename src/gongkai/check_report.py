"""What ``gongkai check`` (and a failed ``gongkai build``) prints: every diagnostic grouped by disclosure.

Text for people (Chinese, one block per disclosure, then the count by severity) and JSON for
machines.  The JSON keys are stable and documented in ``docs/cli.md``::

    {"format": 1, "ok": bool, "counts": {"error": n, "warning": n, "notice": n},
     "groups": [{"folder", "unit", "year", "kind", "document", "checks_run", "diagnostics": [...]}]}

Each diagnostic: ``code``, ``title``, ``severity``, ``location`` (every key of
:class:`~gongkai.diagnostics.Location`, ``null`` when unknown), ``message``, ``hint``,
``figures`` (``[[label, value], ...]`` in printed order) and ``related`` (locations).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from gongkai.codes import title
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import Corpus
from gongkai.rules import CheckReport

JSON_FORMAT_VERSION = 1
SHARED_FILES = "网站配置与公共数据（site.yaml、glossary.yaml、codes/）"


@dataclass(frozen=True)
class Group:
    """The diagnostics of one disclosure folder (or of the site-wide files when ``folder`` is "")."""

    folder: str
    diagnostics: tuple[Diagnostic, ...]
    unit: str = ""
    year: int | None = None
    kind: str = ""
    checks_run: int | None = None
    document: str = ""  # 单位决算, 整体支出绩效评价报告 … (gongkai.documents)

    def heading(self) -> str:
        if not self.folder:
            return SHARED_FILES
        name = f"{self.unit} {self.year}年度{self.document or self.kind} · " if self.unit else ""
        checked = f"核对 {self.checks_run} 项，" if self.checks_run is not None else ""
        return f"{name}{self.folder}（{checked}{len(self.diagnostics)} 处问题）"


def disclosure_folder(file: str) -> str:
    """The disclosure folder a file belongs to (``data/disclosures/<region>/<unit>/<year-kind>``), or ""."""
    parts = file.split("/")
    if "disclosures" not in parts:
        return ""
    index = parts.index("disclosures")
    return "/".join(parts[: index + 4]) if len(parts) > index + 4 else ""


def input_groups(errors: Sequence[Diagnostic]) -> list[Group]:
    """Input errors by disclosure folder; site-wide files first."""
    by_folder: dict[str, list[Diagnostic]] = {}
    for error in errors:
        by_folder.setdefault(disclosure_folder(error.location.file), []).append(error)
    return [Group(folder, tuple(items)) for folder, items in sorted(by_folder.items())]


def finding_groups(corpus: Corpus, report: CheckReport) -> list[Group]:
    """Every disclosure (with or without findings), in folder order."""
    return [
        Group(
            d.folder,
            tuple(report.findings.get(d.folder, [])),
            d.unit.name,
            d.year,
            d.kind,
            report.checks_run.get(d.folder, 0),
            d.document,
        )
        for d in sorted(corpus.disclosures, key=lambda d: d.folder)
    ]


def counts(groups: Sequence[Group]) -> Counter[Severity]:
    return Counter(d.severity for g in groups for d in g.diagnostics)


def count_text(diagnostics: Iterable[Diagnostic], *, zeros: bool = True) -> str:
    """「3 个错误、5 个警告、2 个提示」; severities without diagnostics are left out unless ``zeros``."""
    found = Counter(d.severity for d in diagnostics)
    return "、".join(f"{found[s]} 个{s.label}" for s in Severity if zeros or found[s])


def count_line(groups: Sequence[Group]) -> str:
    """「共 3 个错误、5 个警告、2 个提示。」"""
    return f"共 {count_text(d for g in groups for d in g.diagnostics)}。"


def text(groups: Sequence[Group]) -> str:
    lines: list[str] = []
    for group in groups:
        lines.append(f"== {group.heading()}")
        lines.extend("  " + d.format().replace("\n", "\n  ") for d in group.diagnostics)
    lines.append(count_line(groups))
    return "\n".join(lines)


def _location(location: Location) -> dict[str, object]:
    return {key: (value if value != "" else None) for key, value in asdict(location).items()}


def _diagnostic(d: Diagnostic) -> dict[str, object]:
    return {
        "code": d.code,
        "title": title(d.code),
        "severity": d.severity.value,
        "location": _location(d.location),
        "message": d.message,
        "hint": d.hint,
        "figures": [list(pair) for pair in d.figures],
        "related": [_location(r) for r in d.related],
    }


def as_json(groups: Sequence[Group], *, ok: bool) -> str:
    """``ok`` is false when the data has input errors (the groups then hold those errors)."""
    found = counts(groups)
    document = {
        "format": JSON_FORMAT_VERSION,
        "ok": ok,
        "counts": {s.value: found[s] for s in Severity},
        "groups": [
            {
                "folder": g.folder,
                "unit": g.unit or None,
                "year": g.year,
                "kind": g.kind or None,
                "document": g.document or None,
                "checks_run": g.checks_run,
                "diagnostics": [_diagnostic(d) for d in g.diagnostics],
            }
            for g in groups
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
