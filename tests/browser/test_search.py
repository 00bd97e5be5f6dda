"""Search in the browser: each reader's query finds the page that answers it, and its first result leads to the
answering table or text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from browser.browsing import DESKTOP, PAGE_TYPES, OpenPage, open_search, search, visit

if TYPE_CHECKING:
    from conftest import BuiltSite

pytestmark = pytest.mark.browser

DISCLOSURE_PAGE = re.compile(r"^/[^/]+/[^/]+/\d{4}-[a-z]+/$")
# query -> the text a disclosure page answering it shows (its amounts are in that page's tables)
ANSWERED_BY_A_DISCLOSURE = {
    "拨款": "财政拨款",
    "三公经费": "“三公”经费",
    "信访事务": "信访事务",
    "基本支出": "基本支出",
    "住房公积金": "住房公积金",
    "机关运行经费": "机关运行经费",
}


@pytest.fixture(scope="module")
def search_page(open_module_page: OpenPage, base: str) -> Page:
    page, _ = open_module_page(DESKTOP)
    visit(page, base, PAGE_TYPES["home"])
    open_search(page)
    return page


@pytest.mark.parametrize("query", ANSWERED_BY_A_DISCLOSURE)
def test_budget_term_finds_a_disclosure_page_that_shows_it_in_the_top_three(
    search_page: Page, built_site: BuiltSite, query: str
) -> None:
    top = search(search_page, query)[:3]
    answers = [
        path
        for path in top
        if DISCLOSURE_PAGE.match(path) and ANSWERED_BY_A_DISCLOSURE[query] in built_site.html(path.strip("/"))
    ]
    assert answers, f"{query}: {top}"


def test_project_name_finds_its_performance_page_first(search_page: Page) -> None:
    assert search(search_page, "遗属")[0] == "/" + PAGE_TYPES["project"]


# query -> the section of the first result's page that answers it (the table or the 情况说明 part)
FIRST_RESULT_SECTION = {
    "拨款": "#gongkai04",  # 公开04 财政拨款收入支出决算总表
    "三公经费": "#gongkai09",  # 公开09 财政拨款“三公”经费支出决算表
    "信访事务": "#gongkai02",  # 科目 2010308 信访事务 in 公开02
    "基本支出": "#gongkai06",  # 公开06 基本支出决算明细表
    "住房公积金": "#gongkai06",  # 30113 住房公积金
    "机关运行经费": "#explanation-10-1",  # 情况说明 十（一） 机关运行经费支出情况
}


@pytest.mark.parametrize("query", FIRST_RESULT_SECTION)
def test_the_first_result_leads_to_the_table_or_text_that_answers_the_query(search_page: Page, query: str) -> None:
    pages = search(search_page, query)
    assert DISCLOSURE_PAGE.match(pages[0]), f"{query}: {pages[:3]}"
    sections = search_page.eval_on_selector_all(
        "li.md-search-result__item:first-child a", "links => links.slice(0, 3).map(a => new URL(a.href).hash)"
    )
    assert FIRST_RESULT_SECTION[query] in sections, f"{query}: {sections}"
