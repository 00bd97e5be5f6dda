"""``gongkai import docx``: a disclosure from a Word document, by its headings.

Paragraphs and table rows are numbered in document order (the number is the position reported for
anything left unplaced); a table row becomes a line of tab-separated cells, as in the published text,
so 公开表 and 自评表 printed as Word tables are read too.  Headings are recognised by their printed
numbering (第一部分 / 一、 / （一） / 1、): the text readers of the text importer apply unchanged, and
the document needs 「第X部分」 headings or a 绩效 report title.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from gongkai.importers.package import check_package
from gongkai.importers.result import ImportedDisclosure
from gongkai.importers.source import OLE_SIGNATURE, fail, read_bytes
from gongkai.importers.text import reported_text


def import_docx(path: Path) -> ImportedDisclosure:
    data = read_bytes(path)
    if data.startswith(OLE_SIGNATURE) or not data.startswith(b"PK"):
        raise _corrupt(path.name)
    check_package(data, path.name, "import-docx-corrupt")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise _corrupt(path.name) from None
    return reported_text("\n".join(_lines(document)), path.name)


def _lines(document: Any) -> list[str]:
    """Paragraphs and table rows in document order; a table row becomes tab-separated cells.

    A merged cell is written once (where it starts), as the published text prints it.
    """
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(" ".join(Paragraph(child, document).text.split()))
        elif child.tag == qn("w:tbl"):
            lines.extend("\t".join(_row_cells(tr, document)) for tr in child.tr_lst)
    return lines


def _row_cells(tr: Any, document: Any) -> list[str]:
    """The cells of one table row by grid column; a merged cell's text only where the merge starts."""
    cells: list[str] = []
    for tc in tr.tc_lst:
        text = "" if tc.vMerge == "continue" else " ".join(_Cell(tc, document).text.split())
        cells += [text] + [""] * (tc.grid_span - 1)
    return cells


def _corrupt(file: str) -> Exception:
    return fail(
        "import-docx-corrupt",
        file,
        "无法打开 Word 文件：文件已损坏、设有密码或不是 .docx 格式",
        "请用 Word 打开并另存为 .docx（不设密码）后再导入。",
    )
