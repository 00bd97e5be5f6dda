"""Shared fixtures: a copy of the project with the sample data, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.build import BuildResult, Paths, Progress, build_site

PROJECT = Path(__file__).resolve().parents[1]


def copy_project(target: Path, data: Path | None = None, source: Path = PROJECT) -> Paths:
    """A throwaway project: the data/ of ``source`` (``data`` if given); gongkai's own theme and config."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data or source / "data", target / "data")
    return Paths.at(target)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links followed) by its relative path: to compare a site before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_copy(root: Path, data: Path) -> tuple[Paths, dict[str, bytes]]:
    """A project under ``root`` with ``data``, built; its paths and the published site's files."""
    paths = copy_project(root / "project", data)
    build_site(paths, Progress(False))
    return paths, snapshot(paths.build)


class BuiltSite:
    def __init__(self, paths: Paths, result: BuildResult) -> None:
        self.paths = paths
        self.result = result

    def html(self, url: str) -> str:
        return (self.paths.build / url / "index.html").read_text(encoding="utf-8")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the built sample site is an end-to-end test (``make test-fast`` leaves it out)."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    paths = copy_project(tmp_path_factory.mktemp("site"))
    return BuiltSite(paths, build_site(paths, Progress(False)))
