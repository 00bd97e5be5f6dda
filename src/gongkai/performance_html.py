"""A 绩效自评表 (funds and indicators) → accessible HTML tables whose every figure has a stable id.

A figure's id comes from its dotted field in the evaluation's YAML file (:func:`performance_cell_id`:
``indicators.0.score`` → ``pf-indicators-0-score``; the 整体 table's fields start with ``table.``), so the
rules can point a finding at the cell from the cell's source alone, and the 数据核验 section links to it.
"""

from __future__ import annotations

import jinja2

from gongkai import markup
from gongkai.address import OVERALL_TABLE, indicator_field, performance_cell_id
from gongkai.models import Cell, CellState, Disclosure, Indicator, PerformanceTable
from gongkai.table_html import NO_ATTRS, Td, amount_cell

PERFORMANCE_DIR = "jixiao"  # a disclosure's 绩效 pages: <disclosure>/jixiao/<slug>/
FUND_COLUMNS = (  # FundLine attribute, column header
    ("initial_declared", "年初预算数·目标申报数"),
    ("initial_budget", "年初预算数·预算编制数"),
    ("annual_budget", "全年预算数"),
    ("executed", "全年执行数"),
    ("balance", "资金结(转)余"),
    ("rate", "执行率（%）"),
    ("weight", "分值"),
    ("score", "得分"),
)
INDICATOR_TEXTS = (("target", "年度指标值"), ("adjusted_target", "调整后指标值"), ("actual", "实际完成值"))
INDICATOR_FIGURES = (("weight", "分值"), ("score", "得分"))
DEVIATION = ("deviation", "偏差原因分析及改进措施")
_LABELS = dict((*FUND_COLUMNS, *INDICATOR_TEXTS, *INDICATOR_FIGURES, DEVIATION))


def performance_place(field: str) -> str:
    """Where a figure of a 绩效 evaluation is, for readers, named after the page's sections:
    「绩效指标 第1行 栏「得分」」, 「资金执行 第1行 栏「执行率（%）」」, 「整体绩效目标表：绩效指标 总分」."""
    parts = field.split(".")
    page = "整体绩效目标表：" if parts[0] == OVERALL_TABLE else ""
    parts = parts[1:] if page else parts
    if len(parts) >= 2 and parts[0] in ("funds", "indicators") and parts[1].isdigit():
        block = "资金执行" if parts[0] == "funds" else "绩效指标"
        column = f" 栏「{_LABELS.get(parts[2], parts[2])}」" if len(parts) > 2 else ""
        return f"{page}{block} 第{int(parts[1]) + 1}行{column}"
    return {"total_score": f"{page}绩效指标 总分", "score": "自评得分"}.get(parts[0], field)


def _plain(text: str, field: str, css: str = "") -> Td:
    """A cell printed as it is, with its id (none for a figure without a known field); blank: 「—」."""
    return Td(css, performance_cell_id(field) if field else "", "", NO_ATTRS, text or "—", False)


def _figure(cell: Cell) -> Td:
    field = cell.source.field or ""
    if cell.state is CellState.EMPTY or not field:
        return _plain(cell.raw.strip(), field, "gk-num")
    return amount_cell(cell, performance_cell_id(field))


def _printed(cell: Cell) -> bool:
    return cell.state is not CellState.EMPTY


def funds_table(env: jinja2.Environment, p: PerformanceTable) -> str:
    columns = [(n, label) for n, label in FUND_COLUMNS if any(_printed(getattr(line, n)) for line in p.funds)]
    rows = [(line.source_name, [_figure(getattr(line, name)) for name, _ in columns]) for line in p.funds]
    labels = ("资金来源", *(label for _, label in columns))
    missing = [label for name, label in FUND_COLUMNS if (name, label) not in columns]
    return str(markup.html(env, "performance").funds_table(labels, "rate" in dict(columns), rows, missing))


def _indicator_row(
    i: Indicator, texts: list[tuple[str, str]], figures: list[tuple[str, str]]
) -> tuple[list[Td], tuple[str, str], list[Td]]:
    name = _plain(i.name, i.source.field or "")
    return (
        [_plain(i.level1, ""), _plain(i.level2, "")],
        (name.anchor, name.text),
        [
            *(_plain(getattr(i, n), indicator_field(i, n)) for n, _ in texts),
            *(_figure(getattr(i, n)) for n, _ in figures),
            _plain(i.deviation, indicator_field(i, DEVIATION[0])),
        ],
    )


def indicator_table(env: jinja2.Environment, p: PerformanceTable) -> str:
    """The indicators; 调整后指标值, 分值 and 得分 only when the form prints them (偏差原因 always: findings
    about a missing reason point at it)."""
    texts = [c for c in INDICATOR_TEXTS if c[0] != "adjusted_target" or any(i.adjusted_target for i in p.indicators)]
    figures = [
        (n, label)
        for n, label in INDICATOR_FIGURES
        if any(_printed(getattr(i, n)) for i in p.indicators) or (n == "score" and _printed(p.total_score))
    ]
    labels = ("一级指标", "二级指标", "三级指标", *(label for _, label in (*texts, *figures)), DEVIATION[1])
    rows = [_indicator_row(i, texts, figures) for i in p.indicators]
    total = None
    if _printed(p.total_score) or p.grade:
        scored = bool(figures) and figures[-1][0] == "score"
        span = 3 + len(texts) + len(figures) - (1 if scored else 0)
        total = (span, [*([_figure(p.total_score)] if scored else []), _plain(p.grade, "")])
    shown = (*texts, *figures)
    missing = [label for name, label in (*INDICATOR_TEXTS, *INDICATOR_FIGURES) if (name, label) not in shown]
    return str(markup.html(env, "performance").indicator_table(labels, "score" in dict(figures), rows, total, missing))


def performance_summary(env: jinja2.Environment, d: Disclosure) -> str:
    """The disclosure page's summary of its 绩效 evaluations: each project's funds and score, the 整体 report."""
    rows = []
    unprinted = False  # some figure of the summary is not printed in its 自评表
    for p in d.projects:
        total = p.funds[0] if p.funds else None
        figures = [total.annual_budget, total.executed, total.rate] if total else [None, None, None]
        unprinted |= not p.grade or any(c is None or c.state is CellState.EMPTY for c in (*figures, p.total_score))
        rows.append(
            (p.slug, p.name, [markup.printed(c) for c in figures], markup.printed(p.total_score), p.grade or "—")
        )
    overall = None
    if d.overall is not None:
        overall = (d.overall.title, markup.printed(d.overall.score) if d.overall.score.is_amount else "")
    return str(markup.html(env, "performance").summary(PERFORMANCE_DIR, overall, rows, unprinted))
