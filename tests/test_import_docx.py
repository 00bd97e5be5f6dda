"""``gongkai import docx``: the running text of a disclosure from a Word document, by its headings."""

from __future__ import annotations

from pathlib import Path

import docx

from gongkai.importers.docx import import_docx
from gongkai.load import load_corpus
from import_helpers import data_folder, error_code, only_disclosure, run_import


def _document(path: Path) -> Path:
    document = docx.Document()
    for text, style in [
        ("平安县民政局", "Title"),
        ("2024年度部门决算公开", "Title"),
        ("第一部分 概况", "Heading 1"),
        ("一、部门职责", "Heading 2"),
        ("负责全县社会救助工作。", None),
        ("第三部分 情况说明", "Heading 1"),
        ("一、收入支出决算总体情况说明", "Heading 2"),
        ("2024年度收入总计120.50万元。", None),
        ("第四部分 名词解释", "Heading 1"),
        ("一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。", None),
    ]:
        document.add_paragraph(text, style=style)
    document.add_paragraph("第二部分 决算表", style="Heading 1")
    document.add_paragraph("一般公共预算财政拨款支出决算表")
    document.add_paragraph("公开05表")
    table = document.add_table(rows=0, cols=5)
    for values in [
        ("项目", "", "本年支出", "", ""),
        ("科目代码", "科目名称", "小计", "基本支出", "项目支出"),
        ("合计", "", "120.50", "100.00", "20.50"),
        ("208", "社会保障和就业支出", "120.50", "100.00", "20.50"),
    ]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 2).merge(table.cell(0, 4))
    document.add_paragraph("注：本表反映部门本年度一般公共预算财政拨款支出情况。")
    document.save(str(path))
    return path


def test_document_imports_text_parts_and_a_word_table(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    out = data / "disclosures/mou-sheng-pingan/pingan-minzhengju/2024-juesuan"
    assert run_import("docx", _document(tmp_path / "说明.docx"), "--out", out) == 0
    disclosure = only_disclosure(load_corpus(data))
    assert (disclosure.unit.name, disclosure.year) == ("平安县民政局", 2024)
    assert disclosure.parts == ("概况", "决算表", "情况说明", "名词解释")
    rows = disclosure.tables["05"].rows
    assert [(r.code, r.name, r.cells["项目支出"].raw) for r in rows] == [
        ("", "合计", "20.50"),
        ("208", "社会保障和就业支出", "20.50"),
    ]
    assert disclosure.explanations[0].paragraphs == ("2024年度收入总计120.50万元。",)
    assert disclosure.glossary[0].term == "财政拨款收入"


def test_corrupt_document_gives_a_coded_message(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK\x03\x04 not really a document")
    assert error_code(import_docx, path) == "import-docx-corrupt"
