"""The structure of a disclosure once loaded: typed, immutable, amounts as ``Decimal``.

Files under ``data/`` are validated into these models by :mod:`gongkai.load`.  Every amount keeps the
text exactly as printed (``Cell.raw``) beside its value, and knows where it came from (``Cell.source``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from gongkai.diagnostics import Location


class CellState(StrEnum):
    AMOUNT = "amount"  # a number as printed
    EMPTY = "empty"  # blank cell: nothing printed
    NOT_APPLICABLE = "not-applicable"  # 「——」: the cell does not apply (not zero)


NOT_APPLICABLE_MARKS = frozenset({"——", "—", "-", "--", "－", "——————"})


@dataclass(frozen=True)
class Cell:
    """One printed figure.  ``raw`` is the text as printed, ``value`` its exact decimal value."""

    raw: str
    state: CellState
    value: Decimal | None
    source: Location

    @property
    def is_amount(self) -> bool:
        return self.state is CellState.AMOUNT

    def amount_or_zero(self) -> Decimal:
        """The value for sums: blank and 「——」 count as nothing printed (0)."""
        return self.value if self.value is not None else Decimal(0)


@dataclass(frozen=True)
class Column:
    title: str  # as in the CSV header, e.g. 财政拨款收入
    number: int  # 栏次 as published


@dataclass(frozen=True)
class TableRow:
    line: int  # line number in the CSV file (header is line 1)
    row_no: str  # 行次 as printed, "" where the table has none
    code: str  # 科目代码 ("" for 合计 rows and tables without codes)
    name: str  # 项目 / 科目名称 as printed
    cells: dict[str, Cell]  # column title -> cell; a column the table does not print has no cell
    side: str = ""  # 收入 / 支出: the half of a two-sided table printed without 行次
    page: str = ""  # the page of the source document (PDF) the row is printed on, "" if unknown

    def cell(self, title: str) -> Cell | None:
        return self.cells.get(title)

    @property
    def numbering_key(self) -> str:
        """What decides the row's 栏次: its 行次, else its 收支 half, else its name (公开09's 预算数 / 决算数)."""
        return self.row_no or self.side or self.name

    @property
    def key(self) -> str:
        """What a reader cites the row by: 行次, else 科目代码, else the name."""
        return self.row_no or self.code or self.name


def table_label(table_id: str) -> str:
    """公开02表 for a 决算 table, 预算02表 for a 预算 table (id Y02)."""
    return f"预算{table_id[1:]}表" if table_id.startswith("Y") else f"公开{table_id}表"


@dataclass(frozen=True)
class Table:
    id: str  # "01" … "10"
    title: str  # 收入支出决算总表
    file: str  # path relative to the data root
    unit: str  # 金额单位, normally 万元
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    no_data: bool  # published with 「本表无数据」
    notes: tuple[str, ...]

    @property
    def label(self) -> str:
        return table_label(self.id)

    @property
    def pages(self) -> tuple[str, ...]:
        """The pages of the original (PDF) its rows are printed on, where the importer recorded them."""
        return tuple(dict.fromkeys(row.page for row in self.rows if row.page))

    def row_by_no(self, row_no: str) -> TableRow | None:
        return next((r for r in self.rows if r.row_no == row_no), None)

    def row_by_code(self, code: str) -> TableRow | None:
        return next((r for r in self.rows if r.code == code), None)

    def row_by_name(self, name: str) -> TableRow | None:
        return next((r for r in self.rows if r.name == name), None)

    def has_amounts(self) -> bool:
        return any(c.is_amount for r in self.rows for c in r.cells.values())


@dataclass(frozen=True)
class TextSection:
    """A titled block of running text as printed; titles keep their printed numbering."""

    title: str
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[TextSection, ...] = ()
    line: int | None = None  # line of the title in its YAML file


@dataclass(frozen=True)
class Staffing:
    authorized: int | None  # 编制
    actual: int | None  # 实有
    retired: int | None  # 退休
    text: str  # the sentence the figures come from
    source: Location


@dataclass(frozen=True)
class Overview:
    sections: tuple[TextSection, ...]
    staffing: Staffing | None
    file: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    number: str = ""  # printed numbering, e.g. 十一
    aliases: tuple[str, ...] = ()
    source: str = ""  # file the entry comes from


@dataclass(frozen=True)
class ChartPoint:
    category: str  # e.g. 2023年 or 基本支出
    series: str  # e.g. 收入总计 ("" for a single series)
    value: Cell


@dataclass(frozen=True)
class PrintedChart:
    """Chart numbers as the source document prints them (图1–图7)."""

    figure: str  # 图1
    title: str
    unit: str
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class FundLine:
    """One line of a 绩效自评表's funds block (资金总额, 财政拨款, …); every figure as printed."""

    source_name: str
    initial_declared: Cell  # 年初预算数：目标申报数
    initial_budget: Cell  # 年初预算数：预算编制数
    annual_budget: Cell  # 全年预算数
    executed: Cell  # 全年执行数
    balance: Cell  # 资金结(转)余
    rate: Cell  # 执行率 (%)
    weight: Cell  # 分值
    score: Cell  # 得分


@dataclass(frozen=True)
class Indicator:
    level1: str  # 一级指标
    level2: str  # 二级指标
    name: str  # 三级指标
    target: str  # 年度指标值 (年初)
    adjusted_target: str  # 调整后指标值
    actual: str  # 实际完成值
    weight: Cell  # 分值
    score: Cell  # 得分
    deviation: str  # 偏差原因分析及改进措施
    source: Location


@dataclass(frozen=True)
class PerformanceTable:
    """A 项目支出绩效自评表 (or the 部门整体 self-evaluation table)."""

    slug: str
    name: str
    year: int
    department: str  # 主管部门及代码
    implementing_unit: str  # 预算单位 / 实施单位
    funds: tuple[FundLine, ...]
    goal_target: str
    goal_actual: str
    indicators: tuple[Indicator, ...]
    total_score: Cell
    grade: str
    analysis: tuple[TextSection, ...]
    report: tuple[TextSection, ...]  # accompanying 自评报告 text, if published
    notes: tuple[str, ...]
    file: str


GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))  # 绩效 等级 by 总分


def grade_for(total: Decimal) -> str:
    """The 等级 a 绩效 total score earns (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差)."""
    return next(grade for floor, grade in GRADES if total >= floor)


@dataclass(frozen=True)
class OverallReport:
    """部门整体支出绩效自评报告 / 整体绩效评价报告."""

    title: str
    kind: str  # 自评报告 or 评价报告
    year: int
    score: Cell
    grade: str
    sections: tuple[TextSection, ...]
    table: PerformanceTable | None
    file: str


@dataclass(frozen=True)
class Unit:
    name: str
    code: str
    slug: str
    region: tuple[str, ...]  # 省, 市, 县区
    region_slug: str
    department: str  # 主管部门


@dataclass(frozen=True)
class SourceDocument:
    """The official document the data was transcribed from: where it was published, by whom, which file."""

    title: str
    file: str  # the published document this data was transcribed from
    url: str = ""  # where it is published (http or https), "" if not recorded
    publisher: str = ""  # the body that published it, e.g. 上海市普陀区财政局
    sha256: str = ""  # of the file as published (an imported PDF)


@dataclass(frozen=True)
class ContentsEntry:
    table: str  # "01" … "Y09": the table a 目录 entry names
    title: str  # the entry as printed: 三、支出决算表


@dataclass(frozen=True)
class Disclosure:
    unit: Unit
    year: int
    kind: str  # 决算 or 预算
    slug: str  # e.g. 2023-juesuan
    published: str  # publication date as ISO text, "" if unknown
    revision: int
    currency_unit: str
    source: SourceDocument
    title: str  # 襄垣县信访局2023年度单位决算公开
    folder: str  # data-relative folder
    overview: Overview | None
    tables: dict[str, Table]  # "01" -> Table
    explanations: tuple[TextSection, ...]
    glossary: tuple[GlossaryEntry, ...]
    printed_charts: tuple[PrintedChart, ...]
    projects: tuple[PerformanceTable, ...]
    overall: OverallReport | None
    parts: tuple[str, ...] = field(default=())
    document: str = ""  # 部门决算, 单位预算, 整体支出绩效评价报告 … (gongkai.documents.DOCUMENT_KINDS)
    data_files: tuple[str, ...] = field(default=())  # the folder's data files (allowlist.scan): published
    contents: tuple[ContentsEntry, ...] = field(default=())  # the tables the document's 目录 lists

    @property
    def url(self) -> str:
        """Stable ASCII path of the disclosure page, relative to the site root."""
        return f"{self.unit.region_slug}/{self.unit.slug}/{self.slug}/"

    @property
    def name(self) -> str:
        """How readers name the disclosure: 「襄垣县信访局 2023年度单位决算」."""
        return f"{self.unit.name} {self.year}年度{self.document or self.kind}"

    def table(self, table_id: str) -> Table | None:
        return self.tables.get(table_id)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    office: str
    contact: str
    icp: str  # 备案号
    site_url: str


@dataclass(frozen=True)
class FunctionCode:
    code: str
    name: str


@dataclass(frozen=True)
class Corpus:
    """Everything under ``data/``: the site config, the shared lists and all disclosures."""

    root: str
    site: SiteConfig
    glossary: tuple[GlossaryEntry, ...]
    function_codes: dict[int, dict[str, str]]  # year -> code -> name
    economic_codes: dict[str, str]
    disclosures: tuple[Disclosure, ...]
