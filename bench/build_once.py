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

import json
import os
import resource
import sys
import time
from pathlib import Path


def peak_rss_mb() -> dict[str, float]:
    """Peak RSS in MB of this process (the build) and of its largest child (a Dask worker, Pagefind)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": max(own, children), "peak_rss_mb_build": own, "peak_rss_mb_child": children}


def _option(name: str) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


PLACEHOLDER_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'


def placeholder_charts() -> None:
    """Store a blank SVG for each chart instead of drawing it (see the module's docstring)."""
    from collections.abc import Iterator, Sequence

    from gongkai import chart_render, charts
    from gongkai.cluster import Engine

    def blank(missing: Sequence[charts.ChartData], engine: Engine) -> Iterator[bytes]:
        return iter([PLACEHOLDER_SVG] * len(missing))

    chart_render._rendered = blank


def gongkai_build(project: Path) -> dict[str, object]:
    """``gongkai build`` as the command runs it: skipped whole when nothing it reads changed."""
    from gongkai.build import Paths, Progress, build_if_changed
    from gongkai.cluster import Engine

    progress = Progress(False)
    workers = _option("--workers")
    engine = Engine(workers=int(workers) if workers else None)
    start = time.perf_counter()
    cache = _option("--chart-cache")
    summary, result = build_if_changed(
        Paths.at(project, chart_cache=Path(cache).resolve() if cache else None),
        progress,
        force="--force" in sys.argv,
        engine=engine,
        shard_by=_option("--shard-by"),
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


def plain_mkdocs(project: Path) -> dict[str, object]:
    """MkDocs alone on the content/ and config gongkai generated (the floor for any generator); with
    ``--pagefind`` also the search index over its output, as gongkai's build makes it."""
    from gongkai.search_index import index_site
    from gongkai.site import SITE_CONFIG, mkdocs_build

    target = project / "build-plain"
    start = time.perf_counter()
    mkdocs_build(project / SITE_CONFIG, target, source_date_epoch=0)
    mkdocs_cpu = cpu_seconds()
    measured: dict[str, object] = {"total_s": time.perf_counter() - start, "mkdocs_cpu_s": mkdocs_cpu}
    if "--pagefind" in sys.argv:
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
    project = Path(sys.argv[1]).resolve()
    if "--placeholder-charts" in sys.argv:
        placeholder_charts()
    load = os.getloadavg()
    measured = plain_mkdocs(project) if "--plain-mkdocs" in sys.argv else gongkai_build(project)
    measured.update(peak_rss_mb())
    measured["cpu_s"] = cpu_seconds()
    measured["load_average"] = {"start": load, "end": os.getloadavg()}  # 1, 5, 15 min: others' work on the machine
    print(json.dumps(measured))


if __name__ == "__main__":
    main()
