"""Table rules 1–18, 34 and 36: one case per code, each failing once and passing within tolerance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Location, Severity
from gongkai.models import CellState, Table, TextSection
from gongkai.rules.context import Checker
from gongkai.rules.subject_codes import check_subject_codes
from gongkai.rules.tables_across import check_across_tables
from gongkai.rules.tables_within import check_within_tables
from gongkai.rules.units import check_text_units
from gongkai.tables import SPECS, read_table
from table_fixtures import codes, run, subject_table, table


@dataclass(frozen=True)
class Case:
    code: str
    check: Callable[[Checker], None]
    failing: tuple[Table, ...]
    passing: tuple[Table, ...]  # the same relation, off by rounding only (or legitimately unequal)
    found: int = 1  # findings of ``code`` in the failing case


W, X, S = check_within_tables, check_across_tables, check_subject_codes


def t01(body: str) -> Table:
    return table("01", body)


def t04(body: str) -> Table:
    return table("04", body)


def t06(body: str) -> Table:
    return table("06", body)


def subject_cases(table_id: str, total: str) -> list[Case]:
    """Row sum (total column = parts) and hierarchy (类 = Σ 款) of a subject table."""
    return [
        Case(
            f"t{table_id}-row-sum",
            W,
            (subject_table(table_id, ("201", "一般公共服务支出", "10.00", "8.00")),),
            (subject_table(table_id, ("201", "一般公共服务支出", "10.00", "10.01")),),
        ),
        Case(
            f"t{table_id}-hierarchy-sum",
            W,
            (
                subject_table(
                    table_id,
                    ("201", "一般公共服务支出", "30.00", "30.00"),
                    ("20103", "政府办公厅（室）及相关机构事务", "20.00", "20.00"),
                    ("20106", "财政事务", "5.00", "5.00"),
                ),
            ),
            (
                subject_table(
                    table_id,
                    ("", total, "30.00", "30.00"),
                    ("201", "一般公共服务支出", "30.00", "30.00"),
                    ("20103", "政府办公厅（室）及相关机构事务", "20.01", "20.01"),
                    ("2010301", "行政运行", "20.01", "20.01"),
                    ("20106", "财政事务", "10.00", "10.00"),
                ),
            ),
            found=2,  # both amount columns
        ),
    ]


CASES = [
    # rule 1, 2: 公开01
    Case("t01-income-sum", W, (t01("1,一,100.00\n4,四,20.00\n27,本年收入合计,130.00"),), (t01("1,一,100.00\n4,四,20.00\n27,本年收入合计,120.01"),)),
    Case("t01-income-total", W, (t01("27,本年收入合计,100.00\n29,年初结转和结余,5.00\n31,总计,106.00"),), (t01("27,本年收入合计,100.00\n29,年初结转和结余,5.00\n31,总计,105.01"),)),
    Case("t01-expense-sum", W, (t01("32,一、一般公共服务支出,80.00\n39,八、社会保障和就业支出,20.00\n58,本年支出合计,90.00"),), (t01("32,一、一般公共服务支出,80.00\n39,八、社会保障和就业支出,20.00\n58,本年支出合计,100.00"),)),
    Case("t01-expense-total", W, (t01("58,本年支出合计,100.00\n60,年末结转和结余,5.00\n62,总计,104.00"),), (t01("58,本年支出合计,100.00\n60,年末结转和结余,5.00\n62,总计,105.00"),)),
    Case("t01-totals-balance", W, (t01("31,总计,100.00\n62,总计,100.02"),), (t01("31,总计,100.00\n62,总计,100.01"),)),
    # rules 3, 4, 6, 8: subject tables
    *subject_cases("02", "合计"),
    *subject_cases("03", "合计"),
    *subject_cases("05", "合计"),
    *subject_cases("07", "合计"),
    *subject_cases("08", "合计"),
    Case("t07-balance", W, (table("07", ",合计,5.00,10.00,12.00,12.00,,4.00"),), (table("07", ",合计,5.00,10.00,12.00,12.00,,3.00"),)),
    # rule 5: 公开04
    Case("t04-income-sum", W, (t04("1,一,100.00,,,\n2,二,20.00,,,\n27,本年收入合计,130.00,,,"),), (t04("1,一,100.00,,,\n2,二,20.00,,,\n27,本年收入合计,120.00,,,"),)),
    Case("t04-carryover-sum", W, (t04("28,年初财政拨款结转和结余,5.00,,,\n29,一般,3.00,,,\n30,基金,1.00,,,"),), (t04("28,年初财政拨款结转和结余,4.00,,,\n29,一般,3.00,,,\n30,基金,1.00,,,"),)),
    Case("t04-income-total", W, (t04("27,本年收入合计,100.00,,,\n28,年初财政拨款结转和结余,5.00,,,\n32,总计,106.00,,,"),), (t04("27,本年收入合计,100.00,,,\n28,年初财政拨款结转和结余,5.00,,,\n32,总计,105.00,,,"),)),
    Case("t04-row-sum", W, (t04("33,一、一般公共服务支出,50.00,40.00,5.00,"),), (t04("33,一、一般公共服务支出,45.00,40.00,5.00,"),)),
    Case("t04-expense-sum", W, (t04("33,一,50.00,50.00,,\n40,八,30.00,30.00,,\n59,本年支出合计,90.00,90.00,,"),), (t04("33,一,50.00,50.00,,\n40,八,30.00,30.00,,\n59,本年支出合计,80.00,80.00,,"),), found=2),
    Case("t04-expense-total", W, (t04("59,本年支出合计,80.00,80.00,,\n60,年末,5.00,5.00,,\n64,总计,84.00,85.00,,"),), (t04("59,本年支出合计,80.00,80.00,,\n60,年末,5.00,5.00,,\n64,总计,85.00,85.00,,"),)),
    Case("t04-totals-balance", W, (t04("32,总计,100.00,,,\n64,总计,101.00,,,"),), (t04("32,总计,100.00,,,\n64,总计,100.00,,,"),)),
    Case("t04-fund-balance", W, (t04("1,一,100.00,,,\n29,一般,5.00,,,\n64,总计,,104.00,,"),), (t04("1,一,100.00,,,\n29,一般,5.00,,,\n64,总计,,105.00,,"),)),
    # rule 7: 公开06 («——» is not applicable, not zero)
    Case("t06-group-sum", W, (t06("301,工资福利支出,10.00\n30101,基本工资,6.00\n30102,津贴补贴,3.00"),), (t06("301,工资福利支出,9.01\n30101,基本工资,6.00\n30102,津贴补贴,3.00"),)),
    Case("t06-personnel-sum", W, (t06("301,工资福利支出,10.00\n303,对个人和家庭的补助,2.00\n,人员经费合计,13.00"),), (t06("301,工资福利支出,10.00\n303,对个人和家庭的补助,2.00\n,人员经费合计,12.00"),)),
    Case("t06-public-sum", W, (t06("302,商品和服务支出,5.00\n309,资本性支出（基本建设）,——\n310,资本性支出,1.00\n,公用经费合计,7.00"),), (t06("302,商品和服务支出,5.00\n309,资本性支出（基本建设）,——\n310,资本性支出,1.00\n,公用经费合计,6.00"),)),
    # rule 9: 公开09
    Case("t09-total-sum", W, (table("09", "决算数,10.00,2.00,5.00,,5.00,2.00"),), (table("09", "决算数,9.00,2.00,5.00,,5.00,2.00"),)),
    Case("t09-vehicle-sum", W, (table("09", "预算数,9.00,2.00,5.00,1.00,3.00,2.00"),), (table("09", "预算数,8.00,2.00,4.00,1.00,3.00,2.00"),)),
    # rule 10: 公开10 (vehicle counts have no rounding)
    Case("t10-procurement-sum", W, (table("10", "1,合计,18.11\n2,货物,15.88\n4,服务,2.20"),), (table("10", "1,合计,18.11\n2,货物,15.88\n4,服务,2.23"),)),
    Case("t10-vehicle-count-sum", W, (table("10", "7,车辆数合计(辆),2\n15,8. 其他用车,1"),), (table("10", "7,车辆数合计(辆),1\n15,8. 其他用车,1"),)),
    # rule 11
    Case("table-no-data-has-amounts", W, (table("09", "决算数,1.00,,,,,1.00", no_data=True),), (table("09", "决算数,,,,,,\n预算数,0.00,,,,,", no_data=True),)),
    # rule 12–15
    Case("t01-t04-income", X, (t01("1,一,100.00"), t04("1,一,90.00,,,")), (t01("1,一,100.00"), t04("1,一,100.01,,,"))),
    Case("t01-t02-income-total", X, (t01("27,本年收入合计,100.00"), subject_table("02", ("", "合计", "90.00", "90.00"))), (t01("27,本年收入合计,100.00"), subject_table("02", ("", "合计", "100.00", "100.00")))),
    Case("t01-t03-expense-total", X, (t01("58,本年支出合计,100.00"), subject_table("03", ("", "合计", "90.00", "90.00"))), (t01("58,本年支出合计,100.00"), subject_table("03", ("", "合计", "100.00", "100.00")))),
    Case("t01-t03-expense-by-class", X, (t01("32,一、一般公共服务支出,50.00\n39,八、社会保障和就业支出,20.00"), subject_table("03", ("201", "一般公共服务支出", "50.00", "50.00"), ("208", "社会保障和就业支出", "25.00", "25.00"))), (t01("32,一、一般公共服务支出,50.00\n39,八、社会保障和就业支出,20.00"), subject_table("03", ("201", "一般公共服务支出", "50.00", "50.00"), ("208", "社会保障和就业支出", "20.00", "20.00")))),
    Case("t02-t04-appropriation", X, (subject_table("02", ("", "合计", "90.00", "90.00")), t04("27,本年收入合计,100.00,,,")), (subject_table("02", ("", "合计", "100.00", "100.00")), t04("27,本年收入合计,100.00,,,"))),
    Case("t05-t04-general-expense", X, (subject_table("05", ("", "合计", "90.00", "90.00")), t04("59,本年支出合计,100.00,100.00,,")), (subject_table("05", ("", "合计", "100.00", "100.00")), t04("59,本年支出合计,100.00,100.00,,"))),
    Case("t05-t06-basic", X, (subject_table("05", ("", "合计", "50.00", "50.00")), t06(",人员经费合计,40.00\n,公用经费合计,9.00")), (subject_table("05", ("", "合计", "50.00", "50.00")), t06(",人员经费合计,40.00\n,公用经费合计,10.01"))),
    # rule 16: without 项目支出, 09 = 06; with it, 09 ≥ 06
    Case("t09-t06-items", X, (table("09", "决算数,2.00,,,,,2.00"), t06("30217,公务接待费,1.50")), (table("09", "决算数,2.00,,,,,2.00"), t06("30217,公务接待费,1.50"), table("05", ",合计,10.00,,10.00"))),
    Case("t09-t06-items", X, (table("09", "决算数,2.00,,,,,2.00"), t06("30217,公务接待费,3.00"), table("05", ",合计,10.00,,10.00")), (table("09", "决算数,2.00,,,,,2.00"), t06("30217,公务接待费,2.00"))),
    # rule 17
    Case("t10-t06-running-cost", X, (table("10", "5,(一) 行政单位,15.00"), t06(",公用经费合计,13.19")), (table("10", "5,(一) 行政单位,13.19"), t06(",公用经费合计,13.19"))),
    Case("t10-t06-running-cost", X, (table("10", "5,(一) 行政单位,10.00\n6,(二) 参照公务员法管理事业单位,5.00"), t06(",公用经费合计,13.19")), (table("10", "5,(一) 行政单位,10.00\n6,(二) 参照公务员法管理事业单位,3.19"), t06(",公用经费合计,13.19"))),
    # rule 18: carry-over spent without new income is no finding
    Case("t01-t07-fund-presence", X, (t01("2,二,5.00"), table("07", ",合计,,,,,,", no_data=True)), (t01("2,二,"), table("07", ",合计,5.00,,5.00,,5.00,"))),
    Case("t01-t07-fund-presence", X, (t01("2,二,"), table("07", ",合计,,5.00,5.00,,5.00,")), (t01("2,二,5.00"), table("07", ",合计,,5.00,5.00,,5.00,"))),
    Case("t01-t08-fund-presence", X, (t01("3,三,5.00"), table("08", ",合计,,,", no_data=True)), (t01("3,三,"), table("08", ",合计,,,", no_data=True))),
    # rule 34
    Case("subject-code-unknown", S, (subject_table("02", ("2019999", "其他", "1.00", "1.00")),), (subject_table("02", ("2010301", "行政运行", "1.00", "1.00")),)),
    Case("subject-name-mismatch", S, (subject_table("02", ("2010301", "一般行政管理事务", "1.00", "1.00")),), (subject_table("02", ("20103", "政府办公厅(室) 及相关机构事务", "1.00", "1.00")),)),
    Case("subject-name-mismatch", S, (t04("46,十四、资源勘探工业信息支出,,,,"),), (t01("45,十四、资源勘探工业信息等支出,"),)),
    Case("subject-name-mismatch", S, (t06("30901,房屋建筑物构建,——"),), (t06("30207,邮电费,0.25"),)),
    # rule 36: one cell that, read in 元, makes the sum agree
    Case("amount-unit-yuan", W, (t01("1,一,100.00\n4,四,200000.00\n27,本年收入合计,120.00"),), (t01("1,一,100.00\n4,四,20.00\n27,本年收入合计,120.00"),)),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c.code}" for i, c in enumerate(CASES)])
def test_rule_finds_the_inconsistency_and_accepts_rounding(case: Case) -> None:
    failing = codes(run(case.check, *case.failing), case.code)
    assert len(failing) == case.found, [f.message for f in failing]
    assert all(f.severity is RULE_CODES[case.code].severity for f in failing)
    assert codes(run(case.check, *case.passing), case.code) == []


def test_sum_message_shows_both_figures_the_difference_and_the_tolerance() -> None:
    (finding,) = codes(run(W, t01("1,一,100.00\n4,四,20.00\n27,本年收入合计,130.00")), "t01-income-sum")
    assert finding.message == (
        "公开01表 行次27「本年收入合计」应等于行次1–8之和：印出的合计 130.00，行次1–8之和 120.00，"
        "相差 +10.00（允许尾数误差 ±0.015）。"
    )
    assert finding.location.row == "27" and finding.location.column == "金额（栏次1）"
    assert finding.location.anchor == "t01-r27-c1"
    assert [r.row for r in finding.related] == ["1", "4"]


def test_vehicle_counts_allow_no_rounding() -> None:
    (finding,) = codes(run(W, table("10", "7,车辆数合计(辆),2\n15,8. 其他用车,1")), "t10-vehicle-count-sum")
    assert "不允许误差" in finding.message


def test_unit_slip_names_the_cell_typed_in_yuan() -> None:
    (finding,) = codes(run(W, t01("1,一,100.00\n4,四,200000.00\n27,本年收入合计,120.00")), "amount-unit-yuan")
    assert finding.code == "amount-unit-yuan" and finding.location.row == "4"
    assert "按元折算为 20.00 万元后相符" in finding.message


def test_class_of_01_missing_from_03_is_a_finding() -> None:
    found = run(X, t01("39,八、社会保障和就业支出,20.00"), subject_table("03", ("201", "一般公共服务支出", "1", "1")))
    (finding,) = codes(found, "t01-t03-expense-by-class")
    assert finding.location.row == "39" and "公开03表 科目208 空白" in finding.message


def test_published_tables_01_to_06_must_have_data() -> None:
    found = codes(run(W, t01("1,一,1.00"), table("02", ",合计,,,,,,,")), "table-required-empty")
    assert [f.message.split("；")[0] for f in found] == [
        "公开02表没有任何非零金额",
        "公开03表未公布",
        "公开04表未公布",
        "公开05表未公布",
        "公开06表未公布",
    ]
    assert found[1].location == Location("data/disclosures/r/u/2023-juesuan/disclosure.yaml", field="tables")
    assert run(W) == []  # a disclosure that publishes no tables at all (e.g. only 绩效) is not checked


def test_tables_04_to_06_need_data_only_with_appropriation_income() -> None:
    subjects = [subject_table(t, ("", "合计", "1.00", "1.00")) for t in ("02", "03")]
    assert codes(run(W, t01("4,四、上级补助收入,1.00"), *subjects), "table-required-empty") == []
    (finding,) = codes(run(W, t01("2,二,1.00"), *subjects), "table-required-empty")
    assert finding.message == "公开04表未公布；本单位有财政拨款收入（公开01表 行次1–3），此表应有数据。"


def test_text_quoting_a_wan_yuan_cell_in_yuan_is_a_finding() -> None:
    cells = t06("302,商品和服务支出,13.19\n30207,邮电费,0.25")
    text = (
        TextSection(
            "六、基本支出", ("公用经费13.19万元，主要包括 印刷费1.6万元；邮电费0.25元，差旅费0.12万元。",), line=42
        ),
    )
    (finding,) = run(check_text_units, cells, explanations=text)
    assert finding.code == "amount-unit-yuan-text"
    assert finding.location == Location(
        f"{cells.file.rsplit('/tables', 1)[0]}/explanations.yaml",
        42,
        field="sections.0.paragraphs.0",
        anchor="explanation-1-p1-s2",
    )
    assert "「邮电费0.25元」" in finding.message and "科目30207「邮电费」印为 0.25 万元" in finding.message
    assert finding.related[0].row == "30207"
    fine = (TextSection("六", ("邮电费0.25万元；遗属补助650元。",)),)
    assert run(check_text_units, cells, explanations=fine) == []


@pytest.mark.parametrize("printed", ["12.3万", "12,34.00", "1,234，567.00", "１２"])
def test_non_numeric_amounts_are_input_errors_never_zero(printed: str) -> None:
    spec = SPECS["01"]
    text = f'{",".join(spec.base_header)}\n1,一,"{printed}"\n2,二,0.00\n3,三,——\n'
    parsed, problems = read_table(spec, text, "t.csv", title="", unit="万元", no_data=False, notes=())
    assert [p.location.row for p in problems] == ["1"] and problems[0].code.startswith("amount-")
    assert parsed is not None and [r.row_no for r in parsed.rows] == ["1", "2", "3"]
    assert "金额" not in parsed.rows[0].cells  # the bad cell is left out, not turned into 0
    assert parsed.rows[1].cells["金额"].value == 0 and parsed.rows[2].cells["金额"].state is CellState.NOT_APPLICABLE


def test_every_table_rule_code_is_catalogued_with_its_severity() -> None:
    used = {c.code for c in CASES} | {"table-required-empty", "amount-unit-yuan-text"}
    assert used <= RULE_CODES.keys()
    assert {RULE_CODES[c].severity for c in ("subject-code-unknown", "subject-name-mismatch")} == {Severity.WARNING}


@pytest.mark.parametrize(
    ("printed", "value"), [("2,940.05", "2940.05"), ("371,514,655.00", "371514655.00"), ("1，234.5", "1234.5")]
)
def test_grouped_thousands_are_read_exactly_and_kept_as_printed(printed: str, value: str) -> None:
    spec = SPECS["01"]
    text = f'{",".join(spec.base_header)}\n1,一,"{printed}"\n'
    parsed, problems = read_table(spec, text, "t.csv", title="", unit="万元", no_data=False, notes=())
    assert not problems and parsed is not None
    cell = parsed.rows[0].cells["金额"]
    assert (cell.raw, cell.value) == (printed, Decimal(value))
