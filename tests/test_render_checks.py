"""Findings on the site: badge texts, the 数据核验 section, the site-wide checks page (pure rendering)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from gongkai import markup
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.load import load_corpus
from gongkai.render_checks import badge, checks_page, findings_html
from gongkai.rules import CheckReport

BASE = Path(__file__).parent / "bad_inputs" / "base"
CSV = "data/disclosures/r/u/2023-juesuan/tables/gongkai01.csv"
ENV = markup.environment()


def _finding(
    severity: Severity = Severity.ERROR,
    message: str = "公开01表 本年收入合计与各项之和不符。",
    code: str = "t01-income-sum",
) -> Diagnostic:
    return Diagnostic(
        code,
        severity,
        Location(CSV, line=4, table="公开01表", row="27", column="金额（栏次1）", anchor="t01-r27-c1"),
        message,
        hint="请核对原文。",
        figures=(("印出的合计", "233.67"), ("各分项之和", "233.00")),
        related=(
            Location(CSV, line=2, table="公开01表", row="1", column="金额（栏次1）", anchor="t01-r1-c1"),
            Location(CSV, line=3, table="公开01表", row="2", column="金额（栏次1）", anchor="t01-r2-c1"),
        ),
    )


def test_badge_counts_what_the_section_counts() -> None:
    findings = [_finding(), _finding(), _finding(Severity.WARNING)]
    html = badge(ENV, findings, 42)
    assert "核验：发现 3 处问题" in html and "gk-badge--error" in html and 'href="#checks"' in html
    assert "发现 3 处问题" in findings_html(ENV, findings, 42)  # one count, badge and section


def test_public_finding_has_the_rules_chinese_name_a_small_code_and_no_maintainer_advice() -> None:
    html = findings_html(ENV, [_finding()], 10)
    assert '<p class="gk-finding__code">规则编号：<code>t01-income-sum</code></p>' in html
    assert "请核对原文" not in html  # the hint is for ``gongkai check``, not for readers


def test_highlighted_sentences_and_cells_have_a_target_in_the_section() -> None:
    findings = [_finding(), _finding(), _finding(Severity.NOTICE)]
    html = findings_html(ENV, findings, 10, targets=True)
    assert re.findall(r'id="(f-[^"]+)"', html) == ["f-t01-r27-c1", "f-t01-r1-c1", "f-t01-r2-c1"]  # once each
    assert 'id="f-' not in findings_html(ENV, findings, 10)  # the site-wide page repeats anchors of many pages


def test_badge_says_passed_with_the_number_of_checks_when_nothing_was_found() -> None:
    assert "核验通过 42 项" in badge(ENV, [], 42)


def test_badge_for_warnings_only_and_for_nothing_to_check() -> None:
    assert "核验：1 处需要留意" in badge(ENV, [_finding(Severity.NOTICE)], 3)
    assert "无可核验的表格数据" in badge(ENV, [], 0)


def test_finding_names_the_rule_in_chinese_with_figures_and_cell_links() -> None:
    html = findings_html(ENV, [_finding()], 10)
    assert "收入总表：本年收入合计不等于各项收入之和" in html  # codes.title of t01-income-sum
    assert "<dt>印出的合计</dt><dd>233.67</dd>" in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs == ["#t01-r27-c1", "#t01-r1-c1", "#t01-r2-c1"]
    assert "共核对 10 项，发现 1 处问题（1 个错误）" in html


def test_findings_are_grouped_by_severity_errors_first() -> None:
    html = findings_html(ENV, [_finding(Severity.NOTICE), _finding(Severity.ERROR), _finding(Severity.WARNING)], 5)
    groups = re.findall(r'<h3 class="gk-findings__group">([^<]+)</h3>', html)
    assert groups == ["错误（1 处）", "警告（1 处）", "提示（1 处）"]
    assert "1 个错误、1 个警告、1 个提示" in html


def test_links_can_point_to_another_page() -> None:
    html = findings_html(ENV, [_finding()], 1, page="../r/u/2023-juesuan/")
    assert 'href="../r/u/2023-juesuan/#t01-r27-c1"' in html


def test_a_cell_of_last_years_disclosure_links_to_last_years_page() -> None:
    last_year = Location(CSV.replace("2023", "2022"), line=32, table="2022年度公开01表", row="31", anchor="t01-r31-c1")
    html = findings_html(ENV, [replace(_finding(), related=(last_year,))], 1)
    assert re.findall(r'href="([^"]+)"', html) == ["#t01-r27-c1", "../../../r/u/2022-juesuan/#t01-r31-c1"]


def test_a_location_without_anchor_is_named_but_not_linked() -> None:
    finding = Diagnostic("t01-income-sum", Severity.ERROR, Location("x.yaml", field="sections.0"), "文字与表格不符")
    html = findings_html(ENV, [finding], 1)
    assert "href" not in html and "x.yaml" in html


def test_script_in_messages_and_figures_is_escaped() -> None:
    evil = "<script>alert(1)</script>"
    finding = Diagnostic(
        evil,
        Severity.ERROR,
        Location(evil, table=evil, row=evil, anchor='x" onclick="alert(1)'),
        evil,
        hint=evil,
        figures=((evil, evil),),
    )
    html = findings_html(ENV, [finding], 1) + badge(ENV, [finding], 1, 'x" onmouseover="alert(1)')
    assert "<script" not in html and 'onclick="' not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;" in html


def test_checks_page_lists_each_disclosure_and_counts_findings_by_rule() -> None:
    corpus = load_corpus(BASE)
    (disclosure,) = corpus.disclosures
    report = CheckReport({disclosure.folder: [_finding(), _finding()]}, {disclosure.folder: 7})
    page = checks_page(corpus, report, markup.environment())
    assert page.path == "checks/index.md"
    text = page.markdown
    assert "测试局 2023年度单位决算" in text
    assert '<td class="gk-num" data-label="处数">2</td>' in text  # the rule summary: 2 findings of t01-income-sum
    assert f'href="../{disclosure.url}#t01-r27-c1"' in text
    assert f'href="../{disclosure.url}#checks"' in text
    assert "共 1 份公开，发现 2 处问题（2 个错误）" in text


def test_a_sentence_finding_links_to_the_sentence_and_a_report_sentence_to_its_page() -> None:
    folder = "data/disclosures/r/u/2023-juesuan"
    finding = Diagnostic(
        "text-percent-mismatch",
        Severity.ERROR,
        Location(f"{folder}/explanations.yaml", line=12, field="sections.4", anchor="explanation-5-p2-s1"),
        "百分比与表格不符",
        related=(
            Location(f"{folder}/performance/overall.yaml", line=3, anchor="report-1-p1-s6"),
            Location(f"{folder}/performance/projects/xiang-mu.yaml", line=9, field="funds.0.rate"),
        ),
    )
    html = findings_html(ENV, [finding], 1)
    assert re.findall(r'href="([^"]+)"', html) == [
        "#explanation-5-p2-s1",
        "jixiao/overall/#report-1-p1-s6",
        "jixiao/xiang-mu/",
    ]
    assert ">performance/projects/xiang-mu.yaml 第9行 字段「funds.0.rate」</a>" in html
    assert ">原文语句</a>" in html and 'title="data/disclosures/r/u/2023-juesuan/explanations.yaml 第12行' in html
