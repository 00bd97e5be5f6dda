"""Writing an :class:`ImportedDisclosure` as a disclosure folder in the data format, deterministically.

The files are written by the data format's one writer (:mod:`gongkai.data_writer`), which validates
each YAML document against its schema model; tables keep the header order of :data:`gongkai.tables.SPECS`,
YAML keeps every figure as a (quoted) string.  Writing into a folder that already holds files needs
``force``: the files the import produces are then overwritten, other files (a ``charts.yaml`` written by hand)
are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypinyin import lazy_pinyin

from gongkai.data_writer import csv_text, write_files, yaml_text
from gongkai.diagnostics import Diagnostic, InputError, Location, Severity
from gongkai.importers.result import ImportedDisclosure, ImportedTable
from gongkai.schema import (
    CHARTS,
    DISCLOSURE,
    EXPLANATIONS,
    GLOSSARY,
    OVERALL,
    OVERVIEW,
    PROJECT,
    SLUG_OF_KIND,
    SLUG_RE,
    default_document,
    folder_name,
    folder_names,
)
from gongkai.tables import SPECS


@dataclass(frozen=True)
class Target:
    """Where to write: the disclosure folder ``<region-slug>/<unit-slug>/<year>-<kind-slug>``."""

    folder: Path
    region_slug: str
    unit_slug: str
    project_slugs: dict[str, str]

    @classmethod
    def at(cls, folder: Path, region_slug: str | None = None, unit_slug: str | None = None) -> Target:
        folder = folder.resolve()
        return cls(folder, region_slug or folder.parent.parent.name, unit_slug or folder.parent.name, {})

    @classmethod
    def proposed(cls, data: Path, out: ImportedDisclosure, region_slug: str | None, unit_slug: str | None) -> Target:
        """``--out data/``: the folder named from the document, slugs in pinyin (「上海市普陀区财政局」 →
        shanghai-putuo / putuo-caizhengju)."""
        identity = out.identity
        region = region_slug or slug_of(*identity.region) or "region"
        local = identity.region[-1] if identity.region else ""
        own = identity.unit_name.removeprefix("".join(identity.region)) or identity.unit_name
        unit = unit_slug or slug_of(local, own) or "unit"
        name = folder_name(identity.year or 0, identity.kind or "决算", document_of(out))
        return cls((data / "disclosures" / region / unit / name).resolve(), region, unit, {})


def document_of(out: ImportedDisclosure) -> str:
    """What the imported document is (``disclosure.yaml`` ``document``): 部门预算, 单位预算 …"""
    return default_document(
        out.identity.title,
        out.identity.kind,
        out.parts,
        str(out.overall["kind"]) if out.overall else None,
        len(out.projects),
    )


_SUFFIX = re.compile(r"(?:省|市|区|县|自治州|自治县|旗)$")


def slug_of(*names: str) -> str:
    """ASCII slug of place or unit names in pinyin, administrative suffixes (省, 市, 区, 县) dropped."""
    words = [lazy_pinyin(_SUFFIX.sub("", name) if len(name) > 2 else name) for name in names if name]
    text = "-".join("".join(word) for word in words)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_target(out: ImportedDisclosure, target: Target) -> list[Diagnostic]:
    """What must be known before writing: unit name, year, kind, slugs matching the folder."""
    identity = out.identity
    problems: list[tuple[str, str]] = []
    if not identity.unit_name:
        problems.append(("unit", "文中没有找到单位名称，请用 --unit-name 给出"))
    if identity.year is None:
        problems.append(("year", "文中没有找到年度，请用 --year 给出"))
    for name, slug in (("region_slug", target.region_slug), ("unit_slug", target.unit_slug)):
        if not SLUG_RE.match(slug):
            problems.append(
                (name, f"网址名「{slug}」不合规（只能用小写字母、数字和连字符），请用 --{name.replace('_', '-')}")
            )
    if identity.year is not None and identity.kind in SLUG_OF_KIND:
        names = folder_names(identity.year, identity.kind, document_of(out))
        if target.folder.name not in names:
            expected = "」或「".join(names)
            problems.append(
                ("out", f"输出目录名应为「{expected}」（年度-类别[-公开种类]），实际为「{target.folder.name}」")
            )
    return [
        Diagnostic(
            "import-identity-missing",
            Severity.ERROR,
            Location(out.source_file, field=field),
            message,
            "输出目录为 data/disclosures/<地区网址名>/<单位网址名>/<年度>-juesuan（单位决算等可加 -danwei），例如 --out "
            "data/disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan；或 --out data/ 自动命名",
        )
        for field, message in problems
    ]


def write_disclosure(out: ImportedDisclosure, target: Target, *, force: bool = False) -> list[Path]:
    """Write the folder; return the files written (sorted). Raises :class:`InputError` when it cannot."""
    problems = check_target(out, target)
    folder = target.folder
    if folder.exists() and any(folder.iterdir()) and not force:
        problems.append(
            Diagnostic(
                "import-output-exists",
                Severity.ERROR,
                Location(str(folder)),
                "输出目录已存在且不为空，未覆盖",
                "换一个目录，或加 --force 用导入结果覆盖同名文件（其他文件保留）。",
            )
        )
    if problems:
        raise InputError(problems)
    return write_files(folder, _files(out, target))


def _files(out: ImportedDisclosure, target: Target) -> dict[str, str]:
    identity = out.identity
    note = f"Generated by `gongkai import` from {out.source_file}; review against the source before publishing."
    files: dict[str, str] = {}

    def document(rel: str, doc: dict[str, Any]) -> None:
        files[rel] = yaml_text(doc, note, (target.folder / rel).as_posix())

    document(DISCLOSURE.path, _disclosure_doc(out, target))
    for table in out.tables:
        files[SPECS[table.id].file] = csv_text([list(table_header(table)), *_table_rows(table)])
    if out.overview:
        overview: dict[str, Any] = {"sections": [s.as_doc() for s in out.overview]}
        if out.staffing is not None:
            overview["staffing"] = out.staffing
        document(OVERVIEW.path, overview)
    if out.explanations:
        document(EXPLANATIONS.path, {"sections": [s.as_doc() for s in out.explanations]})
    if out.glossary:
        entries = [
            {"number": g.number, "term": g.term, "definition": g.definition, "aliases": []} for g in out.glossary
        ]
        document(GLOSSARY.path, {"entries": entries})
    if out.charts:
        document(CHARTS.path, {"charts": out.charts})
    if out.overall is not None:
        document(OVERALL.path, out.overall)
    for number, project in enumerate(out.projects, start=1):
        slug = target.project_slugs.get(str(project["name"]), f"project-{number:02d}")
        document(PROJECT.path.replace("*", slug), {**project, "year": project["year"] or identity.year})
    return files


def table_header(table: ImportedTable) -> tuple[str, ...]:
    return table.header or SPECS[table.id].base_header


def _table_rows(table: ImportedTable) -> list[list[str]]:
    if table.rows or not table.no_data:
        return table.rows
    header = table_header(table)
    if "科目名称" in header:
        return [["合计" if column == "科目名称" else "" for column in header]]
    return []


def _disclosure_doc(out: ImportedDisclosure, target: Target) -> dict[str, Any]:
    identity = out.identity
    tables = []
    for table in out.tables:
        doc: dict[str, Any] = {
            "id": table.id,
            "title": table.title,
            "file": SPECS[table.id].file,
            "unit": table.unit,
        }
        if table.pages:
            doc["pages"] = list(table.pages)
        if table.no_data:
            doc["no_data"] = True
        doc["notes"] = list(table.notes)
        tables.append(doc)
    return {
        "title": identity.title,
        "unit": {
            "name": identity.unit_name,
            "code": identity.unit_code,
            "slug": target.unit_slug,
            "region": identity.region or ["（未注明）"],
            "region_slug": target.region_slug,
            "department": identity.department or identity.unit_name,
        },
        "year": identity.year,
        "kind": identity.kind,
        "document": document_of(out),
        "published": identity.published,
        "revision": 1,
        "currency_unit": "万元",
        "parts": list(out.parts),
        "source": {
            "title": identity.title,
            "file": out.source_file,
            "url": identity.url,
            **({"publisher": identity.publisher} if identity.publisher else {}),
            **({"sha256": out.source_sha256} if out.source_sha256 else {}),
        },
        "tables": tables,
        **({"contents": out.contents()} if out.contents() else {}),
    }
