"""Results of a build's costly steps, kept between builds: a rebuild does again only what its inputs changed.

A loaded disclosure, its check findings, its download files (Excel workbook, ZIP) and a page's hidden index
text are each a function of a few inputs: the disclosure folder's files, the files of the disclosures a
check compares it with, the site's names, and gongkai's own code and libraries
(:func:`gongkai.freshness.code_fingerprint`).  Each result is stored under a SHA-256 of all of its inputs in
``.gongkai/build-cache/`` (one pickle per entry, written whole as the chart cache writes its SVGs), so a
changed input gives a new key and the stale entry is never read again; an unreadable entry is computed
again.  Adding a disclosure then loads, checks and packs that disclosure (and re-checks its unit's others)
while every other one comes from the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

FOLDER = Path(".gongkai") / "build-cache"  # under the project

T = TypeVar("T")


def folder_digest(folder: Path) -> str:
    """SHA-256 of a disclosure folder's file names and bytes; a link counts by its target and the target's
    bytes (a table may be a link to another folder's file)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_symlink() or p.is_file()):
        digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
        try:
            if path.is_symlink():
                digest.update(f"link:{os.readlink(path)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")
        except OSError as exc:  # the load reports it
            digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def store_atomically(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name`` whole (a temporary sibling renamed over it): concurrent readers see the old
    file, nothing, or the whole new one."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class BuildCache:
    """Pickled results by key in one folder; ``code`` (gongkai's code fingerprint) is part of every key."""

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.code = code
        self.folders: dict[str, str] = {}  # disclosure folder (as in ``Disclosure.folder``) -> folder_digest
        self.hits = 0
        self.misses = 0

    def key(self, kind: str, parts: Iterable[str | bytes]) -> str:
        digest = hashlib.sha256(f"{self.code}\0{kind}\0".encode())
        for part in parts:
            digest.update(part if isinstance(part, bytes) else part.encode())
            digest.update(b"\0")
        return f"{kind}-{digest.hexdigest()}"

    def get(self, key: str) -> object | None:
        try:
            value: object = pickle.loads((self.folder / key).read_bytes())
        except Exception:  # none yet, or an entry that does not unpickle: computed again
            return None
        return value

    def put(self, key: str, value: object) -> None:
        store_atomically(self.folder, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def memo(self, kind: str, parts: Iterable[str | bytes], compute: Callable[[], T], of: type[T]) -> T:
        """The cached result of ``compute`` for these inputs, computed and stored when there is none."""
        key = self.key(kind, parts)
        found = self.get(key)
        if isinstance(found, of):
            self.hits += 1
            return found
        self.misses += 1
        value = compute()
        self.put(key, value)
        return value
