"""Publishing is atomic: a failed build (bad data, or MkDocs failing) leaves the previous build/ as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from conftest import copy_project
from gongkai import site
from gongkai.build import Paths, Progress, build_site
from gongkai.cli import main
from gongkai.diagnostics import InputError
from gongkai.site import BuildFailed


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(paths: Paths) -> list[str]:
    """Temporary build folders beside build/ (staging or the previous site being swapped out)."""
    return sorted(p.name for p in paths.project.iterdir() if p.name.startswith(f"{paths.build.name}."))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("atomic")
    paths = copy_project(root / "project", copy_base(root))
    build_site(paths, Progress(False))
    return paths, _snapshot(paths.build)


def test_the_first_build_publishes_a_site(published: tuple[Paths, dict[str, bytes]]) -> None:
    paths, before = published
    assert "index.html" in before and f"{DISCLOSURE.removeprefix('disclosures/')}/index.html" in before
    assert _leftovers(paths) == []


def test_bad_data_keeps_the_previous_site(
    published: tuple[Paths, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    paths, before = published
    yaml = paths.data / DISCLOSURE / "disclosure.yaml"
    good = yaml.read_bytes()
    yaml.write_text("title: [\n", encoding="utf-8")
    try:
        with pytest.raises(InputError):
            build_site(paths, Progress(False))
        assert main(["build", "--project", str(paths.project), "--no-progress"]) == 1
    finally:
        yaml.write_bytes(good)
    assert "原有 build/ 保持不变" in capsys.readouterr().err
    assert _snapshot(paths.build) == before
    assert _leftovers(paths) == []


def test_a_failing_mkdocs_keeps_the_previous_site_and_removes_its_staging_folder(
    published: tuple[Paths, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, before = published

    def half_written(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
        (site_dir / "index.html").write_text("half a site", encoding="utf-8")
        raise BuildFailed("模拟的 MkDocs 失败")

    monkeypatch.setattr(site, "mkdocs_build", half_written)
    with pytest.raises(BuildFailed):
        build_site(paths, Progress(False))
    assert main(["build", "--project", str(paths.project), "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "模拟的 MkDocs 失败" in err and "Traceback" not in err
    assert _snapshot(paths.build) == before
    assert _leftovers(paths) == []
