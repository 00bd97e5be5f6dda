"""Round trip through the site: seed 002 imported and built shows every table figure as the sample site does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BuiltSite, copy_project
from gongkai.build import Progress, build_site
from import_helpers import DATA, FIXTURES, SEEDS, data_folder, run_import

pytestmark = pytest.mark.e2e

SEED = SEEDS / "002_f64002770984a7bf.txt"
FOLDER = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
CELL = re.compile(r'id="(t\d\d-[^"]+)"[^>]*>([^<]*)<')


def _cells(html: str) -> dict[str, str]:
    return dict(CELL.findall(html))


@pytest.mark.skipif(not SEED.exists(), reason="seed texts not available")
def test_imported_seed_002_site_shows_the_same_table_figures(tmp_path: Path, built_site: BuiltSite) -> None:
    data = data_folder(tmp_path / "import")
    corrections = DATA / "import-corrections/002_f64002770984a7bf.yaml"
    assert run_import("text", SEED, "--out", data / "disclosures" / FOLDER, "--corrections", corrections) == 0
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    imported = _cells((paths.build / FOLDER / "index.html").read_text(encoding="utf-8"))
    sample = _cells(built_site.html(FOLDER))
    assert len(sample) > 500
    assert imported == sample


def test_unseen_disclosure_import_builds(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "import")
    folder = "mou-sheng-pingan/pingan-minzhengju/2024-juesuan"
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", data / "disclosures" / folder) == 0
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    assert "平安县民政局" in (paths.build / folder / "index.html").read_text(encoding="utf-8")
