"""A disclosure's ``datapackage.json``: a Frictionless Data Package descriptor (v1 spec, written here:
the ``frictionless`` library would bring a dozen dependencies for one JSON file).

Every data file is a resource with a Chinese title; each table CSV is a tabular resource whose schema
lists its columns as printed (key columns as strings, amounts as numbers with the table's unit in the
title), blank and 「——」 as missing values.  See docs/downloads.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePosixPath

from gongkai.allowlist import PROJECTS_FOLDER
from gongkai.models import NOT_APPLICABLE_MARKS, Disclosure, Table
from gongkai.tables import PAGE

NAME = "datapackage.json"
FILE_TITLES = {
    "disclosure.yaml": "公开的基本信息（单位、年度、原文、表格清单）",
    "overview.yaml": "单位概况",
    "explanations.yaml": "情况说明",
    "glossary.yaml": "名词解释（原文）",
    "charts.yaml": "原文图表的数字",
    "performance/overall.yaml": "部门整体绩效自评",
}
MISSING_VALUES = ["", *sorted(NOT_APPLICABLE_MARKS)]  # blank: not printed; 「——」: does not apply (not zero)


def package_name(d: Disclosure) -> str:
    """The package's ASCII name: region, unit and disclosure slugs (lowercase, as the URL)."""
    return f"{d.unit.region_slug}-{d.unit.slug}-{d.slug}"


def file_title(d: Disclosure, name: str) -> str:
    """The Chinese title of a data file (path relative to the disclosure's folder)."""
    table = next((t for t in d.tables.values() if t.file == f"{d.folder}/{name}"), None)
    if table is not None:
        return f"{table.label} {table.title}"
    if name.startswith(f"{PROJECTS_FOLDER}/"):
        slug = PurePosixPath(name).stem
        project = next((p for p in d.projects if p.slug == slug), None)
        return f"项目支出绩效自评：{project.name if project else slug}"
    return FILE_TITLES.get(name, name)


def _resource_name(name: str) -> str:
    """``tables/gongkai01.csv`` → ``gongkai01``; ``performance/projects/x.yaml`` → ``performance-projects-x``."""
    path = PurePosixPath(name)
    stem = path.stem if path.parent.name == "tables" else str(path.with_suffix("")).replace("/", "-")
    return stem.lower()


def _field(table: Table, title: str) -> dict[str, object]:
    amounts = {c.title for c in table.columns}
    if title not in amounts:
        return {"name": title, "title": title, "type": "integer" if title == PAGE else "string"}
    raws = [r.cells[title].raw for r in table.rows if title in r.cells]
    field: dict[str, object] = {"name": title, "title": f"{title}（{table.unit}）", "type": "number"}
    group = next((mark for mark in (",", "，") if any(mark in raw for raw in raws)), None)
    if group:
        field["groupChar"] = group
    return field


def _table_resource(table: Table, name: str, header: list[str]) -> dict[str, object]:
    resource: dict[str, object] = {
        "profile": "tabular-data-resource",
        "name": _resource_name(name),
        "path": name,
        "title": f"{table.label} {table.title}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    notes = "".join(table.notes)
    resource["description"] = f"金额单位：{table.unit}。" + ("本表无数据。" if table.no_data else "") + notes
    resource["schema"] = {"fields": [_field(table, title) for title in header], "missingValues": MISSING_VALUES}
    return resource


def descriptor(d: Disclosure, files: Mapping[str, bytes], headers: Mapping[str, list[str]], homepage: str) -> bytes:
    """The descriptor of ``files`` (path relative to the folder → bytes, in the order listed); ``headers``
    gives each table CSV's columns as printed; ``homepage`` is the disclosure page's address ("" unknown)."""
    tables = {t.file.removeprefix(f"{d.folder}/"): t for t in d.tables.values()}
    resources: list[dict[str, object]] = []
    for name, data in files.items():
        table = tables.get(name)
        if table is not None:
            resource = _table_resource(table, name, headers[name])
        else:
            resource = {
                "profile": "data-resource",
                "name": _resource_name(name),
                "path": name,
                "title": file_title(d, name),
                "format": "yaml",
                "mediatype": "application/yaml",
                "encoding": "utf-8",
            }
        resource["bytes"] = len(data)
        resources.append(resource)
    source: dict[str, str] = {"title": d.source.title}
    if d.source.url:
        source["path"] = d.source.url
    package: dict[str, object] = {
        "profile": "data-package",
        "name": package_name(d),
        "title": d.title,
        "description": (
            f"{d.unit.name}（{' '.join(d.unit.region)}）{d.year}年度{d.document or d.kind}，按原文逐项照录："
            "数字保留原文的写法（原文中的错误也不改），空白表示原文未填，「——」表示不适用（不是零）。"
        ),
        "keywords": [d.unit.name, f"{d.year}年", d.document or d.kind, *d.unit.region],
        "sources": [source],
        "resources": resources,
    }
    if homepage:
        package["homepage"] = homepage
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
