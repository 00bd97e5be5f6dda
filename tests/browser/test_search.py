"""Search in the browser (Pagefind): Chinese, pinyin and subject-code queries find the pages that answer
them, the first result leads to the answering section, the landing page marks whole query words, and the
results can be filtered and used with the keyboard."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from browser.browsing import (
    DESKTOP,
    PAGE_TYPES,
    PHONE,
    OpenPage,
    follow_first_result,
    open_search,
    search,
    search_all,
    visit,
)

if TYPE_CHECKING:
    from conftest import BuiltSite

pytestmark = pytest.mark.browser

DISCLOSURE_PAGE = re.compile(r"^/[^/]+/[^/]+/\d{4}-[a-z]+/$")
QUOTES = re.compile("[“”‘’\"'「」『』]")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
# query -> the text a disclosure page answering it shows (its amounts are in that page's tables)
ANSWERED_BY_A_DISCLOSURE = {
    "拨款": "财政拨款",
    "三公经费": "“三公”经费",
    "信访事务": "信访事务",
    "基本支出": "基本支出",
    "住房公积金": "住房公积金",
    "机关运行经费": "机关运行经费",
}
# query -> the sections of the first result's page that answer it (tables or 情况说明 parts), and the
# words the landing page marks
FIRST_RESULT_SECTION = {
    "拨款": ({"#gongkai04"}, {"拨款"}),  # 公开04 财政拨款收入支出决算总表
    "三公经费": (
        {"#gongkai09", "#yusuan09"},
        {"三公经费"},
    ),  # or 预算09 of the sample 部门预算;  # 公开09 财政拨款“三公”经费支出决算表
    "信访事务": ({"#gongkai02", "#gongkai03", "#gongkai05"}, {"信访事务"}),  # the row 2010308 信访事务
    "基本支出": ({"#gongkai06", "#yusuan06"}, {"基本支出"}),  # 公开06 基本支出决算明细表, or 预算06 基本支出预算表
    "住房公积金": (
        {"#gongkai06", "#yusuan06", "#yusuan02", "#yusuan03", "#yusuan05"},
        {"住房公积金"},
    ),  # 30113 住房公积金
    "机关运行经费": (
        {"#explanation-10-1", "#gongkai10", "#yusuan09"},
        {"机关运行经费"},
    ),  # 十（一） 机关运行经费支出情况
    # pinyin (full or initials): the section of the Chinese term, which the landing page marks
    "xinfang": ({"#gongkai02", "#gongkai03", "#gongkai04", "#gongkai05", "#top"}, {"信访", "信访事务"}),
    "sangong": ({"#gongkai09", "#explanation-9", "#explanation-7", "#yusuan09"}, {"三公"}),
    "sanggong": ({"#gongkai09", "#explanation-9", "#explanation-7", "#yusuan09"}, {"三公"}),  # a common misspelling
    "jgyxjf": ({"#explanation-10-1", "#gongkai10", "#yusuan09"}, {"机关运行经费"}),
    # subject codes: the tables with the code's row
    "2010308": ({"#gongkai02", "#gongkai03", "#gongkai05", "#top"}, {"2010308"}),  # or its function page
    "30201": ({"#gongkai06", "#yusuan06"}, {"30201"}),
}


@pytest.fixture(scope="module")
def search_page(open_module_page: OpenPage, base: str) -> Page:
    page, _ = open_module_page(DESKTOP)
    visit(page, base, PAGE_TYPES["home"])
    open_search(page)
    return page


def _first_link(page: Page) -> str:
    href: str = page.eval_on_selector("li.md-search-result__item a", "a => a.getAttribute('href')")
    return href


def _pages_with(built_site: BuiltSite, text: str) -> set[str]:
    """Every page whose article shows ``text`` (the ground truth of a query)."""
    root = built_site.paths.build
    pages = set()
    for path in root.rglob("index.html"):
        article = ARTICLE.search(path.read_text(encoding="utf-8"))
        if article and text in article.group(1):
            folder = path.parent.relative_to(root).as_posix()
            pages.add("/" if folder == "." else f"/{folder}/")
    return pages


@pytest.mark.parametrize("query", ANSWERED_BY_A_DISCLOSURE)
def test_budget_term_finds_a_disclosure_page_that_shows_it_first(
    search_page: Page, built_site: BuiltSite, query: str
) -> None:
    first = search(search_page, query)[0]
    assert DISCLOSURE_PAGE.match(first), f"{query}: {first}"
    assert ANSWERED_BY_A_DISCLOSURE[query] in built_site.html(first.strip("/"))


def test_project_name_finds_its_performance_page_first(search_page: Page) -> None:
    assert search(search_page, "遗属")[0] == "/" + PAGE_TYPES["project"]


@pytest.mark.parametrize(
    "query",
    list(FIRST_RESULT_SECTION),
)
def test_the_first_result_lands_on_the_answering_section_which_marks_whole_words(
    search_page: Page, open_page: OpenPage, base: str, query: str
) -> None:
    search(search_page, query)
    href = _first_link(search_page)
    sections, words = FIRST_RESULT_SECTION[query]
    assert "#" + href.split("#", 1)[-1] in sections, f"{query}: {href}"
    page, _ = open_page(DESKTOP)
    page.goto(base.rstrip("/") + href, wait_until="load")
    page.wait_for_selector("mark[data-gk-highlight]", state="attached")
    marked = page.eval_on_selector_all("mark[data-gk-highlight]", "ms => ms.map(m => m.textContent)")
    bare = {QUOTES.sub("", text) for text in marked}  # 「三公”经费」 is the word 三公经费 as printed
    # whole words (or names holding them, for pinyin), never single characters nor the pinyin itself
    assert bare and all(any(word in text for word in words) for text in bare), f"{query}: {marked}"


@pytest.mark.parametrize("code", ["2010308", "30201"])
def test_a_subject_code_finds_every_page_that_shows_it(search_page: Page, built_site: BuiltSite, code: str) -> None:
    truth = _pages_with(built_site, code)
    assert truth
    assert truth <= set(search_all(search_page, code))  # 「显示更多结果」 lists them all


def _open_filters(page: Page) -> None:
    """Open 「筛选」 above the results and wait until its lists show each value's number of results."""
    page.locator(".gk-search-filters-box summary").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gk-search-filters option')].some(o => /（\\d+）/.test(o.textContent))"
    )


def test_the_first_search_loads_no_filter_index_until_the_reader_opens_the_filters(
    open_page: OpenPage, base: str
) -> None:
    page, watch = open_page(DESKTOP)
    fetched: list[str] = []
    page.context.on("request", lambda request: fetched.append(request.url))  # Pagefind's worker's too
    visit(page, base, PAGE_TYPES["home"])
    open_search(page)
    search(page, "拨款")
    assert [u for u in fetched if "/pagefind/fragment/" in u]
    assert not [u for u in fetched if "/pagefind/filter/" in u]
    _open_filters(page)
    assert [u for u in fetched if "/pagefind/filter/" in u]
    assert page.eval_on_selector_all(".gk-search-filters select", "ss => ss.map(s => s.name)") == [
        "地区",
        "年度",
        "类别",
        "单位",
    ]
    assert watch.foreign == [] and watch.errors == []


def test_filters_narrow_the_results_to_a_year(search_page: Page) -> None:
    everything = search(search_page, "拨款")
    _open_filters(search_page)
    search_page.select_option(".gk-search-filters select[name='年度']", "2021")
    search_page.wait_for_function(
        "() => [...document.querySelectorAll('li.md-search-result__item > a:first-child')]"
        ".every(a => a.getAttribute('href').includes('/2021-'))"
    )
    narrowed = search(search_page, "拨款")
    search_page.select_option(".gk-search-filters select[name='年度']", "")
    assert narrowed and all("/2021-" in path for path in narrowed)
    assert any("/2021-" not in path for path in everything)


def test_the_keyboard_opens_search_moves_through_results_and_follows_one(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(DESKTOP)
    visit(page, base, PAGE_TYPES["glossary"])
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    open_search(page)
    search(page, "三公经费")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == _first_link(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?h="))
    assert watch.foreign == [] and watch.errors == []


def test_a_result_tapped_on_a_phone_opens_its_section_and_the_page_scrolls(open_page: OpenPage, base: str) -> None:
    page, watch = open_page(PHONE)
    visit(page, base, PAGE_TYPES["home"])
    open_search(page)  # full screen on a phone: Material locks the page's scrolling meanwhile
    search(page, "xinfang")
    follow_first_result(page)  # the section on screen, below the fixed header
    assert page.evaluate("document.body.hasAttribute('data-md-scrolllock')") is False  # the reader can scroll on
    assert watch.foreign == [] and watch.errors == []
