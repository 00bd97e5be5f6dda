"""Stage 4d: the completeness and quality score on the site — its table on a disclosure page, a short
「评分 82」 beside the badge in lists, and the ranking page (:data:`RANKING_PAGE`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import jinja2
from markupsafe import Markup

from gongkai.markup import Section, html
from gongkai.models import Corpus
from gongkai.quality import Part, Quality, quality
from gongkai.render_disclosure import RenderedPage
from gongkai.rules import CheckReport
from gongkai.table_html import wrap

RANKING_PAGE = "paiming/"
_HOW = (
    "评分满分 100：公开表齐全 30 分、说明齐全 20 分、数字对得上 20 分、没有矛盾 20 分（每个错误扣 3 分、"
    "每个警告扣 1 分）、填写完整 10 分（未填写的参考格式不得分）；单独公开的绩效报告没有表格和情况说明，"
    "按其余三项折算为百分制。"
)


def _points(p: Part) -> str:
    """「26.7 / 30」: a part's points to one decimal (「.0」 dropped) out of its weight."""
    return f"{p.points.quantize(Decimal('0.1'), ROUND_HALF_UP):f}".removesuffix(".0") + f" / {p.weight}"


def score_table(q: Quality, ranking: str, env: jinja2.Environment) -> str:
    """The score of one disclosure with its parts (on the disclosure page, in its 数据核验 section)."""
    macros = html(env, "quality")
    table = macros.score_table(q.score, [(p.name, _points(p), p.detail) for p in q.parts])
    return str(macros.score_section(q.score, Markup(wrap(env, table, "完整性与质量评分")), _HOW, ranking))


def score_label(q: Quality, env: jinja2.Environment) -> str:
    """「评分 82」 for a list of disclosures, beside the 核验 badge."""
    return str(html(env, "quality").score_label(q.score))


def scores(corpus: Corpus, report: CheckReport) -> dict[str, Quality]:
    """Disclosure folder → its score."""
    return {
        d.folder: quality(d, report.findings.get(d.folder, []), report.checks_run.get(d.folder, 0))
        for d in corpus.disclosures
    }


def ranking_page(corpus: Corpus, graded: dict[str, Quality], env: jinja2.Environment) -> RenderedPage:
    """All disclosures by score, best first (ties by year, newest first, then name)."""
    ranked = sorted(corpus.disclosures, key=lambda d: (-graded[d.folder].score, -d.year, d.name))
    columns = ("名次", "公开", "年度", "评分", "公开表齐全", "说明齐全", "数字对得上", "没有矛盾", "填写完整")
    rows = []
    for place, d in enumerate(ranked, start=1):
        q = graded[d.folder]
        by_name = {p.name: p for p in q.parts}
        points = [_points(by_name[n]) if n in by_name else "不适用" for n in columns[4:]]
        rows.append((place, f"../{d.url}#checks", d.name, d.year, q.score, points))
    macros = html(env, "quality")
    table = wrap(env, macros.ranking_table(columns, rows), "评分排名")
    lead = str(macros.ranking_lead(_HOW))
    page = env.get_template("generic.md.j2").render(
        title="评分排名", lead=lead, sections=[Section("排名", "ranking", table)], source_files="data/"
    )
    return RenderedPage(f"{RANKING_PAGE}index.md", page)
