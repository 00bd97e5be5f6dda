"""Sharing: a sitemap and robots.txt naming it when site_url is set (none / a plain robots.txt when not),
per-page descriptions and Open Graph previews, titles that name unit, year and kind, permalinks."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import BuiltSite, copy_project
from gongkai.build import BuildResult, Paths, Progress, build_site

pytestmark = pytest.mark.e2e  # builds the sample site

XIANGYUAN = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
PROJECT = f"{XIANGYUAN}/jixiao/yishu-renyuan-buzhu"
SITE_URL = "https://czj.example.gov.cn/gongkai/"


def _meta(page: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, BuildResult]:
    paths = copy_project(tmp_path_factory.mktemp("published"))
    config = paths.data / "site.yaml"
    config.write_text(
        re.sub(r'^site_url: ""', f'site_url: "{SITE_URL}"', config.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    return paths, build_site(paths, Progress(False))


def test_without_site_url_there_is_no_sitemap_and_robots_allows_all(built_site: BuiltSite) -> None:
    build = built_site.paths.build
    assert not (build / "sitemap.xml").exists() and not (build / "sitemap.xml.gz").exists()
    robots = (build / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Allow: /" in robots and "Sitemap" not in robots
    assert "og:url" not in built_site.html(XIANGYUAN)


def test_with_site_url_the_sitemap_lists_every_page_and_robots_names_it(published: tuple[Paths, BuildResult]) -> None:
    paths, _ = published
    sitemap = (paths.build / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {
        SITE_URL + p.parent.relative_to(paths.build).as_posix().removeprefix(".") + "/"
        for p in paths.build.rglob("index.html")
        if "pagefind" not in p.parts
    }
    pages = {p.replace(f"{SITE_URL}/", SITE_URL) for p in pages}
    assert f"{SITE_URL}{XIANGYUAN}/" in listed and f"{SITE_URL}xiazai/" in listed
    assert pages == listed
    robots = (paths.build / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    page = (paths.build / XIANGYUAN / "index.html").read_text(encoding="utf-8")
    assert _meta(page, "property", "og:url") == f"{SITE_URL}{XIANGYUAN}/"


def test_each_page_has_its_own_description_and_share_preview(built_site: BuiltSite) -> None:
    urls = ["", XIANGYUAN, PROJECT, f"{XIANGYUAN.rsplit('/', 1)[0]}", "glossary", "about", "checks", "xiazai"]
    descriptions = {}
    for url in urls:
        page = built_site.html(url)
        description = _meta(page, "name", "description")
        assert description and _meta(page, "property", "og:description") == description, url
        title = re.search(r"<title>([^<]+)</title>", page)
        assert title and _meta(page, "property", "og:title") in html.unescape(title.group(1)), url
        assert _meta(page, "property", "og:site_name") == built_site.result.corpus.site.title
        descriptions[url] = description
    assert len(set(descriptions.values())) == len(urls)
    assert descriptions[XIANGYUAN].startswith(
        "襄垣县信访局 2023年度单位决算（山西省 长治市 襄垣县）：收入总计 233.67万元"
    )
    assert "遗属人员补助" in descriptions[PROJECT] and "自评得分" in descriptions[PROJECT]


def test_project_page_titles_name_the_unit_the_year_and_the_kind(built_site: BuiltSite) -> None:
    title = re.search(r"<title>([^<]+)</title>", built_site.html(PROJECT))
    assert title and title.group(1).startswith("遗属人员补助 项目支出绩效自评 · 襄垣县信访局 2023年度单位决算")
    heading = re.search(r"<h1[^>]*>([^<]+)", built_site.html(PROJECT))
    assert heading and heading.group(1).strip() == "遗属人员补助 项目支出绩效自评"  # the heading stays short


def test_headings_tables_and_charts_carry_permalinks(built_site: BuiltSite) -> None:
    page = built_site.html(XIANGYUAN)
    assert re.search(r'<h2 id="tables">.*?<a class="headerlink" href="#tables" title="本节的固定链接">', page)
    caption = re.search(r'<table class="gk-table" id="table-01-in"><caption>.*?</caption>', page)
    assert caption and '<a class="gk-permalink" href="#table-01-in"' in caption.group(0)
    figure = re.search(r'<figure class="gk-chart" id="([^"]+)"><figcaption>.*?</figcaption>', page)
    assert figure and f'<a class="gk-permalink" href="#{figure.group(1)}"' in figure.group(0)


def test_sitemap_is_only_written_with_an_address(tmp_path: Path) -> None:
    from gongkai.site import drop_sitemap, robots_txt

    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    drop_sitemap(tmp_path)
    assert not (tmp_path / "sitemap.xml").exists()
    assert robots_txt(SITE_URL.rstrip("/")).endswith(f"Sitemap: {SITE_URL}sitemap.xml\n".encode())
