"""End-to-end: findings are visible on the built site and every link of theirs lands on a real anchor."""

from __future__ import annotations

import posixpath
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
        assert re.search(r'<a class="gk-badge gk-badge--\w+" href="#checks">(核验|参考格式（未填写）)', html), d.url
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


def _resolve(page: str, href: str) -> tuple[str, str]:
    """A relative link on the page at ``page`` (a site URL ending in /) → (target page URL, anchor)."""
    path, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(page, path)) if path else page.rstrip("/"), anchor


def test_every_finding_link_lands_on_an_id_of_its_target_page(built_site: BuiltSite) -> None:
    """On the disclosure pages and the checks page, every place a finding names (its cell or sentence,
    the cells it compares) links to an id that exists on the page linked to: the disclosure page, a
    project's 绩效 page or the 整体 page."""
    sources = [
        (d.url, _findings_section(built_site.html(d.url.rstrip("/")))) for d in built_site.result.corpus.disclosures
    ]
    sources.append(("checks/", built_site.html("checks")))
    ids: dict[str, set[str]] = {}
    targets: set[str] = set()
    for page, html in sources:
        for href in re.findall(r'<a class="gk-finding__place" href="([^"]+)"', html):
            target, anchor = _resolve(page, href)
            if target not in ids:
                ids[target] = _ids(built_site.html(target))
            assert anchor in ids[target], f"{page}: {href}"
            targets.add(target)
    assert any("/jixiao/" in t for t in targets), "the sample has findings on 绩效 pages"


SENTENCE = re.compile(r".+-p\d+-s\d+")  # a sentence's id (gongkai.address.sentence_anchor)


def test_the_sentence_a_finding_points_at_is_a_sentence_its_disclosures_pages_render(built_site: BuiltSite) -> None:
    """One outline: every finding about a sentence, on the whole sample, names the id of a sentence that a
    page of its disclosure (the disclosure page, a project's or the 整体 绩效 page) shows under that id."""
    pages = sorted(p for p in built_site.paths.build.rglob("index.html"))
    checked = 0
    for d in built_site.result.corpus.disclosures:
        shown = {
            sid
            for page in pages
            if page.parent.relative_to(built_site.paths.build).as_posix().startswith(d.url.rstrip("/"))
            for sid in re.findall(r'class="gk-sentence[^"]*" id="([^"]+)"', page.read_text(encoding="utf-8"))
        }
        for finding in built_site.result.report.findings.get(d.folder, []):
            for place in (finding.location, *finding.related):
                if place.anchor and SENTENCE.fullmatch(place.anchor):
                    assert place.anchor in shown, (d.folder, finding.code, place.anchor)
                    checked += 1
    assert checked > 10, "the sample has findings about sentences"


def test_findings_on_evaluations_point_at_their_cell_or_sentence(built_site: BuiltSite) -> None:
    on_evaluations = [f for f in built_site.result.report.all_findings() if "/performance/" in f.location.file]
    assert on_evaluations
    for finding in on_evaluations:
        assert finding.location.anchor, finding.format()
        assert all(r.anchor for r in finding.related), finding.format()


def test_checks_page_lists_each_disclosure_and_every_rule_found(built_site: BuiltSite) -> None:
    html = built_site.html("checks")
    assert "按规则汇总" in html
    for d in built_site.result.corpus.disclosures:
        assert f'href="../{d.url}#checks"' in html, d.url
    for code in {f.code for f in built_site.result.report.all_findings()}:
        assert f"<code>{code}</code>" in html


def test_highlighted_sentences_have_a_legend_and_link_to_their_finding(built_site: BuiltSite) -> None:
    """Every 「※」 after a highlighted sentence (on the disclosure page and on its 绩效 pages) lands on the
    finding in the disclosure page's 数据核验 section; a text with highlighted sentences has the legend."""
    checked = 0
    for d in built_site.result.corpus.disclosures:
        pages = [d.url, *(f"{d.url}jixiao/{p.slug}/" for p in d.projects)]
        pages += [f"{d.url}jixiao/overall/"] if d.overall is not None else []
        section_ids = _ids(_findings_section(built_site.html(d.url.rstrip("/"))))
        for page in pages:
            html = built_site.html(page.rstrip("/"))
            refs = re.findall(r'<a class="gk-flag__ref" href="([^"]+)"', html)
            assert bool(refs) == ('class="gk-legend"' in html), page
            for href in refs:
                target, anchor = _resolve(page, href)
                assert target == d.url.rstrip("/") and anchor in section_ids, f"{page}: {href}"
                checked += 1
    assert checked > 0
