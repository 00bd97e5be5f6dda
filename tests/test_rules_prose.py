"""Rules 19–26: one test per code, each with a failing and a passing (consistent) text."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gongkai import markup
from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic, Location
from gongkai.models import (
    Cell,
    CellState,
    ChartPoint,
    Disclosure,
    OverallReport,
    Overview,
    PrintedChart,
    Staffing,
    Table,
    TextSection,
)
from gongkai.outline import walk_sentences
from gongkai.render_disclosure import flagged_sentences
from gongkai.rules.context import Checker
from gongkai.rules.prose import check_prose
from gongkai.rules.prose_last_year import is_last_year
from gongkai.rules.text_figures import figures_in
from gongkai.tables import SPECS, read_table
from table_fixtures import FOLDER, codes, corpus, disclosure, table

TOTALS_TITLE = "一、收入支出决算总体情况说明"
SANGONG_TITLE = "九、财政拨款“三公”经费支出决算情况说明"


def t01(income_total: str = "233.67", folder: str = FOLDER) -> Table:
    return table(
        "01",
        f"27,本年收入合计,{income_total}\n31,总计,{income_total}\n58,本年支出合计,{income_total}\n62,总计,{income_total}",
        folder=folder,
    )


def t09(reception: str = "0.50") -> Table:
    return table("09", f"预算数,{reception},,,,,{reception}\n决算数,{reception},,,,,{reception}")


def explained(title: str, *paragraphs: str) -> tuple[TextSection, ...]:
    return (TextSection(title, paragraphs, line=3),)


def prose(d: Disclosure, *others: Disclosure) -> list[Diagnostic]:
    checker = Checker(d, corpus(d, *others))
    check_prose(checker)
    return checker.findings


def found(code: str, d: Disclosure, *others: Disclosure) -> list[Diagnostic]:
    findings = prose(d, *others)
    assert all(f.severity is RULE_CODES[f.code].severity for f in findings)
    return codes(findings, code)


def test_amount_stated_in_text_equals_the_table_cell() -> None:
    wrong = disclosure(t01(), explanations=explained(TOTALS_TITLE, "2023年度收入总计233.70万元，支出总计233.67万元。"))
    (finding,) = found("text-amount-mismatch", wrong)
    assert finding.location.anchor == "explanation-1-p1-s1"
    assert finding.location.field == "sections.0.paragraphs.0"
    assert ("文字所述", "233.70万元") in finding.figures
    assert finding.related[0].anchor  # links to the table cell
    right = disclosure(t01(), explanations=explained(TOTALS_TITLE, "2023年度收入总计233.68万元，支出总计233.67万元。"))
    assert found("text-amount-mismatch", right) == []  # within 0.01


def test_sangong_amounts_equal_table_09() -> None:
    wrong = disclosure(t09(), explanations=explained(SANGONG_TITLE, "公务接待费支出0.60万元。"))
    (finding,) = found("text-sangong-mismatch", wrong)
    assert "公务接待费" in finding.message
    right = disclosure(t09(), explanations=explained(SANGONG_TITLE, "公务接待费预算0.50万元，支出决算0.50万元。"))
    assert found("text-sangong-mismatch", right) == []


def _with_last_year(text: str) -> tuple[Disclosure, Disclosure]:
    this = disclosure(t01("233.67"), explanations=explained(TOTALS_TITLE, text))
    folder = "data/disclosures/r/u/2022-juesuan"
    last = replace(disclosure(t01("200.00", folder)), year=2022, slug="2022-juesuan", folder=folder)
    return this, last


def test_change_equals_this_year_minus_last_year() -> None:
    (finding,) = found("text-change-mismatch", *_with_last_year("与上年相比，收入总计增加30.00万元。"))
    assert ("实际变动", "+33.67") in finding.figures
    assert found("text-change-mismatch", *_with_last_year("与上年相比，收入总计增加33.67万元。")) == []


def test_change_direction_matches_the_sign() -> None:
    (finding,) = found("text-change-direction", *_with_last_year("与上年相比，收入总计减少33.67万元。"))
    assert ("文字所述", "减少33.67万元") in finding.figures
    contradiction = disclosure(
        explanations=explained(TOTALS_TITLE, "收入总计233.67万元，比上年增加21.37万元，下降10.07%。")
    )
    assert len(found("text-change-direction", contradiction)) == 1
    assert found("text-change-direction", *_with_last_year("与上年相比，收入总计增加33.67万元，增长16.84%。")) == []


def test_stated_last_year_amount_agrees_with_last_years_disclosure() -> None:
    text = "2023年度收入总计233.67万元，与上年相比，上年收入总计{}万元。"
    (finding,) = found("text-last-year-mismatch", *_with_last_year(text.format("210.00")))
    assert ("文字所述", "210.00万元") in finding.figures and ("2022年度公开表中数", "200.00") in finding.figures
    assert finding.location.anchor == "explanation-1-p1-s1"
    assert finding.related[0].file.endswith("2022-juesuan/tables/gongkai01.csv")
    assert finding.related[0].anchor == "t01-r31-c1"  # on last year's page: render_checks links there
    assert found("text-amount-mismatch", *_with_last_year(text.format("210.00"))) == []  # not this year's cell
    assert found("text-last-year-mismatch", *_with_last_year(text.format("200.00"))) == []
    named_before = "2023年度收入总计233.67万元，2022年度为{}万元，与上年相比增加33.67万元，主要原因是新增项目。"
    assert len(found("text-last-year-mismatch", *_with_last_year(named_before.format("210.00")))) == 1
    assert prose(*_with_last_year(named_before.format("200.00"))) == []


def test_last_year_amount_without_last_years_disclosure_is_left_unchecked() -> None:
    this, last = _with_last_year("2023年度收入总计233.67万元，上年收入总计210.00万元。")
    elsewhere = replace(last, unit=replace(last.unit, region_slug="another-county"))  # same unit slug, other region
    assert found("text-last-year-mismatch", this, elsewhere) == []
    (untied,) = found("text-figure-untied", this, elsewhere)
    assert untied.figures == (("「一、收入支出决算总体情况说明」第1段第1句", "上年收入总计210.00万元"),)
    carried = disclosure(t01(), explanations=explained(TOTALS_TITLE, "2023年度收入总计233.67万元，上年结转0万元。"))
    assert is_last_year(figures_in(next(walk_sentences(carried.explanations, "explanation")))[-1], 2023) is False


def test_growth_rate_is_change_over_last_year() -> None:
    text = "2023年度收入总计233.67万元。与上年相比，收入总计增加21.37万元，增长{}%。"
    (finding,) = found("text-percent-mismatch", disclosure(explanations=explained(TOTALS_TITLE, text.format("11.07"))))
    assert ("重算", "10.07%") in finding.figures
    assert found("text-percent-mismatch", disclosure(explanations=explained(TOTALS_TITLE, text.format("10.07")))) == []
    assert found("text-percent-mismatch", disclosure(explanations=explained(TOTALS_TITLE, text.format("10.06")))) == []


def test_share_and_execution_rates_are_recomputed() -> None:
    shares = explained("三、支出决算情况说明", "2023年度支出合计200.00万元，其中：", "基本支出150.00万元，占比{}%；")
    wrong = disclosure(
        explanations=(replace(shares[0], paragraphs=tuple(p.format("70.00") for p in shares[0].paragraphs)),)
    )
    assert len(found("text-percent-mismatch", wrong)) == 1
    right = disclosure(
        explanations=(replace(shares[0], paragraphs=tuple(p.format("75.00") for p in shares[0].paragraphs)),)
    )
    assert found("text-percent-mismatch", right) == []
    execution = "一般公共服务支出年初预算198.32万元，支出决算188万元，完成年初预算数的{}%。"
    title = "（三）一般公共预算财政拨款支出决算具体情况"
    assert (
        len(found("text-percent-mismatch", disclosure(explanations=explained(title, execution.format("98.80"))))) == 1
    )
    assert found("text-percent-mismatch", disclosure(explanations=explained(title, execution.format("94.80")))) == []


def test_rate_with_a_zero_base_is_undefined() -> None:
    text = "2023年度“三公”经费财政拨款支出全年预算{}万元，支出决算{}万元，完成全年预算的{}%。"
    (finding,) = found(
        "text-percent-undefined", disclosure(explanations=explained(SANGONG_TITLE, text.format("0", "1.00", "10")))
    )
    assert finding.location.anchor == "explanation-1-p1-s1"
    assert (
        found(
            "text-percent-undefined", disclosure(explanations=explained(SANGONG_TITLE, text.format("2.00", "0", "0")))
        )
        == []
    )


def test_zero_of_a_zero_budget_is_the_template_wording_not_a_finding() -> None:
    text = "2023年度“三公”经费财政拨款支出全年预算0万元，支出决算0万元，完成全年预算的0%。"
    checked = disclosure(explanations=explained(SANGONG_TITLE, text))
    assert found("text-percent-undefined", checked) == [] and found("text-percent-mismatch", checked) == []


def test_shares_of_a_whole_sum_to_100() -> None:
    def section(*shares: str) -> tuple[TextSection, ...]:
        parts = [
            f"{name}0.01万元，占{share}%；"
            for name, share in zip(("基本支出", "项目支出", "经营支出"), shares, strict=True)
        ]
        return explained("三、支出决算情况说明", "2023年度支出合计0.03万元，其中：", *parts)

    (finding,) = found("text-shares-sum", disclosure(explanations=section("50", "50", "50")))
    assert ("占比之和", "150%") in finding.figures
    assert found("text-shares-sum", disclosure(explanations=section("33", "33", "34"))) == []


def test_shares_off_only_by_a_misprinted_share_are_one_finding() -> None:
    # 普陀区财政局 2024 五（二）: 2106.66 ÷ 2940.05 printed 71.73% (71.65%); the shares then add up to 100.07%
    text = (
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；"
        "住房保障支出（类）445.69万元，占15.16%。"
    )
    checked = disclosure(explanations=explained("（二）一般公共预算财政拨款支出决算结构情况", text))
    (misprinted,) = found("text-percent-mismatch", checked)
    assert ("重算", "71.65%") in misprinted.figures
    assert found("text-shares-sum", checked) == []


def test_zero_percent_of_a_budget_with_spending_is_a_finding() -> None:
    text = "2023年度“三公”经费财政拨款支出全年预算{}万元，支出决算{}万元，完成全年预算的0%。"
    (spent,) = found(
        "text-percent-mismatch", disclosure(explanations=explained(SANGONG_TITLE, text.format("2.00", "1.50")))
    )
    assert ("重算", "75.00%") in spent.figures
    assert found("text-percent-undefined", disclosure(explanations=explained(SANGONG_TITLE, text.format("0", "1.50"))))
    assert prose(disclosure(explanations=explained(SANGONG_TITLE, text.format("2.00", "0")))) == []


def test_year_is_the_disclosure_year() -> None:
    old = disclosure(explanations=explained("二、收入决算情况说明", "2021年度收入合计233.67万元。"))
    assert len(found("text-year-mismatch", old)) == 1
    last = disclosure(explanations=explained("二、收入决算情况说明", "2022年度收入合计233.67万元。"))
    assert len(found("text-year-mismatch", last)) == 1
    compared = disclosure(
        explanations=explained("二、收入决算情况说明", "2023年收入合计233.67万元，较2022年增加1.00万元。")
    )
    assert found("text-year-mismatch", compared) == []
    dated = disclosure(explanations=explained("十、其他", "本报告于2024年4月12日公开。"))
    assert found("text-year-mismatch", dated) == []


def test_sangong_counts_agree_with_the_amount() -> None:
    wrong = disclosure(explanations=explained(SANGONG_TITLE, "4、公务接待费支出0万元，共接待3批次，12人次。"))
    assert len(found("text-sangong-count", wrong)) == 1
    right = disclosure(explanations=explained(SANGONG_TITLE, "4、公务接待费支出0.50万元，共接待3批次，12人次。"))
    assert found("text-sangong-count", right) == []


def test_change_states_its_reason() -> None:
    def reasons(*paragraphs: str) -> list[Diagnostic]:
        return found("text-change-no-reason", disclosure(explanations=explained(SANGONG_TITLE, *paragraphs)))

    (missing,) = reasons("公务接待费支出0.50万元，比上年增加0.20万元，增长66.67%。")
    assert missing.figures == (("变动", "增加0.20万元"), ("原因", "未说明"))
    assert missing.location.anchor == "explanation-1-p1-s1"
    (none,) = reasons("公务接待费比上年减少0.20万元。主要原因：无。")
    assert ("原因", "无") in none.figures
    (empty,) = reasons("公务接待费比上年减少0.20万元。主要原因是：。")
    assert ("原因", "空白") in empty.figures
    items = reasons("出国费增加0.10万元，主要原因是出访增加；接待费增加0.20万元；", "车辆运行费增加0.30万元。")
    assert [f.location.anchor for f in items] == ["explanation-1-p1-s2", "explanation-1-p2-s1"]  # one reason each
    assert reasons("收入总计增加21.37万元；支出总计增加21.37万元。主要原因是新增项目。") == []
    assert reasons("机关运行经费比上年减少39.59万元，下降71.9%。主要是压减公用经费。") == []
    assert reasons("公务接待费支出0万元，与上年相同，主要原因是：本单位无公务接待费支出。") == []
    assert reasons("与上年相比增长14%，由于人员调资。") == [] and reasons("增加0万元。") == []
    assert reasons("比上年增加0.64万元，主要原因是：") == []  # empty in its own sentence: text-template-leftover


def test_a_change_reason_may_follow_in_a_later_paragraph_of_its_section() -> None:
    def reasons(*paragraphs: str) -> list[Diagnostic]:
        return found("text-change-no-reason", disclosure(explanations=explained("第三部分 情况说明", *paragraphs)))

    income = "收入预算100.00万元，其中：财政拨款收入100.00万元，比上年增加20.00万元；事业收入0万元。"
    spending = "支出预算100.00万元，比上年增加20.00万元。"
    assert reasons(income, spending, "基金支出0万元，比上年持平。", "收入支出增加的主要原因是：新增项目。") == []
    # a budget difference's reason is not the change's
    (missing,) = reasons(spending, "决算数小于预算数的主要原因是：项目调减。")
    assert missing.location.anchor == "explanation-1-p1-s1"
    # the next item states its own change and reason: the reason after it is not the first item's
    (first,) = reasons(spending, "公用经费增加5.00万元，主要原因是会议增加。", "主要原因是新增项目。")
    assert first.location.anchor == "explanation-1-p1-s1"


def test_template_text_left_in() -> None:
    for text in (
        "机要通信用车*辆。",
        "收入总计增加/减少21.37万元。",
        "比上年增加0.64万元，主要原因是：",
        "上海市XX局2023年度部门决算。",
        "202 年度收入总计233.67万元。",
        "决算数大小于预算数。",
        "支出减增加0.64万元。",
        "部门名称：（公章）",
    ):
        assert len(found("text-template-leftover", disclosure(explanations=explained("十、其他", text)))) == 1, text
    finished = disclosure(
        explanations=explained("十、其他", "比上年增加0.64万元，主要原因是增加办公费。机要通信用车0辆。")
    )
    assert found("text-template-leftover", finished) == []


def test_growth_from_a_zero_base_is_a_notice() -> None:
    text = "2023年度“三公”经费财政拨款支出0.50万元，较上年增加0.50万元，增长100%。"
    (finding,) = found("text-growth-from-zero", disclosure(explanations=explained(SANGONG_TITLE, text)))
    assert finding.severity == "notice"


def test_untied_figures_are_listed_once() -> None:
    text = "4、公务接待费支出0.50万元。国内接待费0.50万元，外事接待费0万元。"
    (finding,) = found("text-figure-untied", disclosure(t09(), explanations=explained(SANGONG_TITLE, text)))
    assert [value for _, value in finding.figures] == ["国内接待费0.50万元", "外事接待费0万元"]
    tied = disclosure(t09(), explanations=explained(SANGONG_TITLE, "4、公务接待费支出0.50万元。"))
    assert found("text-figure-untied", tied) == []


def _staffed(report_text: str) -> Disclosure:
    where = Location("data/disclosures/r/u/2023-juesuan/overview.yaml", 20)
    overview = Overview((), Staffing(16, 13, 3, "编制16名。", where), "overview.yaml")
    score = Cell("", CellState.EMPTY, None, where)
    report = OverallReport(
        "整体自评", "自评报告", 2023, score, "", explained("人员情况", report_text), None, "overall.yaml"
    )
    return replace(disclosure(), overview=overview, overall=report)


def test_staffing_agrees_between_overview_and_report() -> None:
    (finding,) = found("staffing-mismatch", _staffed("编制人数14人；实有人数13人，退休3人。"))
    assert ("绩效报告", "14人") in finding.figures
    assert finding.location.anchor == "report-1-p1-s1"
    assert found("staffing-mismatch", _staffed("编制人数16人，其中行政编制10人；实有人数13人，退休3人。")) == []


def test_flagged_sentence_is_marked_on_the_page() -> None:
    sections = explained(TOTALS_TITLE, "2023年度收入总计233.70万元。与上年相比无变化。")
    d = disclosure(t01(), explanations=sections)
    flags = flagged_sentences(prose(d))
    html = markup.text_sections(
        markup.environment(), sections, None, 3, "explanation", flags[f"{d.folder}/explanations.yaml"]
    )
    assert '<mark class="gk-sentence gk-flag" id="explanation-1-p1-s1">2023年度收入总计233.70万元。</mark>' in html
    assert '<span class="gk-sentence" id="explanation-1-p1-s2">与上年相比无变化。</span>' in html


def test_notices_mark_no_sentence() -> None:
    d = disclosure(t09(), explanations=explained(SANGONG_TITLE, "4、公务接待费支出0.50万元。国内接待费0.50万元。"))
    assert [f.code for f in prose(d)] == ["text-figure-untied"]
    assert flagged_sentences(prose(d)) == {}


def test_change_against_a_chart_of_last_year() -> None:
    last_year = Cell("195.64", CellState.AMOUNT, Decimal("195.64"), Location("charts.yaml", 9))
    chart = PrintedChart("图1", "收、支决算总计变动情况图", "万元", (ChartPoint("2022年", "收入", last_year),))
    text = "2023年度收、支总计均为223.06万元。与2022年度相比，收、支总计各{}27.42万元，增长14%。主要原因是人员调资。"
    wrong = replace(disclosure(explanations=explained(TOTALS_TITLE, text.format("减少"))), printed_charts=(chart,))
    against_chart, against_rate = found("text-change-direction", wrong)  # also 「增长14%」 contradicts it
    assert ("上年", "195.64") in against_chart.figures and ("变动率", "14%") in against_rate.figures
    right = replace(disclosure(explanations=explained(TOTALS_TITLE, text.format("增加"))), printed_charts=(chart,))
    assert prose(right) == []


def _national_04(total: str) -> Table:
    """A 公开04表 of the national template: printed without 行次, each row on its half (收支)."""
    spec = SPECS["04"]
    text = (
        f"收支,项目,合计\n收入,本年收入合计,2940.05\n收入,总计,{total}\n支出,本年支出合计,2940.05\n支出,总计,{total}\n"
    )
    parsed, problems = read_table(
        spec, text, f"{FOLDER}/tables/gongkai04.csv", title=spec.title, unit="万元", no_data=False, notes=()
    )
    assert parsed is not None and not problems
    return parsed


def test_a_total_of_both_halves_ties_to_a_table_printed_without_row_numbers() -> None:
    title = "四、财政拨款收入支出决算总体情况说明"
    text = "上海市普陀区财政局2024年度财政拨款收入支出总计{}万元。"
    (finding,) = found(
        "text-amount-mismatch", disclosure(_national_04("2961.68"), explanations=explained(title, text.format("0.3")))
    )
    assert ("表中数", "2961.68") in finding.figures  # once, though both 总计 cells are compared
    assert (
        codes(
            prose(disclosure(_national_04("2961.68"), explanations=explained(title, text.format("0.3")))),
            "amount-unit-yuan",
        )
        == []
    )
    assert (
        found(
            "text-amount-mismatch",
            disclosure(_national_04("2961.68"), explanations=explained(title, text.format("2,961.68"))),
        )
        == []
    )
