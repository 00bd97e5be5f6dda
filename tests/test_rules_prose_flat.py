"""「持平」 contradicted by the disclosure's own figures (``rules/prose_flat.py``, ``text-flat-contradicted``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import Table, TextSection
from gongkai.rules.context import Checker
from gongkai.rules.prose_flat import check_flat_claims, subject_key
from table_fixtures import codes, corpus, disclosure, run, table

LAST_FOLDER = "data/disclosures/r/u/2022-juesuan"

T04 = table(
    "04",
    """
1,一、一般公共预算财政拨款,100.00,100.00,,
30,年初财政拨款结转和结余,10.00,10.00,,
32,总计,110.00,110.00,,
64,总计,110.00,110.00,,
""",
)
T05 = table("05", ",合计,100.00,90.00,10.00\n201,一般公共服务支出,100.00,90.00,10.00")


def flat(*sections: TextSection, tables: tuple[Table, ...] = ()) -> list[Diagnostic]:
    findings = run(check_flat_claims, *tables, explanations=sections)
    assert all(f.severity is RULE_CODES[f.code].severity for f in findings)
    return codes(findings, "text-flat-contradicted")


def test_the_claim_names_its_own_subject() -> None:
    assert subject_key("与2022年度相比，“三公”经费财政拨款支出决算数", 2023).endswith("三公经费财政拨款")
    assert subject_key("（一）因公出国（境）费", 2023) == "因公出国境费"
    assert subject_key("比2022年预算执行数", 2023) == ""


def test_flat_against_a_change_stated_elsewhere() -> None:
    sangong = TextSection(
        "七、“三公”经费支出决算情况说明",
        ("公务接待费支出决算1.00万元，与2022年度持平。", "（二）公务接待费较上年增加0.50万元，主要原因是接待增加。"),
    )
    (found,) = flat(sangong)
    assert found.figures == (("文字所述", "与2022年度持平"), ("另处所述", "（二）公务接待费较上年增加0.50万元"))
    assert found.location.anchor == "explanation-1-p1-s1"
    # the same wording with no change stated, 「基本持平」, or a comparison of 决算 with 预算: no finding
    assert flat(TextSection("七、三公", ("公务接待费支出决算1.00万元，与2022年度持平。",))) == []
    assert flat(TextSection("七、三公", ("公务接待费与上年基本持平。", "公务接待费较上年增加0.01万元。"))) == []
    assert flat(TextSection("七、三公", ("公务接待费决算数与预算数持平。", "公务接待费较上年增加0.50万元。"))) == []


def test_the_financial_total_flat_while_its_general_budget_part_fell() -> None:
    total = TextSection(
        "四、财政拨款收入支出决算总体情况说明",
        ("2023年度财政拨款收入支出总计110.00万元。与2022年度相比，财政拨款收入支出总计持平。",),
    )
    general = TextSection(
        "五、一般公共预算财政拨款支出决算情况说明",
        ("与2022年度相比，一般公共预算财政拨款支出减少20.00万元，下降16.67%。主要原因是项目减少。",),
    )
    (found,) = flat(total, general, tables=(T04, T05))
    # last year: 100.00 + 20.00 spent, plus the 10.00 carried into this year: at least 130.00 against 110.00
    assert found.figures == (("文字所述", "财政拨款收入支出总计持平"), ("上年至少", "130.00"), ("本年", "110.00"))
    assert found.related[0].anchor == "explanation-2-p1-s1"
    small = TextSection(
        "五、一般公共预算财政拨款支出决算情况说明", ("与2022年度相比，一般公共预算财政拨款支出减少0.01万元。",)
    )
    assert flat(total, small, tables=(T04, T05)) == []  # 110.01 against 110.00: within rounding
    assert flat(total, general) == []  # no tables: nothing to bound last year by


def test_a_change_against_another_figure_of_last_year_is_no_contradiction() -> None:
    budget = TextSection(
        "一、“三公”经费预算情况说明",
        ("公务接待费1.00万元。与2022年预算持平。", "公务接待费比2022年预算执行数增加0.30万元，主要原因是接待增加。"),
    )
    assert flat(budget) == []  # in a 决算 too: 预算执行数 is not the 预算
    again = TextSection("一、三公", ("公务接待费1.00万元。与2022年预算持平。", "公务接待费比2022年预算增加0.30万元。"))
    assert len(flat(again)) == 1


def test_flat_against_last_years_disclosure() -> None:
    claim = TextSection(
        "四、财政拨款收入支出决算总体情况说明",
        ("2023年度财政拨款收入支出总计110.00万元。与2022年度相比，财政拨款收入支出总计持平。",),
    )

    def with_last_year(total: str) -> list[Diagnostic]:
        t04 = table("04", f"32,总计,{total},{total},,\n64,总计,{total},{total},,", folder=LAST_FOLDER)
        last = replace(disclosure(t04), year=2022, slug="2022-juesuan", folder=LAST_FOLDER)
        this = disclosure(T04, explanations=(claim,))
        checker = Checker(this, corpus(this, last))
        check_flat_claims(checker)
        return codes(checker.findings, "text-flat-contradicted")

    (found,) = with_last_year("100.00")
    assert found.figures == (("文字所述", "财政拨款收入支出总计持平"), ("上年", "100.00"), ("本年", "110.00"))
    assert "上年公开（2022年度）表中为 100.00 万元" in found.message
    assert with_last_year("110.01") == []  # within 0.01
