"""``gongkai import text``: headings whose numbering was lost, staffing, the 概况 of a report, loose charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gongkai.diagnostics import InputError
from gongkai.importers.corrections import CorrectionsDoc, apply_corrections
from gongkai.importers.identity import Overrides, apply_overrides, complete_identity
from gongkai.importers.result import Identity, ImportedDisclosure, Section
from gongkai.importers.text import read_disclosure_text
from import_helpers import run_import

COVER = "襄垣县信访局\n2023年度单位决算公开\n"


def _outline(sections: list[Section]) -> list[Any]:
    """Titles, with the outline of the subsections after each title that has any."""
    outline: list[Any] = []
    for section in sections:
        outline.append(section.title)
        if section.subsections:
            outline.append(_outline(section.subsections))
    return outline


def _overview(body: str) -> ImportedDisclosure:
    return read_disclosure_text(f"第一部分 概况\n{body}", "x.txt")


def test_an_unnumbered_title_line_fills_the_gap_in_the_numbering_it_stands_in() -> None:
    imported = _overview(
        "一、部门基本情况\n（一）部门职能\n负责信访工作。\n年度重点工作任务\n（1）抓好源头治理\n推进化解。\n"
        "（三）部门整体支出情况\n收入346.38万元。\n"
    )
    assert _outline(imported.overview) == [
        "一、部门基本情况",
        ["（一）部门职能", "年度重点工作任务", ["（1）抓好源头治理"], "（三）部门整体支出情况"],
    ]


def test_a_label_with_a_colon_after_numbered_subsections_opens_a_sibling_without_its_colon() -> None:
    imported = _overview(
        "二、机构设置情况\n县信访局设下列内设机构：\n(一)综合股\n负责文秘。\n(二)办案股\n负责接访。\n"
        "人员编制情况:\n机关行政编制6名。\n"
    )
    top = imported.overview[0]
    assert top.paragraphs == ["县信访局设下列内设机构："]  # a colon line before a list introduces it
    assert _outline(top.subsections) == ["(一)综合股", "(二)办案股", "人员编制情况"]
    assert top.subsections[2].paragraphs == ["机关行政编制6名。"]


def test_a_short_line_followed_by_the_next_number_stays_a_paragraph() -> None:
    imported = _overview("一、预算执行情况\n（1）绩效管理\n绩效管理制度建设\n（2）资金管理\n资金拨付有审批。\n")
    assert imported.overview[0].subsections[0].paragraphs == ["绩效管理制度建设"]


def test_short_numbered_items_after_numbered_paragraphs_stay_items_of_the_list() -> None:
    imported = _overview(
        "一、本部门职责\n(一)负责处理群众来信，接待群众来访，保证信访渠道畅通。\n(二)负责信访工作的宣传。\n"
        "(三)承办县委交办的其他事项\n二、机构设置情况\n下设信访服务中心。\n"
    )
    assert _outline(imported.overview) == ["一、本部门职责", "二、机构设置情况"]
    assert imported.overview[0].paragraphs[1:] == ["(二)负责信访工作的宣传。", "(三)承办县委交办的其他事项"]


def test_staffing_counts_are_read_where_each_is_printed_as_one_figure() -> None:
    imported = _overview("一、机构设置\n人员编制情况:\n编制人数14人；实有人数13人，退休3人。\n")
    assert imported.staffing == {
        "authorized": 14,
        "actual": 13,
        "retired": 3,
        "text": "编制人数14人；实有人数13人，退休3人。",
    }
    parts = _overview("一、机构设置\n（一）人员概况\n核定行政编制3人，事业编制5人。\n")
    assert parts.staffing is not None
    assert (parts.staffing["authorized"], parts.staffing["actual"]) == (None, None)


def _import_with_corrections(tmp_path: Path, text: str, corrections: str) -> Path:
    source, fix = tmp_path / "source.txt", tmp_path / "fix.yaml"
    source.write_text(text, encoding="utf-8")
    fix.write_text(corrections, encoding="utf-8")
    out = tmp_path / "r/u/2023-juesuan"
    assert run_import("text", source, "--out", out, "--corrections", fix) == 0
    return out


def test_a_count_printed_in_parts_is_their_sum_when_the_corrections_name_the_parts(tmp_path: Path) -> None:
    text = COVER + "第一部分 概况\n一、机构设置\n人员编制情况:\n机关行政编制6名。下设服务中心，编制10名。\n"
    out = _import_with_corrections(tmp_path, text, "staffing_sums:\n  authorized: [6, 10]\n")
    staffing = yaml.safe_load((out / "overview.yaml").read_text(encoding="utf-8"))["staffing"]
    assert (staffing["authorized"], staffing["actual"]) == (16, None)


def test_staffing_sums_of_a_figure_the_text_does_not_print_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, fix = tmp_path / "source.txt", tmp_path / "fix.yaml"
    source.write_text(COVER + "第一部分 概况\n一、机构设置\n人员编制情况:\n机关行政编制6名。\n", encoding="utf-8")
    fix.write_text("staffing_sums:\n  authorized: [6, 10]\n", encoding="utf-8")
    assert run_import("text", source, "--out", tmp_path / "r/u/2023-juesuan", "--corrections", fix) == 1
    errors = capsys.readouterr().err
    assert "import-corrections-invalid" in errors and "没有印出 10" in errors


def test_a_report_without_a_overview_part_gives_the_overview_from_its_first_section() -> None:
    imported = read_disclosure_text(
        "2021年攀枝花市西区信访局整体绩效评价报告\n一、部门概况\n（一）机构组成\n内设办公室。\n"
        "（二）人员概况\n核定行政编制3人，事业编制5人。\n（三）年度主要任务\n完成任务。\n二、绩效情况\n自评为100分。\n",
        "x.txt",
    )
    assert _outline(imported.overview) == ["（一）机构组成", "（二）人员概况"]  # up to the staffing
    assert imported.staffing is not None and imported.staffing["text"] == "核定行政编制3人，事业编制5人。"
    assert imported.parts == ["绩效"]


CHARTS = (
    "第二部分 情况说明\n一、收入支出决算总体情况说明\n收支总计2.00万元。\n"
    "图2：支出决算结构图\t\n基本支出\t项目支出\t5.00\t6.00\t\n\n"
    "图1：收、支决算总计变动情况图\n"
    "收\t2022年（万元）\t2023年（万元）\t1.00\t2.00\t支\t2022年（万元）\t2023年（万元）\t3.00\t4.00\t"
    "2022年（万元）\t2023年（万元）\t1\t\n"
    "图3：示例\n甲\t乙\t1.00\t\n"
)


def test_charts_printed_as_loose_numbers_are_read_in_figure_order() -> None:
    imported = read_disclosure_text(CHARTS, "x.txt")
    assert [(c["figure"], c["title"], c["unit"]) for c in imported.charts] == [
        ("图1", "收、支决算总计变动情况图", "万元"),
        ("图2", "支出决算结构图", "万元"),
    ]
    assert [tuple(p.values()) for p in imported.charts[0]["points"]] == [
        ("收入", "2022年", "1.00"),
        ("收入", "2023年", "2.00"),
        ("支出", "2022年", "3.00"),
        ("支出", "2023年", "4.00"),
    ]  # the axis at the end of the row (the years again and a tick 「1」) is dropped
    assert [(p["category"], p["value"]) for p in imported.charts[1]["points"]] == [
        ("基本支出", "5.00"),
        ("项目支出", "6.00"),
    ]
    unplaced = [d for d in imported.diagnostics if d.code == "import-unplaced-line"]
    assert [d.location.line for d in unplaced] == [10]  # 「甲 乙 1.00」 (图3) fits no chart layout: reported


def test_chart_series_corrections_name_ambiguous_series_in_printed_order() -> None:
    imported = read_disclosure_text(CHARTS.replace("收\t", "支\t", 1).replace("\t支\t", "\t出\t", 1), "x.txt")
    assert [p["series"] for p in imported.charts[0]["points"]][::2] == ["支", "出"]  # kept as printed
    apply_corrections(imported, CorrectionsDoc(chart_series={"图1": ["收入", "支出"]}))
    assert [p["series"] for p in imported.charts[0]["points"]][::2] == ["收入", "支出"]
    with pytest.raises(InputError) as error:
        apply_corrections(imported, CorrectionsDoc(chart_series={"图2": ["甲", "乙"]}))
    assert error.value.diagnostics[0].code == "import-corrections-invalid"


def test_a_title_made_up_from_the_identity_follows_the_overrides() -> None:
    imported = ImportedDisclosure("x.txt", Identity(unit_name="某县信访局"))
    complete_identity(imported, "")  # no year in the text, no report title
    apply_overrides(imported, Overrides(unit_name="某县群众工作局", year=2024))
    assert imported.identity.title == "某县群众工作局2024年度决算公开"


def test_corrections_refuse_a_slug_that_is_not_lowercase_ascii() -> None:
    assert CorrectionsDoc(region_slug="").region_slug == ""  # empty: the folder name is used
    assert CorrectionsDoc(region_slug="xiqu-2").region_slug == "xiqu-2"
    with pytest.raises(ValueError):
        CorrectionsDoc(region_slug="Bad Slug!")


def test_a_numbered_sentence_after_numbered_paragraphs_stays_an_item_even_with_text_after_its_full_stop() -> None:
    imported = _overview(
        "一、“三公”经费预算情况说明\n（一）因公出国（境）费0万元，与上年预算持平。\n"
        "（二）公务用车购置及运行费0万元，与上年预算持平。\n（三）公务接待费1.00万元。与上年预算持平。\n"
    )
    assert _outline(imported.overview) == ["一、“三公”经费预算情况说明"]
    assert imported.overview[0].paragraphs[-1] == "（三）公务接待费1.00万元。与上年预算持平。"


def test_an_unnumbered_title_before_a_numbering_that_restarts_opens_a_group_of_its_own() -> None:
    imported = _overview(
        "一、机关运行经费\n经费171.01万元。\n二、国有资产占有使用情况\n共有车辆0辆。\n"
        "科技创新专项经费情况说明\n一、项目概述\n推动企业创新。\n二、立项依据\n实施意见。\n"
        "生命健康专项经费情况说明\n一、项目概述\n推动产业发展。\n"
    )
    assert _outline(imported.overview) == [
        "一、机关运行经费",
        "二、国有资产占有使用情况",
        "科技创新专项经费情况说明",
        ["一、项目概述", "二、立项依据"],
        "生命健康专项经费情况说明",
        ["一、项目概述"],
    ]


def test_glossary_terms_keep_their_printed_number_apart_and_wrapped_lines_with_a_colon_stay_definitions() -> None:
    imported = read_disclosure_text(
        "第四部分 名词解释\n（一）财政拨款收入：指区级财政当年拨付的资金。\n二、事业收入：指事业单位开展专业业务活动\n"
        "取得的收入。主要是：服务收入。\n3.其他收入：指上述以外的收入。\n(4)基本支出：指保障机构正常运转的支出。\n"
        "⑤“三公”经费：指公务用车购置及运行费、公务接待费。其中：公务用车\n- 机关运行经费：指行政单位的公用经费。\n",
        "x.txt",
    )
    assert [(g.number, g.term) for g in imported.glossary] == [
        ("一", "财政拨款收入"),
        ("二", "事业收入"),
        ("3", "其他收入"),
        ("4", "基本支出"),
        ("⑤", "“三公”经费"),
        ("", "机关运行经费"),
    ]
    assert imported.glossary[1].definition == "指事业单位开展专业业务活动取得的收入。主要是：服务收入。"
