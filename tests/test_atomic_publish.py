"""Publishing is atomic: a failed or killed build leaves the previous build/ online, complete; the next
build cleans up what a killed one left; two builds never run at once."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from conftest import built_copy, snapshot
from gongkai import site
from gongkai.build import Paths, Progress, build_site
from gongkai.cli import main
from gongkai.diagnostics import BuildFailed, InputError
from gongkai.site import build_lock, publish_atomically, versions_folder

pytestmark = pytest.mark.e2e  # builds the sample site again and again


def _leftovers(build: Path) -> list[str]:
    """What is beside the published version: old-style build.* folders, staging folders, stray links,
    more than one previous version."""
    beside = [p.name for p in build.parent.iterdir() if p.name.startswith(f"{build.name}.")]
    versions = sorted(p.name for p in versions_folder(build).iterdir())
    current = os.readlink(build).rsplit("/", 1)[-1]
    extra = [name for name in versions if name != current and not name.isdigit()]
    old = [name for name in versions if name.isdigit() and name != current]
    return sorted(beside + extra + old[:-1])


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("atomic")
    return built_copy(root, copy_base(root))


def test_the_first_build_publishes_a_site_behind_a_link(published: tuple[Paths, dict[str, bytes]]) -> None:
    paths, before = published
    assert "index.html" in before and f"{DISCLOSURE.removeprefix('disclosures/')}/index.html" in before
    assert paths.build.is_symlink() and paths.build.is_dir()
    assert _leftovers(paths.build) == []


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
    assert snapshot(paths.build) == before
    assert _leftovers(paths.build) == []


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
    assert "[mkdocs-failed] 模拟的 MkDocs 失败" in err and "Traceback" not in err
    assert snapshot(paths.build) == before
    assert _leftovers(paths.build) == []


def test_a_second_build_stops_with_a_coded_message_while_one_runs(
    published: tuple[Paths, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    paths, before = published
    with build_lock(paths.project):
        assert main(["build", "--project", str(paths.project), "--no-progress"]) == 3
    assert "[build-locked]" in capsys.readouterr().err
    assert snapshot(paths.build) == before


# --- killed builds: a child process is killed (SIGKILL) at one step; the site stays complete ---


def _killed_at(step: Callable[[], None]) -> None:
    """Run ``step`` in a forked child that kills itself where the test's patch says; wait for the kill."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            step()
        finally:
            os._exit(0)  # reached only when the kill did not happen: the parent sees exit 0 and fails
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the child was not killed"


def _die(*_: object, **__: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _fake_mkdocs(text: str) -> Callable[..., None]:
    def build(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
        for name in ("index.html", "a/index.html", "b/index.html"):
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / name).write_text(text, encoding="utf-8")

    return build


def _half_mkdocs(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
    (site_dir / "index.html").write_text("half", encoding="utf-8")
    _die()


def _prune_then_die_on_the_second_call() -> Callable[..., None]:
    calls: list[int] = []
    prune = site._prune

    def patched(versions: Path, **kwargs: str | None) -> None:
        calls.append(1)
        if len(calls) == 2:
            _die()
        prune(versions, **kwargs)

    return patched


def _nothing(staged: Path) -> None:
    pass


KILL_POINTS: dict[str, tuple[str, Callable[[pytest.MonkeyPatch], None], Callable[[Path], None]]] = {
    # name: (the site online after the kill, the patch that kills, the post-processing step)
    "inside-mkdocs": ("old", lambda mp: mp.setattr(site, "mkdocs_build", _half_mkdocs), _nothing),
    "in-post-processing": ("old", lambda mp: None, _die),
    "staged-and-renamed-before-the-switch": ("old", lambda mp: mp.setattr(os, "replace", _die), _nothing),
    "switched-before-pruning": (
        "new",
        lambda mp: mp.setattr(site, "_prune", _prune_then_die_on_the_second_call()),
        _nothing,
    ),
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_kill_at_each_publish_step_leaves_a_complete_site_and_the_next_build_cleans_up(
    point: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = tmp_path / "build"
    config = tmp_path / "mkdocs.site.yml"
    monkeypatch.setattr(site, "mkdocs_build", _fake_mkdocs("old"))
    publish_atomically(config, build, source_date_epoch=0)
    old = snapshot(build)
    online, patch, post = KILL_POINTS[point]

    def step() -> None:
        monkeypatch.setattr(site, "mkdocs_build", _fake_mkdocs("new"))
        patch(monkeypatch)
        publish_atomically(config, build, source_date_epoch=0, post_process=post)

    _killed_at(step)
    monkeypatch.undo()
    after = snapshot(build)
    assert after == (old if online == "old" else {name: b"new" for name in old}), point
    monkeypatch.setattr(site, "mkdocs_build", _fake_mkdocs("next"))
    publish_atomically(config, build, source_date_epoch=0)
    assert set(snapshot(build).values()) == {b"next"}
    assert _leftovers(build) == []


def test_a_kill_while_writing_content_keeps_the_site_and_the_next_build_repairs_content(
    published: tuple[Paths, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, before = published
    content = snapshot(paths.content)
    for path in paths.content.rglob("*.md"):
        path.write_text("stale", encoding="utf-8")  # so that the killed build has files to rewrite
    written: list[int] = []

    def write_then_die(path: Path, data: bytes) -> bool:
        written.append(1)
        if len(written) == 3:
            path.with_name(path.name + ".tmp").write_bytes(data[:10])  # a half-written temporary file
            _die()
        return original(path, data)

    original = site.write_if_changed

    def step() -> None:
        monkeypatch.setattr(site, "write_if_changed", write_then_die)
        build_site(paths, Progress(False))

    _killed_at(step)
    monkeypatch.undo()
    assert snapshot(paths.build) == before
    build_site(paths, Progress(False))  # the lock died with the killed build
    assert snapshot(paths.content) == content
    assert snapshot(paths.build) == before
    assert _leftovers(paths.build) == []


def test_a_site_built_before_versions_existed_is_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = tmp_path / "build"
    (build / "sub").mkdir(parents=True)
    (build / "index.html").write_text("legacy", encoding="utf-8")
    (tmp_path / "build.old" / "x").mkdir(parents=True)  # what the earlier two-rename swap could leave
    (tmp_path / "build.new-abc123").mkdir()
    monkeypatch.setattr(site, "mkdocs_build", _fake_mkdocs("new"))
    publish_atomically(tmp_path / "mkdocs.site.yml", build, source_date_epoch=0)
    assert build.is_symlink() and (build / "index.html").read_text(encoding="utf-8") == "new"
    assert _leftovers(build) == []
