"""Charts drawn as Dask tasks: the same bytes whatever the number of workers, on a local or given cluster."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from distributed import LocalCluster

from gongkai import chart_render, cluster
from gongkai.chart_cache import ChartCache
from gongkai.chart_render import draw_charts
from gongkai.charts import ChartData, Datum
from gongkai.cluster import Engine
from gongkai.diagnostics import BuildFailed
from test_charts import SCORES, SPENDING, TOTALS

pytestmark = pytest.mark.e2e  # starts Dask clusters of worker processes

MORE = ChartData("fig5", "图5", "一般公共预算财政拨款支出决算变动情况", "grouped-bar", "万元", TOTALS.data[2:3])
FUNDS = ChartData(
    "funds", "", "资金预算执行情况", "bar", "万元", (Datum("全年预算数", "", Decimal("2.52"), "2.52", "t"),)
)
JOBS = [(f"page{i}/chart.svg", chart) for i, chart in enumerate((TOTALS, SPENDING, SCORES, MORE, FUNDS))]


def _draw(folder: Path, engine: Engine = cluster.LOCAL) -> dict[str, bytes]:
    return dict(draw_charts(JOBS, ChartCache(folder), lambda done, total: None, engine))


def _worker_pid(_: int) -> int:
    time.sleep(0.2)  # long enough for both workers to take tasks
    return os.getpid()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """An existing cluster of two worker processes, as `dask scheduler` + `dask worker` would give."""
    with LocalCluster(  # type: ignore[no-untyped-call]  # distributed is not annotated
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as running:
        yield running.scheduler_address


@pytest.fixture(autouse=True)
def one_chart_per_task(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spread even a few charts over the workers."""
    monkeypatch.setattr(chart_render, "BATCH", 1)
    monkeypatch.setattr(chart_render, "PARALLEL_CHARTS_MIN", 1)


def test_one_process_and_two_workers_of_a_given_cluster_draw_the_same_bytes(scheduler: str, tmp_path: Path) -> None:
    alone = _draw(tmp_path / "one", Engine(workers=1))
    shared = _draw(tmp_path / "two", Engine(scheduler=scheduler))
    assert shared == alone
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in (tmp_path / "one").iterdir())


def test_by_default_a_local_cluster_of_the_requested_worker_processes_runs_the_tasks() -> None:
    pids = set(cluster.run_tasks(_worker_pid, range(8), cluster.LOCAL, workers=2))
    assert len(pids) == 2 and os.getpid() not in pids


def test_the_stages_of_a_build_share_one_local_cluster_started_once() -> None:
    with cluster.session(cluster.LOCAL):
        first = set(cluster.run_tasks(_worker_pid, range(8), cluster.LOCAL, workers=2))
        second = set(cluster.run_tasks(_worker_pid, range(8), cluster.LOCAL, workers=2))
    assert len(first) == 2 and second == first


def test_an_unreachable_scheduler_fails_the_build_with_a_chinese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(BuildFailed, match=r"无法连接 Dask 调度器 tcp://127\.0\.0\.1:9"):
        _draw(tmp_path, Engine(scheduler="tcp://127.0.0.1:9"))
