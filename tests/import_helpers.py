"""Helpers for the importer tests: a throwaway data folder and running ``gongkai import``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.cli import main
from gongkai.diagnostics import InputError
from gongkai.models import Corpus, Disclosure

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"
SHARED = PROJECT.parent / "shared"  # the project's read-only reference material, beside the checkout
SEEDS = SHARED / "seeds"
SAMPLES_PDF = SHARED / "samples-pdf"  # real published PDFs
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


def error_code(importer: Callable[[Path], Any], path: Path) -> str:
    """The code of the error an importer raises for ``path`` (it must raise one)."""
    with pytest.raises(InputError) as error:
        importer(path)
    return error.value.diagnostics[0].code


def workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named ``title`` (公开05 …)."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return book, sheet
