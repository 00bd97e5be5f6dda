"""Table layouts beyond the county template: the national 部门决算 (no 行次, 收支 halves, more columns
in 08), the 预算 tables Y01–Y09, the source page of each row; they load, check and render."""

from __future__ import annotations

import typing
from decimal import Decimal
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from conftest import copy_project
from gongkai.build import Progress, build_site
from gongkai.load import load_corpus
from gongkai.rules import check_corpus
from gongkai.schema import TableId
from gongkai.tables import SPECS

YUSUAN = "disclosures/test-region/test-unit/2025-yusuan"

NATIONAL_01 = """页码,收支,项目,金额
6,收入,一、一般公共预算财政拨款收入,"2,940.05"
6,收入,本年收入合计,"2,946.25"
6,支出,一、一般公共服务支出,"2,106.66"
7,支出,本年支出合计,"2,940.05"
7,收入,总计,"2,995.39"
7,支出,总计,"2,995.39"
"""

NATIONAL_08 = """页码,科目代码,科目名称,年初结转和结余,本年收入,合计,基本支出,项目支出,年末结转和结余
20,,合计,,,,,,
"""

YUSUAN_DOC = """title: 测试局2025年部门预算
unit: {name: 测试局, slug: test-unit, region: [测试省, 测试市], region_slug: test-region}
year: 2025
kind: 预算
source: {title: 测试局2025年部门预算, file: test.pdf}
tables:
  - {id: "Y01", title: 2025年部门财务收支预算总表, file: tables/yusuan01.csv, unit: 元, pages: [9]}
  - {id: "Y02", title: 2025年部门收入预算总表, file: tables/yusuan02.csv, unit: 元, pages: [10, 11]}
  - {id: "Y09", title: 2025年部门“三公”经费和机关运行经费预算表, file: tables/yusuan09.csv, pages: [21]}
"""

YUSUAN_TABLES = {
    "yusuan01.csv": '页码,收支,项目,合计\n9,收入,一、财政拨款收入,"371,514,655.00"\n9,支出,一、一般公共服务支出,"21,601,733.00"\n',
    "yusuan02.csv": "页码,科目代码,科目名称,合计,财政拨款收入,事业收入,事业单位经营收入,其他收入\n"
    '10,201,一般公共服务支出,"21,601,733.00","21,601,733.00",,,\n'
    '11,20113,商贸事务,"21,601,733.00","21,601,733.00",,,\n',
    "yusuan09.csv": "页码,项目,合计,因公出国（境）费,公务接待费,公务用车购置及运行费小计,公务用车购置费,公务用车运行费,"
    "机关运行经费\n21,预算数,1.00,,1.00,,,,171.01\n",
}


def _data(tmp_path: Path) -> Path:
    data = copy_base(tmp_path)
    (data / DISCLOSURE / "tables/gongkai01.csv").write_text(NATIONAL_01, encoding="utf-8")
    (data / DISCLOSURE / "tables/gongkai08.csv").write_text(NATIONAL_08, encoding="utf-8")
    with (data / DISCLOSURE / "disclosure.yaml").open("a", encoding="utf-8") as doc:
        doc.write('  - {id: "08", title: 国有资本经营预算财政拨款收入支出决算表, file: tables/gongkai08.csv}\n')
    folder = data / YUSUAN
    (folder / "tables").mkdir(parents=True)
    (folder / "disclosure.yaml").write_text(YUSUAN_DOC, encoding="utf-8")
    for name, text in YUSUAN_TABLES.items():
        (folder / "tables" / name).write_text(text, encoding="utf-8")
    return data


def test_schema_table_ids_are_the_specs() -> None:
    assert set(typing.get_args(TableId)) == set(SPECS)


def test_national_and_yusuan_layouts_load_with_pages_sides_and_grouped_amounts(tmp_path: Path) -> None:
    corpus = load_corpus(_data(tmp_path))
    juesuan, yusuan = sorted(corpus.disclosures, key=lambda d: d.year)
    t01 = juesuan.tables["01"]
    assert [c.title for c in t01.columns] == ["金额"]
    income = t01.rows[1]
    assert (income.row_no, income.side, income.page, income.name) == ("", "收入", "6", "本年收入合计")
    cell = income.cells["金额"]
    assert (cell.raw, cell.value, cell.source.page) == ("2,946.25", Decimal("2946.25"), 6)
    assert [c.title for c in juesuan.tables["08"].columns] == list(SPECS["08"].amounts)
    assert sorted(yusuan.tables) == ["Y01", "Y02", "Y09"]
    y09 = yusuan.tables["Y09"]
    assert y09.label == "预算09表" and y09.rows[0].cells["机关运行经费"].raw == "171.01"
    assert yusuan.tables["Y02"].rows[1].cells["合计"].value == Decimal("21601733.00")
    check_corpus(corpus)  # rules read only the columns a table prints: no crash on missing ones


@pytest.mark.e2e
def test_a_build_with_national_and_yusuan_tables_renders_them(tmp_path: Path) -> None:
    paths = copy_project(tmp_path / "site", _data(tmp_path))
    build_site(paths, Progress(False), mkdocs=False)
    pages = {str(p): p.read_text(encoding="utf-8") for p in paths.content.rglob("index.md")}
    page = next(text for text in pages.values() if "预算01表" in text)
    assert "{: #yusuan01 }" in page and 'id="tY01-r' not in page and 'id="ty01-rl' in page
    assert "来源：原文预算01表第9页；" in page and "371,514,655.00" in page
    juesuan = next(text for text in pages.values() if "公开01表 收入支出决算总表（收入）" in text)
    assert "2,946.25" in juesuan and '<th scope="col">行次</th>' not in juesuan.split("公开01表")[1][:2000]
