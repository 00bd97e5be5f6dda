"""Cross-disclosure figures: one pandas DataFrame of every headline and function figure of the corpus.

Each row is one printed figure of one disclosure (``value`` a ``Decimal`` in an object column, ``raw`` the
text as printed, ``href`` the cell it is printed in), so the browse, compare and unit pages group the same
frame instead of walking the disclosures again.  A disclosure's rows depend on that disclosure only
(:func:`disclosure_records`).  What adding one disclosure costs: the frame and the pages are recomputed
(well under a second at 1,000 disclosures, see docs/performance.md), but only the pages whose group
includes the new disclosure change, so only they are rewritten in ``content/``, and only the charts of the
units whose figures changed are drawn again (the SVG cache is keyed by a chart's data).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from pypinyin import lazy_pinyin

from gongkai.address import cell_id
from gongkai.amounts import in_wanyuan
from gongkai.documents import one_per_unit_year
from gongkai.models import Disclosure, Table, TableRow, Unit
from gongkai.tables import grand_total

# Headline measures, in the order pages show them.
INCOME = "收入总计"
SPENDING = "支出总计"
BASIC = "基本支出"
PROJECT = "项目支出"
THREE_PUBLIC = "“三公”经费"
RUNNING = "机关运行经费"
STAFF = "实有人数"
FUNCTION = "功能分类支出"  # one row per subject code of 公开03 (本年支出合计)
MEASURES = (INCOME, SPENDING, BASIC, PROJECT, THREE_PUBLIC, RUNNING, STAFF)
KINDS = ("决算", "预算")

COLUMNS = (
    "folder", "url", "region_slug", "unit_slug", "unit", "department", "year", "kind",
    "measure", "code", "name", "value", "raw", "currency", "href", "source",
)  # fmt: skip
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RegionNode:
    """One level of a unit's region (省, 市 or 县区): its name, stable ASCII slug and depth (0 = 省)."""

    name: str
    slug: str
    depth: int


def region_path(unit: Unit) -> tuple[RegionNode, ...]:
    """The unit's region from 省 down, each level with a slug: the prefixes of ``region_slug`` when it has one
    part per level (``shanxi-changzhi-xiangyuan`` → ``shanxi``, ``shanxi-changzhi``), else pinyin of the
    names for the upper levels and ``region_slug`` itself for the last."""
    names = unit.region or ("（未注明）",)
    parts = unit.region_slug.split("-")
    nodes = []
    for depth, name in enumerate(names):
        if depth == len(names) - 1:
            slug = unit.region_slug
        elif len(parts) == len(names):
            slug = "-".join(parts[: depth + 1])
        else:
            slug = "-".join(ascii_slug(n) for n in names[: depth + 1])
        nodes.append(RegionNode(name, slug, depth))
    return tuple(nodes)


def ascii_slug(name: str) -> str:
    """A stable ASCII slug of a Chinese name (pinyin, lowercase, hyphens)."""
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in " ".join(lazy_pinyin(name)).lower())
    return "-".join(words.split()) or "x"


@dataclass(frozen=True)
class Fig:
    """One figure of one disclosure: a row of :attr:`Facts.figures` (fields in :data:`COLUMNS` order)."""

    folder: str
    url: str
    region_slug: str
    unit_slug: str
    unit: str
    department: str
    year: int
    kind: str
    measure: str
    code: str
    name: str
    value: Decimal
    raw: str
    currency: str
    href: str
    source: str

    @property
    def wanyuan(self) -> Decimal | None:
        """The figure in 万元, exactly, for comparing and summing figures of disclosures printed in different
        units (元 / 万元 / 亿元); ``None`` for a count (实有人数)."""
        return in_wanyuan(self.value, self.currency)


def _row(
    d: Disclosure,
    measure: str,
    value: Decimal,
    raw: str,
    href: str,
    source: str,
    code: str = "",
    name: str = "",
    unit: str | None = None,
) -> Fig:
    u = d.unit
    return Fig(
        d.folder, d.url, u.region_slug, u.slug, u.name, u.department or u.name, d.year, d.kind,
        measure, code, name or measure, value, raw, d.currency_unit if unit is None else unit, href, source,
    )  # fmt: skip


def _cell_row(
    d: Disclosure, measure: str, table: Table | None, row: TableRow | None, column: str, code: str = "", name: str = ""
) -> Fig | None:
    """The figure printed in ``row`` under the column titled ``column`` (nothing if blank or not printed)."""
    titles = [c.title for c in table.columns] if table is not None else []
    if table is None or row is None or table.no_data or column not in titles:
        return None
    cell = row.cells[column]
    if not cell.is_amount or cell.value is None:
        return None
    anchor = cell_id(table.id, row, titles.index(column))
    source = f"{table.label} {row.key} {column}"
    return _row(d, measure, cell.value, cell.raw.strip(), f"{d.url}#{anchor}", source, code, name, table.unit)


def _total_row(table: Table | None) -> TableRow | None:
    return next((r for r in table.rows if not r.code and not r.row_no), None) if table else None


def _grand_total(table: Table | None, side: str) -> TableRow | None:
    return grand_total(table, side) if table is not None else None


def _from_chart(d: Disclosure, measure: str, series: str) -> Fig | None:
    """This year's total as the document's 图1 prints it, for documents that print no tables."""
    chart = next((c for c in d.printed_charts if c.figure == "图1"), None)
    point = next(
        (p for p in chart.points if p.series == series and p.category == f"{d.year}年") if chart else iter(()),
        None,
    )
    if chart is None or point is None or not point.value.is_amount or point.value.value is None:
        return None
    raw = point.value.raw.strip()
    return _row(d, measure, point.value.value, raw, f"{d.url}#charts", "原文图1", unit=chart.unit or d.currency_unit)


def _first_printed(table: Table | None, column: str, names: tuple[str, ...] = ()) -> TableRow | None:
    """The row named first in ``names`` (or any row) whose ``column`` is printed."""
    if table is None:
        return None
    rows = [r for r in map(table.row_by_name, names) if r is not None] if names else list(table.rows)
    return next((r for r in rows if (c := r.cells.get(column)) is not None and c.is_amount), None)


def _running_costs(d: Disclosure) -> Fig | None:
    """机关运行经费: 公开10 行次5 (行政单位) + 行次6 (参公事业单位), the printed ones; else 预算09's column."""
    table = d.table("10")
    if table is None or table.no_data:
        y09 = d.table("Y09")
        return _cell_row(d, RUNNING, y09, _first_printed(y09, "机关运行经费"), "机关运行经费")
    cells = [(r, r.cells["统计数"]) for r in map(table.row_by_no, ("5", "6")) if r is not None]
    printed = [(r, c) for r, c in cells if c.is_amount and c.value is not None]
    if not printed:
        return None
    value = sum((c.value for _, c in printed if c.value is not None), Decimal(0))
    raw = printed[0][1].raw.strip() if len(printed) == 1 else format(value, "f")
    first = printed[0][0]
    source = "公开10表 " + "、".join(f"行次{r.row_no}" for r, _ in printed)
    return _row(d, RUNNING, value, raw, f"{d.url}#{cell_id('10', first, 0)}", source, unit=table.unit)


def disclosure_records(d: Disclosure) -> list[Fig]:
    """The disclosure's figures as frame rows (headline measures, then spending by subject code): from the
    决算 tables 公开01/03/09/10, or the 预算 tables 预算02/03/09 where a document prints those."""
    t01, t09 = d.table("01"), d.table("09")
    spending = d.table("03") or d.table("Y03")
    total = _total_row(spending)
    own, other = ("决算数", "预算数") if d.kind == "决算" else ("预算数", "决算数")
    y02, y09 = d.table("Y02"), d.table("Y09")
    rows = [
        _cell_row(d, INCOME, t01, _grand_total(t01, "收入"), "金额")
        or _cell_row(d, INCOME, y02, _total_row(y02), "合计")
        or _from_chart(d, INCOME, "收入"),
        _cell_row(d, SPENDING, t01, _grand_total(t01, "支出"), "金额")
        or _cell_row(d, SPENDING, spending, total, "合计")
        or _from_chart(d, SPENDING, "支出"),
        _cell_row(d, BASIC, spending, total, "基本支出"),
        _cell_row(d, PROJECT, spending, total, "项目支出"),
        _cell_row(d, THREE_PUBLIC, t09, _first_printed(t09, "合计", (own, other)), "合计")
        or _cell_row(d, THREE_PUBLIC, y09, _first_printed(y09, "合计"), "合计"),
        _running_costs(d),
    ]
    staffing = d.overview.staffing if d.overview else None
    if staffing is not None and staffing.actual is not None:
        rows.append(
            _row(
                d, STAFF, Decimal(staffing.actual), str(staffing.actual), f"{d.url}#overview", staffing.text, unit="人"
            )
        )
    if spending is not None and not spending.no_data:
        column = "本年支出合计" if spending.id == "03" else "合计"
        rows.extend(_cell_row(d, FUNCTION, spending, r, column, r.code, r.name) for r in spending.rows if r.code)
    return [r for r in rows if r is not None]


@dataclass(frozen=True)
class Facts:
    """The build's figures (``figures``: one row per printed figure) and disclosures (``disclosures``:
    one row per disclosure with its unit, region path and findings count)."""

    figures: pd.DataFrame
    disclosures: pd.DataFrame

    def measure(self, measure: str) -> pd.DataFrame:
        return self.figures[self.figures["measure"] == measure]

    @functools.cached_property
    def headline(self) -> pd.DataFrame:
        """The headline figures (no 功能分类 rows)."""
        return self.figures[self.figures["measure"] != FUNCTION]


def facts(
    disclosures: Iterable[Disclosure], findings: Mapping[str, int], scores: Mapping[str, int] | None = None
) -> Facts:
    """Every figure of ``disclosures`` in one frame, one disclosure per unit, year and kind
    (:func:`gongkai.documents.one_per_unit_year`); ``findings``: disclosure folder → findings count,
    ``scores``: disclosure folder → quality score (``docs/quality-score.md``), where worked out."""
    records: list[Fig] = []
    meta = []
    for d in one_per_unit_year(disclosures):
        records.extend(disclosure_records(d))
        path = region_path(d.unit)
        meta.append(
            {
                "folder": d.folder, "url": d.url, "region_slug": d.unit.region_slug, "unit_slug": d.unit.slug,
                "unit": d.unit.name, "department": d.unit.department or d.unit.name, "year": d.year,
                "kind": d.kind, "region": " ".join(n.name for n in path), "nodes": path,
                "findings": findings.get(d.folder, 0), "score": (scores or {}).get(d.folder),
            }
        )  # fmt: skip
    figures = pd.DataFrame.from_records([vars(f) for f in records], columns=list(COLUMNS))
    figures["value"] = figures["value"].astype(object)
    figures["fig"] = pd.Series(records, index=figures.index, dtype=object)
    disclosures_frame = pd.DataFrame(meta, columns=list(_META))
    for frame in (figures, disclosures_frame):  # one key per unit, for grouping and isin()
        frame["unit_key"] = frame["region_slug"] + "/" + frame["unit_slug"]
    return Facts(figures, disclosures_frame)


_META = (
    "folder",
    "url",
    "region_slug",
    "unit_slug",
    "unit",
    "department",
    "year",
    "kind",
    "region",
    "nodes",
    "findings",
    "score",
)


def figs(frame: pd.DataFrame) -> list[Fig]:
    """The frame's rows as typed figures, in frame order."""
    return list(frame["fig"])


def decimal_sum(values: Iterable[object]) -> Decimal:
    """Exact sum of a column of ``Decimal`` (pandas' own sum would start from int 0; this stays Decimal)."""
    return sum((v for v in values if isinstance(v, Decimal)), Decimal(0))


def ratio(part: Decimal, whole: Decimal, scale: int = 1) -> Decimal | None:
    """``part × scale / whole`` rounded half-up to 0.01, ``None`` when ``whole`` is not positive."""
    if whole <= 0:
        return None
    return (part * scale / whole).quantize(CENT, rounding=ROUND_HALF_UP)
