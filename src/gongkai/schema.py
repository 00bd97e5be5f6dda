"""Schemas of the YAML files under ``data/`` (pydantic), and the mapping of their errors to diagnostics.

The schemas check shape and types only; :mod:`gongkai.load` turns validated documents into the
immutable models of :mod:`gongkai.models`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.textfile import YamlDocument

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # lowercase ASCII words joined by single hyphens
SLUG_PATTERN = f"^{SLUG}$"
SLUG_RE = re.compile(SLUG_PATTERN)
YEAR_MIN, YEAR_MAX = 2000, 2100
M = TypeVar("M", bound=BaseModel)


def _as_text(value: Any) -> Any:
    """Printed figures may be written as YAML numbers; keep their text exactly (never via float)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    return value


Printed = Annotated[str, BeforeValidator(_as_text)]
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    """A title or name: a line break inside would break the page's structure (headings, tables, nav)."""
    if not _LINE_BREAKS.search(value):
        return value
    if _LINE_BREAKS.search(value.strip()):
        raise PydanticCustomError("text_multiline", "单行字段中有换行")
    return value.strip()  # a folded YAML scalar's final line break


Line = Annotated[str, AfterValidator(_one_line)]
PrintedLine = Annotated[Printed, AfterValidator(_one_line)]
CHART_FIGURES = tuple(f"图{n}" for n in range(1, 8))  # the charts a disclosure prints (figures.py draws them)


def _chart_figure(value: str) -> str:
    if value not in CHART_FIGURES:
        raise PydanticCustomError("chart_figure", "图表编号无效")
    return value


ChartFigure = Annotated[str, AfterValidator(_chart_figure)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
DocumentKind = Literal[
    "部门决算", "单位决算", "部门预算", "单位预算", "整体支出绩效自评报告", "整体支出绩效评价报告", "项目绩效自评"
]
KIND_SLUGS = {"juesuan": "决算", "yusuan": "预算"}  # a disclosure folder's suffix (``2023-juesuan``) → kind
SLUG_OF_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}
# the document in a folder name (``2025-yusuan-danwei``): a unit publishes its 单位预算 beside its 部门预算
DOCUMENT_SLUGS = {
    "部门决算": "bumen",
    "单位决算": "danwei",
    "部门预算": "bumen",
    "单位预算": "danwei",
    "整体支出绩效自评报告": "zhengti-ziping",
    "整体支出绩效评价报告": "zhengti-pingjia",
    "项目绩效自评": "xiangmu-ziping",
}
DEFAULT_DOCUMENTS = ("部门决算", "部门预算")  # named by year and kind alone (``2025-yusuan``)


def folder_name(year: int, kind: str, document: str) -> str:
    """The folder (and URL) name of a disclosure: ``<year>-<kind-slug>`` for the 部门 document of its kind,
    ``<year>-<kind-slug>-<document-slug>`` for another (``2025-yusuan-danwei``)."""
    plain = f"{year}-{SLUG_OF_KIND[kind]}"
    return plain if document in DEFAULT_DOCUMENTS else f"{plain}-{DOCUMENT_SLUGS[document]}"


def folder_names(year: int, kind: str, document: str | None = None) -> tuple[str, ...]:
    """The names a disclosure's folder may have: ``<year>-<kind-slug>`` for any document (so folders named
    before documents got their own names keep their URLs) and ``<year>-<kind-slug>-<document-slug>``, of
    ``document`` or, when it is not known yet, of any document."""
    plain = f"{year}-{SLUG_OF_KIND[kind]}"
    slugs = sorted(set(DOCUMENT_SLUGS.values())) if document is None else [DOCUMENT_SLUGS[document]]
    return (plain, *(f"{plain}-{slug}" for slug in slugs))


def default_document(title: str, kind: str, parts: Sequence[str], overall_kind: str | None, projects: int) -> str:
    """The document kind when ``disclosure.yaml`` does not say: a publication of only 绩效 is the 整体
    report (自评 or 评价, as ``overall.yaml`` says) or the 项目 self-evaluations; otherwise 单位 or 部门
    (单位 when the title says 单位, else 部门) followed by ``kind`` (决算 / 预算)."""
    if tuple(parts) == ("绩效",):
        if overall_kind is not None:
            return "整体支出绩效评价报告" if overall_kind == "评价报告" else "整体支出绩效自评报告"
        if projects:
            return "项目绩效自评"
    scope = "单位" if f"单位{kind}" in title else "部门"
    return f"{scope}{kind}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class SectionDoc(_Model):
    title: PrintedLine
    paragraphs: list[Printed] = []
    subsections: list[SectionDoc] = []


class UnitDoc(_Model):
    name: Line = Field(min_length=1)
    code: PrintedLine = ""
    slug: Slug
    region: list[Line] = Field(min_length=1)
    region_slug: Slug
    department: Line = ""


class SourceDoc(_Model):
    title: Line = Field(min_length=1)
    file: Line = ""
    url: str = Field(default="", pattern=r"^(?:https?://[^\s<>\"']+)?$")  # where it is published
    publisher: Line = ""
    sha256: str = Field(default="", pattern=r"^(?:[0-9a-f]{64})?$")  # of the file as published


TableId = Literal[
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",  # 决算 (公开01–10)
    "Y01", "Y02", "Y03", "Y04", "Y05", "Y06", "Y07", "Y08", "Y09",  # 预算
]  # fmt: skip


class TableDoc(_Model):
    id: TableId  # the keys of gongkai.tables.SPECS (a test keeps them in step)
    title: Line = Field(min_length=1)
    file: Line = ""
    unit: Line = "万元"
    no_data: bool = False
    notes: list[Printed] = []
    pages: list[Annotated[int, Field(ge=1)]] = []  # pages of the source PDF the table is printed on


class ContentsEntryDoc(_Model):
    table: TableId  # the table a 目录 entry names
    title: Line = Field(min_length=1)  # the entry as printed


class DisclosureDoc(_Model):
    title: Line = Field(min_length=1)
    unit: UnitDoc
    year: Year
    kind: Literal["决算", "预算"]
    document: DocumentKind | None = None  # derived from title, kind and parts when absent (default_document)
    published: PrintedLine = ""
    revision: int = Field(default=1, ge=1)
    currency_unit: Line = "万元"
    parts: list[Line] = []
    source: SourceDoc
    tables: list[TableDoc] = []
    contents: list[ContentsEntryDoc] = []  # the tables the document's 目录 lists


class StaffingDoc(_Model):
    authorized: int | None = Field(default=None, ge=0)
    actual: int | None = Field(default=None, ge=0)
    retired: int | None = Field(default=None, ge=0)
    text: str = ""


class OverviewDoc(_Model):
    sections: list[SectionDoc] = []
    staffing: StaffingDoc | None = None


class ExplanationsDoc(_Model):
    sections: list[SectionDoc] = Field(min_length=1)


class GlossaryEntryDoc(_Model):
    number: PrintedLine = ""
    term: Line = Field(min_length=1, max_length=200)
    definition: str = Field(min_length=1)
    aliases: list[Line] = []


class GlossaryDoc(_Model):
    entries: list[GlossaryEntryDoc] = Field(min_length=1)


class ChartPointDoc(_Model):
    series: PrintedLine = ""
    category: PrintedLine
    value: PrintedLine


class ChartDoc(_Model):
    figure: ChartFigure
    title: Line = Field(min_length=1)
    unit: Line = "万元"
    points: list[ChartPointDoc] = Field(min_length=1)


class ChartsDoc(_Model):
    charts: list[ChartDoc] = Field(min_length=1)


class FundDoc(_Model):
    source: PrintedLine
    initial_declared: Printed = ""
    initial_budget: Printed = ""
    annual_budget: Printed = ""
    executed: Printed = ""
    balance: Printed = ""
    rate: Printed = ""
    weight: Printed = ""
    score: Printed = ""


class GoalDoc(_Model):
    target: Printed = ""
    actual: Printed = ""


class IndicatorDoc(_Model):
    level1: Printed = ""
    level2: Printed = ""
    name: Printed = ""
    target: Printed = ""
    adjusted_target: Printed = ""
    actual: Printed = ""
    weight: Printed = ""
    score: Printed = ""
    deviation: Printed = ""


class ProjectDoc(_Model):
    name: Line = Field(min_length=1)
    year: Year
    department: PrintedLine = ""
    implementing_unit: PrintedLine = ""
    funds: list[FundDoc] = []
    goal: GoalDoc = GoalDoc()
    indicators: list[IndicatorDoc] = []
    total_score: Printed = ""
    grade: Printed = ""
    analysis: list[SectionDoc] = []
    report: list[SectionDoc] = []
    notes: list[Printed] = []


class OverallDoc(_Model):
    title: Line = Field(min_length=1)
    kind: Literal["自评报告", "评价报告"]
    year: Year
    score: Printed = ""
    grade: Printed = ""
    sections: list[SectionDoc] = []
    table: ProjectDoc | None = None


class SiteDoc(_Model):
    title: Line = Field(min_length=1)
    description: str = ""
    office: Line = ""
    contact: Line = ""
    icp: Line = ""
    site_url: Line = ""


@dataclass(frozen=True)
class DataFile(Generic[M]):
    """A YAML file of the data format and the schema model it is read and written as: ``path`` is relative
    to ``data/`` (site.yaml, the site's glossary.yaml) or to a disclosure folder, ``*`` standing for a slug."""

    path: str
    model: type[M]


SITE = DataFile("site.yaml", SiteDoc)
GLOSSARY = DataFile("glossary.yaml", GlossaryDoc)  # the site's, and a disclosure's own
DISCLOSURE = DataFile("disclosure.yaml", DisclosureDoc)
OVERVIEW = DataFile("overview.yaml", OverviewDoc)
EXPLANATIONS = DataFile("explanations.yaml", ExplanationsDoc)
CHARTS = DataFile("charts.yaml", ChartsDoc)
OVERALL = DataFile("performance/overall.yaml", OverallDoc)
PROJECT = DataFile("performance/projects/*.yaml", ProjectDoc)
DATA_FILES: tuple[DataFile[Any], ...] = (SITE, GLOSSARY, DISCLOSURE, OVERVIEW, EXPLANATIONS, CHARTS, OVERALL, PROJECT)


def model_of(rel: str) -> type[BaseModel] | None:
    """The schema model of the YAML file ``rel`` (any path ending in the path of one of :data:`DATA_FILES`);
    ``None`` for a file outside the data format."""
    path = PurePosixPath(rel)
    return next((f.model for f in DATA_FILES if path.match(f.path)), None)


_MESSAGES = {
    "missing": ("schema-missing-field", "缺少必填字段", "请补上这个字段。"),
    "extra_forbidden": (
        "schema-unknown-field",
        "未知字段（可能是拼写错误）",
        "字段名见 docs/data-format.md。",
    ),
    "string_pattern_mismatch": (
        "slug-invalid",
        "网址名（slug）只能由小写字母、数字和连字符组成",
        "例如 xiangyuan-xinfangju；不能含 /、.. 或中文。",
    ),
    "literal_error": ("schema-invalid-value", "取值不在允许范围内", "允许的取值见 docs/data-format.md。"),
    "greater_than_equal": ("schema-out-of-range", "数值超出允许范围", "请检查年份、版本号或人数。"),
    "less_than_equal": ("schema-out-of-range", "数值超出允许范围", "请检查年份、版本号或人数。"),
    "too_short": ("schema-missing-field", "内容为空", "请填写内容。"),
    "text_multiline": (
        "text-multiline",
        "单行字段（标题、名称等）中有换行",
        "请删除换行；较长的文字请写在段落（paragraphs）中。",
    ),
    "chart_figure": (
        "chart-id-unknown",
        f"图表编号无效：应为 {'、'.join(CHART_FIGURES)} 之一（半角数字）",
        "请按原文的图号填写，如 图1；图号中的数字用半角。",
    ),
    "string_too_short": ("schema-missing-field", "内容为空", "请填写内容。"),
}


def validate(model: type[M], doc: YamlDocument) -> tuple[M | None, list[Diagnostic]]:
    """Validate a YAML document; return the model or every schema error with its line and field."""
    if not isinstance(doc.data, dict):
        return None, [
            Diagnostic(
                "schema-wrong-type",
                Severity.ERROR,
                Location(doc.rel, line=1),
                "文件顶层应是“键: 值”形式的映射",
                "参照 docs/data-format.md 的示例填写。",
            )
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_diagnostic(doc, error) for error in exc.errors()]


def _diagnostic(doc: YamlDocument, error: Any) -> Diagnostic:
    path = tuple(error["loc"])
    field = ".".join(str(p) for p in path)
    code, message, hint = _MESSAGES.get(
        error["type"], ("schema-wrong-type", "类型不对", "请检查这个字段应填文字、数字还是列表。")
    )
    if error["type"] in {"greater_than_equal", "less_than_equal"} and path and path[-1] == "year":
        code, message = "year-out-of-range", f"年份超出范围（应在 {YEAR_MIN}–{YEAR_MAX} 之间）"
    shown = error.get("input")
    detail = f"（填的是「{shown}」）" if isinstance(shown, str | int) and error["type"] != "missing" else ""
    return Diagnostic(
        code,
        Severity.ERROR,
        Location(doc.rel, line=doc.line_of(path), field=field),
        f"{message}{detail}",
        hint,
    )
