"""预算 beside 决算 on the synthetic corpus: 预算 tables checked, budget against actual computed and shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import PROJECT, BuiltSite, copy_project
from gongkai.budget import budget_actual
from gongkai.build import Progress, build_site
from gongkai.demo.corpus import generate_corpus
from gongkai.figures import budget_charts
from gongkai.load import load_corpus
from gongkai.models import Corpus
from gongkai.rules import check_corpus

pytestmark = pytest.mark.e2e  # generates and checks demo corpora


def _demo(out: Path) -> Path:
    generate_corpus(out, PROJECT / "data", units=2, years=2, seed=7)
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return load_corpus(_demo(tmp_path_factory.mktemp("demo") / "data"))


def test_every_juesuan_with_a_yusuan_of_its_year_is_compared(demo: Corpus) -> None:
    comparisons = budget_actual(demo)
    juesuan = [d for d in demo.disclosures if d.kind == "决算"]
    assert sorted(comparisons) == sorted(d.folder for d in juesuan)
    for folder, ba in comparisons.items():
        assert ba.budget.kind == "预算" and ba.budget.year == ba.actual.year and ba.actual.folder == folder
        total = ba.total
        assert total is not None and total.budget is not None and total.actual is not None
        budget_table, actual_table = ba.budget.table("Y03"), ba.actual.table("03")
        assert budget_table is not None and actual_table is not None
        assert total.budget.cell is budget_table.rows[0].cells["合计"]
        assert total.actual.cell is actual_table.rows[0].cells["本年支出合计"]
        assert total.rate == (total.actual.wan * 100 / total.budget.wan).quantize(Decimal("0.01"))
        assert total.budget.source == "预算03表 合计 栏次1"


def test_budget_charts_come_from_the_budget_tables(demo: Corpus) -> None:
    budget = next(d for d in demo.disclosures if d.kind == "预算")
    keys = [c.key for c in budget_charts(budget)]
    assert keys[:2] == ["income", "kinds"]  # by 功能分类: the page's drill-down (spending.py), not a chart
    assert all(datum.source.startswith("预算0") for chart in budget_charts(budget) for datum in chart.data)
    assert budget_charts(next(d for d in demo.disclosures if d.kind == "决算")) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _misprint(csv: str, prefix: str, column: int) -> Callable[[Path], None]:
    """Add 1.00 to one printed cell of the first line starting with ``prefix``."""

    def edit(folder: Path) -> None:
        path = folder / "tables" / csv
        line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(prefix))
        cells = line.split(",")
        cells[column] = f"{Decimal(cells[column] or '0') + 1:.2f}"
        _edit(path, line, ",".join(cells))

    return edit


@pytest.mark.parametrize(
    ("kind", "edit", "code"),
    [
        ("yusuan", _misprint("yusuan03.csv", ",合计", 2), "budget-row-sum"),
        ("yusuan", _misprint("yusuan05.csv", "201,", 2), "budget-hierarchy-sum"),
        ("yusuan", _misprint("yusuan01.csv", "收入,收入总计", 2), "budget-totals-balance"),
        ("yusuan", _misprint("yusuan02.csv", ",合计", 2), "budget-across-tables"),
        ("yusuan", _misprint("yusuan09.csv", "预算数", 1), "budget-three-public-sum"),
        ("juesuan", _misprint("gongkai09.csv", "预算数", 1), "budget-initial-mismatch"),
    ],
)
def test_budget_rules_find_a_misprint(tmp_path: Path, kind: str, edit: Callable[[Path], None], code: str) -> None:
    data = _demo(tmp_path / "data")
    folder = sorted(data.glob(f"disclosures/*/*/2021-{kind}"))[0]
    before = check_corpus(load_corpus(data)).findings
    assert not [f for f in before[f"data/{folder.relative_to(data).as_posix()}"] if f.code == code]
    edit(folder)
    after = check_corpus(load_corpus(data)).findings[f"data/{folder.relative_to(data).as_posix()}"]
    assert code in {f.code for f in after}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("demo-site")
    paths = copy_project(root / "project", _demo(root / "data"))
    return BuiltSite(paths, build_site(paths, Progress(False)))


def test_juesuan_and_unit_pages_show_budget_against_actual(demo_site: BuiltSite) -> None:
    ba = next(iter(budget_actual(demo_site.result.corpus).values()))
    page = demo_site.html(ba.actual.url.rstrip("/"))
    section = page[page.index('id="zhixing"') :]
    assert '<img src="charts/zhixingbyclass.svg"' in section
    assert "执行率" in section and '<p class="gk-budget-summary">' in section
    assert re.search(rf'href="(\.\./)+{re.escape(ba.budget.url)}#ty03-', section)  # each 预算 figure links to its cell
    unit = demo_site.html(f"{ba.actual.unit.region_slug}/{ba.actual.unit.slug}")
    assert 'id="zhixing"' in unit and "charts/zhixingbyyear.svg" in unit
    assert (demo_site.paths.build / ba.actual.url / "charts" / "zhixingbyclass.svg").is_file()


def test_yusuan_page_has_budget_tables_and_charts(demo_site: BuiltSite) -> None:
    budget = next(d for d in demo_site.result.corpus.disclosures if d.kind == "预算")
    page = demo_site.html(budget.url.rstrip("/"))
    assert "单位预算公开" in page and "预算03表" in page and "收入预算结构（按来源）" in page
    assert "gk-badge--error" not in page  # the demo's 预算 tables agree with each other
