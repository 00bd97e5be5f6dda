"""Accessibility: axe-core finds nothing serious on any page type; language, headings, tables, chart text
alternatives and keyboard focus are right; the larger-text 适老化 mode is offered and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser.browsing import ALL_PAGE_TYPES, DESKTOP, PAGE_TYPES, PHONE, OpenPage, visit

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / ".gongkai/npm/node_modules/axe-core/axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
}"""


@pytest.mark.parametrize("name", ALL_PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violations(open_page: OpenPage, base: str, name: str) -> None:
    assert AXE.is_file(), "没有 axe-core：运行 scripts/install-system-deps.sh --browser"
    page, _ = open_page(PHONE, name)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []


def test_axe_finds_no_serious_or_critical_violations_in_large_text_mode(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, "disclosure")
    page.get_by_role("button", name="大字模式").click()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []


STRUCTURE = """() => {
  const problems = [];
  const main = document.querySelector("article.md-content__inner");
  const levels = [...main.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => +h.tagName[1]);
  if (levels.filter(l => l === 1).length !== 1 || levels[0] !== 1) problems.push("one h1 first: " + levels);
  levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) problems.push(`h${levels[i - 1]} → h${l}`); });
  for (const table of main.querySelectorAll("table")) {
    const name = (table.caption || table).textContent.slice(0, 30);
    if (!table.caption || !table.caption.textContent.trim()) problems.push("table without caption: " + name);
    if (!table.querySelector("thead th[scope=col], thead th")) problems.push("table without header cells: " + name);
  }
  for (const figure of main.querySelectorAll("figure.gk-chart")) {
    const image = figure.querySelector("img, svg");
    const text = image.getAttribute("alt") || image.getAttribute("aria-label") || "";
    if (text.trim().length < 10) problems.push("chart without text alternative: " + figure.id);
    if (!figure.querySelector("figcaption")) problems.push("chart without caption: " + figure.id);
  }
  return problems;
}"""


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_pages_are_chinese_with_ordered_headings_captioned_tables_and_described_charts(
    open_page: OpenPage, base: str, name: str
) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES[name])
    assert page.get_attribute("html", "lang") == "zh"
    assert page.evaluate(STRUCTURE) == []


def focus_ring(page: Page) -> str:
    """The focused element's outline as drawn (style and width), or '' when it shows none."""
    style: str = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineStyle + ' ' + s.outlineWidth : ''; })()"
    )
    return style


def test_keyboard_focus_is_visible_on_links_table_regions_and_the_mode_button(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["disclosure"])
    page.locator("article h1").click()
    seen: set[str] = set()
    for _ in range(80):  # past the contents (every 公开表 and 情况说明 part) and a few charts
        page.keyboard.press("Tab")
        kind = page.evaluate(
            "(() => { const e = document.activeElement; return e.matches('.gk-table-wrap') ? 'table'"
            " : e.matches('article a') ? 'link' : e.tagName; })()"
        )
        assert focus_ring(page), f"焦点在 {kind} 上看不出来"
        seen.add(kind)
        if {"table", "link"} <= seen:
            break
    assert {"table", "link"} <= seen
    page.locator("#gk-mode-toggle").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "gk-mode-toggle" and focus_ring(page)


def reading_mode(page: Page) -> tuple[str | None, bool, float]:
    """(button's aria-pressed, html has gk-large, root font size in px)."""
    pressed = page.get_attribute("#gk-mode-toggle", "aria-pressed")
    large: bool = page.evaluate("document.documentElement.classList.contains('gk-large')")
    size: float = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    return pressed, large, size


def test_large_text_mode_is_a_toggle_remembered_across_pages_and_instant_navigation(
    open_page: OpenPage, base: str
) -> None:
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES["home"])
    pressed, large, normal_size = reading_mode(page)
    assert (pressed, large) == ("false", False)
    button = page.get_by_role("button", name="大字模式")
    button.click()
    pressed, large, size = reading_mode(page)
    assert (pressed, large) == ("true", True) and size >= 1.2 * normal_size
    text = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
    assert text == "rgb(0, 0, 0)"  # higher contrast: black text
    visit(page, base, PAGE_TYPES["glossary"])  # a new page load
    assert reading_mode(page) == ("true", True, size)
    page.evaluate("window.gkSamePage = true")
    # the link is in the phone's closed navigation drawer: send it the click Material's instant navigation handles
    page.locator(f"a[href$='{PAGE_TYPES['about']}']").first.dispatch_event("click")
    page.wait_for_url(f"**/{PAGE_TYPES['about']}")
    page.wait_for_selector("article h1:text('关于数据')")
    assert page.evaluate("window.gkSamePage") is True
    assert reading_mode(page) == ("true", True, size)
    page.get_by_role("button", name="大字模式").click()
    visit(page, base, PAGE_TYPES["home"])
    assert reading_mode(page) == ("false", False, normal_size)
