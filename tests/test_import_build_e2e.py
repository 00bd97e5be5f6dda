"""Round trip through the site: the seeds imported and built give the sample site, every figure included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import BuiltSite, copy_project
from gongkai.build import Progress, build_site
from import_helpers import DATA, FIXTURES, SAMPLES_PDF, SEEDS, data_folder, run_import

pytestmark = pytest.mark.e2e

SEEDS_AND_FOLDERS = {
    "000_a19aa65de9095692": "sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan",
    "002_f64002770984a7bf": "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan",
    "003_72e587118b812785": "unnamed-city/shi-xinfangju/2024-juesuan",
    "004_e40cd2cf77471691": "sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan",
}
PDFS_AND_FOLDERS = {
    "putuo-caizhengju-2024-juesuan.pdf": "shanghai-putuo/putuo-caizhengju/2024-juesuan",
    "putuo-shangwuwei-2025-yusuan-bumen.pdf": "shanghai-putuo/putuo-shangwuweiyuanhui/2025-yusuan",
}
SOURCE_LINE = re.compile(r"\.yaml 第\d+行")  # where a figure stands in its YAML file: layout, not content
SIZE = re.compile(r'(<span class="gk-meta gk-size">\w+) · [^<]*</span>')  # a download's size: comments, layout


def _page(path: Path) -> str:
    return SIZE.sub(r"\1</span>", SOURCE_LINE.sub(".yaml", path.read_text(encoding="utf-8")))


@pytest.mark.skipif(not SEEDS.exists() or not SAMPLES_PDF.exists(), reason="seed texts or sample PDFs not available")
def test_site_built_from_the_imported_seeds_is_the_sample_site(tmp_path: Path, built_site: BuiltSite) -> None:
    """Issue 7 round trip: the four seeds imported with their recorded corrections, and the published PDF
    imported as it is, build the sample site, page for page; only the YAML line numbers in 「来源」
    tooltips and the sizes of the downloads may differ (comments, layout)."""
    data = data_folder(tmp_path / "import")
    for seed, folder in SEEDS_AND_FOLDERS.items():
        corrections = DATA / "import-corrections" / f"{seed}.yaml"
        out = data / "disclosures" / folder
        assert run_import("text", SEEDS / f"{seed}.txt", "--out", out, "--corrections", corrections) == 0
    for pdf, folder in PDFS_AND_FOLDERS.items():
        assert run_import("pdf", SAMPLES_PDF / pdf, "--out", data / "disclosures" / folder) == 0
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    pages = sorted(p.relative_to(paths.build) for p in paths.build.rglob("*.html"))
    assert pages == sorted(p.relative_to(built_site.paths.build) for p in built_site.paths.build.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert _page(paths.build / page) == _page(built_site.paths.build / page), page


def test_unseen_disclosure_import_builds(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "import")
    folder = "mou-sheng-pingan/pingan-minzhengju/2024-juesuan"
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", data / "disclosures" / folder) == 0
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    assert "平安县民政局" in (paths.build / folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not SAMPLES_PDF.exists(), reason="sample PDFs not available")
def test_a_units_departmental_and_own_budget_of_one_year_import_side_by_side_and_build(tmp_path: Path) -> None:
    """A 部门预算 and a 单位预算 of the same unit and year: ``--out data/`` gives the 部门 one the plain
    ``2025-yusuan`` and the 单位 one ``2025-yusuan-danwei``; both build, the unit page lists both and its
    figures count the unit once (the 部门预算)."""
    data = data_folder(tmp_path / "import")
    for pdf in ("putuo-shangwuwei-2025-yusuan-bumen.pdf", "putuo-shangwuwei-2025-yusuan-danwei.pdf"):
        assert run_import("pdf", SAMPLES_PDF / pdf, "--out", data) == 0
    unit = "shanghai-putuo/putuo-shangwuweiyuanhui"
    documents = {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))["document"]
        for p in (data / "disclosures" / unit).glob("*/disclosure.yaml")
    }
    assert documents == {"2025-yusuan": "部门预算", "2025-yusuan-danwei": "单位预算"}
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    page = {name: (paths.build / unit / name / "index.html").read_text(encoding="utf-8") for name in documents}
    assert "2025年度部门预算" in page["2025-yusuan"] and "2025年度单位预算" in page["2025-yusuan-danwei"]
    unit_page = (paths.build / unit / "index.html").read_text(encoding="utf-8")
    assert 'href="2025-yusuan/"' in unit_page and 'href="2025-yusuan-danwei/"' in unit_page
