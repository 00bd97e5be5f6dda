"""Charts that the extraction left as loose numbers: 「图5：…」 and one tab row of labels and figures.

Two layouts are read (seed 000 prints both):

- a structure chart: k labels, then k figures (「基本支出 项目支出 138.42 84.64」);
- a change chart: groups of a series label, k categories 「2022年（万元）」 and k figures, followed by
  the axis (the categories again and tick numbers, no label), which is dropped.

One-character series labels 「收」 / 「支」 are the legend of a 收、支 chart: 收入 / 支出.  Other labels are
written as printed; a reviewer can name the series in the corrections (``chart_series``).  A chart
whose row fits neither layout stays in the text and is reported as unplaced.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.importers.text_parts import Line, Part

CHART_TITLE = re.compile(r"^图\s*(\d+)\s*[：:]\s*(.+)$")
CATEGORY = re.compile(r"^(\d{4}年)[（(](万?元)[)）]$")
FIGURE = re.compile(r"^-?\d+(?:\.\d+)?$")
SERIES_ABBREVIATIONS = {"收": "收入", "支": "支出"}


def take_charts(parts: list[Part]) -> list[dict[str, Any]]:
    """The charts printed in the parts (ChartDoc-shaped, by figure number); their lines leave the parts."""
    charts: list[dict[str, Any]] = []
    for part in parts:
        taken: set[int] = set()
        for index, line in enumerate(part.lines):
            title = CHART_TITLE.match(line.plain)
            data = next((i for i in range(index + 1, len(part.lines)) if part.lines[i].plain), None)
            if title is None or data is None or not part.lines[data].is_row:
                continue
            chart = _read_chart(f"图{title.group(1)}", title.group(2), part.lines[data])
            if chart is not None:
                charts.append(chart)
                taken |= {index, data}
        part.lines = [line for index, line in enumerate(part.lines) if index not in taken]
    return sorted(charts, key=lambda chart: int(chart["figure"][1:]))


def _read_chart(figure: str, title: str, row: Line) -> dict[str, Any] | None:
    cells = [cell for cell in row.cells if cell]
    if not any(CATEGORY.match(cell) for cell in cells):
        labels = [cell for cell in cells if not FIGURE.match(cell)]
        figures = cells[len(labels) :]
        if not labels or labels != cells[: len(labels)] or len(figures) != len(labels):
            return None
        points = [{"series": "", "category": c, "value": v} for c, v in zip(labels, figures, strict=True)]
        return {"figure": figure, "title": title, "unit": "万元", "points": points}
    groups = _groups(cells)
    if groups is None:
        return None
    labels = [label for label, _ in groups]
    if len(set(labels)) == len(labels) and all(label in SERIES_ABBREVIATIONS for label in labels):
        groups = [(SERIES_ABBREVIATIONS[label], points) for label, points in groups]
    unit = next(m.group(2) for m in map(CATEGORY.match, cells) if m)
    points = [{"series": label, "category": c, "value": v} for label, pairs in groups for c, v in pairs]
    return {"figure": figure, "title": title, "unit": unit, "points": points}


def _groups(cells: list[str]) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """(series label, [(category, figure)]) per labelled group; the unlabelled axis at the end is dropped."""
    groups: list[tuple[str, list[str], list[str]]] = []
    for cell in cells:
        category = CATEGORY.match(cell)
        if category is None and not FIGURE.match(cell):
            groups.append((cell, [], []))
        elif not groups:
            return None
        elif category is not None and groups[-1][2]:
            groups.append(("", [category.group(1)], []))  # categories after figures: the axis
        elif category is not None:
            groups[-1][1].append(category.group(1))
        else:
            groups[-1][2].append(cell)
    labelled = [(label, list(zip(c, f, strict=True))) for label, c, f in groups if label and len(c) == len(f)]
    if not labelled or len(labelled) != sum(1 for label, _, _ in groups if label):
        return None
    return labelled
