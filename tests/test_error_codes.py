"""The code catalogue (codes.py), the docs (docs/error-codes.md, docs/cli.md) and the source agree."""

from __future__ import annotations

import ast
import codecs
import re
from pathlib import Path

import pytest

from gongkai.cli import _parser
from gongkai.codes import CODES, INPUT_CODES, RULE_CODES

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "gongkai"
ERROR_DOCS = (ROOT / "docs" / "error-codes.md").read_text(encoding="utf-8")
CLI_DOCS = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
SECTIONS = dict(re.findall(r"^### `([^`]+)` — (.+?)\s*$", ERROR_DOCS, re.M))

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
# Modules that generate synthetic data: their kebab-case strings are slugs, not diagnostic codes.
DATA_PACKAGE = SOURCE / "demo"
# Kebab-case strings that are not diagnostic codes: anchors, commands, enum values, file names.
NOT_CODES = {
    "by-rule",  # anchor on the checks page
    "data-package",  # Frictionless profiles (datapackage.json)
    "data-resource",
    "tabular-data-resource",
    "demo-data",  # CLI command
    "not-applicable",  # CellState value
    "grouped-bar",  # chart kind
    "letter-other",  # anchor on the glossary page
    "zhengti-ziping",  # document slugs in folder names (schema.DOCUMENT_SLUGS)
    "zhengti-pingjia",
    "xiangmu-ziping",
    "inline-funds",  # importer parser state
    "svg-cache",  # cache folder
    "build-cache",  # cache folder
    "disclosure-files",  # build cache entry kind
    "vl-convert-python",  # package name
}


def _is_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _kebab_literals() -> dict[str, str]:
    """Every kebab-case string literal in src/gongkai (except CSS classes) → the first file using it."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.is_relative_to(DATA_PACKAGE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and KEBAB.match(value) and not value.startswith("gk-"):
                found.setdefault(value, path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_catalogued_code_has_a_section_in_the_docs(code: str) -> None:
    assert code in SECTIONS, f"docs/error-codes.md 缺少「### `{code}` — {CODES[code].title}」"
    assert SECTIONS[code] == CODES[code].title


def test_every_section_in_the_docs_is_a_catalogued_code() -> None:
    assert sorted(set(SECTIONS) - set(CODES)) == []


@pytest.mark.parametrize("code", sorted(INPUT_CODES))
def test_every_input_code_section_has_severity_example_and_fix(code: str) -> None:
    section = ERROR_DOCS.split(f"### `{code}` —", 1)[1].split("\n### ", 1)[0]
    assert "错误。" in section and "例：" in section and f"[{code}]" in section and "修改：" in section


@pytest.mark.parametrize("code", sorted(RULE_CODES))
def test_every_rule_section_has_its_tolerance_and_an_example(code: str) -> None:
    section = ERROR_DOCS.split(f"### `{code}` —", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    assert "\n容差：" in section and "例：" in section and f"[{code}]" in section


def test_every_code_used_in_the_source_is_catalogued() -> None:
    unknown = {
        s: f for s, f in _kebab_literals().items() if s not in CODES and s not in NOT_CODES and not _is_encoding(s)
    }
    assert unknown == {}, "新代码请加入 codes.py 与 docs/error-codes.md；不是代码的字符串加入 NOT_CODES"


def test_catalogued_codes_are_kebab_case() -> None:
    assert [c for c in CODES if not KEBAB.match(c)] == []


def _commands() -> list[str]:
    parser = _parser()
    (group,) = [a for a in parser._actions if a.dest == "command"]
    assert isinstance(group.choices, dict)
    return sorted(group.choices)


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in _commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented_with_an_example(command: str) -> None:
    assert f"## `gongkai {command}`" in CLI_DOCS
    section = CLI_DOCS.split(f"## `gongkai {command}`", 1)[1].split("\n## ", 1)[0]
    assert f"gongkai {command}" in section.split("```", 2)[1], "每个命令至少给一个例子"
