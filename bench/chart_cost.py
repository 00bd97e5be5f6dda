"""Where a chart's time goes, and the chart stage with 1 and 2 worker processes.

    python bench/chart_cost.py [--units 10] [--years 2] [--sample 60] [--work DIR]

Generates a demo corpus, collects every chart the build would draw, then
1. per chart, CPU milliseconds of the Altair build, ``to_dict`` (with and without schema validation),
   Vega-Lite → Vega compilation and Vega → SVG (vl-convert), on ``--sample`` charts in this process;
2. the whole chart stage (``chart_render.draw_charts``, empty cache) in this process (1 worker) and
   on a local Dask cluster of 2 worker processes: wall seconds, and whether the SVGs are identical.
Prints JSON.  CPU times are steadier than wall times on a shared machine: the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vl_convert

from gongkai import chart_render, charts
from gongkai.chart_cache import ChartCache
from gongkai.cluster import Engine
from gongkai.demo.corpus import generate_corpus
from gongkai.figures import disclosure_charts
from gongkai.load import load_corpus

PROJECT = Path(__file__).resolve().parents[1]


def cpu_ms(function: Callable[[Any], Any], items: list[Any]) -> tuple[float, list[Any]]:
    start = time.process_time()
    results = [function(item) for item in items]
    return 1000 * (time.process_time() - start) / len(items), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--work", type=Path, default=Path(tempfile.mkdtemp(prefix="chart-cost-")))
    args = parser.parse_args()
    data = args.work / "data"
    if not data.exists():
        generate_corpus(data, PROJECT / "data", units=args.units, years=args.years, seed=1)
    corpus = load_corpus(data)
    jobs: list[tuple[str, charts.ChartData]] = []
    for d in corpus.disclosures:
        found = disclosure_charts(d)
        jobs.extend((f"{d.url}{index}.svg", chart) for index, chart in enumerate(found))
    sample = [chart for _, chart in jobs[: args.sample]]
    chart_render.render(sample[0])  # load fonts and warm the engine
    result: dict[str, Any] = {"load_average_at_start": os.getloadavg(), "charts": len(jobs), "sample": len(sample)}
    per_chart: dict[str, float] = {}
    per_chart["altair build"], built = cpu_ms(charts.build_chart, sample)
    per_chart["to_dict, validated"], _ = cpu_ms(lambda c: c.to_dict(), built)
    per_chart["to_dict, not validated"], specs = cpu_ms(lambda c: c.to_dict(validate=False), built)
    per_chart["vega-lite → vega"], vegas = cpu_ms(vl_convert.vegalite_to_vega, specs)
    per_chart["vega → svg"], _ = cpu_ms(lambda v: vl_convert.vega_to_svg(v, allowed_base_urls=[]), vegas)
    per_chart["render (as the build does)"], _ = cpu_ms(chart_render.render, sample)
    result["cpu_ms_per_chart"] = {k: round(v, 1) for k, v in per_chart.items()}
    stage: dict[str, Any] = {}
    outputs = {}
    for workers in (1, 2):
        start, cpu = time.perf_counter(), time.process_time()
        outputs[workers] = dict(
            chart_render.draw_charts(
                jobs, ChartCache(args.work / f"cache-{workers}"), lambda done, total: None, Engine(workers=workers)
            )
        )
        stage[f"{workers} worker(s): wall s"] = round(time.perf_counter() - start, 1)
        stage[f"{workers} worker(s): CPU s of this process"] = round(time.process_time() - cpu, 1)
    stage["speed-up, 2 against 1"] = round(stage["1 worker(s): wall s"] / stage["2 worker(s): wall s"], 2)
    stage["identical SVGs"] = outputs[1] == outputs[2]
    result["chart_stage"] = stage
    result["load_average_at_end"] = os.getloadavg()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
