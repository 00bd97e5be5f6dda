"""Every page type loads cleanly and self-contained, its charts render Chinese text, and it fits a phone."""

from __future__ import annotations

import re

import pytest

from browser.browsing import ALL_PAGE_TYPES, DESKTOP, PAGE_TYPES, PHONE, OpenPage, rendering_fonts, visit

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")
CHART_PAGES = ["disclosure", "unit"]  # a 绩效 project page gives its figures as tables only


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_page_loads_without_console_errors_or_requests_to_other_hosts(
    open_page: OpenPage, base: str, name: str
) -> None:
    page, watch = open_page(DESKTOP, name)
    page.wait_for_load_state("networkidle")
    assert watch.errors == []
    assert watch.foreign == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_chart_is_visible_and_its_chinese_text_renders_in_a_cjk_font(
    open_page: OpenPage, base: str, name: str
) -> None:
    page, _ = open_page(PHONE, name)
    charts = page.locator("figure.gk-chart img")
    assert charts.count() > 0 or name not in CHART_PAGES
    sources = []
    for chart in charts.all():
        box = chart.bounding_box()
        assert box and box["width"] > 150 and box["height"] > 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
        assert chart.evaluate("img => img.naturalWidth") > 0
        sources.append(chart.evaluate("img => img.src"))
    for source in sources:
        page.goto(source)
        fonts = rendering_fonts(page, "text")
        chinese = {text: families for text, families in fonts.items() if CJK.search(text)}
        assert chinese, f"{source} 没有中文文字"
        for text, families in chinese.items():
            assert any("CJK" in family for family in families), f"{source}: 「{text}」用 {families} 绘制"


def test_page_text_renders_in_a_cjk_font(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["disclosure"])
    fonts = rendering_fonts(page, "h1, h2, .gk-card__label, table.gk-table caption")
    drawn = {text: families for text, families in fonts.items() if families}  # closed <details> draw nothing
    assert len(drawn) > 5
    for text, families in drawn.items():
        assert any("CJK" in family for family in families), f"「{text}」用 {families} 绘制"


# Every table sits in a container that scrolls sideways (and fits the screen) and the page itself never
# scrolls sideways.  Chart data tables are in closed <details>: open them first.
PHONE_LAYOUT = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const width = window.innerWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1
      && !e.closest(".gk-table-wrap, .md-sidebar"));
    problems.push("page scrolls sideways: " + wide.slice(-3).map(e => e.tagName + "." + e.className).join(", "));
  }
  for (const table of document.querySelectorAll(".md-content table")) {
    let box = table.parentElement;
    while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const name = (table.caption || table).textContent.slice(0, 30);
    if (!box) { problems.push("no scroll container: " + name); continue; }
    const r = box.getBoundingClientRect();
    if (r.left < -1 || r.right > width + 1) problems.push("container wider than the screen: " + name);
  }
  return problems;
}"""


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_tables_scroll_inside_their_container_and_the_page_never_scrolls_sideways_on_a_phone(
    open_page: OpenPage, base: str, name: str
) -> None:
    page, _ = open_page(PHONE, name)
    assert page.evaluate(PHONE_LAYOUT) == []


def test_key_figure_cards_are_two_compact_columns_on_a_phone(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES["disclosure"])
    boxes = [card.bounding_box() for card in page.locator(".gk-card").all()]
    assert len(boxes) >= 4 and all(boxes)
    first, second, third = boxes[0], boxes[1], boxes[2]
    assert first and second and third
    assert first["y"] == second["y"] and third["y"] > first["y"]  # two per row
    assert first["height"] < 110  # compact: a label and a number
