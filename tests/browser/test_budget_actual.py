"""Budget against actual on a phone: the synthetic corpus's 决算 and unit pages at 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser.browsing import PHONE, load_all_charts, new_context, serve, visit
from conftest import PROJECT, copy_project
from gongkai.budget import budget_actual
from gongkai.build import Progress, build_site
from gongkai.demo.corpus import generate_corpus

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The served demo site, the URL of a 决算 page with budget against actual, and its unit page."""
    root = tmp_path_factory.mktemp("demo-browser")
    generate_corpus(root / "data", PROJECT / "data", units=1, years=1, seed=7)
    paths = copy_project(root / "project", root / "data")
    result = build_site(paths, Progress(False))
    ba = next(iter(budget_actual(result.corpus).values()))
    unit = f"{ba.actual.unit.region_slug}/{ba.actual.unit.slug}/"
    with serve(Path(paths.build)) as base:
        yield base, ba.actual.url, unit


@pytest.mark.parametrize("which", [1, 2])
def test_budget_against_actual_fits_a_phone_with_its_chart_table_and_sentence(
    browser: Browser, demo: tuple[str, str, str], which: int
) -> None:
    base, path = demo[0], demo[which]
    context, watch = new_context(browser, base, PHONE)
    page = context.new_page()
    visit(page, base, path)
    load_all_charts(page)
    section = page.locator("#zhixing ~ figure.gk-chart img").first
    section.scroll_into_view_if_needed()
    assert section.evaluate("i => i.complete && i.naturalWidth > 0")
    box = section.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert page.locator(".gk-budget-summary").first.inner_text().count("执行率") >= 1
    assert page.locator("table:has(th:text('执行率'))").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert watch.errors == [] and watch.foreign == []
    context.close()
