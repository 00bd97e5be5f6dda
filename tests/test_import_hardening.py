"""Hostile Office files: entity attacks, zip bombs, absurd sheet ranges and broken packages give a coded
error before openpyxl or python-docx read them, fast and in bounded memory, never a traceback."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from gongkai.importers import package
from gongkai.importers.docx import import_docx
from gongkai.importers.package import MAX_PARTS
from gongkai.importers.xlsx import import_xlsx
from import_helpers import error_code, run_import, workbook

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
DOCTYPE = '<?xml version="1.0"?>\n<!DOCTYPE worksheet>\n'
SHEET = "xl/worksheets/sheet1.xml"
UNPACKED_LIMIT = 2_000_000  # the limit during these tests (100 MB otherwise): a bomb is quick to make
DOCUMENT = "word/document.xml"


def _xlsx(path: Path) -> Path:
    book, sheet = workbook("公开05")
    sheet.append(["一般公共预算财政拨款支出决算表"])
    sheet.append(["科目代码", "科目名称", "小计", "基本支出", "项目支出"])
    sheet.append(["合计", None, "1.00", "1.00", ""])
    book.save(path)
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("第一部分 概况", style="Heading 1")
    document.save(str(path))
    return path


def _rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return path


def _prolog(part: str, prolog: str, use: str = "") -> Callable[[dict[str, bytes]], None]:
    """``part`` with ``prolog`` (a DOCTYPE) in front of its root, and ``use`` (an entity) in its first text."""

    def change(parts: dict[str, bytes]) -> None:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", parts[part])
        if use:
            body = re.sub(rb"(<[^/?!][^>]*>)", lambda m: m.group(1) + use.encode(), body, count=2)
        parts[part] = prolog.encode() + body

    return change


def _bomb(part: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[part] = parts[part] + b" " * (UNPACKED_LIMIT + 1)  # deflates to a few KB

    return change


def _many_parts(parts: dict[str, bytes]) -> None:
    parts.update({f"customXml/item{n}.bin": b"" for n in range(MAX_PARTS)})


def _dimension(ref: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), parts[SHEET])

    return change


def _far_cell(parts: dict[str, bytes]) -> None:
    """One more cell at XFD1048576, the declared range left small: only the cells tell."""
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    parts[SHEET] = parts[SHEET].replace(b"</sheetData>", far)


def _broken_xml(part: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[part] = parts[part][: len(parts[part]) // 2]

    return change


def _utf16_doctype(part: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", parts[part]).decode("utf-8")
        parts[part] = ('<?xml version="1.0" encoding="UTF-16"?>\n' + LAUGHS.split("\n", 1)[1] + body).encode("utf-16")

    return change


XLSX_CASES: dict[str, tuple[Callable[[dict[str, bytes]], None], str]] = {
    "xlsx-billion-laughs": (_prolog(SHEET, LAUGHS, "&lol9;"), "import-xml-forbidden"),
    "xlsx-external-entity": (_prolog(SHEET, XXE, "&xxe;"), "import-xml-forbidden"),
    "xlsx-doctype-alone": (_prolog(SHEET, DOCTYPE), "import-xml-forbidden"),
    "xlsx-entity-in-workbook": (_prolog("xl/workbook.xml", LAUGHS, "&lol9;"), "import-xml-forbidden"),
    "xlsx-entity-in-content-types": (_prolog("[Content_Types].xml", XXE), "import-xml-forbidden"),
    "xlsx-entity-in-rels": (_prolog("_rels/.rels", LAUGHS), "import-xml-forbidden"),
    "xlsx-entity-in-styles": (_prolog("xl/styles.xml", XXE, "&xxe;"), "import-xml-forbidden"),
    "xlsx-utf16-billion-laughs": (_utf16_doctype(SHEET), "import-xml-forbidden"),
    "xlsx-zip-bomb": (_bomb(SHEET), "import-archive-too-large"),
    "xlsx-too-many-parts": (_many_parts, "import-archive-too-large"),
    "xlsx-declared-range-xfd1048576": (_dimension("A1:XFD1048576"), "import-sheet-too-large"),
    "xlsx-declared-range-too-many-rows": (_dimension("A1:E20000"), "import-sheet-too-large"),
    "xlsx-declared-range-too-many-columns": (_dimension("A1:ZZ10"), "import-sheet-too-large"),
    "xlsx-cell-at-xfd1048576": (_far_cell, "import-sheet-too-large"),
    "xlsx-truncated-sheet-xml": (_broken_xml(SHEET), "import-xlsx-corrupt"),
    "xlsx-truncated-workbook-xml": (_broken_xml("xl/workbook.xml"), "import-xlsx-corrupt"),
}
DOCX_CASES: dict[str, tuple[Callable[[dict[str, bytes]], None], str]] = {
    "docx-billion-laughs": (_prolog(DOCUMENT, LAUGHS, "&lol9;"), "import-xml-forbidden"),
    "docx-external-entity": (_prolog(DOCUMENT, XXE, "&xxe;"), "import-xml-forbidden"),
    "docx-doctype-alone": (_prolog(DOCUMENT, DOCTYPE), "import-xml-forbidden"),
    "docx-entity-in-styles": (_prolog("word/styles.xml", LAUGHS, "&lol9;"), "import-xml-forbidden"),
    "docx-entity-in-rels": (_prolog("word/_rels/document.xml.rels", XXE), "import-xml-forbidden"),
    "docx-utf16-billion-laughs": (_utf16_doctype(DOCUMENT), "import-xml-forbidden"),
    "docx-zip-bomb": (_bomb(DOCUMENT), "import-archive-too-large"),
    "docx-too-many-parts": (_many_parts, "import-archive-too-large"),
    "docx-truncated-document-xml": (_broken_xml(DOCUMENT), "import-docx-corrupt"),
}
IMPORT_CASES = sorted(XLSX_CASES) + sorted(DOCX_CASES)


@pytest.mark.parametrize("case", sorted(XLSX_CASES))
def test_hostile_workbook_is_refused_with_its_code(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", UNPACKED_LIMIT)
    change, code = XLSX_CASES[case]
    assert error_code(import_xlsx, _rewrite(_xlsx(tmp_path / "x.xlsx"), change)) == code


@pytest.mark.parametrize("case", sorted(DOCX_CASES))
def test_hostile_document_is_refused_with_its_code(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", UNPACKED_LIMIT)
    change, code = DOCX_CASES[case]
    assert error_code(import_docx, _rewrite(_docx(tmp_path / "x.docx"), change)) == code


def test_the_checked_files_themselves_still_import(tmp_path: Path) -> None:
    """The checks refuse the attacks, not Office files: the unchanged fixtures pass them."""
    assert import_xlsx(_rewrite(_xlsx(tmp_path / "x.xlsx"), lambda parts: None)).tables
    import_docx(_rewrite(_docx(tmp_path / "x.docx"), lambda parts: None))


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_the_command_names_the_attack_without_a_traceback_and_writes_nothing(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _xlsx(tmp_path / "x.xlsx") if kind == "xlsx" else _docx(tmp_path / "x.docx")
    _rewrite(path, _prolog(SHEET if kind == "xlsx" else DOCUMENT, LAUGHS, "&lol9;"))
    out = tmp_path / "data/disclosures/r/u/2024-juesuan"
    assert run_import(kind, path, "--out", out) == 1
    output = "".join(capsys.readouterr())
    assert "[import-xml-forbidden]" in output and "Traceback" not in output
    assert not out.exists()
