"""The 名词解释 linker: which occurrences become links, how they are written, and the site-wide data."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from gongkai.address import term_anchor
from gongkai.glossary import BacklinkRegistry, LinkScope, Term, TermLinker, terms_from_entries
from gongkai.models import GlossaryEntry
from gongkai.render_site import index_letter, pinyin_key
from gongkai.schema import GlossaryDoc
from gongkai.textfile import load_yaml

DATA = Path(__file__).resolve().parents[1] / "data"
LINK = re.compile(r'<a class="gk-term" href="([^"]*)" data-tip="([^"]*)">([^<]*)</a>')


def scope_for(*terms: Term, url: str = "p/", title: str = "页面") -> LinkScope:
    return TermLinker(terms).scope(url, title, "/glossary/")


def linked(html: str) -> list[str]:
    """The texts that became links, in order."""
    return [m.group(3) for m in LINK.finditer(html)]


def tips(html: str) -> list[str]:
    """The tooltips (data-tip) of the links, in order."""
    return [m.group(2) for m in LINK.finditer(html)]


def plain(html: str) -> str:
    """What the reader sees, with each link written as [text]."""
    return LINK.sub(r"[\3]", html)


def test_terms_are_found_inside_chinese_text_without_word_boundaries() -> None:
    scope = scope_for(Term("基本支出", "保障机构正常运转的支出。"))
    assert plain(scope.link("其中基本支出196.10万元")) == "其中[基本支出]196.10万元"


def test_link_markup_carries_anchor_and_definition_outside_the_text() -> None:
    term = Term("基本支出", "保障机构正常运转的支出。")
    html = scope_for(term).link("基本支出")
    assert html == (
        f'<a class="gk-term" href="/glossary/#{term.anchor}" data-tip="保障机构正常运转的支出。">基本支出</a>'
    )


def test_longest_term_wins_at_the_same_position() -> None:
    scope = scope_for(Term("财政拨款", "甲"), Term("财政拨款收入", "乙"))
    html = scope.link("财政拨款收入233.67万元")
    assert linked(html) == ["财政拨款收入"]
    assert tips(html) == ["乙"]


def test_shorter_term_is_used_where_the_longer_one_does_not_fit() -> None:
    scope = scope_for(Term("财政拨款", "甲"), Term("财政拨款收入", "乙"))
    assert linked(scope.link("财政拨款支出")) == ["财政拨款"]


def test_leftmost_match_wins_and_matches_do_not_overlap() -> None:
    scope = scope_for(Term("基本支出", "甲"), Term("支出决算", "乙"), Term("决算表", "丙"))
    assert plain(scope.link("基本支出决算表")) == "[基本支出][决算表]"


def test_term_is_linked_only_at_its_first_occurrence_in_a_section() -> None:
    scope = scope_for(Term("项目支出", "甲"))
    assert linked(scope.link("项目支出增加，项目支出占比")) == ["项目支出"]
    assert linked(scope.link("下一段的项目支出")) == []
    scope.new_section()
    assert linked(scope.link("新一节的项目支出")) == ["项目支出"]


def test_aliases_count_as_their_entry() -> None:
    scope = scope_for(Term("“三公”经费", "甲", aliases=("三公经费",)))
    html = scope.link("三公经费支出2.95万元，“三公”经费比上年减少")
    assert linked(html) == ["三公经费"]
    assert f"#{term_anchor('“三公”经费')}" in html


def test_an_occurrence_already_linked_still_hides_the_shorter_terms_inside_it() -> None:
    scope = scope_for(Term("财政拨款", "甲"), Term("财政拨款收入", "乙"))
    assert linked(scope.link("财政拨款收入；财政拨款收入")) == ["财政拨款收入"]


def test_each_page_has_its_own_scope() -> None:
    linker = TermLinker([Term("决算", "甲")])
    first = linker.scope("a/", "甲页", "/g/")
    second = linker.scope("b/", "乙页", "/g/")
    assert linked(first.link("决算")) == linked(second.link("决算")) == ["决算"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("科目30101基本工资", "科目30101基本工资"),  # inside a longer code
        ("代码3301", "代码3301"),  # tail of a number
        ("合计1.301万元", "合计1.301万元"),  # after a decimal point
        ("共301.50万元", "共301.50万元"),  # before a decimal point
        ("1,301", "1,301"),  # after a thousands comma
        ("经济分类301工资福利支出", "经济分类[301]工资福利支出"),
        ("301。", "[301]。"),  # a full stop is not a decimal point
        ("（301）", "（[301]）"),
    ],
)
def test_a_term_starting_or_ending_with_a_digit_never_cuts_a_number(text: str, expected: str) -> None:
    assert plain(scope_for(Term("301", "工资福利支出")).link(text)) == expected


def test_a_term_ending_with_a_digit_does_not_match_the_head_of_a_number() -> None:
    scope = scope_for(Term("公开0", "甲"), Term("公开01", "乙"))
    assert plain(scope.link("公开012表")) == "公开012表"
    assert plain(scope.link("公开01表")) == "[公开01]表"


def test_a_term_without_digits_at_its_edges_may_touch_numbers() -> None:
    scope = scope_for(Term("年度", "甲"), Term("万元", "乙"))
    assert plain(scope.link("2023年度支出233.67万元")) == "2023[年度]支出233.67[万元]"


def test_amounts_are_left_exactly_as_printed() -> None:
    scope = scope_for(Term("67", "甲"), Term("3.6", "乙"))
    text = "收入233.67万元，增长10.07%，减少13.67"
    assert scope.link(text) == text


def test_untrusted_text_is_escaped_around_and_inside_links() -> None:
    scope = scope_for(Term("A&B", "甲"))
    html = scope.link("<script>alert(\"x\")</script> A&B 'q'")
    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ")
    assert linked(html) == ["A&amp;B"]
    assert html.endswith(" &#39;q&#39;")


def test_definition_and_href_are_escaped_in_attributes() -> None:
    linker = TermLinker([Term("决算", 'x" onmouseover="alert(1)<b>')])
    html = linker.scope("p/", "页", '/g/"x').link("决算")
    assert html.count('"') == 6  # only the quotes around the three attribute values
    assert 'data-tip="x&quot; onmouseover&#61;&quot;alert(1)&lt;b&gt;"' in html
    assert 'href="/g/&quot;x#' in html


def test_markdown_markup_in_the_text_is_neutralised() -> None:
    html = scope_for().link("用车*辆 | _强调_ [链接](x) `代码` \\")
    for char in "*|_[]`\\":
        assert char not in html
    assert html.startswith("用车&#42;辆 &#124; ")


def test_anchor_is_stable_ascii_and_shared_by_term_and_entry() -> None:
    assert term_anchor("财政拨款收入") == "term-2e1a5ca178"
    assert re.fullmatch(r"term-[0-9a-f]{10}", term_anchor("“三公”经费"))
    assert Term("财政拨款收入", "甲").anchor == term_anchor("财政拨款收入")


def test_backlinks_list_pages_in_first_seen_order_without_duplicates() -> None:
    linker = TermLinker([Term("决算", "甲"), Term("预算", "乙")])
    for url, title in [("b/", "乙页"), ("a/", "甲页"), ("b/", "乙页")]:
        scope = linker.scope(url, title, "/g/")
        scope.link("决算")
        scope.new_section()
        scope.link("决算")
    assert linker.backlinks() == {term_anchor("决算"): [("b/", "乙页"), ("a/", "甲页")]}


def test_backlinks_are_collected_across_linkers_sharing_a_registry() -> None:
    registry = BacklinkRegistry()
    site = [Term("决算", "全站定义")]
    first = TermLinker(site, registry)
    second = TermLinker([*site, Term("决算", "本单位定义")], registry)
    first.scope("x/2023/", "2023年", "/g/").link("决算")
    second.scope("y/2024/", "2024年", "/g/").link("决算")
    assert registry.backlinks() == {term_anchor("决算"): [("x/2023/", "2023年"), ("y/2024/", "2024年")]}
    assert first.backlinks() == second.backlinks() == registry.backlinks()


def test_later_term_with_the_same_text_overrides_and_keeps_the_earlier_aliases() -> None:
    site = Term("“三公”经费", "全站定义", aliases=("三公经费",))
    own = Term("“三公”经费", "本单位定义")
    scope = TermLinker([site, own]).scope("p/", "页", "/g/")
    assert tips(scope.link("三公经费")) == ["本单位定义"]


def test_empty_spellings_are_ignored() -> None:
    scope = scope_for(Term("决算", "甲", aliases=("",)))
    assert plain(scope.link("决算说明")) == "[决算]说明"


def test_output_does_not_depend_on_the_order_of_distinct_terms() -> None:
    terms = [Term("财政拨款", "甲"), Term("财政拨款收入", "乙"), Term("收入", "丙"), Term("301", "丁")]
    text = "财政拨款收入与收入，财政拨款支出，科目301和30101"
    forward = TermLinker(terms).scope("p/", "页", "/g/").link(text)
    backward = TermLinker(terms[::-1]).scope("p/", "页", "/g/").link(text)
    assert forward == backward
    assert plain(forward) == "[财政拨款收入]与[收入]，[财政拨款]支出，科目[301]和30101"


def test_thousands_of_terms_link_a_long_text_quickly() -> None:
    terms = [Term(f"术语{n}号", "定义") for n in range(5000)] + [Term("信访事务", "接待群众来信来访的支出")]
    linker = TermLinker(terms)
    text = "本年度信访事务支出76.61万元，用于术语12号和术语4999号。" * 2000
    started = time.perf_counter()
    html = linker.scope("p/", "页", "/g/").link(text)
    assert time.perf_counter() - started < 2
    assert linked(html) == ["信访事务", "术语12号", "术语4999号"]


def test_terms_from_entries_keeps_term_definition_and_aliases() -> None:
    entries = [GlossaryEntry("“三公”经费", "定义", number="十一", aliases=("三公经费",), source="g.yaml")]
    assert terms_from_entries(entries) == [Term("“三公”经费", "定义", ("三公经费",))]


def site_glossary() -> GlossaryDoc:
    return GlossaryDoc.model_validate(load_yaml(DATA / "glossary.yaml", "glossary.yaml").data)


def test_site_glossary_is_valid_with_unique_spellings_and_no_numbering() -> None:
    entries = site_glossary().entries
    spellings = [s for e in entries for s in (e.term, *e.aliases)]
    assert len(spellings) == len(set(spellings))
    assert all(e.number == "" and e.definition.endswith("。") for e in entries)


def test_site_glossary_covers_what_a_reader_of_a_xinfang_juesuan_needs() -> None:
    terms = {e.term for e in site_glossary().entries}
    needed = {"财政拨款收入", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"}
    needed |= {"上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "使用非财政拨款结余"}
    needed |= {"年初结转和结余", "结余分配", "年末结转和结余", "基本支出", "项目支出", "人员经费", "公用经费"}
    needed |= {"“三公”经费", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费", "机关运行经费"}
    needed |= {"政府采购", "功能分类", "经济分类", "决算", "预算", "执行率", "绩效自评", "信访事务"}
    needed |= {"行政运行", "事业运行", "住房公积金", "遗属"}
    assert needed <= terms


def test_site_glossary_links_a_real_sentence() -> None:
    linker = TermLinker([Term(e.term, e.definition, tuple(e.aliases)) for e in site_glossary().entries])
    text = "一般公共预算财政拨款基本支出149.34万元，其中三公经费0万元，遗属补助2.189万元。"
    expected = "[一般公共预算财政拨款][基本支出]149.34万元，其中[三公经费]0万元，[遗属补助]2.189万元。"
    assert plain(linker.scope("p/", "页", "/g/").link(text)) == expected


def test_the_glossary_index_files_a_term_under_its_first_word_not_its_number_or_quotes() -> None:
    terms = ["（四）其他收入", "“三公”经费", "1.基本支出", "(2)项目支出", "①经营支出", "“（一）财政拨款收入", "301科目"]
    assert [index_letter(pinyin_key(t)[0]) for t in terms] == [
        ("Q", "letter-q"),
        ("S", "letter-s"),
        ("J", "letter-j"),
        ("X", "letter-x"),
        ("J", "letter-j"),
        ("C", "letter-c"),
        ("3", "letter-3"),
    ]
    assert index_letter(pinyin_key("（")[0]) == ("#", "letter-other")  # every anchor is ASCII
