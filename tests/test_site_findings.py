"""End-to-end: findings are visible on the built site and every link of theirs lands on a real anchor."""

from __future__ import annotations

import re

import pytest

from conftest import BuiltSite

pytestmark = pytest.mark.e2e


def _findings_section(html: str) -> str:
    """The 数据核验 section of a disclosure page: from its heading to the next h2."""
    start = html.index('id="checks"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_each_disclosure_page_has_the_badge_and_the_checks_section(built_site: BuiltSite) -> None:
    for d in built_site.result.corpus.disclosures:
        html = built_site.html(d.url.rstrip("/"))
        assert re.search(r'<a class="gk-badge gk-badge--\w+" href="#checks">核验', html), d.url
        assert "数据核验" in _findings_section(html)


def test_disclosures_with_findings_name_the_rule_and_show_the_figures(built_site: BuiltSite) -> None:
    with_findings = [d for d in built_site.result.corpus.disclosures if built_site.result.report.findings.get(d.folder)]
    assert with_findings, "the sample data has findings"
    for d in with_findings:
        section = _findings_section(built_site.html(d.url.rstrip("/")))
        assert 'class="gk-finding gk-finding--' in section
        assert '<p class="gk-finding__rule"><strong>' in section
        assert "<script" not in section


def test_every_in_page_link_of_the_findings_resolves_to_an_id_on_the_page(built_site: BuiltSite) -> None:
    checked = 0
    for d in built_site.result.corpus.disclosures:
        html = built_site.html(d.url.rstrip("/"))
        ids = _ids(html)
        for target in re.findall(r'href="#([^"]+)"', _findings_section(html)):
            assert target in ids, f"{d.url}#{target}"
            checked += 1
    assert checked > 0


def test_every_link_to_another_page_resolves_to_that_page_and_anchor(built_site: BuiltSite) -> None:
    for d in built_site.result.corpus.disclosures:
        section = _findings_section(built_site.html(d.url.rstrip("/")))
        for page, anchor in re.findall(r'href="(jixiao/[^"#]*)#?([^"]*)"', section):
            target = built_site.html(f"{d.url}{page}".rstrip("/"))
            assert not anchor or anchor in _ids(target), f"{d.url}{page}#{anchor}"


def test_checks_page_lists_each_disclosure_and_links_to_its_anchors(built_site: BuiltSite) -> None:
    html = built_site.html("checks")
    assert "按规则汇总" in html
    pages = {d.url: _ids(built_site.html(d.url.rstrip("/"))) for d in built_site.result.corpus.disclosures}
    for d in built_site.result.corpus.disclosures:
        assert f'href="../{d.url}#checks"' in html, d.url
    links = re.findall(r'href="\.\./([^"#]+/)#([^"]+)"', html)
    assert links
    for url, anchor in links:
        if url in pages:
            assert anchor in pages[url], f"{url}#{anchor}"
    for code in {f.code for f in built_site.result.report.all_findings()}:
        assert f"<code>{code}</code>" in html
