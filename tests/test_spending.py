"""Where the money went: 功能分类 类 → 款 → 项 from the 支出决算表, as nested <details> with bars."""

from __future__ import annotations

import re
from decimal import Decimal

from chart_helpers import disclosure, table, table_row
from gongkai.markup import environment
from gongkai.spending import drill_down, spending, summary

T03 = table(
    "03",
    [
        table_row("合计", {"本年支出合计": "233.67"}),
        table_row("一般公共服务支出", {"本年支出合计": "188.00"}, code="201"),
        table_row("政府办公厅（室）及相关机构事务", {"本年支出合计": "188.00"}, code="20103"),
        table_row("行政运行", {"本年支出合计": "61.49"}, code="2010301"),
        table_row("信访事务", {"本年支出合计": "76.61"}, code="2010308"),
        table_row("事业运行", {"本年支出合计": "49.90"}, code="2010350"),
        table_row("社会保障和就业支出", {"本年支出合计": "28.00"}, code="208"),
        table_row("卫生健康支出", {"本年支出合计": "5.62"}, code="210"),
        table_row("住房保障支出", {"本年支出合计": "12.05"}, code="221"),
        table_row("（空行）", {"本年支出合计": ""}, code="229"),
    ],
)
T05 = table("05", [table_row("一般公共服务支出", {"合计": "1.00"}, code="201")])


def test_classes_hold_their_subjects_as_printed_in_the_first_amount_column_of_table_03() -> None:
    found = spending(disclosure([T05, T03]))
    assert found is not None and found.table.id == "03" and found.column == "本年支出合计"
    assert [(c.row.code, c.raw) for c in found.classes] == [
        ("201", "188.00"),
        ("208", "28.00"),
        ("210", "5.62"),
        ("221", "12.05"),
    ]
    assert found.total == Decimal("233.67")  # the sum of the 类 lines; a blank line is left out
    (kuan,) = found.classes[0].children
    assert [x.row.code for x in kuan.children] == ["2010301", "2010308", "2010350"]
    assert found.classes[0].anchor == "t03-r201-c1"


def test_without_table_03_table_05_is_used_and_without_either_there_is_nothing() -> None:
    found = spending(disclosure([T05]))
    assert found is not None and found.table.id == "05" and found.column == "合计"
    assert spending(disclosure([table("03", [], no_data=True)])) is None


def test_the_summary_names_the_total_and_the_largest_classes_with_their_shares() -> None:
    found = spending(disclosure([T03]))
    assert found is not None
    assert summary(found) == (
        "支出按功能分类合计233.67万元；其中一般公共服务支出188.00万元（80.46%），"
        "社会保障和就业支出28.00万元（11.98%），住房保障支出12.05万元（5.16%）等4类。"
    )


def test_a_single_class_and_item_are_named_and_the_summary_looks_at_the_items_under_them() -> None:
    only = table("03", [row for row in T03.rows if row.code.startswith("201")])
    found = spending(disclosure([only]))
    assert found is not None
    assert summary(found) == (
        "支出按功能分类合计188.00万元，全部属于一般公共服务支出 › 政府办公厅（室）及相关机构事务；"
        "其中信访事务76.61万元（40.75%），行政运行61.49万元（32.71%），事业运行49.90万元（26.54%）。"
    )


def test_the_drill_down_is_nested_details_with_linked_figures_shares_and_bars() -> None:
    found = spending(disclosure([T03]))
    assert found is not None
    html = drill_down(environment(), found)
    assert html.count("<details>") == 2 and html.count('class="gk-drill__leaf"') == 6  # 类 201, 款 20103; 3 项, 3 类
    assert '<details><summary><span class="gk-drill__name"><span class="gk-drill__code">201' in html
    assert '<p class="gk-drill__where"><a href="#t03-r201-c1">来源：数据文件 test 第' in html  # no link in a summary
    assert '<a href="#t03-r2010308-c1" title="来源：数据文件 test 第' in html  # a 项's figure links to its cell
    assert "80.46%" in html and '<rect width="80.46" height="1"></rect>' in html
    assert re.search(r'data-unit="万元"[^>]*>188\.00</span>', html)  # the amount switch can rewrite it
    assert "数据来源：公开03表 支出决算表「本年支出合计」栏" in html
