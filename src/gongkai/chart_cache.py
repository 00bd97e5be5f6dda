"""The SVG cache of charts: one file per chart, named by a hash of its data and of the renderer.

A chart's SVG depends only on its :class:`~gongkai.charts.ChartData` and on the code and libraries
that draw it, so the cache can be shared by several projects, shards and builds running at once
(``gongkai build --chart-cache DIR``).  Entries are written whole (a temporary sibling renamed over
the entry), and an entry that is not a complete SVG — empty, cut short by a crash or a full disk —
is treated as missing and drawn again.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from gongkai import charts
from gongkai.build_cache import store_atomically

DEFAULT_FOLDER = Path(".gongkai") / "svg-cache"  # under the project, unless --chart-cache names another


@functools.cache
def renderer_fingerprint() -> str:
    """What else decides a chart's SVG besides its data: the chart code and the libraries' versions."""
    versions = " ".join(metadata.version(name) for name in ("altair", "vl-convert-python"))
    return hashlib.sha256(Path(charts.__file__).read_bytes() + versions.encode()).hexdigest()


def chart_key(chart: charts.ChartData) -> str:
    """The cache key of one chart (its file name without ``.svg``)."""
    return hashlib.sha256(f"{renderer_fingerprint()}{chart!r}".encode()).hexdigest()


def is_complete_svg(data: bytes) -> bool:
    """Whether ``data`` is a whole SVG document as the renderer writes it (not empty, not cut short)."""
    return data.lstrip().startswith(b"<svg") and data.rstrip().endswith(b"</svg>")


class ChartCache:
    """SVGs by chart key in one folder, safe to share between processes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.svg"

    def get(self, key: str) -> bytes | None:
        """The cached SVG, or ``None`` when there is none or the entry is not a complete SVG."""
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        return data if is_complete_svg(data) else None

    def put(self, key: str, svg: bytes) -> None:
        """Store ``svg`` atomically: readers see the old entry, nothing, or the whole new one."""
        store_atomically(self.folder, self._path(key).name, svg)
