"""Byte-stable containers for downloads: zip archives whose entries carry one fixed date and mode, in the
order given, and CSV bytes with the UTF-8 BOM Excel needs to read Chinese."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SizedBuffer, StrPath

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks into the bytes
BOM = b"\xef\xbb\xbf"


def entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with the fixed date, ordinary file permissions and deflate compression."""
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the building machine
    info.external_attr = 0o644 << 16
    return info


class FixedZipFile(zipfile.ZipFile):
    """A zip file whose entries all get :func:`entry`'s date, mode and compression, whether written from
    bytes or from a file (openpyxl writes a workbook's parts both ways, stamped with the time of the build)."""

    def write(
        self,
        filename: StrPath,
        arcname: StrPath | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = os.fspath(arcname if arcname is not None else filename)
        self.writestr(entry(name), Path(filename).read_bytes(), compress_type, compresslevel)

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        info = zinfo_or_arcname if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else entry(zinfo_or_arcname)
        super().writestr(info, data, compress_type, compresslevel)


def zip_bytes(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip archive of ``files`` (name, bytes) in the order given, identical for identical input."""
    buffer = io.BytesIO()
    with FixedZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


def with_bom(data: bytes) -> bytes:
    """CSV bytes starting with the UTF-8 byte order mark (added once; the data files may already have it)."""
    return data if data.startswith(BOM) else BOM + data
