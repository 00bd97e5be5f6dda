"""The chart stage of a build: every chart's SVG, from the cache or drawn by worker processes.

Charts not in the cache are drawn in batches by worker processes that keep Altair and vl-convert
loaded (a process pays about a second to start and load them, then ≈ 0.1 s per chart), or in this
process when there are few.  The SVGs do not depend on the order or the place they are drawn in.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from gongkai import charts
from gongkai.chart_cache import ChartCache, chart_key

PARALLEL_CHARTS_MIN = 16  # charts per worker process worth its start-up (about a second)
BATCH = 8  # charts per task sent to a worker


def render(chart: charts.ChartData) -> bytes:
    """One chart's SVG (pure: the same data always gives the same bytes)."""
    return charts.to_svg(charts.build_chart(chart)).encode("utf-8")


def _render_batch(batch: Sequence[charts.ChartData]) -> list[bytes]:
    return [render(chart) for chart in batch]


def _batches(items: Sequence[charts.ChartData]) -> list[Sequence[charts.ChartData]]:
    return [items[start : start + BATCH] for start in range(0, len(items), BATCH)]


def _rendered(missing: Sequence[charts.ChartData]) -> Iterator[bytes]:
    """The SVGs of ``missing``, in order, drawn in worker processes when there are enough charts."""
    workers = min(len(missing) // PARALLEL_CHARTS_MIN, os.cpu_count() or 1)
    with contextlib.ExitStack() as stack:
        if workers > 1:
            pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")))
            for batch in pool.map(_render_batch, _batches(missing)):
                yield from batch
        else:
            yield from map(render, missing)


def draw_charts(
    jobs: Sequence[tuple[str, charts.ChartData]], cache: ChartCache, step: Callable[[int, int], None]
) -> dict[str, bytes]:
    """Content path → SVG for every chart of ``jobs``; charts drawn here are added to ``cache``.
    ``step(done, total)`` reports the charts drawn so far."""
    keys = {path: chart_key(chart) for path, chart in jobs}
    svgs: dict[str, bytes] = {}  # cache key -> SVG
    missing: dict[str, charts.ChartData] = {}
    for path, chart in jobs:
        key = keys[path]
        if key not in svgs and key not in missing:
            cached = cache.get(key)
            if cached is None:
                missing[key] = chart
            else:
                svgs[key] = cached
    for index, (key, svg) in enumerate(zip(missing, _rendered(list(missing.values())), strict=True), start=1):
        cache.put(key, svg)
        svgs[key] = svg
        step(index, len(missing))
    return {path: svgs[keys[path]] for path, _ in jobs}
