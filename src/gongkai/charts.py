"""Chart builders: a chart's numbers (:class:`ChartData`) → an Altair chart, a one-sentence summary, an SVG.

Builders are pure.  Amounts never pass through ``float``: they enter the Vega-Lite data as decimal
strings and Vega parses them; the labels drawn on the chart are the figures as printed.  Charts are
rendered at build time to static SVG (readable with JavaScript off, nothing loaded from other hosts).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import altair as alt
import vl_convert

ChartKind = Literal["grouped-bar", "donut", "bar"]
Chart = alt.Chart | alt.LayerChart

FONT_DIRECTORY = "/usr/share/fonts/opentype/noto"  # Debian fonts-noto-cjk
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif'
WIDTH = 360  # px; the page scales the SVG down with CSS (max-width:100%; height:auto)
PALETTE = ("#2f6db5", "#e5862d", "#3b9a68", "#c8484f", "#7d62b3", "#8c6d4f", "#d46fa8", "#6f7780")
TEXT_COLOR = "#333333"
CENT = Decimal("0.01")

# Long Chinese category names on a bar axis are broken into two lines of equal length.
_WRAP_LABEL = (
    "length(datum.label) > 8 ? [substring(datum.label, 0, ceil(length(datum.label) / 2)), "
    "substring(datum.label, ceil(length(datum.label) / 2))] : datum.label"
)


@dataclass(frozen=True)
class Datum:
    category: str  # e.g. 2023年 / 基本支出 / an indicator name
    series: str  # e.g. 收入总计 ("" for a single series)
    value: Decimal
    label: str  # the figure as printed, e.g. "233.67"
    source: str  # where it comes from, e.g. "公开01表 行次27 栏次1" or "charts.yaml 图1"


@dataclass(frozen=True)
class ChartData:
    key: str  # ASCII, stable, unique within a page: "fig1" … "fig7", "score", "funds"
    figure: str  # "图1" … or "" for 绩效 charts
    title: str  # Chinese title, e.g. 收、支决算总计变动情况
    kind: ChartKind
    unit: str  # 万元, 分, %
    data: tuple[Datum, ...]
    note: str = ""  # e.g. 「上年数由情况说明所列增减额推算」

    @property
    def caption(self) -> str:
        """The title as shown: 「图1 收、支决算总计变动情况」."""
        return f"{self.figure} {self.title}".strip()

    @property
    def series(self) -> tuple[str, ...]:
        return _unique(d.series for d in self.data)

    @property
    def categories(self) -> tuple[str, ...]:
        return _unique(d.category for d in self.data)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def decimal_text(value: Decimal) -> str:
    """A decimal written out in plain notation (never ``1E+1``)."""
    return format(value, "f")


def share(value: Decimal, total: Decimal) -> Decimal | None:
    """Percentage of ``total``, quantized to 0.01 (ROUND_HALF_UP); ``None`` when the total is not positive."""
    if total <= 0:
        return None
    return (value * 100 / total).quantize(CENT, rounding=ROUND_HALF_UP)


def shares(data: ChartData) -> tuple[Decimal | None, ...]:
    """Each datum's share of the chart's total, in data order (for donut charts)."""
    total = sum((d.value for d in data.data), Decimal(0))
    return tuple(share(d.value, total) for d in data.data)


# ---------------------------------------------------------------------------------------- summaries


def summarize(data: ChartData) -> str:
    """One Chinese sentence giving the chart's figures as printed."""
    if not data.data:
        return f"{data.title}无数据。"
    return "；".join(_SUMMARIES[data.kind](data)) + "。"


def _figure(d: Datum, unit: str) -> str:
    return f"{d.label}{unit}"


def _change_clauses(data: ChartData) -> list[str]:
    clauses = []
    for series in data.series:
        points = [d for d in data.data if d.series == series]
        now = points[-1]
        clause = f"{now.category}{series}{_figure(now, data.unit)}"
        if len(points) > 1:
            before = points[-2]
            diff = now.value - before.value
            if diff == 0:
                clause += f"，与{before.category}持平"
            else:
                direction = "增加" if diff > 0 else "减少"
                clause += (
                    f"，比{before.category}的{_figure(before, data.unit)}"
                    f"{direction}{decimal_text(abs(diff))}{data.unit}"
                )
        clauses.append(clause)
    return clauses


def _share_clauses(data: ChartData) -> list[str]:
    return [
        f"{d.category}{_figure(d, data.unit)}" + (f"，占{part}%" if part is not None else "")
        for d, part in zip(data.data, shares(data), strict=True)
    ]


def _bar_clauses(data: ChartData) -> list[str]:
    clauses = []
    for category in data.categories:
        points = [d for d in data.data if d.category == category]
        if len(points) == 1 and not points[0].series:
            clauses.append(f"{category}{_figure(points[0], data.unit)}")
        else:
            figures = "，".join(f"{d.series}{_figure(d, data.unit)}" for d in points)
            clauses.append(f"{category}：{figures}")
    return clauses


_SUMMARIES: dict[str, Callable[[ChartData], list[str]]] = {
    "grouped-bar": _change_clauses,
    "donut": _share_clauses,
    "bar": _bar_clauses,
}


# ---------------------------------------------------------------------------------------- builders


def build_chart(data: ChartData) -> Chart:
    """The Vega-Lite chart for ``data`` (pure: no I/O).

    Each chart is built in one constructor call with its title and configuration: Altair copies a
    chart deeply on every ``.properties()``/``.configure()``, which cost more than the spec itself.
    """
    return _BUILDERS[data.kind](data)


def _top_level(data: ChartData) -> dict[str, Any]:
    """Title and configuration of every chart (no ARIA labels on marks: Vega writes them in English;
    the page gives the summary and the table)."""
    return {
        "title": data.caption,
        "config": alt.Config(font=FONT_FAMILY, background="white", aria=False, view=alt.ViewConfig(stroke=None)),
    }


def _records(items: tuple[Datum, ...], legends: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Vega-Lite data rows; ``value`` is a decimal string that Vega parses (never a float)."""
    rows = [
        {
            "category": d.category,
            "series": d.series,
            "value": decimal_text(d.value),
            "label": d.label,
            "order": str(index),
        }
        for index, d in enumerate(items)
    ]
    for row, legend in zip(rows, legends, strict=False):  # donut slices: name, figure and share
        row["legend"] = legend
    return rows


def _data(rows: list[dict[str, str]]) -> alt.InlineData:
    return alt.InlineData(values=rows, format={"type": "json", "parse": {"value": "number", "order": "number"}})


def _legend(**options: Any) -> alt.Legend:
    return alt.Legend(orient="bottom", title=None, labelFontSize=12, **options)


def _colors(count: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(count)]


def _series_color(data: ChartData) -> alt.Color | alt.ColorValue:
    if len(data.series) < 2:
        return alt.ColorValue(PALETTE[0])
    return alt.Color(
        "series:N",
        sort=list(data.series),
        scale=alt.Scale(domain=list(data.series), range=_colors(len(data.series))),
        legend=_legend(),
    )


def _bars(data: ChartData, *, horizontal: bool) -> alt.LayerChart:
    """Bars per category, one bar per series side by side, each labelled with its printed figure."""
    categories, series = list(data.categories), list(data.series)
    # Every bar carries its printed figure, so the value axis only names the unit: tick labels,
    # ticks and grid lines would repeat the figures rounded (and each text costs Vega a measurement).
    value_axis = alt.Axis(title=data.unit, labels=False, ticks=False, grid=False, domain=False)
    encoding: dict[str, Any]
    bar: dict[str, Any]
    label: dict[str, Any]
    size: dict[str, Any]
    if horizontal:
        encoding = {
            "y": alt.Y(
                "category:N",
                sort=categories,
                title=None,
                scale=alt.Scale(paddingInner=0.25),
                axis=alt.Axis(labelExpr=_WRAP_LABEL, labelLimit=140, labelFontSize=12),
            ),
            "yOffset": alt.YOffset("series:N", sort=series),
            "x": alt.X("value:Q", axis=value_axis),
        }
        bar = {}
        label = {"align": "left", "baseline": "middle", "dx": 3}
        size = {"width": WIDTH - 140, "height": alt.Step(20)}  # step per bar, whatever the number of series
    else:
        encoding = {
            "x": alt.X("category:N", sort=categories, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=12)),
            "xOffset": alt.XOffset("series:N", sort=series),
            "y": alt.Y("value:Q", axis=value_axis),
        }
        bar = {"size": min(44, WIDTH * 7 // (10 * len(categories) * len(series)))}
        label = {"align": "center", "baseline": "bottom", "dy": -3}
        size = {"width": WIDTH, "height": 240}
    bars = alt.Chart(
        mark=alt.MarkDef(type="bar", **bar), encoding=alt.FacetedEncoding(**encoding, color=_series_color(data))
    )
    text = alt.Chart(
        mark=alt.MarkDef(type="text", color=TEXT_COLOR, fontSize=11, **label),
        encoding=alt.FacetedEncoding(**encoding, text=alt.Text("label:N")),
    )
    # The data on the layer, not on each mark: Altair copies every layer when it combines them.
    return alt.LayerChart(data=_data(_records(data.data)), layer=[bars, text], **size, **_top_level(data))


def _donut(data: ChartData) -> alt.Chart:
    """Shares of a whole; slices with no positive value are not drawn (the table keeps them)."""
    drawn = tuple((d, part) for d, part in zip(data.data, shares(data), strict=True) if d.value > 0)
    legends = tuple(f"{d.category} {_figure(d, data.unit)}（{part}%）" for d, part in drawn)
    return alt.Chart(
        data=_data(_records(tuple(d for d, _ in drawn), legends)),
        mark=alt.MarkDef(type="arc", innerRadius=55, outerRadius=100, stroke="white", strokeWidth=1),
        encoding=alt.FacetedEncoding(
            theta=alt.Theta("value:Q", stack=True),
            order=alt.Order("order:Q"),
            color=alt.Color(
                "legend:N",
                sort=list(legends),
                scale=alt.Scale(domain=list(legends), range=_colors(len(legends))),
                legend=_legend(direction="vertical", labelLimit=WIDTH - 20),
            ),
        ),
        width=WIDTH,
        height=210,
        **_top_level(data),
    )


_BUILDERS: dict[str, Callable[[ChartData], Chart]] = {
    "grouped-bar": functools.partial(_bars, horizontal=False),
    "donut": _donut,
    "bar": functools.partial(_bars, horizontal=True),
}


# ---------------------------------------------------------------------------------------- rendering


def cjk_font_installed() -> bool:
    """Whether the Noto CJK fonts the charts are drawn and measured with are installed (fonts-noto-cjk,
    which ``make site`` installs); without them Chinese labels would silently fall back or vanish."""
    return any(Path(FONT_DIRECTORY).glob("Noto*CJK*"))


@functools.cache
def _register_fonts() -> None:
    if os.path.isdir(FONT_DIRECTORY):
        vl_convert.register_font_directory(FONT_DIRECTORY)


def to_svg(chart: Chart) -> str:
    """Static SVG of ``chart``: text as ``<text>`` in :data:`FONT_FAMILY`, no external requests."""
    _register_fonts()
    # Not validated against the schema here (a fifth of the cost of a chart): the tests validate every kind.
    svg: str = vl_convert.vegalite_to_svg(chart.to_dict(validate=False), allowed_base_urls=[])
    return svg
