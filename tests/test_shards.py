"""Sharded builds (gongkai build --shard-by region): one MkDocs site per region and a top site, stitched
into one build/ whose links all resolve, the same bytes with one worker or a two-worker Dask cluster, and
adding a disclosure rebuilds only its region's shard and the top site."""

from __future__ import annotations

import dataclasses
import gzip
import re
import shutil
from pathlib import Path

import pytest

from conftest import BuiltSite, copy_project
from gongkai import shards
from gongkai.build import Paths, Progress, build_site
from gongkai.cluster import Engine
from test_links import crawl

pytestmark = pytest.mark.e2e

XIQU = "sichuan-panzhihua-xiqu"
LOC = re.compile(rb"<loc>(.*?)</loc>")
ARTICLE = re.compile(rb'<article class="md-content__inner.*?</article>', re.DOTALL)


def _build(root: Path, cache: Path, workers: int) -> Paths:
    paths = dataclasses.replace(copy_project(root), chart_cache=cache)
    build_site(paths, Progress(False), engine=Engine(workers=workers), shard_by="region")
    return paths


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, Paths]:
    """The sample site built in shards by one process, and by a local cluster of two worker processes."""
    cache = tmp_path_factory.mktemp("svg-cache")  # charts drawn once for both
    one = _build(tmp_path_factory.mktemp("one-worker"), cache, 1)
    return one, _build(tmp_path_factory.mktemp("two-workers"), cache, 2)


def _files(build: Path) -> dict[str, bytes]:
    root = build.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_each_region_and_the_top_site_is_its_own_mkdocs_build(sharded: tuple[Paths, Paths]) -> None:
    project = sharded[0].project
    built = sorted(p.name for p in (project / shards.FOLDER).iterdir())
    regions = sorted(p.name for p in (project / "data" / "disclosures").iterdir())
    assert built == sorted([shards.TOP, *regions])
    top_nav = (project / shards.FOLDER / shards.TOP / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"{XIQU}/xiqu-xinfangju/" in top_nav and "2021-juesuan" not in top_nav  # other regions: one link
    assert (project / shards.FOLDER / XIQU / "site" / XIQU / "xiqu-xinfangju" / "2021-juesuan" / "index.html").is_file()


def test_the_stitched_site_has_every_page_of_the_whole_site_and_its_links_resolve(
    sharded: tuple[Paths, Paths], built_site: BuiltSite
) -> None:
    stitched, whole = _files(sharded[0].build), _files(built_site.paths.build)
    pages = {p for p in whole if p.endswith(".html")}
    assert pages == {p for p in stitched if p.endswith(".html")}
    assert {p for p in whole if not p.startswith("pagefind/")} <= set(stitched)
    for page in pages:  # the same articles; only the navigation differs (other shards' pages are links)
        assert ARTICLE.findall(stitched[page]) == ARTICLE.findall(whole[page]), page
    assert "pagefind/pagefind.js" in stitched
    # one Pagefind run over the same articles: the same search index, byte for byte (so the same recall and downloads)
    index = {p: data for p, data in stitched.items() if p.startswith("pagefind/")}
    assert index == {p: data for p, data in whole.items() if p.startswith("pagefind/")}
    assert "sitemap.xml" not in stitched and "sitemap.xml" not in whole  # none without site_url
    broken, anchors = crawl(sharded[0].build)
    assert broken == [], "\n".join(broken[:40])
    assert anchors > 1000


def test_one_worker_and_a_two_worker_cluster_build_the_same_bytes(sharded: tuple[Paths, Paths]) -> None:
    one, two = (_files(paths.build) for paths in sharded)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []


def test_adding_a_disclosure_rebuilds_its_region_and_the_top_site_only_and_gives_the_cold_build(
    sharded: tuple[Paths, Paths], tmp_path: Path
) -> None:
    paths = sharded[0]
    folder = paths.data / "disclosures" / XIQU / "xiqu-xinfangju"
    shutil.copytree(folder / "2021-juesuan", folder / "2022-juesuan")
    described = folder / "2022-juesuan" / "disclosure.yaml"
    described.write_text(described.read_text(encoding="utf-8").replace("year: 2021", "year: 2022"), encoding="utf-8")
    before = {p.name: (p / "site").stat().st_ino for p in (paths.project / shards.FOLDER).iterdir()}
    build_site(paths, Progress(False), engine=Engine(workers=1), shard_by="region")
    after = {p.name: (p / "site").stat().st_ino for p in (paths.project / shards.FOLDER).iterdir()}
    assert sorted(name for name in before if after[name] != before[name]) == sorted([shards.TOP, XIQU])
    assert (paths.build / XIQU / "xiqu-xinfangju" / "2022-juesuan" / "index.html").is_file()
    # everything else came from the build cache: the same site, byte for byte, as a cold build of the same data
    cold = dataclasses.replace(copy_project(tmp_path / "cold", paths.data), chart_cache=paths.chart_cache)
    build_site(cold, Progress(False), engine=Engine(workers=1), shard_by="region")
    assert _files(cold.build) == _files(paths.build)


def test_the_stitched_sitemap_lists_the_pages_of_every_shard(tmp_path: Path) -> None:
    plan = shards.Plan({}, {}, [])
    for key, page in ((shards.TOP, "index.html"), ("a-region", "a-region/unit/index.html")):
        site = tmp_path / key / "site"
        (site / page).parent.mkdir(parents=True)
        (site / page).write_text(key, encoding="utf-8")
        url = f"https://example.org/{page.removesuffix('index.html')}"
        (site / "sitemap.xml").write_text(f"<urlset>\n<url>\n <loc>{url}</loc>\n</url>\n</urlset>", encoding="utf-8")
        plan.folders[key] = tmp_path / key
    stitched = tmp_path / "stitched"
    stitched.mkdir()
    shards.stitch(plan, stitched, epoch=0)
    sitemap = (stitched / "sitemap.xml").read_bytes()
    assert LOC.findall(sitemap) == [b"https://example.org/", b"https://example.org/a-region/unit/"]
    assert gzip.decompress((stitched / "sitemap.xml.gz").read_bytes()) == sitemap
    assert (stitched / "a-region" / "unit" / "index.html").read_text(encoding="utf-8") == "a-region"
