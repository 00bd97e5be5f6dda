"""Every internal link of the built sample site resolves: the page or file exists and so does the anchor.

MkDocs validates Markdown links only; the pages carry many links in raw HTML (table cells, findings,
glossary terms), which this crawl checks after the build.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from conftest import BuiltSite

pytestmark = pytest.mark.e2e

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        target = values.get(LINK_ATTRIBUTES.get(tag, ""))
        if target:
            self.links.append(target)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(build: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at (None for other hosts and non-file schemes)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = PurePosixPath(page.relative_to(build).as_posix()).parent
    resolved = build / (PurePosixPath(path[1:]) if path.startswith("/") else base / path)
    resolved = Path(str(resolved))
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved.resolve(), parts.fragment


def crawl(build: Path) -> tuple[list[str], int]:
    """Every internal link of the site in ``build`` followed: the broken ones, and the anchors checked."""
    build = build.resolve()
    pages = sorted(build.rglob("*.html"))
    assert len(pages) > 20
    parsed: dict[Path, _Page] = {}
    broken: list[str] = []
    anchors_checked = 0
    for page in pages:
        for href in (parsed.setdefault(page, _parse(page))).links:
            found = _target(build, page, href)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(build)}: {href} (没有这个文件)")
                continue
            if fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, _parse(target)).ids
                anchors_checked += 1
                if unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(build)}: {href} (没有这个锚点)")
    return sorted(set(broken)), anchors_checked


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site: BuiltSite) -> None:
    broken, anchors_checked = crawl(built_site.paths.build)
    assert broken == [], "\n".join(broken[:40])
    assert anchors_checked > 1000  # cells, findings, terms: the crawl really followed the pages' anchors
