"""What a page says about itself in a browser tab, a search result or a share preview: its full title (unit,
year and kind) and a one-sentence description, as plain text (the page template escapes it)."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.markup import Card
from gongkai.models import Cell, Disclosure, OverallReport, PerformanceTable

HEADLINE = ("收入总计", "支出总计")


def _amount(cell: Cell | None, unit: str = "") -> str:
    return f"{cell.raw.strip()}{unit}" if cell is not None and cell.is_amount else ""


def disclosure_description(d: Disclosure, cards: Sequence[Card]) -> str:
    """「襄垣县信访局 2023年度单位决算（山西省 长治市 襄垣县）：收入总计 233.67万元，支出总计 233.67万元。
    含10张公开表、情况说明、…」"""
    totals = "，".join(f"{c.label} {c.value}{c.unit}" for c in cards if c.label in HEADLINE and c.unit)
    held = [f"{len(d.tables)}张{d.kind}表" if d.tables else "", "情况说明" if d.explanations else ""]
    held += ["绩效自评" if d.projects or d.overall else "", "名词解释" if d.glossary else "", "数据核验与下载"]
    where = f"（{' '.join(d.unit.region)}）" if d.unit.region else ""
    return f"{d.name}{where}：" + (f"{totals}。" if totals else "") + f"含{'、'.join(h for h in held if h)}。"


def project_title(d: Disclosure, p: PerformanceTable) -> str:
    return f"{p.name} 项目支出绩效自评 · {d.name}"


def project_description(d: Disclosure, p: PerformanceTable) -> str:
    """The project's funds and score as its 自评表 prints them (what it leaves out is left out)."""
    total = p.funds[0] if p.funds else None
    facts = [
        ("全年预算数", _amount(total.annual_budget, "万元") if total else ""),
        ("全年执行数", _amount(total.executed, "万元") if total else ""),
        ("执行率", _amount(total.rate, "%") if total else ""),
        ("自评得分", _amount(p.total_score)),
    ]
    figures = "，".join(f"{label} {value}" for label, value in facts if value)
    return f"{d.name}：项目「{p.name}」的支出绩效自评" + (f"，{figures}" if figures else "") + "。"


def overall_title(d: Disclosure, r: OverallReport) -> str:
    """The report's title, with the disclosure's name when the title does not say the unit and the year."""
    return r.title if d.unit.name in r.title and str(d.year) in r.title else f"{r.title} · {d.name}"


def overall_description(d: Disclosure, r: OverallReport) -> str:
    score = _amount(r.score)
    return f"{d.name}：{r.title}" + (f"，自评得分 {score}" if score else "") + "。"
