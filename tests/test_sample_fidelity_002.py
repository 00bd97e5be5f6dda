"""The transcription of seed 002 (襄垣县信访局 2023年度单位决算公开) says what the seed text prints.

Reads the data files with ``csv`` and ``yaml`` only (not the project's loader) and compares every
figure with the line of the extracted text it was transcribed from.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from import_helpers import SEEDS

SEED_FILE = SEEDS / "002_f64002770984a7bf.txt"
DATA = Path(__file__).resolve().parents[1] / "data"
FOLDER = DATA / "disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"

if not SEED_FILE.exists():
    pytest.skip("seed 002 text not available", allow_module_level=True)

SEED = SEED_FILE.read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")

HEADERS = {
    "01": "行次,项目,金额",
    "02": "科目代码,科目名称,本年收入合计,财政拨款收入,上级补助收入,事业收入,经营收入,附属单位上缴收入,其他收入",
    "03": "科目代码,科目名称,本年支出合计,基本支出,项目支出,上缴上级支出,经营支出,对附属单位补助支出",
    "04": "行次,项目,合计,一般公共预算财政拨款,政府性基金预算财政拨款,国有资本经营预算财政拨款",
    "05": "科目代码,科目名称,合计,基本支出,项目支出",
    "06": "科目代码,科目名称,决算数",
    "07": "科目代码,科目名称,年初结转和结余,本年收入,本年支出小计,本年支出基本支出,本年支出项目支出,年末结转和结余",
    "08": "科目代码,科目名称,合计,基本支出,项目支出",
    "09": "项目,合计,因公出国（境）费,公务用车购置及运行维护费小计,公务用车购置费,公务用车运行维护费,公务接待费",
    "10": "行次,项目,统计数",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def table(table_id: str) -> list[dict[str, str]]:
    return read_csv(FOLDER / f"tables/gongkai{table_id}.csv")


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def filled(line: str) -> list[str]:
    return [c for c in cells(line) if c]


def seed_section(start: str, end: str) -> list[str]:
    """Seed lines from the one equal to ``start`` up to the next one starting with ``end``."""
    first = SEED_LINES.index(start)
    last = next(i for i in range(first + 1, len(SEED_LINES)) if SEED_LINES[i].startswith(end))
    return SEED_LINES[first:last]


def amounts(row: dict[str, str], skip: int) -> list[str]:
    return [v for v in list(row.values())[skip:] if v]


def test_every_table_is_listed_with_its_fixed_header() -> None:
    listed = read_yaml(FOLDER / "disclosure.yaml")["tables"]
    assert [t["id"] for t in listed] == list(HEADERS)
    for entry in listed:
        with (FOLDER / entry["file"]).open(encoding="utf-8") as f:
            assert f.readline().strip() == HEADERS[entry["id"]]
        assert entry["unit"] == "万元"
        assert all(note in SEED for note in entry["notes"])


@pytest.mark.parametrize("table_id", ["07", "08", "09"])
def test_tables_printed_without_data_are_marked_and_empty(table_id: str) -> None:
    entry = next(t for t in read_yaml(FOLDER / "disclosure.yaml")["tables"] if t["id"] == table_id)
    assert entry["no_data"] is True
    assert "说明：本表无数据" in entry["notes"]
    label_columns = 1 if table_id == "09" else 2
    assert not any(amounts(row, label_columns) for row in table(table_id))


def test_table_01_totals() -> None:
    rows = {r["行次"]: r for r in table("01")}
    assert [int(n) for n in rows] == list(range(1, 63))
    assert rows["27"]["金额"] == "233.67"
    assert rows["62"]["金额"] == "233.67"
    assert rows["32"]["金额"] == "188.00"  # trailing zeros kept as printed


def coded_rows() -> Iterator[Any]:
    """(printed cells of the seed line with the row's 科目代码, CSV row) for 公开02, 03 and 05."""
    for table_id in ("02", "03", "05"):
        section = [cells(line) for line in seed_section(f"公开{table_id}表", "注：")]
        for row in table(table_id):
            key = row["科目代码"] or "合计"
            printed = next(c for c in section if c[0] == key)
            yield pytest.param(printed, row, id=f"{table_id}-{key}")


@pytest.mark.parametrize(("printed", "row"), list(coded_rows()))
def test_coded_rows_match_the_seed_line_of_their_code(printed: list[str], row: dict[str, str]) -> None:
    if row["科目名称"] == "合计":
        assert printed[:2] == ["合计", ""]
    else:  # names split by line-wrapping in the text are joined
        assert [row["科目代码"], row["科目名称"]] == [printed[0], printed[1].replace(" ", "")]
    figures = list(row.values())[2:]
    assert figures == (printed[2:] + [""] * len(figures))[: len(figures)]  # same order, blanks stay blank


def numbered_rows() -> Iterator[Any]:
    """Rows with a 行次; the seed prints two halves side by side (项目, 行次, figures…)."""
    for table_id in ("01", "04", "10"):
        section = [cells(line) for line in seed_section(f"公开{table_id}表", "注：")]
        for row in table(table_id):
            printed = next(c[i:] for c in section for i in (0, 3) if c[i + 1 : i + 2] == [row["行次"]])
            yield pytest.param(table_id, printed, row, id=f"{table_id}-{row['行次']}")


@pytest.mark.parametrize(("table_id", "printed", "row"), list(numbered_rows()))
def test_numbered_rows_match_the_seed(table_id: str, printed: list[str], row: dict[str, str]) -> None:
    figures = list(row.values())[2:]
    if table_id == "04" and int(row["行次"]) <= 32:  # left half: only the printed 金额 (栏次 1)
        figures = figures[:1]
    assert printed[0] == row["项目"]
    assert (printed[2:] + [""] * 4)[: len(figures)] == figures


def test_table_06_keeps_the_printed_block_order() -> None:
    codes = [r["科目代码"] for r in table("06")]
    assert codes[0] == "301" and codes[codes.index("") + 1] == "302"
    assert [r["科目名称"] for r in table("06") if not r["科目代码"]] == ["人员经费合计", "公用经费合计"]
    assert codes[-2] == "39999"


@pytest.mark.parametrize("row", table("06"), ids=lambda r: r["科目代码"] or r["科目名称"])
def test_table_06_items_match_the_seed(row: dict[str, str]) -> None:
    section = [cells(line) for line in seed_section("公开06表", "注：")]
    if not row["科目代码"]:
        totals = next(c for c in section if c[0] == "人员经费合计")
        total = totals[2] if row["科目名称"] == "人员经费合计" else [c for c in totals if c][-1]
        assert row["决算数"] == total  # 公用经费合计 is printed at the far right of the line
        return
    item = [row["科目代码"], row["科目名称"]]
    printed = [[*c, ""][i + 2] for c in section for i in (0, 3, 6, 9) if c[i : i + 2] == item]
    assert printed == [row["决算数"]]


def test_table_10_keeps_the_printed_rows_only() -> None:
    rows = table("10")
    assert [r["行次"] for r in rows] == [str(n) for n in range(1, 16)] + ["17"]
    assert {r["行次"]: r["统计数"] for r in rows if r["统计数"]} == {
        "1": "18.11", "2": "15.88", "4": "2.23", "5": "13.19", "7": "1", "15": "1",
    }  # fmt: skip


def test_codes_used_in_the_tables_are_in_the_shared_lists() -> None:
    function_names = {r["code"]: r["name"] for r in read_csv(DATA / "codes/function-codes.csv") if not r["year_to"]}
    used = {r["科目代码"]: r["科目名称"] for t in ("02", "03", "05") for r in table(t) if r["科目代码"]}
    assert {code: function_names.get(code) for code in used} == used
    economic = {r["code"] for r in read_csv(DATA / "codes/economic-codes.csv")}
    assert {r["科目代码"] for r in table("06") if r["科目代码"]} <= economic


def all_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("paragraphs", "title", "text", "name", "term", "definition", "notes", "target", "actual"):
                yield from [value] if isinstance(value, str) else all_texts(value)
            elif isinstance(value, list | dict):
                yield from all_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from [item] if isinstance(item, str) else all_texts(item)


PROJECTS = sorted((FOLDER / "performance/projects").glob("*.yaml"))
TEXT_FILES = [FOLDER / name for name in ("overview.yaml", "explanations.yaml", "glossary.yaml")] + PROJECTS


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.stem)
def test_running_text_is_printed_in_the_seed(path: Path) -> None:
    flat = SEED.replace("\n", "")  # lines broken by the extraction are joined in the data
    missing = [t for t in all_texts(read_yaml(path)) if t and t not in flat]
    assert missing == []


def test_explanations_keep_printed_typos_and_join_broken_lines() -> None:
    text = "\n".join(all_texts(read_yaml(FOLDER / "explanations.yaml")))
    assert "邮电费0.25元" in text
    assert "完成全年预算的0%，与上年“三公”经费财政拨款支出决算相同。其中：" in text
    titles = [s["title"] for s in read_yaml(FOLDER / "explanations.yaml")["sections"]]
    assert [t.split("、")[0] for t in titles] == list("一二三四五六七八九十")


def test_overview_staffing_states_only_printed_figures() -> None:
    staffing = read_yaml(FOLDER / "overview.yaml")["staffing"]
    assert staffing["actual"] is None and staffing["retired"] is None
    assert "编制6名" in staffing["text"] and "编制10名" in staffing["text"]
    assert staffing["authorized"] == 6 + 10


def test_glossary_has_the_twelve_numbered_entries_and_xinfang_shiwu() -> None:
    entries = read_yaml(FOLDER / "glossary.yaml")["entries"]
    assert len(entries) == 13
    assert entries[-1]["term"] == "信访事务" and not entries[-1].get("number")


def project_section(project: dict[str, Any]) -> list[list[str]]:
    lines = seed_section(f"{project['name']}项目支出绩效自评表", "备注")
    return [filled(line) for line in lines if line.strip()]


def test_all_seven_projects_are_transcribed() -> None:
    assert len(PROJECTS) == 7
    assert all(re.fullmatch(r"[a-z0-9-]+\.yaml", p.name) for p in PROJECTS)


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_project_total_score_and_grade_are_printed(path: Path) -> None:
    project = read_yaml(path)
    total_line = next(c for c in project_section(project) if c[:1] == ["总分"])
    assert total_line == ["总分", project["total_score"], project["grade"]]


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_project_funds_figures_are_printed_in_order(path: Path) -> None:
    project = read_yaml(path)
    section = project_section(project)
    start = next(i for i, c in enumerate(section) if c[0].startswith("项目资金预算安排"))
    end = next(i for i, c in enumerate(section) if c[0] == "项目年度绩效目标")
    printed = [c for c in section[start + 1 : end] if "目标申报数" not in c]
    keys = ("initial_declared", "initial_budget", "annual_budget", "executed", "balance", "rate", "score")
    transcribed = [[f[k] for k in keys if f[k]] for f in project["funds"]]
    assert transcribed == [c if AMOUNT.match(c[0]) else c[1:] for c in printed]
    assert [f["source"] for f in project["funds"]] == ["" if AMOUNT.match(c[0]) else c[0].rstrip(":") for c in printed]
    assert all(f["weight"] == "" for f in project["funds"])  # no 分值 column is printed


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_project_indicators_are_printed_rows(path: Path) -> None:
    project = read_yaml(path)
    section = project_section(project)
    for ind in project["indicators"]:
        keys = ("level2", "name", "target", "adjusted_target", "actual", "weight", "score", "deviation")
        expected = [ind[k] for k in keys if ind[k]]
        assert any(c[-len(expected) :] == expected for c in section), ind["name"]
