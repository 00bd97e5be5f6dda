"""Glossary links: hovering or keyboard-focusing a term shows its definition, the link goes to the
glossary entry, and both keep working (charts too) after Material's instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from browser.browsing import DESKTOP, DISCLOSURE, PAGE_TYPES, OpenPage, load_all_charts, visit

pytestmark = pytest.mark.browser

TIP = "term => { const tip = getComputedStyle(term, '::after'); return tip.display === 'none' ? '' : tip.content; }"


def shown_tip(term: Locator) -> str:
    """The definition box's text as drawn (the CSS content of a.gk-term::after), '' when hidden."""
    content: str = term.evaluate(TIP)
    return content.strip('"') if content not in ("none", "normal") else ""


def first_term(page: Page) -> Locator:
    return page.locator("article a.gk-term").first


def test_hovering_a_term_shows_its_definition_inside_the_screen(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["project"])
    term = first_term(page)
    assert shown_tip(term) == ""
    term.hover()
    definition = term.get_attribute("data-tip")
    assert definition and shown_tip(term) == definition
    column = page.locator(".md-content__inner").bounding_box()
    x = float(term.evaluate("t => parseFloat(getComputedStyle(t).getPropertyValue('--gk-tip-x')) || 0"))
    width = float(term.evaluate("t => parseFloat(getComputedStyle(t, '::after').width)"))
    assert column and x >= 0 and x + width <= column["width"] + 1


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["project"])
    page.locator("article h1").click()  # start keyboard navigation at the page's content
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.gk-term')"):
            break
    term = page.locator("a.gk-term:focus")
    assert term.count() == 1, "Tab 键到不了名词解释链接"
    assert shown_tip(term) == term.get_attribute("data-tip")
    page.keyboard.press("Escape")
    assert shown_tip(term) == ""


def test_a_term_links_to_its_glossary_entry(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["project"])
    term = first_term(page)
    name = term.inner_text()
    anchor = (term.get_attribute("href") or "").split("#")[1]
    term.click()
    page.wait_for_url(f"**/glossary/#{anchor}")
    entry = page.locator(f"[id='{anchor}']")
    assert name in entry.inner_text() or name in (entry.locator("xpath=following-sibling::dd[1]").inner_text())
    assert entry.is_visible() and entry.evaluate("e => e.getBoundingClientRect().top >= 0")


def test_terms_and_charts_work_after_instant_navigation(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["home"])
    page.evaluate("window.gkSamePage = true")
    page.locator(f"article a[href$='{DISCLOSURE}']").first.click()
    page.wait_for_url(f"**/{DISCLOSURE}")
    page.wait_for_selector("article h1")
    assert page.evaluate("window.gkSamePage") is True, "没有走即时导航（整页重新加载了）"
    load_all_charts(page)
    term = first_term(page)
    term.hover()
    assert shown_tip(term) == term.get_attribute("data-tip")
    assert page.locator("#gk-mode-toggle").count() == 1
    assert watch.errors == [] and watch.foreign == []
