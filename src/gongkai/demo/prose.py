"""Synthetic running text for ``gongkai demo-data``: 概况, 情况说明, 名词解释 and 项目绩效自评表.

Every figure quoted in the text is taken from the :class:`~gongkai.demo.ledger.Ledger` the tables are
written from (and last year's ledger for changes), so text and tables agree unless a contradiction is
planted on purpose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.demo.ledger import CENT, NUMERALS, ZERO, Ledger, ThreePublic, split
from gongkai.models import grade_for

Section = dict[str, object]

REASONS = {  # why a total went up / down, as offices write it
    True: (
        "人员工资标准调整及社保缴费基数上调",
        "新增信访接待场所规范化建设项目",
        "信访维稳工作经费增加",
        "矛盾纠纷多元化解工作任务增加",
    ),
    False: (
        "落实过紧日子要求，压减一般性支出",
        "部分项目完成后不再安排资金",
        "人员减少导致人员经费相应减少",
    ),
}
PROJECTS = (
    ("信访维稳工作经费", "xinfang-weiwen-jingfei", "信访事项", "件"),
    ("信访接待场所规范化建设", "jiedai-changsuo-jianshe", "改造接待窗口", "个"),
    ("遗属人员补助", "yishu-renyuan-buzhu", "遗属人数", "人"),
    ("矛盾纠纷排查化解专项经费", "maodun-jiufen-huajie", "化解矛盾纠纷", "件"),
    ("网上信访系统运行维护", "wangshang-xinfang-yunwei", "系统运行天数", "天"),
    ("信访积案化解专项资金", "xinfang-jian-huajie", "化解积案", "件"),
    ("特殊疑难信访事项救助资金", "yinan-xinfang-jiuzhu", "救助人数", "人"),
    ("人民建议征集工作经费", "renmin-jianyi-zhengji", "征集建议", "条"),
    ("信访干部教育培训", "xinfang-ganbu-peixun", "培训人次", "人次"),
    ("领导接访下访工作经费", "lingdao-jiefang-xiafang", "接访下访批次", "批次"),
    ("第三方参与信访矛盾化解", "disanfang-canyu-huajie", "参与化解案件", "件"),
    ("信访信息化建设", "xinfang-xinxihua-jianshe", "建设接入点", "个"),
)
GLOSSARY = (
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("年初结转和结余", "指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指为保障行政单位运行用于购买货物和服务等的各项资金。"),
    ("信访事务", "反映信访部门处理群众来信来访、网上信访等信访事项的支出。"),
    ("行政运行", "反映行政单位（包括实行公务员管理的事业单位）的基本支出。"),
    ("住房公积金", "指按照国家规定的基数和比例为职工缴存的住房公积金。"),
)
DUTIES = (
    "负责处理群众来信、网上投诉的信访事项，接待群众来访，保证信访渠道畅通。",
    "承办上级机关和本级党委、政府交由处理的信访事项，督促检查重要信访事项的处理和落实。",
    "协调处理跨地区、跨部门的重大信访问题，协调处置群体性上访和突发性信访事项。",
    "综合分析信访信息，开展调查研究，及时提出完善政策和改进工作的建议。",
    "指导本地区信访业务工作，组织信访干部培训，推进信访工作信息化建设。",
    "承办本级党委、政府交办的其他事项。",
)


def wan(value: Decimal) -> str:
    """An amount in running text: 233.67万元, 0万元."""
    return f"{value:.2f}万元" if value else "0万元"


def percent(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0%"
    return f"{(part * 100 / whole).quantize(CENT, ROUND_HALF_UP)}%"


def change(this: Decimal, last: Decimal) -> str:
    """与上年相比的变化: 增加X万元，增长Y% / 减少… / 无变化."""
    difference = this - last
    if not difference:
        return "无变化"
    verb, rate = ("增加", "增长") if difference > 0 else ("减少", "下降")
    return f"{verb}{wan(abs(difference))}，{rate}{percent(abs(difference), last)}"


def reason(this: Decimal, last: Decimal, rng: random.Random) -> str:
    """The sentence giving the reason of a change (none when nothing changed)."""
    return f"主要原因是{rng.choice(REASONS[this > last])}。" if this != last else ""


def section(title: str, *paragraphs: str, subsections: list[Section] | None = None) -> Section:
    result: Section = {"title": title}
    if paragraphs:
        result["paragraphs"] = list(paragraphs)
    if subsections:
        result["subsections"] = subsections
    return result


@dataclass(frozen=True)
class Project:
    name: str
    slug: str
    budget: Decimal
    executed: Decimal
    scores: tuple[Decimal, ...]  # per indicator
    funds_score: Decimal

    @property
    def total_score(self) -> Decimal:
        return self.funds_score + sum(self.scores, ZERO)

    @property
    def grade(self) -> str:
        return grade_for(self.total_score)  # the 等级 rule 30 checks

    @property
    def rate(self) -> Decimal:
        return (self.executed * 100 / self.budget).quantize(CENT, ROUND_HALF_UP)


INDICATORS = (
    ("产出指标", "数量指标", 20),
    ("产出指标", "质量指标", 15),
    ("产出指标", "时效指标", 10),
    ("产出指标", "成本指标", 10),
    ("效益指标", "社会效益指标", 15),
    ("效益指标", "可持续影响指标", 10),
    ("满意度指标", "服务对象满意度指标", 10),
)


def make_projects(rng: random.Random, ledger: Ledger) -> list[Project]:
    """2–8 projects sharing the year's 项目支出."""
    chosen = sorted(rng.sample(range(len(PROJECTS)), rng.randint(2, 8)))
    projects = []
    for index, executed in zip(chosen, split(ledger.project, len(chosen), rng), strict=True):
        name, slug, _, _ = PROJECTS[index]
        budget = executed + (executed * rng.randint(0, 15) / 100).quantize(CENT)
        scores = tuple(Decimal(weight) for _, _, weight in INDICATORS)
        if rng.random() < 0.2:  # a missed satisfaction target, scored down and explained
            scores = (*scores[:-1], Decimal(8))
        rate = (executed * 100 / budget).quantize(CENT, ROUND_HALF_UP)
        funds_score = (10 * min(rate, Decimal(100)) / 100).quantize(CENT, ROUND_HALF_UP)
        projects.append(Project(name, slug, budget, executed, scores, funds_score))
    return projects


def project_doc(project: Project, rng: random.Random, unit: str, code: str, year: int) -> dict[str, object]:
    _, _, quantity_name, quantity_unit = next(p for p in PROJECTS if p[1] == project.slug)
    count = rng.randint(5, 300)
    missed = project.scores[-1] < INDICATORS[-1][2]
    values = (
        (quantity_name, f"≥{count}{quantity_unit}", f"{count + rng.randint(0, 20)}{quantity_unit}"),
        ("资金使用合规率", "=100%", "100%"),
        ("完成时限", f"{year}年12月底前", "按时完成"),
        ("项目成本", f"≤{project.budget:.2f}万元", f"{project.executed:.2f}万元"),
        ("群众合理诉求解决率", "≥90%", "95%"),
        ("信访工作长效机制", "持续发挥作用", "达成预期指标"),
        ("服务对象满意度", "≥95%", "92%" if missed else "97%"),
    )
    indicators = []
    for (level1, level2, weight), (name, target, actual), score in zip(INDICATORS, values, project.scores, strict=True):
        deviation = "部分群众对办理时限不满意，下一步将压缩办理周期、加强回访。" if score < weight else ""
        indicators.append(
            {
                "level1": level1,
                "level2": level2,
                "name": name,
                "target": target,
                "adjusted_target": target,
                "actual": actual,
                "weight": str(weight),
                "score": str(score),
                "deviation": deviation,
            }
        )
    budget, executed = f"{project.budget:.2f}", f"{project.executed:.2f}"
    funds = {
        "initial_declared": budget,
        "initial_budget": budget,
        "annual_budget": budget,
        "executed": executed,
        "balance": f"{project.budget - project.executed:.2f}",
        "rate": f"{project.rate}",
        "weight": "10",
        "score": f"{project.funds_score}",
    }
    return {
        "name": project.name,
        "year": year,
        "department": f"{code[:3]}-{unit}",
        "implementing_unit": f"{code}-{unit}",
        "funds": [{"source": "资金总额", **funds}, {"source": "财政拨款", **funds}],
        "goal": {
            "target": f"保障{project.name}按计划实施",
            "actual": f"{project.name}已按计划实施，资金及时足额拨付。",
        },
        "indicators": indicators,
        "total_score": f"{project.total_score}",
        "grade": project.grade,
        "analysis": [
            section("项目实施的预算执行情况", f"项目全年预算{wan(project.budget)}，执行{wan(project.executed)}。"),
            section("下一步改进措施及管理建议", "加强项目前期论证，提高预算编制的准确性。"),
        ],
        "report": [],
        "notes": ["备注：“执行率”是全年执行数与全年预算数相比较。"],
    }


def overview_doc(rng: random.Random, unit: str, staff: int) -> dict[str, object]:
    retired = rng.randint(0, 6)
    authorized = staff + rng.randint(0, 3)
    text = f"{unit}核定编制{authorized}名，实有人员{staff}名，退休人员{retired}名。"
    return {
        "sections": [
            section(
                "一、本部门（单位）职责", *(f"({n}){duty}" for n, duty in zip("一二三四五六", DUTIES, strict=True))
            ),
            section("二、机构设置情况", f"{unit}内设综合股、办信股、接访股和督查股。", text),
        ],
        "staffing": {"authorized": authorized, "actual": staff, "retired": retired, "text": text},
    }


def glossary_doc(rng: random.Random) -> dict[str, object]:
    entries = sorted(rng.sample(range(len(GLOSSARY)), rng.randint(6, len(GLOSSARY))))
    return {
        "entries": [
            {"number": NUMERALS[n], "term": GLOSSARY[i][0], "definition": GLOSSARY[i][1]} for n, i in enumerate(entries)
        ]
    }


def _three_public(three: ThreePublic, three_budget: ThreePublic, year: int, kind: str) -> tuple[str, str]:
    """The 「三公」 paragraphs: a 决算 states the year's budget and what was spent, a 预算 its budget (the 预算
    ledger's 「三公」 amounts, which its 预算09表 prints)."""
    if kind == "预算":
        return (
            f"{year}年度“三公”经费财政拨款预算{wan(three.total)}。其中：",
            f"公务用车运行维护费预算{wan(three.car_running)}；公务接待费预算{wan(three.reception)}。",
        )
    return (
        f"{year}年度“三公”经费财政拨款支出全年预算{wan(three_budget.total)}，支出{wan(three.total)}。其中：",
        f"公务用车运行维护费支出{wan(three.car_running)}；公务接待费支出{wan(three.reception)}。",
    )


def explanations_doc(
    rng: random.Random, ledger: Ledger, last: Ledger, year: int, kind: str, projects: list[Project], planted: str
) -> dict[str, object]:
    total = ledger.total
    why = reason(total, last.total, rng)
    stated = total + (Decimal("5.00") if planted == "prose-amount" else ZERO)
    growth = change(total, last.total)
    classes = [ledger.by_prefix(code) for code in sorted({line.code[:3] for line in ledger.lines})]
    grades = {g: sum(1 for p in projects if p.grade == g) for g in "优良中差"}
    three, three_budget = ledger.three_actual, ledger.three_budget
    goods, works, services = ledger.procurement
    return {
        "sections": [
            section(
                f"一、收入支出{kind}总体情况说明",
                f"{year}年度收入总计{wan(stated)}，支出总计{wan(total)}。与上年相比，收入总计{growth}，"
                f"支出总计{growth}。{why}",
            ),
            section(
                f"二、收入{kind}情况说明",
                f"{year}年度收入合计{wan(total)}，其中：",
                f"财政拨款收入{wan(total)}，占比100.00%；",
                "其他收入0万元，占比0%。",
            ),
            section(
                f"三、支出{kind}情况说明",
                f"{year}年度支出合计{wan(total)}，其中：",
                f"基本支出{wan(ledger.basic)}，占比{percent(ledger.basic, total)}；",
                f"项目支出{wan(ledger.project)}，占比{percent(ledger.project, total)}。",
            ),
            section(
                f"四、财政拨款收支{kind}总体情况说明",
                f"{year}年度财政拨款收入总计{wan(total)}，支出总计{wan(total)}。与上年相比，财政拨款收入总计{growth}。{why}",
            ),
            section(
                f"五、一般公共预算财政拨款支出{kind}情况说明",
                f"{year}年度一般公共预算财政拨款支出{wan(total)}，主要用于以下方面：",
                *(f"{c.name}(类){wan(c.total)}，占比{percent(c.total, total)}；" for c in classes),
            ),
            section(
                f"六、一般公共预算财政拨款基本支出{kind}情况说明",
                f"{year}年度财政拨款基本支出{wan(ledger.basic)}，其中：人员经费{wan(ledger.personnel)}，"
                f"公用经费{wan(ledger.public)}。",
            ),
            section(f"七、政府性基金预算财政拨款收支{kind}情况说明", "本年度无此项支出。"),
            section(f"八、国有资本经营预算财政拨款支出{kind}情况说明", "本年度无此项支出。"),
            section(f"九、财政拨款“三公”经费支出{kind}情况说明", *_three_public(three, three_budget, year, kind)),
            section(
                "十、其他重要事项情况说明",
                subsections=[
                    section(
                        "（一）机关运行经费支出情况说明",
                        f"{year}年机关运行经费支出{wan(ledger.public)}，比{year - 1}年{change(ledger.public, last.public)}。"
                        + reason(ledger.public, last.public, rng),
                    ),
                    section(
                        "（二）政府采购情况说明",
                        f"{year}年度政府采购支出总额{wan(goods + works + services)}，其中：政府采购货物支出{wan(goods)}、"
                        f"政府采购工程支出{wan(works)}、政府采购服务支出{wan(services)}。",
                    ),
                    section(
                        "（三）国有资产占用情况说明",
                        f"截至{year}年12月31日，本部门（单位）共有车辆{sum(ledger.vehicles)}辆。",
                    ),
                    section(
                        "（四）预算绩效情况说明",
                        f"{year}年二级项目绩效自评个数{len(projects)}个，"
                        f"涉及资金{wan(sum((p.budget for p in projects), ZERO))}："
                        + "，".join(f"{n}个项目自评等级为“{g}”" for g, n in grades.items())
                        + "。",
                    ),
                ],
            ),
        ]
    }
