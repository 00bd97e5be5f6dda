"""自评表 printed one cell per line (as some extractions do): cells start with a tab, a blank line ends
a row, a line without a tab continues the cell above (「一级\\n指标」) or, outside a row, is a title.

Reads the 「部门预算项目绩效目标自评」 form (seed 004: 主管部门及代码, 预算数 / 执行数, 预期目标,
一级 / 二级 / 三级指标, 预期指标值, 实际完成指标值).  A form it does not know is left unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.importers.cells import join_cjk
from gongkai.importers.text_parts import Line, Sink

EMPTY_FUND = dict.fromkeys(
    ("initial_declared", "initial_budget", "annual_budget", "executed", "balance", "rate", "weight", "score"), ""
)


@dataclass
class GridRow:
    lines: list[Line]
    cells: list[str]
    title: bool = False  # a line outside any row (a project name, a heading)


def grid_rows(lines: list[Line]) -> list[GridRow]:
    rows: list[GridRow] = []
    current: GridRow | None = None
    for line in lines:
        if not line.plain and not line.text.startswith("\t"):
            current = None
        elif line.text.startswith("\t"):
            if current is None:
                current = GridRow([], [])
                rows.append(current)
            current.lines.append(line)
            current.cells.append(line.plain)
        elif current is not None and current.cells:
            current.lines.append(line)
            current.cells[-1] += line.plain
        else:
            rows.append(GridRow([line], [line.plain], title=True))
    for row in rows:
        row.cells = [join_cjk(cell) for cell in row.cells]
    return rows


def read_grid_projects(lines: list[Line], sink: Sink, year: int | None) -> None:
    """Every 「项目名称 / 主管部门及代码 …」 form in ``lines``; other rows are reported as unplaced."""
    rows = grid_rows(lines)
    starts = [i for i, row in enumerate(rows) if row.title and i + 1 < len(rows) and _starts_form(rows[i + 1 :])]
    for row in rows[: starts[0] if starts else len(rows)]:
        _skip(row, sink)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        _read_form(rows[start].cells[0], rows[start + 1 : end], sink, year)


def _starts_form(rows: list[GridRow]) -> bool:
    first = next((row for row in rows if any(row.cells)), None)
    return first is not None and not first.title and "主管部门及代码" in first.cells


def _skip(row: GridRow, sink: Sink) -> None:
    for line in row.lines:
        sink.skip(line)


def _after(cells: list[str], label: str) -> str:
    index = next((i for i, cell in enumerate(cells) if cell.startswith(label)), None)
    return cells[index + 1] if index is not None and index + 1 < len(cells) else ""


def _read_form(name: str, rows: list[GridRow], sink: Sink, year: int | None) -> None:
    project: dict[str, Any] = {
        "name": name,
        "year": year,
        "department": "",
        "implementing_unit": "",
        "funds": [],
        "goal": {"target": "", "actual": ""},
        "indicators": [],
        "total_score": "",
        "grade": "",
        "analysis": [],
        "report": [],
        "notes": [],
    }
    section = ""
    for row in rows:
        cells = row.cells
        filled = [c for c in cells if c]
        if not filled:
            continue
        if row.title:
            _skip(row, sink)
        elif "主管部门及代码" in cells:
            project["department"] = _after(cells, "主管部门及代码")
            project["implementing_unit"] = _after(cells, "实施单位")
        elif any(c.startswith("预算数") for c in cells):
            section = "funds"
            fund = {"source": filled[0], **EMPTY_FUND}
            fund.update(annual_budget=_after(cells, "预算数"), executed=_after(cells, "执行数"))
            project["funds"].append(fund)
        elif "预期目标" in cells:
            section = "goal"
        elif any(c.startswith("一级") for c in cells):
            section = "indicators"
        elif section == "funds" and len(filled) == 4 and filled[0] == filled[2]:
            project["funds"].append(
                {**EMPTY_FUND, "source": filled[0], "annual_budget": filled[1], "executed": filled[3]}
            )
        elif section == "goal":
            project["goal"] = {"target": filled[0], "actual": filled[1] if len(filled) > 1 else ""}
        elif section == "indicators" and len(cells) == 6:
            _indicator(cells, project)
        else:
            _skip(row, sink)
    sink.out.projects.append(project)


def _indicator(cells: list[str], project: dict[str, Any]) -> None:
    previous = project["indicators"][-1]["level1"] if project["indicators"] else ""
    project["indicators"].append(
        {
            "level1": cells[1] or previous,
            "level2": cells[2],
            "name": cells[3],
            "target": cells[4],
            "adjusted_target": "",
            "actual": cells[5],
            "weight": "",
            "score": "",
            "deviation": "",
        }
    )
