"""The one writer of the data format: YAML documents and table CSVs as the load reads them, validated.

Every YAML document is written in one style (a comment line, then the keys in the order given, text
unescaped, no line wrapping, no aliases) and, before it is written, read back with the load's own
parser and validated against the schema model of its file (:func:`gongkai.schema.model_of`): a document the load would
refuse is never written; its problems are raised as :class:`~gongkai.diagnostics.InputError`, with
file, line and field.  Tables are CSV with ``\\n`` line ends, every figure as given.  Used by
``gongkai import`` (:mod:`gongkai.importers.writer`) and ``gongkai demo-data`` (:mod:`gongkai.demo.corpus`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from gongkai.diagnostics import InputError
from gongkai.schema import model_of, validate
from gongkai.textfile import FileProblem, parse_yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the load refuses aliases: a value used twice is written twice


def yaml_text(document: Mapping[str, Any], note: str, rel: str) -> str:
    """``document`` as the text of the YAML file ``rel``, after the comment line ``note``; validated
    against the file's schema model (:func:`gongkai.schema.model_of`; a file outside the data format is
    not validated)."""
    body = yaml.dump(dict(document), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)
    text = f"# {note}\n{body}"
    model = model_of(rel)
    if model is not None:
        try:
            _, problems = validate(model, parse_yaml(text, rel))
        except FileProblem as problem:
            problems = [problem.diagnostic]
        if problems:
            raise InputError(problems)
    return text


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows (the header first) as the text of a table's CSV file."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_files(root: Path, files: Mapping[str, str]) -> list[Path]:
    """Write each file (path relative to ``root`` -> text) as UTF-8; the paths written, sorted."""
    written = []
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
