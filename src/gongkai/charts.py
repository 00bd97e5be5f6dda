"""Chart builders: a chart's numbers (:class:`ChartData`) → an Altair chart, a one-sentence summary, an SVG.

Builders are pure.  Amounts never pass through ``float``: they enter the Vega-Lite data as decimal
strings and Vega parses them; the labels drawn on the chart are the figures as printed.  Charts are
rendered at build time to static SVG (readable with JavaScript off, nothing loaded from other hosts).
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import altair as alt
import vl_convert

ChartKind = Literal["grouped-bar", "bar", "shares", "change"]
Chart = alt.Chart | alt.LayerChart

FONT_DIRECTORY = "/usr/share/fonts/opentype/noto"  # Debian fonts-noto-cjk
FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif'
WIDTH = 340  # px, the whole SVG (autosize "fit"): a 390 px phone's text column holds it unscaled, even in 大字模式
FONT_SIZE = 16  # px, every text of a chart: ≥ 16 px as read on a phone (大字模式 included, docs/accessibility)
GROUPED_HEIGHT = 240  # px, a vertical bar chart
BAR_ROW = 40  # px, a row of a horizontal bar chart with one bar
BAR_STEP, BAR_GAP = 22, 12  # px per bar of a row with several bars, and between rows
AXIS_TITLE, LEGEND = 34, 30  # px, the value axis's title (the unit) and a legend below the chart
LABEL_WIDTH = 130  # px of a horizontal bar chart's category labels (two lines of up to 8 characters)
PALETTE = ("#2f6db5", "#e5862d", "#3b9a68", "#c8484f", "#7d62b3", "#8c6d4f", "#d46fa8", "#6f7780")
TEXT_COLOR = "#333333"
CENT = Decimal("0.01")


def _wrap(field: str, width: int) -> str:
    """A Vega expression breaking a long Chinese ``field`` into two or three lines of equal length, each
    of at most ``width`` characters when that fits in three."""
    n = f"length({field})"
    half, third = f"ceil({n} / 2)", f"ceil({n} / 3)"
    return (
        f"{n} <= {width} ? {field} : {n} <= {2 * width} ? [substring({field}, 0, {half}), substring({field}, {half})]"
        f" : [substring({field}, 0, {third}), substring({field}, {third}, 2 * {third}), substring({field}, 2 * {third})]"
    )


_WRAP_LABEL = _wrap("datum.label", 8)  # a bar's category name, beside the bar


@dataclass(frozen=True)
class Datum:
    category: str  # e.g. 2023年 / 基本支出 / an indicator name
    series: str  # e.g. 收入总计 ("" for a single series)
    value: Decimal
    label: str  # the figure as printed, e.g. "233.67"
    source: str  # where it comes from, e.g. "公开01表 行次27 栏次1" or "charts.yaml 图1"


@dataclass(frozen=True)
class ChartData:
    key: str  # ASCII, stable, unique within a page: "fig2", "change", "score", "funds" …
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
    def drawn(self) -> bool:
        """Whether the chart is drawn: shares of a whole with one part only are said in a sentence instead."""
        return self.kind != "shares" or sum(1 for d in self.data if d.value > 0) > 1

    @property
    def series(self) -> tuple[str, ...]:
        return unique(d.series for d in self.data)

    @property
    def categories(self) -> tuple[str, ...]:
        return unique(d.category for d in self.data)


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The distinct items, in the order they first come."""
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
    """Each datum's share of the chart's total, in data order (for share charts)."""
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
    if not data.drawn:  # one part is the whole: said in words, the parts printed as 0 after it
        whole = [f"全部为{d.category}，{_figure(d, data.unit)}" for d in data.data if d.value > 0]
        rest = "、".join(f"{d.category}{_figure(d, data.unit)}" for d in data.data if d.value <= 0)
        return [*whole, rest] if rest else whole
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
    "change": _change_clauses,
    "shares": _share_clauses,
    "bar": _bar_clauses,
}


# ---------------------------------------------------------------------------------------- builders


def build_chart(data: ChartData) -> Chart:
    """The Vega-Lite chart for ``data`` (pure: no I/O).

    Each chart is built in one constructor call with its title and configuration: Altair copies a
    chart deeply on every ``.properties()``/``.configure()``, which cost more than the spec itself.
    """
    return _BUILDERS[data.kind](data)


def size(data: ChartData) -> tuple[int, int]:
    """The whole SVG's width and height in px, known before it is drawn (autosize 「fit」 fits axes and
    legend inside): the page writes them on the ``<img>``, so nothing below moves when the chart loads.
    Vertical bars are :data:`GROUPED_HEIGHT` high; horizontal bars get a row per name (one bar
    :data:`BAR_ROW` high, several bars :data:`BAR_STEP` each) below the unit's axis title and its legend."""
    if data.kind == "grouped-bar":
        return WIDTH, GROUPED_HEIGHT
    rows, bars = (data.series, data.categories) if data.kind == "change" else (data.categories, data.series)
    row = BAR_ROW if len(bars) < 2 else BAR_STEP * len(bars) + BAR_GAP
    return WIDTH, len(rows) * row + AXIS_TITLE + (LEGEND if len(bars) > 1 else 0)


def _top_level(data: ChartData) -> dict[str, Any]:
    """Size and configuration of every chart: the whole SVG :func:`size`, every text :data:`FONT_SIZE` or
    larger.  No title drawn: the page's figure caption is the chart's one visible title (the SVG file
    names itself in its ``<title>``, :func:`to_svg`).  No ARIA labels on marks: Vega writes them in
    English; the page gives the summary and the table."""
    width, height = size(data)
    return {
        "width": width,
        "height": height,
        "autosize": alt.AutoSizeParams(type="fit", contains="padding"),
        "config": alt.Config(
            font=FONT_FAMILY,
            background="white",
            aria=False,
            view=alt.ViewConfig(stroke=None),
            axis=alt.AxisConfig(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=TEXT_COLOR),
            legend=alt.LegendConfig(labelFontSize=FONT_SIZE, labelColor=TEXT_COLOR),
        ),
    }


def _records(items: tuple[Datum, ...], extra: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, str]]:
    """Vega-Lite data rows; ``value`` is a decimal string that Vega parses (never a float); ``extra``
    adds fields by name, one value per item (a bar's share and its label)."""
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
    for name, values in (extra or {}).items():
        for row, value in zip(rows, values, strict=True):
            row[name] = value
    return rows


def _data(rows: list[dict[str, str]]) -> alt.InlineData:
    parse = {"value": "number", "order": "number", "share": "number"}
    return alt.InlineData(values=rows, format={"type": "json", "parse": parse})


def _colors(count: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(count)]


def _color(field: str, names: tuple[str, ...]) -> alt.Color | alt.ColorValue:
    """One colour per name of ``field`` with a legend below the chart; one colour and no legend for one name."""
    if len(names) < 2:
        return alt.ColorValue(PALETTE[0])
    return alt.Color(
        f"{field}:N",
        sort=list(names),
        scale=alt.Scale(domain=list(names), range=_colors(len(names))),
        legend=alt.Legend(orient="bottom", title=None),
    )


# A horizontal bar ends before 70 % of the plot: its figure, written after it, stays inside the SVG.
_BAR_RANGE: list[float | alt.ExprRef] = [0, alt.ExprRef(expr="width * 0.7")]


def _layers(
    data: ChartData,
    rows: list[dict[str, str]],
    encoding: dict[str, Any],
    bar: dict[str, Any],
    label: dict[str, Any],
    text: str,
) -> alt.LayerChart:
    """Bars and, at the end of each, its ``text`` field (the figure as printed, or a share)."""
    bars = alt.Chart(mark=alt.MarkDef(type="bar", **bar), encoding=alt.FacetedEncoding(**encoding))
    texts = alt.Chart(
        mark=alt.MarkDef(type="text", color=TEXT_COLOR, fontSize=FONT_SIZE, **label),
        encoding=alt.FacetedEncoding(**{k: v for k, v in encoding.items() if k != "color"}, text=alt.Text(f"{text}:N")),
    )
    # The data on the layer, not on each mark: Altair copies every layer when it combines them.
    return alt.LayerChart(data=_data(rows), layer=[bars, texts], **_top_level(data))


def _value_axis(data: ChartData, upright: bool = False) -> alt.Axis:
    """Every bar carries its printed figure, so the value axis only names the unit: tick labels, ticks
    and grid lines would repeat the figures rounded (and each text costs Vega a measurement).  Beside
    vertical bars (``upright``) the unit is written level, not turned on its side: Chinese characters
    turned 90° read as other shapes (「元」 as 「lR」)."""
    return alt.Axis(
        title=data.unit,
        labels=False,
        ticks=False,
        grid=False,
        domain=False,
        titleAngle=0 if upright else alt.Undefined,
        titleAlign="right" if upright else alt.Undefined,
        titleBaseline="middle" if upright else alt.Undefined,
    )


def _category_axis(field: str, names: Iterable[str]) -> alt.Y:
    """The rows of a horizontal bar chart, each named (wrapped) beside its bars."""
    return alt.Y(
        f"{field}:N",
        sort=list(names),
        title=None,
        scale=alt.Scale(paddingInner=0.3),
        axis=alt.Axis(labelExpr=_WRAP_LABEL, labelLimit=LABEL_WIDTH, labelPadding=6),
    )


_END_LABEL = {"align": "left", "baseline": "middle", "dx": 4}  # a horizontal bar's label, after its end


def _horizontal(data: ChartData, rows_by: Literal["category", "series"]) -> alt.LayerChart:
    """Amounts as horizontal bars: a row per ``rows_by`` name, one bar per name of the other field in
    it, each bar labelled with its printed figure."""
    within: Literal["category", "series"] = "series" if rows_by == "category" else "category"
    names = {"category": data.categories, "series": data.series}
    encoding = {
        "y": _category_axis(rows_by, names[rows_by]),
        "yOffset": alt.YOffset(f"{within}:N", sort=list(names[within])),
        "x": alt.X("value:Q", axis=_value_axis(data), scale=alt.Scale(range=_BAR_RANGE)),
        "color": _color(within, names[within]),
    }
    return _layers(data, _records(data.data), encoding, {}, _END_LABEL, "label")


def _share_bars(data: ChartData) -> alt.LayerChart:
    """Shares of a whole as horizontal bars in the order given, each labelled with its share."""
    parts = tuple(decimal_text(part) if part is not None else "0" for part in shares(data))
    rows = _records(data.data, {"share": parts, "text": tuple(f"{part}%" for part in parts)})
    encoding = {
        "y": _category_axis("category", data.categories),
        "x": alt.X(
            "share:Q",
            axis=alt.Axis(title="占比（%）", labels=False, ticks=False, grid=False, domain=False),
            scale=alt.Scale(domain=[0, 100], range=_BAR_RANGE),
        ),
        "color": alt.ColorValue(PALETTE[0]),
    }
    return _layers(data, rows, encoding, {}, _END_LABEL, "text")


def _grouped_bars(data: ChartData) -> alt.LayerChart:
    """Vertical bars per category (a year), one bar per series side by side, each labelled with its figure."""
    categories, series = list(data.categories), list(data.series)
    encoding = {
        "x": alt.X("category:N", sort=categories, title=None, axis=alt.Axis(labelAngle=0)),
        "xOffset": alt.XOffset("series:N", sort=series),
        "y": alt.Y("value:Q", axis=_value_axis(data, upright=True)),
        "color": _color("series", data.series),
    }
    bar = {"size": min(44, WIDTH * 7 // (10 * len(categories) * len(series)))}
    label = {"align": "center", "baseline": "bottom", "dy": -3}
    return _layers(data, _records(data.data), encoding, bar, label, "label")


_BUILDERS: dict[str, Callable[[ChartData], Chart]] = {
    "grouped-bar": _grouped_bars,
    "bar": functools.partial(_horizontal, rows_by="category"),
    "shares": _share_bars,
    "change": functools.partial(_horizontal, rows_by="series"),  # a row per subject, a bar per year
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


def to_svg(chart: Chart, title: str = "") -> str:
    """Static SVG of ``chart``: text as ``<text>`` in :data:`FONT_FAMILY`, no external requests; ``title``
    (the figure's caption) as its ``<title>``, which a browser shows for the file opened alone."""
    _register_fonts()
    # Not validated against the schema here (a fifth of the cost of a chart): the tests validate every kind.
    svg: str = vl_convert.vegalite_to_svg(chart.to_dict(validate=False), allowed_base_urls=[])
    if title:
        head = svg.index(">", svg.index("<svg")) + 1
        svg = f"{svg[:head]}<title>{html.escape(title, quote=False)}</title>{svg[head:]}"
    return svg
