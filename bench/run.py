"""Benchmark: build synthetic corpora of 100 and 1,000 disclosures (10,000 with --large) and measure.

    python bench/run.py [--sizes 100 1000] [--large] [--out bench/results.json] [--work DIR]

For each size, in one run on this machine: a cold build (stages, peak RSS, pages and charts per
second), plain MkDocs on the same content/ (the floor), an unchanged rebuild, a rebuild after adding
one disclosure, one disclosure page's weight, and the search (bench/search_eval.py: recall, downloads, indexing).
Every build runs in its own process (bench/build_once.py) so peak RSS is per build.  Prints a table
(progress lines only on a terminal) and writes the JSON results.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(BENCH))

from search_eval import evaluate as search_measures  # noqa: E402
from weight import page_weight  # noqa: E402

from gongkai.demo.corpus import FIRST_YEAR, generate_corpus  # noqa: E402

YEARS = 5  # each unit: 预算 + 决算 for 5 years = 10 disclosures
SEED = 1
TTY = sys.stderr.isatty()


def say(message: str) -> None:
    if TTY:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, object]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def build(project: Path, *extra: str) -> dict[str, Any]:
    command = [sys.executable, str(BENCH / "build_once.py"), str(project), *extra]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def new_project(work: Path, size: int) -> tuple[Path, int]:
    project = work / f"site-{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    units = max(1, size // (2 * YEARS))
    count = generate_corpus(project / "data", PROJECT / "data", units=units, years=YEARS, seed=SEED)
    return project, count


def add_one_disclosure(project: Path, work: Path) -> str:
    """The next year's 决算 of the first unit (same generator, one more year), copied into the corpus."""
    extra = work / "one-more"
    generate_corpus(extra, PROJECT / "data", units=1, years=YEARS + 1, seed=SEED)
    folder = next(extra.glob(f"disclosures/*/*/{FIRST_YEAR + YEARS}-juesuan"))
    relative = folder.relative_to(extra)
    shutil.copytree(folder, project / "data" / relative)
    shutil.rmtree(extra)
    return relative.as_posix()


def measure(size: int, work: Path, checkpoint: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """All measurements for one size; ``checkpoint`` gets the steps done so far after each one."""
    done: dict[str, Any] = {"complete": False}
    say(f"{size}: generating the corpus")
    project, count = new_project(work, size)
    say(f"{size}: cold build of {count} disclosures")
    cold = done["cold"] = build(project)
    checkpoint(done)
    say(f"{size}: plain MkDocs on the same content/")
    plain = done["plain_mkdocs"] = build(project, "--plain-mkdocs")
    checkpoint(done)
    say(f"{size}: rebuild, data unchanged")
    unchanged = done["unchanged_rebuild"] = build(project)
    checkpoint(done)
    say(f"{size}: rebuild after adding one disclosure")
    added = add_one_disclosure(project, work)
    add_one = build(project)
    site = project / "build"
    first = sorted((project / "data" / "disclosures").glob("*/*/*-juesuan"))[YEARS - 1]  # a latest 决算
    page = first.relative_to(project / "data" / "disclosures").as_posix() + "/"
    cold_s, plain_s = cold["total_s"], plain["total_s"]
    result = {
        "complete": True,
        "disclosures": count,
        "cold": cold,
        "plain_mkdocs": plain,
        "unchanged_rebuild": unchanged,
        "add_one_rebuild": {**add_one, "added": added},
        "ratios": {
            "cold_to_plain_mkdocs": cold_s / plain_s,
            "unchanged_to_plain_mkdocs": unchanged["total_s"] / plain_s,
            "add_one_to_cold": add_one["total_s"] / cold_s,
        },
        "ratios_cpu": {  # the same on CPU seconds: steadier than wall time when others share the machine
            "cold_to_plain_mkdocs": cold["cpu_s"] / plain["cpu_s"],
            "unchanged_to_plain_mkdocs": unchanged["cpu_s"] / plain["cpu_s"],
            "add_one_to_cold": add_one["cpu_s"] / cold["cpu_s"],
        },
        "pages_per_s": cold["pages"] / cold_s,
        "charts_per_s": cold["charts"] / max(cold["stages_s"]["charts"], 1e-9),
        "page_weight": page_weight(site, page),
        "search": search_measures(site),
    }
    shutil.rmtree(project / "build-plain", ignore_errors=True)
    return result


STAGES = ("inputs", "load", "check", "render", "aggregate", "charts", "write", "mkdocs")


def _cpu(build: dict[str, Any]) -> str:
    return f"{build['total_s']:.1f}; {build['cpu_s']:.1f}" if "cpu_s" in build else f"{build['total_s']:.1f}; –"


def _ratio(r: dict[str, Any], key: str, percent: bool = False) -> str:
    """A ratio on wall time and on CPU time ("–" where CPU time was not recorded)."""
    values = [r["ratios"][key], r.get("ratios_cpu", {}).get(key)]
    shown = [("–" if v is None else f"{100 * v:.0f} %" if percent else f"{v:.2f}×") for v in values]
    return "; ".join(shown)


def rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    """The printed table's lines for one size: (label, value)."""
    cold, search = r["cold"], r["search"]
    builds = ("cold", "plain_mkdocs", "unchanged_rebuild", "add_one_rebuild")
    return [
        ("disclosures", f"{r['disclosures']}"),
        ("pages / charts", f"{cold['pages']} / {cold['charts']}"),
        (
            "  of which unit, browse, compare pages / charts",
            f"{cold.get('aggregate_pages', '–')} / {cold.get('aggregate_charts', '–')}",
        ),
        ("cold build (s; CPU s)", _cpu(cold)),
        *((f"  {stage} (s)", f"{cold['stages_s'].get(stage, 0):.1f}") for stage in STAGES),
        ("pages/s, charts/s (cold)", f"{r['pages_per_s']:.1f}, {r['charts_per_s']:.1f}"),
        ("plain MkDocs (s; CPU s)", _cpu(r["plain_mkdocs"])),
        ("cold / plain MkDocs (wall; CPU)", _ratio(r, "cold_to_plain_mkdocs")),
        ("unchanged rebuild (s; CPU s)", _cpu(r["unchanged_rebuild"])),
        ("unchanged / plain MkDocs (wall; CPU)", _ratio(r, "unchanged_to_plain_mkdocs")),
        ("add one disclosure (s; CPU s)", _cpu(r["add_one_rebuild"])),
        ("add one / cold (wall; CPU)", _ratio(r, "add_one_to_cold", percent=True)),
        ("peak RSS MB: cold, plain, unchanged, add one", ", ".join(f"{r[b]['peak_rss_mb']:.0f}" for b in builds)),
        ("disclosure page, gzip (KB)", f"{r['page_weight']['gzip_bytes'] / 1024:.0f}"),
        ("search recall, lowest of the queries", f"{100 * search['recall_min']:.1f} %"),
        ("first search, gzip (KB)", f"{search['first_search_gzip_bytes'] / 1024:.0f}"),
        ("later searches, median / max (KB)", _later(search)),
        ("search index on disk (MB)", f"{search['bundle']['bytes'] / 1024 / 1024:.1f}"),
        ("indexing (s; peak RSS MB)", f"{search['indexing']['seconds']:.1f}; {search['indexing']['peak_rss_mb']:.0f}"),
    ]


def _later(search: dict[str, Any]) -> str:
    median, most = search["later_search_median_gzip_bytes"], search["later_search_max_gzip_bytes"]
    return f"{median / 1024:.0f} / {most / 1024:.0f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    sizes = list(results)
    columns = [rows(results[size]) for size in sizes]
    lines = ["| measure | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for index, (label, _) in enumerate(columns[0]):
        lines.append(f"| {label} | " + " | ".join(column[index][1] for column in columns) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--large", action="store_true", help="also 10,000 disclosures")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    parser.add_argument("--work", type=Path, default=PROJECT / ".gongkai" / "bench")
    parser.add_argument("--table", type=Path, help="only print the table of an earlier results file")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))["results"]))
        return
    sizes = args.sizes + ([10000] if args.large and 10000 not in args.sizes else [])
    info = machine()
    results: dict[str, dict[str, Any]] = {}

    def save(size: int, partial: dict[str, Any]) -> None:
        document = {"machine": info, "results": {**results, str(size): partial}}
        args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    for size in sizes:
        results[str(size)] = measure(size, args.work, functools.partial(save, size))
        save(size, results[str(size)])
    print(
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, load {info['load_average_at_start']}"
    )
    print(table(results))
    print(f"Results written to {args.out}")


if __name__ == "__main__":
    main()
