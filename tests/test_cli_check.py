"""``gongkai check``: every problem grouped by disclosure, counts by severity, JSON, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from gongkai.cli import main

FOLDER = f"data/{DISCLOSURE}"


def _check(data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["check", "--data", str(data), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def _with_finding(tmp_path: Path) -> Path:
    """Base data whose 本年收入合计 (公开01 行次27) no longer matches its parts: one rule finding."""
    data = copy_base(tmp_path)
    csv = data / DISCLOSURE / "tables" / "gongkai01.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("27,本年收入合计,100.00", "27,本年收入合计,120.00"))
    return data


def test_valid_data_gets_a_heading_per_disclosure_and_the_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(copy_base(tmp_path), capsys)
    assert code == 0 and err == ""
    assert re.search(rf"^== 测试局 2023年度单位决算 · {FOLDER}（核对 \d+ 项，\d+ 处问题）$", out, re.M)
    assert re.search(r"^共 \d+ 个错误、\d+ 个警告、\d+ 个提示。$", out, re.M)


def test_findings_are_listed_with_location_code_message_and_hint_but_exit_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, before, _ = _check(copy_base(tmp_path / "clean"), capsys)
    code, out, _ = _check(_with_finding(tmp_path), capsys)
    assert code == 0
    line = f"{FOLDER}/tables/gongkai01.csv 第4行 公开01表 行「27」 栏「金额（栏次1）」: 错误 [t01-income-sum]"
    assert line in out and line not in before
    assert f"共 {out.count(': 错误 [')} 个错误、{out.count(': 警告 [')} 个警告、{out.count(': 提示 [')} 个提示。" in out


def test_findings_as_json_have_stable_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(_with_finding(tmp_path), capsys, "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["ok"] is True and document["format"] == 1
    (group,) = document["groups"]
    assert (group["folder"], group["unit"], group["year"], group["kind"]) == (FOLDER, "测试局", 2023, "决算")
    assert group["checks_run"] > 0
    by_severity = [d["severity"] for d in group["diagnostics"]]
    assert document["counts"] == {s: by_severity.count(s) for s in ("error", "warning", "notice")}
    (finding,) = [d for d in group["diagnostics"] if d["code"] == "t01-income-sum"]
    assert set(finding) == {"code", "title", "severity", "location", "message", "hint", "figures", "related"}
    assert finding["severity"] == "error" and finding["title"] == "收入总表：本年收入合计不等于各项收入之和"
    assert finding["location"]["anchor"] == "t01-r27-c1" and finding["location"]["line"] == 4
    assert set(finding["location"]) == {
        "file",
        "line",
        "column_no",
        "field",
        "table",
        "row",
        "column",
        "anchor",
        "page",
    }
    assert finding["figures"][0] == ["印出的合计", "120.00"]


def _break_several_files(tmp_path: Path) -> Path:
    data = copy_base(tmp_path)
    (data / "site.yaml").write_text("title: [未闭合\n", encoding="utf-8")
    folder = data / DISCLOSURE
    csv = folder / "tables" / "gongkai02.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("201,一般公共服务支出,100.00", "201,一般公共服务支出,1,000"))
    (folder / "overview.yaml").write_text("sections:\n  - titel: 一、职责\n", encoding="utf-8")
    (folder / "tables" / "gongkai01.csv").write_text("行次,项目,金额\n1,收入,#DIV/0!\n", encoding="utf-8")
    return data


def test_all_input_errors_in_all_files_are_reported_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(_break_several_files(tmp_path), capsys)
    assert code == 1 and out == ""
    assert "Traceback" not in err
    for expected in ("[yaml-syntax]", "[csv-row-length]", "[schema-unknown-field]", "[amount-spreadsheet-error]"):
        assert expected in err
    shared, disclosure = err.index("== 网站配置与公共数据"), err.index(f"== {FOLDER}（")
    assert shared < err.index("[yaml-syntax]") < disclosure < err.index("[csv-row-length]")
    assert "data/site.yaml 第2行 第1列: 错误 [yaml-syntax]" in err
    assert "共 " in err and "个错误" in err and "原有 build/ 保持不变" in err


def test_input_errors_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(_break_several_files(tmp_path), capsys, "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["ok"] is False
    assert [g["folder"] for g in document["groups"]] == ["", FOLDER]
    codes = {d["code"] for g in document["groups"] for d in g["diagnostics"]}
    assert {"yaml-syntax", "csv-row-length", "schema-unknown-field", "amount-spreadsheet-error"} <= codes
    assert document["counts"]["error"] == sum(len(g["diagnostics"]) for g in document["groups"])


def test_missing_data_folder_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _check(tmp_path / "nowhere", capsys)
    assert code == 1 and "[data-folder-missing]" in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_each_disclosure_gets_its_own_group_in_folder_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy_base(tmp_path)
    other = data / "disclosures" / "aa-region" / "test-unit" / "2023-juesuan"
    shutil.copytree(data / DISCLOSURE, other)
    yaml = other / "disclosure.yaml"
    text = yaml.read_text(encoding="utf-8").replace("region_slug: test-region", "region_slug: aa-region")
    yaml.write_text(text.replace('code: "001001"', 'code: "002002"'), encoding="utf-8")
    code, out, _ = _check(data, capsys, "--format", "json")
    assert code == 0
    folders = [g["folder"] for g in json.loads(out)["groups"]]
    assert folders == ["data/disclosures/aa-region/test-unit/2023-juesuan", FOLDER]
    _, text_out, _ = _check(data, capsys)
    headings = [line for line in text_out.splitlines() if line.startswith("== ")]
    assert len(headings) == 2 and "aa-region" in headings[0] and "test-region" in headings[1]
