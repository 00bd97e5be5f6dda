"""The whole build against hostile input and faults: a coded error (or correct acceptance), never a
traceback, ``build/`` byte-identical after every failure, and nothing outside ``data/`` published."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from bad_inputs.cases import CASES, Case
from bad_inputs.hostile import HOSTILE_CASES, SECRET_TEXT
from conftest import built_copy, copy_project, snapshot
from gongkai import charts, site
from gongkai.archives import BOM
from gongkai.build import Paths, Progress, build_site
from gongkai.cli import main
from gongkai.codes import INPUT_CODES
from test_atomic_publish import KILL_POINTS
from test_import_hardening import IMPORT_CASES

pytestmark = pytest.mark.e2e  # builds a site per case

REFUSED = [c for c in CASES + HOSTILE_CASES if c.code in INPUT_CODES]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("hostile")
    return built_copy(root, copy_base(root))


def _build(paths: Paths, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", "--project", str(paths.project), "--data", str(data), "--no-progress"])
    out, err = capsys.readouterr()
    return status, out + err


def test_the_corpus_holds_at_least_150_hostile_and_faulty_cases() -> None:
    """Data (cases.py, hostile.py), importers, file-system faults, kills at each publish step."""
    assert len(CASES) + len(HOSTILE_CASES) + len(IMPORT_CASES) + len(FAULTS) + len(KILL_POINTS) >= 150


@pytest.mark.parametrize("case", REFUSED, ids=[c.id for c in REFUSED])
def test_the_build_refuses_with_its_code_and_leaves_the_site_byte_identical(
    case: Case, published: tuple[Paths, dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, before = published
    data = copy_base(tmp_path)
    case.patch(data)
    status, output = _build(paths, data, capsys)
    assert status == 1 and f"[{case.code}]" in output and "Traceback" not in output, output[-2000:]
    assert snapshot(paths.build) == before


def test_only_the_data_files_are_published_and_nothing_from_outside_data(
    published: tuple[Paths, dict[str, bytes]],
) -> None:
    paths, before = published
    folder = DISCLOSURE.removeprefix("disclosures/")
    downloads = sorted(name.removeprefix(f"{folder}/data/") for name in before if name.startswith(f"{folder}/data/"))
    data_files = [p.relative_to(paths.data / DISCLOSURE).as_posix() for p in (paths.data / DISCLOSURE).rglob("*.*")]
    bundle = "-".join(DISCLOSURE.split("/")[-2:])  # made of those files alone: the workbook, the zip, the descriptor
    assert downloads == sorted([*data_files, "datapackage.json", f"{bundle}.xlsx", f"{bundle}.zip"])
    assert not any(SECRET_TEXT.encode() in body for body in before.values())


def test_a_link_inside_data_is_followed_and_published_as_its_content(tmp_path: Path) -> None:
    """Links are refused only when they leave data/: a table kept once and linked is a data file."""
    data = copy_base(tmp_path / "source")
    shared = data / "shared-gongkai02.csv"
    table = data / DISCLOSURE / "tables/gongkai02.csv"
    table.rename(shared)
    table.symlink_to(shared)
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    published = paths.build / DISCLOSURE.removeprefix("disclosures/") / "data/tables/gongkai02.csv"
    assert not published.is_symlink() and published.read_bytes() == BOM + shared.read_bytes()  # CSVs get a BOM


# --- faults of the file system: coded, the previous site kept ---

FAULTS = {
    "read-only-content": (errno.EROFS, "fs-read-only"),
    "permission-denied": (errno.EACCES, "fs-read-only"),
    "disk-full": (errno.ENOSPC, "fs-disk-full"),
    "quota-exceeded": (errno.EDQUOT, "fs-disk-full"),
    "io-error": (errno.EIO, "fs-error"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_write_fault_is_coded_names_the_file_and_keeps_the_site(
    fault: str,
    published: tuple[Paths, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths, before = published
    number, code = FAULTS[fault]
    original = site.write_if_changed

    def failing(path: Path, data: bytes) -> bool:
        if path.suffix == ".md":
            raise OSError(number, "模拟的故障", str(path))
        return original(path, data)

    monkeypatch.setattr(site, "write_if_changed", failing)
    status, output = _build(paths, paths.data, capsys)
    assert status == 3 and f"[{code}]" in output and "content/" in output and "Traceback" not in output, output
    assert snapshot(paths.build) == before


def test_a_disk_full_inside_mkdocs_is_coded_and_keeps_the_site(
    published: tuple[Paths, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, before = published

    def full(config_file: Path, site_dir: Path, *, source_date_epoch: int) -> None:
        (site_dir / "index.html").write_bytes(b"")
        raise site.fs_failure(OSError(errno.ENOSPC, "No space left on device", str(site_dir / "a.html")), paths.project)

    monkeypatch.setattr(site, "mkdocs_build", full)
    status, output = _build(paths, paths.data, capsys)
    assert status == 3 and "[fs-disk-full]" in output and "Traceback" not in output
    assert snapshot(paths.build) == before
    assert [p.name for p in site.versions_folder(paths.build).iterdir() if not p.name.isdigit()] == []


def test_missing_cjk_fonts_stop_the_build_and_say_so(
    published: tuple[Paths, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths, before = published
    monkeypatch.setattr(charts, "FONT_DIRECTORY", str(tmp_path / "no-fonts"))
    status, output = _build(paths, paths.data, capsys)
    assert status == 3 and "[fonts-missing]" in output and "make site" in output and "Traceback" not in output
    assert snapshot(paths.build) == before


@pytest.mark.parametrize("where", ["content", ".gongkai"])
def test_a_file_where_an_output_folder_should_be_is_coded(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = copy_project(tmp_path / "project", copy_base(tmp_path))
    (paths.project / where).write_text("不是目录", encoding="utf-8")
    status, output = _build(paths, paths.data, capsys)
    assert status == 3 and "[fs-not-a-directory]" in output and where in output and "Traceback" not in output


def test_out_naming_a_file_is_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a-file"
    out.write_text("x", encoding="utf-8")
    data = copy_base(tmp_path)
    status = main(["demo-data", "--units", "1", "--years", "1", "--data", str(data), "--out", str(out / "data")])
    output = "".join(capsys.readouterr())
    assert status == 3 and "[fs-not-a-directory]" in output and "Traceback" not in output, output
