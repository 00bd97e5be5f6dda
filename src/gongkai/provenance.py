"""Where a disclosure page's figures come from, as a reader sees it: the official original (link, publisher,
date, file and hash) under the page title, and under each table the pages of the original it is printed on.

Nothing is guessed: what ``disclosure.yaml`` does not record is said to be unrecorded (登记), never filled in.
"""

from __future__ import annotations

from gongkai.glossary import escape
from gongkai.models import Disclosure, Table


def original(d: Disclosure) -> str:
    """「原文：《…》（发布：…；公开日期：…）」 with the link to the original where its address is recorded,
    then the file name and its SHA-256 (for checking that a copy is the file published)."""
    source = d.source
    title = f"《{escape(source.title)}》"
    if source.url:
        title = f'<a class="gk-original__link" href="{escape(source.url)}" rel="external noopener">{title}</a>'
    facts = [f"发布：{escape(source.publisher)}"] if source.publisher else []
    facts.append(f"公开日期：{escape(d.published)}" if d.published else "公开日期未登记")
    if not source.url:
        facts.append("网上地址未登记")
    file = ""
    if source.file:
        digest = f" · SHA-256 <code>{source.sha256}</code>" if source.sha256 else ""
        file = f'<span class="gk-original__file">文件 {escape(source.file)}{digest}</span>'
    return f'<p class="gk-original"><strong>原文</strong>：{title}（{"；".join(facts)}）{file}</p>'


def table_source(table: Table) -> str:
    """The line under a published table: the pages of the original it is printed on, and its data file."""
    pages = "、".join(table.pages)
    printed = f"原文{table.label}，第{pages}页；" if pages else ""
    return f'<p class="gk-source">数据来源：{escape(printed)}数据文件 {escape(table.file)}</p>'
