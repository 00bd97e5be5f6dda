"""Balance tables printed without 行次 (national 决算 template, 预算 总表): each half adds up by its printed
structure — numbered parts to the 合计, a part to its sub-items, the 合计 and what follows to the 总计."""

from __future__ import annotations

from gongkai.models import Table
from gongkai.rules.tables_across import check_across_tables
from gongkai.rules.tables_balance import check_balance_tables
from gongkai.tables import SPECS, read_table
from table_fixtures import FOLDER, codes, run

INCOME_01 = """收入,一、一般公共预算财政拨款收入,{first}
收入,二、上级补助收入,
收入,三、其他收入,6.20
收入,本年收入合计,"2,946.25"
收入,使用非财政拨款结余（含专用结余）,
收入,年初结转和结余,49.14
收入,总计,{total}
支出,一、一般公共服务支出,"2,000.00"
支出,二、住房保障支出,940.05
支出,本年支出合计,"2,940.05"
支出,年末结转和结余,55.34
支出,总计,"2,995.39"
"""


def _national(table_id: str, header: str, body: str) -> Table:
    """A table as the national template prints it: 收支 and 项目, no 行次."""
    parsed, problems = read_table(
        SPECS[table_id], f"{header}\n{body}", f"{FOLDER}/tables/gongkai{table_id}.csv",
        title=SPECS[table_id].title, unit="万元", no_data=False, notes=(),
    )  # fmt: skip
    assert parsed is not None and not problems, problems
    return parsed


def _t01(first: str = '"2,940.05"', total: str = '"2,995.39"') -> Table:
    return _national("01", "收支,项目,金额", INCOME_01.format(first=first, total=total))


def test_a_consistent_table_without_row_numbers_has_no_finding() -> None:
    assert run(check_balance_tables, _t01()) == []


def test_the_numbered_parts_of_a_half_add_up_to_its_first_total() -> None:
    (finding,) = codes(run(check_balance_tables, _t01(first='"2,950.05"')), "balance-parts-sum")
    assert (
        "「本年收入合计」" in finding.message
        and "「一、一般公共预算财政拨款收入」至「三、其他收入」" in finding.message
    )
    assert finding.location.row == "本年收入合计"


def test_the_grand_total_is_the_total_and_the_unnumbered_rows_after_it() -> None:
    (finding,) = codes(run(check_balance_tables, _t01(total='"2,999.39"')), "balance-total-sum")
    assert "「本年收入合计」、「使用非财政拨款结余（含专用结余）」、「年初结转和结余」" in finding.message


def test_a_part_equals_its_sub_items_and_a_carried_over_row_its_numbered_rows() -> None:
    budget = """收入,一、财政拨款收入,100.00
收入,1. 一般公共预算资金,90.00
收入,2. 政府性基金,
收入,二、事业收入,5.00
收入,收入总计,105.00
支出,一、一般公共服务支出,105.00
支出,支出总计,105.00
"""
    (finding,) = codes(run(check_balance_tables, _national("Y01", "收支,项目,合计", budget)), "balance-item-sum")
    assert "「一、财政拨款收入」" in finding.message and "「1.一般公共预算资金」至「2.政府性基金」" in finding.message
    t04 = """收入,一、一般公共预算财政拨款,10.00
收入,本年收入合计,10.00
收入,年初财政拨款结转和结余,3.00
收入,一、一般公共预算财政拨款,2.00
收入,总计,13.00
支出,一、一般公共服务支出,13.00
支出,本年支出合计,13.00
支出,总计,13.00
"""
    (carried,) = codes(run(check_balance_tables, _national("04", "收支,项目,合计", t04)), "balance-item-sum")
    assert "「年初财政拨款结转和结余」" in carried.message


def test_a_table_with_row_numbers_is_left_to_the_row_number_rules() -> None:
    t01 = _national("01", "行次,项目,金额", "1,一、一般公共预算财政拨款收入,1.00\n27,本年收入合计,9.00")
    assert run(check_balance_tables, t01) == []


def test_tables_printed_without_row_numbers_are_compared_across_by_the_rows_the_template_prints() -> None:
    """公开01 and 公开04 of the national template: their 一般公共预算财政拨款 income must agree, found by name."""
    t04 = _national(
        "04",
        "收支,项目,合计",
        """收入,一、一般公共预算财政拨款,"2,940.05"
收入,本年收入合计,"2,940.05"
收入,年初财政拨款结转和结余,1.00
收入,一、一般公共预算财政拨款,1.00
收入,总计,"2,941.05"
支出,一、一般公共服务支出,"2,941.05"
支出,本年支出合计,"2,941.05"
支出,总计,"2,941.05"
""",
    )
    assert codes(run(check_across_tables, _t01(), t04), "t01-t04-income") == []
    (finding,) = codes(run(check_across_tables, _t01(first='"2,950.05"'), t04), "t01-t04-income")
    assert finding.location.row == "一、一般公共预算财政拨款收入"
