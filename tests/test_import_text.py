"""``gongkai import text``: every sample file is a seed's import, seeds load without corrections, an unseen
disclosure, bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gongkai.diagnostics import InputError
from gongkai.importers.text import import_text, read_disclosure_text
from gongkai.load import load_corpus
from import_helpers import DATA, FIXTURES, SEEDS, data_folder, error_code, only_disclosure, run_import

SEED_002 = SEEDS / "002_f64002770984a7bf.txt"
FOLDER_002 = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
CORRECTIONS_002 = DATA / "import-corrections/002_f64002770984a7bf.yaml"
needs_seeds = pytest.mark.skipif(not SEED_002.exists(), reason="seed texts not available")


@pytest.fixture(scope="module")
def imported_002(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = data_folder(tmp_path_factory.mktemp("import002"))
    assert (
        run_import("text", SEED_002, "--out", data / "disclosures" / FOLDER_002, "--corrections", CORRECTIONS_002) == 0
    )
    return data


@needs_seeds
def test_import_is_byte_identical_when_repeated(imported_002: Path, tmp_path: Path) -> None:
    again = tmp_path / FOLDER_002
    assert run_import("text", SEED_002, "--out", again, "--corrections", CORRECTIONS_002) == 0
    first = imported_002 / "disclosures" / FOLDER_002
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (again / f).read_bytes() for f in files)


SAMPLE_FOLDERS = {
    "000_a19aa65de9095692.txt": "sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan",
    "002_f64002770984a7bf.txt": FOLDER_002,
    "003_72e587118b812785.txt": "unnamed-city/shi-xinfangju/2024-juesuan",
    "004_e40cd2cf77471691.txt": "sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan",
}


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@needs_seeds
@pytest.mark.parametrize("seed", sorted(SAMPLE_FOLDERS))
def test_every_sample_file_is_the_import_of_its_seed_with_its_recorded_corrections(tmp_path: Path, seed: str) -> None:
    """Issue 7: the sample data is the text importer's output plus the reviewed corrections, nothing else."""
    folder = SAMPLE_FOLDERS[seed]
    corrections = DATA / "import-corrections" / seed.replace(".txt", ".yaml")
    assert run_import("text", SEEDS / seed, "--out", tmp_path / folder, "--corrections", corrections) == 0
    sample, imported = DATA / "disclosures" / folder, tmp_path / folder
    assert _files(imported) == _files(sample)
    for rel in _files(sample):
        if rel.endswith(".yaml"):
            assert _yaml(imported / rel) == _yaml(sample / rel), rel
        else:
            assert (imported / rel).read_bytes() == (sample / rel).read_bytes(), rel


@needs_seeds
@pytest.mark.parametrize("seed", ["000_a19aa65de9095692.txt", "003_72e587118b812785.txt", "004_e40cd2cf77471691.txt"])
def test_other_seeds_import_into_loadable_folders(tmp_path: Path, seed: str) -> None:
    data = data_folder(tmp_path)
    extra = ["--unit-name", "某市信访局"] if seed.startswith("003") else []  # without its corrections
    assert run_import("text", SEEDS / seed, "--out", data / "disclosures" / SAMPLE_FOLDERS[seed], *extra) == 0
    disclosure = only_disclosure(load_corpus(data))
    assert disclosure.overall is not None
    assert "绩效" in disclosure.parts


def test_unseen_disclosure_imports_with_unplaced_lines_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_folder(tmp_path)
    out = data / "disclosures/mou-sheng-pingan/pingan-minzhengju/2024-juesuan"
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", out) == 0
    disclosure = only_disclosure(load_corpus(data))
    assert (disclosure.unit.name, disclosure.year, disclosure.kind) == ("平安县民政局", 2024, "决算")
    assert disclosure.parts == ("概况", "决算表", "情况说明")
    assert disclosure.tables["02"].rows[1].name == "社会保障和就业支出"  # broken by a line wrap, joined
    assert disclosure.explanations[0].paragraphs[0].endswith("120.50万元。与上年相比基本持平。")
    errors = capsys.readouterr().err
    assert "第34行" in errors and "import-unplaced-line" in errors and "页脚" in errors


def test_truncated_table_is_reported_and_the_rest_imported() -> None:
    imported = read_disclosure_text((FIXTURES / "unseen-county-2024.txt").read_text(encoding="utf-8"), "x.txt")
    truncated = [d for d in imported.diagnostics if d.code == "import-truncated-table"]
    assert [d.location.table for d in truncated] == ["公开05表"]
    assert imported.tables[1].rows == [["208", "社会保障和就业支出", "120.50", "100.00", "20.50"]]


def test_text_in_an_amount_column_is_kept_as_printed_and_reported() -> None:
    text = "第二部分 决算表\n收入决算表\n公开02表\n合计\t\t六十\t\t\t\t\t\t\n注：示例。\n"
    imported = read_disclosure_text(text, "x.txt")
    assert imported.tables[0].rows[0][2] == "六十"
    assert [d.code for d in imported.diagnostics] == ["import-cell-not-amount"]


def test_gbk_text_gives_import_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一部分 概况\n一、部门职责\n".encode("gbk"))
    with pytest.raises(InputError) as error:
        import_text(path)
    assert error.value.diagnostics[0].code == "import-encoding"
    assert "GBK" in error.value.diagnostics[0].message


def test_a_text_that_is_not_a_disclosure_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("购物清单\n牛奶\n面包\n", encoding="utf-8")
    assert error_code(import_text, path) == "import-not-a-disclosure"


def test_unit_name_not_printed_and_not_given_stops_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "report.txt"
    text.write_text("部门整体支出绩效自评报告\n一、部门基本情况\n2024年度工作顺利完成。\n", encoding="utf-8")
    assert run_import("text", text, "--out", tmp_path / "r/u/2024-juesuan") == 1
    assert "import-identity-missing" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_existing_output_is_kept_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r/u/2024-juesuan"
    out.mkdir(parents=True)
    (out / "disclosure.yaml").write_text("title: 手工数据\n", encoding="utf-8")
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", out) == 1
    assert "import-output-exists" in capsys.readouterr().err
    assert (out / "disclosure.yaml").read_text(encoding="utf-8") == "title: 手工数据\n"
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", out, "--force") == 0
    assert "平安县民政局" in (out / "disclosure.yaml").read_text(encoding="utf-8")


def test_corrections_naming_an_unknown_project_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrections = tmp_path / "fix.yaml"
    corrections.write_text("project_slugs:\n  不存在的项目: bu-cunzai\n", encoding="utf-8")
    out = tmp_path / "r/u/2024-juesuan"
    assert run_import("text", FIXTURES / "unseen-county-2024.txt", "--out", out, "--corrections", corrections) == 1
    assert "import-corrections-invalid" in capsys.readouterr().err


def test_three_public_figures_and_a_two_block_basic_expense_table() -> None:
    text = (
        "第二部分 决算表\n一般公共预算财政拨款基本支出决算明细表\n公开06表\n"
        "人员经费\t\t\t公用经费\t\t\n科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n"
        "301\t工资福利支出\t10.00\t302\t商品和服务支出\t2.00\n30101\t基本工资\t10.00\t30201\t办公费\t2.00\n"
        "人员经费合计\t\t10.00\t公用经费合计\t\t2.00\n注：示例。\n"
        "财政拨款“三公”经费支出决算表\n公开09表\n预算数\t\t\t\t\t\t决算数\n"
        "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n1.00\t\t0.50\t\t0.50\t0.50\t0.80\t\t0.40\t\t0.40\t0.40\n注：示例。\n"
    )
    imported = read_disclosure_text(text, "x.txt")
    basic, three = imported.tables
    assert [row[1] for row in basic.rows] == [
        "工资福利支出",
        "基本工资",
        "人员经费合计",
        "商品和服务支出",
        "办公费",
        "公用经费合计",
    ]
    assert three.rows == [
        ["预算数", "1.00", "", "0.50", "", "0.50", "0.50"],
        ["决算数", "0.80", "", "0.40", "", "0.40", "0.40"],
    ]
    assert imported.diagnostics == []


def test_a_table_is_known_by_its_title_not_by_its_number() -> None:
    text = (
        "第二部分 预算表\n部门收支总表\n公开01表\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、一般公共预算拨款\t100.00\t一、一般公共服务支出\t100.00\n"
    )
    (table,) = read_disclosure_text(text, "x.txt").tables
    assert (table.id, table.header) == ("Y01", ("收支", "项目", "合计"))
    assert table.rows == [["收入", "一、一般公共预算拨款", "100.00"], ["支出", "一、一般公共服务支出", "100.00"]]


def test_missing_file_and_oversized_file_give_coded_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert error_code(import_text, tmp_path / "不存在.txt") == "import-file-missing"
    big = tmp_path / "big.txt"
    big.write_text("第一部分 概况\n" * 10, encoding="utf-8")
    monkeypatch.setattr("gongkai.importers.source.MAX_IMPORT_BYTES", 16)
    assert error_code(import_text, big) == "import-file-too-large"


def test_table_of_contents_is_dropped_but_a_paragraph_ending_in_an_ellipsis_is_kept() -> None:
    text = "目 录\n第一部分 概况\t1\n一、部门职责.....\t1\n第一部分 概况\n一、部门职责\n负责信访工作……\n"
    imported = read_disclosure_text(text, "x.txt")
    assert [(s.title, s.paragraphs) for s in imported.overview] == [("一、部门职责", ["负责信访工作……"])]
    assert imported.diagnostics == []


def _county_text_without_annex_heading() -> str:
    """Seed 002 as another county text prints it: the title on one line, year first; no 「第五部分
    附件」 heading, three 自评表 right after the 名词解释."""
    lines = SEED_002.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if line.strip() != "第五部分 附件"]
    fourth = [i for i, line in enumerate(lines) if line.strip().endswith("绩效自评表")][3]
    text = "\n".join(lines[:fourth]).replace(
        "襄垣县信访局\n\n2023年度单位决算公开", "2023年度襄垣县信访局单位决算公开", 1
    )
    assert "2023年度襄垣县信访局单位决算公开" in text
    return text


@needs_seeds
def test_county_text_keeps_its_self_evaluation_forms_after_the_glossary(tmp_path: Path) -> None:
    source = tmp_path / "county.txt"
    source.write_text(_county_text_without_annex_heading(), encoding="utf-8")
    imported = import_text(source)
    assert [p["name"] for p in imported.projects] == ["新冠肺炎疫情防控经费", "遗属人员补助", "22年信访维稳工作经费"]
    assert [g.term for g in imported.glossary][-1] == "信访事务"  # no 备注 or form title as a term
    assert imported.identity.unit_name == "襄垣县信访局" and imported.identity.year == 2023
    data = data_folder(tmp_path)
    assert run_import("text", source, "--out", data / "disclosures/shanxi-xiangyuan/xinfangju/2023-juesuan") == 0
    folder = data / "disclosures/shanxi-xiangyuan/xinfangju/2023-juesuan"
    assert len(list((folder / "performance/projects").glob("*.yaml"))) == 3
