"""The search index: pinyin index text beside the names and terms a page part shows, filters, result
fragments without the anchors no result lands on, and a clear message when Pagefind is missing."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from gongkai.diagnostics import BuildFailed
from gongkai.search_index import IndexText, SearchIndexFailed, index_site, misspellings, pinyin_words


def test_pinyin_words_are_the_full_pinyin_and_the_initials_of_the_chinese_characters() -> None:
    assert pinyin_words("机关运行经费") == ("jiguanyunxingjingfei", "jgyxjf")
    assert pinyin_words("“三公”经费") == ("sangongjingfei", "sgjf")
    assert pinyin_words("2010308") == ("", "")


def test_common_misspellings_swap_one_syllables_front_and_back_nasal() -> None:
    assert misspellings("三公") == ("sanggong",)
    assert misspellings("信访") == ("xingfang", "xinfan")
    assert misspellings("公用经费") == ("gongyongjinfei",)


def test_common_terms_are_indexed_with_their_misspellings_other_names_without() -> None:
    out = IndexText(["三公", "信访"], misspelt=["三公"]).page("# 三公与信访\n")
    assert '<span data-gk-name="三公">三公 sangong sg sanggong </span>' in out
    assert '<span data-gk-name="信访">信访 xinfang xf </span>' in out


def test_an_aggregate_page_gets_the_names_it_shows_on_their_own_without_pinyin() -> None:
    # …综治信访工作站: standing alone, 信访 is segmented as the query is; no pinyin, so that xinfang leads to the
    # disclosures, not to the unit, browse and compare pages that repeat their terms
    out = IndexText(["信访", "三公"], misspelt=["三公"]).page("# 宾川县马坊镇综治信访工作站\n\n三公\n", pinyin=False)
    assert '<span data-gk-name="信访">信访 </span>' in out and '<span data-gk-name="三公">三公 </span>' in out
    assert "xinfang" not in out and "sangong" not in out


def test_each_heading_part_gets_the_pinyin_of_the_names_it_shows_and_the_first_one_the_filters() -> None:
    page = (
        '---\ntitle: "襄垣县信访局"\n---\n# 襄垣县信访局 {: #top }\n\n正文\n\n'
        "## 三公经费 {: #a }\n\n“三公”经费\n\n## 图表 {: #charts }\n\n三公\n"
    )
    out = IndexText(["信访", "三公", "襄垣县信访局"]).page(page, {"年度": "2023"})
    top, rest = out.split("## 三公经费", 1)
    assert top.startswith('---\ntitle: "襄垣县信访局"\n---\n# 襄垣县信访局')
    assert 'data-pagefind-filter="年度:2023"' in top
    assert '<span data-gk-name="襄垣县信访局">襄垣县信访局 xiangyuanxianxinfangju xyxxfj </span>' in top
    assert '<span data-gk-name="信访">信访 xinfang xf </span>' in top  # inside the longer name too
    section, charts = rest.split("## 图表", 1)
    assert '<span data-gk-name="三公">三公 sangong sg </span>' in section and "年度" not in section
    assert "gk-index" not in charts  # charts are not indexed: their numbers are in the tables


def test_where_names_begin_alike_the_longest_one_starting_at_each_place_is_indexed() -> None:
    out = IndexText(["信访", "信访局", "信访局长", "三公", "访谈"]).page("# 信访局长和信访局的访谈\n")
    names = re.findall(r'data-gk-name="([^"]+)"', out)
    assert names == ["信访局长", "信访局", "访谈"]  # 信访 only inside longer names that start at its place


def test_a_missing_pagefind_fails_the_build_with_a_chinese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_PAGEFIND", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(BuildFailed, match=r"install-system-deps\.sh") as failed:
        index_site(tmp_path, tmp_path)
    assert isinstance(failed.value, SearchIndexFailed)
    assert failed.value.code == "pagefind-missing"


def test_a_failing_pagefind_fails_the_build_with_its_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'broken index' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("GONGKAI_PAGEFIND", str(failing))
    with pytest.raises(BuildFailed, match="broken index") as failed:
        index_site(tmp_path, tmp_path)
    assert failed.value.code == "search-index-failed"


def test_the_index_lands_on_headings_and_keeps_no_other_anchor_nor_touches_the_site(tmp_path: Path) -> None:
    page = (
        '<html lang="zh"><body><article class="md-content__inner md-typeset">'
        '<h1 id="top">襄垣县信访局</h1><h3 id="gongkai02">公开02表 收入决算表</h3>'
        '<table id="table-02"><tbody><tr><td id="t02-r1-c1">2010308</td><td id="t02-r1-c2">信访事务</td></tr>'
        '</tbody></table><p><span id="explanation-1-p1-s1">信访事务支出增加。</span></p></article></body></html>'
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page, encoding="utf-8")
    index_site(tmp_path, tmp_path)
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == page  # the cells keep their ids
    (fragment,) = (tmp_path / "pagefind" / "fragment").iterdir()
    data = gzip.decompress(fragment.read_bytes())
    anchors = json.loads(data[data.index(b"{") :])["anchors"]
    assert [(a["element"], a["id"]) for a in anchors] == [("h1", "top"), ("h3", "gongkai02")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "pagefind"]
