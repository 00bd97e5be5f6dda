"""CPU seconds of reading the data (``load_corpus``), the stage that parses every YAML file.

Usage: python bench/load_speed.py [DATA_DIR] [--repeat N] [--profile N]

DATA_DIR defaults to /tmp/benchwork/site-1000/data if it exists, else /tmp/ld/data (made with
``gongkai demo-data --units 50 --years 5 --seed 1 --out /tmp/ld/data``: 500 disclosures).
Prints the best of N runs (CPU seconds of this process, ``time.process_time``) and, with
``--profile N``, the N functions with the most cumulative time of one more run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from gongkai.load import load_corpus

DEFAULT_DATA = (Path("/tmp/benchwork/site-1000/data"), Path("/tmp/ld/data"))


def timed_load(data: Path) -> tuple[float, int]:
    start = time.process_time()
    corpus = load_corpus(data)
    return time.process_time() - start, len(corpus.disclosures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=next((p for p in DEFAULT_DATA if p.is_dir()), None))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if args.data is None:
        parser.error("no data folder; make one with gongkai demo-data (see the usage above)")
    runs = [timed_load(args.data) for _ in range(args.repeat)]
    best, disclosures = min(runs)
    print(f"{args.data}: {disclosures} disclosures, load_corpus best of {args.repeat}: {best:.2f} CPU s")
    print(f"  {1000 * best / disclosures:.1f} CPU ms per disclosure; runs: {', '.join(f'{s:.2f}' for s, _ in runs)}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(load_corpus, args.data)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
