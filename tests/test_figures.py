"""Which charts a disclosure gets, and where each figure comes from."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from chart_helpers import (
    disclosure,
    explanations,
    fund_line,
    indicator,
    printed,
    project,
    table,
    table_row,
)
from gongkai.charts import ChartData, summarize
from gongkai.downloads import Downloads
from gongkai.figures import (
    CHANGE_TITLE,
    DERIVED_LAST_YEAR_NOTE,
    PRINTED_LAST_YEAR_NOTE,
    PRINTED_NOTE,
    disclosure_charts,
    function_chart,
)
from gongkai.glossary import TermLinker
from gongkai.markup import environment
from gongkai.models import Table
from gongkai.performance_html import PERFORMANCE_DIR
from gongkai.render_disclosure import render_disclosure

# Seed 002 (襄垣县信访局 2023), trimmed to the lines the charts use.
T01 = table(
    "01",
    [
        table_row("一、一般公共预算财政拨款收入", {"金额": "233.67"}, row_no="1"),
        table_row("二、政府性基金预算财政拨款收入", {"金额": ""}, row_no="2"),
        table_row("八、其他收入", {"金额": ""}, row_no="8"),
        table_row("总计", {"金额": "233.67"}, row_no="31"),
        table_row("总计", {"金额": "233.67"}, row_no="62"),
    ],
)
T03 = table(
    "03",
    [
        table_row("合计", {"本年支出合计": "233.67", "基本支出": "149.34", "项目支出": "84.33", "经营支出": ""}),
        table_row("一般公共服务支出", {"本年支出合计": "188.00", "基本支出": "111.39"}, code="201"),
    ],
)
T04 = table(
    "04",
    [
        table_row("总计", {"合计": "233.67"}, row_no="32"),
        table_row("总计", {"合计": "233.67", "一般公共预算财政拨款": "233.67"}, row_no="64"),
    ],
)
T05 = table(
    "05",
    [
        table_row("合计", {"合计": "233.67"}),
        table_row("一般公共服务支出", {"合计": "188.00"}, code="201"),
        table_row("政府办公厅（室）及相关机构事务", {"合计": "188.00"}, code="20103"),
        table_row("社会保障和就业支出", {"合计": "28.00"}, code="208"),
        table_row("卫生健康支出", {"合计": "5.62"}, code="210"),
        table_row("住房保障支出", {"合计": "12.05"}, code="221"),
    ],
)
T09_EMPTY = table("09", [], no_data=True)
TEXT = explanations(
    "2023年度收入总计233.67万元，支出总计233.67万元。与上年相比，收入总计增加21.37万元，增长10.07%，"
    "支出总计增加21.37万元，增长10.07%。",
    "与上年相比，财政拨款收入总计增加21.53万元，增长10.15%；财政拨款支出总计减少1.00万元。",
)
SEED_002 = [T01, T03, T04, T05, T09_EMPTY]


def by_key(charts: list[ChartData]) -> dict[str, ChartData]:
    return {chart.key: chart for chart in charts}


def figures(chart: ChartData) -> list[tuple[str, str, str]]:
    return [(d.category, d.series, d.label) for d in chart.data]


def test_a_full_disclosure_gets_income_spending_one_year_on_year_chart_and_no_empty_figure_7() -> None:
    charts = disclosure_charts(disclosure(SEED_002, text=TEXT))
    assert [(c.key, c.figure, c.kind) for c in charts] == [
        ("fig2", "图2", "shares"),
        ("fig3", "图3", "shares"),
        ("change", "", "change"),
    ]
    assert charts[2].title == CHANGE_TITLE and charts[2].unit == "万元"
    assert not charts[0].drawn  # all income is 一般公共预算财政拨款收入: a sentence, not a one-slice chart


def test_figures_1_4_and_5_are_one_chart_and_a_total_repeating_another_is_named_not_drawn() -> None:
    change = by_key(disclosure_charts(disclosure(SEED_002, text=TEXT)))["change"]
    assert figures(change) == [
        ("2022年", "收入总计", "212.30"),
        ("2022年", "财政拨款收入总计", "212.14"),
        ("2022年", "财政拨款支出总计", "234.67"),
        ("2023年", "收入总计", "233.67"),
        ("2023年", "财政拨款收入总计", "233.67"),
        ("2023年", "财政拨款支出总计", "233.67"),
        ("2023年", "一般公共预算财政拨款支出", "233.67"),  # no last-year figure: this year only
    ]
    assert change.note == DERIVED_LAST_YEAR_NOTE + "支出总计与收入总计相同，不重复画出。"
    assert change.data[3].source == "公开01表 行次31 栏次1"
    assert change.data[5].source == "公开04表 行次64 栏次2"
    assert change.data[6].source == "公开05表 合计 栏次1"
    assert change.data[0].source == "由公开01表 行次31 栏次1与情况说明「收入总计增加21.37万元」推算"
    assert summarize(change).startswith("2023年收入总计233.67万元，比2022年的212.30万元增加21.37万元；")


def test_a_stated_decrease_adds_back_and_the_subject_must_match_exactly() -> None:
    only_fig4_text = explanations("与上年相比，财政拨款收入总计增加21.53万元。")
    change = by_key(disclosure_charts(disclosure(SEED_002, text=only_fig4_text)))["change"]
    assert [(d.category, d.series) for d in change.data if d.category == "2022年"] == [("2022年", "财政拨款收入总计")]


def test_last_year_printed_in_the_document_is_preferred_to_a_worked_back_one() -> None:
    chart = printed("图1", "收、支决算总计变动情况图", [("2022年", "收入总计", "212.3"), ("2023年", "收入总计", "1")])
    change = by_key(disclosure_charts(disclosure(SEED_002, text=TEXT, charts=(chart,))))["change"]
    assert figures(change)[0] == ("2022年", "收入总计", "212.3")
    assert change.data[0].source == "charts.yaml 图1"
    assert change.note.startswith(PRINTED_LAST_YEAR_NOTE + DERIVED_LAST_YEAR_NOTE)
    assert ("2023年", "收入总计", "233.67") in figures(change)  # this year stays from the table


def test_income_structure_takes_rows_1_to_8_that_have_amounts_without_their_numbering() -> None:
    fig2 = by_key(disclosure_charts(disclosure(SEED_002)))["fig2"]
    assert figures(fig2) == [("一般公共预算财政拨款收入", "", "233.67")]
    assert fig2.data[0].source == "公开01表 行次1 栏次1"


def test_spending_structure_takes_the_kinds_of_spending_with_amounts_from_the_total_line() -> None:
    fig3 = by_key(disclosure_charts(disclosure(SEED_002)))["fig3"]
    assert figures(fig3) == [("基本支出", "", "149.34"), ("项目支出", "", "84.33")]
    assert [d.source for d in fig3.data] == ["公开03表 合计 栏次2", "公开03表 合计 栏次3"]
    assert summarize(fig3) == "基本支出149.34万元，占63.91%；项目支出84.33万元，占36.09%。"


def test_general_budget_structure_is_by_class_only() -> None:
    fig6 = function_chart(disclosure(SEED_002))
    assert fig6 is not None and fig6.kind == "shares"
    assert [d.category for d in fig6.data] == ["一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    assert fig6.data[0].source == "公开05表 科目代码201 栏次1"
    assert fig6.data[0].value == Decimal("188.00")


def test_three_public_costs_come_from_the_actual_line_of_table_09() -> None:
    t09 = table(
        "09",
        [
            table_row("预算数", {"合计": "3.00", "公务接待费": "3.00"}),
            table_row(
                "决算数",
                {"合计": "2.95", "因公出国（境）费": "0.00", "公务用车购置及运行维护费小计": "", "公务接待费": "2.95"},
            ),
        ],
    )
    fig7 = by_key(disclosure_charts(disclosure([t09])))["fig7"]
    assert fig7.title == "“三公”经费财政拨款支出结构"
    assert figures(fig7) == [("因公出国（境）费", "", "0.00"), ("公务接待费", "", "2.95")]
    assert fig7.data[1].source == "公开09表 决算数 栏次12"


def test_a_structure_with_nothing_above_zero_is_not_drawn() -> None:
    t09 = table("09", [table_row("决算数", {"合计": "0.00", "因公出国（境）费": "0.00", "公务接待费": "0.00"})])
    assert "fig7" not in by_key(disclosure_charts(disclosure([t09])))


def test_without_tables_the_printed_chart_numbers_are_used() -> None:
    """Seed 000 prints its charts only as loose numbers."""
    charts = (
        printed(
            "图1", "收、支决算总计变动情况图", [("2022年", "收入总计", "195.64"), ("2023年", "收入总计", "223.06")]
        ),
        printed("图3", "支出决算结构图", [("基本支出", "", "138.42"), ("项目支出", "", "84.64")]),
        printed(
            "图7", "“三公”经费财政拨款支出结构", [("因公出国（境）费支出", "", "0"), ("公务接待费支出决算", "", "2.95")]
        ),
    )
    found = by_key(disclosure_charts(disclosure(charts=charts)))
    assert list(found) == ["fig3", "change", "fig7"]
    assert figures(found["change"]) == [("2022年", "收入总计", "195.64"), ("2023年", "收入总计", "223.06")]
    assert found["change"].note == PRINTED_NOTE
    assert not found["fig7"].drawn  # one part above zero
    assert figures(found["fig3"]) == [("基本支出", "", "138.42"), ("项目支出", "", "84.64")]
    assert found["fig3"].note == PRINTED_NOTE
    assert found["fig3"].data[0].source == "charts.yaml 图3"


def test_tables_published_as_no_data_fall_back_to_printed_numbers_or_are_skipped() -> None:
    empty: list[Table] = [table("05", [table_row("合计", {"合计": ""})], no_data=True)]
    assert disclosure_charts(disclosure(empty)) == []


def test_a_project_page_gives_its_figures_as_tables_only() -> None:
    """A chart of a 绩效 project would repeat its 资金执行 and 绩效指标 tables on the same page."""
    p = project([fund_line("资金总额:", "2.52", "2.189", "10", "8.69")], [indicator("遗属人数", "20", "19")])
    d = replace(disclosure([T01]), projects=(p,))
    out = render_disclosure(
        d,
        lambda url, title: TermLinker([]).scope(url, title, "/glossary/"),
        environment(),
        "",
        "",
        Downloads({}, (), ()),
        {},
    )
    page = next(page.markdown for page in out.pages if f"/{PERFORMANCE_DIR}/" in page.path)
    assert all(f"/{PERFORMANCE_DIR}/" not in path for path, _ in out.charts)
    assert "<svg" not in page and "charts/" not in page
    assert all(figure in page for figure in ("2.52", "2.189", "8.69", "20", "19"))
