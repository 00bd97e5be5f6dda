"""Recorded corrections: what a reviewer adds to an import where the text does not say it.

A small YAML file per source document (``data/import-corrections/<seed>.yaml``): identity fields the
document does not print (the 省 and 市 of a county unit, the publication date) and the URL names of
the 项目 pages.  Figures are never corrected here: the data keeps every figure as printed.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from gongkai.diagnostics import Diagnostic, InputError, Location, Severity
from gongkai.importers.result import ImportedDisclosure
from gongkai.schema import SLUG_PATTERN, validate
from gongkai.textfile import FileProblem, load_yaml


class CorrectionsDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = ""  # the file the corrections belong to
    title: str = ""
    unit_code: str = ""
    department: str = ""
    region: list[str] = []
    published: str = ""
    project_slugs: dict[str, str] = {}
    region_slug: str = Field(default="", pattern=f"({SLUG_PATTERN})?")
    unit_slug: str = Field(default="", pattern=f"({SLUG_PATTERN})?")


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
    for name in ("title", "unit_code", "department", "published"):
        value = getattr(corrections, name)
        if value:
            setattr(identity, name, value)
    if corrections.region:
        identity.region = list(corrections.region)
    unknown = sorted(set(corrections.project_slugs) - {str(p["name"]) for p in out.projects})
    if unknown:
        raise InputError(
            [
                Diagnostic(
                    "import-corrections-invalid",
                    Severity.ERROR,
                    Location(out.source_file, field="project_slugs"),
                    f"更正文件为不存在的项目指定了网址名：{'、'.join(unknown)}",
                    "项目名称须与自评表中印出的「项目名称」一致。",
                )
            ]
        )
