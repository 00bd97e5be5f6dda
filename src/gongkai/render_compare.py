"""Compare pages: per region (any level) and year, its units side by side on the headline measures, with a
CSV download (UTF-8 with BOM, so Excel opens it in Chinese).

The table is printed sorted by 支出总计 (largest first) and reads the same without JavaScript; with it, the
column headers sort by the ranks worked out here (``data-rank-*``: exact ``Decimal`` comparison at build
time, nothing compared in the browser).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import jinja2
import pandas as pd

from gongkai import markup
from gongkai.aggregate import BASIC, KINDS, RUNNING, SPENDING, STAFF, THREE_PUBLIC, Facts, Fig, figs, ratio
from gongkai.browse_html import by_key, cells, computed_cell, figure_cell, money_head, page, table
from gongkai.markup import Section
from gongkai.money import plain
from gongkai.render_browse import COMPARE, Group, UnitKey, of_units, region_groups
from gongkai.render_disclosure import RenderedPage

CSV_NAME = "compare.csv"
# (key, column title, unit) of the sortable columns
COLUMNS = (
    ("spending", "支出总计", "万元"),
    ("share", "基本支出占比", "%"),
    ("three", "“三公”经费", "万元"),
    ("running", "机关运行经费", "万元"),
    ("staff", "实有人数", "人"),
    ("perstaff", "人均支出", "万元"),
    ("findings", "核验不一致", "处"),
    ("score", "质量评分", "分"),
)


@dataclass(frozen=True)
class Line:
    """One unit's row: printed figures (or ``None``), the computed ones and the findings count."""

    unit: str
    key: UnitKey
    url: str  # the disclosure page
    spending: Fig | None
    basic: Fig | None
    three_public: Fig | None
    running: Fig | None
    staff: Fig | None
    findings: int
    score: int | None  # quality score (0–100) of the disclosure, docs/quality-score.md

    @property
    def basic_share(self) -> Decimal | None:
        if self.basic is None or self.spending is None:
            return None
        basic, spending = self.basic.wanyuan, self.spending.wanyuan
        return None if basic is None or spending is None else ratio(basic, spending, 100)

    @property
    def per_staff(self) -> Decimal | None:
        if self.spending is None or self.staff is None:
            return None
        spending = self.spending.wanyuan
        return None if spending is None else ratio(spending, self.staff.value)

    def sort_value(self, key: str) -> Decimal | None:
        figure = {"spending": self.spending, "three": self.three_public, "running": self.running}
        if key in figure:
            fig = figure[key]
            return fig.wanyuan if fig is not None else None
        computed = {
            "share": self.basic_share,
            "perstaff": self.per_staff,
            "staff": self.staff.value if self.staff else None,
            "findings": Decimal(self.findings),
            "score": Decimal(self.score) if self.score is not None else None,
        }
        return computed[key]


def _lines(meta: pd.DataFrame, kind: str, index: Mapping[tuple[object, ...], Fig]) -> list[Line]:
    """The units of ``meta`` (one region, one year) that published a disclosure of ``kind``, largest first."""
    lines = []
    for row in meta[meta["kind"] == kind].to_dict("records"):
        where = (row["region_slug"], row["unit_slug"], row["year"], kind)
        spending, basic, three, running, staff = (
            index.get((*where, m)) for m in (SPENDING, BASIC, THREE_PUBLIC, RUNNING, STAFF)
        )
        key, url, findings = str(row["unit_key"]), str(row["url"]), int(row["findings"])
        score = int(row["score"]) if pd.notna(row["score"]) else None
        lines.append(Line(str(row["unit"]), key, url, spending, basic, three, running, staff, findings, score))
    return sorted(lines, key=lambda line: (-(line.sort_value("spending") or Decimal(-1)), line.key))


def _ranks(lines: list[Line]) -> dict[str, dict[UnitKey, int]]:
    """Per column: each unit's rank from the smallest (1) up; units without the figure rank 0."""
    ranks: dict[str, dict[UnitKey, int]] = {}
    for key, _, _ in COLUMNS:
        present = sorted((v, line.key) for line in lines if (v := line.sort_value(key)) is not None)
        ranks[key] = {line.key: 0 for line in lines} | {k: i for i, (_, k) in enumerate(present, start=1)}
    return ranks


def _table(lines: list[Line], kind: str, region: str, year: int, prefix: str, env: jinja2.Environment) -> str:
    ranks = _ranks(lines)
    macros = markup.html(env, "compare")
    rows = []
    for line in lines:
        figures = [
            figure_cell(line.spending, prefix, "万元"),
            computed_cell(line.basic_share, "%"),
            figure_cell(line.three_public, prefix, "万元"),
            figure_cell(line.running, prefix, "万元"),
            figure_cell(line.staff, prefix, "人"),
            computed_cell(line.per_staff, "万元"),
        ]
        rows.append(
            macros.row(
                [(key, ranks[key][line.key]) for key, _, _ in COLUMNS],
                f"{prefix}{line.key}/",
                line.unit,
                cells(env, figures),
                f"{prefix}{line.url}#checks",
                line.findings,
                line.score,
            )
        )
    head = [
        "单位",
        *(money_head(env, title, unit) if unit == "万元" else f"{title}（{unit}）" for _, title, unit in COLUMNS),
    ]
    caption = f"{region} {year}年度各单位{kind}比较（{len(lines)}个单位，按支出总计从大到小）"
    return table(env, caption, head, rows, "gk-sortable", ["", *(f' data-sort="{key}"' for key, _, _ in COLUMNS)])


def _in_wanyuan(fig: Fig | None) -> str:
    """A money figure for the CSV's 万元 columns: as printed when printed in 万元, else converted exactly."""
    if fig is None:
        return ""
    return fig.raw if fig.currency == "万元" or fig.wanyuan is None else plain(fig.wanyuan)


def _csv(lines_by_kind: Mapping[str, list[Line]], region: str, year: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["地区", "年度", "类型", "单位", "支出总计（万元）", "基本支出（万元）", "基本支出占比（%）", "“三公”经费（万元）",
         "机关运行经费（万元）", "实有人数", "人均支出（万元，计算）", "核验不一致（处）", "质量评分（满分100）", "公开页面",
         "原文金额单位"]
    )  # fmt: skip
    for kind, lines in lines_by_kind.items():
        for line in lines:
            printed = [line.spending, line.basic, line.three_public, line.running]
            writer.writerow(
                [region, year, kind, line.unit, *(_in_wanyuan(f) for f in printed[:2]),
                 plain(line.basic_share) if line.basic_share is not None else "",
                 *(_in_wanyuan(f) for f in printed[2:]), line.staff.raw if line.staff else "",
                 plain(line.per_staff) if line.per_staff is not None else "", line.findings,
                 "" if line.score is None else line.score, line.url,
                 "、".join(sorted({f.currency for f in printed if f is not None}))]
            )  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


NOTE = (
    "支出总计、“三公”经费、机关运行经费与实有人数取自各单位当年公开的表格和概况，点击数字可查看原表；"
    "基本支出占比 = 基本支出 ÷ 支出总计，人均支出 = 支出总计 ÷ 实有人数，均由本站计算（四舍五入到0.01）；"
    "「未公开」表示该单位这一年没有这份公开或未列此数。核验不一致为核验发现的错误数，质量评分（满分100）"
    "见各份公开的核验结果与评分说明。点击表头可按该列排序。"
)


def _lead(env: jinja2.Environment) -> str:
    """The note under a compare page's title: what every such page shows and where its figures come from."""
    return markup.paragraph(env, NOTE, None, "gk-lead")


def _compare_page(
    group: Group, year: int, meta: pd.DataFrame, index: Mapping[tuple[object, ...], Fig], env: jinja2.Environment
) -> tuple[RenderedPage, bytes]:
    path = f"{COMPARE}{group.slug}/{year}/"
    prefix = "../" * path.count("/")
    lines_by_kind = {kind: lines for kind in KINDS if (lines := _lines(meta, kind, index))}
    sections = [
        Section(kind, "juesuan" if kind == "决算" else "yusuan", _table(lines, kind, group.title, year, prefix, env))
        for kind, lines in lines_by_kind.items()
    ]
    macros = markup.html(env, "compare")
    sections.append(Section("下载", "download", str(macros.download(CSV_NAME))))
    back = str(macros.back(f"{prefix}{group.path}", group.title))
    title = f"{group.title} {year}年度各单位比较"
    rendered = page(env, f"{path}index.md", title, back + _lead(env), sections, "data/disclosures/")
    return rendered, _csv(lines_by_kind, group.title, year)


def _years(group: Group, years: list[int], prefix: str) -> tuple[str, list[tuple[str, int]]]:
    """A region's item in a list of years: 「省 › 市 › 县」 and a link to each year's page."""
    return " › ".join([*(n.name for n in group.parents), group.title]), [
        (f"{prefix}{group.slug}/{y}/", y) for y in years
    ]


def _index_pages(years_of: Mapping[str, tuple[Group, list[int]]], env: jinja2.Environment) -> list[RenderedPage]:
    """The compare folder's own pages: every region with its years (``compare/``), and each region's years
    (``compare/<地区>/``), so that no compare address ends in an empty folder."""
    macros = markup.html(env, "compare")
    regions = str(macros.years_list([_years(group, years, "") for group, years in years_of.values()]))
    pages = [page(env, f"{COMPARE}index.md", "各单位比较", _lead(env), [Section("按地区", "regions", regions)], "")]
    for group, years in years_of.values():
        back = str(macros.crumbs(group.title))
        section = Section("年度", "years", str(macros.years_list([_years(group, years, "../")])))
        pages.append(page(env, f"{COMPARE}{group.slug}/index.md", f"{group.title}各单位比较", back, [section], ""))
    return pages


def compare_pages(facts: Facts, env: jinja2.Environment) -> tuple[list[RenderedPage], dict[str, bytes]]:
    """A compare page (and its CSV) for every region node and every year its units published, and the
    index pages of the compare folder."""
    pages, files = [], {}
    index = by_key(figs(facts.headline), "region_slug", "unit_slug", "year", "kind", "measure")
    years_of: dict[str, tuple[Group, list[int]]] = {}
    for group in region_groups(facts).values():
        for year, meta in of_units(facts.disclosures, group.units).groupby("year", sort=True):
            rendered, data = _compare_page(group, int(str(year)), meta, index, env)
            pages.append(rendered)
            files[f"{COMPARE}{group.slug}/{year}/{CSV_NAME}"] = data
            years_of.setdefault(group.slug, (group, []))[1].append(int(str(year)))
    return pages + _index_pages(years_of, env), files
