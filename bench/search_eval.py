"""Measure the site's search (Pagefind, built by gongkai build into SITE_DIR/pagefind/).

    python bench/search_eval.py SITE_DIR [--out bench/search.json] [--no-indexing]

- **Recall** per query: the pages Pagefind returns (all results, through its JS API) against the ground
  truth, the pages whose indexed text contains the query (a grep of each built page's article without the
  parts gongkai leaves out of the index, ``gongkai.search_index.NOT_INDEXED``).
- **Download**: the bytes Chromium fetches from ``pagefind/`` when a reader uses the search box (the
  first query in a fresh tab: Pagefind's script, WebAssembly, metadata, index chunks and the fragments of
  the results shown; then later queries in the same tab; then opening 「筛选」, which loads the filters'
  index), gzip level 6 of each file.
- **Indexing**: time and peak memory of one Pagefind run over the site (``--no-indexing``: not measured, to
  spare a loaded machine a second run over a large site).

Run on its own it also records when and under what load it ran (the machine is often shared), and the
download of each query in the order asked.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from playwright.sync_api import Page, sync_playwright
from weight import gz  # bench/ is on the path when this script runs

from gongkai.search_index import NOT_INDEXED, ROOT, index_site, pagefind_binary

QUERIES = (
    "拨款",
    "三公",
    "三公经费",
    "信访",
    "信访事务",
    "事务",
    "基本支出",
    "住房公积金",
    "遗属",
    "公用经费",
    "政府采购",
    "机关运行经费",
    "执行率",
    "2010308",
    "30201",
)
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
# elements whose text Pagefind keeps apart from the text around them: a table cell's 30201 is not the end of one
# number and the start of the next
BLOCKS = {"p", "div", "li", "td", "th", "tr", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "section", "figure", "br"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = [(s.split(".")[0], s.split(".")[1]) for s in NOT_INDEXED] + [("", "gk-index")]  # (tag, class)


class _IndexedText(HTMLParser):
    """The text of an article without the elements Pagefind is told to leave out (and the hidden index text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open tags while inside a skipped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or any((not t or t == tag) and c in classes for t, c in SKIPPED):
            self.skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")
        if self.skip and tag not in VOID:
            self.skip.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_texts(site: Path) -> dict[str, str]:
    """Page URL path ("/a/b/") -> the text Pagefind indexes of it."""
    texts = {}
    for path in sorted(site.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        found = ARTICLE.search(path.read_text(encoding="utf-8"))
        if found:
            parser = _IndexedText()
            parser.feed(found.group(1))
            folder = path.parent.relative_to(site).as_posix()
            texts["/" if folder == "." else f"/{folder}/"] = html.unescape("".join(parser.parts))
    return texts


def serve(site: Path) -> ThreadingHTTPServer:
    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


ALL_RESULTS = """async (q) => {
  const pf = await import('/pagefind/pagefind.js');
  const r = await pf.search(q);
  return (await Promise.all(r.results.map(x => x.data()))).map(d => d.url);
}"""


def _ask(tab: Page, query: str) -> None:
    """Type a query into the search box as a reader does and wait until its results are shown."""
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("input")
    box.dispatch_event("keyup")
    tab.wait_for_function(
        "q => document.querySelector('.md-search-result__list').dataset.gkQuery === q && "
        "/符合条件的结果|没有找到/.test(document.querySelector('.md-search-result__meta').textContent)",
        arg=query,
    )


def measure_browser(site: Path) -> dict[str, Any]:
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    downloads: list[int] = []
    first_files: dict[str, int] = {}  # what the first query fetched, gzip bytes by kind of file
    found: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        requested: list[str] = []  # every request, the search worker's included
        context.on("request", lambda request: requested.append(request.url))
        context.set_default_timeout(180_000)  # a shared, loaded machine
        tab = context.new_page()
        tab.goto(f"{base}/")
        tab.locator("input.md-search__input").click()
        for query in QUERIES:
            _ask(tab, query)
            files = {site / unquote(urlparse(u).path).lstrip("/") for u in requested if "/pagefind/" in u}
            downloads.append(sum(gz(f) for f in files if f.is_file()))
            for f in files if not first_files else ():
                kind = f.parent.name if f.parent.name != "pagefind" else f.name.split(".")[-1]
                first_files[kind] = first_files.get(kind, 0) + (gz(f) if f.is_file() else 0)
            requested.clear()
        tab.locator(".gk-search-filters-box summary").click()
        tab.wait_for_function(
            "() => [...document.querySelectorAll('.gk-search-filters option')].some(o => /（\\d+）/.test(o.textContent))"
        )
        filters = sum(
            gz(site / unquote(urlparse(u).path).lstrip("/")) for u in set(requested) if "/pagefind/filter/" in u
        )
        recall_tab = browser.new_context().new_page()
        recall_tab.goto(f"{base}/")
        for query in QUERIES:
            found[query] = recall_tab.evaluate(ALL_RESULTS, query)
        browser.close()
    server.shutdown()
    return {"downloads": downloads, "first_files": first_files, "filters": filters, "found": found}


def measure_indexing(site: Path) -> dict[str, float]:
    """One Pagefind run over the site into a scratch folder: seconds and the peak RSS of the run."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        subprocess.run(["cp", "-r", str(site.resolve()), str(copy)], check=True)  # build/ is a link
        start = time.perf_counter()
        index_site(copy, site)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def evaluate(site: Path, indexing_run: bool = True) -> dict[str, Any]:
    texts = page_texts(site)
    indexing = measure_indexing(site) if indexing_run else None
    browser = measure_browser(site)
    recall: dict[str, Any] = {}
    for query in QUERIES:
        truth = {page for page, text in texts.items() if query in text}
        hits = set(browser["found"][query])
        recall[query] = {
            "pages_with_text": len(truth),
            "found": len(hits & truth),
            "recall": len(hits & truth) / len(truth) if truth else 1.0,
            "missed": sorted(truth - hits)[:5],
        }
    downloads = browser["downloads"]
    later = sorted(downloads[1:])
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "pagefind": subprocess.run(
            [str(pagefind_binary(site)), "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "root": ROOT,
        "pages": len(texts),
        "recall": recall,
        "recall_min": min(r["recall"] for r in recall.values()),
        "bundle": {"files": len(bundle), "bytes": sum(p.stat().st_size for p in bundle)},
        "downloads_gzip_bytes": dict(zip(QUERIES, downloads, strict=True)),  # the first query's, then later ones
        "first_search_gzip_bytes": downloads[0],
        "first_search_gzip_bytes_by_kind": browser["first_files"],
        "later_search_median_gzip_bytes": later[len(later) // 2] if later else 0,
        "later_search_max_gzip_bytes": max(later, default=0),
        "opening_filters_gzip_bytes": browser["filters"],  # the filters' index, loaded when 「筛选」 is opened
        "indexing": indexing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("search.json"))
    parser.add_argument("--no-indexing", action="store_true", help="do not time a second Pagefind run")
    args = parser.parse_args()
    started = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_average": os.getloadavg()}
    result = {
        **evaluate(args.site.resolve(), not args.no_indexing),
        "run": {**started, "load_average_at_end": os.getloadavg()},
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.exit(0)


if __name__ == "__main__":
    main()
