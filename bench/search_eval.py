"""Compare Material's built-in search with a Pagefind (extended: Chinese segmentation) index of the same site.

    python bench/search_eval.py SITE_DIR [--pagefind PYTHON] [--out bench/search.json]

``PYTHON`` is an interpreter with ``pagefind[extended]`` installed (kept out of the project's
dependencies until the site switches).  For each query of the foundation's Chinese search tests it
reports recall against the pages whose article text contains the query, and, for Pagefind, the
bytes Chromium downloads (gzip) for a first and a second search (entry, wasm, index chunks, the
five result fragments the UI shows).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright
from weight import gz  # bench/ is on the path when this script runs

QUERIES = ("拨款", "三公", "三公经费", "信访", "事务", "基本", "住房", "遗属", "公用经费", "政府采购", "执行率")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def page_texts(site: Path) -> dict[str, str]:
    """Page path ("a/b/") -> the article's plain text."""
    texts = {}
    for path in sorted(site.rglob("index.html")):
        found = ARTICLE.search(path.read_text(encoding="utf-8"))
        if found:
            page = path.parent.relative_to(site).as_posix()
            texts["" if page == "." else page + "/"] = html.unescape(TAG.sub("", found.group(1)))
    return texts


def material_sections(site: Path) -> list[tuple[str, set[str]]]:
    """(page, tokens) for each section of Material's index (text and title split where it segmented)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [
        (doc["location"].split("#")[0], set(re.split("[\u200b\\s]+", doc["text"] + " " + doc["title"])))
        for doc in index["docs"]
    ]


def material_hits(sections: list[tuple[str, set[str]]], query: str) -> set[str]:
    """Pages with a section holding the query as a token, or all its two-character parts (what lunr matches)."""
    parts = re.split("(?<=..)(?=..)", query)
    return {page for page, tokens in sections if query in tokens or all(part in tokens for part in parts)}


def run_pagefind(python: str, site: Path, out: Path) -> None:
    command = [python, "-m", "pagefind", "--site", str(site), "--output-path", str(out)]
    command += ["--root-selector", "article.md-content__inner", "--force-language", "zh"]
    subprocess.run(command, check=True, capture_output=True)


def serve(site: Path, bundle: Path) -> ThreadingHTTPServer:
    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            clean = urlparse(path).path
            if clean.startswith("/pagefind/"):
                return str(bundle / clean.removeprefix("/pagefind/"))
            return str(site / clean.lstrip("/"))

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


SEARCH_JS = """async ([q, all]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({excerptLength: 30});
  const r = await pf.search(q);
  const shown = await Promise.all(r.results.slice(0, all ? r.results.length : 5).map(x => x.data()));
  return shown.map(d => d.url);
}"""


def pagefind_measure(site: Path, bundle: Path, page: str) -> dict[str, Any]:
    """Bytes per search as a reader sees them (results list + the first five fragments, in one tab,
    queries in turn), then in a fresh tab every result's page for recall."""
    server = serve(site, bundle)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results: dict[str, Any] = {"queries": {}, "downloads": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context()
        requested: list[str] = []  # every request, the search worker's included
        context.on("request", lambda request: requested.append(request.url))
        tab = context.new_page()
        tab.goto(f"{base}/{page}")
        for query in QUERIES:
            requested.clear()
            tab.evaluate(SEARCH_JS, [query, False])
            files = [bundle / urlparse(u).path.removeprefix("/pagefind/") for u in requested if "/pagefind/" in u]
            results["downloads"].append(sum(gz(f) for f in files if f.is_file()))
        recall_tab = browser.new_context().new_page()
        recall_tab.goto(f"{base}/{page}")
        for query in QUERIES:
            pages = recall_tab.evaluate(SEARCH_JS, [query, True])
            results["queries"][query] = sorted({u.lstrip("/") for u in pages})
        browser.close()
    server.shutdown()
    return results


def evaluate(site: Path, python: str) -> dict[str, Any]:
    texts = page_texts(site)
    page = next(p for p in sorted(texts) if p.endswith("-juesuan/"))
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "pagefind"
        run_pagefind(python, site, bundle)
        found = pagefind_measure(site, bundle, page)
        files = [p for p in bundle.rglob("*") if p.is_file()]
        bundle_size = {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    recall: dict[str, Any] = {}
    sections = material_sections(site)
    for query in QUERIES:
        truth = {p for p, text in texts.items() if query in text}
        material, pagefind = material_hits(sections, query) & set(texts), set(found["queries"][query])
        recall[query] = {
            "pages_with_text": len(truth),
            "material_found": len(material & truth),
            "pagefind_found": len(pagefind & truth),
        }
    downloads = found["downloads"]
    return {
        "pages": len(texts),
        "recall": recall,
        "pagefind_bundle": bundle_size,
        "pagefind_first_search_gzip_bytes": downloads[0],
        "pagefind_later_search_gzip_bytes": sorted(downloads[1:])[len(downloads[1:]) // 2] if downloads[1:] else 0,
        "pagefind_later_search_max_gzip_bytes": max(downloads[1:], default=0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--pagefind", default=sys.executable, help="python with pagefind[extended] installed")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("search.json"))
    args = parser.parse_args()
    result = evaluate(args.site.resolve(), args.pagefind)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
