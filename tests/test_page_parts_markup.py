"""The page modules and page parts keep their HTML in autoescaped templates (``site_templates/pages/macros/``),
not in Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import gongkai

TAG = re.compile(r"</?[a-z][a-z0-9]*[\s>/]")
PAGE_PARTS = (
    *("markup", "table_html", "performance_html", "spending", "provenance", "render_downloads", "browse_html"),
    "money",
)
PAGES = (
    *("render_site", "render_checks", "render_budget", "render_disclosure", "render_compare"),
    *("render_quality", "render_browse", "render_unit"),
)


def _strings(tree: ast.Module) -> list[tuple[int, str]]:
    """Every string constant but docstrings, with its line."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_page_or_page_part_writes_an_html_tag_in_python() -> None:
    folder = Path(gongkai.__file__).parent
    tags = [
        f"{name}.py:{line}: {text!r}"
        for name in PAGE_PARTS + PAGES
        for line, text in _strings(ast.parse((folder / f"{name}.py").read_text(encoding="utf-8")))
        if TAG.search(text)
    ]
    assert not tags
