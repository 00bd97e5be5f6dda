"""Reading the file to import: size limit, encodings, and the coded errors shared by the importers."""

from __future__ import annotations

from pathlib import Path

from gongkai.diagnostics import Diagnostic, InputError, Location, Severity

MAX_IMPORT_BYTES = 20 * 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls/.doc, or an Office file encrypted with a password


def fail(code: str, file: str, message: str, hint: str, line: int | None = None) -> InputError:
    """An :class:`InputError` carrying one coded import error."""
    return InputError([Diagnostic(code, Severity.ERROR, Location(file, line=line), message, hint)])


def read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise fail("import-file-missing", str(path), "找不到要导入的文件", "请检查文件路径。")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise fail(
            "import-file-too-large",
            str(path),
            f"文件过大（{size} 字节，上限 {MAX_IMPORT_BYTES} 字节）",
            "请确认选对了文件；一份公开文件不应超过 20 MB。",
        )
    return path.read_bytes()


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 text (BOM accepted); GBK, UTF-16 and binary files give ``import-encoding``."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise fail(
            "import-encoding",
            file,
            "文件不是 UTF-8 文本（是 UTF-16 或二进制文件）",
            "请把文字另存为 UTF-8 编码的 .txt 文件；Excel 与 Word 文件请用 import xlsx / import docx。",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = "GBK" if _decodes_as_gbk(data) else "未知编码"
        raise fail(
            "import-encoding",
            file,
            f"文件不是 UTF-8 编码（疑似 {guess}）",
            "请用编辑器把文件另存为“UTF-8”编码后再导入。",
            line,
        ) from None


def _decodes_as_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
