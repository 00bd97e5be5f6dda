"""Downloads a reader can open: the workbook (cell for cell the CSVs, exact amounts), the zip, CSVs with a
BOM, the Frictionless descriptor, the site-wide 下载数据 page; all byte-stable."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import BuiltSite
from gongkai.archives import BOM, FIXED_DATE
from gongkai.datapackage import MISSING_VALUES
from gongkai.downloads import bundle_name, disclosure_downloads, size_text
from gongkai.models import Disclosure
from gongkai.tables import SPECS
from gongkai.workbook import HEADER_ROW, MAX_SHEET_NAME, csv_records, sheet_name
from table_fixtures import disclosure, table

XIANGYUAN = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
CSV_03 = ',合计,12345678901234.567,1,"1,234.50",——,,\n201,=HYPERLINK("http://x"),0.10,,,,,\n'


def _tiny() -> tuple[Disclosure, dict[str, bytes]]:
    """A disclosure with one 公开03表: an amount of 17 significant digits, a grouped one, 「——」, a blank and
    a name that looks like a spreadsheet formula."""
    d = disclosure(table("03", CSV_03))
    text = ",".join(SPECS["03"].base_header) + "\n" + CSV_03
    return d, {"tables/gongkai03.csv": text.encode("utf-8")}


def _sheet_xml(workbook: bytes, index: int) -> str:
    return zipfile.ZipFile(io.BytesIO(workbook)).read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_amounts_are_stored_exactly_as_the_decimal_and_shown_with_the_printed_decimals() -> None:
    d, files = _tiny()
    book = disclosure_downloads(d, files, "").files[f"data/{bundle_name(d)}.xlsx"]
    xml = _sheet_xml(book, 2)  # sheet 1 is 说明
    assert "<v>12345678901234.567</v>" in xml  # a float would store 12345678901234.57
    assert "<v>1234.50</v>" in xml and "<v>0.10</v>" in xml
    sheet = openpyxl.load_workbook(io.BytesIO(book))["公开03表 支出决算表"]
    total = sheet.cell(HEADER_ROW + 1, 3)
    assert total.data_type == "n" and total.number_format == "0.000"
    assert sheet.cell(HEADER_ROW + 1, 5).number_format == "#,##0.00"  # printed 「1,234.50」
    assert sheet.cell(HEADER_ROW + 1, 6).value == "——" and sheet.cell(HEADER_ROW + 1, 7).value is None
    assert str(sheet.cell(2, 1).value).startswith("金额单位：万元")


def test_text_that_looks_like_a_formula_stays_text() -> None:
    d, files = _tiny()
    book = disclosure_downloads(d, files, "").files[f"data/{bundle_name(d)}.xlsx"]
    assert "<f>" not in _sheet_xml(book, 2)
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[1]
    assert sheet.cell(HEADER_ROW + 2, 2).value == '=HYPERLINK("http://x")'


def test_the_same_data_gives_the_same_bytes_with_fixed_dates() -> None:
    d, files = _tiny()
    first, second = disclosure_downloads(d, files, "").files, disclosure_downloads(d, files, "").files
    assert first == second
    for name in (f"data/{bundle_name(d)}.xlsx", f"data/{bundle_name(d)}.zip"):
        assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first[name])).infolist()} == {FIXED_DATE}
    props = openpyxl.load_workbook(io.BytesIO(first[f"data/{bundle_name(d)}.xlsx"])).properties
    assert props.created == props.modified and props.created is not None and props.created.year == 2000


def test_sheet_names_fit_excel_and_stay_unique() -> None:
    long = table("05", ",合计,1,1,\n")
    assert len(sheet_name(long)) <= MAX_SHEET_NAME and sheet_name(long).startswith("公开05表 ")
    odd = dataclasses.replace(long, title="收入/支出:表[1]?*")
    assert sheet_name(odd) == "公开05表 收入／支出：表［1］？＊"


@pytest.mark.parametrize(("size", "text"), [(856, "856 字节"), (26_830, "26.2 KB"), (1_468_006, "1.4 MB")])
def test_sizes_read_as_a_reader_expects(size: int, text: str) -> None:
    assert size_text(size) == text


# --- the sample site -------------------------------------------------------------------------------


def _data(site: BuiltSite, url: str) -> Path:
    return site.paths.build / url / "data"


def test_every_workbook_opens_and_matches_the_csvs_cell_by_cell(built_site: BuiltSite) -> None:
    for d in built_site.result.corpus.disclosures:
        if not d.tables:
            continue
        folder = _data(built_site, d.url)
        book = openpyxl.load_workbook(folder / f"{bundle_name(d)}.xlsx")
        assert book.sheetnames[0] == "说明" and len(book.sheetnames) == len(d.tables) + 1
        for t in sorted(d.tables.values(), key=lambda t: t.id):
            sheet = book[sheet_name(t)]
            assert sheet.cell(1, 1).value == f"{t.label} {t.title}"
            assert f"金额单位：{t.unit}" in str(sheet.cell(2, 1).value)
            csv_text = (folder / t.file.removeprefix(f"{d.folder}/")).read_text(encoding="utf-8-sig")
            header, rows = csv_records(csv_text)
            cells = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
            assert list(cells[0]) == header
            assert len(cells) - 1 == len(rows), t.label
            amounts = {c.title for c in t.columns}
            for (_, record), got in zip(rows, cells[1:], strict=True):
                for title, raw, value in zip(header, record, got, strict=True):
                    printed = raw.strip()
                    if not printed:
                        assert value is None
                    elif title in amounts and isinstance(value, int | float):
                        assert Decimal(str(value)) == Decimal(printed.replace(",", "").replace("，", ""))
                    else:
                        assert value == printed, (t.label, title, printed, value)


def test_the_zip_holds_every_data_file_in_one_folder(built_site: BuiltSite) -> None:
    d = next(d for d in built_site.result.corpus.disclosures if d.url == f"{XIANGYUAN}/")
    folder = _data(built_site, d.url)
    archive = zipfile.ZipFile(folder / f"{bundle_name(d)}.zip")
    base = bundle_name(d)
    expected = {f"{base}/{name}" for name in d.data_files} | {
        f"{base}/datapackage.json",
        f"{base}/{base}.xlsx",
    }
    assert set(archive.namelist()) == expected and archive.namelist() == sorted(expected)
    assert archive.read(f"{base}/tables/gongkai01.csv") == (folder / "tables/gongkai01.csv").read_bytes()


def test_published_csvs_start_with_a_bom_and_hold_the_data_file(built_site: BuiltSite) -> None:
    d = next(d for d in built_site.result.corpus.disclosures if d.url == f"{XIANGYUAN}/")
    for name in (n for n in d.data_files if n.endswith(".csv")):
        published = (_data(built_site, d.url) / name).read_bytes()
        source = (built_site.paths.data.parent / d.folder / name).read_bytes()
        assert published.startswith(BOM) and published.removeprefix(BOM) == source.removeprefix(BOM)


NAME = re.compile(r"^[a-z0-9._-]+$")


def test_the_datapackage_descriptor_has_the_frictionless_shape(built_site: BuiltSite) -> None:
    for d in built_site.result.corpus.disclosures:
        folder = _data(built_site, d.url)
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        assert package["profile"] == "data-package" and NAME.match(package["name"])
        assert package["title"] == d.title and package["resources"]
        names = [r["name"] for r in package["resources"]]
        assert len(set(names)) == len(names) and all(NAME.match(n) for n in names)
        for resource in package["resources"]:
            path = folder / resource["path"]
            assert path.is_file() and resource["bytes"] == path.stat().st_size
            assert re.search(r"[\u4e00-\u9fff]", resource["title"])
            if resource["profile"] != "tabular-data-resource":
                continue
            schema = resource["schema"]
            header, rows = csv_records(path.read_text(encoding="utf-8-sig"))
            assert [f["name"] for f in schema["fields"]] == header and schema["missingValues"] == MISSING_VALUES
            for index, field in enumerate(schema["fields"]):
                assert field["type"] in {"string", "number", "integer"} and field["title"]
                if field["type"] != "number":
                    continue
                assert "（" in field["title"]  # the unit: 本年支出合计（万元）
                for _, record in rows:
                    value = record[index].strip()
                    if value not in schema["missingValues"]:
                        Decimal(value.replace(field.get("groupChar", "\0"), ""))  # a number, or this raises


def test_the_disclosure_page_offers_the_workbook_and_the_zip_with_sizes(built_site: BuiltSite) -> None:
    html = built_site.html(XIANGYUAN)
    section = html.split('id="downloads"', 1)[1]
    assert 'href="data/xiangyuan-xinfangju-2023-juesuan.xlsx" download>Excel 工作簿' in section
    assert 'href="data/xiangyuan-xinfangju-2023-juesuan.zip" download>' in section
    assert re.search(
        r'download>公开01表 收入支出决算总表</a> <span class="gk-meta gk-size">CSV · [\d.]+ (KB|字节)', section
    )


def test_the_downloads_page_lists_every_disclosure_with_its_files_and_sizes(built_site: BuiltSite) -> None:
    html = built_site.html("xiazai")
    assert "<title>下载数据 - " in html
    for d in built_site.result.corpus.disclosures:
        assert f'href="../{d.url}{"data/" + bundle_name(d)}.zip" download>' in html
        assert f'href="../{d.url}data/datapackage.json" download>' in html
    assert html.count("XLSX · ") == sum(1 for d in built_site.result.corpus.disclosures if d.tables)
