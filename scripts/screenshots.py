"""Screenshots of every page type at phone (390 px) and desktop (1280 px) width, for the README.

    python scripts/screenshots.py [SITE_DIR] [OUT_DIR]      (make screenshots: builds the site first)

Serves SITE_DIR (default build/) locally, opens each page type of tests/browser/browsing.py in Debian's
Chromium and writes OUT_DIR/<page type>-<width>.png (default docs/screenshots/): the first screen of the
page, so each file stays small; plus disclosure-charts-<width>.png, the disclosure page where its figures start (钱花在哪里),
and search-landing-<width>.png, where the first result of a pinyin query (sanggong) leads: its section, with the
Chinese words the query stands for marked.  Requests to other hosts are refused, as in the browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

from browser.browsing import (  # noqa: E402
    ALL_PAGE_TYPES,
    DESKTOP,
    PHONE,
    SEARCH_PAGE,
    follow_first_result,
    launch,
    new_context,
    search,
    serve,
    show,
)

PHONE_HEIGHT = 844  # a common phone screen
DESKTOP_HEIGHT = 800
# where the figures start (钱花在哪里: spending by 功能分类) just below Material's fixed header
SCROLL_TO_CHARTS = """window.scrollTo(0, document.getElementById("spending").getBoundingClientRect().top + window.scrollY
  - document.querySelector(".md-header").offsetHeight - 8)"""
LANDING_QUERY = "sanggong"  # pinyin, misspelt as readers often do (三公)


def shoot(page: Page, path: Path) -> None:
    page.screenshot(path=path, animations="disabled", caret="hide")
    print(path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path)


def main(site: Path, out: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"没有找到网站：{site}/index.html（先运行 gongkai build）", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for width, height in ((PHONE, PHONE_HEIGHT), (DESKTOP, DESKTOP_HEIGHT)):
            context, watch = new_context(browser, base, width)
            page = context.new_page()
            page.set_viewport_size({"width": width, "height": height})
            for name in ALL_PAGE_TYPES:
                show(page, base, name)
                page.wait_for_load_state("networkidle")
                shoot(page, out / f"{name}-{width}.png")
                if name == "disclosure":  # its first screen is key figures; show where the money went too
                    page.evaluate(SCROLL_TO_CHARTS)
                    shoot(page, out / f"disclosure-charts-{width}.png")
                if name == SEARCH_PAGE:  # where a result leads: its section, the query's words marked
                    search(page, LANDING_QUERY)
                    follow_first_result(page)
                    page.wait_for_load_state("networkidle")
                    shoot(page, out / f"search-landing-{width}.png")
            context.close()
            if watch.foreign or watch.errors:
                print(f"问题：外站请求 {watch.foreign}，控制台错误 {watch.errors}", file=sys.stderr)
                return 1
        browser.close()
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    site_dir = Path(arguments[0]) if arguments else PROJECT / "build"
    out_dir = Path(arguments[1]) if len(arguments) > 1 else PROJECT / "docs" / "screenshots"
    sys.exit(main(site_dir, out_dir))
