"""Helpers for the importer tests: a throwaway data folder and running ``gongkai import``."""

from __future__ import annotations

import shutil
from pathlib import Path

from gongkai.cli import main
from gongkai.models import Corpus, Disclosure

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"
SEEDS = Path("/work/shared/seeds")
FIXTURES = Path(__file__).resolve().parent / "import_fixtures"


def data_folder(root: Path) -> Path:
    """An empty data folder with the site-wide files (site.yaml, glossary, codes) of the sample data."""
    data = root / "data"
    (data / "disclosures").mkdir(parents=True)
    for name in ("site.yaml", "glossary.yaml"):
        shutil.copy(DATA / name, data / name)
    shutil.copytree(DATA / "codes", data / "codes")
    return data


def run_import(*args: str | Path) -> int:
    return main(["import", *[str(a) for a in args]])


def only_disclosure(corpus: Corpus) -> Disclosure:
    assert len(corpus.disclosures) == 1
    return corpus.disclosures[0]
