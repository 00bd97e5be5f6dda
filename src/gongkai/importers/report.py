"""Diagnostics of an import: what could not be placed, where, and a short printed summary."""

from __future__ import annotations

from gongkai.diagnostics import Diagnostic, Location, Severity

EXCERPT = 40
RUN_GAP = 2  # unplaced lines this close together (blank lines between) are reported as one run


def unplaced_runs(file: str, lines: list[tuple[int, str]]) -> list[Diagnostic]:
    """One ``import-unplaced-line`` warning per run of neighbouring unplaced lines, in file order."""
    runs: list[list[tuple[int, str]]] = []
    for number, text in sorted(lines):
        if runs and number - runs[-1][-1][0] <= RUN_GAP:
            runs[-1].append((number, text))
        else:
            runs.append([(number, text)])
    return [_run_diagnostic(file, run) for run in runs]


def _run_diagnostic(file: str, run: list[tuple[int, str]]) -> Diagnostic:
    first, last = run[0][0], run[-1][0]
    span = f"第{first}行" if first == last else f"第{first}–{last}行（{len(run)}行）"
    text = " ".join(run[0][1].split())
    excerpt = text if len(text) <= EXCERPT else text[:EXCERPT] + "……"
    return Diagnostic(
        "import-unplaced-line",
        Severity.WARNING,
        Location(file, line=first),
        f"{span}未能归入任何部分，未导入：「{excerpt}」",
        "请对照原文，把这些内容手工补到相应的数据文件中，或确认它们不需要公开。",
    )
