"""A unit's page as a time series: every year's 预算 and 决算 side by side, with charts and the change on
the year before (and the reason the 情况说明 states for it); a year not published is shown as a gap.

The page is a list of sections (:data:`UNIT_SECTIONS`), each built from one :class:`UnitContext`; another
section (budget against actual, …) is one more function in that list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import jinja2
from markupsafe import Markup

from gongkai import markup
from gongkai.aggregate import MEASURES, RUNNING, SPENDING, STAFF, THREE_PUBLIC, Facts, Fig, figs, region_path
from gongkai.browse_html import (
    GAP,
    by_key,
    cells,
    computed_cell,
    figure_cell,
    money_head,
    page,
    table,
)
from gongkai.budget import BudgetActual
from gongkai.charts import ChartData, Datum
from gongkai.markup import Section
from gongkai.models import Corpus, Disclosure, Unit
from gongkai.render_budget import unit_budget_section
from gongkai.render_disclosure import RenderedPage
from gongkai.render_site import by_unit, disclosure_rows
from gongkai.rules.prose_reasons import stated_changes
from gongkai.rules.text_figures import TextFigure

PREFIX = "../../"  # from a unit page (region/unit/) to the site root
SUBJECTS = {THREE_PUBLIC: ("“三公”经费", "三公经费", "三公")}  # how the 情况说明 names a measure


@dataclass(frozen=True)
class UnitContext:
    unit: Unit
    disclosures: Sequence[Disclosure]  # newest first
    figures: Sequence[Fig]  # the unit's headline figures (no function codes)
    years: tuple[int, ...]  # every year from the first to the last published, gaps included
    badges: Mapping[str, str]  # disclosure folder -> 核验 badge HTML
    comparisons: Mapping[str, BudgetActual]  # 决算 folder -> budget against actual of the same year
    env: jinja2.Environment
    _stated: dict[tuple[int, str], Mapping[str, tuple[TextFigure, str]]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.unit.region_slug}/{self.unit.slug}/"

    @functools.cached_property
    def _index(self) -> Mapping[tuple[object, ...], Fig]:
        return by_key(self.figures, "measure", "year", "kind")

    def figure(self, measure: str, year: int, kind: str) -> Fig | None:
        return self._index.get((measure, year, kind))

    def disclosure(self, year: int, kind: str) -> Disclosure | None:
        return next((d for d in self.disclosures if (d.year, d.kind) == (year, kind)), None)

    def stated(self, year: int, kind: str) -> Mapping[str, tuple[TextFigure, str]]:
        """The changes (and reasons) the year's disclosure of that kind states, by measure."""
        d = self.disclosure(year, kind)
        if d is None or not d.explanations:
            return {}
        if (year, kind) not in self._stated:
            subjects = {m: SUBJECTS.get(m, (m,)) for m in MEASURES if m != STAFF}
            self._stated[year, kind] = stated_changes(d.explanations, subjects)
        return self._stated[year, kind]

    @property
    def currency(self) -> str:
        """The unit the unit's amounts are mostly printed in (万元 normally)."""
        units = [f.currency for f in self.figures if f.measure != STAFF]
        return max(sorted(set(units)), key=units.count) if units else "万元"


UnitSection = Callable[[UnitContext], tuple[list[Section], list[ChartData]]]


def _disclosures(ctx: UnitContext) -> tuple[list[Section], list[ChartData]]:
    return [Section("历年公开", "disclosures", disclosure_rows(ctx.disclosures, PREFIX, ctx.badges, ctx.env))], []


def _series(ctx: UnitContext, measure: str, kind: str, series: str = "") -> list[Datum]:
    """The measure's figures of one kind by year, in the unit's main currency unit."""
    return [
        Datum(f"{y}年", series or kind, fig.value, fig.raw, f"{y}年度{kind} {fig.source}")
        for y in ctx.years
        if (fig := ctx.figure(measure, y, kind)) is not None and fig.currency == ctx.currency
    ]


def _gaps_note(ctx: UnitContext, series: Mapping[str, Sequence[Datum]]) -> str:
    missing = [
        f"{name}缺{'、'.join(y for y in (f'{y}年' for y in ctx.years) if y not in {d.category for d in data})}"
        for name, data in series.items()
        if data and len(data) < len(ctx.years)
    ]
    return f"图中空缺：{'；'.join(missing)}（未公开或未列此数）。" if missing else ""


def _charts(ctx: UnitContext) -> tuple[list[Section], list[ChartData]]:
    charts = []
    specs = (
        ("spending", "历年支出总计：预算与决算", {k: _series(ctx, SPENDING, k) for k in ("预算", "决算")}),
        (
            "costs",
            "历年“三公”经费与机关运行经费（决算）",
            {m: _series(ctx, m, "决算", m) for m in (THREE_PUBLIC, RUNNING)},
        ),
    )
    for key, title, series in specs:
        data = tuple(d for points in series.values() for d in points)
        if data:
            charts.append(ChartData(key, "", title, "grouped-bar", ctx.currency, data, _gaps_note(ctx, series)))
    if not charts:
        return [], []
    body = "\n\n".join(markup.figure(ctx.env, c, f"charts/{c.key}.svg") for c in charts)
    return [Section("历年变化图", "trend", body)], charts


def _reason(ctx: UnitContext, measure: str, year: int) -> Markup:
    """The change the year's 决算 (else 预算) states for the measure, and its reason (a dash when none)."""
    macros = markup.html(ctx.env, "unit")
    for kind in ("决算", "预算"):
        stated = ctx.stated(year, kind).get(measure)
        if stated is not None:
            change, reason = stated
            return Markup(macros.stated(kind, change.raw, reason))
    return Markup(macros.stated("", "", ""))


def _change(now: Fig | None, before: Fig | None) -> Decimal | None:
    if now is None or before is None or now.currency != before.currency:
        return None
    return now.value - before.value


def _measure_table(ctx: UnitContext, measure: str) -> str:
    unit = "人" if measure == STAFF else ctx.currency
    head = [
        "年度",
        money_head(ctx.env, "预算数", unit),
        money_head(ctx.env, "决算数", unit),
        money_head(ctx.env, "决算比上年增减", unit),
        "情况说明所述变动及原因",
    ]
    macros = markup.html(ctx.env, "unit")
    rows = []
    for year in ctx.years:
        budget, actual = ctx.figure(measure, year, "预算"), ctx.figure(measure, year, "决算")
        change = _change(actual, ctx.figure(measure, year - 1, "决算"))
        reason = _reason(ctx, measure, year) if measure != STAFF else macros.stated("", "", "")
        figures = cells(
            ctx.env,
            [
                figure_cell(budget, PREFIX, unit),
                figure_cell(actual, PREFIX, unit),
                computed_cell(change, unit, "change"),
            ],
        )
        rows.append(macros.year_row(year, figures, reason))
    return table(ctx.env, f"{ctx.unit.name}历年{measure}", head, rows)


def _measures(ctx: UnitContext) -> tuple[list[Section], list[ChartData]]:
    present = [m for m in MEASURES if any(f.measure == m for f in ctx.figures)]
    if not present:
        return [], []
    note = markup.paragraph(
        ctx.env,
        f"每年的预算数与决算数取自当年公开的表格，点击数字可查看原表中的位置；「{GAP}」表示该年没有这份公开或未列此数，"
        "「决算比上年增减」由本站按两年决算数相减得出；变动原因摘自当年情况说明。",
        None,
        "gk-note",
    )
    sections = [Section("历年主要数字", "series", note)]
    for index, measure in enumerate(present, start=1):
        table = _measure_table(ctx, measure)
        sections.append(Section(measure, f"series-{index}", table, level=3))
    return sections, []


def _budget(ctx: UnitContext) -> tuple[list[Section], list[ChartData]]:
    """预算执行: 年初预算 → 决算 of every year whose 预算 and 决算 are both published."""
    found = unit_budget_section(
        [ctx.comparisons[d.folder] for d in ctx.disclosures if d.folder in ctx.comparisons], ctx.env
    )
    return ([found[0]], found[1]) if found is not None else ([], [])


UNIT_SECTIONS: list[UnitSection] = [_charts, _measures, _budget, _disclosures]


def unit_pages(
    corpus: Corpus,
    env: jinja2.Environment,
    badges: Mapping[str, str],
    facts: Facts,
    comparisons: Mapping[str, BudgetActual],
) -> tuple[list[RenderedPage], list[tuple[str, ChartData]]]:
    """Every unit's page and its charts (content path of the SVG, chart)."""
    pages, charts = [], []
    groups = {str(key): frame for key, frame in facts.headline.groupby("unit_key", sort=False)}
    for (region, slug), disclosures in by_unit(corpus).items():
        unit = disclosures[0].unit
        mine = groups.get(f"{region}/{slug}")
        years = sorted({d.year for d in disclosures})
        ctx = UnitContext(
            unit,
            disclosures,
            figs(mine) if mine is not None else [],
            tuple(range(years[0], years[-1] + 1)),
            badges,
            comparisons,
            env,
        )
        path = " › ".join(n.name for n in region_path(unit))
        facts_line = (
            f"地区：{path}；单位代码：{unit.code or '（未注明）'}；主管部门：{unit.department or '—'}。"
            f"共 {len(disclosures)} 份公开（{years[0]}—{years[-1]}年）。"
        )
        sections: list[Section] = []
        for build in UNIT_SECTIONS:
            more, drawn = build(ctx)
            sections += more
            charts += [(f"{ctx.path}charts/{c.key}.svg", c) for c in drawn]
        pages.append(
            page(
                env,
                f"{ctx.path}index.md",
                unit.name,
                markup.paragraph(env, facts_line, None, "gk-meta"),
                sections,
                ", ".join(d.folder for d in disclosures),
            )
        )
    return pages, charts
