"""What a citizen reads first and can check, at 390 and 1280 px: where the money went opens the page (a
drill-down that works without script), the official original under the title, a figure's page of the
original on a tap, chart text of 16 px or more in 大字模式, and a header that wraps the title instead of
cutting it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page

from browser.browsing import DESKTOP, PAGE_TYPES, PHONE, OpenPage, load_all_charts, new_context, visit

pytestmark = pytest.mark.browser

PDF_IMPORTED = "shanghai-putuo/putuo-caizhengju/2024-juesuan/"  # imported from the published PDF: pages known


def test_the_page_opens_with_where_the_money_went_before_income_and_spending(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES["disclosure"])
    headings = page.locator("article h2").all_inner_texts()
    assert [h.split("\n")[0].replace("收起", "").strip(" ¶") for h in headings[:2]] == ["钱花在哪里", "收支情况"]
    assert "支出按功能分类合计" in page.locator("#spending + .gk-drill .gk-drill__summary").inner_text()


def test_the_drill_down_opens_class_then_item_without_script(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport={"width": PHONE, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PAGE_TYPES["disclosure"])
    first = page.locator(".gk-drill > ol > li > details").first
    item = first.locator("details").first
    assert first.get_attribute("open") is None and not item.is_visible()
    first.locator("> summary").click()
    item.locator("> summary").click()
    leaf = item.locator(".gk-drill__leaf").first
    assert leaf.is_visible() and "%" in leaf.inner_text()
    box = page.evaluate("document.documentElement.scrollWidth")
    assert box <= PHONE
    context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_official_original_is_named_under_the_title(open_page: OpenPage, base: str, width: int) -> None:
    page, _ = open_page(width)
    visit(page, base, PDF_IMPORTED)
    line = page.locator("article h1 + .gk-original")
    text = line.inner_text()
    assert text.startswith("原文：《上海市普陀区财政局2024年度部门决算》")
    assert "putuo-caizhengju-2024-juesuan.pdf" in text and "SHA-256" in text
    assert "网上地址未登记" in text  # the sample data records no address: none is made up
    box = line.bounding_box()
    assert box and box["x"] + box["width"] <= width


def test_tapping_a_figure_on_a_phone_names_its_page_and_table_of_the_original(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PDF_IMPORTED)
    cell = page.locator("#table-05 td[title]").first
    cell.scroll_into_view_if_needed()
    cell.tap()
    pop = page.locator("#gk-source-pop")
    assert "原文公开05表第15页" in pop.inner_text()
    assert "数据来源：原文公开05表，第15页" in page.locator("#gongkai05 ~ .gk-source").first.inner_text()


def _large(page: Page) -> None:
    page.locator("#gk-mode-toggle").click()
    page.wait_for_function("document.documentElement.classList.contains('gk-large')")


def _whole(text: Locator, width: int) -> None:
    """The text is shown whole: not cut (no overflow) and inside the screen."""
    assert not text.evaluate("e => e.scrollWidth > e.clientWidth + 1")
    box = text.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


SMALLEST_TEXT = """async () => {
  const sizes = [];
  for (const img of document.querySelectorAll("figure.gk-chart img")) {
    const svg = await (await fetch(img.src)).text();
    const px = [...svg.matchAll(/font-size="([\\d.]+)px"/g)].map(m => parseFloat(m[1]));
    sizes.push(Math.min(...px) * img.getBoundingClientRect().width / img.naturalWidth);
  }
  return sizes;
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", ["disclosure", "unit"])  # the page types with charts
def test_chart_text_is_16_px_or_more_in_large_text_mode(open_page: OpenPage, base: str, width: int, name: str) -> None:
    page, _ = open_page(width)
    visit(page, base, PAGE_TYPES[name])
    _large(page)
    load_all_charts(page)
    sizes = page.evaluate(SMALLEST_TEXT)
    assert sizes and min(sizes) >= 16


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("large", [False, True])
def test_the_header_wraps_the_site_and_page_title_instead_of_cutting_them(
    browser: Browser, base: str, width: int, large: bool
) -> None:
    context, _ = new_context(browser, base, width)
    if large:
        context.add_init_script("localStorage.setItem('gongkai.large', '1')")
    page = context.new_page()
    visit(page, base, PDF_IMPORTED)
    topics = page.locator(".md-header__topic .md-ellipsis")
    shown = 1 if page.locator(".md-header__title--active").count() else 0
    _whole(topics.nth(shown), width)  # at the top of the page: the site name (the page title in 大字模式 on a phone)
    title = page.locator("article h1").inner_text().rstrip("¶")  # without its permalink
    page.evaluate("document.getElementById('charts').scrollIntoView()")  # the header now shows the page title
    page.wait_for_function("document.querySelector('.md-header__title--active')")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    assert topics.nth(1).inner_text().strip() == title.strip()
    _whole(topics.nth(1), width)
    heading = page.locator("#charts").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert heading and header and heading["y"] >= header["y"] + header["height"] - 1  # not under the header
    context.close()
