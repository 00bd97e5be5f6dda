"""The completeness and quality score of a disclosure (``gongkai.quality``, docs/quality-score.md)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from markupsafe import Markup

from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.markup import environment, html
from gongkai.models import TextSection
from gongkai.quality import quality
from gongkai.render_quality import score_table
from table_fixtures import disclosure, table

ERROR = Diagnostic("t01-income-sum", Severity.ERROR, Location("x"), "")
WARNING = Diagnostic("text-year-mismatch", Severity.WARNING, Location("x"), "")


def _points(d: object, *findings: Diagnostic, run: int = 10) -> dict[str, Decimal]:
    return {p.name: p.points for p in quality(d, findings, run).parts}  # type: ignore[arg-type]


def test_parts_and_weights() -> None:
    titles = ("一、“三公”经费预算情况说明", "二、机关运行经费预算", "三、政府采购预算情况")
    sections = tuple(TextSection(t, ("正文。",)) for t in titles)
    d = replace(disclosure(*(table(f"0{n}", "") for n in range(1, 4)), explanations=sections), kind="预算")
    q = quality(d, [ERROR, WARNING], 10)
    assert [(p.name, p.weight) for p in q.parts] == [
        ("公开表齐全", 30),
        ("说明齐全", 20),
        ("数字对得上", 20),
        ("没有矛盾", 20),
        ("填写完整", 10),
    ]
    assert _points(d, ERROR, WARNING) == {
        "公开表齐全": Decimal(10),  # 3 of 9 tables
        "说明齐全": Decimal(5),  # 3 of the 6 sections a 预算 requires (template_sections), no 概况 / 名词解释 / 绩效
        "数字对得上": Decimal(16),  # 8 of 10 checks found nothing
        "没有矛盾": Decimal(16),  # 20 − 3 − 1
        "填写完整": Decimal(10),
    }
    assert q.score == 57


def test_a_report_published_alone_is_scaled_without_tables_and_texts() -> None:
    report = replace(disclosure(), document="整体支出绩效评价报告")
    q = quality(report, [], 4)
    assert [p.name for p in q.parts] == ["数字对得上", "没有矛盾", "填写完整"] and q.score == 100


def test_the_score_is_shown_with_its_parts_and_ranked() -> None:
    q = quality(disclosure(), [ERROR] * 8, 10)
    assert q.parts[3].points == 0  # never below 0
    html = score_table(q, "../../../paiming/", environment())
    assert f"完整性与质量评分：{q.score} 分" in html and 'href="../../../paiming/"' in html


def test_html_templates_escape_what_they_print_markdown_punctuation_too_unless_it_is_markup() -> None:
    macros = html(environment(), "quality")
    assert str(macros.score_label("<b>*")) == ' <span class="gk-score">评分 &lt;b&gt;&#42;</span>'
    assert str(macros.score_label(Markup("<b>*"))) == ' <span class="gk-score">评分 <b>*</span>'
