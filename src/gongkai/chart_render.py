"""The chart stage of a build: every chart's SVG, from the cache or drawn by worker processes.

Charts not in the cache are drawn in batches as Dask tasks (:mod:`gongkai.cluster`) by worker
processes that keep Altair and vl-convert loaded (a process pays a few seconds to start and load them,
then ≈ 0.09 s of CPU per chart), or in this process when there are few.  The SVGs do not depend on the order or the place they are drawn in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from gongkai import charts
from gongkai.chart_cache import ChartCache, chart_key
from gongkai.cluster import LOCAL, Engine, run_tasks

PARALLEL_CHARTS_MIN = 32  # charts per local worker process worth its start-up (a few seconds)
BATCH = 8  # charts per task sent to a worker


def render(chart: charts.ChartData) -> bytes:
    """One chart's SVG (pure: the same data always gives the same bytes)."""
    return charts.to_svg(charts.build_chart(chart), chart.caption).encode("utf-8")


def _render_batch(batch: Sequence[charts.ChartData]) -> list[bytes]:
    return [render(chart) for chart in batch]


def _batches(items: Sequence[charts.ChartData]) -> list[Sequence[charts.ChartData]]:
    return [items[start : start + BATCH] for start in range(0, len(items), BATCH)]


def _rendered(missing: Sequence[charts.ChartData], engine: Engine) -> Iterator[bytes]:
    """The SVGs of ``missing``, in order: drawn by Dask workers when a scheduler is given or there
    are enough charts to be worth starting worker processes, otherwise in this process."""
    workers = min(len(missing) // PARALLEL_CHARTS_MIN, engine.local_workers())
    if engine.scheduler or workers > 1:
        for batch in run_tasks(_render_batch, _batches(missing), engine, workers=workers):
            yield from batch
    else:
        yield from map(render, missing)


def draw_charts(
    jobs: Sequence[tuple[str, charts.ChartData]],
    cache: ChartCache,
    step: Callable[[int, int], None],
    engine: Engine = LOCAL,
) -> Iterator[tuple[str, bytes]]:
    """(content path, SVG) for every chart of ``jobs``, in order.  The charts not in ``cache`` are drawn
    first and added to it (``step(done, total)`` reports them); then each SVG is read from the cache as it
    is handed out, so the SVGs are never all in memory.  (An entry removed meanwhile by another build
    sharing the cache is drawn again here.)"""
    keys = {path: chart_key(chart) for path, chart in jobs}
    missing: dict[str, charts.ChartData] = {}
    for path, chart in jobs:
        if keys[path] not in missing and cache.get(keys[path]) is None:
            missing[keys[path]] = chart
    for index, (key, svg) in enumerate(zip(missing, _rendered(list(missing.values()), engine), strict=True), start=1):
        cache.put(key, svg)
        step(index, len(missing))
    for path, chart in jobs:
        yield path, cache.get(keys[path]) or render(chart)
