"""Cost of the aggregate pages (unit time series, browse, compare) alone, without charts or MkDocs.

    python bench/aggregate.py [--sizes 100 1000] [--work DIR]

For each size: a synthetic corpus (5 years, seed 1, as bench/run.py), loaded once; then the figure frame
(:func:`gongkai.aggregate.facts`) and every unit, browse and compare page are rendered, and rendered again
after adding one disclosure (the first unit's next-year 决算), reporting seconds, pages and charts and how
many of the pages changed.  `make bench` reports the same stage inside full builds ("aggregate").
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import jinja2

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT / "src"))

from gongkai import markup  # noqa: E402
from gongkai.budget import budget_actual  # noqa: E402
from gongkai.build import aggregate_pages  # noqa: E402
from gongkai.demo.corpus import generate_corpus  # noqa: E402
from gongkai.load import load_corpus  # noqa: E402
from gongkai.render_quality import scores  # noqa: E402
from gongkai.rules import check_corpus  # noqa: E402

YEARS, SEED = 5, 1


def _render(data: Path, env: jinja2.Environment) -> tuple[float, float, dict[str, str], int]:
    corpus = load_corpus(data)
    report = check_corpus(corpus)
    badges, comparisons = {d.folder: "" for d in corpus.disclosures}, budget_actual(corpus)
    graded = scores(corpus, report)
    start = time.perf_counter()
    pages, charts, _ = aggregate_pages(corpus, report, graded, env, badges, comparisons)
    seconds = time.perf_counter() - start
    return seconds, len(corpus.disclosures), {p.path: p.markdown for p in pages}, len(charts)


def measure(size: int, work: Path) -> str:
    data = work / f"aggregate-{size}"
    shutil.rmtree(data, ignore_errors=True)
    generate_corpus(data, PROJECT / "data", units=size // (2 * YEARS), years=YEARS, seed=SEED)
    env = markup.environment()
    seconds, count, pages, charts = _render(data, env)
    first = sorted((data / "disclosures").glob(f"*/*/{2020 + YEARS - 1}-juesuan"))[0]
    shutil.copytree(first, first.parent / f"{2020 + YEARS}-juesuan")
    (first.parent / f"{2020 + YEARS}-juesuan" / "disclosure.yaml").write_text(
        (first / "disclosure.yaml")
        .read_text(encoding="utf-8")
        .replace(f"year: {2020 + YEARS - 1}", f"year: {2020 + YEARS}"),
        encoding="utf-8",
    )
    again, _, after, _ = _render(data, env)
    changed = sum(1 for path, text in after.items() if pages.get(path) != text)
    return f"| {count} | {len(pages)} | {charts} | {seconds:.2f} | {again:.2f} | {changed} of {len(after)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--work", type=Path, default=PROJECT / ".gongkai" / "bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print("| disclosures | aggregate pages | their charts | frame + pages (s) | after adding one (s) | pages changed |")
    print("|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        print(measure(size, args.work), flush=True)


if __name__ == "__main__":
    main()
