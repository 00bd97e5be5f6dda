"""The chart stage: SVGs cached by chart data, shareable, written whole, broken entries drawn again."""

from __future__ import annotations

from pathlib import Path

from gongkai.chart_cache import ChartCache, chart_key, is_complete_svg
from gongkai.chart_render import draw_charts, render
from test_charts import SPENDING, TOTALS

JOBS = [("a/charts/fig1.svg", TOTALS), ("a/charts/fig3.svg", SPENDING), ("b/charts/fig1.svg", TOTALS)]


def _draw(cache: ChartCache) -> tuple[dict[str, bytes], int]:
    drawn: list[int] = []
    svgs = dict(draw_charts(JOBS, cache, lambda done, total: drawn.append(done)))
    return svgs, len(drawn)


def test_each_distinct_chart_is_drawn_once_then_taken_from_the_cache(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path / "cache")
    svgs, drawn = _draw(cache)
    assert drawn == 2  # the same chart on two pages is drawn once
    assert svgs["a/charts/fig1.svg"] == svgs["b/charts/fig1.svg"] == render(TOTALS)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        f"{chart_key(c)}.svg" for c in (TOTALS, SPENDING)
    )  # no temporary files left behind
    again, drawn_again = _draw(cache)
    assert drawn_again == 0 and again == svgs


def test_a_cache_folder_shared_by_two_projects_serves_both(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    first, _ = _draw(ChartCache(shared))
    second, drawn = _draw(ChartCache(shared))
    assert drawn == 0 and second == first


def test_an_empty_or_truncated_entry_is_detected_and_drawn_again(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    svgs, _ = _draw(cache)
    entry = tmp_path / f"{chart_key(TOTALS)}.svg"
    for broken in (b"", entry.read_bytes()[:100]):
        entry.write_bytes(broken)
        assert cache.get(chart_key(TOTALS)) is None
        again, drawn = _draw(cache)
        assert drawn == 1 and again == svgs
        assert entry.read_bytes() == svgs["a/charts/fig1.svg"]


def test_only_whole_svg_documents_count_as_complete() -> None:
    assert is_complete_svg(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>\n')
    assert not is_complete_svg(b"")
    assert not is_complete_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><text>')
    assert not is_complete_svg(b"\x00\x00\x00")
