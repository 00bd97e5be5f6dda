"""A rebuild does again only what changed: each disclosure's load, checks, pages and download files come from
the build cache (.gongkai/build-cache/) unless one of their inputs changed, and the content is then the same
bytes as a build without the cache."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from conftest import copy_project, snapshot
from gongkai import build_cache
from gongkai.build import BuildResult, Paths, Progress, build_site
from gongkai.build_cache import BuildCache

pytestmark = pytest.mark.e2e

XIANGYUAN = "disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
PAGE = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan/index.md"


@pytest.fixture(scope="module")
def chart_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("svg-cache")  # charts drawn once for the module


def _project(root: Path, chart_cache: Path, data: Path | None = None) -> Paths:
    return dataclasses.replace(copy_project(root, data), chart_cache=chart_cache)


def _generate(paths: Paths) -> BuildResult:
    return build_site(paths, Progress(False), mkdocs=False)


def _entries(paths: Paths) -> set[str]:
    return {p.name for p in (paths.project / build_cache.FOLDER).iterdir()}


def _kinds(entries: set[str]) -> Counter[str]:
    return Counter(name.rsplit("-", 1)[0] for name in entries)


def test_a_rebuild_of_unchanged_data_takes_everything_from_the_cache_and_writes_the_same_content(
    tmp_path: Path, chart_cache: Path
) -> None:
    paths = _project(tmp_path / "project", chart_cache)
    _generate(paths)
    content, entries = snapshot(paths.content), _entries(paths)
    assert _kinds(entries)["disclosure"] == 6 and _kinds(entries)["disclosure-files"] == 6
    _generate(paths)
    assert _entries(paths) == entries  # nothing computed again
    assert snapshot(paths.content) == content


def test_changing_one_figure_rechecks_that_disclosure_and_changes_its_page_as_a_build_without_cache_would(
    tmp_path: Path, chart_cache: Path
) -> None:
    paths = _project(tmp_path / "project", chart_cache)
    before = _generate(paths)
    page, entries = (paths.content / PAGE).read_bytes(), _entries(paths)
    table = paths.data / XIANGYUAN / "tables" / "gongkai01.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("收入,233.67", "收入,243.67", 1), encoding="utf-8")
    after = _generate(paths)
    new = _kinds(_entries(paths) - entries)
    # that disclosure alone loaded, checked, packed and rendered again (its unit has no other disclosure)
    assert (new["disclosure"], new["checks"], new["downloads"], new["disclosure-files"]) == (1, 1, 1, 1)
    folder = f"data/{XIANGYUAN}"
    codes = {f.code for f in after.report.findings[folder]} - {f.code for f in before.report.findings[folder]}
    assert codes == {"t01-income-sum", "t01-t04-income"}  # the changed figure is found
    others = {k: v for k, v in before.report.findings.items() if k != folder}
    assert {k: v for k, v in after.report.findings.items() if k != folder} == others
    assert (paths.content / PAGE).read_bytes() != page
    assert "243.67" in (paths.content / PAGE).read_text(encoding="utf-8")
    cold = _project(tmp_path / "cold", chart_cache, paths.data)
    _generate(cold)
    assert snapshot(cold.content) == snapshot(paths.content)


def test_an_entry_that_does_not_unpickle_is_computed_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, "code")
    key = cache.key("page", ["markdown"])
    (tmp_path / key).write_bytes(b"\x80\x05cut short")
    assert cache.memo("page", ["markdown"], lambda: b"made", bytes) == b"made"
    assert cache.get(key) == b"made"
    assert BuildCache(tmp_path, "other code").key("page", ["markdown"]) != key  # the code is in every key
