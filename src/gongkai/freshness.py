"""Whether ``build/`` is up to date: a content hash of everything a build reads, recorded after each build.

The hash covers the data folder, the project's ``site_templates/`` and ``mkdocs.yml``, gongkai's own files
(its theme included), the versions of every installed Python distribution (MkDocs, Material, Altair,
vl-convert, pypinyin …), the Pagefind binary (its bytes) and the CJK fonts the charts are drawn with
(names, sizes, times).
When it equals the one recorded by the last successful build and ``build/`` is still there, nothing
needs doing: the build is skipped whole (MkDocs included) and ``build/`` stays byte for byte as it was,
search index included.  The record also keeps that build's counts, so the command can still say them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import gongkai
from gongkai.charts import FONT_DIRECTORY
from gongkai.diagnostics import BuildFailed
from gongkai.search_index import pagefind_binary
from gongkai.site import write_if_changed
from gongkai.theme import Theme

RECORD = Path(".gongkai") / "build-inputs.json"  # under the project


@dataclass(frozen=True)
class Summary:
    """What a build made, as the command reports it."""

    disclosures: int
    pages: int
    charts: int
    findings: int


def _files(folder: Path) -> Iterable[Path]:
    """Files and links under ``folder`` (links to folders are not followed, as the load does not)."""
    return sorted(p for p in folder.rglob("*") if (p.is_symlink() or p.is_file()) and "__pycache__" not in p.parts)


def _content(path: Path) -> bytes:
    """What identifies a file's content: its bytes' hash; a link's target (the load never reads through a
    link out of ``data/``, and a link inside it points at a file hashed on its own); an unreadable file's
    error, which the build will report."""
    try:
        if path.is_symlink():
            return f"link:{os.readlink(path)}".encode()
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def _hash_folders(digest: Any, folders: Iterable[tuple[str, Path]]) -> None:
    for label, folder in folders:
        for path in _files(folder):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(_content(path))


def code_fingerprint(project: Path, theme: Theme) -> str:
    """SHA-256 over what a build reads besides the data: the theme's folders, ``mkdocs.yml``, gongkai's
    files, the installed libraries' versions, the Pagefind binary and the CJK fonts charts are drawn with."""
    digest = hashlib.sha256()
    folders = [*((f"theme{i}", folder) for i, folder in enumerate(theme.folders))]
    _hash_folders(digest, (*folders, ("gongkai", Path(gongkai.__file__).parent)))
    config = project / "mkdocs.yml"
    digest.update(config.read_bytes() if config.is_file() else b"")
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(versions).encode())
    try:
        digest.update(b"pagefind\0" + _content(pagefind_binary(project)))
    except BuildFailed:  # the build will say that it is missing
        digest.update(b"pagefind missing")
    fonts = sorted(Path(FONT_DIRECTORY).rglob("*")) if Path(FONT_DIRECTORY).is_dir() else []
    for font in fonts:  # by name, size and time: hashing their ≈ 100 MB would cost more than it saves
        info = font.stat()
        digest.update(f"font/{font.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def fingerprint(project: Path, data: Path, theme: Theme, layout: str = "") -> str:
    """SHA-256 over the inputs of a build: the data folder's file names and bytes, :func:`code_fingerprint`
    and the site's ``layout`` (a shard key, "" for one MkDocs site)."""
    digest = hashlib.sha256(f"{code_fingerprint(project, theme)}\0{layout}".encode())
    _hash_folders(digest, (("data", data),))
    return digest.hexdigest()


def unchanged(project: Path, build: Path, inputs: str) -> Summary | None:
    """The last build's summary when its inputs were ``inputs`` and its ``build/`` is still there."""
    try:
        recorded = json.loads((project / RECORD).read_text(encoding="utf-8"))
        summary = Summary(**recorded["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return summary if recorded.get("inputs") == inputs and build.is_dir() else None


def record(project: Path, inputs: str, summary: Summary) -> None:
    """Remember a successful build (written whole, like every generated file)."""
    body = json.dumps({"inputs": inputs, "summary": asdict(summary)}, ensure_ascii=False, indent=1) + "\n"
    write_if_changed(project / RECORD, body.encode("utf-8"))
