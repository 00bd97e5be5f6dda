"""Chart builders: Vega-Lite specs with exact decimal data, one-sentence summaries, static SVG."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from gongkai.charts import FONT_FAMILY, WIDTH, ChartData, ChartKind, Datum, build_chart, shares, size, summarize, to_svg


def datum(category: str, series: str, printed: str) -> Datum:
    return Datum(category, series, Decimal(printed), printed, "测试")


TOTALS = ChartData(
    "fig1",
    "图1",
    "收、支决算总计变动情况",
    "grouped-bar",
    "万元",
    (
        datum("2022年", "收入总计", "212.30"),
        datum("2022年", "支出总计", "212.30"),
        datum("2023年", "收入总计", "233.67"),
        datum("2023年", "支出总计", "233.67"),
    ),
)
SPENDING = ChartData(
    "fig3",
    "图3",
    "支出决算结构",
    "shares",
    "万元",
    (datum("基本支出", "", "149.34"), datum("项目支出", "", "84.33"), datum("经营支出", "", "0.00")),
)
SCORES = ChartData(
    "score",
    "",
    "绩效指标得分情况",
    "bar",
    "分",
    (
        datum("预算执行", "得分", "8.69"),
        datum("预算执行", "分值", "10"),
        datum("补贴遗属人员及时补贴", "得分", "15"),
        datum("补贴遗属人员及时补贴", "分值", "15"),
    ),
)


def layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = spec.get("layer", [spec])
    return found


def data(spec: dict[str, Any]) -> dict[str, Any]:
    """The chart's data reference (Altair moves inline values to ``datasets``)."""
    found: dict[str, Any] = spec.get("data") or layers(spec)[0]["data"]
    return found


def data_values(spec: dict[str, Any]) -> list[dict[str, str]]:
    values: list[dict[str, str]] = spec["datasets"][data(spec)["name"]]
    return values


def test_grouped_bars_have_years_side_by_side_and_printed_labels() -> None:
    spec = build_chart(TOTALS).to_dict()
    assert "title" not in spec  # the page's figure caption is the one visible title
    bars, text = layers(spec)
    assert bars["mark"]["type"] == "bar" and text["mark"]["type"] == "text"
    assert bars["encoding"]["x"]["field"] == "category"
    assert bars["encoding"]["x"]["sort"] == ["2022年", "2023年"]
    assert bars["encoding"]["xOffset"]["field"] == "series"
    assert bars["encoding"]["y"] == {**bars["encoding"]["y"], "field": "value", "type": "quantitative"}
    unit = bars["encoding"]["y"]["axis"]
    assert (unit["title"], unit["titleAngle"]) == ("万元", 0)  # written level: 「元」 on its side reads 「lR」
    assert bars["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert text["encoding"]["text"]["field"] == "label"


def test_amounts_enter_the_chart_as_decimal_strings_parsed_by_vega() -> None:
    spec = build_chart(TOTALS).to_dict()
    assert data(spec)["format"]["parse"]["value"] == "number"
    values = data_values(spec)
    assert [row["value"] for row in values] == ["212.30", "212.30", "233.67", "233.67"]
    assert [row["label"] for row in values] == ["212.30", "212.30", "233.67", "233.67"]
    assert all(isinstance(v, str) for row in values for v in row.values())


def test_a_single_series_gets_one_colour_and_no_legend() -> None:
    chart = ChartData("fig5", "图5", "一般公共预算财政拨款支出决算变动情况", "grouped-bar", "万元", TOTALS.data[2:3])
    bars = layers(build_chart(chart).to_dict())[0]
    assert "field" not in bars["encoding"]["color"]


def test_shares_are_horizontal_bars_of_decimal_percentages_labelled_with_the_share() -> None:
    spec = build_chart(SPENDING).to_dict()
    bars, text = layers(spec)
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["field"] == "category"
    assert bars["encoding"]["x"]["field"] == "share" and bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert data(spec)["format"]["parse"]["share"] == "number"
    rows = data_values(spec)
    assert [row["share"] for row in rows] == ["63.91", "36.09", "0.00"]  # a zero part keeps its row
    assert [row["text"] for row in rows] == ["63.91%", "36.09%", "0.00%"]
    assert text["encoding"]["text"]["field"] == "text"


def test_shares_with_one_part_are_not_drawn_but_said_in_a_sentence() -> None:
    whole = ChartData(
        "fig2",
        "图2",
        "收入决算结构",
        "shares",
        "万元",
        (datum("财政拨款收入", "", "223.06"), datum("其他收入", "", "0")),
    )
    assert not whole.drawn and SPENDING.drawn and TOTALS.drawn
    assert summarize(whole) == "全部为财政拨款收入，223.06万元；其他收入0万元。"


def test_year_on_year_change_has_a_row_per_total_and_a_bar_per_year() -> None:
    change = ChartData("change", "", "收、支总计与上年对比", "change", "万元", TOTALS.data)
    bars, text = layers(build_chart(change).to_dict())
    assert bars["encoding"]["y"]["field"] == "series" and bars["encoding"]["y"]["sort"] == ["收入总计", "支出总计"]
    assert bars["encoding"]["yOffset"]["field"] == "category"
    assert bars["encoding"]["color"]["field"] == "category"
    assert bars["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert text["encoding"]["text"]["field"] == "label"
    assert summarize(change) == summarize(TOTALS)


def test_every_text_is_16_px_or_more_and_the_whole_chart_fits_a_phone_column() -> None:
    long_title = ChartData("x", "", "一般公共预算财政拨款支出决算变动情况与上年对比", "bar", "万元", SCORES.data)
    for chart in (TOTALS, SPENDING, SCORES, long_title):
        spec = build_chart(chart).to_dict()
        assert spec["autosize"] == {"type": "fit", "contains": "padding"}
        assert spec["width"] == WIDTH <= 350
        config = spec["config"]
        assert config["axis"]["labelFontSize"] >= 16 and config["axis"]["titleFontSize"] >= 16
        assert config["legend"]["labelFontSize"] >= 16
        assert all(layer["mark"].get("fontSize", 16) >= 16 for layer in layers(spec))
    svg = to_svg(build_chart(SCORES))
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes and min(sizes) >= 16 and 'width="340"' in svg


def test_horizontal_bars_for_long_names_with_wrapped_labels() -> None:
    bars, text = layers(build_chart(SCORES).to_dict())
    assert bars["encoding"]["y"]["field"] == "category"
    assert "labelExpr" in bars["encoding"]["y"]["axis"]
    assert bars["encoding"]["yOffset"]["field"] == "series"
    assert bars["encoding"]["x"]["field"] == "value"
    assert text["mark"]["align"] == "left"


def test_charts_use_a_cjk_font_list() -> None:
    for data in (TOTALS, SPENDING, SCORES):
        spec = build_chart(data).to_dict()
        assert spec["config"]["font"] == FONT_FAMILY
        assert FONT_FAMILY.startswith('"Noto Sans CJK SC"') and FONT_FAMILY.endswith("sans-serif")


def test_summary_of_a_change_gives_both_years_and_the_difference() -> None:
    assert summarize(TOTALS) == (
        "2023年收入总计233.67万元，比2022年的212.30万元增加21.37万元；"
        "2023年支出总计233.67万元，比2022年的212.30万元增加21.37万元。"
    )


def test_summary_of_a_decrease_an_unchanged_figure_and_a_single_year() -> None:
    down = ChartData("x", "", "t", "grouped-bar", "万元", (datum("2022年", "a", "10.5"), datum("2023年", "a", "8")))
    same = ChartData("x", "", "t", "grouped-bar", "万元", (datum("2022年", "a", "8"), datum("2023年", "a", "8.00")))
    alone = ChartData("x", "", "t", "grouped-bar", "万元", (datum("2023年", "a", "8.00"),))
    assert summarize(down) == "2023年a8万元，比2022年的10.5万元减少2.5万元。"
    assert summarize(same) == "2023年a8.00万元，与2022年持平。"
    assert summarize(alone) == "2023年a8.00万元。"


def test_summary_of_shares_keeps_printed_figures_and_rounds_half_up() -> None:
    assert (
        summarize(SPENDING) == "基本支出149.34万元，占63.91%；项目支出84.33万元，占36.09%；经营支出0.00万元，占0.00%。"
    )
    halves = ChartData("x", "", "t", "shares", "万元", (datum("a", "", "1"), datum("b", "", "799")))
    assert shares(halves) == (Decimal("0.13"), Decimal("99.88"))  # 0.125 → 0.13, 99.875 → 99.88


def test_summary_of_shares_without_a_positive_total_gives_no_percentages() -> None:
    nothing = ChartData("x", "", "t", "shares", "万元", (datum("a", "", "0"),))
    assert summarize(nothing) == "a0万元。"


def test_summary_of_bars_per_category() -> None:
    assert summarize(SCORES) == "预算执行：得分8.69分，分值10分；补贴遗属人员及时补贴：得分15分，分值15分。"
    funds = ChartData("funds", "", "资金预算执行情况", "bar", "万元", (datum("全年预算数", "", "2.52"),))
    assert summarize(funds) == "全年预算数2.52万元。"


def test_svg_names_itself_with_the_chinese_title_loads_nothing_and_is_reproducible() -> None:
    """The title is the SVG's <title> (a browser's tab title for the file opened alone), not drawn: the page
    shows it once, as the figure caption."""
    svg = to_svg(build_chart(TOTALS), TOTALS.caption)
    assert svg.index("<title>图1 收、支决算总计变动情况</title>") < svg.index("<g")
    assert ">图1 收、支决算总计变动情况</text>" not in svg
    assert "233.67" in svg and "Noto Sans CJK SC" in svg
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", svg)
    assert "http" not in without_namespaces and "url(" not in without_namespaces
    assert "<image" not in svg and "@import" not in svg
    assert to_svg(build_chart(TOTALS), TOTALS.caption) == svg


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_the_svg_is_the_size_the_page_reserves_for_it(rows: int) -> None:
    """:func:`size` is known before drawing and is what the SVG measures, for every kind and row count."""

    def bars(kind: ChartKind, series: tuple[str, ...]) -> ChartData:
        items = tuple(datum(f"第{i}项名称", name, str(10 + i)) for i in range(rows) for name in series)
        return ChartData("x", "", "测试", kind, "万元", items)

    for chart in (bars("bar", ("",)), bars("bar", ("得分", "分值")), bars("shares", ("",)), bars("change", ("a", "b"))):
        svg = to_svg(build_chart(chart))
        width, height = size(chart)
        assert f'width="{width}" height="{height}"' in svg[: svg.index(">")], (chart.kind, rows)
    assert size(TOTALS) == (WIDTH, 240) and f'height="{size(TOTALS)[1]}"' in to_svg(build_chart(TOTALS))
