"""A 绩效自评表 (funds and indicators) → accessible HTML tables whose every figure has a stable id.

A figure's id comes from its dotted field in the evaluation's YAML file (:func:`performance_cell_id`:
``indicators.0.score`` → ``pf-indicators-0-score``; the 整体 table's fields start with ``table.``), so the
rules can point a finding at the cell from the cell's source alone, and the 数据核验 section links to it.
"""

from __future__ import annotations

from gongkai import markup
from gongkai.address import OVERALL_TABLE, indicator_field, performance_cell_id
from gongkai.glossary import escape
from gongkai.models import Cell, CellState, Disclosure, Indicator, PerformanceTable
from gongkai.table_html import amount_td, wrap

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


def _id(field: str) -> str:
    """The id attribute of a cell (nothing for a figure without a known field)."""
    return f' id="{performance_cell_id(field)}"' if field else ""


def _figure_td(cell: Cell) -> str:
    field = cell.source.field or ""
    if cell.state is CellState.EMPTY or not field:
        return f'<td class="gk-num"{_id(field)}>{escape(cell.raw.strip()) or "—"}</td>'
    return amount_td(cell, performance_cell_id(field))


def _text_td(text: str, field: str) -> str:
    return f"<td{_id(field)}>{escape(text) or '—'}</td>"


def _head(labels: tuple[str, ...]) -> str:
    return "".join(f'<th scope="col">{h}</th>' for h in labels)


def _printed(cell: Cell) -> bool:
    return cell.state is not CellState.EMPTY


def _omitted_note(labels: list[str]) -> str:
    """Columns of the standard form that this 自评表 does not print are left out of the page, and named."""
    return f'<p class="gk-note">原表未列出：{"、".join(labels)}。</p>' if labels else ""


def funds_table(p: PerformanceTable) -> str:
    columns = [(n, label) for n, label in FUND_COLUMNS if any(_printed(getattr(line, n)) for line in p.funds)]
    rows = []
    for line in p.funds:
        cells = "".join(_figure_td(getattr(line, name)) for name, _ in columns)
        rows.append(f'<tr><th scope="row">{escape(line.source_name)}</th>{cells}</tr>')
    head = _head(("资金来源", *(label for _, label in columns)))
    table = wrap(
        f'<table class="gk-table"><caption>项目资金（万元）：预算 → 执行{" → 执行率" if "rate" in dict(columns) else ""}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        "项目资金",
    )
    return table + _omitted_note([label for name, label in FUND_COLUMNS if (name, label) not in columns])


def _indicator_row(i: Indicator, texts: list[tuple[str, str]], figures: list[tuple[str, str]]) -> str:
    cells = "".join(f"<td>{escape(t) or '—'}</td>" for t in (i.level1, i.level2))
    cells += f'<th scope="row"{_id(i.source.field or "")}>{escape(i.name) or "—"}</th>'
    cells += "".join(_text_td(getattr(i, name), indicator_field(i, name)) for name, _ in texts)
    cells += "".join(_figure_td(getattr(i, name)) for name, _ in figures)
    return f"<tr>{cells}{_text_td(i.deviation, indicator_field(i, DEVIATION[0]))}</tr>"


def indicator_table(p: PerformanceTable) -> str:
    """The indicators; 调整后指标值, 分值 and 得分 only when the form prints them (偏差原因 always: findings
    about a missing reason point at it)."""
    texts = [c for c in INDICATOR_TEXTS if c[0] != "adjusted_target" or any(i.adjusted_target for i in p.indicators)]
    figures = [
        (n, label)
        for n, label in INDICATOR_FIGURES
        if any(_printed(getattr(i, n)) for i in p.indicators) or (n == "score" and _printed(p.total_score))
    ]
    head = _head(("一级指标", "二级指标", "三级指标", *(label for _, label in (*texts, *figures)), DEVIATION[1]))
    rows = "".join(_indicator_row(i, texts, figures) for i in p.indicators)
    if _printed(p.total_score) or p.grade:
        span = 3 + len(texts) + len(figures) - (1 if figures and figures[-1][0] == "score" else 0)
        score = _figure_td(p.total_score) if figures and figures[-1][0] == "score" else ""
        rows += (
            f'<tr class="gk-total"><th scope="row" colspan="{span}">总分</th>{score}'
            f"<td>{escape(p.grade) or '—'}</td></tr>"
        )
    table = wrap(
        f'<table class="gk-table"><caption>绩效指标：目标 → 实际{" → 得分" if "score" in dict(figures) else ""}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>",
        "绩效指标",
    )
    shown = (*texts, *figures)
    return table + _omitted_note(
        [label for name, label in (*INDICATOR_TEXTS, *INDICATOR_FIGURES) if (name, label) not in shown]
    )


def performance_summary(d: Disclosure) -> str:
    """The disclosure page's summary of its 绩效 evaluations: each project's funds and score, the 整体 report."""
    rows = []
    unprinted = False  # some figure of the summary is not printed in its 自评表
    for p in d.projects:
        total = p.funds[0] if p.funds else None
        figures = [total.annual_budget, total.executed, total.rate] if total else [None, None, None]
        unprinted |= not p.grade or any(c is None or c.state is CellState.EMPTY for c in (*figures, p.total_score))
        cells = "".join(f'<td class="gk-num">{markup.cell_text(c)}</td>' for c in figures)
        rows.append(
            f'<tr><th scope="row"><a href="{PERFORMANCE_DIR}/{p.slug}/">{escape(p.name)}</a></th>{cells}'
            f'<td class="gk-num">{markup.cell_text(p.total_score)}</td><td>{escape(p.grade) or "—"}</td></tr>'
        )
    blocks = []
    if d.overall is not None:
        blocks.append(
            f'<p>部门整体：<a href="{PERFORMANCE_DIR}/overall/">{escape(d.overall.title)}</a>'
            f"{'（自评得分 ' + markup.cell_text(d.overall.score) + '）' if d.overall.score.is_amount else ''}</p>"
        )
    if rows:
        head = "".join(
            f'<th scope="col">{h}</th>'
            for h in ("项目名称", "全年预算数（万元）", "全年执行数（万元）", "执行率（%）", "总分", "等级")
        )
        blocks.append(
            wrap(
                f'<table class="gk-table"><caption>项目支出绩效自评结果（{len(rows)}个项目）</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
                "项目支出绩效自评结果",
            )
        )
        if unprinted:
            blocks.append('<p class="gk-note">「—」表示原文的自评表没有列出这一项（不是 0）。</p>')
    return "\n\n".join(blocks)
