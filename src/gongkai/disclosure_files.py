"""The content files of one disclosure — its pages with their hidden index text, its data files — taken from
the build cache (:mod:`gongkai.build_cache`) when every input of them is unchanged.

A disclosure's pages depend on its own files, its check findings and score, the budget it is compared
with (the same unit's 预算, by its files), the site-wide glossary and address, the site's indexed names
and gongkai's code: all of them are in the cache key.  The glossary backlinks its pages record are kept
with the entry and recorded again on a hit, in the same order, so the 名词解释 page is the same either way.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from gongkai import charts, search_index
from gongkai.budget import BudgetActual
from gongkai.build_cache import BuildCache
from gongkai.documents import is_unfilled
from gongkai.downloads import Download, Downloads, disclosure_downloads
from gongkai.glossary import BacklinkRegistry, LinkScope, Term, TermLinker, terms_from_entries
from gongkai.models import Corpus, Disclosure
from gongkai.quality import Quality
from gongkai.render_checks import badge, findings_html
from gongkai.render_disclosure import flagged_sentences, render_disclosure
from gongkai.render_quality import RANKING_PAGE, score_table
from gongkai.render_site import GLOSSARY_PAGE
from gongkai.rules import CheckReport


class Indexed:
    """Pages with their hidden index text (:class:`~gongkai.search_index.IndexText`), from ``cache`` when an
    earlier build made the same page with the same site names."""

    def __init__(self, index_text: search_index.IndexText, cache: BuildCache | None) -> None:
        self.index_text = index_text
        self.cache = cache

    def page(self, markdown: str, filters: Mapping[str, str] | None = None, pinyin: bool = True) -> bytes:
        def compute() -> bytes:
            return self.index_text.page(markdown, filters, pinyin).encode("utf-8")

        if self.cache is None:
            return compute()
        wanted = (self.index_text.fingerprint, repr(sorted((filters or {}).items())), str(pinyin), markdown)
        return self.cache.memo("page", wanted, compute, bytes)


class _Recording(BacklinkRegistry):
    """A registry that also keeps the records it was given, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, str]] = []

    def record(self, anchor: str, page_url: str, page_title: str) -> None:
        super().record(anchor, page_url, page_title)
        self.log.append((anchor, page_url, page_title))


@dataclass(frozen=True)
class DisclosureFiles:
    files: tuple[tuple[str, bytes], ...]  # content path -> bytes: its pages (index text added), its data files
    charts: tuple[tuple[str, charts.ChartData], ...]  # content path of each chart's SVG -> its data
    bundles: tuple[Download, ...]  # the downloads listed on the 下载数据 page
    backlinks: tuple[tuple[str, str, str], ...]  # glossary records made by its pages: anchor, url, title


@dataclass(frozen=True)
class SiteInputs:
    """What every disclosure's pages share: the corpus, checks, scores, budgets, templates and linking."""

    corpus: Corpus
    report: CheckReport
    graded: Mapping[str, Quality]
    comparisons: Mapping[str, BudgetActual]
    env: jinja2.Environment
    site_terms: list[Term]
    index_text: Indexed


def _data_files(corpus: Corpus, d: Disclosure) -> dict[str, bytes]:
    """The disclosure's data files (path relative to its folder -> bytes), offered for download with what is
    made of them alone: only the files of the data format that the load read (:mod:`gongkai.allowlist`)."""
    folder = Path(corpus.root).parent / d.folder
    return {name: (folder / name).read_bytes() for name in d.data_files}


def _downloads(corpus: Corpus, d: Disclosure, cache: BuildCache | None) -> Downloads:
    """The disclosure's download files (Excel workbook, ZIP …), from ``cache`` when its folder's files and
    the site's address are unchanged."""

    def compute() -> Downloads:
        return disclosure_downloads(d, _data_files(corpus, d), corpus.site.site_url)

    if cache is None or d.folder not in cache.folders:
        return compute()
    return cache.memo("downloads", (d.folder, cache.folders[d.folder], corpus.site.site_url), compute, Downloads)


def _render(d: Disclosure, site: SiteInputs, cache: BuildCache | None) -> DisclosureFiles:
    recording = _Recording()
    linker = TermLinker(site.site_terms + terms_from_entries(d.glossary), recording)

    def scope_for(url: str, title: str) -> LinkScope:
        return linker.scope(url, title, "../" * url.count("/") + GLOSSARY_PAGE)

    findings = site.report.findings.get(d.folder, [])
    run = site.report.checks_run.get(d.folder, 0)
    downloads = _downloads(site.corpus, d, cache)
    output = render_disclosure(
        d,
        scope_for,
        site.env,
        badge(site.env, findings, run, unfilled=is_unfilled(d)),
        findings_html(site.env, findings, run, targets=True)
        + "\n\n"
        + score_table(site.graded[d.folder], f"../../../{RANKING_PAGE}", site.env),
        downloads,
        flagged_sentences(findings),
        site.comparisons.get(d.folder),
    )
    filters = search_index.filters(d)
    files = [(page.path, site.index_text.page(page.markdown, filters)) for page in output.pages]
    files += [(f"{d.url}{name}", data) for name, data in downloads.files.items()]
    return DisclosureFiles(tuple(files), tuple(output.charts), downloads.bundles, tuple(recording.log))


def disclosure_files(
    d: Disclosure, site: SiteInputs, registry: BacklinkRegistry, cache: BuildCache | None
) -> DisclosureFiles:
    """Every content file of ``d``, its charts and downloads; its glossary backlinks go to ``registry``."""
    compute = functools.partial(_render, d, site, cache)
    budget = site.comparisons.get(d.folder)
    compared = [budget.budget.folder] if budget is not None else []
    if cache is None or not all(f in cache.folders for f in (d.folder, *compared)):
        found = compute()
    else:
        inputs = [
            *(f"{f}:{cache.folders[f]}" for f in (d.folder, *compared)),
            site.corpus.site.site_url,
            repr(site.corpus.glossary),
            repr(site.report.findings.get(d.folder, [])),
            str(site.report.checks_run.get(d.folder, 0)),
            repr(site.graded[d.folder]),
            site.index_text.index_text.fingerprint,
        ]
        found = cache.memo("disclosure-files", inputs, compute, DisclosureFiles)
    for anchor, url, title in found.backlinks:
        registry.record(anchor, url, title)
    return found
