"""One diagnostic type for every stage: schema errors, parse errors and consistency findings.

Codes are stable kebab-case strings (documented in docs/error-codes.md; a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """Where a diagnostic points: a file, and inside it a line/column (YAML, text) or a table cell.

    ``table`` is the published table id (e.g. "公开01"), ``row`` the 行次 or 科目代码 of the row,
    ``column`` the 栏次 or column title.  ``field`` is a dotted path inside a YAML document.
    ``anchor`` is the HTML id of the table cell on the disclosure page (``t02-r2010308-c2``), when known.
    """

    file: str
    line: int | None = None
    column_no: int | None = None
    field: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    anchor: str = ""
    page: int | None = None  # page of the source document (PDF) the figure is printed on

    def describe(self) -> str:
        """Chinese, human-readable position: ``data/x.csv 第3行 公开02 科目201 栏「财政拨款收入」``."""
        parts = [self.file]
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.column_no is not None:
            parts.append(f"第{self.column_no}列")
        if self.table:
            parts.append(self.table)
        if self.row:
            parts.append(f"行「{self.row}」")
        if self.column:
            parts.append(f"栏「{self.column}」")
        if self.field:
            parts.append(f"字段「{self.field}」")
        if self.page is not None:
            parts.append(f"（原文第{self.page}页）")
        return " ".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    figures: tuple[tuple[str, str], ...] = field(default=())
    related: tuple[Location, ...] = field(default=())  # the other cells the finding compares

    def format(self) -> str:
        text = f"{self.location.describe()}: {self.severity.label} [{self.code}] {self.message}"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


class InputError(Exception):
    """Raised by a stage when input cannot be used at all; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} 处输入错误")
        self.diagnostics = diagnostics


class BuildFailed(Exception):
    """The site could not be built (MkDocs failed, the output cannot be written, another build runs);
    the previous ``build/`` is untouched.  ``code`` is a catalogued code, ``file`` what it concerns."""

    def __init__(self, message: str, *, code: str = "mkdocs-failed", file: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.file = file

    def format(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}错误 [{self.code}] {self}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
