"""``gongkai import pdf``: the sample PDFs import with every table their 目录 lists, every imported
cell equal to the PDF's own table cell (round trip), the import report, and the coded errors."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from gongkai.diagnostics import InputError
from gongkai.importers.command import run
from gongkai.importers.pdf import import_pdf
from gongkai.importers.pdf_grid import AMOUNT_LIKE
from gongkai.importers.report import finish_report
from gongkai.importers.result import ImportedDisclosure
from gongkai.load import load_corpus
from gongkai.rules import check_corpus
from import_helpers import SAMPLES_PDF

SAMPLES = SAMPLES_PDF
PDFS = {
    "template-juesuan-2024.pdf": ("决算", 9),
    "putuo-caizhengju-2024-juesuan.pdf": ("决算", 9),
    "putuo-shangwuwei-2025-yusuan-bumen.pdf": ("预算", 9),
    "putuo-shangwuwei-2025-yusuan-danwei.pdf": ("预算", 9),
}
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples-pdf/ is not there")
_cache: dict[str, ImportedDisclosure] = {}


def _imported(name: str) -> ImportedDisclosure:
    if name not in _cache:
        _cache[name] = import_pdf((SAMPLES / name).read_bytes(), name)
    return _cache[name]


def _pdf_amounts(name: str) -> Counter[tuple[int, str]]:
    """Every amount cell of every ruled table of the PDF, with its page, as pdfplumber prints it."""
    found: Counter[tuple[int, str]] = Counter()
    with pdfplumber.open(SAMPLES / name) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                for row in table:
                    for cell in row:
                        text = (cell or "").strip()
                        if AMOUNT_LIKE.match(text):
                            found[number, text] += 1
    return found


@needs_samples
@pytest.mark.e2e  # imports whole PDFs
@pytest.mark.parametrize("name", sorted(PDFS))
def test_every_table_the_toc_lists_is_imported(name: str) -> None:
    out = _imported(name)
    kind, tables = PDFS[name]
    assert out.identity.kind == kind and out.identity.year in (2024, 2025)
    assert len(out.tables) == tables, out.summary
    assert not [d for d in out.diagnostics if d.code in ("import-table-missing", "import-table-not-in-document")]
    assert out.summary[0].startswith(f"目录列出的表：{tables} 张；已导入的表：{tables} 张")


@needs_samples
@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(PDFS))
def test_round_trip_every_imported_amount_is_the_pdf_cell_on_its_page(name: str) -> None:
    out = _imported(name)
    imported: Counter[tuple[int, str]] = Counter()
    for table in out.tables:
        page_at = table.header.index("页码")
        for row in table.rows:
            for cell in row:
                if AMOUNT_LIKE.match(cell):
                    imported[int(row[page_at]), cell] += 1
    assert imported == _pdf_amounts(name)


@pytest.mark.e2e
@needs_samples
def test_national_tables_map_cell_by_cell() -> None:
    out = _imported("putuo-caizhengju-2024-juesuan.pdf")
    tables = {t.id: t for t in out.tables}
    t02 = tables["02"]
    row = next(r for r in t02.rows if r[1] == "2010601")
    assert dict(zip(t02.header, row, strict=True)) | {} == {
        "页码": "8",
        "科目代码": "2010601",
        "科目名称": "行政运行",
        "本年收入合计": "1,511.90",
        "财政拨款收入": "1,511.89",
        "上级补助收入": "",
        "事业收入": "",
        "经营收入": "",
        "附属单位上缴收入": "",
        "其他收入": "0.01",
    }
    t06 = tables["06"]
    names = [r[2] for r in t06.rows]
    assert names.index("人员经费合计") < names.index("商品和服务支出") and names[-1] == "公用经费合计"
    assert tables["09"].rows == [
        ["18", "预算数", "0.95", "", "", "", "", "0.95"],
        ["18", "决算数", "", "", "", "", "", ""],
    ]
    assert tables["01"].pages == [6, 7] and tables["04"].header[:4] == ("页码", "收支", "项目", "合计")
    assert out.identity.unit_name == "上海市普陀区财政局" and out.identity.title == "上海市普陀区财政局2024年度部门决算"
    assert "金额：原文中两位小数的金额 266 个，已写入数据文件 266 个（100.0%）" in out.summary
    text = json.dumps([s.as_doc() for s in out.explanations], ensure_ascii=False)
    assert "年初预算为1560.05万元，支出决算为1511.89万元" in text  # numbers stay in their sentence


def _args(file: Path, out: Path, *extra: str) -> argparse.Namespace:
    from gongkai.cli import _parser

    return _parser().parse_args(["import", "pdf", str(file), "--out", str(out), *extra])


@needs_samples
@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(PDFS))
def test_imported_pdfs_load_and_check(name: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "site.yaml").write_text("title: 测试\n", encoding="utf-8")
    written, _, report = run(_args(SAMPLES / name, data))
    assert any(p.name == "disclosure.yaml" for p in written) and report
    folder = next(p.parent for p in written if p.name == "disclosure.yaml")
    assert folder.parent.parent.name == "shanghai-putuo" or "xx" in folder.parent.name
    corpus = load_corpus(data)
    check_corpus(corpus)


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        import_pdf(b"hello", "x.pdf")
    assert raised.value.diagnostics[0].code == "import-pdf-corrupt"


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        import_pdf(b"%PDF-1.4\n garbage without objects", "x.pdf")
    assert raised.value.diagnostics[0].code in ("import-pdf-corrupt", "import-pdf-no-text")


def _blank_pdf(pages: int) -> bytes:
    """A minimal valid PDF of blank pages (no text)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>"]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    body, offsets = b"%PDF-1.4\n", []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{text}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def test_a_scan_without_text_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        import_pdf(_blank_pdf(1), "scan.pdf")
    assert raised.value.diagnostics[0].code == "import-pdf-no-text"


def test_an_absurdly_long_pdf_is_refused_before_reading_its_pages() -> None:
    with pytest.raises(InputError) as raised:
        import_pdf(_blank_pdf(301), "long.pdf")
    assert raised.value.diagnostics[0].code == "import-pdf-too-large"


def _missing_table_import(data: bytes, file: str) -> ImportedDisclosure:
    """A document whose 目录 lists 公开02表, printed in the body but not understood, and 公开03表, absent."""
    out = ImportedDisclosure(file, toc=["二、收入决算表", "三、支出决算表"], titles_seen={"02"})
    out.identity.unit_name, out.identity.year, out.identity.kind = "上海市普陀区测试局", 2024, "决算"
    finish_report(out, [], [])
    return out


def test_a_listed_table_not_imported_stops_the_import_unless_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gongkai.importers.pdf.import_pdf", _missing_table_import)
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF")
    out = tmp_path / "data/disclosures/shanghai-putuo/putuo-ceshiju/2024-juesuan"
    with pytest.raises(InputError) as raised:
        run(_args(source, out))
    assert [d.code for d in raised.value.diagnostics] == ["import-table-missing"] and not out.exists()
    written, warnings, report = run(_args(source, out, "--partial"))
    assert {d.code for d in warnings} == {"import-table-missing", "import-table-not-in-document"}
    assert report[0] == "目录列出的表：2 张；已导入的表：0 张；未导入：公开02表、公开03表" and written
