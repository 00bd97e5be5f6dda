"""自评表 printed one cell per line (as some extractions do): cells start with a tab, a blank line ends
a row, a line without a tab continues the cell above (「一级\\n指标」) or, outside a row, is text.

A form starts at its 「主管部门」 row; the rows just above it give its name (「项目（政策）名称」, the
form title or the line above) and year (「（2023年度）」); a report printed before it (「附件2」 …
「绩效评价报告」 with numbered sections) becomes the project's ``report``.  Columns are found by their
header titles (年初预算数, 全年执行数, 执行率, 一级指标, 实际完成值 …), so the forms of different
provinces read the same way; a row that fits no header is reported as unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gongkai.importers.cells import join_cjk
from gongkai.importers.result import Section, empty_project
from gongkai.importers.text_narrative import heading_level, read_sections
from gongkai.importers.text_parts import Line, Sink

FUND_HEADERS = {
    "目标申报数": "initial_declared",
    "预算编制数": "initial_budget",
    "年初预算数": "initial_budget",
    "全年预算数": "annual_budget",
    "全年执行数": "executed",
    "资金结": "balance",
    "执行率": "rate",
    "分值": "weight",
    "得分": "score",
}
INDICATOR_HEADERS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "年度指标值": "target",
    "年初指标值": "target",
    "预期指标值": "target",
    "调整后指标值": "adjusted_target",
    "实际完成": "actual",
    "分值": "weight",
    "得分": "score",
    "偏差": "deviation",
}
EMPTY_FUND = dict.fromkeys(dict.fromkeys(FUND_HEADERS.values()), "")
EMPTY_INDICATOR = dict.fromkeys(dict.fromkeys(INDICATOR_HEADERS.values()), "")
YEAR_CELL = re.compile(r"^[（(]\s*(\d{4})\s*年度?\s*[)）]$")
ATTACHMENT = re.compile(r"^附件\s*[0-9０-９１-９]*$")


@dataclass
class GridRow:
    lines: list[Line]
    cells: list[str]
    text: bool = False  # a line outside any row (a title, a report paragraph)

    @property
    def filled(self) -> list[str]:
        return [cell for cell in self.cells if cell]


def grid_rows(lines: list[Line]) -> list[GridRow]:
    rows: list[GridRow] = []
    current: GridRow | None = None
    for line in lines:
        if line.text.startswith("\t"):
            if current is None:
                current = GridRow([], [])
                rows.append(current)
            current.lines.append(line)
            current.cells.append(line.plain)
        elif not line.plain:
            current = None
        elif current is not None and current.cells:
            current.lines.append(line)
            current.cells[-1] += line.plain
        else:
            rows.append(GridRow([line], [line.plain], text=True))
    for row in rows:
        if not row.text:
            row.cells = [join_cjk(cell) for cell in row.cells]
    return rows


def _is_form_start(row: GridRow) -> bool:
    return not row.text and any(cell.startswith("主管部门") for cell in row.cells)


def read_grid_projects(lines: list[Line], sink: Sink, year: int | None) -> None:
    """Every form in ``lines`` (each with the rows above it); what fits no form is reported."""
    rows = grid_rows(lines)
    starts = [i for i, row in enumerate(rows) if _is_form_start(row)]
    previous_end = 0
    for n, start in enumerate(starts):
        preamble_start = _preamble_start(rows, previous_end, start)
        form_end = _preamble_start(rows, start + 1, starts[n + 1]) if n + 1 < len(starts) else len(rows)
        _read_form(rows[previous_end:preamble_start], rows[preamble_start:start], rows[start:form_end], sink, year)
        previous_end = form_end
    for row in rows[previous_end:] if starts else rows:
        _skip(row, sink)


def _preamble_start(rows: list[GridRow], low: int, start: int) -> int:
    """The first of the rows just above a form that name it: text, single cells, 名称, and a report."""
    index = start
    while index > low and (len(rows[index - 1].filled) <= 1 or any("名称" in c for c in rows[index - 1].cells)):
        index -= 1
    return index


def _skip(row: GridRow, sink: Sink) -> None:
    for line in row.lines:
        sink.skip(line)


def _after(cells: list[str], label: str) -> str:
    index = next((i for i, cell in enumerate(cells) if cell.startswith(label)), None)
    return cells[index + 1] if index is not None and index + 1 < len(cells) else ""


def _read_form(
    before: list[GridRow], preamble: list[GridRow], form: list[GridRow], sink: Sink, year: int | None
) -> None:
    for row in before:
        _skip(row, sink)
    name, form_year, report = _read_preamble(preamble, sink)
    project = empty_project(name, form_year or year)
    project["department"] = _after(form[0].cells, "主管部门")
    project["implementing_unit"] = _after(form[0].cells, "实施单位") or _after(form[0].cells, "预算单位")
    project["report"] = [s.as_doc() for s in report]
    _read_body(form[1:], project, sink)
    overall = sink.out.overall
    if "整体" in name and overall is not None and overall.get("table") is None:
        overall["table"] = project
    else:
        sink.out.projects.append(project)


def _read_preamble(rows: list[GridRow], sink: Sink) -> tuple[str, int | None, list[Section]]:
    """Name, year and report of the form below; unused rows are reported."""
    name, title, year = "", "", None
    report_lines: list[Line] = []
    for row in rows:
        text = " ".join(row.filled)
        if not text or ATTACHMENT.match(text):
            continue
        if match := YEAR_CELL.match(text):
            year = int(match.group(1))
        elif any("名称" in cell for cell in row.cells) and len(row.filled) > 1:
            name = row.filled[1]
        elif text.endswith("表"):
            title = text  # 「广元市昭化区财政项目（政策）支出绩效自评表」
        else:  # report text; a signature may be printed as a cell
            report_lines.extend(Line(line.no, line.text.lstrip("\t")) for line in row.lines)
    report, fallback = _report(report_lines, sink)
    return name or title or fallback, year, report


def _report(lines: list[Line], sink: Sink) -> tuple[list[Section], str]:
    """A report printed above the form (title lines, then numbered sections); else its last line names it."""
    first = next((i for i, line in enumerate(lines) if heading_level(line.plain) == 0), None)
    if first is None:
        for line in lines[:-1]:
            sink.skip(line)
        return [], lines[-1].plain if lines else ""
    preface, sections = read_sections(lines[first:], sink)
    for paragraph in preface:
        sink.unplaced.append((lines[first].no, paragraph))
    return [Section("".join(line.plain for line in lines[:first]), [], sections)], ""


def _columns(header: list[str], names: dict[str, str]) -> dict[int, str]:
    """Field of each header column, as an offset from the row's right end (merged left cells vary)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(header):
        field = next((f for title, f in names.items() if cell.startswith(title)), None)
        if field and field not in found.values():
            found[len(header) - index] = field
    return found


def _values(cells: list[str], columns: dict[int, str]) -> dict[str, str]:
    return {field: cells[len(cells) - offset] for offset, field in columns.items() if offset <= len(cells)}


def _read_body(rows: list[GridRow], project: dict[str, Any], sink: Sink) -> None:
    section, columns = "", {}
    for row in rows:
        cells = row.cells
        if not row.filled:
            continue
        if any(c.startswith("预算数") for c in cells):  # 「预算数： 8 执行数： 8」 inline labels
            section = "inline-funds"
            fund = {**EMPTY_FUND, "source": row.filled[0]}
            fund.update(annual_budget=_after(cells, "预算数"), executed=_after(cells, "执行数"))
            project["funds"].append(fund)
        elif section == "inline-funds" and len(row.filled) == 4 and row.filled[0] == row.filled[2]:
            values = {"annual_budget": row.filled[1], "executed": row.filled[3]}
            project["funds"].append({**EMPTY_FUND, "source": row.filled[0], **values})
        elif fund_columns := _columns(cells, FUND_HEADERS):
            section, columns = "funds", fund_columns
        elif any(c in ("预期目标", "年度目标") for c in cells):
            section = "goal"
        elif any(c.startswith("一级指标") for c in cells):
            section, columns = "indicators", _columns(cells, INDICATOR_HEADERS)
        elif section == "funds":
            values = _values(cells, columns)
            source = next((c for c in cells[: len(cells) - max(columns)] if c), "")
            fund = {**EMPTY_FUND, "source": source, **values}
            fund["rate"] = fund["rate"].removesuffix("%")
            project["funds"].append(fund)
        elif section == "goal":
            project["goal"] = {"target": cells[-2] if len(cells) > 1 else "", "actual": cells[-1]}
            section = ""
        elif section == "indicators":
            _indicator(_values(cells, columns), project)
        else:
            _skip(row, sink)


def _indicator(values: dict[str, str], project: dict[str, Any]) -> None:
    previous = project["indicators"][-1] if project["indicators"] else EMPTY_INDICATOR
    indicator = {**EMPTY_INDICATOR, **values}
    indicator["level1"] = indicator["level1"] or previous["level1"]
    if not indicator["level2"] and indicator["name"]:
        indicator["level2"] = previous["level2"]  # merged 二级指标 cell
    project["indicators"].append(indicator)
