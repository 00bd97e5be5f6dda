"""At phone width: a function page (2010308), a compare page and a unit's time series show the figures of
the underlying tables; the 元/万元/亿元 switch shows the build's exact strings and is remembered; the compare
table sorts and its CSV downloads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.browsing import PAGE_TYPES, PHONE, XIANGYUAN, OpenPage, visit

pytestmark = pytest.mark.browser


def _figures_match_their_cells(page: Page, base: str, selector: str) -> int:
    """Every figure link in ``selector`` shows the text of the cell it links to (on the disclosure page)."""
    links = page.eval_on_selector_all(selector, "as => as.map(a => [a.href, a.textContent.trim()])")
    checked = 0
    for href, text in links:
        if "#t" not in href:
            continue
        target = page.context.new_page()
        target.goto(href)
        cell = target.locator(f"[id='{href.split('#', 1)[1]}']")
        assert cell.inner_text().strip() == text, href
        target.close()
        checked += 1
    return checked


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


def test_function_page_lists_units_figures_for_2010308_as_printed(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(PHONE)
    visit(page, base, PAGE_TYPES["function"])
    assert "2010308" in page.locator("h1").inner_text()
    assert _figures_match_their_cells(page, base, "table.gk-table td.gk-num a") >= 1
    _fits(page)
    assert watch.errors == [] and watch.foreign == []


def test_compare_page_sorts_and_downloads_its_csv(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(PHONE)
    visit(page, base, PAGE_TYPES["compare"])
    assert _figures_match_their_cells(page, base, "table.gk-sortable td.gk-num a") >= 2  # 支出总计, 机关运行经费
    header = page.locator("table.gk-sortable th[data-sort='spending']")
    header.locator("button.gk-sort").click()
    assert header.get_attribute("aria-sort") == "descending"
    header.locator("button.gk-sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    csv = page.request.get(base + PAGE_TYPES["compare"] + "compare.csv")
    assert csv.ok and csv.body().startswith("\ufeff".encode()) and "襄垣县信访局" in csv.body().decode("utf-8")
    _fits(page)
    assert watch.errors == [] and watch.foreign == []


def test_unit_time_series_shows_each_years_figures_and_charts(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(PHONE)
    visit(page, base, XIANGYUAN)
    assert page.locator("#series").count() == 1 and page.locator("figure.gk-chart").count() >= 1
    assert _figures_match_their_cells(page, base, "table.gk-table td.gk-num a") >= 4
    assert "未公开" in page.locator("#series ~ div.gk-table-wrap").first.inner_text()  # no 预算 published
    _fits(page)
    assert watch.errors == [] and watch.foreign == []


def test_amount_switch_shows_exact_strings_and_is_remembered(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES["function"])
    figure = page.locator("td.gk-num a[data-wan]").first
    printed = figure.inner_text()
    page.select_option("#gk-unit-switch", "元")
    assert figure.inner_text() == figure.get_attribute("data-yuan")
    assert f"原文：{printed}万元" in (figure.get_attribute("title") or "")
    assert page.locator(".gk-unit-label").first.inner_text() == "元"
    visit(page, base, PAGE_TYPES["disclosure"])  # remembered on the next page
    cell = page.locator("td.gk-num[data-yi]").first
    assert page.locator("#gk-unit-switch").input_value() == "元"
    assert cell.text_content() == cell.get_attribute("data-yuan")
    page.select_option("#gk-unit-switch", "亿元")
    assert cell.text_content() == cell.get_attribute("data-yi")
    page.select_option("#gk-unit-switch", "")
    assert page.locator(".gk-unit-label").first.inner_text() == "万元"
    assert page.evaluate("document.documentElement.dataset.amountUnit") == "printed"
