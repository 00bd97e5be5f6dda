"""Where a build's parallel work runs: Dask distributed, on a local cluster or an existing one.

By default a build that has enough charts to draw or shards to build starts a ``LocalCluster`` of worker
processes on this machine (one per core), once: its stages share it (:func:`session`), and it is
stopped when they are done: no setup.  ``gongkai build --scheduler
tcp://host:8786`` sends the work to an existing cluster instead (``dask scheduler`` on one machine,
``dask worker tcp://host:8786`` on each of the others, every one with gongkai and the CJK fonts
installed; see docs/performance.md).  Tasks are pure functions of their arguments, so the output
does not depend on the number of workers or on which worker ran what.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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


class Session:
    """The Dask client of one build, shared by all its stages: a local cluster is started by the first
    stage that needs one (its workers then keep Altair, vl-convert and MkDocs loaded for the next stage)
    and stopped when the build ends; a given scheduler is connected to once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._stack = contextlib.ExitStack()
        self._client: Any = None
        self._cluster: Any = None

    def client(self, workers: int) -> Any:
        """The client, its local cluster grown to at least ``workers`` worker processes."""
        from distributed import Client, LocalCluster

        if self._client is None and self.engine.scheduler:
            try:
                client = Client(self.engine.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise BuildFailed(f"无法连接 Dask 调度器 {self.engine.scheduler}：{exc}") from None
            self._client = self._stack.enter_context(client)
        elif self._client is None:
            self._cluster = self._stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # vl-convert draws one chart at a time per process
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
            )
            self._client = self._stack.enter_context(Client(self._cluster))
        elif self._cluster is not None and len(self._cluster.workers) < workers:
            self._cluster.scale(workers)
            self._client.wait_for_workers(workers)
        return self._client

    def close(self) -> None:
        self._stack.close()


_current: contextvars.ContextVar[Session | None] = contextvars.ContextVar("gongkai_dask_session", default=None)


@contextlib.contextmanager
def session(engine: Engine) -> Iterator[Session]:
    """One Dask client for every :func:`run_tasks` inside the block (a build's charts and shards): one
    local cluster started at most once, not once per stage."""
    opened = Session(engine)
    token = _current.set(opened)
    try:
        yield opened
    finally:
        _current.reset(token)
        opened.close()


def run_tasks(
    function: Callable[[Item], Result], items: Sequence[Item], engine: Engine, *, workers: int
) -> Iterator[Result]:
    """``function`` applied to each item as Dask tasks, results in the order of ``items``.

    ``workers`` is the size of the local cluster to start when no scheduler is given.  Inside a
    :func:`session` its client is used (and kept); otherwise a client is opened for these tasks alone."""
    shared = _current.get()
    with contextlib.ExitStack() as alone:
        if shared is None or shared.engine != engine:
            shared = Session(engine)
            alone.callback(shared.close)
        futures = shared.client(workers).map(function, items, pure=False)
        for future in futures:
            yield future.result()
