"""Every document is called what it is (部门决算, 整体支出绩效评价报告 …), an unfilled 参考格式 says so and
gets no pass badge, and a document without tables shows the totals its text states."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bad_inputs import DISCLOSURE, copy_base
from chart_helpers import cell, disclosure
from conftest import BuiltSite
from gongkai.diagnostics import InputError
from gongkai.documents import placeholders, stated_totals
from gongkai.load import load_corpus
from gongkai.models import Corpus, Disclosure, OverallReport, TextSection
from gongkai.rules import check_corpus
from gongkai.schema import default_document, folder_name

DATA = Path(__file__).resolve().parents[1] / "data"
XIQU = "sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan"
CITY = "unnamed-city/shi-xinfangju/2024-juesuan"
PUTUO = "shanghai-putuo/putuo-shangwuweiyuanhui/2025-yusuan"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(DATA)


def _by_url(corpus: Corpus, url: str) -> Disclosure:
    return next(d for d in corpus.disclosures if d.url == f"{url}/")


@pytest.mark.parametrize(
    ("title", "kind", "parts", "overall", "projects", "expected"),
    [
        ("襄垣县信访局2023年度单位决算公开", "决算", ["概况", "决算表"], None, 7, "单位决算"),
        ("某局2023年度部门决算", "决算", ["概况"], "自评报告", 2, "部门决算"),
        ("某局2025年度预算公开", "预算", [], None, 0, "部门预算"),
        ("某中心2025年度单位预算", "预算", ["预算表"], None, 0, "单位预算"),
        ("2021年某局整体绩效评价报告", "决算", ["绩效"], "评价报告", 5, "整体支出绩效评价报告"),
        ("部门整体支出绩效自评报告（参考格式）", "决算", ["绩效"], "自评报告", 0, "整体支出绩效自评报告"),
        ("某局项目支出绩效自评表", "决算", ["绩效"], None, 3, "项目绩效自评"),
    ],
)
def test_document_kind_defaults_from_title_kind_and_parts(
    title: str, kind: str, parts: list[str], overall: str | None, projects: int, expected: str
) -> None:
    assert default_document(title, kind, parts, overall, projects) == expected


def test_sample_documents_are_named_what_they_are(corpus: Corpus) -> None:
    assert {d.url: d.name for d in corpus.disclosures} == {
        "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan/": "襄垣县信访局 2023年度单位决算",
        "sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan/": "中共广元市昭化区委群众工作局 2023年度部门决算",
        f"{XIQU}/": "攀枝花市西区信访局 2021年度整体支出绩效评价报告",
        f"{CITY}/": "某市信访局（名称未注明） 2024年度整体支出绩效自评报告",
        "shanghai-putuo/putuo-caizhengju/2024-juesuan/": "上海市普陀区财政局 2024年度部门决算",
        f"{PUTUO}/": "上海市普陀区商务委员会 2025年度部门预算",
    }


def test_a_blank_cover_makes_an_unfilled_template_and_a_filled_report_is_not(corpus: Corpus) -> None:
    assert [p.text for p in placeholders(_by_url(corpus, CITY))] == [
        "部门名称：（公章）",
        "所属下级预算单位数量：",
        "填报人：",
        "联系电话：",
        "填报日期：",
    ]
    assert placeholders(_by_url(corpus, XIQU)) == ()


def with_report(sections: tuple[TextSection, ...]) -> Disclosure:
    report = OverallReport("报告", "自评报告", 2023, cell(""), "", sections, None, "overall.yaml")
    return replace(disclosure(), overall=report)


def test_one_blank_field_is_an_omission_but_a_placeholder_name_is_a_template() -> None:
    one_blank = (TextSection("封面", ("部门名称：西区信访局", "联系电话：")),)
    named = (TextSection("封面", ("部门名称：XX局",)),)
    assert placeholders(with_report(one_blank)) == ()
    assert [p.text for p in placeholders(with_report(named))] == ["XX局"]


def test_the_unfilled_template_notice_names_every_blank_field(corpus: Corpus) -> None:
    report = check_corpus(corpus)
    city = _by_url(corpus, CITY)
    [notice] = [f for f in report.findings[city.folder] if f.code == "document-template-unfilled"]
    assert notice.location.anchor == "report-1-p1-s1"
    assert "「填报人：」" in notice.message and len(notice.related) == 4


def test_report_totals_are_the_whole_not_a_part() -> None:
    text = (
        TextSection(
            "二、收支情况",
            (
                "部门财政资金支出213.61万元，其中一般公共服务支出155.63万元，社会保障和就业支出18.24万元。",
                "1、2024年部门决算收入是346.38万元，全部为一般公共预算财政拨款收入。",
                "2024年年初预算数358.03万元，年度调整预算数-11.65万元，全年执行数346.38万元。",
            ),
        ),
    )
    assert [(t.label, t.figure.raw) for t in stated_totals(text)] == [
        ("收入总计", "346.38万元"),
        ("支出总计", "213.61万元"),
        ("年初预算", "358.03万元"),
        ("全年执行数", "346.38万元"),
    ]


def test_pages_and_lists_show_the_kind_and_the_stated_totals(built_site: BuiltSite) -> None:
    home = built_site.html("")
    xiqu_row = re.search(r"<tr><th scope=\"row\"><a href=\"sichuan-panzhihua-xiqu/.*?</tr>", home)
    assert xiqu_row and "2021年度整体支出绩效评价报告" in xiqu_row.group(0)
    assert "213.34" in xiqu_row.group(0) and "213.61" in xiqu_row.group(0) and "—" not in xiqu_row.group(0)
    city_row = re.search(r"<tr><th scope=\"row\"><a href=\"unnamed-city/.*?</tr>", home)
    assert city_row and city_row.group(0).count("346.38") == 2
    assert "核验通过" not in city_row.group(0) and "参考格式（未填写）" in city_row.group(0)

    page = built_site.html(XIQU)
    assert "<title>攀枝花市西区信访局 2021年度整体支出绩效评价报告 - " in page
    assert 'href="jixiao/overall/#report-2-1-p1-s1"' in page  # the 收入 card links to its sentence
    city = built_site.html(CITY)
    assert 'class="gk-unfilled"' in city and "gk-badge--ok" not in city


def test_navigation_names_the_kind(built_site: BuiltSite) -> None:
    config = (built_site.paths.project / "mkdocs.site.yml").read_text(encoding="utf-8")
    assert "2021年度整体支出绩效评价报告" in config and "2023年度单位决算" in config


@pytest.mark.parametrize("module", ["gongkai.documents", "gongkai.importers.writer", "gongkai.cli", "gongkai.rules"])
def test_each_module_imports_first_without_a_cycle(module: str) -> None:
    """documents reads sentences with rules.text_figures and the rules use documents: either may load first."""
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_sample_budget_page_has_its_tables_charts_and_totals(built_site: BuiltSite) -> None:
    page = built_site.html(PUTUO)
    assert "<title>上海市普陀区商务委员会 2025年度部门预算公开 - " in page
    assert "预算03表" in page and "预算09表" in page
    for key in ("kinds", "running"):
        assert f'<img src="charts/{key}.svg"' in page, key
    assert (
        '<div class="gk-chart gk-chart--sentence" id="income"><p><strong>收入预算结构（按来源）</strong>：全部为财政拨款收入'
        in page
    )
    assert '<h2 id="spending">钱花在哪里' in page and "预算03表" in page  # 功能分类 类 › 款 › 项 of 预算03
    assert "371,514,655.00" in page  # 收入总计 as printed, in 元
    home = built_site.html("")
    row = re.search(r"<tr><th scope=\"row\"><a href=\"shanghai-putuo/.*?</tr>", home)
    assert row and "2025年度部门预算" in row.group(0) and "371,514,655.00元" in row.group(0)


def test_a_units_departmental_and_own_disclosure_of_one_year_have_their_own_folders(tmp_path: Path) -> None:
    """部门决算 at ``2023-juesuan``, 单位决算 at ``2023-juesuan-danwei``: both load (the same unit, year and kind
    is a duplicate only for the same document); a folder name whose document is not the disclosure's is refused."""
    assert folder_name(2025, "预算", "部门预算") == "2025-yusuan"
    assert folder_name(2025, "预算", "单位预算") == "2025-yusuan-danwei"
    assert folder_name(2021, "决算", "整体支出绩效评价报告") == "2021-juesuan-zhengti-pingjia"
    data = copy_base(tmp_path)
    plain = data / DISCLOSURE
    own = plain.with_name("2023-juesuan-danwei")
    shutil.copytree(plain, own)  # the base is a 单位决算 (its title says so)
    yaml_file = plain / "disclosure.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace("单位决算", "部门决算"), encoding="utf-8")
    loaded = load_corpus(data)
    assert sorted((d.slug, d.document) for d in loaded.disclosures) == [
        ("2023-juesuan", "部门决算"),
        ("2023-juesuan-danwei", "单位决算"),
    ]
    own.rename(own.with_name("2023-juesuan-bumen"))  # a 单位决算 named as the 部门 one
    with pytest.raises(InputError) as refused:
        load_corpus(data)
    assert [(d.code, d.location.field) for d in refused.value.diagnostics] == [("slug-mismatch", "document")]
