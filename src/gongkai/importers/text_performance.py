"""绩效 in extracted text: 项目支出绩效自评表 printed as tab-separated rows, and 整体绩效 reports.

A 自评表 is read row by row from its labels (项目名称, 主管部门及代码, 资金总额, 年度目标, 一级指标,
总分, 项目绩效分析, 备注); figures are read in the printed order of the header.  Tables printed one cell
per line (as some extractions do) are read by :mod:`.text_grid`.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.importers.cells import amount_problem
from gongkai.importers.result import Section, empty_project
from gongkai.importers.text_grid import read_grid_projects
from gongkai.importers.text_narrative import read_sections
from gongkai.importers.text_parts import Line, Sink, previous_text

PROJECT_TITLE = re.compile(r"^(.+?)(?:项目)?支出绩效自评表$")
REPORT_TITLE = re.compile(r"(整体.*绩效.*报告|绩效(自评|评价)报告)$")
REPORT_END = re.compile(r"绩效目标自评|自评表$|^附件\s*[0-9０-９１-９]*$")
YEAR = re.compile(r"[（(]?(\d{4})年度?[)）]?$")
SCORE = re.compile(r"自评(?:结果|得分)?为?\s*(\d+(?:\.\d+)?)\s*分")
FUND_FIELDS = ("initial_declared", "initial_budget", "annual_budget", "executed", "balance", "rate", "weight", "score")
INDICATOR_VALUES = ("target", "adjusted_target", "actual", "weight", "score", "deviation")
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "完成指标")
GRADES = ("优", "良", "中", "差")


def read_performance(lines: list[Line], sink: Sink, year: int | None) -> None:
    """Split the 附件 part into reports and project tables; read each one."""
    if any(line.text.startswith("\t主管部门") for line in lines):
        _read_grid_annex(lines, sink, year)
        return
    starts = [i for i, line in enumerate(lines) if _block_kind(line)]
    for line in lines[: starts[0] if starts else len(lines)]:
        sink.skip(line)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        block = lines[start:end]
        if _block_kind(lines[start]) == "project":
            _read_project(block, sink, year)
        elif sink.out.overall is None:
            before = previous_text(lines, start)
            _read_report(lines[before] if before is not None else None, block, sink, year)
        else:
            for line in block:
                sink.skip(line)


def _read_grid_annex(lines: list[Line], sink: Sink, year: int | None) -> None:
    """自评表 printed one cell per line: the first report, then everything after it as forms."""
    start = next((i for i, line in enumerate(lines) if _block_kind(line) == "report"), None)
    if start is None:
        read_grid_projects(lines, sink, year)
        return
    for line in lines[:start]:
        sink.skip(line)
    before = previous_text(lines, start)
    _read_report(lines[before] if before is not None else None, lines[start:], sink, year)


def _block_kind(line: Line) -> str | None:
    if line.is_row:
        return None
    if PROJECT_TITLE.match(line.plain):
        return "project"
    if REPORT_TITLE.search(line.plain) and len(line.plain) <= 60:
        return "report"
    return None


def _read_report(before: Line | None, block: list[Line], sink: Sink, year: int | None) -> None:
    title = block[0].plain
    if before is not None and re.match(r"^\d{4}年", title) and not (before.is_row or before.plain.startswith("附件")):
        title = before.plain + title  # 「中共…局」 printed on the line above 「2023年部门整体…报告」
        _claim(sink, before)
    body = block[1:]
    first = next((i for i, line in enumerate(body) if line.plain), None)
    if first is not None and re.match(r"^[（(][^）)]{1,10}[)）]$", body[first].plain):
        title, body = title + body[first].plain, body[first + 1 :]  # 「（参考格式）」
    end = next((i for i, line in enumerate(body) if REPORT_END.search(line.plain) and not line.is_row), len(body))
    preface, sections = read_sections(body[:end], sink)
    if preface:
        label = before.plain if before is not None and re.match(r"^附件\s*\d*$", before.plain) else ""
        if label and before is not None:  # 「附件1」 above the title: the cover of the annex
            _claim(sink, before)
        sections.insert(0, Section(f"{label} {title}".strip(), preface))
    text = "".join(line.plain for line in body[:end])
    score = SCORE.search(text)
    found_year = re.search(r"(\d{4})年", title)
    sink.out.overall = {
        "title": title,
        "kind": "评价报告" if "评价报告" in title else "自评报告",
        "year": int(found_year.group(1)) if found_year else year,
        "score": score.group(1) if score else "",
        "grade": "",
        "sections": [s.as_doc() for s in sections],
        "table": None,
    }
    read_grid_projects(body[end:], sink, year)


def _claim(sink: Sink, line: Line) -> None:
    """A line reported as unplaced before a later reader found its place."""
    if (line.no, line.text) in sink.unplaced:
        sink.unplaced.remove((line.no, line.text))


def _filled(line: Line) -> list[tuple[int, str]]:
    return [(i, cell) for i, cell in enumerate(line.cells) if cell]


def _read_project(block: list[Line], sink: Sink, year: int | None) -> None:
    if not any("项目名称" in line.cells for line in block):
        for line in block:
            sink.skip(line)
        return
    title = PROJECT_TITLE.match(block[0].plain)
    assert title is not None
    project = empty_project(title.group(1), year)
    section = "head"
    group: Section | None = None
    analysis: list[Section] = []
    for line in block[1:]:
        cells = _filled(line)
        texts = [cell for _, cell in cells]
        if not texts:
            continue
        first = texts[0]
        if not line.is_row:
            if YEAR.match(first):
                project["year"] = int(YEAR.match(first).group(1))  # type: ignore[union-attr]
            elif first.startswith("备注") or (project["notes"] and re.match(r"^\d+\s*[.．、]", first)):
                project["notes"].append(first)
            else:
                sink.skip(line)
            continue
        if first == "项目名称":
            project["name"] = texts[1] if len(texts) > 1 else project["name"]
        elif first.startswith("主管部门"):
            project["department"] = texts[1] if len(texts) > 1 else ""
            if len(texts) > 3:
                project["implementing_unit"] = texts[3]
        elif first.startswith("项目资金"):
            section = "funds"
        elif first == "项目年度绩效目标":
            section = "goal"
        elif first == "绩效指标":
            section = "indicators"
        elif first == "总分":
            section = "end"
            project["total_score"] = next((t for t in texts[1:] if amount_problem(t) is None), "")
            project["grade"] = next((t for t in texts[1:] if t in GRADES), "")
        elif first == "项目绩效分析" or section == "analysis":
            section = "analysis"
            group = _analysis_row(cells, analysis, group)
        elif section == "funds":
            _fund_row(texts, project, line, sink)
        elif section == "goal":
            project["goal"] = {"target": texts[0], "actual": texts[1] if len(texts) > 1 else ""}
        elif section == "indicators":
            _indicator_row(line.cells, project)
        else:
            sink.skip(line)
    project["analysis"] = [s.as_doc() for s in analysis]
    sink.out.projects.append(project)


def _fund_row(texts: list[str], project: dict[str, Any], line: Line, sink: Sink) -> None:
    if "目标申报数" in texts or "年初预算数" in texts:
        return  # the second header row
    labels = [t for t in texts if amount_problem(t) is not None]
    figures = [t for t in texts if amount_problem(t) is None]
    if len(labels) > 1 or len(figures) > len(FUND_FIELDS) - 1:
        sink.skip(line)
        return
    fields = [f for f in FUND_FIELDS if f != "weight"]  # this form prints 得分 but no 分值
    fund = {"source": labels[0].rstrip(":：") if labels else "", **dict.fromkeys(FUND_FIELDS, "")}
    fund.update(zip(fields, figures, strict=False))
    project["funds"].append(fund)


def _indicator_row(cells: list[str], project: dict[str, Any]) -> None:
    previous = project["indicators"][-1] if project["indicators"] else {"level1": "", "level2": ""}
    filled = [(i, c) for i, c in enumerate(cells) if c]
    level1 = next((c for _, c in filled[:1] if c in LEVEL1), "")
    rest = filled[1:] if level1 else filled
    level2_at, level2 = rest[0] if rest else (0, "")
    start = next((i for i in range(level2_at + 1, len(cells)) if cells[i]), len(cells))
    values = (cells[start + 1 :] + [""] * 6)[:6]
    indicator = {
        "level1": level1 or previous["level1"],
        "level2": level2,
        "name": cells[start] if start < len(cells) else "",
        **dict(zip(INDICATOR_VALUES, values, strict=True)),
    }
    project["indicators"].append(indicator)


def _analysis_row(cells: list[tuple[int, str]], analysis: list[Section], group: Section | None) -> Section | None:
    """项目绩效分析 rows: 「自评结果分析」 opens a group whose rows print their title one column further."""
    cells = [(i, c) for i, c in cells if c != "项目绩效分析"]
    if cells and cells[0][1] == "自评结果分析":
        group = Section("自评结果分析")
        analysis.append(group)
        cells = cells[1:]
    if not cells:
        return group
    (column, title), text = cells[0], [c for _, c in cells[1:]]
    section = Section(title, text)
    if group is not None and column >= 2:
        group.subsections.append(section)
        return group
    analysis.append(section)
    return None
