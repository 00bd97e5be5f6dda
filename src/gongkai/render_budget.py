"""Budget against actual on the pages: the 决算 page's 预算执行 section and the unit page's summary by year.

Each shows a chart (static SVG with its own summary and data table), a table of 年初预算 → 决算 with the
execution rate and a link to every figure's cell, and one sentence that says what the table shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import jinja2

from gongkai.budget import BudgetActual, Line, Printed
from gongkai.charts import CENT, ChartData, Datum, decimal_text
from gongkai.markup import Section, figure, html
from gongkai.table_html import wrap

ANCHOR = "zhixing"  # 预算执行
TITLE = "预算执行（年初预算与决算）"
BUDGET, ACTUAL = "年初预算", "决算"


def wan_text(value: Decimal) -> str:
    """An amount in 万元 for readers: to the cent, or exactly where 元 converted give more digits (2160.1733)."""
    cents = value.quantize(CENT)
    return decimal_text(cents if cents == value else value.normalize())


def _datum(line: Line, printed: Printed | None, series: str) -> Datum | None:
    if printed is None:
        return None
    return Datum(line.name, series, printed.wan, wan_text(printed.wan), f"{printed.source}（{printed.raw}）")


def _chart(key: str, title: str, lines: Sequence[Line]) -> ChartData | None:
    data = tuple(
        d for line in lines for d in (_datum(line, line.budget, BUDGET), _datum(line, line.actual, ACTUAL)) if d
    )
    return ChartData(key, "", title, "bar", "万元", data) if data else None


def _rate(line: Line) -> str:
    rate = line.rate
    return f"{decimal_text(rate)}%" if rate is not None else "—"


def _figure_cell(printed: Printed | None, root: str) -> tuple[str, str, str] | None:
    """A figure's cell as the macro ``figure_cell`` takes it: (link to its printed cell, title, text)."""
    if printed is None:
        return None
    return f"{root}{printed.href}", f"{printed.source}，原文印为 {printed.raw}", wan_text(printed.wan)


def lines_table(env: jinja2.Environment, caption: str, lines: Sequence[Line], root: str) -> str:
    """年初预算, 决算 (万元, each linked to its printed cell) and 执行率 per line."""
    rows = [
        (line.name, _figure_cell(line.budget, root), _figure_cell(line.actual, root), _rate(line)) for line in lines
    ]
    return wrap(env, html(env, "budget").lines_table(caption, rows), caption)


def summary(ba: BudgetActual) -> str:
    """One sentence: the total's 年初预算, 决算 and rate; the 类 furthest from plan; 三公 against plan."""
    clauses = []
    total = ba.total
    if total is not None and total.budget is not None and total.actual is not None:
        clauses.append(
            f"{ba.actual.year}年支出合计年初预算{wan_text(total.budget.wan)}万元，决算{wan_text(total.actual.wan)}万元，"
            f"执行率{_rate(total)}"
        )
    rated = [line for line in ba.functions[1:] if line.rate is not None]
    if len(rated) > 1:
        low, high = min(rated, key=lambda x: x.rate or 0), max(rated, key=lambda x: x.rate or 0)
        clauses.append(f"各类中执行率最低的是{low.name}（{_rate(low)}），最高的是{high.name}（{_rate(high)}）")
    unplanned = [line.name for line in ba.functions[1:] if line.budget is None and line.actual is not None]
    if unplanned:
        clauses.append(f"{'、'.join(unplanned)}未列入年初预算")
    three = next((line for line in ba.running if line.name == "“三公”经费"), None)
    if three is not None and three.budget is not None and three.actual is not None:
        clauses.append(
            f"“三公”经费年初预算{wan_text(three.budget.wan)}万元，决算{wan_text(three.actual.wan)}万元"
            + (f"，执行率{_rate(three)}" if three.rate is not None else "")
        )
    return "；".join(clauses) + "。" if clauses else "年初预算与决算没有可以对照的数字。"


def budget_actual_section(ba: BudgetActual, root: str, env: jinja2.Environment) -> tuple[Section, list[ChartData]]:
    """The 决算 page's section; ``root`` leads from the page to the site root (「../../../」)."""
    macros = html(env, "budget")
    parts = [str(macros.how(f"{root}{ba.budget.url}", ba.budget.name)), str(macros.summary(summary(ba)))]
    charts = []
    for key, title, lines in (
        ("zhixingbyclass", "年初预算与决算：按功能分类（类）", ba.functions),
        ("zhixingrunning", "年初预算与决算：“三公”经费和机关运行经费", ba.running),
    ):
        chart = _chart(key, title, lines)
        if chart is None:
            continue
        charts.append(chart)
        parts.append(figure(env, chart, f"charts/{key}.svg"))
        parts.append(lines_table(env, f"{title}（含执行率）", lines, root))
    return Section(TITLE, ANCHOR, "\n\n".join(parts)), charts


def unit_budget_section(
    comparisons: Sequence[BudgetActual], env: jinja2.Environment
) -> tuple[Section, list[ChartData]] | None:
    """The unit page's section: 支出合计 and “三公”经费, 年初预算 → 决算 by year, with links to each year."""
    years = sorted(comparisons, key=lambda ba: ba.actual.year)
    lines: list[Line] = []
    for ba in years:
        for line in (ba.total, next((x for x in ba.running if x.name == "“三公”经费"), None)):
            if line is not None:
                lines.append(Line(f"{ba.actual.year}年{line.name}", line.budget, line.actual))
    if not lines:
        return None
    chart = ChartData(
        f"{ANCHOR}byyear",
        "",
        "历年年初预算与决算",
        "bar",
        "万元",
        tuple(d for line in lines for d in (_datum(line, line.budget, BUDGET), _datum(line, line.actual, ACTUAL)) if d),
    )
    macros = html(env, "budget")
    body = "\n\n".join(
        [
            str(macros.summary(summary(years[-1]))),
            figure(env, chart, f"charts/{chart.key}.svg"),
            lines_table(env, "历年年初预算与决算（含执行率）", lines, "../../"),
            str(macros.by_class([(f"../../{ba.actual.url}#{ANCHOR}", ba.actual.year) for ba in years])),
        ]
    )
    return Section(TITLE, ANCHOR, body), [chart]
