"""``gongkai import text`` on the national templates: a text copied from a published PDF (no 公开NN
labels, headings wrapped over lines, a year on a line of its own) is read by the same table
recogniser as the PDF, with its 目录, 情况说明 and import report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.importers.text import import_text
from gongkai.tables import PAGE, SPECS
from import_helpers import DATA, FIXTURES, data_folder, run_import

JUESUAN = FIXTURES / "putuo-caizhengju-2024-juesuan.txt"  # copy_pdf_text.py of the sample PDF
YUSUAN = FIXTURES / "putuo-shangwuwei-2025-yusuan-bumen.txt"
PDF_IMPORT = DATA / "disclosures/shanghai-putuo/putuo-caizhengju/2024-juesuan"  # the PDF's import


def test_national_final_account_text_gives_every_table_and_the_explanations() -> None:
    imported = import_text(JUESUAN)
    assert sorted(t.id for t in imported.tables) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert imported.parts == ["概况", "决算表", "情况说明", "名词解释"]
    assert imported.identity.title == "上海市普陀区财政局2024年度部门决算"
    assert len(imported.explanations) == 11 and imported.explanations[0].title == "一、收入支出决算总体情况说明"
    titles = [s.title for s in imported.overview]
    assert titles == ["一、主要职能", "二、部门决算单位构成"]  # no table title as a stray section
    assert imported.summary[0] == "目录列出的表：9 张；已导入的表：9 张"
    assert "已写入数据文件 266 个（100.0%）" in imported.summary[-2]  # every two-decimal amount carried
    assert not [d for d in imported.diagnostics if d.code in ("import-table-missing", "import-table-not-in-document")]


def test_the_text_and_the_pdf_of_one_document_give_the_same_table_cells() -> None:
    for table in import_text(JUESUAN).tables:
        if not table.rows:
            continue
        text = (PDF_IMPORT / SPECS[table.id].file).read_text(encoding="utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(text)))
        keep = [i for i, column in enumerate(header) if column != PAGE]
        assert table.header == tuple(header[i] for i in keep), table.id
        assert table.rows == [[row[i] for i in keep] for row in rows], table.id


def test_budget_text_without_part_headings_gives_its_tables_and_parts() -> None:
    imported = import_text(YUSUAN)
    assert sorted(t.id for t in imported.tables) == [f"Y0{n}" for n in range(1, 10)]
    assert imported.identity.title == "上海市普陀区商务委员会2025年度部门预算"
    assert imported.parts == ["概况", "预算表", "情况说明", "名词解释"]
    assert {t.unit for t in imported.tables if t.id != "Y09"} == {"元"}
    assert imported.summary[0] == "目录列出的表：9 张；已导入的表：9 张"


def test_imported_national_text_loads_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_folder(tmp_path)
    assert run_import("text", JUESUAN, "--out", data) == 0
    assert "已导入的表：9 张" in capsys.readouterr().out
    assert main(["check", "--data", str(data)]) in (0, 1)  # findings of the document, no input error
    assert "输入错误" not in capsys.readouterr().err


LISTED_TWO = (
    "目录\n第一部分 概况\n第二部分 决算表\n一、收入决算表\n二、支出决算表\n"
    "第一部分 概况\n一、职能\n负责本部门工作。\n第二部分 决算表\n收入决算表\n单位：万元\n"
    "项目 本年收入合计 财政拨款收入\n合计 10.00 10.00\n"
)


def test_a_listed_table_printed_but_not_understood_stops_a_text_import_unless_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.txt"
    source.write_text(LISTED_TWO, encoding="utf-8")
    data = data_folder(tmp_path)
    assert run_import("text", source, "--out", data, "--unit-name", "某县测试局") == 1
    assert "import-table-missing" in capsys.readouterr().err and not list((data / "disclosures").iterdir())
    assert run_import("text", source, "--out", data, "--unit-name", "某县测试局", "--year", "2024", "--partial") == 0
    captured = capsys.readouterr()
    assert "import-table-not-in-document" in captured.err  # 支出决算表: listed, not printed
    assert "目录列出的表：2 张；已导入的表：0 张；未导入：公开02表、公开03表" in captured.out
