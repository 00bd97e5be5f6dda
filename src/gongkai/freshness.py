"""Whether ``build/`` is up to date: a content hash of everything a build reads, recorded after each build.

The hash covers the data folder, the project's ``site_templates/`` and ``mkdocs.yml``, gongkai's own files
(its theme included) and the
versions of every installed Python distribution (MkDocs, Material, Altair, vl-convert, jieba …).
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

import gongkai
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


def fingerprint(project: Path, data: Path, theme: Theme) -> str:
    """SHA-256 over the inputs of a build: file names and bytes, and the installed libraries' versions."""
    digest = hashlib.sha256()
    folders = [("data", data), *((f"theme{i}", folder) for i, folder in enumerate(theme.folders))]
    for label, folder in (*folders, ("gongkai", Path(gongkai.__file__).parent)):
        for path in _files(folder):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(_content(path))
    config = project / "mkdocs.yml"
    digest.update(config.read_bytes() if config.is_file() else b"")
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(versions).encode())
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
