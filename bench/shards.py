"""Benchmark of sharded builds (gongkai build --shard-by region): one MkDocs site per region plus a top site.

    python bench/shards.py [--sizes 100 300] [--out bench/shards.json] [--work DIR] [--search]

For each size (synthetic corpus, as bench/run.py): a cold sharded build (2 local workers), plain MkDocs
on the same content/ as one site (the floor), an unchanged rebuild, a rebuild after adding one
disclosure, and the shards alone built again (charts from the cache) with 1 and with 2 workers — their
wall times (the speed-up) and whether the two sites are byte-identical.  Peak RSS is that of the largest
process (the build or a worker).  ``--search`` adds bench/search_eval.py on the sharded site.  Prints a
table and writes the JSON results.  Figures only: nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import add_one_disclosure, build, machine, new_project, say  # noqa: E402
from search_eval import evaluate as search_measures  # noqa: E402

from gongkai.shards import FOLDER  # noqa: E402

SHARDED = ("--shard-by", "region")


def _tree(folder: Path) -> dict[str, bytes]:
    root = folder.resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _shards_only(project: Path, workers: int) -> dict[str, Any]:
    """Every shard built again (the recorded shard outputs removed; charts and content unchanged)."""
    shutil.rmtree(project / FOLDER)
    return build(project, *SHARDED, "--force", "--workers", str(workers))


def measure(size: int, work: Path, search: bool) -> dict[str, Any]:
    say(f"{size}: generating the corpus")
    project, count = new_project(work, size)
    say(f"{size}: cold sharded build of {count} disclosures")
    cold = build(project, *SHARDED)
    say(f"{size}: plain MkDocs on the same content/, as one site")
    plain = build(project, "--plain-mkdocs")
    shutil.rmtree(project / "build-plain", ignore_errors=True)
    say(f"{size}: unchanged rebuild")
    unchanged = build(project, *SHARDED)
    say(f"{size}: shards alone, 1 worker, then 2")
    one = _shards_only(project, 1)
    one_site = _tree(project / "build")
    two = _shards_only(project, 2)
    identical = _tree(project / "build") == one_site
    del one_site
    say(f"{size}: add one disclosure")
    added = add_one_disclosure(project, work)
    add_one = build(project, *SHARDED)
    shards = sum(1 for _ in (project / FOLDER).iterdir())
    result = {
        "disclosures": count,
        "shards": shards,
        "cold": cold,
        "plain_mkdocs": plain,
        "unchanged_rebuild": unchanged,
        "add_one_rebuild": {**add_one, "added": added},
        "shards_1_worker": one,
        "shards_2_workers": two,
        "identical_1_and_2_workers": identical,
        "ratios_cpu": {
            "cold_to_plain_mkdocs": cold["cpu_s"] / plain["cpu_s"],
            "unchanged_to_plain_mkdocs": unchanged["cpu_s"] / plain["cpu_s"],
            "add_one_to_cold": add_one["cpu_s"] / cold["cpu_s"],
        },
        "ratios_wall": {
            "add_one_to_cold": add_one["total_s"] / cold["total_s"],
            "speed_up_2_workers": one["total_s"] / two["total_s"],
        },
    }
    if search:
        say(f"{size}: search")
        result["search"] = search_measures(project / "build")
    return result


def rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    def wall_cpu(b: dict[str, Any]) -> str:
        return f"{b['total_s']:.1f}; {b['cpu_s']:.1f}"

    cpu, wall = r["ratios_cpu"], r["ratios_wall"]
    builds = ("cold", "plain_mkdocs", "unchanged_rebuild", "add_one_rebuild", "shards_1_worker", "shards_2_workers")
    lines = [
        ("disclosures; shards", f"{r['disclosures']}; {r['shards']}"),
        ("pages / charts", f"{r['cold']['pages']} / {r['cold']['charts']}"),
        ("cold sharded build (s; CPU s)", wall_cpu(r["cold"])),
        ("  charts, mkdocs (shards), stitch + index (s)", _stages(r["cold"], "charts", "mkdocs", "stitch")),
        ("plain MkDocs, one site (s; CPU s)", wall_cpu(r["plain_mkdocs"])),
        ("cold / plain MkDocs (CPU)", f"{cpu['cold_to_plain_mkdocs']:.2f}×"),
        ("unchanged rebuild (s; CPU s)", wall_cpu(r["unchanged_rebuild"])),
        ("unchanged / plain MkDocs (CPU)", f"{cpu['unchanged_to_plain_mkdocs']:.3f}×"),
        ("add one disclosure (s; CPU s)", wall_cpu(r["add_one_rebuild"])),
        ("  mkdocs (2 shards), stitch + index (s)", _stages(r["add_one_rebuild"], "mkdocs", "stitch")),
        ("add one / cold (wall; CPU)", f"{100 * wall['add_one_to_cold']:.0f} %; {100 * cpu['add_one_to_cold']:.0f} %"),
        (
            "shards alone: 1 worker, 2 workers (s)",
            f"{r['shards_1_worker']['total_s']:.1f}, {r['shards_2_workers']['total_s']:.1f}",
        ),
        ("speed-up with 2 workers (wall)", f"{wall['speed_up_2_workers']:.2f}×"),
        ("site byte-identical with 1 and 2 workers", "yes" if r["identical_1_and_2_workers"] else "NO"),
        (
            "peak RSS MB (largest process): " + ", ".join(builds),
            ", ".join(f"{r[b]['peak_rss_mb']:.0f}" for b in builds),
        ),
    ]
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
    parser.add_argument("--out", type=Path, default=BENCH / "shards.json")
    parser.add_argument("--work", type=Path, default=BENCH.parent / ".gongkai" / "bench-shards")
    parser.add_argument("--search", action="store_true", help="also measure the search of the sharded site")
    args = parser.parse_args()
    info = machine()
    results: dict[str, dict[str, Any]] = {}
    for size in args.sizes:
        results[str(size)] = measure(size, args.work, args.search)
        document = {"machine": info, "results": results}
        args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    columns = {size: rows(r) for size, r in results.items()}
    first = next(iter(columns.values()))
    print("| measure | " + " | ".join(columns) + " |\n|---|" + "---:|" * len(columns))
    for index, (label, _) in enumerate(first):
        print(f"| {label} | " + " | ".join(column[index][1] for column in columns.values()) + " |")


if __name__ == "__main__":
    main()
