"""Printing a disclosure page gives a clean document: no navigation or controls, tables whole."""

from __future__ import annotations

import re

import pytest

from browser.browsing import OpenPage

pytestmark = pytest.mark.browser

A4_TEXT_WIDTH = 718  # px at 96 dpi: 210 mm less 1 cm margins
HIDDEN_IN_PRINT = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    "#gk-mode-toggle",
    ".gk-contents",
    "details.gk-chart-data",
]
PRINTED_TABLES = """() => {
  const column = document.querySelector("article.md-content__inner").getBoundingClientRect();
  const problems = [];
  const tables = [...document.querySelectorAll("article table.gk-table")].filter(t => t.offsetParent);
  for (const table of tables) {
    const name = table.caption.textContent.slice(0, 30);
    const wrap = table.closest(".gk-table-wrap");
    if (getComputedStyle(wrap).overflowX !== "visible") problems.push("scroll box: " + name);
    if (table.getBoundingClientRect().right > column.right + 1) problems.push("cut off: " + name);
    const head = table.tHead && getComputedStyle(table.tHead).display;
    if (head !== "table-header-group") problems.push("header not repeated: " + name);
    if (getComputedStyle(table.rows[table.rows.length - 1]).breakInside !== "avoid") problems.push("rows split: " + name);
  }
  return [tables.length, problems];
}"""


def test_printed_disclosure_has_no_navigation_and_whole_tables(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(A4_TEXT_WIDTH, "disclosure")
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        shown = page.locator(selector).evaluate_all("nodes => nodes.filter(n => n.getClientRects().length)")
        assert shown == [], f"{selector} 打印出来了"
    assert page.locator("article h1").is_visible()
    count, problems = page.evaluate(PRINTED_TABLES)
    assert count >= 5 and problems == []
    term = page.locator("article a.gk-term").first
    term.hover()
    assert term.evaluate("t => getComputedStyle(t, '::after').content") in ("none", "normal")


def test_disclosure_prints_to_a_multi_page_pdf(open_page: OpenPage, base: str) -> None:
    page, _ = open_page(A4_TEXT_WIDTH, "disclosure")
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "10mm", "right": "10mm"})
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) > 3
