"""The transcriptions of seeds 000, 003 and 004 say what the seed texts print.

Reads the data files with ``yaml`` only (not the project's loader) and compares them with the
extracted seed texts: every transcribed string is printed text, and chosen figures (charts,
explanations, staffing, every project's funds and indicators) are the printed ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from import_helpers import SEEDS

DISCLOSURES = Path(__file__).resolve().parents[1] / "data" / "disclosures"
FOLDERS = {
    "000_a19aa65de9095692.txt": "sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan",
    "003_72e587118b812785.txt": "unnamed-city/shi-xinfangju/2024-juesuan",
    "004_e40cd2cf77471691.txt": "sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan",
}
SEED_000, SEED_003, SEED_004 = FOLDERS
NUMBER = re.compile(r"^\d+(\.\d+)?%?$")

if not all((SEEDS / name).exists() for name in FOLDERS):
    pytest.skip("seed texts not available", allow_module_level=True)


@cache
def seed_lines(seed: str) -> tuple[str, ...]:
    return tuple(line.strip(" \t\u3000") for line in (SEEDS / seed).read_text(encoding="utf-8").split("\n"))


@cache
def squashed_seed(seed: str) -> str:
    return squash("".join(seed_lines(seed)))


def squash(text: str) -> str:
    """Text without any whitespace: the extraction breaks lines and table cells anywhere."""
    return "".join(text.split())


def read(seed: str, rel: str) -> Any:
    return yaml.safe_load((DISCLOSURES / FOLDERS[seed] / rel).read_text(encoding="utf-8"))


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def transcribed_files() -> Iterator[tuple[str, Path]]:
    for seed, folder in FOLDERS.items():
        for path in sorted((DISCLOSURES / folder).rglob("*.yaml")):
            if path.name not in {"disclosure.yaml", "charts.yaml"}:
                yield seed, path


def block(seed: str, first: str, last: str) -> list[str]:
    """Non-empty seed lines from the line ``first`` up to (excluding) the next line ``last``."""
    lines = seed_lines(seed)
    start = lines.index(first)
    end = lines.index(last, start)
    return [line for line in lines[start:end] if line]


@pytest.mark.parametrize(("seed", "path"), list(transcribed_files()), ids=lambda v: getattr(v, "name", v))
def test_every_transcribed_string_is_printed_in_the_seed(seed: str, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for text in strings(data):
        assert "bookmark" not in text
        assert squash(text) in squashed_seed(seed), text


@pytest.mark.parametrize("seed", list(FOLDERS))
def test_disclosure_identity_matches_its_folder(seed: str) -> None:
    disclosure = read(seed, "disclosure.yaml")
    region_slug, unit_slug, year_kind = FOLDERS[seed].split("/")
    assert disclosure["unit"]["region_slug"] == region_slug
    assert disclosure["unit"]["slug"] == unit_slug
    assert year_kind == f"{disclosure['year']}-juesuan" and disclosure["kind"] == "决算"
    assert disclosure["source"]["file"] == seed
    assert disclosure["tables"] == []


def test_000_charts_keep_the_loose_numbers_printed_after_each_title() -> None:
    lines = seed_lines(SEED_000)
    charts = read(SEED_000, "charts.yaml")["charts"]
    assert [c["figure"] for c in charts] == [f"图{n}" for n in range(1, 8)]
    for chart in charts:
        title_line = next(i for i, line in enumerate(lines) if line.startswith(chart["figure"] + "："))
        assert lines[title_line] == f"{chart['figure']}：{chart['title']}"
        printed = [cell.strip() for cell in lines[title_line + 1].split("\t")]
        for point in chart["points"]:
            assert point["value"] in printed
            assert point["category"] in printed or f"{point['category']}（万元）" in printed
    values = {c["figure"]: [(p["category"], p["value"]) for p in c["points"]] for c in charts}
    assert values["图1"] == [("2022年", "195.64"), ("2023年", "223.06")] * 2
    assert values["图2"] == [("一般公共预算财政拨款收入", "223.06")]
    assert values["图3"] == [("基本支出", "138.42"), ("项目支出", "84.64")]
    assert [v for _, v in values["图6"]] == ["195.31", "13.12", "4.78", "9.84"]
    assert [v for _, v in values["图7"]] == ["0", "0", "2.95"]


def test_000_explanations_keep_the_printed_paragraphs() -> None:
    sections = read(SEED_000, "explanations.yaml")["sections"]
    assert [s["title"][:2] for s in sections] == [f"{n}、" for n in "一二三四五六七八九"] + ["十、"]
    first = sections[0]["paragraphs"][0]
    assert "223.06万元" in first and "增加27.42万元" in first
    assert first in seed_lines(SEED_000)
    sangong = sections[6]["subsections"][0]["paragraphs"][0]
    assert "较上年增加0.59万元，增长2%" in sangong  # wrong as printed: 0.59 / 2.36 is 25%


def test_000_glossary_keeps_the_printed_numbering() -> None:
    entries = read(SEED_000, "glossary.yaml")["entries"]
    assert [e["number"] for e in entries][-4:] == ["十二", "十三", "十五", "十六"]
    assert entries[0] == {
        "number": "一",
        "term": "财政拨款收入",
        "definition": "指单位从同级财政部门取得的财政预算资金。",
        "aliases": [],
    }


def test_000_staffing_is_stated_only_by_the_performance_report() -> None:
    assert "staffing" not in read(SEED_000, "overview.yaml")
    overall = read(SEED_000, "performance/overall.yaml")
    staff = overall["sections"][0]["subsections"][2]
    assert staff["title"] == "（三）人员概况"
    assert "单位共有编制8人" in staff["paragraphs"][0] and "全局退休3人" in staff["paragraphs"][0]


def test_000_whole_table_keeps_its_printed_year_and_figures() -> None:
    overall = read(SEED_000, "performance/overall.yaml")
    assert (overall["year"], overall["score"]) == (2023, "100")
    table = overall["table"]
    assert table["year"] == 2022 and "（2022年度）" in seed_lines(SEED_000)
    total = table["funds"][0]
    assert (total["initial_budget"], total["annual_budget"], total["executed"], total["rate"]) == (
        "173.6",
        "195.63",
        "195.63",
        "100",
    )


def fund_figures(project: dict[str, Any]) -> list[str]:
    """The project's non-empty fund figures in table order, 执行率 with the % sign the seed prints."""
    keys = ("initial_budget", "annual_budget", "executed", "rate")
    figures = [(f[k], k) for f in project["funds"] for k in keys if f[k]]
    return [figure + "%" if key == "rate" else figure for figure, key in figures]


PROJECTS_000 = {
    "xinfang-weiwen-yingji-jingfei": ("信访维稳应急（工作）经费", ["13", "41", "41", "100%"] * 3),
    "teshu-yinan-xinfang-zijin": ("2023年特殊疑难信访资金", ["11", "11", "100%"] * 3),
}


@pytest.mark.parametrize("slug", list(PROJECTS_000))
def test_000_project_funds_are_the_printed_cells(slug: str) -> None:
    name, expected = PROJECTS_000[slug]
    project = read(SEED_000, f"performance/projects/{slug}.yaml")
    assert project["name"] == name and project["year"] == 2023
    printed = [cell for cell in block(SEED_000, name, "年度总体目标") if NUMBER.match(cell)]
    assert fund_figures(project) == printed == expected
    assert {f["weight"] for f in project["funds"]} == {""}  # no 分值 / 得分 columns in these tables
    assert project["report"], "the accompanying report is transcribed"


PROJECTS_004 = {
    # slug: (name, 预算数, 执行数, 成本指标 预期, 成本指标 实际)
    "baoan-feiyong": ("保安费用", "8", "8", "8", "4.4"),
    "jiefang-feiyong": ("接访费用", "2", "2", "2", "1.29"),
    "maodun-huajie-zhuanxiang-zijin": ("矛盾化解和疑难信访问题专项资金", "8", "8", "8", "4.85"),
    "zhujing-zhurong-feiyong": ("驻京驻蓉费用", "5", "5", "5", "5"),
    "teshu-yinan-zhongyang-buzhu-zijin": ("解决特殊疑难信访问题中央补助资金", "15", "15", "15", "10"),
}


@pytest.mark.parametrize("slug", list(PROJECTS_004))
def test_004_project_figures_are_the_printed_cells(slug: str) -> None:
    name, budget, executed, cost_target, cost_actual = PROJECTS_004[slug]
    project = read(SEED_004, f"performance/projects/{slug}.yaml")
    assert project["name"] == name and project["year"] == 2021
    total = project["funds"][0]
    assert (total["annual_budget"], total["executed"]) == (budget, executed)
    next_title = "年度绩效指标完成情况"
    printed = [cell for cell in block(SEED_004, name, next_title) if NUMBER.match(cell)]
    assert [f[k] for f in project["funds"] for k in ("annual_budget", "executed")] == printed
    cost = next(i for i in project["indicators"] if i["level2"] == "成本指标")
    assert (cost["target"], cost["actual"]) == (cost_target, cost_actual)
    assert len(project["indicators"]) == 9


def test_003_staffing_numbers_are_printed() -> None:
    staffing = read(SEED_003, "overview.yaml")["staffing"]
    assert (staffing["authorized"], staffing["actual"], staffing["retired"]) == (14, 13, 3)
    assert staffing["text"] in seed_lines(SEED_003)
    assert "编制人数14人；实有人数13人，退休3人" in staffing["text"]
    assert read(SEED_003, "performance/overall.yaml")["score"] == "100"


def test_004_staffing_has_no_total_because_none_is_printed() -> None:
    staffing = read(SEED_004, "overview.yaml")["staffing"]
    assert (staffing["authorized"], staffing["actual"], staffing["retired"]) == (None, None, None)
    assert staffing["text"] in seed_lines(SEED_004)
    assert "核定行政编制3人，事业编制5人" in staffing["text"]
