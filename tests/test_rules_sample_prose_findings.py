"""The prose (19–26) and 绩效 (27–33) rules on the sample data: exactly these findings, each checked by
hand against the seed text (every figure below is printed so in the seed, not a transcription slip).

Seed 002 (襄垣县信访局 2023):
- 五（三）: 住房保障支出 「增加2.19万元，增长23.65%」 on 12.05 this year: 2.19 ÷ 9.86 = 22.21%;
- 九（一）: 「完成全年预算的0%」 five times where 公开09 prints no budget: the template's wording for
  0 of 0, not a finding;
- 22年维稳(办案)费: 执行率 「99.99」 of 0.757 ÷ 0.757 (balance 0): the same printed figure is exactly 100%;
- 情况说明 lists five figures no table holds (国内/外事/国（境）外接待费, 授予中小企业/小微企业合同金额);
  its 「自评个数7个,涉及资金75.27万元:7个项目自评等级为“优”」 agrees with the 7 自评表 (Σ 执行数 75.271);
- 五（三）: the 类 年初预算 198.32 + 27.31 + 0 + 7.36 + 12.63 = 245.62, printed total 245.35; the 类
  changes +10.36 + 10.42 + 2.19 (卫生健康 「无变化」) = 22.97, while 五（一） states +21.53 for the total
  (就业补助 0.96 is a 款 of 社会保障和就业 and is left out of the 决算 sum, which then agrees);
- 涉军信访维稳专项资金: 两参人数 target 「=4人」, actual 「=99人」, full 20 of 20, no 偏差原因.
Seed 000 (昭化区委群众工作局 2023), which prints no tables:
- 七（一） and 七（二）3.: 「三公」/公务接待费 「增加0.59万元，增长2%」 on 2.95: 0.59 ÷ 2.36 = 25%;
- 七（二）1. and 2.: 「完成预算的0%」 with a budget and an actual of 0: the template's wording, no finding;
- 十（三）: 「机要通信用车*辆」;
- 整体自评报告 二（二）: 支出 223.05 「（其中工资和福利支出133.52…商品和服务支出89.53…对个人和家庭的补助支出6）」
  = 229.05, more than the total (the nested 「（其中三公经费支出2.95）」 is a sub-list);
- 第三部分 名词解释 numbers 十三 then 十五 (no 十四);
- 信访维稳应急（工作）经费: 成本指标 「13万」 (its 年初预算数) with 实际完成值 「13万」, while the project spent 41
  (追加 during the year);
- the 整体自评 attaches a 自评表 printed 「（2022年度）」 and says 「本部门对2022年整体支出…开展绩效自评」;
- 十（四）: both projects 「该项目评价得分98分」 while their own reports say 100分;
- two indicators miss their target with 偏差原因 「无」 (件次 6 → 4; 到市处理 110批次 → 85批次).
Seed 004 (西区信访局 2021): 整体评价报告 二（二） 支出 213.61 while its 类 add up to 210.24, and 收入 213.34 +
年初结余 0.25 does not cover 支出 213.61 + 年末结转和结余 0.14; four 成本指标 「区级财政/上级补助」 state less than the funds block's
执行数 (4.4 of 8, 1.29 of 2, 4.85 of 8, 10 of 15). Seed 003 (某市信访局 2024): 「（4）采购管理」 followed by 「（4）资产管理」 (its blank 参考格式 cover is one
document-template-unfilled notice, not a leftover per field).
Consistent figures (totals, shares, growth rates of 002 一 to 五, 000 收支 +27.42 against its chart of
2022, 机关运行经费 −71.9%, every 预算执行 得分 and 总分 of 002) give none; every change of 002 and 000
states its reason (000's 机关运行经费 with 「主要是压减公用经费」), so none lacks one.
绩效 findings point at their cell on the project page (``pf-<field>``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.load import load_corpus
from gongkai.rules import CheckReport, check_corpus

DATA = Path(__file__).resolve().parents[1] / "data"
PROSE_PREFIXES = ("text-", "perf-", "staffing-")
XIANGYUAN = "data/disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan"
ZHAOHUA = "data/disclosures/sichuan-guangyuan-zhaohua/zhaohua-qunzhonggongzuoju/2023-juesuan"
XIQU = "data/disclosures/sichuan-panzhihua-xiqu/xiqu-xinfangju/2021-juesuan"
UNNAMED = "data/disclosures/unnamed-city/shi-xinfangju/2024-juesuan"

Summary = tuple[str, str, str, tuple[tuple[str, str], ...]]


@pytest.fixture(scope="module")
def report() -> CheckReport:
    return check_corpus(load_corpus(DATA))


def _prose(report: CheckReport, folder: str) -> list[Summary]:
    return [
        (f.code, f.location.file.removeprefix(folder + "/"), f.location.anchor or f.location.field or "", f.figures)
        for f in report.findings[folder]
        if f.code.startswith(PROSE_PREFIXES) and f.code != "text-figure-untied"
    ]


def _untied(report: CheckReport, folder: str) -> list[tuple[str, str]]:
    return [pair for f in report.findings[folder] if f.code == "text-figure-untied" for pair in f.figures]


SANGONG_GROWTH = (("文字所述", "2%"), ("重算", "25.00%"), ("计算方法", "变动 0.59 ÷ 上年 2.36"))


def test_xiangyuan_2023(report: CheckReport) -> None:
    assert _prose(report, XIANGYUAN) == [
        (
            "text-percent-mismatch",
            "explanations.yaml",
            "explanation-5-3-p2-s5",
            (("文字所述", "23.65%"), ("重算", "22.21%"), ("计算方法", "变动 2.19 ÷ 上年 9.86")),
        ),
        (
            "text-parts-sum",
            "explanations.yaml",
            "explanation-5-1-p1-s2",
            (("文字所述总数", "增加21.53万元"), ("各类变动之和", "22.97"), ("差额", "-1.44")),
        ),
        (
            "text-parts-sum",
            "explanations.yaml",
            "explanation-5-3-p1-s1",
            (("文字所述总数", "245.35万元"), ("所列各项之和", "245.62"), ("差额", "-0.27")),
        ),
        (
            "perf-missed-full-score",
            "performance/projects/shejun-xinfang-weiwen.yaml",
            "pf-indicators-0-score",
            (("指标值", "=4人"), ("实际完成值", "=99人"), ("得分", "20"), ("分值", "20")),
        ),
        (
            "perf-missed-no-reason",
            "performance/projects/shejun-xinfang-weiwen.yaml",
            "pf-indicators-0-deviation",
            (("指标值", "=4人"), ("实际完成值", "=99人"), ("偏差原因", "空白")),
        ),
        *[
            (
                "perf-rate-mismatch",
                "performance/projects/weiwen-banan-fei-2022.yaml",
                f"pf-funds-{n}-rate",
                (("印出的执行率", "99.99%"), ("重算", "100.00%")),
            )
            for n in (0, 1)
        ],
    ]
    assert [value for _, value in _untied(report, XIANGYUAN)] == [
        "国内接待费0万元",
        "其中外事接待费0万元",
        "国（境）外接待费0万元",
        "政府采购授予中小企业合同金额18.11万元",
        "授予小微企业合同金额18.11万元",
    ]


def test_zhaohua_2023(report: CheckReport) -> None:
    star = "其中：副部（省）级及以上领导用车0辆、主要负责人用车0辆、机要通信用车*辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部服务用车0辆、其他用车0辆。"
    assert _prose(report, ZHAOHUA) == [
        ("text-percent-mismatch", "explanations.yaml", "explanation-7-1-p1-s2", SANGONG_GROWTH),
        ("text-percent-mismatch", "explanations.yaml", "explanation-7-2-p5-s2", SANGONG_GROWTH),
        (
            "text-template-leftover",
            "explanations.yaml",
            "explanation-10-3-p1-s2",
            (("模板文字", "*辆"), ("所在句", star)),
        ),
        (
            "text-parts-sum",
            "performance/overall.yaml",
            "report-2-2-p1-s1",
            (("文字所述总数", "223.05万元"), ("所列各项之和", "229.05"), ("差额", "-6.00")),
        ),
        (
            "text-numbering-gap",
            "glossary.yaml",
            "term-12f7ac016f",
            (("前一条", "十三、住房保障支出（类）住房改革支出（款）住房公积金（项）"), ("本条", "十五、“三公”经费")),
        ),
        (
            "perf-missed-no-reason",
            "performance/projects/teshu-yinan-xinfang-zijin.yaml",
            "pf-indicators-0-deviation",
            (("指标值", "6"), ("实际完成值", "4"), ("偏差原因", "无")),
        ),
        (
            "perf-cost-mismatch",
            "performance/projects/xinfang-weiwen-yingji-jingfei.yaml",
            "pf-indicators-2-actual",
            (("成本指标值", "13万"), ("成本指标实际完成值", "13万"), ("全年执行数", "41")),
        ),
        (
            "perf-missed-no-reason",
            "performance/projects/xinfang-weiwen-yingji-jingfei.yaml",
            "pf-indicators-4-deviation",
            (("指标值", "110批次"), ("实际完成值", "85批次"), ("偏差原因", "无")),
        ),
        (
            "perf-year-mismatch",
            "performance/overall.yaml",
            "pf-table-funds-0-annual-budget",
            (("自评表年度", "2022年"), ("公开年度", "2023年")),
        ),
        (
            "perf-year-mismatch",
            "performance/overall.yaml",
            "report-4-1-p1-s1",
            (("文字所述", "2022年"), ("公开年度", "2023年")),
        ),
        (
            "perf-quoted-score",
            "explanations.yaml",
            "explanation-10-4-p2-s3",
            (("文字所述", "98分"), ("自评得分", "100")),
        ),
        (
            "perf-quoted-score",
            "explanations.yaml",
            "explanation-10-4-p2-s2",
            (("文字所述", "98分"), ("自评得分", "100")),
        ),
    ]
    assert _untied(report, ZHAOHUA) == []  # no tables: checked against itself only


def test_xiqu_2021(report: CheckReport) -> None:
    def cost(slug: str, actual: str, executed: str) -> Summary:
        figures = (("成本指标值", executed), ("成本指标实际完成值", actual), ("全年执行数", executed))
        return ("perf-cost-mismatch", f"performance/projects/{slug}.yaml", "pf-indicators-3-actual", figures)

    balance = (("收入＋年初结转", "213.59"), ("支出＋年末结转", "213.75"), ("差额", "-0.16"))
    assert _prose(report, XIQU) == [
        (
            "text-parts-sum",
            "performance/overall.yaml",
            "report-2-2-p1-s1",
            (("文字所述总数", "213.61万元"), ("所列各项之和", "210.24"), ("差额", "+3.37")),
        ),
        ("text-income-expense", "performance/overall.yaml", "report-2-2-p1-s1", balance),
        cost("baoan-feiyong", "4.4", "8"),
        cost("jiefang-feiyong", "1.29", "2"),
        cost("maodun-huajie-zhuanxiang-zijin", "4.85", "8"),
        cost("teshu-yinan-zhongyang-buzhu-zijin", "10", "15"),
    ]


def test_unnamed_city_2024(report: CheckReport) -> None:
    assert _prose(report, UNNAMED) == [
        (
            "text-numbering-gap",
            "performance/overall.yaml",
            "report-3-2-2-5",
            (("前一个标题", "（4）采购管理"), ("本标题", "（4）资产管理")),
        ),
    ]  # its blank cover is the document-template-unfilled notice (test_documents)


PUTUO = "data/disclosures/shanghai-putuo/putuo-caizhengju/2024-juesuan"


def test_putuo_2024(report: CheckReport) -> None:
    """上海市普陀区财政局 2024 部门决算 (national template), read against the PDF: 四 prints 「财政拨款收入支出总计0.3万元」
    where 公开04 prints 2,961.68 (2940.05 + 年初结转和结余 21.63) — a slip of the text, kept; 五（二） prints 71.73% for
    2106.66 ÷ 2940.05 = 71.65%, one finding (the shares then add up to 100.07% only because of it, no second one);
    四 says the 财政拨款收入支出总计 is 「持平」 with 2023 while 五（一） says the 一般公共预算财政拨款支出 fell by 63.14:
    last year it was at least 2940.05 + 63.14 + 21.63 carried into 2024 = 3024.82, this year 2,961.68 (公开04).
    Checked and consistent: every other share and rate, 六's 人员经费 2152.26 + 公用经费 184.65 = 基本支出 2336.91, the 11
    项 年初预算 (Σ 2993.93 against 2993.92: a rounding tail), 「完成预算的0%」 of 「三公」 (0.00 of 0.95: right),
    政府采购 4.79 + 0 + 246.47 = 251.26 against 251.25 (a tail), the unit's own name in every template sentence."""
    assert _prose(report, PUTUO) == [
        (
            "text-amount-mismatch",
            "explanations.yaml",
            "explanation-4-p1-s1",
            (("文字所述", "0.3万元"), ("表中数", "2,961.68"), ("差额", "-2961.38")),
        ),
        (
            "text-percent-mismatch",
            "explanations.yaml",
            "explanation-5-2-p1-s1",
            (("文字所述", "71.73%"), ("重算", "71.65%"), ("计算方法", "2106.66 ÷ 总数 2940.05")),
        ),
        (
            "text-flat-contradicted",
            "explanations.yaml",
            "explanation-4-p1-s2",
            (("文字所述", "财政拨款收入支出总计持平"), ("上年至少", "3024.82"), ("本年", "2961.68")),
        ),
    ]


PUTUO_BUDGET = "data/disclosures/shanghai-putuo/putuo-shangwuweiyuanhui/2025-yusuan"


def test_putuo_budget_2025(report: CheckReport) -> None:
    """上海市普陀区商务委员会 2025 部门预算: the 收入 and 支出 increases of its 编制说明 (paragraphs 2 and 3) are
    explained two paragraphs on, 「财政拨款收入支出增加的主要原因是：政策资金项目预算增加…」, after the 国有资本经营
    line; its 「三公」 items 「与2024年预算持平」 are contradicted by nothing it prints.  No finding."""
    assert _prose(report, PUTUO_BUDGET) == []
