"""The reader on a phone: tables keep their row labels while the figures scroll, text is large enough,
blank template lines are folded, a copied table is clean, and a tap (no hover on a phone) opens a
figure's source or a term's definition in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.browsing import DESKTOP, PAGE_TYPES, PHONE, OpenPage, visit
from browser.test_glossary_terms import first_term, shown_tip

pytestmark = pytest.mark.browser

WIDE_TABLE = "#table-03"  # 公开03表 支出决算表: six amount columns after 科目代码 and 科目名称


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_row_labels_stay_visible_when_a_wide_table_is_scrolled_sideways(
    open_page: OpenPage, base: str, width: int
) -> None:
    page, _ = open_page(width)
    visit(page, base, PAGE_TYPES["disclosure"])
    wrap = page.locator(WIDE_TABLE).locator("xpath=..")
    label = page.locator(f"{WIDE_TABLE} tbody th[scope=row]").first
    label.evaluate("th => th.scrollIntoView({block: 'center'})")
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert wrap.evaluate("w => w.scrollLeft") > 0 or width == DESKTOP
    box = wrap.bounding_box()
    cell = label.bounding_box()
    assert box and cell
    assert cell["x"] >= box["x"] - 1 and cell["x"] + cell["width"] <= box["x"] + box["width"] + 1
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('th')?.textContent ?? ''",
        [cell["x"] + 5, cell["y"] + cell["height"] / 2],
    )
    assert hit == label.inner_text()  # drawn on top of the scrolled figures, not under them


def test_table_text_is_at_least_14_px_on_a_phone(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES["disclosure"])
    sizes = page.eval_on_selector_all(
        "table.gk-table :is(td, th)", "cells => cells.map(c => parseFloat(getComputedStyle(c).fontSize))"
    )
    assert sizes and min(sizes) >= 14


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_table_squeezes_its_text_into_a_column_a_few_characters_wide_on_a_phone(
    open_page: OpenPage, base: str, kind: str
) -> None:
    """A column of words (rule names, where a finding occurs) is never squeezed into a strip far taller than
    wide: such tables scroll sideways or stack each row as a card."""
    page, _ = open_page(PHONE)
    visit(page, base, PAGE_TYPES[kind])
    squeezed = page.eval_on_selector_all(
        "table.gk-table :is(td, th)",
        """cells => cells.filter(c => c.offsetParent !== null && c.textContent.trim().length > 20)
            .filter(c => c.clientHeight > 3 * c.clientWidth)
            .map(c => c.textContent.trim().slice(0, 20))""",
    )
    assert squeezed == []


def test_blank_template_lines_are_folded_and_open_on_tap(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PAGE_TYPES["disclosure"])
    fold = page.locator("tbody.gk-fold a").first
    count = int(fold.inner_text().split(" ")[0])
    blank = page.locator("tbody.gk-blank").first
    assert count > 1 and not blank.is_visible()
    fold.scroll_into_view_if_needed()
    fold.tap()
    assert blank.is_visible() and blank.locator("tr").count() == count


def test_a_copied_table_has_no_hidden_helper_text(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["disclosure"])
    copied = page.evaluate(
        """() => [...document.querySelectorAll("table.gk-table")].map(t => {
             const range = document.createRange(); range.selectNodeContents(t);
             const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
             return selection.toString(); }).join("\\n")"""
    )
    assert "——" in copied  # the printed 「——」 stays
    assert "不适用" not in copied and "（空行）" not in copied
    helper = page.locator("table.gk-table .gk-sr[data-sr]").first
    assert helper.evaluate("e => getComputedStyle(e, '::before').content") in ('"不适用"', '"（空行）"')


def test_tapping_a_figure_opens_its_source_on_a_touch_phone(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PAGE_TYPES["disclosure"])
    cell = page.locator(f"{WIDE_TABLE} td[title]").first
    cell.scroll_into_view_if_needed()
    cell.tap()
    pop = page.locator("#gk-source-pop")
    assert pop.is_visible()
    assert "公开03表" in pop.inner_text() and "tables/gongkai03.csv" in pop.inner_text()
    box = pop.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert pop.locator("a").get_attribute("href") == f"#{cell.get_attribute('id')}"
    page.locator("article h1").tap()
    assert pop.count() == 0


def test_tapping_a_term_on_a_touch_phone_opens_its_definition_in_place(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PAGE_TYPES["project"])
    url = page.url
    term = first_term(page)
    term.scroll_into_view_if_needed()
    term.tap()
    assert page.url == url
    assert shown_tip(term) == term.get_attribute("data-tip")


def _scrolled_to(page: Page, selector: str) -> None:
    """Waits until the element is on screen below the fixed header (the page may scroll smoothly)."""
    page.wait_for_function(
        """selector => { const top = document.querySelector(selector).getBoundingClientRect().top;
           return top >= document.querySelector(".md-header").offsetHeight - 1 && top < innerHeight / 2; }""",
        arg=selector,
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_contents_reach_every_table_in_one_tap(open_page: OpenPage, base: str, width: int) -> None:
    page, _ = open_page(width, touch=width == PHONE)
    visit(page, base, PAGE_TYPES["disclosure"])
    parts = page.locator(".gk-contents .gk-contents__parts a").all_inner_texts()
    assert {f"公开{n:02d}表" for n in range(1, 11)} <= {p.split(" ")[0] for p in parts}
    assert any(p.startswith("一、") for p in parts)  # the 情况说明 parts too
    link = page.locator(".gk-contents a", has_text="公开09表")
    link.tap() if width == PHONE else link.click()
    page.wait_for_function("() => location.hash === '#gongkai09'")
    _scrolled_to(page, "#gongkai09")


def test_the_phone_menu_lists_the_page_contents(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PAGE_TYPES["disclosure"])
    page.locator("label.md-header__button[for='__drawer']").tap()
    link = page.locator("#gk-drawer-contents a", has_text="公开09表")
    link.wait_for(state="visible")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_function("() => location.hash === '#gongkai09' && !document.getElementById('__drawer').checked")
    _scrolled_to(page, "#gongkai09")


def test_a_section_folds_and_every_section_leads_back_to_the_contents(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(PHONE, touch=True)
    visit(page, base, PAGE_TYPES["disclosure"])
    button = page.locator("h2#tables .gk-fold-button")
    table = page.locator("#table-03")
    assert table.is_visible()
    button.tap()
    assert not table.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.tap()
    assert table.is_visible()
    assert page.locator(".gk-to-top a[href$='#contents']").count() == page.locator("article h2").count()
