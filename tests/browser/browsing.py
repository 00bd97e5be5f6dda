"""Browser helpers shared by the browser tests and ``scripts/screenshots.py``.

The built site is served by a local ``http.server`` thread; every browser context refuses requests to any
other host (and records them), and records console errors, so a test can assert the site is self-contained.
Chromium is Debian's ``/usr/bin/chromium`` (installed by ``scripts/install-system-deps.sh --browser``).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Route

CHROMIUM = Path("/usr/bin/chromium")
PHONE = 390
DESKTOP = 1280
HEIGHT = 900

XIANGYUAN = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/"
DISCLOSURE = f"{XIANGYUAN}2023-juesuan/"
# One page of every page type of the sample site (name -> path below the site root).
PAGE_TYPES = {
    "home": "",
    "unit": XIANGYUAN,
    "disclosure": DISCLOSURE,
    "project": f"{DISCLOSURE}jixiao/yishu-renyuan-buzhu/",
    "glossary": "glossary/",
    "checks": "checks/",
    "ranking": "paiming/",
    "about": "about/",
    "downloads": "xiazai/",
    "function": "browse/function/2010308/",
    "compare": "compare/shanxi-changzhi-xiangyuan/2023/",
}
SEARCH_PAGE = "search"  # the search results: the home page with the search dialog open on a query
SEARCH_EXAMPLE = "三公经费"
ALL_PAGE_TYPES = [*PAGE_TYPES, SEARCH_PAGE]


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site quietly; ``/sitemap.xml`` lists every page under this server's address.

    MkDocs leaves the sitemap empty when ``site_url`` is blank (the default: relative links, deployable
    anywhere), and Material's instant navigation only takes over links listed in the sitemap.  Serving the
    sitemap MkDocs writes when ``site_url`` is set to the server's address tests the site as deployed."""

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        address = self.server.server_address
        assert isinstance(address, tuple)  # an IPv4 server: (host, port)
        host, port = address[:2]
        root = Path(self.directory)
        folders = sorted(page.parent.relative_to(root).as_posix() for page in root.rglob("index.html"))
        urls = [f"http://{host}:{port}/" + ("" if folder == "." else f"{folder}/") for folder in folders]
        body = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
        data = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.end_headers()
        self.wfile.write(data.encode("utf-8"))

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free local port; yields the base URL (ending in /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium; Playwright never downloads a browser here."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM))


@dataclass
class Watch:
    """What a browser context did that a self-contained, error-free site must not do."""

    base: str
    foreign: list[str] = field(default_factory=list)  # requests to other hosts (all refused)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def watch(self, page: Page) -> None:
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


OpenPage = Callable[..., tuple[Page, Watch]]  # open_page fixture: (width, page type to show, touch=) -> page, watch


def new_context(browser: Browser, base: str, width: int, touch: bool = False) -> tuple[BrowserContext, Watch]:
    """A fresh context (empty localStorage) whose pages are watched by the returned :class:`Watch`;
    ``touch`` emulates a phone's touch screen (no hover)."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, locale="zh-CN", has_touch=touch, is_mobile=touch
    )
    watch = Watch(base)
    context.route("**/*", watch.route)
    context.on("page", watch.watch)
    return context, watch


def visit(page: Page, base: str, path: str) -> None:
    """Open a page and wait until Material has set it up (``document$`` emitted, header button added)."""
    page.goto(base + path, wait_until="load")
    page.wait_for_selector("#gk-mode-toggle", state="attached")


def show(page: Page, base: str, name: str) -> None:
    """Open a page type of :data:`ALL_PAGE_TYPES` with all its charts loaded (or the search results)."""
    if name == SEARCH_PAGE:
        visit(page, base, PAGE_TYPES["home"])
        open_search(page)
        search(page, SEARCH_EXAMPLE)
    else:
        visit(page, base, PAGE_TYPES[name])
        load_all_charts(page)


def load_all_charts(page: Page) -> None:
    """Charts are lazy images: scroll each into view and wait until it has decoded."""
    for image in page.locator("figure.gk-chart img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('figure.gk-chart img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    page.evaluate("window.scrollTo(0, 0)")


def open_search(page: Page) -> None:
    """Open the search dialog (an icon button on phones, a box on wide screens) once the index is ready."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").click()
    page.wait_for_function(
        "(() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !m.textContent.includes('初始化'); })()"
    )
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")  # slide-in


def _send(page: Page, text: str, meta: str) -> None:
    """Put ``text`` in the search box the way the search script notices it, then wait until the results
    shown are this text's and the result line matches ``meta`` (a regular expression)."""
    box = page.locator("input.md-search__input")
    box.fill(text)
    box.dispatch_event("input")
    box.dispatch_event("keyup")
    page.wait_for_function(
        "([text, meta]) => document.querySelector('.md-search-result__list').dataset.gkQuery === text.trim()"
        " && new RegExp(meta).test(document.querySelector('.md-search-result__meta').textContent)",
        arg=[text, meta],
    )


def search(page: Page, query: str) -> list[str]:
    """Run a query in the open search dialog; returns the result pages' paths, best first.

    ``keyboard.type`` of Chinese triggers no search, so the box is filled and sent the events the search
    script listens to.  The box is cleared first so the results read are this query's, not the previous one's."""
    _send(page, "", "键入以开始搜索")
    _send(page, query, "符合条件的结果|没有找到")
    return _listed(page)


def _listed(page: Page) -> list[str]:
    """The paths of the result pages listed, in order."""
    hrefs: list[str] = page.eval_on_selector_all(
        "li.md-search-result__item > a:first-child", "links => links.map(a => new URL(a.href).pathname)"
    )
    return hrefs


def follow_first_result(page: Page) -> str:
    """Tap the first result listed; wait until its page marks the query's words and has scrolled to the section
    the result names.  Returns that section's id."""
    href: str = page.eval_on_selector("li.md-search-result__item a", "a => a.getAttribute('href')")
    page.locator("li.md-search-result__item a").first.click()
    page.wait_for_selector("article mark[data-gk-highlight]")
    section = href.split("#", 1)[1]
    page.wait_for_function(
        "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < window.innerHeight; }",
        arg=section,
    )
    return section


def search_all(page: Page, query: str) -> list[str]:
    """:func:`search`, then 「显示更多结果」 until every result is listed; all the result pages' paths."""
    search(page, query)
    more = page.locator(".gk-search-more")
    while more.is_visible():
        listed = page.locator("li.md-search-result__item").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('li.md-search-result__item').length > n", arg=listed)
    return _listed(page)


def rendering_fonts(page: Page, selector: str) -> dict[str, set[str]]:
    """The fonts Chromium actually drew each matching element's text with (text -> font families).

    A character no font has would be drawn as a box by a fallback font, so a CJK family here means the
    Chinese text rendered."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    fonts: dict[str, set[str]] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        text = cdp.send("DOM.resolveNode", {"nodeId": node})["object"]
        content = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": text["objectId"],
                "functionDeclaration": "function () { return this.textContent; }",
                "returnByValue": True,
            },
        )
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        fonts.setdefault(content["result"]["value"], set()).update(font["familyName"] for font in used)
    cdp.detach()
    return fonts
