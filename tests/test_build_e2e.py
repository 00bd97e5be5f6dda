"""End-to-end: the sample data builds into a complete, self-contained, deterministic site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BuiltSite, copy_project
from gongkai.build import Progress, build_site

pytestmark = pytest.mark.e2e

XIANGYUAN = "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
ZHAOHUA = "sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan"
PAGES = [
    "",
    "shanxi-changzhi-xiangyuan/xiangyuan-xinfangju",
    XIANGYUAN,
    f"{XIANGYUAN}/jixiao/yishu-renyuan-buzhu",
    f"{ZHAOHUA}/jixiao/overall",
    "sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan",
    "unnamed-city/shi-xinfangju/2024-juesuan/jixiao/overall",
    "glossary",
    "about",
    "checks",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_type_is_built_in_chinese(built_site: BuiltSite, url: str) -> None:
    html = built_site.html(url)
    assert '<html lang="zh"' in html
    title = re.search(r"<title>(.*?)</title>", html)
    assert title and re.search(r"[\u4e00-\u9fff]", title.group(1))
    assert "Index" not in title.group(1)


def test_disclosure_page_has_every_published_table_with_its_row_and_column_numbers(built_site: BuiltSite) -> None:
    html = built_site.html(XIANGYUAN)
    for number in ("01", "02", "03", "04", "05", "06", "10"):
        assert f'id="gongkai{number}"' in html
    assert "本表无数据" in html
    # 公开01 row 27 (本年收入合计), 栏次 1 — every cell has an anchor and names its source
    cell = re.search(r'<td class="gk-num" id="t01-r27-c1" title="([^"]*)"[^>]*>([^<]*)</td>', html)
    assert cell and cell.group(2) == "233.67"
    assert "gongkai01.csv" in cell.group(1) and "第" in cell.group(1)
    assert '<th scope="col">' in html and '<th scope="row">' in html and "<caption>" in html
    assert "栏次" in html


def test_every_chart_has_svg_title_summary_and_data_table(built_site: BuiltSite) -> None:
    assert 'class="gk-chart"' not in built_site.html(f"{XIANGYUAN}/jixiao/yishu-renyuan-buzhu")  # tables only
    for url in (XIANGYUAN, ZHAOHUA):
        html = built_site.html(url)
        figures = re.findall(r'<figure class="gk-chart".*?</figure>', html, re.S)
        assert figures, url
        for figure in figures:
            src = re.search(r'<img src="([^"]+\.svg)" alt="([^"]+)" width="(\d+)" height="(\d+)"', figure)
            assert src, figure[:200]
            svg = (built_site.paths.build / url / src.group(1)).read_text(encoding="utf-8")
            # the <img> is the SVG's own size (no shift when it loads); its one visible title is the caption
            assert f'width="{src.group(3)}" height="{src.group(4)}"' in svg[: svg.index(">")]
            caption = re.search(r"<figcaption>([^<]+)", figure)
            assert caption and re.match(r"图?\d?\s?[\u4e00-\u9fff]", caption.group(1))
            assert f"<title>{caption.group(1)}</title>" in svg and f">{caption.group(1)}</text>" not in svg
            assert 'class="gk-chart-summary"' in figure and "<table" in figure


def test_glossary_terms_are_linked_with_definitions_and_backlinks(built_site: BuiltSite) -> None:
    html = built_site.html(XIANGYUAN)
    link = re.search(r'<a class="gk-term" href="([^"]+)" data-tip="([^"]+)">([^<]+)</a>', html)
    assert link and "glossary/#term-" in link.group(1) and link.group(2)
    glossary = built_site.html("glossary")
    assert "出现在：" in glossary and XIANGYUAN in glossary


def test_glossary_is_an_index_in_pinyin_order_with_letter_headings(built_site: BuiltSite) -> None:
    glossary = built_site.html("glossary")
    terms = re.findall(r'<dt id="term-[^"]*">([^<]+)</dt>', glossary)
    assert terms.index("财政拨款收入") < terms.index("基本支出") < terms.index("项目支出")  # cai < ji < xiang
    letters = re.findall(r'<h3 id="letter-([a-z])"', glossary)
    assert letters == sorted(letters) and {"c", "j", "x"} <= set(letters)
    assert '<a href="#letter-c">C</a>' in glossary


def test_built_site_loads_nothing_from_other_hosts(built_site: BuiltSite) -> None:
    external = re.compile(
        r"""(?:<(?:script|img|iframe|source|video|audio|embed)[^>]*\ssrc=|<link[^>]*\shref=|url\(|@import\s)\s*["']?(?:https?:)?//""",
        re.I,
    )
    offenders = []
    for path in built_site.paths.build.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.name}: {m.group(0)}" for m in external.finditer(text)]
    assert offenders == []


def test_the_site_has_a_pagefind_index_and_pages_give_it_filters_and_pinyin(built_site: BuiltSite) -> None:
    bundle = built_site.paths.build / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert (bundle / "pagefind.js").is_file() and not (built_site.paths.build / "search").exists()
    html = built_site.html(XIANGYUAN)
    for name, value in (
        ("地区", "山西省 长治市 襄垣县"),
        ("年度", "2023"),
        ("类别", "单位决算"),
        ("单位", "襄垣县信访局"),
    ):
        assert f'data-pagefind-filter="{name}:{value}"' in html
    # common words, with their usual misspellings (-n/-ng)
    assert '<span data-gk-name="信访">信访 xinfang xf xingfang xinfan </span>' in html
    assert '<span data-gk-name="机关运行经费">机关运行经费 jiguanyunxingjingfei jgyxjf jiguang' in html


def test_rebuilding_unchanged_data_gives_byte_identical_files(built_site: BuiltSite, tmp_path: Path) -> None:
    again = copy_project(tmp_path / "again", source=built_site.paths.project)
    build_site(again, Progress(False))
    for folder in ("content", "build"):
        first = {
            p.relative_to(built_site.paths.project / folder): p.read_bytes()
            for p in (built_site.paths.project / folder).rglob("*")
            if p.is_file()
        }
        second = {
            p.relative_to(again.project / folder): p.read_bytes()
            for p in (again.project / folder).rglob("*")
            if p.is_file()
        }
        assert first.keys() == second.keys()
        assert [k for k in first if first[k] != second[k]] == []


def test_generated_markdown_starts_with_a_do_not_edit_note(built_site: BuiltSite) -> None:
    for page in built_site.paths.content.rglob("*.md"):
        assert "请勿手工编辑" in page.read_text(encoding="utf-8").splitlines()[1]


def test_a_blank_in_the_performance_summary_is_explained_as_not_printed(built_site: BuiltSite) -> None:
    note = "「—」表示原文的自评表没有列出这一项（不是 0）"
    assert note in built_site.html("sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan")  # forms without 执行率/得分
    assert note not in built_site.html(XIANGYUAN)  # every figure of its 自评表 is printed


def test_a_self_evaluation_form_shows_only_the_columns_it_prints_and_names_the_others(built_site: BuiltSite) -> None:
    xiqu = built_site.html("sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan/jixiao/baoan-feiyong")
    funds = xiqu.split("项目资金（万元）", 1)[1].split("</table>", 1)[0]
    assert "全年执行数" in funds and "执行率" not in funds and "年初预算数" not in funds  # caption too
    assert "原表未列出：年初预算数·目标申报数、年初预算数·预算编制数、资金结(转)余、执行率（%）、分值、得分。" in xiqu
    yishu = built_site.html(f"{XIANGYUAN}/jixiao/yishu-renyuan-buzhu")
    assert "执行率（%）" in yishu and "调整后指标值" in yishu and "原表未列出：分值。" in yishu


def test_browser_tab_titles_name_the_page_and_the_site_once(built_site: BuiltSite) -> None:
    titles = {url: re.search(r"<title>([^<]+)</title>", built_site.html(url)) for url in ("", "glossary", XIANGYUAN)}
    assert {url: m.group(1) if m else "" for url, m in titles.items()} == {
        "": "部门预决算公开示例",
        "glossary": "名词解释 - 部门预决算公开示例",
        XIANGYUAN: "襄垣县信访局 2023年度单位决算公开 - 部门预决算公开示例",
    }


def test_the_footer_and_site_name_come_from_site_yaml_alone(built_site: BuiltSite) -> None:
    html = built_site.html("")
    assert "主办单位：示例财政局预算公开办公室" in html
    assert re.search(r"备案号：<a [^>]*>示例ICP备00000000号</a>", html)
    assert "备案号：备案号" not in html
    config = (built_site.paths.project / "mkdocs.site.yml").read_text(encoding="utf-8")
    assert "site_name: 部门预决算公开示例" in config and "icp: 示例ICP备00000000号" in config


def test_the_404_page_speaks_chinese_and_offers_search_and_ways_on(built_site: BuiltSite) -> None:
    page = (built_site.paths.build / "404.html").read_text(encoding="utf-8")
    assert "没有找到这个页面" in page and "Not found" not in page
    assert 'for="__search"' in page  # opens the search box
    for target in ("/", "/checks/", "/glossary/", "/about/"):
        assert f'href="{target}"' in page


def test_a_page_states_the_amount_unit_its_tables_print_and_long_amounts_get_the_long_card(
    built_site: BuiltSite,
) -> None:
    html = built_site.html("shanghai-putuo/putuo-shangwuweiyuanhui/2025-yusuan")  # 预算 tables in 元, 预算09 in 万元
    meta = re.search(r'<p class="gk-meta">(.*?)</p>', html)
    assert meta and re.sub(r"<[^>]+>", "", meta.group(1)).endswith("金额单位：元（预算09表为万元）")
    assert re.search(r'<span class="gk-card__value gk-card__value--long"[^>]*>371,514,655\.00</span>', html)
    assert re.search(r'<span class="gk-card__value"[^>]*>1\.00</span>', html)  # a short one keeps the full size
    home = built_site.html("")  # the list of disclosures is in 万元 and names any other unit beside the figure
    assert "公开文本一览（金额单位：万元，另注明的除外）" in home and "371,514,655.00元" in home


ARTICLE_WEIGHT = re.compile(r'<article class="md-content__inner md-typeset">\s*<div data-pagefind-weight="([\d.]+)">')


def test_aggregate_pages_weigh_a_quarter_in_search_as_a_whole_and_disclosures_keep_their_own_weights(
    built_site: BuiltSite,
) -> None:
    # unit, browse and compare pages repeat the disclosures' figures: one weight on the whole article, which
    # Pagefind gives every heading and cell inside (a short unit page's 「“三公”经费」 heading would outrank 公开09表)
    for url in ("shanghai-putuo/putuo-shangwuweiyuanhui", "browse/function/2010308", "compare/shanghai-putuo/2024"):
        html = built_site.html(url)
        weight = ARTICLE_WEIGHT.search(html)
        assert weight and weight.group(1) == "0.25", url
        assert not re.search(r"<(h[1-6]|table|p)\b[^>]*data-pagefind-weight", html), url  # nor weigh otherwise
    disclosure = built_site.html("shanghai-putuo/putuo-caizhengju/2024-juesuan")
    assert not ARTICLE_WEIGHT.search(disclosure) and 'data-pagefind-weight="5"' in disclosure
