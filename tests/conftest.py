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
