"""The data format's one writer: what it writes loads back as given; what the load would refuse is not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.data_writer import csv_text, write_files, yaml_text
from gongkai.diagnostics import InputError
from gongkai.schema import DATA_FILES, GlossaryDoc, ProjectDoc, model_of
from gongkai.textfile import load_yaml

GLOSSARY = {"entries": [{"number": "1", "term": "三公经费", "definition": "因公出国（境）费…", "aliases": []}]}


def test_a_document_is_written_in_the_one_style_and_loads_back_as_given(tmp_path: Path) -> None:
    text = yaml_text(GLOSSARY, "written by a test", "glossary.yaml")
    assert text.startswith("# written by a test\nentries:\n")
    assert "三公经费" in text and "&id" not in text  # text unescaped, no aliases
    [path] = write_files(tmp_path, {"glossary.yaml": text})
    assert load_yaml(path, "glossary.yaml").data == GLOSSARY


def test_a_document_the_load_would_refuse_is_not_written_and_its_field_and_line_are_named() -> None:
    project = {"name": "遗属补助", "year": 1800, "funds": []}
    with pytest.raises(InputError) as caught:
        yaml_text(project, "note", "performance/projects/x.yaml")
    [problem] = caught.value.diagnostics
    assert problem.code == "year-out-of-range"
    assert (problem.location.file, problem.location.line, problem.location.field) == (
        "performance/projects/x.yaml",
        3,
        "year",
    )


def test_a_table_keeps_every_figure_as_given() -> None:
    assert csv_text([["科目名称", "金额"], ["合计", "1,234.50"]]) == '科目名称,金额\n合计,"1,234.50"\n'


def test_each_file_of_the_format_has_one_schema_model_which_the_load_and_the_writers_share() -> None:
    assert model_of("glossary.yaml") is GlossaryDoc
    assert model_of("shanxi/xinfangju/2023-juesuan/performance/projects/yishu-buzhu.yaml") is ProjectDoc
    assert model_of("planted-contradictions.yaml") is None  # outside the format: written, not validated
    assert len({f.path for f in DATA_FILES}) == len(DATA_FILES)
