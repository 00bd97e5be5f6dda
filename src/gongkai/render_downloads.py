"""The downloads of a disclosure as HTML: on its page, and on the site-wide 下载数据 page (``/xiazai/``)."""

from __future__ import annotations

from collections.abc import Iterable

import jinja2

from gongkai.downloads import Download, Downloads, size_text
from gongkai.markup import html

DOWNLOADS_PAGE = "xiazai/"  # the site-wide 下载数据 page


def _entries(items: Iterable[Download]) -> list[tuple[Download, str]]:
    return [(item, size_text(item.size)) for item in items]


def download_item(env: jinja2.Environment, item: Download, prefix: str = "") -> str:
    """One download: its link (``prefix`` leads from the page to the disclosure's), format and size."""
    return str(html(env, "downloads").items(_entries([item]), prefix))


def downloads_section(env: jinja2.Environment, downloads: Downloads) -> str:
    """The workbook, the zip and the descriptor first, then each data file with its Chinese title."""
    return str(
        html(env, "downloads").section(
            _entries(downloads.bundles), _entries(downloads.data), f"{'../' * 3}{DOWNLOADS_PAGE}"
        )
    )
