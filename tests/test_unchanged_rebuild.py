"""Nothing rebuilt that did not change: a build whose inputs are unchanged is skipped whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from conftest import copy_project
from gongkai import search_index, site
from gongkai.build import Paths
from gongkai.cli import main
from gongkai.diagnostics import BuildFailed

pytestmark = pytest.mark.e2e  # builds the sample site


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Paths, list[Path]]:
    """The one-disclosure project, with MkDocs replaced by a stand-in that records its runs (and no search index)."""
    paths = copy_project(tmp_path / "project", copy_base(tmp_path))
    runs: list[Path] = []

    def mkdocs(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
        runs.append(site_dir)
        (site_dir / "index.html").write_text(f"site {len(runs)}", encoding="utf-8")

    monkeypatch.setattr(site, "mkdocs_build", mkdocs)
    monkeypatch.setattr(search_index, "index_site", lambda staged, project: None)
    return paths, runs


def _build(paths: Paths, *extra: str) -> int:
    return main(["build", "--project", str(paths.project), "--no-progress", *extra])


def test_an_unchanged_rebuild_skips_everything_and_leaves_build_as_it_was(
    project: tuple[Paths, list[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    paths, runs = project
    assert _build(paths) == 0 and len(runs) == 1
    before, content = _snapshot(paths.build), _snapshot(paths.content)
    capsys.readouterr()
    assert _build(paths) == 0 and len(runs) == 1
    out = capsys.readouterr().out
    assert "都没有改变" in out and "1 份公开" in out
    assert _snapshot(paths.build) == before and _snapshot(paths.content) == content


def test_a_changed_input_or_force_or_a_missing_build_folder_builds_again(
    project: tuple[Paths, list[Path]],
) -> None:
    paths, runs = project
    assert _build(paths) == 0 and len(runs) == 1
    disclosure = paths.data / DISCLOSURE / "disclosure.yaml"
    disclosure.write_bytes(disclosure.read_bytes() + b"\n# a comment changes the bytes\n")
    assert _build(paths) == 0 and len(runs) == 2
    override = paths.project / "site_templates" / "assets" / "gongkai.css"  # the project replaces gongkai's CSS
    override.parent.mkdir(parents=True)
    override.write_text("/* changed */", encoding="utf-8")
    assert _build(paths) == 0 and len(runs) == 3
    assert _build(paths, "--force") == 0 and len(runs) == 4
    if paths.build.is_symlink():  # build/ is a link to the published version
        paths.build.unlink()
    else:
        shutil.rmtree(paths.build)
    assert _build(paths) == 0 and len(runs) == 5
    assert _build(paths) == 0 and len(runs) == 5


def test_a_failed_build_leaves_the_record_of_the_published_site(
    project: tuple[Paths, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record describes build/, which a failed build does not touch."""
    paths, runs = project
    assert _build(paths) == 0
    disclosure = paths.data / DISCLOSURE / "disclosure.yaml"
    good = disclosure.read_bytes()
    disclosure.write_text("title: [\n", encoding="utf-8")
    assert _build(paths) == 1
    disclosure.write_bytes(good)  # back to the inputs of the published site: nothing to do
    assert _build(paths) == 0 and len(runs) == 1
    disclosure.write_bytes(good + b"\n")

    def failing(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
        raise BuildFailed("模拟的 MkDocs 失败")

    monkeypatch.setattr(site, "mkdocs_build", failing)
    assert _build(paths) == 3
    assert (paths.build / "index.html").read_text(encoding="utf-8") == "site 1"


def test_another_pagefind_binary_or_the_shard_layout_builds_again(
    project: tuple[Paths, list[Path]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths, runs = project
    binary = tmp_path / "pagefind_extended"
    binary.write_bytes(b"pagefind 1.6.0")
    monkeypatch.setenv("GONGKAI_PAGEFIND", str(binary))
    assert _build(paths) == 0 and len(runs) == 1
    binary.write_bytes(b"pagefind 1.6.1")  # the index it writes may differ
    assert _build(paths) == 0 and len(runs) == 2
    sharded = ("--shard-by", "region", "--workers", "1")
    assert _build(paths, *sharded) == 0 and len(runs) == 4  # the region's shard and the top site
    assert _build(paths, *sharded) == 0 and len(runs) == 4
