"""Key figures (the cards of a disclosure page, the totals of the home list) come from whatever the document
states: a two-sided table's 总计 is recognised by its name in either layout (行次 or the national template's
收支 halves), so no list shows 「—」 where the document prints a total."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai import markup
from gongkai.load import load_corpus
from gongkai.models import Corpus, Table
from gongkai.render_disclosure import key_cards
from gongkai.render_site import disclosure_rows
from gongkai.tables import SPECS, grand_total, read_table

DATA = Path(__file__).resolve().parents[1] / "data"
PUTUO_JUESUAN = "data/disclosures/shanghai-putuo/putuo-caizhengju/2024-juesuan"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(DATA)


def _table(table_id: str, text: str) -> Table:
    spec = SPECS[table_id]
    table, problems = read_table(spec, text, "t.csv", title=spec.title, unit="万元", no_data=False, notes=())
    assert table is not None and not problems, problems
    return table


def test_grand_totals_are_found_by_name_in_either_layout() -> None:
    numbered = _table(
        "01", "行次,项目,金额\n27,本年收入合计,10.00\n31,总计,12.00\n58,本年支出合计,9.00\n62,总计,12.00\n"
    )
    assert [grand_total(numbered, s).row_no for s in ("收入", "支出")] == ["31", "62"]  # type: ignore[union-attr]
    national = _table(  # the national template without 行次, 总计 rows printed after both halves
        "01", "收支,项目,金额\n收入,本年收入合计,10.00\n支出,本年支出合计,9.00\n收入,总计,12.00\n支出,总 计,12.00\n"
    )
    assert [grand_total(national, s).line for s in ("收入", "支出")] == [4, 5]  # type: ignore[union-attr]
    budget = _table("Y01", "收支,项目,合计\n收入,收入总计,5.00\n支出,支出总计,5.00\n")
    assert [grand_total(budget, s).name for s in ("收入", "支出")] == ["收入总计", "支出总计"]  # type: ignore[union-attr]
    assert grand_total(_table("01", "行次,项目,金额\n27,本年收入合计,10.00\n"), "收入") is None


def test_national_layout_sample_shows_its_totals_on_its_cards_and_the_home_list(corpus: Corpus) -> None:
    d = next(x for x in corpus.disclosures if x.folder == PUTUO_JUESUAN)
    cards = {c.label: c for c in key_cards(d)}
    assert (cards["收入总计"].value, cards["收入总计"].href) == ("2,995.39", "#t01-rl13-c1")  # 收入 总计, page 7
    assert (cards["支出总计"].value, cards["支出总计"].href) == ("2,995.39", "#t01-rl43-c2")
    listed = disclosure_rows(corpus.disclosures, "", {}, markup.environment())
    rows = re.findall(r'<tr><th scope="row">.*?</tr>', listed)
    assert len(rows) == len(corpus.disclosures)
    for row in rows:  # every sample document states its totals
        totals = re.findall(r'<td class="gk-num">(.*?)</td>', row)
        assert len(totals) == 2 and "—" not in totals, row
