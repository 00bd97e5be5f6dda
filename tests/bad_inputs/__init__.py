"""A minimal valid data folder (``base/``) and the malformed variants of it used by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

BASE = Path(__file__).parent / "base"
DISCLOSURE = "disclosures/test-region/test-unit/2023-juesuan"  # the one disclosure in base/


def copy_base(target: Path) -> Path:
    """A fresh copy of ``base/`` at ``target/data``; returns the data folder."""
    data = target / "data"
    shutil.copytree(BASE, data)
    return data
