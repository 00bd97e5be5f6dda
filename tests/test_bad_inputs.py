"""Malformed input never breaks the site: each case of ``bad_inputs/cases.py`` gives its code and position."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bad_inputs import copy_base
from bad_inputs.cases import CASES, HOSTILE_TEXT, Case, copy_disclosure
from bad_inputs.hostile import HOSTILE_CASES
from conftest import copy_project
from gongkai.build import Progress, build_site, generate
from gongkai.cli import main
from gongkai.codes import INPUT_CODES
from gongkai.diagnostics import Diagnostic, InputError
from gongkai.load import load_corpus
from gongkai.rules import check_corpus
from gongkai.textfile import MAX_FILE_BYTES


def _diagnostics(data: Path) -> list[Diagnostic]:
    try:
        corpus = load_corpus(data)
    except InputError as error:
        return error.diagnostics
    return check_corpus(corpus).all_findings()


def test_the_base_fixture_is_valid_and_consistent(tmp_path: Path) -> None:
    """Every finding case below is caused by its patch alone (a new rule that fires here is a false positive)."""
    assert [d.format() for d in _diagnostics(copy_base(tmp_path))] == []


def test_there_are_at_least_sixty_distinct_cases() -> None:
    assert len({case.id for case in ALL_CASES}) == len(ALL_CASES) >= 60


ALL_CASES = CASES + HOSTILE_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_bad_input_gives_its_code_and_position(case: Case, tmp_path: Path) -> None:
    data = copy_base(tmp_path)
    case.patch(data)
    if case.code in INPUT_CODES:
        with pytest.raises(InputError) as raised:
            load_corpus(data)
        found = raised.value.diagnostics
    else:
        found = check_corpus(load_corpus(data)).all_findings()
    matching = [d for d in found if d.code == case.code and case.says in d.message]
    assert matching, [d.format() for d in found]
    d = matching[0]
    assert d.location.file == case.expected_file, d.format()
    if case.line is not None:
        assert d.location.line == case.line, d.format()
    if case.field is not None:
        assert d.location.field == case.field, d.format()
    assert re.search(r"[\u4e00-\u9fff]", d.message), "messages are Chinese"


@pytest.mark.parametrize(
    ("case_id", "explanation"),
    [
        ("yaml-tab-indentation", "制表符"),
        ("yaml-unclosed-flow-list", "方括号"),
        ("yaml-colon-in-plain-text", "含冒号的文字请用引号括起来"),
        ("yaml-unclosed-quote", "引号没有闭合"),
    ],
)
def test_yaml_syntax_errors_are_explained_in_chinese(case_id: str, explanation: str, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.id == case_id]
    data = copy_base(tmp_path)
    case.patch(data)
    with pytest.raises(InputError) as raised:
        load_corpus(data)
    assert explanation in raised.value.diagnostics[0].message


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    data = copy_base(tmp_path)
    huge = data / "disclosures/test-region/test-unit/2023-juesuan/tables/gongkai02.csv"
    with huge.open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert huge.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(InputError) as raised:
        load_corpus(data)
    whole_folder, too_large = raised.value.diagnostics  # sorted by file: disclosure.yaml first
    assert too_large.code == "file-too-large" and too_large.location.file.endswith("tables/gongkai02.csv")
    assert whole_folder.code == "disclosure-too-large"


def test_units_of_two_regions_with_one_slug_and_no_code_are_two_units(tmp_path: Path) -> None:
    """Two counties may both call their 信访局 ``xinfangju``: without a unit code the region tells them apart."""
    data = copy_base(tmp_path)
    yaml = next(data.rglob("disclosure.yaml"))
    yaml.write_text(yaml.read_text(encoding="utf-8").replace('  code: "001001"\n', ""), encoding="utf-8")
    copy_disclosure("zz-region")(data)
    assert [d.code for d in _diagnostics(data)] == []


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    plain = _diagnostics(copy_base(tmp_path / "plain"))
    data = copy_base(tmp_path / "bom")
    for path in [*data.rglob("*.yaml"), *data.rglob("*.csv")]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with_bom = _diagnostics(data)
    assert [d.code for d in with_bom] == [d.code for d in plain]


def test_a_printed_dash_is_not_applicable_not_an_error(tmp_path: Path) -> None:
    data = copy_base(tmp_path)
    csv = data / "disclosures/test-region/test-unit/2023-juesuan/tables/gongkai02.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",合计,100.00,100.00,,", ",合计,100.00,100.00,——,"))
    (disclosure,) = load_corpus(data).disclosures
    table = disclosure.table("02")
    assert table is not None and table.rows[0].cells["上级补助收入"].state.value == "not-applicable"


CLI_CASES = [c for c in CASES if c.id in {"yaml-alias-bomb", "gbk-csv", "slug-dot-dot", "div-by-zero", "empty-csv"}]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_names_the_problem_without_a_traceback(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_base(tmp_path)
    case.patch(data)
    assert main(["check", "--data", str(data)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"[{case.code}]" in err and case.expected_file in err


RAW_MARKUP = ("<script", "<img src=x", "javascript:alert")


@pytest.mark.e2e  # renders every page of a site
def test_html_and_markdown_in_text_fields_are_escaped_on_every_page(tmp_path: Path) -> None:
    data = copy_base(tmp_path / "source")
    HOSTILE_TEXT(data)
    result = generate(copy_project(tmp_path / "project", data), Progress(False))
    pages = {path: body.decode("utf-8") for path, body in result.files.items() if path.endswith(".md")}
    assert any("&lt;script&gt;" in page for page in pages.values())
    for path, page in pages.items():
        for raw in RAW_MARKUP:
            assert raw not in page, (path, page[max(0, page.find(raw) - 120) : page.find(raw) + 40])
        for line in page.splitlines():
            assert not line.startswith(("| a", "```", "[点我]")), (path, line)


def test_old_mac_line_endings_are_read(tmp_path: Path) -> None:
    data = copy_base(tmp_path)
    csv = data / "disclosures/test-region/test-unit/2023-juesuan/tables/gongkai01.csv"
    csv.write_bytes(csv.read_bytes().replace(b"\n", b"\r"))
    (disclosure,) = load_corpus(data).disclosures
    table = disclosure.table("01")
    assert table is not None and [r.line for r in table.rows][:2] == [2, 3]


@pytest.mark.e2e
def test_hostile_text_stays_inert_in_the_built_html(tmp_path: Path) -> None:
    data = copy_base(tmp_path / "source")
    HOSTILE_TEXT(data)
    paths = copy_project(tmp_path / "project", data)
    build_site(paths, Progress(False))
    pages = sorted(paths.build.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert not re.search(r"""href=["']?javascript:""", html), page
    disclosure = (paths.build / "test-region/test-unit/2023-juesuan/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in disclosure
