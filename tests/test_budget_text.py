"""A 预算's 情况说明 tied to its 预算 tables (rules/budget_text.py) and checked like a 决算's.

Pinned on the sample 部门预算 (上海市普陀区商务委员会 2025, checked by hand against the PDF, pages 7–8 and
9–21): every amount of the 编制说明 agrees with its cell once the 元 table is read in 万元 (收入预算 and
支出预算 37,151.47 = 371,514,655.00 元; the sixteen 项 of 财政拨款支出主要内容, e.g. 行政运行 938.99 =
9,389,913.00 元, 事业单位离退休 1.73 = 17,280.00 元, 住房公积金 136.10 = 1,361,034.00 元; 政府性基金 and
国有资本经营 0 against blank cells); “三公”经费 1.00 and its parts 0 and 机关运行经费 171.01 are 预算09表's
(万元).  政府采购 38.20 (7.80 + 0 + 30.40), the 25 projects' 11381.60 of 绩效目标, the vehicle counts and the
projects' own 年度预算安排 are printed in no 预算 table: not tied, not listed as untied.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from gongkai.diagnostics import Diagnostic
from gongkai.load import load_corpus
from gongkai.models import Corpus, Disclosure, TextSection
from gongkai.outline import walk_sentences
from gongkai.rules import check_corpus
from gongkai.rules.budget_text import text_targets
from gongkai.rules.context import Checker
from gongkai.rules.prose import check_prose
from gongkai.rules.text_figures import FigureKind, clause_of, figures_in
from table_fixtures import codes, disclosure, table
from table_fixtures import corpus as fixture_corpus

DATA = Path(__file__).resolve().parents[1] / "data"
PUTUO = "disclosures/shanghai-putuo/putuo-shangwuweiyuanhui/2025-yusuan"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(DATA)


def _budget(corpus: Corpus) -> Disclosure:
    return next(d for d in corpus.disclosures if d.folder == f"data/{PUTUO}")


def _ties(d: Disclosure) -> dict[str, list[str] | None]:
    """Each amount of the 情况说明 (「clause figure」) → the labels of the cells it is tied to."""
    ties: dict[str, list[str] | None] = {}
    for sentence in walk_sentences(d.explanations, "explanation"):
        for f in figures_in(sentence):
            if f.kind is FigureKind.AMOUNT:
                found = text_targets(d, f)
                ties[f"{clause_of(f)}{f.raw}"] = None if found is None else [t.label for t in found]
    return ties


def test_sample_budget_figures_tie_to_their_cells(corpus: Corpus) -> None:
    ties = _ties(_budget(corpus))
    assert None not in ties.values()
    assert ties["上海市普陀区商务委员会收入预算37,151.47万元"] == ["预算01表 收入「收入总计」行"]
    assert ties["支出预算37,151.47万元"] == ["预算01表 支出「支出总计」行"]
    assert ties["财政拨款收入37,151.47万元"] == ["预算01表 收入「一、财政拨款收入」行"]
    assert ties["一般公共预算拨款支出预算37,151.47万元"] == ["预算04表 支出「支出总计」行 栏「一般公共预算」"]
    assert ties["国有资本经营预算拨款支出预算0万元"] == ["预算04表 支出「支出总计」行 栏「国有资本经营预算」"]
    functions = [labels for text, labels in ties.items() if "（项）" in text]
    assert len(functions) == 16 and all(labels and labels[0].startswith("预算05表 科目") for labels in functions)
    assert ties["1.“一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元"] == [
        "预算05表 科目2011301「行政运行」 栏「合计」"
    ]
    assert ties["2025年“三公”经费预算数为1.00万元"] == ["预算09表「预算数」行 栏「合计」"]
    assert ties["（二）公务用车购置及运行费0万元"] == ["预算09表「预算数」行 栏「公务用车购置及运行费小计」"]
    running = "2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元"
    assert ties[running] == ["预算09表「预算数」行 栏「机关运行经费」"]
    assert ties["2025年度本部门政府采购预算38.20万元"] == [] and ties["涉及项目预算资金11381.60万元"] == []


def test_sample_budget_text_agrees_with_its_tables(corpus: Corpus) -> None:
    findings = check_corpus(corpus).findings[f"data/{PUTUO}"]
    codes = {f.code for f in findings}
    assert not codes & {"text-figure-untied", "text-amount-mismatch", "text-sangong-mismatch"}


def test_a_misprinted_budget_figure_is_a_finding_with_its_cell(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / PUTUO / "explanations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("”938.99万元", "”939.99万元", 1), encoding="utf-8")
    findings = check_corpus(load_corpus(data)).findings[f"data/{PUTUO}"]
    (finding,) = [f for f in findings if f.code == "text-amount-mismatch"]
    assert "939.99万元" in finding.message and "预算05表 科目2011301「行政运行」" in finding.message
    assert ("表中数", "9,389,913.00元（938.9913万元）") in finding.figures
    assert finding.location.anchor.startswith("explanation-1-p")
    assert finding.related and finding.related[0].file.endswith("tables/yusuan05.csv")


NATIONAL = """sections:
- title: 一、收支预算总体情况
  paragraphs:
  - 2025年收、支预算总计37,151.47万元。其中：基本支出1,983.07万元；项目支出35,168.40万元。
- title: 二、财政拨款收支预算总体情况
  paragraphs:
  - 2025年财政拨款收、支总预算37,151.47万元。
- title: 三、一般公共预算当年拨款情况
  paragraphs:
  - 2025年一般公共预算当年拨款37,151.47万元，其中：一般公共服务支出2,160.17万元，科学技术支出1,720.00万元。
  - 1.一般公共服务（类）商贸事务（款）行政运行（项）2025年预算数为938.99万元。
- title: 四、一般公共预算基本支出情况
  paragraphs:
  - 2025年一般公共预算基本支出1,983.07万元，其中：人员经费1,812.60万元；公用经费171.01万元。
- title: 五、“三公”经费预算情况
  paragraphs:
  - 2025年“三公”经费预算数为1.00万元，其中：公务接待费1.00万元。
- title: 六、机关运行经费
  paragraphs:
  - 2025年机关运行经费财政拨款预算171.01万元。
"""


def test_national_template_wording_ties_and_a_wrong_figure_is_found(tmp_path: Path) -> None:
    """The 财政部 部门预算 template's wording of the same figures (人员经费 misprinted: 1,812.06 in 预算06表)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / PUTUO / "explanations.yaml").write_text(NATIONAL, encoding="utf-8")
    corpus = load_corpus(data)
    ties = _ties(_budget(corpus))
    assert None not in ties.values()
    assert ties["2025年收、支预算总计37,151.47万元"] == ["预算01表 收入「收入总计」行", "预算01表 支出「支出总计」行"]
    assert ties["2025年财政拨款收、支总预算37,151.47万元"] == [
        "预算04表 收入「收入总计」行 栏「合计」",
        "预算04表 支出「支出总计」行 栏「合计」",
    ]
    assert ties["一般公共服务支出2,160.17万元"] == ["预算05表 科目201「一般公共服务支出」 栏「合计」"]
    assert ties["2025年一般公共预算基本支出1,983.07万元"] == ["预算05表「合计」行 栏「基本支出」"]
    assert ties["人员经费1,812.60万元"] == ["预算06表「合计」行 栏「人员经费」"]
    findings = check_corpus(corpus).findings[f"data/{PUTUO}"]
    mismatches = [f for f in findings if f.code in ("text-amount-mismatch", "text-sangong-mismatch")]
    assert [f.figures[:2] for f in mismatches] == [
        (("文字所述", "1,812.60万元"), ("表中数", "18,120,593.00元（1812.0593万元）"))
    ]


def _budget_with(text: str) -> Disclosure:
    """A tiny 预算 whose 预算09表 prints 机关运行经费 110.00 and whose 情况说明 is ``text`` (and its reason)."""
    t09 = table("Y09", "预算数,,,,,,,110.00")
    section = (TextSection("二、机关运行经费预算", (text + "主要原因是人员增加。",), line=3),)
    return replace(disclosure(t09, explanations=section), kind="预算", year=2025, slug="2025-yusuan")


def _prose(d: Disclosure) -> list[Diagnostic]:
    checker = Checker(d, fixture_corpus(d))
    check_prose(checker)
    return checker.findings


def test_budget_change_against_the_printed_last_year_figure() -> None:
    right = _budget_with("2025年机关运行经费预算110.00万元，比上年预算100.00万元增加10.00万元，增长10%。")
    assert _prose(right) == []  # the last-year figure is what the change is measured from: not untied
    wrong = _budget_with("2025年机关运行经费预算110.00万元，比上年预算100.00万元增加12.00万元，增长10%。")
    (finding,) = codes(_prose(wrong), "budget-change-mismatch")
    assert ("实际变动", "+10.00") in finding.figures and ("文字所述", "增加12.00万元") in finding.figures
    assert finding.location.anchor == "explanation-1-p1-s1"
    reversed_ = _budget_with("2025年机关运行经费预算110.00万元，比上年预算100.00万元减少10.00万元。")
    assert [f.code for f in _prose(reversed_)] == ["budget-change-mismatch"]


def test_budget_growth_rate_against_the_printed_last_year_figure() -> None:
    wrong = _budget_with("2025年机关运行经费预算110.00万元，比上年预算100.00万元增加10.00万元，增长11%。")
    (finding,) = _prose(wrong)
    assert finding.code == "budget-growth-mismatch" and ("重算", "10.00%") in finding.figures
    down = _budget_with("上年机关运行经费预算120.00万元，2025年机关运行经费预算110.00万元，下降8.33%。")
    assert _prose(down) == []
    wrong_way = _budget_with("上年机关运行经费预算120.00万元，2025年机关运行经费预算110.00万元，增长8.33%。")
    assert [f.code for f in _prose(wrong_way)] == ["budget-growth-mismatch"]
