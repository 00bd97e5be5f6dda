"""gongkai installed with pip (not run from its checkout) builds a site from a folder holding only data/:
its templates, theme and MkDocs config come with the package; the project's site_templates/ replaces
them file by file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.search_index import pagefind_binary

PROJECT = Path(__file__).resolve().parents[1]
DISCLOSURE = "shanxi-changzhi-xiangyuan"  # one region of the sample data keeps the build short
OWN_CSS = "/* the project's own stylesheet */\n"
OWN_404 = '{% extends "main.html" %}\n{% block content %}<h1>本站自己的找不到页面</h1>{% endblock %}\n'


def _install(tmp_path: Path) -> Path:
    """pip-install gongkai from a copy of its sources into a folder (offline: the libraries it needs
    are the running interpreter's); the folder to put on the path."""
    source = tmp_path / "source"
    shutil.copytree(PROJECT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    target = tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps"]
    options = ["--no-build-isolation", "--no-index", "--target", str(target), str(source)]
    subprocess.run([*pip, *options], check=True, capture_output=True)
    return target


def _data_only_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    data = project / "data"
    shutil.copytree(PROJECT / "data", data, ignore=shutil.ignore_patterns("disclosures"))
    shutil.copytree(PROJECT / "data" / "disclosures" / DISCLOSURE, data / "disclosures" / DISCLOSURE)
    return project


@pytest.mark.e2e
def test_an_installed_gongkai_builds_a_site_from_a_data_folder_with_the_projects_overrides(tmp_path: Path) -> None:
    target = _install(tmp_path)
    assert (target / "gongkai" / "site_templates" / "mkdocs.yml").is_file()
    assert (target / "gongkai" / "py.typed").is_file()
    project = _data_only_project(tmp_path)
    own = project / "site_templates"
    (own / "assets").mkdir(parents=True)
    (own / "assets" / "gongkai.css").write_text(OWN_CSS, encoding="utf-8")
    (own / "overrides").mkdir()
    (own / "overrides" / "404.html").write_text(OWN_404, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target), "GONGKAI_PAGEFIND": str(pagefind_binary(PROJECT))}
    script = "import sys, gongkai; from gongkai.cli import main; print(gongkai.__file__); sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", script, "build"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(target / "gongkai")), "gongkai ran from its checkout, not the installed copy"
    site = project / "build"
    assert (site / "index.html").is_file() and (site / "pagefind").is_dir()
    assert (site / "assets" / "gongkai.js").is_file()  # gongkai's own, not replaced
    assert (site / "assets" / "gongkai.css").read_text(encoding="utf-8") == OWN_CSS
    assert "本站自己的找不到页面" in (site / "404.html").read_text(encoding="utf-8")
    assert "预决算" in (site / "index.html").read_text(encoding="utf-8")
