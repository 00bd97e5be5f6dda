"""A sentence of the template names the disclosing unit, not another one (``rules/prose_names.py``)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.codes import RULE_CODES
from gongkai.diagnostics import Diagnostic
from gongkai.models import TextSection
from gongkai.rules.context import Checker
from gongkai.rules.prose_names import check_unit_names
from table_fixtures import codes, corpus, disclosure

PUTUO = "上海市普陀区财政局"


def found(*paragraphs: str, unit: str = PUTUO) -> list[Diagnostic]:
    d = disclosure(explanations=(TextSection("一、收入支出决算总体情况说明", paragraphs, line=3),))
    d = replace(d, unit=replace(d.unit, name=unit, department=unit))
    checker = Checker(d, corpus(d))
    check_unit_names(checker)
    assert all(f.severity is RULE_CODES[f.code].severity for f in checker.findings)
    return codes(checker.findings, "text-unit-name")


def test_another_units_name_where_the_template_names_the_unit() -> None:
    (finding,) = found("上海市普陀区商务委员会2024年度收入支出总计2995.39万元。")
    assert ("文中单位名称", "上海市普陀区商务委员会") in finding.figures
    assert finding.location.anchor == "explanation-1-p1-s1"
    assert len(found("截至2024年12月31日，上海市普陀区商务委员会共有车辆0辆。")) == 1
    assert len(found("纳入普陀区商务委2024年度部门决算编制范围的单位包括：")) == 1


def test_the_units_own_name_in_full_or_abbreviated_is_no_finding() -> None:
    assert (
        found(
            "上海市普陀区财政局2024年度收入支出总计2995.39万元。",
            "截至2024年12月31日，上海市普陀区财政局共有车辆0辆。",
            "从预算单位构成看，上海市普陀区财政局部门决算包括：上海市普陀区财政局本级决算。",
            "普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
        )
        == []
    )
    assert found("2023年度，区委群工局2023年度机关运行经费支出15.51万元。", unit="中共广元市昭化区委群众工作局") == []
    assert found("负责办理国家信访局、省信访局交办的信访事项。") == []  # other units named as such
