"""The page modules and page parts keep their HTML in autoescaped templates (``site_templates/pages/macros/``),
not in Python, and a project's own ``site_templates/`` replaces them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import gongkai
from bad_inputs import copy_base
from conftest import copy_project
from gongkai.build import Progress, generate
from gongkai.theme import OVERRIDE, PACKAGED

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


@pytest.mark.e2e  # renders every page of a site
def test_a_projects_site_templates_replace_a_page_parts_macros(tmp_path: Path) -> None:
    paths = copy_project(tmp_path / "project", copy_base(tmp_path / "source"))
    rel = "pages/macros/table.html.j2"  # a page part's macros (table_html.py), used inside other page parts too
    packaged = (PACKAGED / rel).read_text(encoding="utf-8")
    own = packaged.replace('class="gk-table-wrap"', 'class="gk-table-wrap gk-own"')
    assert own != packaged
    (paths.project / OVERRIDE / rel).parent.mkdir(parents=True)
    (paths.project / OVERRIDE / rel).write_text(own, encoding="utf-8")
    result = generate(paths, Progress(False))
    page = result.files[f"{result.corpus.disclosures[0].url}index.md"].decode("utf-8")
    assert page.count('class="gk-table-wrap gk-own"') == page.count('class="gk-table-wrap')
    assert page.count("gk-own") > 0
