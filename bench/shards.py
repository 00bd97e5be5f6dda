"""Benchmark of sharded builds (gongkai build --shard-by region): one MkDocs site per region plus a top site.

    python bench/shards.py [--sizes 100 300] [--steps cold plain ...] [--chart-cache DIR] [--search]
                           [--out bench/shards.json] [--work DIR]

For each size (synthetic corpus, as bench/run.py), the steps (all by default, in this order):
``cold`` a cold sharded build (local workers: one per core); ``plain`` plain MkDocs on the same
content/ as one site (the floor), then the Pagefind run our build adds (its CPU apart); ``unchanged``
the unchanged rebuild; ``workers`` the whole build again (content unchanged, charts from the cache, every
shard rebuilt) with 1 and with 2 workers: wall and CPU seconds (the speed-up) and whether the two sites
are byte-identical; ``add-one`` a rebuild after adding one disclosure.  ``--search`` adds
bench/search_eval.py on the sharded site.  Peak RSS: the build process and its largest child (a Dask
worker, Pagefind).  Every build records the load average (others' work on the machine) at its start
and end.  The JSON results are written after every step (a killed run keeps the steps done); the
table is printed at the end.  Figures only: nothing here is a pass/fail test.

``--chart-cache DIR`` shares one SVG cache between runs (e.g. the 1,000 run's for the 3,000 one: a
larger demo corpus keeps every disclosure of a smaller one, so their charts are reused); the cold
build is then not cold for its charts, and the results say so.

The 2-against-1-worker speed-up alone (a few minutes at 100 disclosures; run it on a quiet machine):

    python bench/shards.py --sizes 100 --steps cold workers --out bench/shards-workers.json
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import add_one_disclosure, build, machine, new_project, say  # noqa: E402
from search_eval import evaluate as search_measures  # noqa: E402

from gongkai.shards import FOLDER  # noqa: E402

SHARDED = ("--shard-by", "region")
STEPS = ("cold", "plain", "unchanged", "workers", "add-one")


def _tree(folder: Path) -> dict[str, bytes]:
    root = folder.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rebuilt(project: Path, workers: int, cache: tuple[str, ...]) -> dict[str, Any]:
    """The whole build again with every shard (the recorded shard outputs removed; content unchanged)."""
    shutil.rmtree(project / FOLDER)
    return build(project, *SHARDED, *cache, "--force", "--workers", str(workers))


def measure(
    size: int,
    work: Path,
    steps: tuple[str, ...],
    chart_cache: Path | None,
    checkpoint: Callable[[dict[str, Any]], None],
) -> dict[str, Any]:
    """The chosen steps for one size; ``checkpoint`` gets the results so far after each step."""
    cache = ("--chart-cache", str(chart_cache)) if chart_cache else ()
    say(f"{size}: generating the corpus")
    project, count = new_project(work, size)
    r: dict[str, Any] = {"disclosures": count, "shared_chart_cache": str(chart_cache) if chart_cache else None}
    if "cold" in steps:
        say(f"{size}: cold sharded build of {count} disclosures")
        r["cold"] = build(project, *SHARDED, *cache)
        r["shards"] = sum(1 for _ in (project / FOLDER).iterdir())
        checkpoint(r)
    if "plain" in steps:
        say(f"{size}: plain MkDocs on the same content/, as one site, then Pagefind")
        r["plain_mkdocs"] = build(project, "--plain-mkdocs", "--pagefind")
        shutil.rmtree(project / "build-plain", ignore_errors=True)
        checkpoint(r)
    if "unchanged" in steps:
        say(f"{size}: unchanged rebuild")
        r["unchanged_rebuild"] = build(project, *SHARDED, *cache)
        checkpoint(r)
    if "workers" in steps:
        say(f"{size}: the whole build again, 1 worker, then 2")
        r["shards_1_worker"] = _rebuilt(project, 1, cache)
        one_site = _tree(project / "build")
        r["shards_2_workers"] = _rebuilt(project, 2, cache)
        r["identical_1_and_2_workers"] = _tree(project / "build") == one_site
        del one_site
        checkpoint(r)
    if "add-one" in steps:
        say(f"{size}: add one disclosure")
        added = add_one_disclosure(project, work)
        r["add_one_rebuild"] = {**build(project, *SHARDED, *cache), "added": added}
        checkpoint(r)
    if "search" in steps:
        say(f"{size}: search")
        r["search"] = search_measures(project / "build")
        checkpoint(r)
    return r


def ratios(r: dict[str, Any]) -> dict[str, float]:
    """CPU ratios (steadier than wall time on a shared machine) and the speed-up, of the steps done."""
    found: dict[str, float] = {}
    cold, plain = r.get("cold"), r.get("plain_mkdocs")
    if cold and plain:
        found["cold_to_plain_mkdocs"] = cold["cpu_s"] / plain["mkdocs_cpu_s"]
        found["cold_to_plain_mkdocs_and_pagefind"] = cold["cpu_s"] / plain["cpu_s"]
    if plain and "unchanged_rebuild" in r:
        found["unchanged_to_plain_mkdocs"] = r["unchanged_rebuild"]["cpu_s"] / plain["mkdocs_cpu_s"]
    if cold and "add_one_rebuild" in r:
        found["add_one_to_cold"] = r["add_one_rebuild"]["cpu_s"] / cold["cpu_s"]
    if "shards_2_workers" in r:
        one, two = r["shards_1_worker"], r["shards_2_workers"]
        found["speed_up_2_workers_wall"] = one["total_s"] / two["total_s"]
        found["cpu_2_workers_to_1"] = two["cpu_s"] / one["cpu_s"]
    return found


def rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    def wall_cpu(b: dict[str, Any]) -> str:
        load = b.get("load_average", {}).get("start")
        return f"{b['total_s']:.1f}; {b['cpu_s']:.1f}" + (f" (load {load[0]:.1f})" if load else "")

    def ratio(key: str, percent: bool = False) -> str:
        value = found.get(key)
        return "–" if value is None else f"{100 * value:.1f} %" if percent else f"{value:.3g}×"

    def rss(key: str) -> str:
        return f"{r[key]['peak_rss_mb_build']:.0f}, {r[key]['peak_rss_mb_child']:.0f}" if key in r else "–"

    found = ratios(r)
    lines = [("disclosures; shards", f"{r['disclosures']}; {r.get('shards', '–')}")]
    if "cold" in r:
        cold = r["cold"]
        lines += [
            ("pages / charts", f"{cold['pages']} / {cold['charts']}"),
            ("cold sharded build (s; CPU s)", wall_cpu(cold)),
            ("  load, check, render, aggregate (s)", _stages(cold, "load", "check", "render", "aggregate")),
            (
                "  charts, write, mkdocs (shards), stitch + Pagefind (s)",
                _stages(cold, "charts", "write", "mkdocs", "stitch"),
            ),
        ]
    if "plain_mkdocs" in r:
        plain = r["plain_mkdocs"]
        lines += [
            ("plain MkDocs, one site (CPU s)", f"{plain['mkdocs_cpu_s']:.1f}"),
            ("Pagefind on it (CPU s)", f"{plain['pagefind_cpu_s']:.1f}"),
        ]
    lines += [
        ("cold / plain MkDocs (CPU)", ratio("cold_to_plain_mkdocs")),
        ("cold / (plain MkDocs + Pagefind) (CPU)", ratio("cold_to_plain_mkdocs_and_pagefind")),
    ]
    if "unchanged_rebuild" in r:
        lines += [
            ("unchanged rebuild (s; CPU s)", wall_cpu(r["unchanged_rebuild"])),
            ("unchanged / plain MkDocs (CPU)", ratio("unchanged_to_plain_mkdocs")),
        ]
    if "add_one_rebuild" in r:
        lines += [
            ("add one disclosure (s; CPU s)", wall_cpu(r["add_one_rebuild"])),
            ("  mkdocs (2 shards), stitch + Pagefind (s)", _stages(r["add_one_rebuild"], "mkdocs", "stitch")),
            ("add one / cold (CPU)", ratio("add_one_to_cold", percent=True)),
        ]
    if "shards_2_workers" in r:
        lines += [
            ("whole build, charts cached: 1 worker (s; CPU s)", wall_cpu(r["shards_1_worker"])),
            ("  2 workers (s; CPU s)", wall_cpu(r["shards_2_workers"])),
            (
                "speed-up with 2 workers (wall); CPU 2 / 1",
                f"{ratio('speed_up_2_workers_wall')}; {ratio('cpu_2_workers_to_1')}",
            ),
            ("site byte-identical with 1 and 2 workers", "yes" if r["identical_1_and_2_workers"] else "NO"),
        ]
    builds = ("cold", "unchanged_rebuild", "add_one_rebuild", "shards_1_worker", "shards_2_workers")
    lines += [(f"peak RSS MB, build process and largest child: {b}", rss(b)) for b in builds if b in r]
    if "search" in r:
        s = r["search"]
        lines += [
            ("search recall, lowest of the queries", f"{100 * s['recall_min']:.1f} %"),
            ("first search, gzip (KB)", f"{s['first_search_gzip_bytes'] / 1024:.0f}"),
        ]
    return lines


def _stages(b: dict[str, Any], *names: str) -> str:
    return ", ".join(f"{b['stages_s'].get(name, 0):.1f}" for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--chart-cache", type=Path, help="an SVG cache shared between runs (not cold for charts)")
    parser.add_argument("--out", type=Path, default=BENCH / "shards.json")
    parser.add_argument("--work", type=Path, default=BENCH.parent / ".gongkai" / "bench-shards")
    parser.add_argument("--search", action="store_true", help="also measure the search of the sharded site")
    parser.add_argument("--table", type=Path, help="only print the table of an earlier results file")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))["results"]))
        return
    steps = (*args.steps, *(("search",) if args.search else ()))
    info = machine()
    results: dict[str, dict[str, Any]] = {}

    def save(size: int, done: dict[str, Any]) -> None:
        results[str(size)] = {**done, "ratios_cpu": ratios(done)}
        document = {"machine": info, "steps": steps, "results": results}
        args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    for size in args.sizes:
        save(size, measure(size, args.work, steps, args.chart_cache, functools.partial(save, size)))
    print(table(results))


def table(results: dict[str, dict[str, Any]]) -> str:
    columns = {size: dict(rows(r)) for size, r in results.items()}
    labels = list(dict.fromkeys(label for column in columns.values() for label in column))
    lines = ["| measure | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    lines += [f"| {label} | " + " | ".join(c.get(label, "–") for c in columns.values()) + " |" for label in labels]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
