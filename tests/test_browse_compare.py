"""Unit time series, browse (region, 主管部门, function) and compare pages: their figures are the printed cells
of the underlying tables, gaps are gaps, sums and ratios are exact, the CSV opens in Excel."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import PROJECT
from gongkai import build, markup
from gongkai.aggregate import (
    BASIC,
    FUNCTION,
    RUNNING,
    SPENDING,
    STAFF,
    THREE_PUBLIC,
    Fig,
    facts,
    figs,
    region_path,
)
from gongkai.budget import budget_actual
from gongkai.build import Paths, Progress
from gongkai.demo.corpus import generate_corpus
from gongkai.load import load_corpus
from gongkai.models import Corpus, Disclosure
from gongkai.money import amount_attrs, converted, plain
from gongkai.render_browse import _function_page
from gongkai.render_compare import Line, _csv, _ranks, compare_pages
from gongkai.render_quality import scores
from gongkai.render_unit import unit_pages
from gongkai.rules import check_corpus

pytestmark = pytest.mark.e2e  # builds a demo corpus's pages and the sample site

SEED, UNITS, YEARS = 7, 8, 3  # seed 7: the first 8 units include two in 阳朔县 (one compare page, two units)
GAP_FOLDER = "2021-juesuan"  # removed from the first unit: its page must show the gap


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("browse")
    data = root / "data"
    generate_corpus(data, PROJECT / "data", units=UNITS, years=YEARS, seed=SEED)
    first = sorted((data / "disclosures").glob(f"*/*/{GAP_FOLDER}"))[0]
    shutil.rmtree(first)
    return _pages_only(Paths.at(root))


def _pages_only(paths: Paths) -> tuple[Corpus, dict[str, bytes]]:
    """The generated content without rendering charts (the SVG stage is not under test here)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "draw_charts", lambda jobs, *_, **__: {path: b"<svg/>" for path, _ in jobs})
        result = build.generate(paths, Progress(False))
    return result.corpus, dict(result.files)


def _cell(d: Disclosure, table: str, row: str, column: str) -> str:
    t = d.table(table)
    assert t is not None
    r = t.row_by_no(row) or t.row_by_code(row) or t.row_by_name(row)
    assert r is not None
    return r.cells[column].raw.strip()


def _links(page: str, href_part: str) -> dict[str, str]:
    """Figure links on a page: href (containing ``href_part``) → text shown."""
    found = re.findall(r'<a href="([^"]*' + re.escape(href_part) + r'[^"]*)"[^>]*>([^<]*)</a>', page)
    return {html.unescape(h): t for h, t in found}


def test_every_figure_of_the_frame_is_the_printed_cell_as_decimal(demo: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, _ = demo
    frame = facts(corpus.disclosures, {}).figures
    assert frame["value"].dtype == object
    assert all(isinstance(v, Decimal) for v in frame["value"])
    spending = frame[frame["measure"] == SPENDING]
    for d in corpus.disclosures:
        row = spending[spending["folder"] == d.folder].iloc[0]
        printed = _cell(d, "01", "62", "金额") if d.kind == "决算" else _cell(d, "Y03", "合计", "合计")  # 预算03 总计
        assert row["raw"] == printed
        assert row["value"] == Decimal(row["raw"])
    assert set(frame[frame["measure"] == FUNCTION]["code"]) >= {"2010308", "201", "20103"}


def test_function_page_lists_every_units_figure_by_year_and_their_exact_sum(
    demo: tuple[Corpus, dict[str, bytes]],
) -> None:
    corpus, files = demo
    page = files["browse/function/2010308/index.md"].decode()
    links = _links(page, "#t03-r2010308-c1")
    expected = {
        f"../../../{d.url}#t03-r2010308-c1": _cell(d, "03", "2010308", "本年支出合计")
        for d in corpus.disclosures
        if d.table("03") is not None and d.table("03").row_by_code("2010308") is not None  # type: ignore[union-attr]
    }
    assert links == expected
    juesuan = page.split("{: #by-unit-yusuan }")[0]
    totals = re.search(r'<tr class="gk-total">(.*?)</tr>', juesuan)
    assert totals is not None
    for year in range(2020, 2020 + YEARS):
        expected_sum = sum((Decimal(v) for h, v in expected.items() if f"/{year}-juesuan/" in h), Decimal(0))
        assert f'data-wan="{plain(expected_sum)}"' in totals.group(1)
    assert len(re.findall(r"<td ", totals.group(1))) == YEARS


def test_unit_page_shows_each_year_a_gap_for_the_missing_one_and_the_stated_reason(
    demo: tuple[Corpus, dict[str, bytes]],
) -> None:
    corpus, files = demo
    first = sorted({(d.unit.region_slug, d.unit.slug) for d in corpus.disclosures})[0]
    mine = [d for d in corpus.disclosures if (d.unit.region_slug, d.unit.slug) == first]
    page = files[f"{first[0]}/{first[1]}/index.md"].decode()
    for d in mine:
        if d.kind == "决算":
            assert _links(page, f"{d.url}#t01-r62-c2")[f"../../{d.url}#t01-r62-c2"] == _cell(d, "01", "62", "金额")
        else:  # a 预算's spending is its 预算03 总计, linked to that cell
            assert _cell(d, "Y03", "合计", "合计") in _links(page, f"{d.url}#ty03-").values()
    series = page.split("{: #series-2 }", 1)[0]
    assert "未公开" in page and "2021年" in series
    later = next(d for d in mine if (d.year, d.kind) == (2022, "决算"))
    assert "决算情况说明：" in page and "原因：" in page
    assert later.explanations  # the reason shown comes from this year's 情况说明


def test_compare_page_puts_a_regions_units_side_by_side_sorted_with_ranks_and_a_csv(
    demo: tuple[Corpus, dict[str, bytes]],
) -> None:
    corpus, files = demo
    region = "guangxi-guilin-yangshuo"
    page = files[f"compare/{region}/2022/index.md"].decode()
    units = [d for d in corpus.disclosures if d.unit.region_slug == region and (d.year, d.kind) == (2022, "决算")]
    assert len(units) == 2
    shown = _links(page.split("{: #yusuan }")[0], "#t01-r62-c2")
    assert shown == {f"../../../{d.url}#t01-r62-c2": _cell(d, "01", "62", "金额") for d in units}
    values = [Decimal(v) for v in shown.values()]
    assert list(shown.values()) == [str(v) for v in sorted(values, reverse=True)]  # largest first without JS
    assert 'data-sort="spending"' in page and 'data-rank-spending="2"' in page
    data = files[f"compare/{region}/2022/compare.csv"]
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    juesuan = {r["单位"]: r["支出总计（万元）"] for r in rows if r["类型"] == "决算"}
    assert juesuan == {d.unit.name: _cell(d, "01", "62", "金额") for d in units}


def test_the_compare_folder_lists_every_compare_page_by_region_and_year(demo: tuple[Corpus, dict[str, bytes]]) -> None:
    _, files = demo
    compare = {p.removesuffix("index.md") for p in files if re.fullmatch(r"compare/[^/]+/\d{4}/index\.md", p)}
    top = files["compare/index.md"].decode()
    assert {f"compare/{href}" for href in re.findall(r'href="([^"]+/\d{4}/)"', top)} == compare
    for region in {p.split("/")[1] for p in compare}:
        years = files[f"compare/{region}/index.md"].decode()
        listed = {f"compare/{region}/{y}/" for y in re.findall(r'href="\.\./' + region + r'/(\d{4})/"', years)}
        assert listed == {p for p in compare if p.startswith(f"compare/{region}/")}


def test_compare_page_shows_each_disclosures_quality_score_sortable_and_exported(
    demo: tuple[Corpus, dict[str, bytes]],
) -> None:
    corpus, files = demo
    region = "guangxi-guilin-yangshuo"
    graded = scores(corpus, check_corpus(corpus))
    units = [d for d in corpus.disclosures if d.unit.region_slug == region and d.year == 2022]
    page = files[f"compare/{region}/2022/index.md"].decode()
    assert 'data-sort="score"' in page and "质量评分（分）" in page
    for d in units:  # the score links to the disclosure's 核验结果 (where its parts are shown)
        assert f'<a href="../../../{d.url}#checks">{graded[d.folder].score}</a></td></tr>' in page
    juesuan = [d for d in units if d.kind == "决算"]
    assert f'data-rank-score="{len(juesuan)}"' in page  # the best of the 决算 table ranks last (sorted up)
    rows = list(csv.DictReader(io.StringIO(files[f"compare/{region}/2022/compare.csv"].decode("utf-8-sig"))))
    exported = {(r["单位"], r["类型"]): r["质量评分（满分100）"] for r in rows}
    assert exported == {(d.unit.name, d.kind): str(graded[d.folder].score) for d in units}


def test_region_and_department_pages_total_their_units_exactly(demo: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = demo
    d = corpus.disclosures[0]
    for node in region_path(d.unit):
        assert f"browse/region/{node.slug}/index.md" in files
    page = files["browse/region/guangxi-guilin-yangshuo/index.md"].decode()
    units = [x for x in corpus.disclosures if x.unit.region_slug == "guangxi-guilin-yangshuo" and x.year == 2022]
    total = sum((Decimal(_cell(x, "01", "62", "金额")) for x in units if x.kind == "决算"), Decimal(0))
    assert f'data-wan="{format(total.normalize(), "f")}"' in page
    assert any(p.startswith("browse/department/") for p in files)
    assert "compare/guangxi-guilin-yangshuo/2022/" in page


def test_amounts_carry_their_exact_value_in_each_unit() -> None:
    assert converted(Decimal("12.34"), "万元") == {"元": "123400", "万元": "12.34", "亿元": "0.001234"}
    assert converted(Decimal("0.01"), "万元")["亿元"] == "0.000001"
    assert converted(Decimal("123456789"), "元") == {"元": "123456789", "万元": "12345.6789", "亿元": "1.23456789"}
    assert amount_attrs(Decimal("5"), "分") == ""
    assert 'data-yuan="-50000"' in amount_attrs(Decimal("-5.00"), "万元")


def test_sample_site_has_the_browse_pages(built_site_files: dict[str, bytes]) -> None:
    assert "browse/function/2010308/index.md" in built_site_files
    page = built_site_files["browse/function/2010308/index.md"].decode()
    assert "襄垣县信访局" in page and "76.61" in page


@pytest.fixture(scope="module")
def built_site_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from conftest import copy_project

    paths = copy_project(tmp_path_factory.mktemp("sample"))
    return _pages_only(paths)[1]


def test_unit_pages_and_compare_pages_are_deterministic(demo: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, _ = demo
    env = markup.environment()
    f = facts(corpus.disclosures, {})
    again, charts = unit_pages(corpus, env, {}, f, budget_actual(corpus))
    assert [p.markdown for p in again] == [
        p.markdown for p in unit_pages(corpus, env, {}, facts(corpus.disclosures, {}), budget_actual(corpus))[0]
    ]
    assert charts and all(path.endswith(".svg") for path, _ in charts)
    first, csv_files = compare_pages(f, env)
    second, csv_again = compare_pages(facts(corpus.disclosures, {}), env)
    assert [p.markdown for p in first] == [p.markdown for p in second] and csv_files == csv_again


def test_national_01_layout_and_yusuan_tables_feed_the_frame(tmp_path: Path) -> None:
    from test_table_layouts import _data

    corpus = load_corpus(_data(tmp_path))
    frame = facts(corpus.disclosures, {}).figures
    shown = {(f.kind, f.measure): (f.raw, f.value, f.href.split("#")[1]) for f in figs(frame)}
    assert shown["决算", SPENDING][:2] == ("2,995.39", Decimal("2995.39"))  # the 支出 side's 总计, no 行次
    assert shown["预算", THREE_PUBLIC][0] == "1.00" and shown["预算", RUNNING][0] == "171.01"
    assert shown["预算", RUNNING][2].startswith("ty09-")


def _fig(unit: str, measure: str, raw: str, currency: str) -> Fig:
    return Fig("2025-yusuan", f"r/{unit}/2025-yusuan/", "r", unit, unit, unit, 2025, "预算", measure, "", "",
               Decimal(raw.replace(",", "")), raw, currency, f"r/{unit}/2025-yusuan/#t", "预算03")  # fmt: skip


def test_compare_ranks_divides_and_exports_figures_printed_in_yuan_and_wanyuan_in_one_unit() -> None:
    """A 预算 printed in 元 beside one printed in 万元: ranked, divided and exported in 万元, never as printed."""
    in_yuan = Line("甲", "r/甲", "r/甲/2025-yusuan/", _fig("甲", SPENDING, "371,514,655.00", "元"),
                   _fig("甲", BASIC, "19,840,000.00", "元"), None, None, _fig("甲", STAFF, "100", "人"), 0, None)  # fmt: skip
    in_wan = Line("乙", "r/乙", "r/乙/2025-yusuan/", _fig("乙", SPENDING, "50000.00", "万元"), None, None, None, None, 0,
                  None)  # fmt: skip
    assert in_yuan.per_staff == Decimal("371.51")  # 万元 per person, as the column says
    assert in_yuan.basic_share == Decimal("5.34")
    ranks = _ranks([in_yuan, in_wan])["spending"]
    assert ranks == {"r/乙": 2, "r/甲": 1}  # 50,000 万元 is more than 37,151.47 万元
    rows = list(csv.DictReader(io.StringIO(_csv({"预算": [in_wan, in_yuan]}, "某区", 2025).decode("utf-8-sig"))))
    assert [(r["支出总计（万元）"], r["原文金额单位"]) for r in rows] == [("50000.00", "万元"), ("37151.4655", "元")]


def test_a_function_pages_total_adds_figures_printed_in_yuan_and_wanyuan_in_wanyuan() -> None:
    items = [_fig("甲", FUNCTION, "1,000,000.00", "元"), _fig("乙", FUNCTION, "50.00", "万元")]
    items.append(dataclasses.replace(items[1], year=2024, kind="决算"))  # no 预算 in 2024: no total either
    page = _function_page("2010301", {"2010301": "行政运行"}, pd.DataFrame({"fig": items}), [], markup.environment())
    total = page.markdown.split("{: #by-unit-yusuan }", 1)[1].split("合计（本站相加）", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r">([^<]*)</td>", total) == ["—", "150"]  # 100 万元 + 50 万元, not 1,000,050
