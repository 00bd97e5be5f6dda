"""``gongkai import xlsx``: small workbooks in the published layout, and workbooks that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.importers.source import OLE_SIGNATURE
from gongkai.importers.xlsx import import_xlsx
from gongkai.load import load_corpus
from import_helpers import data_folder, error_code, only_disclosure, run_import, workbook


def _workbook(path: Path) -> Path:
    book, sheet = workbook("公开05")
    sheet.append(["一般公共预算财政拨款支出决算表"])
    sheet.append(["部门名称：平安县民政局"])
    sheet.append(["2024年度"])
    sheet.append(["金额单位：万元"])
    sheet.append(["项目", None, "本年支出", None, None])
    sheet.merge_cells("A5:B5")
    sheet.merge_cells("C5:E5")
    sheet.append(["科目代码", "科目名称", "小计", "基本支出", "项目支出"])
    sheet.append(["栏次", None, 1, 2, 3])
    sheet.append(["合计", None, 120.5, 100, "20.50"])
    sheet.append(["208", "社会保障和就业支出", 120.5, 100, "20.50"])
    sheet.append([20802, "民政管理事务", 120.5, 100, "20.50"])
    for row in sheet.iter_rows(min_row=8, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "0.00"
    sheet.append(["注：本表反映部门本年度一般公共预算财政拨款支出情况。"])
    empty = book.create_sheet("政府性基金预算财政拨款收入支出决算表")
    empty.append(["政府性基金预算财政拨款收入支出决算表"])
    empty.append(
        ["科目代码", "科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"]
    )
    empty.append(["合计"])
    empty.append(["说明：本表无数据"])
    book.create_sheet("封面").append(["平安县民政局2024年度部门决算"])
    book.save(path)
    return path


def test_workbook_imports_merged_headers_numbers_and_text_amounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _workbook(tmp_path / "决算.xlsx")
    data = data_folder(tmp_path)
    out = data / "disclosures/mou-sheng-pingan/pingan-minzhengju/2024-juesuan"
    assert run_import("xlsx", book, "--out", out) == 0
    report = capsys.readouterr().out  # the import report, as for a PDF
    assert "目录：文件中没有目录；已导入的表：2 张" in report and "已写入数据文件 9 个（100.0%）" in report
    disclosure = only_disclosure(load_corpus(data))
    assert disclosure.unit.name == "平安县民政局"
    rows = disclosure.tables["05"].rows
    assert [(r.code, r.name) for r in rows] == [("", "合计"), ("208", "社会保障和就业支出"), ("20802", "民政管理事务")]
    assert [rows[0].cells[c].raw for c in ("合计", "基本支出", "项目支出")] == ["120.50", "100.00", "20.50"]
    assert disclosure.tables["05"].notes == ("注：本表反映部门本年度一般公共预算财政拨款支出情况。",)
    fund = disclosure.tables["07"]
    assert fund.no_data and fund.notes == ("说明：本表无数据",)


def test_encrypted_workbook_is_recognised_by_its_signature(tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64)
    assert error_code(import_xlsx, path) == "import-xlsx-encrypted"


def test_corrupt_workbook_gives_a_coded_message(tmp_path: Path) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated download")
    assert error_code(import_xlsx, path) == "import-xlsx-corrupt"


def test_workbook_without_any_table_sheet_is_not_a_disclosure(tmp_path: Path) -> None:
    book = Workbook()
    book.save(tmp_path / "空.xlsx")
    assert error_code(import_xlsx, tmp_path / "空.xlsx") == "import-not-a-disclosure"


def test_formula_saved_without_its_result_is_reported_not_guessed(tmp_path: Path) -> None:
    book, sheet = workbook("公开08")
    sheet.append(["科目代码", "科目名称", "合计", "基本支出", "项目支出"])
    sheet.append(["合计", None, "=D2+E2", 1, 2])
    sheet.append(["注：示例。"])
    book.save(tmp_path / "公式.xlsx")
    imported = import_xlsx(tmp_path / "公式.xlsx")
    assert imported.tables[0].rows == [["", "合计", "", "1", "2"]]
    assert [(d.code, d.location.column) for d in imported.diagnostics] == [("import-cell-not-amount", "C2")]
