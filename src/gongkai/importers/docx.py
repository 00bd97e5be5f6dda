"""``gongkai import docx``: the running text of a disclosure from a Word document, by its headings.

Paragraphs are numbered in document order (the number is the position reported for anything left
unplaced).  Headings are recognised by their printed numbering (第一部分 / 一、 / （一） / 1、), so the
text readers of the text importer apply unchanged; the document needs 「第X部分」 headings or a 绩效 report title.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from gongkai.importers.result import ImportedDisclosure
from gongkai.importers.source import fail, read_bytes
from gongkai.importers.text import read_disclosure_text
from gongkai.importers.xlsx import OLE_SIGNATURE


def import_docx(path: Path) -> ImportedDisclosure:
    data = read_bytes(path)
    if data.startswith(OLE_SIGNATURE) or not data.startswith(b"PK"):
        raise _corrupt(path.name)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise _corrupt(path.name) from None
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    return read_disclosure_text("\n".join(paragraphs), path.name)


def _corrupt(file: str) -> Exception:
    return fail(
        "import-docx-corrupt",
        file,
        "无法打开 Word 文件：文件已损坏、设有密码或不是 .docx 格式",
        "请用 Word 打开并另存为 .docx（不设密码）后再导入。",
    )
