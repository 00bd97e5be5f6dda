"""Rule 36 (the text half): 情况说明 quotes a table figure in 元 although the table prints it in 万元.

The sums of the tables catch an amount typed in 元 (``Checker`` reports ``amount-unit-yuan``); here the
running text gives it away: 「邮电费0.25元」 where 公开06 prints 邮电费 0.25 (万元).  One of the two has
the wrong unit.  A figure counts as quoted when the clause before it names the row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.diagnostics import Severity
from gongkai.models import Cell
from gongkai.outline import walk_sentences
from gongkai.rules.context import Checker, row_label, shown
from gongkai.rules.text_figures import sentence_location

YUAN_FIGURE = re.compile(r"(\d+(?:\.\d+)?)元")  # digits right before 元: not 万元, 亿元
CLAUSE_END = re.compile(r"[，。；;,:：、\s]")
WAN_YUAN = "万元"


def check_text_units(checker: Checker) -> None:
    disclosure = checker.disclosure
    named_cells: dict[Decimal, list[tuple[str, str, Cell]]] = {}  # value -> (row name, row label, cell)
    for table in disclosure.tables.values():
        if table.unit.strip() != WAN_YUAN:
            continue
        for row in table.rows:
            for cell in row.cells.values():
                if cell.value and row.name:
                    named_cells.setdefault(cell.value, []).append((row.name, row_label(table, row), cell))
    file = f"{disclosure.folder}/explanations.yaml"
    for sentence in walk_sentences(disclosure.explanations, "explanation"):
        text = sentence.text
        for match in YUAN_FIGURE.finditer(text):
            clause = CLAUSE_END.split(text[: match.start()])[-1]
            value = Decimal(match.group(1))
            quoted = [(label, cell) for name, label, cell in named_cells.get(value, []) if name and name in clause]
            checker.checks_run += 1
            if not quoted:
                continue
            label, cell = quoted[0]
            phrase = clause + match.group(0)
            checker.add(
                "amount-unit-yuan-text",
                Severity.ERROR,
                sentence_location(file, sentence),
                f"情况说明写作「{phrase}」（单位：元），而{label}印为 {shown(cell)} 万元；"
                f"两者相差一万倍，必有一处单位有误。",
                (("情况说明", phrase), (label, f"{shown(cell)} 万元")),
                related=[cell.source],
            )
