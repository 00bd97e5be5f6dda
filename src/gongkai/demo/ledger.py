"""Synthetic figures for one disclosure (``gongkai demo-data``), built from the leaves up so every sum holds.

A :class:`Ledger` holds the leaf amounts (项 lines, 06 items, 三公, 政府采购, vehicles) as ``Decimal``
to the cent; :func:`table_rows` lays them out in the fixed CSV layouts of :mod:`gongkai.tables`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.tables import SPECS

CENT = Decimal("0.01")
ZERO = Decimal(0)

# 公开01 rows 32–57 / 公开04 rows 33–58: the 26 classes (类) in printed order (shared/reference/codes.md).
CLASSES = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
]
INCOME_01: tuple[str, ...] = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
)
INCOME_01 += ("事业收入", "经营收入", "附属单位上缴收入", "其他收入")

# 项 subjects a unit may use, and which side of its spending they carry.
PERSONNEL_SUBJECTS = {  # 项 code -> 06 item whose amount it equals (social contributions)
    "2080505": "30108",
    "2080506": "30109",
    "2101101": "30110",
    "2210201": "30113",
}
RETIREMENT_SUBJECT = "2080501"  # 行政单位离退休: 06 item 30302 退休费
RUNNING_SUBJECT = "2010301"  # 行政运行: the rest of 基本支出
PROJECT_SUBJECTS = ("2010308", "2010302", "2010399", "2080705", "2080801", "2100409")
SALARY_ITEMS = ("30101", "30102", "30103", "30107", "30112", "30199")
PUBLIC_ITEMS: tuple[str, ...] = (
    "30201",
    "30202",
    "30205",
    "30206",
    "30207",
    "30211",
    "30213",
    "30214",
    "30216",
    "30228",
)
PUBLIC_ITEMS += ("30229", "30239", "30299")
VEHICLE_ROWS: tuple[str, ...] = (
    "1. 副部(省)级及以上领导用车",
    "2. 主要负责人用车",
    "3. 机要通信用车",
    "4. 应急保障用车",
)
VEHICLE_ROWS += ("5. 执法执勤用车", "6. 特种专业技术用车", "7. 离退休干部服务用车", "8. 其他用车")


def amount(rng: random.Random, low: Decimal | int, high: Decimal | int) -> Decimal:
    """A random amount in 万元 to the cent, low ≤ x ≤ high."""
    return Decimal(rng.randint(int(Decimal(low) * 100), int(Decimal(high) * 100))) * CENT


def share(total: Decimal, percent_low: int, percent_high: int, rng: random.Random) -> Decimal:
    return (total * rng.randint(percent_low, percent_high) / 100).quantize(CENT)


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """``total`` as ``parts`` positive amounts to the cent that add up to it exactly."""
    cents = int(total / CENT)
    if parts <= 0 or cents < parts:
        return [total] + [ZERO] * (parts - 1) if parts else []
    weights = [rng.randint(30, 100) for _ in range(parts)]
    allocated = [max(1, cents * w // sum(weights)) for w in weights[:-1]]
    allocated.append(cents - sum(allocated))
    return [Decimal(c) * CENT for c in allocated]


@dataclass(frozen=True)
class SubjectLine:
    code: str
    name: str
    basic: Decimal
    project: Decimal

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass(frozen=True)
class ThreePublic:
    """“三公”经费: 因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费."""

    abroad: Decimal
    car_purchase: Decimal
    car_running: Decimal
    reception: Decimal

    @property
    def cars(self) -> Decimal:
        return self.car_purchase + self.car_running

    @property
    def total(self) -> Decimal:
        return self.abroad + self.cars + self.reception


@dataclass(frozen=True)
class Ledger:
    lines: tuple[SubjectLine, ...]  # 项 lines, sorted by code
    names: dict[str, str]  # code -> name for every 类/款/项 used (the year's list)
    items: dict[str, Decimal]  # 06 economic item -> amount (blank items absent)
    three_budget: ThreePublic
    three_actual: ThreePublic
    procurement: tuple[Decimal, Decimal, Decimal]  # 货物, 工程, 服务
    vehicles: tuple[int, ...]  # per VEHICLE_ROWS

    @property
    def basic(self) -> Decimal:
        return sum((line.basic for line in self.lines), ZERO)

    @property
    def project(self) -> Decimal:
        return sum((line.project for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    def by_prefix(self, prefix: str) -> SubjectLine:
        """The sum of every 项 line under a 类 or 款 code."""
        lines = [line for line in self.lines if line.code.startswith(prefix)]
        basic = sum((line.basic for line in lines), ZERO)
        return SubjectLine(prefix, self.names[prefix], basic, sum((line.project for line in lines), ZERO))

    @property
    def personnel(self) -> Decimal:
        return sum((v for k, v in self.items.items() if k.startswith(("301", "303"))), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((v for k, v in self.items.items() if not k.startswith(("301", "303"))), ZERO)


def usable_subjects(function_codes: dict[str, str]) -> dict[str, str]:
    """项 codes of the year's list whose 款 and 类 are listed too, with all their names."""
    return {
        code: name
        for code, name in function_codes.items()
        if len(code) == 7 and code[:5] in function_codes and code[:3] in function_codes
    }


def make_ledger(rng: random.Random, function_codes: dict[str, str], staff: int, grown: Decimal) -> Ledger:
    """Figures of one year for a unit with ``staff`` people; ``grown`` scales them from year to year."""
    subjects = usable_subjects(function_codes)
    salary = (Decimal(staff) * amount(rng, 9, 14) * grown).quantize(CENT)
    items = dict(zip(SALARY_ITEMS, split(salary, len(SALARY_ITEMS), rng), strict=True))
    contributions = {item: share(salary, low, high, rng) for item, low, high in _CONTRIBUTION_RATES}
    items.update(contributions)
    retired = share(salary, 2, 8, rng) if rng.random() < 0.7 else ZERO
    if retired:
        items["30302"] = retired
    public_total = (Decimal(staff) * amount(rng, 1, 3) * grown).quantize(CENT)
    used_public = rng.sample(PUBLIC_ITEMS, rng.randint(6, len(PUBLIC_ITEMS)))
    three_actual = ThreePublic(ZERO, ZERO, ZERO, ZERO)
    if rng.random() < 0.5:
        three_actual = ThreePublic(ZERO, ZERO, share(public_total, 4, 12, rng), share(public_total, 1, 5, rng))
        items["30231"], items["30217"] = three_actual.car_running, three_actual.reception
        public_total -= three_actual.car_running + three_actual.reception
    items.update(zip(sorted(used_public), split(public_total, len(used_public), rng), strict=True))
    items = {k: v for k, v in sorted(items.items()) if v}
    basic = sum(items.values(), ZERO)
    lines: dict[str, tuple[Decimal, Decimal]] = {}
    for code, item in PERSONNEL_SUBJECTS.items():
        if code in subjects:
            lines[code] = (items.get(item, ZERO), ZERO)
    if retired and RETIREMENT_SUBJECT in subjects:
        lines[RETIREMENT_SUBJECT] = (retired, ZERO)
    lines[RUNNING_SUBJECT] = (basic - sum((b for b, _ in lines.values()), ZERO), ZERO)
    project_total = (basic * rng.randint(15, 80) / 100).quantize(CENT)
    project_codes = [PROJECT_SUBJECTS[0], *rng.sample(PROJECT_SUBJECTS[1:], rng.randint(0, 3))]
    project_codes = sorted(c for c in project_codes if c in subjects)
    for code, value in zip(project_codes, split(project_total, len(project_codes), rng), strict=True):
        lines[code] = (lines.get(code, (ZERO, ZERO))[0], value)
    names = {c: function_codes[c] for code in lines for c in (code, code[:5], code[:3])}
    budget = ThreePublic(
        ZERO, ZERO, _budget_for(three_actual.car_running, rng), _budget_for(three_actual.reception, rng)
    )
    goods = amount(rng, 1, 30) if rng.random() < 0.6 else ZERO
    services = amount(rng, 1, 15) if rng.random() < 0.4 else ZERO
    vehicles = tuple(rng.randint(1, 2) if i in (1, 7) and three_actual.car_running else 0 for i in range(8))
    return Ledger(
        lines=tuple(SubjectLine(c, subjects[c], b, p) for c, (b, p) in sorted(lines.items())),
        names=names,
        items=items,
        three_budget=budget,
        three_actual=three_actual,
        procurement=(goods, ZERO, services),
        vehicles=vehicles,
    )


_CONTRIBUTION_RATES = (("30108", 14, 18), ("30109", 7, 9), ("30110", 6, 9), ("30113", 10, 13))


def _budget_for(actual: Decimal, rng: random.Random) -> Decimal:
    return actual + share(actual, 0, 20, rng) if actual else ZERO


def text(value: Decimal) -> str:
    """A cell as printed: blank for nothing, else two decimals."""
    return f"{value:.2f}" if value else ""


Row = list[str]


def table_rows(ledger: Ledger, economic_codes: dict[str, str], planted: str = "") -> dict[str, list[Row]]:
    """Every table's CSV lines (header first) for this ledger; ``planted`` misprints one cell."""
    income_total = ledger.total
    total_01 = income_total + (Decimal("12.30") if planted == "t01-income-sum" else ZERO)
    rows = {
        "01": _table01(ledger, total_01),
        "02": _subject_table(ledger, lambda s: [text(s.total), text(s.total), "", "", "", "", ""]),
        "03": _subject_table(ledger, lambda s: [text(s.total), text(s.basic), text(s.project), "", "", ""]),
        "04": _table04(ledger),
        "05": _subject_table(ledger, lambda s: [text(s.total), text(s.basic), text(s.project)]),
        "06": _table06(ledger, economic_codes),
        "07": [["", "合计"] + [""] * 6],
        "08": [["", "合计", "", "", ""]],
        "09": _table09(ledger, planted),
        "10": _table10(ledger),
    }
    return {table_id: [list(SPECS[table_id].base_header), *lines] for table_id, lines in rows.items()}


def _classes(ledger: Ledger) -> list[tuple[int, str, Decimal]]:
    """(index, printed name, total) for each of the 26 classes."""
    used = {line.code[:3] for line in ledger.lines}
    return [
        (i, f"{NUMERALS[i]}、{name}", ledger.by_prefix(code).total if code in used else ZERO)
        for i, (code, name) in enumerate(CLASSES)
    ]


def _table01(ledger: Ledger, income_total: Decimal) -> list[Row]:
    total = text(ledger.total)
    rows: list[Row] = [
        [str(n), f"{NUMERALS[n - 1]}、{name}", total if n == 1 else ""] for n, name in enumerate(INCOME_01, 1)
    ]
    rows += [[str(n), "", ""] for n in range(9, 27)]
    rows += [["27", "本年收入合计", text(income_total)], ["28", "使用非财政拨款结余和专用结余", ""]]
    rows += [["29", "年初结转和结余", ""], ["30", "", ""], ["31", "总计", total]]
    rows += [[str(32 + i), name, text(value)] for i, name, value in _classes(ledger)]
    rows += [["58", "本年支出合计", total], ["59", "结余分配", ""], ["60", "年末结转和结余", ""], ["61", "", ""]]
    return [*rows, ["62", "总计", total]]


def _table04(ledger: Ledger) -> list[Row]:
    total = text(ledger.total)
    funds = ("一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款")
    rows: list[Row] = [[str(n), name, total if n == 1 else "", "", "", ""] for n, name in enumerate(funds, 1)]
    rows += [[str(n), "", "", "", "", ""] for n in range(4, 27)]
    rows += [["27", "本年收入合计", total, "", "", ""], ["28", "年初财政拨款结转和结余", "", "", "", ""]]
    rows += [[str(n), name[2:], "", "", "", ""] for n, name in zip(range(29, 32), funds, strict=True)]
    rows += [["32", "总计", total, "", "", ""]]
    rows += [[str(33 + i), name, text(value), text(value), "", ""] for i, name, value in _classes(ledger)]
    rows += [["59", "本年支出合计", total, total, "", ""], ["60", "年末财政拨款结转和结余", "", "", "", ""]]
    rows += [[str(n), "", "", "", "", ""] for n in range(61, 64)]
    return [*rows, ["64", "总计", total, total, "", ""]]


def _subject_table(ledger: Ledger, cells: Callable[[SubjectLine], list[str]]) -> list[Row]:
    total = SubjectLine("", "合计", ledger.basic, ledger.project)
    rows: list[Row] = [["", "合计", *cells(total)]]
    for code in sorted(ledger.names):
        line = next((s for s in ledger.lines if s.code == code), None) or ledger.by_prefix(code)
        rows.append([code, ledger.names[code], *cells(line)])
    return rows


def _table06(ledger: Ledger, economic_codes: dict[str, str]) -> list[Row]:
    def group(prefixes: Sequence[str]) -> list[Row]:
        rows: list[Row] = []
        for code in sorted(c for c in economic_codes if c.startswith(tuple(prefixes))):
            if len(code) == 3:
                value = sum((v for k, v in ledger.items.items() if k.startswith(code)), ZERO)
            else:
                value = ledger.items.get(code, ZERO)
            rows.append([code, economic_codes[code], text(value)])
        return rows

    personnel = group(("301", "303"))
    public = group(("302", "307", "310", "312", "313", "399"))
    return [
        *personnel,
        ["", "人员经费合计", text(ledger.personnel)],
        *public,
        ["", "公用经费合计", text(ledger.public)],
    ]


def _table09(ledger: Ledger, planted: str) -> list[Row]:
    def line(label: str, t: ThreePublic, total: Decimal) -> Row:
        return [
            label,
            text(total),
            text(t.abroad),
            text(t.cars),
            text(t.car_purchase),
            text(t.car_running),
            text(t.reception),
        ]

    actual_total = ledger.three_actual.total + (Decimal("1.00") if planted == "t09-sum" else ZERO)
    return [
        line("预算数", ledger.three_budget, ledger.three_budget.total),
        line("决算数", ledger.three_actual, actual_total),
    ]


def _table10(ledger: Ledger) -> list[Row]:
    goods, works, services = ledger.procurement
    cars = [str(n) if n else "" for n in ledger.vehicles]
    rows: list[Row] = [
        ["1", "合计", text(goods + works + services)],
        ["2", "货物", text(goods)],
        ["3", "工程", text(works)],
        ["4", "服务", text(services)],
        ["5", "(一) 行政单位", text(ledger.public)],
        ["6", "(二) 参照公务员法管理事业单位", ""],
        ["7", "(一) 车辆数合计(辆)", str(sum(ledger.vehicles)) if sum(ledger.vehicles) else ""],
    ]
    rows += [[str(8 + i), name, cars[i]] for i, name in enumerate(VEHICLE_ROWS)]
    return [*rows, ["17", "(二) 单价100万元(含)以上设备(不含车辆)", ""]]
