"""Browser-test fixtures: one headless Chromium per session, the sample site served locally.

Tests skip only when Debian's Chromium is missing (``make test`` installs it with
``scripts/install-system-deps.sh --browser``, as CI does).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browser.browsing import CHROMIUM, DESKTOP, OpenPage, Watch, launch, new_context, serve, show

if TYPE_CHECKING:
    from conftest import BuiltSite


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"没有 {CHROMIUM}：运行 scripts/install-system-deps.sh --browser 安装 Chromium")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base(browser: Browser, built_site: BuiltSite) -> Iterator[str]:
    """URL of the built sample site served by a local http.server thread (requested after ``browser``,
    so a missing Chromium skips before the site is built)."""
    with serve(built_site.paths.build) as url:
        yield url


@contextlib.contextmanager
def _page_opener(browser: Browser, base: str) -> Iterator[OpenPage]:
    """Opens pages in fresh contexts of a given viewport width (showing a page type of
    ``browsing.ALL_PAGE_TYPES`` when named); closes them on exit."""
    contexts: list[BrowserContext] = []

    def open_at(width: int = DESKTOP, page_type: str | None = None, touch: bool = False) -> tuple[Page, Watch]:
        context, watch = new_context(browser, base, width, touch)
        contexts.append(context)
        page = context.new_page()
        if page_type is not None:
            show(page, base, page_type)
        return page, watch

    yield open_at
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(browser: Browser, base: str) -> Iterator[OpenPage]:
    with _page_opener(browser, base) as opener:
        yield opener


@pytest.fixture(scope="module")
def open_module_page(browser: Browser, base: str) -> Iterator[OpenPage]:
    """For a page a whole test module reuses (the search dialog: its index loads once)."""
    with _page_opener(browser, base) as opener:
        yield opener
