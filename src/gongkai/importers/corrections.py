"""Recorded corrections: what a reviewer adds to an import where the text does not say it.

A small YAML file per source document (``data/import-corrections/<seed>.yaml``): identity fields the
document does not print (the 省 and 市 of a county unit, the publication date) and the URL names of
the 项目 pages.  Figures are never corrected here: the data keeps every figure as printed.  Where the
text prints a count only in parts, ``staffing_sums`` names the printed parts that make it up
(「机关行政编制6名」 + 「中心编制10名」 → ``authorized: [6, 10]``); each part must be printed in the
staffing text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gongkai.diagnostics import Diagnostic, InputError, Location, Severity
from gongkai.importers.overview import printed_count
from gongkai.importers.result import ImportedDisclosure
from gongkai.schema import SLUG, validate
from gongkai.textfile import FileProblem, load_yaml

StaffingField = Literal["authorized", "actual", "retired"]


class CorrectionsDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = ""  # the file the corrections belong to
    title: str = ""
    unit_name: str = ""  # applied like --unit-name (command.run), so title, department and region follow it
    unit_code: str = ""
    department: str = ""
    region: list[str] = []
    published: str = ""
    url: str = Field(default="", pattern=r"^(?:https?://[^\s<>\"']+)?$")  # where the document is published
    publisher: str = ""
    project_slugs: dict[str, str] = {}
    staffing_sums: dict[StaffingField, list[int]] = {}
    chart_series: dict[str, list[str]] = {}  # 「图1」 → its series names, in printed order
    region_slug: str = Field(default="", pattern=f"^(?:{SLUG})?$")  # "" (the folder name) or a slug
    unit_slug: str = Field(default="", pattern=f"^(?:{SLUG})?$")


def load_corrections(path: Path) -> CorrectionsDoc:
    try:
        doc = load_yaml(path, str(path))
    except FileProblem as problem:
        raise InputError([_recode(problem.diagnostic)]) from None
    result, problems = validate(CorrectionsDoc, doc)
    if result is None:
        raise InputError([_recode(d) for d in problems])
    return result


def _recode(diagnostic: Diagnostic) -> Diagnostic:
    message = f"导入更正文件有误：{diagnostic.message}"
    hint = "格式见 docs/importers.md「记录的更正」。"
    return Diagnostic("import-corrections-invalid", Severity.ERROR, diagnostic.location, message, hint)


def apply_corrections(out: ImportedDisclosure, corrections: CorrectionsDoc) -> None:
    identity = out.identity
    for name in ("title", "unit_code", "department", "published", "url", "publisher"):
        value = getattr(corrections, name)
        if value:
            setattr(identity, name, value)
    if corrections.region:
        identity.region = list(corrections.region)
    unknown = sorted(set(corrections.project_slugs) - {str(p["name"]) for p in out.projects})
    if unknown:
        raise _invalid(
            out,
            "project_slugs",
            f"更正文件为不存在的项目指定了网址名：{'、'.join(unknown)}",
            "项目名称须与自评表中印出的「项目名称」一致。",
        )
    _apply_staffing_sums(out, corrections.staffing_sums)
    for figure, names in corrections.chart_series.items():
        _name_series(out, figure, names)


def _apply_staffing_sums(out: ImportedDisclosure, sums: dict[StaffingField, list[int]]) -> None:
    """Counts the text prints in parts: each part must be printed in the staffing text."""
    if not sums:
        return
    if out.staffing is None:
        raise _invalid(
            out,
            "staffing_sums",
            "文中没有找到人员编制情况，不能按 staffing_sums 求和",
            "请删去 staffing_sums，或确认「人员编制情况」一节已导入。",
        )
    text = str(out.staffing["text"])
    for field, parts in sums.items():
        missing = [str(n) for n in parts if not printed_count(text, n)]
        if missing:
            raise _invalid(
                out,
                f"staffing_sums.{field}",
                f"人员编制情况中没有印出 {'、'.join(missing)} 人（名）",
                "staffing_sums 只能把文中印出的人数相加。",
            )
        out.staffing[field] = sum(parts)


def _name_series(out: ImportedDisclosure, figure: str, names: list[str]) -> None:
    """Series labels the chart prints ambiguously (「支」 / 「出」), named by the reviewer in printed order."""
    chart = next((c for c in out.charts if c["figure"] == figure), None)
    printed = list(dict.fromkeys(p["series"] for p in chart["points"])) if chart else []
    if chart is None or len(printed) != len(names):
        raise _invalid(
            out,
            f"chart_series.{figure}",
            f"{figure}：文中没有这张图，或它的系列数（{len(printed)}）与更正给出的名称数（{len(names)}）不同",
            "chart_series 按印出的顺序为每个系列给一个名称。",
        )
    renamed = dict(zip(printed, names, strict=True))
    chart["points"] = [{**point, "series": renamed[point["series"]]} for point in chart["points"]]


def _invalid(out: ImportedDisclosure, field: str, message: str, hint: str) -> InputError:
    location = Location(out.source_file, field=field)
    return InputError([Diagnostic("import-corrections-invalid", Severity.ERROR, location, message, hint)])
