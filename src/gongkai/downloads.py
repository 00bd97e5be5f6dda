"""Stage 4c: what a reader downloads of one disclosure, published beside its page under ``data/``.

- its data files as the load read them (only those the allow-list admits, :mod:`gongkai.allowlist`),
  CSVs with a UTF-8 BOM so that Excel reads the Chinese;
- ``<unit>-<slug>.xlsx``: every table in one workbook (:mod:`gongkai.workbook`);
- ``datapackage.json``: the Frictionless descriptor of the data files (:mod:`gongkai.datapackage`);
- ``<unit>-<slug>.zip``: all of the above in one folder.

Everything is byte-stable: identical data gives identical files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gongkai import datapackage
from gongkai.archives import with_bom, zip_bytes
from gongkai.models import Disclosure
from gongkai.workbook import csv_records, workbook

DATA_DIR = "data/"  # beside the disclosure page


@dataclass(frozen=True)
class Download:
    href: str  # relative to the disclosure page, e.g. data/tables/gongkai01.csv
    title: str  # what it holds, in Chinese
    kind: str  # the format as a reader knows it: Excel, ZIP, CSV, YAML, JSON
    size: int  # bytes


@dataclass(frozen=True)
class Downloads:
    files: dict[str, bytes]  # path relative to the disclosure page -> bytes
    bundles: tuple[Download, ...]  # the workbook, the zip and the descriptor
    data: tuple[Download, ...]  # each data file


def size_text(size: int) -> str:
    """A file size as a reader reads it: 「856 字节」, 「26.2 KB」, 「1.4 MB」 (integer arithmetic)."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            tenths = (size * 10 + scale // 2) // scale
            return f"{tenths // 10}.{tenths % 10} {unit}"
    return f"{size} 字节"


def bundle_name(d: Disclosure) -> str:
    """The file name (without extension) of the workbook and the zip: ``xiangyuan-xinfangju-2023-juesuan``."""
    return f"{d.unit.slug}-{d.slug}"


def disclosure_downloads(d: Disclosure, data_files: Mapping[str, bytes], site_url: str) -> Downloads:
    """The downloads of ``d`` from its data files (path relative to its folder → bytes)."""
    tables = {t.file.removeprefix(f"{d.folder}/") for t in d.tables.values()}
    order = sorted(data_files, key=lambda name: (name not in tables, name))  # the tables first
    published = {name: with_bom(data_files[name]) if name in tables else data_files[name] for name in order}
    texts = {t.file: data_files[t.file.removeprefix(f"{d.folder}/")].decode("utf-8-sig") for t in d.tables.values()}
    headers = {t.file.removeprefix(f"{d.folder}/"): csv_records(texts[t.file])[0] for t in d.tables.values()}
    homepage = f"{site_url.rstrip('/')}/{d.url}" if site_url else ""
    package = datapackage.descriptor(d, published, headers, homepage)
    base = bundle_name(d)
    extra: dict[str, bytes] = {datapackage.NAME: package}
    if d.tables:
        extra[f"{base}.xlsx"] = workbook(d, texts)
    archive = zip_bytes((f"{base}/{name}", data) for name, data in sorted({**published, **extra}.items()))
    files = {f"{DATA_DIR}{name}": data for name, data in {**published, **extra, f"{base}.zip": archive}.items()}
    bundles = []
    if d.tables:
        title = f"Excel 工作簿：全部 {len(d.tables)} 张表，每表一个工作表"
        bundles.append(Download(f"{DATA_DIR}{base}.xlsx", title, "XLSX", len(extra[f"{base}.xlsx"])))
    held = "Excel 工作簿、CSV 表格、" if d.tables else ""
    bundles += [
        Download(f"{DATA_DIR}{base}.zip", f"全部数据打包：{held}YAML 文字和数据包说明", "ZIP", len(archive)),
        Download(
            f"{DATA_DIR}{datapackage.NAME}", "数据包说明 datapackage.json（Frictionless 格式）", "JSON", len(package)
        ),
    ]
    data = tuple(
        Download(f"{DATA_DIR}{name}", datapackage.file_title(d, name), name.rsplit(".", 1)[-1].upper(), len(content))
        for name, content in published.items()
    )
    return Downloads(files, tuple(bundles), data)
