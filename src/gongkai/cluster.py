"""Where a build's parallel work runs: Dask distributed, on a local cluster or an existing one.

By default a build that has enough charts to draw starts a ``LocalCluster`` of worker processes on
this machine (one per core) and stops it afterwards: no setup.  ``gongkai build --scheduler
tcp://host:8786`` sends the work to an existing cluster instead (``dask scheduler`` on one machine,
``dask worker tcp://host:8786`` on each of the others, every one with gongkai and the CJK fonts
installed; see docs/performance.md).  Tasks are pure functions of their arguments, so the output
does not depend on the number of workers or on which worker ran what.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gongkai.diagnostics import BuildFailed

Item = TypeVar("Item")
Result = TypeVar("Result")

CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True)
class Engine:
    """How a build runs its tasks."""

    scheduler: str | None = None  # address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786
    workers: int | None = None  # worker processes of the local cluster (default: one per core)

    def local_workers(self) -> int:
        return max(1, self.workers or os.cpu_count() or 1)


LOCAL = Engine()  # the default: a local cluster when there is enough work, else this process


@contextlib.contextmanager
def _client(engine: Engine, workers: int) -> Iterator[object]:
    from distributed import Client, LocalCluster

    if engine.scheduler:
        try:
            client = Client(engine.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise BuildFailed(f"无法连接 Dask 调度器 {engine.scheduler}：{exc}") from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # vl-convert draws one chart at a time per process
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def run_tasks(
    function: Callable[[Item], Result], items: Sequence[Item], engine: Engine, *, workers: int
) -> Iterator[Result]:
    """``function`` applied to each item as Dask tasks, results in the order of ``items``.

    ``workers`` is the size of the local cluster to start when no scheduler is given."""
    with _client(engine, workers) as client:
        futures = client.map(function, items, pure=False)  # type: ignore[attr-defined]
        for future in futures:
            yield future.result()
