"""The generated content files, written to their folder as they are made (``content/``).

A build renders thousands of pages, data files and charts; holding them all until they are written took
hundreds of MB at 1,000 disclosures and grew with the corpus.  :class:`ContentFolder` writes each file
when it is set (only when its bytes changed, so unchanged files keep their modification time) and keeps
only its SHA-256 in memory; :meth:`ContentFolder.finish` then removes the files no longer generated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, MutableMapping
from pathlib import Path

from gongkai import site


class ContentFolder(MutableMapping[str, bytes]):
    """Content path → bytes, stored in ``root``: reading a file reads it back from there."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digests: dict[str, bytes] = {}  # content path -> SHA-256 of the bytes written
        self.written = 0  # files whose bytes changed

    def __setitem__(self, path: str, data: bytes) -> None:
        self.written += site.write_if_changed(self.root / path, data)
        self.digests[path] = hashlib.sha256(data).digest()

    def __getitem__(self, path: str) -> bytes:
        if path not in self.digests:
            raise KeyError(path)
        return (self.root / path).read_bytes()

    def __delitem__(self, path: str) -> None:
        del self.digests[path]
        (self.root / path).unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return iter(self.digests)

    def __len__(self) -> int:
        return len(self.digests)

    def finish(self) -> tuple[int, int]:
        """Remove the files of ``root`` that were not generated this time: (files written, deleted)."""
        return self.written, site.remove_stale(self.root, self.digests)
