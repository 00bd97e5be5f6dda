"""What a reader downloads: one page's weight (the search's downloads: bench/search_eval.py).

Sizes are gzip (level 6, what web servers send by default) of each file, summed.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

REFERENCE = re.compile(r'<(?:link[^>]*?href|script[^>]*?src|img[^>]*?src)="([^"#?]+)[^"]*"')
SEARCH_PARTS = re.compile(r"pagefind/")  # loaded only when the reader searches


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _local(site: Path, page_url: str, ref: str) -> Path | None:
    if urlparse(ref).scheme or ref.startswith("//"):
        return None
    path = site / urlparse(urljoin(page_url, ref)).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def page_weight(site: Path, page_url: str) -> dict[str, object]:
    """HTML + CSS + JS + images (SVG charts) of one page, gzipped; search files excluded."""
    html_path = site / page_url / "index.html"
    html = html_path.read_text(encoding="utf-8")
    files: dict[str, int] = {page_url + "index.html": gz(html_path)}
    for ref in sorted(set(REFERENCE.findall(html))):
        path = _local(site, "/" + page_url, ref)
        if path is not None and path.suffix in {".css", ".js", ".svg", ".png", ".jpg"} and not SEARCH_PARTS.search(ref):
            files[path.relative_to(site).as_posix()] = gz(path)
    by_kind: dict[str, int] = {}
    for name, size in files.items():
        kind = Path(name).suffix.lstrip(".")
        by_kind[kind] = by_kind.get(kind, 0) + size
    inline_svg = html.count("<svg")
    return {"page": page_url, "gzip_bytes": sum(files.values()), "by_kind": by_kind, "inline_svgs": inline_svg}
