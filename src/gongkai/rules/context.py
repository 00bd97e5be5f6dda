"""What every rule gets: the disclosure, the corpus, tolerance helpers and a place to put findings.

Tolerance (``docs/rules.md``): two printed amounts agree within 0.01; a total agrees with
the sum of its n printed parts within max(0.01, 0.005 × (n + 1)); a printed percentage agrees with the
one recomputed from printed amounts when it is that value rounded or truncated at the printed
precision, allowing for the half-cent rounding of each amount.  A match within tolerance is no finding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TypeGuard

from gongkai.address import cell_id, performance_cell_id, table_anchor
from gongkai.diagnostics import Diagnostic, Location, Severity
from gongkai.models import Cell, CellState, Corpus, Disclosure, Table, TableRow
from gongkai.numbering import split_numbering

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")  # the rounding error of one amount printed to the cent
WAN = Decimal(10000)  # 元 in one 万元
UNIT_SLIP_FACTOR = 100  # a sum must be off by more than this many tolerances before a 元/万元 slip is suspected


def sum_tolerance(parts: int) -> Decimal:
    """A total against the sum of n printed parts: max(0.01, 0.005 × (n + 1))."""
    return max(CENT, HALF_CENT * (parts + 1))


def last_digit(value: Decimal) -> Decimal:
    """The size of the last printed digit: 1 for 「5」, 0.01 for 「10.07」."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def figure(value: Decimal) -> str:
    """A computed amount for a message, in plain notation (233.67, 0.10, -1.5)."""
    return f"{value:f}"


def signed(value: Decimal) -> str:
    return f"{value:+f}"


def shown(cell: Cell) -> str:
    """A printed figure for a message: as printed, or 「空白」 / 「——」."""
    if cell.state is CellState.EMPTY:
        return "空白"
    return cell.raw.strip()


def blank_cell(source: Location) -> Cell:
    """Stands for a row or cell that a table does not print (counts as nothing printed)."""
    return Cell("", CellState.EMPTY, None, source)


def is_nonzero(cell: Cell | None) -> bool:
    return cell is not None and cell.amount_or_zero() != 0


def has_data(table: Table) -> bool:
    """Whether a table prints any non-zero amount (blanks, 0.00 and 「——」 are no data)."""
    return any(is_nonzero(c) for row in table.rows for c in row.cells.values())


@dataclass(frozen=True)
class PercentCheck:
    printed: Decimal
    recomputed: Decimal  # 100 × numerator / denominator at the printed precision, at least two decimals
    matched: str  # 四舍五入 / 截断, 「…（计入金额尾数误差）」, or "" when outside tolerance

    @property
    def ok(self) -> bool:
        return bool(self.matched)


def check_percent(
    printed: Decimal,
    numerator: Decimal,
    denominator: Decimal,
    *,
    numerator_error: Decimal = HALF_CENT,
    denominator_error: Decimal = HALF_CENT,
) -> PercentCheck | None:
    """Compare a printed percentage with 100 × numerator / denominator; ``None`` when undefined (÷0).

    The printed precision comes from the printed value (``Decimal("10.07")`` → 0.01).  Accepted:
    the recomputed value rounded half-up or truncated toward zero; failing that, any value the
    amounts could give within their rounding errors (``*_error``, half a cent per printed amount;
    pass 0.01 for a figure that is itself a difference of two printed amounts).  Signs are the
    caller's business: pass 「下降5%」 as 5 with a positive change.  A figure over the same printed
    figure is exactly 100%: two equal printed amounts leave no rounding room (99.99% of 243.33 out of
    243.33 is wrong).
    """
    if denominator == 0:
        return None
    unit = last_digit(printed)
    exact = numerator / denominator * 100
    recomputed = exact.quantize(min(unit, CENT), ROUND_HALF_UP)  # for readers: as printed, at least 0.01
    if printed == exact.quantize(unit, ROUND_HALF_UP):
        return PercentCheck(printed, recomputed, "四舍五入")
    if printed == exact.quantize(unit, ROUND_DOWN):
        return PercentCheck(printed, recomputed, "截断")
    if numerator == denominator:
        return PercentCheck(printed, recomputed, "")  # x of the same printed x is exactly 100%: no rounding room
    if abs(denominator) <= denominator_error:
        return PercentCheck(printed, recomputed, "四舍五入（计入金额尾数误差）")
    corners = [
        (numerator + dn) / (denominator + dd) * 100
        for dn in (-numerator_error, numerator_error)
        for dd in (-denominator_error, denominator_error)
    ]
    low, high = min(corners), max(corners)
    if low <= printed + unit / 2 and high >= printed - unit / 2:
        return PercentCheck(printed, recomputed, "四舍五入（计入金额尾数误差）")
    trunc_low = printed - unit if printed <= 0 else printed
    trunc_high = printed + unit if printed >= 0 else printed
    if low <= trunc_high and high >= trunc_low:
        return PercentCheck(printed, recomputed, "截断（计入金额尾数误差）")
    return PercentCheck(printed, recomputed, "")


def cell_anchors(disclosure: Disclosure) -> dict[object, str]:
    """Cell source → its anchor on the disclosure page; also (file, line) → the row's first cell,
    and file → the table's heading (for findings about a whole row or table)."""
    anchors: dict[object, str] = {}
    for table in disclosure.tables.values():
        anchors[table.file] = table_anchor(table.id)
        for row in table.rows:
            for index, column in enumerate(table.columns):
                anchor = cell_id(table.id, row, index)
                anchors[row.cells[column.title].source] = anchor
                anchors.setdefault((table.file, row.line), anchor)
    return anchors


def _evaluation_files(disclosure: Disclosure) -> frozenset[str]:
    """The 绩效 files of a disclosure: a figure of theirs has its anchor on its own page, from its field."""
    overall = [disclosure.overall.file] if disclosure.overall is not None else []
    return frozenset([p.file for p in disclosure.projects] + overall)


class Checker:
    def __init__(self, disclosure: Disclosure, corpus: Corpus) -> None:
        self.disclosure = disclosure
        self.corpus = corpus
        self.findings: list[Diagnostic] = []
        self.checks_run = 0
        self._anchors = cell_anchors(disclosure)
        self._evaluations = _evaluation_files(disclosure)

    def table(self, table_id: str) -> Table | None:
        """A table in the disclosure's currency unit, for comparisons across tables (else ``None``)."""
        table = self.disclosure.table(table_id)
        if table is None or table.unit.strip() != self.disclosure.currency_unit.strip():
            return None
        return table

    def total_matches_parts(
        self,
        code: str,
        what: str,
        total: Cell | None,
        parts: Sequence[Cell | None],
        *,
        total_label: str = "印出的合计",
        parts_label: str = "各分项之和",
        subtract: Sequence[Cell | None] = (),
        exact: bool = False,
        slip: bool = True,
    ) -> bool:
        """Check a printed total against the sum of its printed parts; record a finding if it is off.

        ``what`` says what is expected (「公开01表 本年收入合计（行次27）应等于行次1–8之和」).
        ``subtract`` are parts taken away (年末 = 年初 + 收入 − 支出); ``exact`` is for counts (车辆数),
        which have no rounding.  A column the table does not print (None) leaves the check unrun.  ``slip``
        off: a difference is never explained as a 元/万元 slip (a figure of the text against a cell: a cell
        that agrees with its own table is not the one in 元).
        """
        if total is None or not all_present(parts) or not all_present(subtract):
            return True
        printed = [c for c in (total, *parts, *subtract) if c.is_amount]
        if not printed:
            return True
        self.checks_run += 1
        actual = sum((p.amount_or_zero() for p in parts), Decimal(0)) - sum(
            (p.amount_or_zero() for p in subtract), Decimal(0)
        )
        difference = total.amount_or_zero() - actual
        tolerance = Decimal(0) if exact else sum_tolerance(len(printed) - 1)
        if abs(difference) <= tolerance:
            return True
        slipped = None if exact or not slip else self._unit_slip(total, parts, subtract, difference, tolerance)
        if slipped is not None:
            self._report_unit_slip(what, slipped, [c for c in printed if c is not slipped])
            return False
        allowed = "不允许误差" if exact else f"允许尾数误差 ±{figure(tolerance.normalize())}"
        if len(parts) == 1 and not subtract:
            expected = shown(parts[0])
        else:
            expected = figure(actual) if any(c.is_amount for c in (*parts, *subtract)) else "空白"
        self.add(
            code,
            Severity.ERROR,
            total.source,
            f"{what}：{total_label} {shown(total)}，{parts_label} {expected}，相差 {signed(difference)}（{allowed}）。",
            ((total_label, shown(total)), (parts_label, expected), ("差额", signed(difference))),
            related=[p.source for p in (*parts, *subtract) if p.is_amount],
        )
        return False

    def equal(self, code: str, what: str, a: Cell | None, b: Cell | None, *, a_label: str, b_label: str) -> bool:
        """Two printed amounts that must agree (within 0.01)."""
        return self.total_matches_parts(code, what, a, [b], total_label=a_label, parts_label=b_label)

    def not_more_than(
        self,
        code: str,
        severity: Severity,
        what: str,
        part: Cell | None,
        whole: Cell | None,
        *,
        part_label: str,
        whole_label: str,
    ) -> bool:
        """A printed amount that may not exceed another (beyond 0.01); unrun where a column is not printed."""
        if part is None or whole is None or (not part.is_amount and not whole.is_amount):
            return True
        self.checks_run += 1
        excess = part.amount_or_zero() - whole.amount_or_zero()
        if excess <= CENT:
            return True
        self.add(
            code,
            severity,
            part.source,
            f"{what}：{part_label} {shown(part)}，{whole_label} {shown(whole)}，超出 {figure(excess)}。",
            ((part_label, shown(part)), (whole_label, shown(whole)), ("超出", figure(excess))),
            related=[whole.source],
        )
        return False

    def _unit_slip(
        self, total: Cell, parts: Sequence[Cell], subtract: Sequence[Cell], difference: Decimal, tolerance: Decimal
    ) -> Cell | None:
        """The one cell that, read as 元 instead of 万元, would make the sum agree (rule 36)."""
        if abs(difference) <= tolerance * UNIT_SLIP_FACTOR:
            return None
        candidates = []
        for cell in (total, *parts, *subtract):
            if not cell.is_amount:
                continue
            value = cell.amount_or_zero()
            if abs(value / WAN) <= tolerance:
                continue  # read in 元 it would be rounding noise: nothing to confirm the slip
            shift = value - value / WAN
            on_total_side = cell is total or any(cell is s for s in subtract)
            corrected = difference - shift if on_total_side else difference + shift
            if abs(corrected) <= tolerance:
                candidates.append(cell)
        return candidates[0] if len(candidates) == 1 else None

    def _report_unit_slip(self, what: str, cell: Cell, others: Sequence[Cell]) -> None:
        value = cell.amount_or_zero()
        converted = (value / WAN).quantize(CENT, ROUND_HALF_UP)
        self.add(
            "amount-unit-yuan",
            Severity.ERROR,
            cell.source,
            f"{what}：其中 {shown(cell)} 按万元计与其他数字对不上，按元折算为 {figure(converted)} 万元后相符，"
            "疑为以「元」为单位填写。",
            (("印出的数字", shown(cell)), ("按元折算（万元）", figure(converted))),
            related=[c.source for c in others],
        )

    def add(
        self,
        code: str,
        severity: Severity,
        location: Location,
        message: str,
        figures: tuple[tuple[str, str], ...] = (),
        hint: str = "",
        related: Sequence[Location] = (),
    ) -> None:
        """Record a finding; locations of table cells get their anchor on the disclosure page (figures of a
        绩效 evaluation: on its own page)."""
        self.findings.append(
            Diagnostic(
                code,
                severity,
                self._anchored(location),
                message,
                hint,
                figures,
                tuple(self._anchored(r) for r in related),
            )
        )

    def _anchored(self, location: Location) -> Location:
        if location.anchor:
            return location
        anchor = (
            self._anchors.get(location)
            or self._anchors.get((location.file, location.line))
            or self._anchors.get(location.file, "")
            or (performance_cell_id(location.field) if location.file in self._evaluations and location.field else "")
        )
        return replace(location, anchor=anchor) if anchor else location


def row_label(table: Table, row: TableRow) -> str:
    """How a message names a row: 「公开01表 行次27「本年收入合计」」, 「公开02表 科目201「一般公共服务支出」」."""
    if row.row_no:
        return f"{table.label} 行次{row.row_no}「{row.name}」" if row.name else f"{table.label} 行次{row.row_no}"
    if row.code:
        return f"{table.label} 科目{row.code}「{row.name}」"
    return f"{table.label} {row.side}「{row.name}」行" if row.side else f"{table.label}「{row.name}」行"


def all_present(cells: Sequence[Cell | None]) -> TypeGuard[Sequence[Cell]]:
    """Every cell is printed in its table (None: the table has no such column)."""
    return all(cell is not None for cell in cells)


def cells_of(table: Table, row_nos: Sequence[int], column: str) -> list[Cell]:
    """The cells of a column in the given 行次 (rows the CSV lacks are left out)."""
    rows = (table.row_by_no(str(n)) for n in row_nos)
    return [cell for row in rows if row is not None and (cell := row.cell(column)) is not None]


# The 行次 the rules compare across tables, as a balance table printed without 行次 (the national template's
# 公开01 / 04) names its row: (table, 行次) -> (half, the row's name without its numbering)
NAMED_ROWS = {
    ("01", 1): ("收入", "一般公共预算财政拨款收入"),
    ("01", 2): ("收入", "政府性基金预算财政拨款收入"),
    ("01", 3): ("收入", "国有资本经营预算财政拨款收入"),
    ("01", 27): ("收入", "本年收入合计"),
    ("01", 58): ("支出", "本年支出合计"),
    ("04", 1): ("收入", "一般公共预算财政拨款"),
    ("04", 2): ("收入", "政府性基金预算财政拨款"),
    ("04", 3): ("收入", "国有资本经营预算财政拨款"),
    ("04", 27): ("收入", "本年收入合计"),
    ("04", 59): ("支出", "本年支出合计"),
}


def has_row_numbers(table: Table) -> bool:
    """Whether the table prints 行次 (the county template) rather than only names (the national template)."""
    return any(row.row_no.strip().isdigit() for row in table.rows)


def row_name(row: TableRow) -> str:
    """The row's printed name without the spaces a layout puts inside it (「本 年 收 入 合 计」)."""
    return row.name.replace(" ", "").replace("\u3000", "")


def row_at(table: Table, row_no: int) -> TableRow | None:
    """The row of 行次 ``row_no``; in a table printed without 行次, the row the template prints there, found by
    its half and name (the first such row: 公开04 names 一般公共预算财政拨款 again under 年初结转和结余)."""
    row = table.row_by_no(str(row_no))
    if row is not None or has_row_numbers(table):
        return row
    side, name = NAMED_ROWS.get((table.id, row_no), ("", ""))
    plain = (split_numbering(row_name(r))[1] for r in table.rows)
    return next(
        (r for r, text in zip(table.rows, plain, strict=True) if name and r.side == side and text == name), None
    )


def cell_at(table: Table, row_no: int, column: str) -> Cell | None:
    row = row_at(table, row_no)
    return row.cell(column) if row is not None else None


def rows_phrase(row_nos: Sequence[int]) -> str:
    """「行次1–8」 for a run of rows, 「行次58、59、60」 otherwise."""
    numbers = list(row_nos)
    if len(numbers) > 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"行次{numbers[0]}–{numbers[-1]}"
    return "行次" + "、".join(str(n) for n in numbers)


def sum_of_rows(
    checker: Checker,
    table: Table,
    code: str,
    total_no: int,
    part_nos: Sequence[int],
    columns: Sequence[str],
    *,
    exact: bool = False,
) -> None:
    """Row ``total_no`` = Σ rows ``part_nos``, in each of ``columns``."""
    total_row = table.row_by_no(str(total_no))
    if total_row is None:
        return
    for column in columns:
        where = f"栏「{column}」" if len(table.columns) > 1 else ""
        checker.total_matches_parts(
            code,
            f"{row_label(table, total_row)}{where}应等于{rows_phrase(part_nos)}之和",
            total_row.cell(column),
            cells_of(table, part_nos, column),
            parts_label=f"{rows_phrase(part_nos)}之和",
            exact=exact,
        )


def rows_add_up(
    checker: Checker, table: Table, code: str, total: TableRow, parts: Sequence[TableRow], phrase: str
) -> None:
    """Row ``total`` = Σ rows ``parts`` (named ``phrase`` in the message), in each column of ``table``."""
    for column in table.columns:
        where = f"栏「{column.title}」" if len(table.columns) > 1 else ""
        checker.total_matches_parts(
            code,
            f"{row_label(table, total)}{where}应等于{phrase}之和",
            total.cell(column.title),
            [row.cell(column.title) for row in parts],
            parts_label=f"{phrase}之和",
        )


def check_each_table(checker: Checker, checks: Mapping[str, Callable[[Checker, Table], None]]) -> None:
    """Run each table's check on that table, if the disclosure publishes it."""
    for table_id, check in checks.items():
        table = checker.disclosure.table(table_id)
        if table is not None:
            check(checker, table)
