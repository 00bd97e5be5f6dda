"""Where a disclosure page's figures come from, as a reader sees it: the official original (link, publisher,
date, file and hash) under the page title, and under each table the pages of the original it is printed on.

Nothing is guessed: what ``disclosure.yaml`` does not record is said to be unrecorded (登记), never filled in.
"""

from __future__ import annotations

from typing import Any

from gongkai.markup import packaged_html
from gongkai.models import Disclosure, Table


def _macros() -> Any:
    return packaged_html("provenance")


def original(d: Disclosure) -> str:
    """「原文：《…》（发布：…；公开日期：…）」 with the link to the original where its address is recorded,
    then the file name and its SHA-256 (for checking that a copy is the file published)."""
    return str(_macros().original(d.source, d.published))


def table_source(table: Table) -> str:
    """The line under a published table: the pages of the original it is printed on, and its data file."""
    return str(_macros().table_source(table, "、".join(table.pages)))
