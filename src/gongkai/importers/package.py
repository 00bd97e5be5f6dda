"""Office files (.xlsx, .docx) checked before any library reads them: sizes, XML, declared sheet ranges.

An Office file is a zip of XML parts.  Before openpyxl or python-docx sees it, the package is checked:
the number of parts and their declared uncompressed sizes (Python's zip reader never unpacks more than a
part declares, so the declared sizes bound memory and time: a 1.5 MB zip bomb is refused unread), every
XML part parsed with defusedxml (a DTD, entity or external reference — «billion laughs», XXE — is
refused), and each worksheet's declared range (``<dimension ref="A1:XFD1048576"/>``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree

from gongkai.importers.source import fail

MAX_PARTS = 2_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all parts together, as declared
MAX_SHEET_ROWS = 10_000  # a 公开表 has a few hundred rows and a dozen columns
MAX_SHEET_COLUMNS = 200
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_RANGE = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?$")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def check_package(data: bytes, file: str, corrupt_code: str) -> None:
    """Raise a coded :class:`~gongkai.diagnostics.InputError` unless ``data`` is a safe Office package."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise fail(corrupt_code, file, "文件已损坏或不是 Office 文档（不是 zip 压缩包）", _RESAVE) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise fail(
            "import-archive-too-large",
            file,
            f"文件解压后过大（{len(parts)} 个部件，共 {unpacked} 字节；上限 {MAX_PARTS} 个、{MAX_UNPACKED_BYTES} 字节）",
            "这不像一份公开文件（可能是“压缩炸弹”）；请确认选对了文件。",
        )
    for part in parts:
        if _XML_PART.search(part.filename):
            _check_xml(package, part, file, corrupt_code)


def _check_xml(package: zipfile.ZipFile, part: zipfile.ZipInfo, file: str, corrupt_code: str) -> None:
    try:
        root = defusedxml.ElementTree.fromstring(package.read(part), forbid_dtd=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise fail(
            "import-xml-forbidden",
            f"{file} 部件 {part.filename}",
            "文件中的 XML 含有 DTD、实体声明或外部引用，不予读取",
            "Excel 与 Word 保存的文件不含这些内容；请用 Excel 或 Word 打开后另存，再导入。",
        ) from None
    except (ParseError, zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError):
        raise fail(corrupt_code, f"{file} 部件 {part.filename}", "文件已损坏：其中的 XML 无法读取", _RESAVE) from None
    if _SHEET_PART.match(part.filename):
        dimension = root.find(f"{_MAIN}dimension")
        if dimension is not None:
            sheet_range(dimension.get("ref", ""), file, part.filename)


def sheet_range(ref: str, file: str, where: str) -> None:
    """Refuse a worksheet whose range (declared, or of its cells) exceeds the limits."""
    match = _RANGE.match(ref.upper().replace("$", ""))
    if match is None:
        return
    last_column, last_row = (match.group(3), match.group(4)) if match.group(3) else match.group(1, 2)
    rows, columns = int(last_row), _column_number(last_column)
    if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS:
        raise fail(
            "import-sheet-too-large",
            f"{file} {where}",
            f"工作表的范围 {ref} 过大（{rows} 行、{columns} 列；上限 {MAX_SHEET_ROWS} 行、{MAX_SHEET_COLUMNS} 列）",
            "公开表只有几百行、十几列；请删除表格以外远处的单元格（或清除其格式）后另存，再导入。",
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


_RESAVE = "请用 Excel 或 Word 打开并另存为 .xlsx / .docx 后再导入。"
