"""Where a disclosure page's figures come from, as a reader sees it: the official original (link, publisher,
date, file and hash) under the page title, and under each table the pages of the original it is printed on.

Nothing is guessed: what ``disclosure.yaml`` does not record is said to be unrecorded (登记), never filled in.
"""

from __future__ import annotations

import jinja2

from gongkai.markup import html
from gongkai.models import Disclosure, Table


def original(env: jinja2.Environment, d: Disclosure) -> str:
    """「原文：《…》（发布：…；公开日期：…）」 with the link to the original where its address is recorded,
    then the file name and its SHA-256 (for checking that a copy is the file published)."""
    return str(html(env, "provenance").original(d.source, d.published))


def table_source(env: jinja2.Environment, table: Table) -> str:
    """The line under a published table: the pages of the original it is printed on, and its data file."""
    return str(html(env, "provenance").table_source(table, "、".join(table.pages)))
