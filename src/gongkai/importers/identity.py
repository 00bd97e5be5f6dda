"""Who published the document: unit name, year, kind, region, read from the text where it says so.

Command-line flags override every field (:func:`apply_overrides`); nothing is guessed beyond the
printed text (a region not printed stays unknown and is reported when the folder is written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.importers.result import ImportedDisclosure

REPORT_UNIT = (
    re.compile(r"^(?P<unit>.+?)\d{4}年"),  # 中共…局2023年部门整体支出绩效自评报告
    re.compile(r"^\d{4}年度?(?P<unit>.+?)(?:部门)?整体"),  # 2021年攀枝花市西区信访局整体绩效评价报告
)
REGION = re.compile(r"^(?:中共)?(?P<province>.+?省)?(?P<city>.+?市)?(?P<county>.+?(?:县|区|旗))?")
OWNER = re.compile(r"^(?:预算主管部门|预算单位|主管部门|部门名称|单位名称|编制部门|编制单位)\s*[:：]\s*(\S+)")
CODED_UNIT = re.compile(r"^(\d{3,})\s*[-－—]\s*(.+)$")


@dataclass(frozen=True)
class Overrides:
    """Identity given on the command line (``--unit-name`` …); None = read from the document."""

    unit_name: str | None = None
    year: int | None = None
    kind: str | None = None
    region: tuple[str, ...] | None = None


def complete_identity(out: ImportedDisclosure, text: str) -> None:
    """Fill what the parts did not give: unit from a report title, year and kind from the text."""
    identity = out.identity
    report_title = str(out.overall["title"]) if out.overall else ""
    if not identity.unit_name and report_title:
        for pattern in REPORT_UNIT:
            match = pattern.match(report_title)
            if match and "部门" not in match.group("unit") and len(match.group("unit")) >= 3:
                identity.unit_name = match.group("unit")
                break
    if identity.year is None:
        year = re.search(r"(20\d{2})\s*年度", text) or re.search(r"(20\d{2})\s*年", report_title)
        identity.year = int(year.group(1)) if year else None
    if not identity.kind:
        identity.kind = "预算" if "预算公开" in text and "决算" not in text else "决算"
    if not identity.title:
        identity.title = report_title  # else apply_overrides names it from the (overridden) unit, year, kind
    _unit_code_from_projects(out)


def _unit_code_from_projects(out: ImportedDisclosure) -> None:
    """A 自评表 prints 「025001-襄垣县信访局」 as 预算单位: the unit code, when the name matches."""
    identity = out.identity
    for project in out.projects:
        match = CODED_UNIT.match(str(project.get("implementing_unit", "")))
        if match and match.group(2) == identity.unit_name and not identity.unit_code:
            identity.unit_code = match.group(1)


def apply_overrides(out: ImportedDisclosure, overrides: Overrides) -> None:
    identity = out.identity
    if overrides.unit_name:
        identity.unit_name = overrides.unit_name
    if overrides.year is not None:
        identity.year = overrides.year
    if overrides.kind:
        identity.kind = overrides.kind
    if overrides.region:
        identity.region = list(overrides.region)
    if not identity.title and identity.unit_name and identity.year:
        identity.title = f"{identity.unit_name}{identity.year}年度{identity.kind}公开"
    if not identity.department:
        identity.department = identity.unit_name
    if not identity.region and identity.unit_name:
        identity.region = region_of(identity.unit_name)
    for project in out.projects:
        project["year"] = project["year"] or identity.year
    if out.overall is not None:
        out.overall["year"] = out.overall["year"] or identity.year


def region_of(unit_name: str) -> list[str]:
    """The 省 / 市 / 县区 that the unit's own name prints (「攀枝花市西区信访局」 → [攀枝花市, 西区])."""
    match = REGION.match(unit_name)
    parts = [match.group(g) for g in ("province", "city", "county")] if match else []
    return [p for p in parts if p]
