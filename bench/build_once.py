"""One gongkai build in this process; prints its measurements as JSON (run by bench/run.py).

Usage: python bench/build_once.py PROJECT_DIR [--plain-mkdocs [--pagefind]] [--shard-by region] [--workers N]
                                  [--chart-cache DIR] [--force] [--placeholder-charts]

Peak RSS is the largest of this process (the build) and its children (a Dask worker, Pagefind).
``--plain-mkdocs --pagefind``: plain MkDocs, then the Pagefind run gongkai's build adds (its CPU apart).
``--placeholder-charts``: every chart missing from the project's chart cache is stored there as an empty SVG
instead of being drawn (for measures that do not look at charts, such as the search, whose index leaves charts
out): every page is built as usual, only the chart images are blank.  Use it on a scratch project only: the
placeholders stay in its chart cache, and later builds of that project (a sharded one too) reuse them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path


def peak_rss_mb() -> dict[str, float]:
    """Peak RSS in MB of this process (the build) and of its largest child (a Dask worker, Pagefind)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": max(own, children), "peak_rss_mb_build": own, "peak_rss_mb_child": children}


PLACEHOLDER_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'


def placeholder_charts() -> None:
    """Store a blank SVG for each chart instead of drawing it (see the module's docstring)."""
    from collections.abc import Iterator, Sequence

    from gongkai import chart_render, charts
    from gongkai.cluster import Engine

    def blank(missing: Sequence[charts.ChartData], engine: Engine) -> Iterator[bytes]:
        return iter([PLACEHOLDER_SVG] * len(missing))

    chart_render._rendered = blank


def gongkai_build(project: Path, args: argparse.Namespace) -> dict[str, object]:
    """``gongkai build`` as the command runs it: skipped whole when nothing it reads changed."""
    from gongkai.build import Paths, Progress, build_if_changed
    from gongkai.cluster import Engine

    progress = Progress(False)
    engine = Engine(workers=args.workers)
    start = time.perf_counter()
    summary, result = build_if_changed(
        Paths.at(project, chart_cache=args.chart_cache.resolve() if args.chart_cache else None),
        progress,
        force=args.force,
        engine=engine,
        shard_by=args.shard_by,
    )
    total = time.perf_counter() - start
    return {
        "total_s": total,
        "stages_s": progress.timings,
        "pages": summary.pages,
        "charts": summary.charts,
        "content_written": result.written if result else 0,
        "disclosures": summary.disclosures,
        "skipped": result is None,
    }


def plain_mkdocs(project: Path, pagefind: bool) -> dict[str, object]:
    """MkDocs alone on the content/ and config gongkai generated (the floor for any generator); with
    ``--pagefind`` also the search index over its output, as gongkai's build makes it."""
    from gongkai.search_index import index_site
    from gongkai.site import SITE_CONFIG, mkdocs_build

    target = project / "build-plain"
    start = time.perf_counter()
    mkdocs_build(project / SITE_CONFIG, target, source_date_epoch=0)
    mkdocs_cpu = cpu_seconds()
    measured: dict[str, object] = {"total_s": time.perf_counter() - start, "mkdocs_cpu_s": mkdocs_cpu}
    if pagefind:
        index_site(target, project=project)
        measured["total_s"] = time.perf_counter() - start
        measured["pagefind_cpu_s"] = cpu_seconds() - mkdocs_cpu
    return measured


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children: steadier than wall time
    on a shared machine (waiting for a core is not counted)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description="One gongkai build (or plain MkDocs) in this process; prints its measurements as JSON.",
        epilog="example: python bench/build_once.py .gongkai/bench/p100 --chart-cache .gongkai/bench/charts --force",
    )
    parser.add_argument("project", type=Path, help="the project folder (data/ inside; content/ and build/ written)")
    parser.add_argument("--plain-mkdocs", action="store_true", help="MkDocs alone on the generated content/")
    parser.add_argument("--pagefind", action="store_true", help="with --plain-mkdocs: the search index too")
    parser.add_argument("--shard-by", help="shard key, as gongkai build --shard-by (region)")
    parser.add_argument("--workers", type=int, help="Dask workers (default: the engine's)")
    parser.add_argument("--chart-cache", type=Path, help="shared chart cache folder")
    parser.add_argument("--force", action="store_true", help="build even when nothing changed")
    parser.add_argument("--placeholder-charts", action="store_true", help="blank SVGs instead of drawn charts")
    args = parser.parse_args()
    project = args.project.resolve()
    if args.placeholder_charts:
        placeholder_charts()
    load = os.getloadavg()
    measured = plain_mkdocs(project, args.pagefind) if args.plain_mkdocs else gongkai_build(project, args)
    measured.update(peak_rss_mb())
    measured["cpu_s"] = cpu_seconds()
    measured["load_average"] = {"start": load, "end": os.getloadavg()}  # 1, 5, 15 min: others' work on the machine
    print(json.dumps(measured))


if __name__ == "__main__":
    main()
