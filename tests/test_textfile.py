"""Reading YAML: libyaml's fast parser reads exactly what PyYAML's would, and problems keep their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai import textfile
from gongkai.textfile import FileProblem, load_yaml

DATA = Path(__file__).parents[1] / "data"


def _problem(tmp_path: Path, text: str) -> tuple[str, int | None, int | None, str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as raised:
        load_yaml(path, "x.yaml")
    d = raised.value.diagnostic
    return d.code, d.location.line, d.location.column_no, d.message


def test_the_fast_parser_reads_the_sample_data_as_pyyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(DATA.rglob("*.yaml"))
    assert len(paths) > 10
    fast = [load_yaml(path, path.name) for path in paths]
    monkeypatch.setattr(textfile, "_FastLoader", textfile._StrictLoader)
    assert [load_yaml(path, path.name) for path in paths] == fast


def test_a_tab_inside_text_is_still_refused_as_pyyaml_refuses_it(tmp_path: Path) -> None:
    code, line, _, message = _problem(tmp_path, "title: 2023年度\t部门决算\nyear: 2023\n")
    assert (code, line) == ("yaml-syntax", 1) and "制表符" in message


def test_a_control_character_is_located_by_line_and_column(tmp_path: Path) -> None:
    assert _problem(tmp_path, "title: 测试\nname: 信访\x01局\n") == (
        "yaml-syntax",
        2,
        9,
        "YAML 格式错误：含有不允许的控制字符 #x0001",
    )
