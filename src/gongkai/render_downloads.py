"""The downloads of a disclosure as HTML: on its page, and on the site-wide 下载数据 page (``/xiazai/``)."""

from __future__ import annotations

from gongkai.downloads import Download, Downloads, size_text
from gongkai.glossary import escape

DOWNLOADS_PAGE = "xiazai/"  # the site-wide 下载数据 page


def download_item(item: Download, prefix: str = "") -> str:
    """One download: its link (``prefix`` leads from the page to the disclosure's), format and size."""
    return (
        f'<li><a href="{prefix}{escape(item.href)}" download>{escape(item.title)}</a>'
        f' <span class="gk-meta gk-size">{escape(item.kind)} · {size_text(item.size)}</span></li>'
    )


def downloads_section(downloads: Downloads) -> str:
    """The workbook, the zip and the descriptor first, then each data file with its Chinese title."""
    return (
        '<div class="gk-downloads"><p>本公开的全部数据（数字均按原文照录）：</p>'
        f'<ul class="gk-download-main">{"".join(map(download_item, downloads.bundles))}</ul>'
        "<p>单个文件（CSV 表格为 UTF-8 编码并带 BOM，Excel 可直接打开；YAML 为文字和元数据）：</p>"
        f"<ul>{''.join(map(download_item, downloads.data))}</ul>"
        f'<p class="gk-meta">全站的下载见<a href="{"../" * 3}{DOWNLOADS_PAGE}">下载数据</a>页；'
        "格式说明见其中的「文件格式」。</p></div>"
    )
