"""The build command: load → validate → check → render Markdown and charts → MkDocs, with progress.

Used by the CLI; raises :class:`~gongkai.diagnostics.InputError` for bad input (nothing is written) and
:class:`~gongkai.diagnostics.BuildFailed` when MkDocs fails (the previous ``build/`` is kept).
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from gongkai import aggregate, build_cache, charts, cluster, freshness, markup, search_index, shards
from gongkai.budget import BudgetActual, budget_actual
from gongkai.build_cache import BuildCache
from gongkai.chart_cache import DEFAULT_FOLDER, ChartCache
from gongkai.chart_render import draw_charts
from gongkai.cluster import LOCAL, Engine
from gongkai.content_folder import ContentFolder
from gongkai.diagnostics import BuildFailed, Severity
from gongkai.disclosure_files import Indexed, SiteInputs, disclosure_files
from gongkai.documents import is_unfilled
from gongkai.downloads import Download
from gongkai.glossary import BacklinkRegistry, escape, terms_from_entries
from gongkai.load import load_corpus
from gongkai.models import Corpus, Disclosure
from gongkai.performance_html import PERFORMANCE_DIR
from gongkai.quality import Quality
from gongkai.render_browse import BROWSE, COMPARE, browse_pages
from gongkai.render_checks import CHECKS_PAGE, badge, checks_page
from gongkai.render_compare import compare_pages
from gongkai.render_disclosure import (
    RenderedPage,
)
from gongkai.render_downloads import DOWNLOADS_PAGE
from gongkai.render_quality import RANKING_PAGE, ranking_page, score_label, scores
from gongkai.render_site import (
    ABOUT_PAGE,
    GLOSSARY_PAGE,
    about_page,
    downloads_page,
    glossary_page,
    home_page,
)
from gongkai.render_unit import unit_pages
from gongkai.rules import CheckReport, check_corpus
from gongkai.site import (
    build_lock,
    copy_assets,
    drop_sitemap,
    fs_failure,
    publish,
    publish_atomically,
    robots_txt,
    site_config,
    write_site_config,
)
from gongkai.theme import Theme


@dataclass(frozen=True)
class Paths:
    project: Path  # the project folder: data/ (by default), an optional mkdocs.yml and site_templates/
    data: Path
    content: Path
    build: Path
    theme: Theme  # gongkai's templates and theme, file by file replaced by the project's site_templates/
    chart_cache: Path  # SVGs by chart key; may be shared by several projects

    @classmethod
    def at(cls, project: Path, data: Path | None = None, chart_cache: Path | None = None) -> Paths:
        return cls(
            project,
            data or project / "data",
            project / "content",
            project / "build",
            Theme.of(project),
            chart_cache or project / DEFAULT_FOLDER,
        )


class Progress:
    """Stage lines on a terminal; silent in CI or when output is not a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.perf_counter()
        self.timings: dict[str, float] = {}  # stage key (e.g. "load") -> seconds, for benchmarks
        self._last = self.start
        self._current = ""

    def stage(self, name: str, key: str = "") -> None:
        """Start a stage: ``name`` is shown, ``key`` names its entry in ``timings`` ("" for none)."""
        now = time.perf_counter()
        if self._current:
            self.timings[self._current] = self.timings.get(self._current, 0.0) + now - self._last
        self._current = key
        if self.enabled:
            print(f"[{now - self.start:6.1f}s] {name}", file=sys.stderr, flush=True)
        self._last = now

    def step(self, done: int, total: int, what: str) -> None:
        if self.enabled and total:
            end = "\n" if done == total else ""
            print(f"\r    {what} {done}/{total}", end=end, file=sys.stderr, flush=True)


@dataclass
class BuildResult:
    corpus: Corpus
    report: CheckReport
    pages: int = 0
    charts: int = 0
    aggregate_pages: int = 0  # unit, browse and compare pages (of ``pages``)
    aggregate_charts: int = 0  # their charts (of ``charts``)
    written: int = 0
    deleted: int = 0
    files: MutableMapping[str, bytes] = field(default_factory=dict)


NOT_IN_NAV = (f"/{BROWSE}*/*/", f"/{COMPARE}")  # one page per region, department, code, year: links only


def _nav(corpus: Corpus, shard: str | None = None) -> list[object]:
    """The site's nav; for a shard (a region's slug or ``shards.TOP``), the pages of the other shards are
    links: each other region one link (to its first unit), the top site's pages by their URL."""
    regions: dict[tuple[str, str], dict[str, list[Disclosure]]] = {}
    for d in sorted(corpus.disclosures, key=lambda d: (d.unit.region_slug, d.unit.slug, -d.year, d.kind)):
        key = (d.unit.region_slug, escape(" ".join(d.unit.region)))
        regions.setdefault(key, {}).setdefault(escape(d.unit.name), []).append(d)
    units: list[object] = []
    for (slug, region), by_unit in regions.items():
        if shard not in (None, slug):
            units.append({region: f"{slug}/{next(iter(by_unit.values()))[0].unit.slug}/"})
            continue
        entries: list[object] = []
        for name, ds in by_unit.items():
            unit_entries: list[object] = [f"{ds[0].unit.region_slug}/{ds[0].unit.slug}/index.md"]
            for d in ds:
                children: list[object] = [f"{d.url}index.md"]
                if d.overall is not None:
                    children.append({"部门整体绩效": f"{d.url}{PERFORMANCE_DIR}/overall/index.md"})
                children.extend({escape(p.name): f"{d.url}{PERFORMANCE_DIR}/{p.slug}/index.md"} for p in d.projects)
                unit_entries.append({f"{d.year}年度{d.document}": children})
            entries.append({name: unit_entries})
        units.append({region: entries})

    def top(path: str) -> str:  # a page of the top site
        return path if shard in (None, shards.TOP) else path.removesuffix("index.md") or "./"

    browse: object = [
        f"{BROWSE}index.md",
        {"按地区": f"{BROWSE}region/index.md"},
        {"按主管部门": f"{BROWSE}department/index.md"},
        {"按支出功能分类": f"{BROWSE}function/index.md"},
    ]
    return [
        {"首页": top("index.md")},
        {"各单位公开": units},
        {"浏览与比较": browse if shard in (None, shards.TOP) else top(f"{BROWSE}index.md")},
        {"数据核验": top(f"{CHECKS_PAGE}index.md")},
        {"评分排名": top(f"{RANKING_PAGE}index.md")},
        {"名词解释": top(f"{GLOSSARY_PAGE}index.md")},
        {"下载数据": top(f"{DOWNLOADS_PAGE}index.md")},
        {"关于数据": top(f"{ABOUT_PAGE}index.md")},
    ]


def aggregate_pages(
    corpus: Corpus,
    report: CheckReport,
    graded: Mapping[str, Quality],
    env: jinja2.Environment,
    badges: dict[str, str],
    comparisons: Mapping[str, BudgetActual],
) -> tuple[list[RenderedPage], list[tuple[str, charts.ChartData]], dict[str, bytes]]:
    """Unit, browse and compare pages from one frame of every figure; their charts and CSV files."""
    errors = {k: sum(1 for f in v if f.severity is Severity.ERROR) for k, v in report.findings.items()}
    facts = aggregate.facts(corpus.disclosures, errors, {k: q.score for k, q in graded.items()})
    units, unit_charts = unit_pages(
        corpus, env, {k: v.replace('href="', 'href="../../') for k, v in badges.items()}, facts, comparisons
    )
    compared, compare_files = compare_pages(facts, env)
    return [*units, *browse_pages(corpus, facts, env), *compared], unit_charts, compare_files


def generate(
    paths: Paths,
    progress: Progress,
    engine: Engine = LOCAL,
    files: MutableMapping[str, bytes] | None = None,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Load, check and render everything into ``files`` (content path -> bytes; a new dict, in memory,
    unless given: the build gives a :class:`~gongkai.content_folder.ContentFolder`).  ``cache``: the
    results of earlier builds (:mod:`gongkai.build_cache`), reused where their inputs are unchanged."""
    progress.stage("读取数据 (load)", "load")
    corpus = load_corpus(paths.data, cache)
    progress.stage(f"核验数据 (check)：{len(corpus.disclosures)} 份公开", "check")
    report = check_corpus(corpus, cache)
    result = BuildResult(corpus, report)
    graded = scores(corpus, report)
    env = markup.environment(paths.theme)
    registry = BacklinkRegistry()
    common = paths.theme.file(search_index.COMMON_TERMS)
    index_text = Indexed(
        search_index.IndexText(search_index.site_terms(corpus, common), misspelt=search_index.common_terms(common)),
        cache,
    )
    progress.stage("生成页面与图表 (render)", "render")
    files = {} if files is None else files
    chart_jobs: list[tuple[str, charts.ChartData]] = []
    comparisons = budget_actual(corpus)
    site = SiteInputs(corpus, report, graded, comparisons, env, terms_from_entries(corpus.glossary), index_text)
    listing: list[tuple[Disclosure, tuple[Download, ...]]] = []
    for index, d in enumerate(corpus.disclosures, start=1):
        made = disclosure_files(d, site, registry, cache)
        listing.append((d, made.bundles))
        files.update(made.files)
        chart_jobs.extend(made.charts)
        progress.step(index, len(corpus.disclosures), "公开")
    badges = {
        d.folder: badge(
            env,
            report.findings.get(d.folder, []),
            report.checks_run.get(d.folder, 0),
            f"{d.url}#checks",
            unfilled=is_unfilled(d),
        )
        + score_label(graded[d.folder], env)
        for d in corpus.disclosures
    }
    progress.stage("汇总、浏览与比较页 (aggregate)", "aggregate")
    pages, aggregate_charts, aggregate_files = aggregate_pages(corpus, report, graded, env, badges, comparisons)
    files.update(aggregate_files)
    files.update((page.path, index_text.page(page.markdown, pinyin=False)) for page in pages)
    chart_jobs.extend(aggregate_charts)
    result.aggregate_pages, result.aggregate_charts = len(pages), len(aggregate_charts)
    progress.stage("生成站点页 (render)", "render")
    for page in [
        home_page(corpus, env, badges),
        glossary_page(corpus, env, registry),
        about_page(corpus, env),
        downloads_page(listing, env),
        checks_page(corpus, report, env),
        ranking_page(corpus, graded, env),
    ]:
        files[page.path] = index_text.page(page.markdown)
    result.pages = sum(1 for p in files if p.endswith(".md"))
    progress.stage(f"绘制图表 (charts)：{len(chart_jobs)} 张", "charts")
    if chart_jobs and not charts.cjk_font_installed():
        raise BuildFailed(
            "缺少中文字体 Noto Sans CJK，图表中的中文无法正确排版，已停止生成。"
            "请运行 make site（会安装 fonts-noto-cjk），或 sudo apt-get install fonts-noto-cjk",
            code="fonts-missing",
            file=charts.FONT_DIRECTORY,
        )
    files.update(
        draw_charts(
            chart_jobs, ChartCache(paths.chart_cache), lambda done, total: progress.step(done, total, "图表"), engine
        )
    )
    result.charts = len(chart_jobs)
    files.update(copy_assets(paths.theme))
    files["robots.txt"] = robots_txt(corpus.site.site_url)
    result.files = files
    return result


def build_site(
    paths: Paths,
    progress: Progress | None = None,
    *,
    mkdocs: bool = True,
    engine: Engine = LOCAL,
    shard_by: str | None = None,
) -> BuildResult:
    """Build the site holding the project's build lock; file-system errors become a coded
    :class:`~gongkai.diagnostics.BuildFailed` naming the file (the previous ``build/`` stays online).
    ``shard_by``: build it as shards (:mod:`gongkai.shards`; "region"), else as one MkDocs site."""
    progress = progress or Progress()
    try:
        with build_lock(paths.project):
            return _build(paths, progress, mkdocs=mkdocs, engine=engine, shard_by=shard_by)
    except OSError as exc:
        raise fs_failure(exc, paths.project) from None


def _build(paths: Paths, progress: Progress, *, mkdocs: bool, engine: Engine, shard_by: str | None) -> BuildResult:
    files = ContentFolder(paths.content)  # each file written as it is made: only digests stay in memory
    code = freshness.code_fingerprint(paths.project, paths.theme)
    with cluster.session(engine) as dask:  # one cluster for the charts and the shards
        result = generate(paths, progress, engine, files, BuildCache(paths.project / build_cache.FOLDER, code))
        progress.stage(f"写入 content/ (write)：{result.pages} 个页面", "write")
        result.written, result.deleted = files.finish()
        config = write_site_config(paths.project, _nav(result.corpus), result.corpus.site, NOT_IN_NAV)
        if mkdocs and shard_by:
            _publish_shards(paths, result.corpus, files.digests, progress, engine, dask, code)
    if mkdocs and not shard_by:
        progress.stage("生成网站 (mkdocs)", "mkdocs")
        finish = functools.partial(_finish, project=paths.project, site_url=result.corpus.site.site_url)
        publish_atomically(config, paths.build, source_date_epoch=_epoch(result.corpus), post_process=finish)
    progress.stage("完成")
    return result


def _publish_shards(
    paths: Paths,
    corpus: Corpus,
    digests: Mapping[str, bytes],
    progress: Progress,
    engine: Engine,
    dask: cluster.Session,
    code: str,
) -> None:
    """Build the shards whose content changed, stitch all of them, index and publish the whole.
    ``digests``: the SHA-256 of each file written to ``content/``; ``dask``: the build's cluster, stopped
    once the shards are built; ``code``: gongkai's code fingerprint."""
    epoch = _epoch(corpus)

    def config_for(key: str, folder: Path) -> bytes:
        not_in_nav = NOT_IN_NAV if key == shards.TOP else ()
        more = {"validation": shards.VALIDATION}
        return site_config(paths.project, _nav(corpus, key), corpus.site, not_in_nav, at=folder, more=more)

    regions = {d.unit.region_slug for d in corpus.disclosures}
    plan = shards.prepare(paths.project, paths.content, shards.split(digests, regions), config_for, code, epoch)
    progress.stage(f"生成网站 (mkdocs)：{len(plan.jobs)} 个分片需要重新生成，共 {len(plan.folders)} 个", "mkdocs")
    shards.run(plan, engine, lambda done, total: progress.step(done, total, "分片"))
    dask.close()
    progress.stage("拼合分片、生成搜索索引 (stitch)", "stitch")

    def fill(staging: Path) -> None:
        shards.stitch(plan, staging, epoch)
        _finish(staging, paths.project, corpus.site.site_url)

    publish(paths.build, fill)


def _finish(staged: Path, project: Path, site_url: str) -> None:
    """The staged site completed: no address-less sitemap without ``site_url``, then the search index."""
    if not site_url:
        drop_sitemap(staged)
    search_index.index_site(staged, project=project)  # pagefind/


def build_if_changed(
    paths: Paths,
    progress: Progress | None = None,
    *,
    force: bool = False,
    engine: Engine = LOCAL,
    shard_by: str | None = None,
) -> tuple[freshness.Summary, BuildResult | None]:
    """:func:`build_site`, unless nothing it reads changed since the last build (``force``: build anyway).

    Returns what the site holds and the build's result, ``None`` when it was skipped: then neither
    ``content/`` nor ``build/`` is touched."""
    progress = progress or Progress()
    progress.stage("比对输入 (inputs)", "inputs")
    inputs = freshness.fingerprint(paths.project, paths.data, paths.theme, layout=shard_by or "")
    summary = None if force else freshness.unchanged(paths.project, paths.build, inputs)
    if summary is not None:
        progress.stage("数据、模板和程序都没有改变，不必重新生成")
        return summary, None
    result = build_site(paths, progress, engine=engine, shard_by=shard_by)
    summary = freshness.Summary(
        len(result.corpus.disclosures), result.pages, result.charts, len(result.report.all_findings())
    )
    freshness.record(paths.project, inputs, summary)
    return summary, result


def _epoch(corpus: Corpus) -> int:
    """A fixed build date derived from the data (latest year), so identical data gives identical files."""
    latest = max((d.year for d in corpus.disclosures), default=2000)
    return int(time.mktime((latest + 1, 1, 1, 0, 0, 0, 0, 0, 0)))
