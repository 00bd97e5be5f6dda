"""Wall time of ``gongkai import pdf`` reading one PDF (tables, text, report), and its peak memory.

Usage: python bench/import_pdf.py [PDF ...] [--repeat N]

PDF defaults to the sample 部门决算 (../shared/samples-pdf/putuo-caizhengju-2024-juesuan.pdf, 25
pages; target: a 30-page PDF in ≤ 10 s on the project machine).  Prints pages, wall seconds and CPU
seconds of this process (best of N; on a shared machine the CPU time is what an idle one would
take) and the peak of Python allocations (``tracemalloc``).  Not a test: speed targets live here.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import pdfplumber

from gongkai.importers.pdf import import_pdf

DEFAULT = Path(__file__).resolve().parents[1] / "../shared/samples-pdf/putuo-caizhengju-2024-juesuan.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path, nargs="*", default=[DEFAULT])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for path in args.pdf:
        data = path.read_bytes()
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        best, cpu = float("inf"), float("inf")
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            out = import_pdf(data, path.name)
            best = min(best, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - start_cpu)
        tracemalloc.start()
        import_pdf(data, path.name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{path.name}: {pages} 页, {len(out.tables)} 张表, 最快 {best:.2f} s（CPU {cpu:.2f} s，"
            f"折合 30 页 {cpu / pages * 30:.2f} s）, 内存峰值 {peak / 1e6:.0f} MB"
        )


if __name__ == "__main__":
    main()
