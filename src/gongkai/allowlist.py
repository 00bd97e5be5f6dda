"""Which files of a disclosure folder are data: the allow-list, the size limit, links that leave ``data/``.

Only the files the data format defines (docs/data-format.md) are read and offered for download:
``disclosure.yaml``, ``overview.yaml``, ``explanations.yaml``, ``glossary.yaml``, ``charts.yaml``,
``performance/overall.yaml``, ``performance/projects/<slug>.yaml`` and the table files listed in
``disclosure.yaml``.  Anything else in the folder (a stray ``README.md``, an ``evil.html``, a copied
600 MB file) is an error naming it, never published; a link pointing out of ``data/`` is never followed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from gongkai.diagnostics import Diagnostic, Location, Severity

FORMAT_FILES = frozenset(
    {
        "disclosure.yaml",
        "overview.yaml",
        "explanations.yaml",
        "glossary.yaml",
        "charts.yaml",
        "performance/overall.yaml",
    }
)
PROJECTS_FOLDER = "performance/projects"
MAX_DISCLOSURE_BYTES = 20 * 1024 * 1024  # all data files of one disclosure together


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links resolved, is ``root`` (already resolved) or lies under it."""
    resolved = path.resolve()
    return resolved == root or root in resolved.parents


def outside_data(rel: str) -> Diagnostic:
    return _error(
        "path-outside-data",
        rel,
        "这是指向 data/ 以外（或不存在的位置）的链接，不会被读取或发布",
        "请把文件本身（而不是链接）放进 data/ 下的公开目录。",
    )


def table_paths(files: Iterable[str]) -> set[str]:
    """The table files listed in ``disclosure.yaml``, as normalised paths inside the folder."""
    normal = set()
    for file in files:
        parts = [p for p in PurePosixPath(file).parts if p not in {"", "."}]
        if parts and ".." not in parts and not PurePosixPath(file).is_absolute():
            normal.add("/".join(parts))
    return normal


def scan(folder: Path, root: Path, rel_folder: str, tables: set[str]) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The data files of a disclosure folder (sorted, relative to it) and every file that is not data.

    ``root`` is the resolved ``data/`` folder.  Directories are not entered through links.
    """
    allowed_dirs = {
        str(parent) for p in (*FORMAT_FILES, *tables, f"{PROJECTS_FOLDER}/x") for parent in PurePosixPath(p).parents
    }
    found: list[str] = []
    problems: list[Diagnostic] = []
    size = 0
    pending = [""]
    while pending:
        sub = pending.pop()
        with os.scandir(folder / sub) as entries:
            listing = sorted(entries, key=lambda e: e.name)
        for entry in listing:
            rel = f"{sub}/{entry.name}" if sub else entry.name
            shown = f"{rel_folder}/{rel}"
            if entry.is_symlink() and not inside(Path(entry.path), root):
                problems.append(outside_data(shown))
                continue
            try:
                info = os.stat(entry.path)
            except OSError:
                problems.append(outside_data(shown))
                continue
            if stat.S_ISDIR(info.st_mode) and not entry.is_symlink() and rel in allowed_dirs:
                pending.append(rel)
            elif stat.S_ISREG(info.st_mode) and _is_data(rel, tables):
                found.append(rel)
                size += info.st_size
            elif not stat.S_ISDIR(info.st_mode) and not stat.S_ISREG(info.st_mode):
                problems.append(_error("file-not-regular", shown, "这不是普通文件（是设备、管道或套接字）", _MOVE))
            else:
                what = "目录" if stat.S_ISDIR(info.st_mode) else "文件"
                problems.append(
                    _error("file-unexpected", shown, f"公开目录中有数据格式以外的{what}「{entry.name}」", _MOVE)
                )
    if size > MAX_DISCLOSURE_BYTES:
        problems.append(
            _error(
                "disclosure-too-large",
                f"{rel_folder}/disclosure.yaml",
                f"这份公开的数据文件共 {size} 字节，超过上限 {MAX_DISCLOSURE_BYTES} 字节",
                "一份公开的数据通常不到 1 MB，请检查是否放进了不相干的内容。",
            )
        )
    return tuple(sorted(found)), problems


_MOVE = "公开目录只能放 docs/data-format.md 列出的数据文件（不会发布其他文件）；请把它移出 data/。"


def _is_data(rel: str, tables: set[str]) -> bool:
    path = PurePosixPath(rel)
    return rel in FORMAT_FILES or rel in tables or (str(path.parent) == PROJECTS_FOLDER and path.suffix == ".yaml")


def _error(code: str, rel: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, Location(rel), message, hint)
