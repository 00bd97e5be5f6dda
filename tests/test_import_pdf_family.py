"""``gongkai import pdf`` on the family of documents, not only the 普陀 PDFs: a county ten-table 决算
(seed 002) printed as an office's Word export (``tests/fixtures/pdf/``, made by
``tests/import_fixtures/seed_pdf.py``) gives the tables of ``gongkai import text`` of the same seed,
cell by cell; and the grid rules each fixture needed, one tiny case each."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gongkai.cli import _parser
from gongkai.importers.command import run
from gongkai.importers.pdf import import_pdf
from gongkai.importers.pdf_grid import Assembled, header_rows, read_rows, roles_for
from gongkai.importers.templates import column_for
from gongkai.load import load_corpus
from gongkai.models import Disclosure
from gongkai.rules import check_corpus
from gongkai.tables import PAGE, SPECS
from import_helpers import SEEDS, data_folder, only_disclosure

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdf"
SEED_002 = SEEDS / "002_f64002770984a7bf.txt"
needs_seeds = pytest.mark.skipif(not SEED_002.is_file(), reason="../shared/seeds/ is not there")


def _import(kind: str, source: Path, out: Path, *extra: str) -> dict[str, list[list[str]]]:
    """The CSV tables ``gongkai import`` writes, without the PDF's 页码 column."""
    args = ["import", kind, str(source), "--out", str(out), "--region", "山西省,长治市,襄垣县", *extra]
    run(_parser().parse_args(args))
    tables = {}
    for path in sorted((out / "tables").glob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        keep = [i for i, column in enumerate(rows[0]) if column != PAGE]
        tables[path.stem] = [[row[i] for i in keep] for row in rows]
    return tables


def _titles(disclosure: Disclosure) -> list[str]:
    """The section titles of 概况 and 情况说明, spaces aside (a PDF's words lose the space of 「(四) 预算…」)."""
    sections = (*(disclosure.overview.sections if disclosure.overview else ()), *disclosure.explanations)
    return [section.title.replace(" ", "") for section in sections]


def _disclosure(folder: Path) -> Disclosure:
    return only_disclosure(load_corpus(folder.parents[3]))


@pytest.fixture(scope="module")
def text_002(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[list[str]]]]:
    out = data_folder(tmp_path_factory.mktemp("text")) / "disclosures" / "r" / "u" / "2023-juesuan"
    return out, _import("text", SEED_002, out)


@needs_seeds
def test_county_ten_table_pdf_gives_the_tables_of_the_text_import_cell_by_cell(
    text_002: tuple[Path, dict[str, list[list[str]]]], tmp_path: Path
) -> None:
    out = data_folder(tmp_path) / "disclosures" / "r" / "u" / "2023-juesuan"
    tables = _import("pdf", PDFS / "seed-002.pdf", out)
    assert tables == text_002[1]
    read, text = _disclosure(out), _disclosure(text_002[0])
    assert (out / "glossary.yaml").read_text(encoding="utf-8").splitlines()[1:] == (
        text_002[0] / "glossary.yaml"
    ).read_text(encoding="utf-8").splitlines()[1:]
    assert _titles(read) == _titles(text)
    assert (read.unit.name, read.year, read.kind) == ("襄垣县信访局", 2023, "决算")
    assert [entry.table for entry in read.contents] == [f"{n:02d}" for n in range(1, 11)]  # 目录 「…表..... 3」
    check_corpus(load_corpus(out.parents[3]))


@needs_seeds
def test_header_not_repeated_over_pages_and_an_unruled_table_is_reported_not_dropped(
    text_002: tuple[Path, dict[str, list[list[str]]]], tmp_path: Path
) -> None:
    out = data_folder(tmp_path) / "disclosures" / "r" / "u" / "2023-juesuan"
    tables = _import("pdf", PDFS / "seed-002-no-repeat-unruled-02.pdf", out, "--partial")
    # 公开02 is printed without ruling lines: pdfplumber finds no cells, the text reader no whole table
    assert tables == {name: rows for name, rows in text_002[1].items() if name != "gongkai02"}
    imported = import_pdf((PDFS / "seed-002-no-repeat-unruled-02.pdf").read_bytes(), "x.pdf")
    missing = [d.message for d in imported.diagnostics if d.code == "import-table-missing"]
    assert missing == ["目录列出的公开02表（收入决算表）在正文中有表名，但表格未能导入"]  # exit 1 without --partial
    share = next(line for line in imported.summary if line.startswith("金额："))
    assert not share.endswith("（100.0%）")  # its figures are counted as not carried


def test_a_row_starting_with_a_subject_code_is_data_even_without_figures() -> None:
    rows: list[list[str | None]] = [["科目代码", "科目名称", "决算数"], ["30310", "个人农业生产补贴", ""]]
    assert header_rows(rows) == 1


def test_an_empty_table_keeps_its_total_line_as_data() -> None:
    assert header_rows([["科目代码", "科目名称", "合计"], ["合计", "", ""]]) == 1
    assert header_rows([["财政拨款“三公”经费", None], ["合计", None], ["", "小计"], ["0.95", ""]]) == 3


def test_county_heads_of_two_sided_and_expense_tables() -> None:
    assert column_for(SPECS["04"], "收入金额") == "合计"  # the county 04's income half prints 金额
    assert column_for(SPECS["05"], "本年支出小计") == "合计"
    roles = roles_for(
        SPECS["04"], ["收入项目", "收入行次", "收入金额", "支出项目", "支出行次", "支出一般公共预算财政拨款"]
    )
    assert roles.columns[-1] == ("amount", 1, "一般公共预算财政拨款")  # …拨款 is an amount, not a 款 code column


def test_a_numbered_blank_line_is_a_row() -> None:
    spec = SPECS["01"]
    heads = ["收入项目", "收入行次", "收入金额", "支出项目", "支出行次", "支出金额"]
    into = Assembled(spec)
    read_rows(spec, roles_for(spec, heads), heads, [["", "9", "", "九、卫生健康支出", "40", "5.62"]], 4, into)
    assert [row["行次"] for row in into.rows()] == ["9", "40"]


def test_a_total_label_printed_across_blocks_keeps_its_figure() -> None:
    spec = SPECS["06"]
    heads = ["人员经费科目代码", "人员经费科目名称", "人员经费决算数"]
    heads += [f"公用经费{h}" for h in ("科目代码", "科目名称", "决算数")] * 2
    row: list[str | None] = ["人员经费合计", "", "136.15", "公用经费合计", "", "", "", "", "13.19"]
    into = Assembled(spec)
    read_rows(spec, roles_for(spec, heads), heads, [row], 12, into)
    assert [(r["科目名称"], r["决算数"]) for r in into.rows()] == [
        ("人员经费合计", "136.15"),
        ("公用经费合计", "13.19"),
    ]


def test_three_public_continued_on_the_next_page_fills_the_same_two_lines() -> None:
    spec = SPECS["09"]
    heads = ["合计预算数", "合计决算数"]
    into = Assembled(spec)
    read_rows(spec, roles_for(spec, heads), heads, [["", ""]], 14, into)
    read_rows(spec, roles_for(spec, heads), heads, [["1.00", "0.50"]], 15, into)
    assert [(r["项目"], r["合计"]) for r in into.rows()] == [("预算数", "1.00"), ("决算数", "0.50")]


def test_section_lines_and_heads_printed_again_inside_a_numbered_table() -> None:
    spec = SPECS["10"]
    heads = ["项目", "行次", "统计数"]
    rows: list[list[str | None]] = [["合计", "1", "18.11"], ["二、机关运行经费", "", ""], ["项目", "", "统计数"]]
    rows.append(["(一) 行政单位", "5", "13.19"])
    into = Assembled(spec)
    read_rows(spec, roles_for(spec, heads), heads, rows, 15, into)
    assert [(r["行次"], r["统计数"]) for r in into.rows()] == [("1", "18.11"), ("5", "13.19")]
    assert into.unplaced == [(15, "二、机关运行经费")]  # listed, not a row
