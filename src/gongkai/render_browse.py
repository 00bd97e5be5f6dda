"""Browse pages: by region (省 → 市 → 县区), by 主管部门 and by 支出功能分类 (类 → 款 → 项).

Every page is a group of the build's figure frame (:class:`gongkai.aggregate.Facts`): a region or a
department lists its yearly totals (所列单位简单相加) and its units; a function code lists every unit's
figure for it by year (``/browse/function/2010308/``: all 信访事务 spending).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
import pandas as pd

from gongkai import markup
from gongkai.aggregate import FUNCTION, KINDS, SPENDING, Facts, RegionNode, ascii_slug, decimal_sum, figs
from gongkai.browse_html import by_key, cells, computed_cell, figure_cell, money_head, page, table
from gongkai.markup import Section
from gongkai.models import Corpus
from gongkai.render_disclosure import RenderedPage

BROWSE = "browse/"
COMPARE = "compare/"
UnitKey = str  # region_slug/unit_slug, the unit page's path (the frames' ``unit_key``)


@dataclass
class Group:
    """A region node or a department: its units and where its page is."""

    title: str
    slug: str
    kind: str  # region / department
    units: set[UnitKey] = field(default_factory=set)
    children: list[str] = field(default_factory=list)  # child node slugs (regions)
    parents: tuple[RegionNode, ...] = ()

    @property
    def path(self) -> str:
        return f"{BROWSE}{self.kind}/{self.slug}/"


def region_groups(facts: Facts) -> dict[str, Group]:
    """Every region node (all levels) with the units under it, in 省 → 市 → 县区 order."""
    groups: dict[str, Group] = {}
    meta = facts.disclosures.sort_values(["region", "region_slug", "unit_slug"])
    for nodes, key in zip(meta["nodes"], meta["unit_key"], strict=True):
        for depth, node in enumerate(nodes):
            group = groups.setdefault(node.slug, Group(node.name, node.slug, "region", parents=tuple(nodes[:depth])))
            group.units.add(key)
            if depth and node.slug not in groups[nodes[depth - 1].slug].children:
                groups[nodes[depth - 1].slug].children.append(node.slug)
    return groups


def department_groups(facts: Facts) -> dict[str, Group]:
    """Every 主管部门 with its units; slugs are the pinyin of the name (numbered when two names meet)."""
    by_name: dict[str, set[UnitKey]] = defaultdict(set)
    meta = facts.disclosures
    for name, key in zip(meta["department"], meta["unit_key"], strict=True):
        by_name[name].add(key)
    groups: dict[str, Group] = {}
    for name in sorted(by_name):
        slug = base = ascii_slug(name)
        number = 1
        while slug in groups:
            number += 1
            slug = f"{base}-{number}"
        groups[slug] = Group(name, slug, "department", by_name[name])
    return groups


def of_units(frame: pd.DataFrame, units: set[UnitKey]) -> pd.DataFrame:
    return frame[frame["unit_key"].isin(units)]


def _totals(frame: pd.DataFrame, env: jinja2.Environment) -> str:
    """支出总计 per year and kind, summed over the group's units (exact), with the number of units."""
    spending = frame[frame["measure"] == SPENDING]
    if spending.empty:
        return markup.paragraph(env, "所列单位没有公开支出总计。", None, "gk-note")
    totals = (
        spending.groupby(["year", "kind", "currency"])
        .agg(total=("value", decimal_sum), units=("unit_slug", "count"))
        .reset_index()
        .sort_values(["year", "kind"], ascending=[False, True])
    )
    macros = markup.html(env, "browse")
    rows = [
        macros.totals_row(
            r["year"], r["kind"], r["units"], cells(env, [computed_cell(r["total"], str(r["currency"]))]), r["currency"]
        )
        for r in totals.to_dict("records")
    ]
    head = ["年度", "类型", "单位数", "支出总计合计", "金额单位"]
    return table(env, "历年支出总计合计（所列单位简单相加，未剔除上下级重复）", head, rows)


def _units_table(frame: pd.DataFrame, meta: pd.DataFrame, prefix: str, env: jinja2.Environment) -> str:
    """Each unit: its region, years published and its latest 决算 (else 预算) 支出总计."""
    spending = by_key(figs(frame[frame["measure"] == SPENDING]), "region_slug", "unit_slug", "year", "kind")
    macros = markup.html(env, "browse")
    rows = []
    for (region_slug, unit_slug), group in meta.groupby(["region_slug", "unit_slug"], sort=True):
        first = group.iloc[0]
        years = sorted(set(group["year"]))
        latest = next(
            (
                fig
                for year in reversed(years)
                for kind in KINDS
                if (fig := spending.get((region_slug, unit_slug, year, kind))) is not None
            ),
            None,
        )
        label = f"{latest.year}年{latest.kind}" if latest else "—"
        href = f"{prefix}{region_slug}/{unit_slug}/"
        figure = cells(env, [figure_cell(latest, prefix)])
        rows.append(macros.unit_row(href, first["unit"], first["region"], years[0], years[-1], label, figure))
    head = ["单位", "地区", "公开年度", "最近一份", money_head(env, "支出总计", "万元")]
    return table(env, f"所属单位（{len(rows)}个）", head, rows)


def _group_page(group: Group, facts: Facts, groups: Mapping[str, Group], env: jinja2.Environment) -> RenderedPage:
    prefix = "../" * group.path.count("/")
    frame = of_units(facts.headline, group.units)
    meta = of_units(facts.disclosures, group.units)
    macros = markup.html(env, "browse")
    lead = str(macros.crumbs(f"{prefix}{BROWSE}", group.kind, group.parents, group.title))
    sections = []
    if group.children:
        children = str(macros.groups_list(group.children, groups, prefix, False))
        sections.append(Section("下级地区", "children", children))
    sections.append(Section("历年合计", "totals", _totals(frame, env)))
    sections.append(Section("所属单位", "units", _units_table(frame, meta, prefix, env)))
    if group.kind == "region":
        years = sorted(set(meta["year"]), reverse=True)
        links = str(macros.compare_links(f"{prefix}{COMPARE}", group.slug, years))
        sections.append(Section("单位比较", "compare", links))
    kind = "地区" if group.kind == "region" else "主管部门"
    return page(env, f"{group.path}index.md", f"{group.title}（{kind}）", lead, sections, "data/disclosures/")


def _tree(slugs: Iterable[str], groups: Mapping[str, Group], prefix: str, env: jinja2.Environment) -> str:
    return str(markup.html(env, "browse").groups_list(list(slugs), groups, prefix, True))


def _function_name(corpus: Corpus, code: str, printed: Sequence[str]) -> str:
    """The code's name in the latest code list that has it, else as the tables print it."""
    for year in sorted(corpus.function_codes, reverse=True):
        if code in corpus.function_codes[year]:
            return corpus.function_codes[year][code]
    return printed[0] if printed else code


def _function_page(
    code: str, names: Mapping[str, str], frame: pd.DataFrame, codes: Sequence[str], env: jinja2.Environment
) -> RenderedPage:
    name = names[code]
    prefix = "../../../"
    items = figs(frame)
    years = sorted({f.year for f in items})
    index = by_key(items, "region_slug", "unit_slug", "year", "kind")
    units = sorted({(f.region_slug, f.unit_slug, f.unit) for f in items})
    macros = markup.html(env, "browse")
    sections = []
    for kind in KINDS:
        if not any(f.kind == kind for f in items):
            continue
        rows = []
        for region_slug, unit_slug, unit in units:
            row = cells(
                env, (figure_cell(index.get((region_slug, unit_slug, y, kind)), prefix, "万元", "—") for y in years)
            )
            rows.append(macros.function_row(f"{prefix}{region_slug}/{unit_slug}/", unit, row))
        of_year = {y: [f.wanyuan for f in items if f.year == y and f.kind == kind] for y in years}
        totals = (computed_cell(decimal_sum(of_year[y]) if of_year[y] else None, "万元") for y in years)
        rows.append(macros.function_total(cells(env, totals)))
        head = ["单位", *(money_head(env, f"{y}年", "万元") for y in years)]
        caption = f"{code} {name}：各单位{kind}数"
        sections.append(
            Section(
                f"{kind}数", f"by-unit-{'juesuan' if kind == '决算' else 'yusuan'}", table(env, caption, head, rows)
            )
        )
    related = [
        c for c in codes if c != code and ((c.startswith(code) and len(c) == len(code) + 2) or code.startswith(c))
    ]
    if related:
        links = str(macros.codes_list([(c, names[c], []) for c in sorted(related)], f"{prefix}{BROWSE}function/"))
        sections.append(Section("上下级科目", "related", links))
    lead = markup.paragraph(
        env,
        f"支出功能分类科目 {code}「{name}」：每个单位每年在这一科目上的支出，决算数取自各自公开03表（支出决算表）的「本年支出合计」栏，"
        "预算数取自公开03表或支出预算总表的相应栏，"
        "点击数字可查看原表；「—」表示该年没有这份公开或表中没有这一科目。",
        None,
        "gk-lead",
    )
    return page(
        env,
        f"{BROWSE}function/{code}/index.md",
        f"{code} {name}",
        lead,
        sections,
        "各公开的 tables/gongkai03.csv 与 tables/yusuan03.csv",
    )


def browse_pages(corpus: Corpus, facts: Facts, env: jinja2.Environment) -> list[RenderedPage]:
    regions, departments = region_groups(facts), department_groups(facts)
    pages = [_group_page(g, facts, regions, env) for g in regions.values()]
    pages += [_group_page(g, facts, departments, env) for g in departments.values()]
    roots = [slug for slug, g in regions.items() if not g.parents]
    pages.append(
        page(
            env,
            f"{BROWSE}region/index.md",
            "按地区浏览",
            "",
            [Section("全部地区", "regions", _tree(roots, regions, "../../", env))],
            "data/disclosures/",
        )
    )
    dept_items = _tree(departments, departments, "../../", env)
    pages.append(
        page(
            env,
            f"{BROWSE}department/index.md",
            "按主管部门浏览",
            "",
            [Section("全部主管部门", "departments", dept_items)],
            "data/disclosures/",
        )
    )
    functions = facts.measure(FUNCTION)
    by_code = {str(code): frame for code, frame in functions.groupby("code", sort=True)}
    codes = list(by_code)
    names = {code: _function_name(corpus, code, [str(n) for n in frame["name"]]) for code, frame in by_code.items()}
    pages += [_function_page(code, names, frame, codes, env) for code, frame in by_code.items()]
    tree = _code_tree(codes, names, "../../", env)
    pages.append(
        page(
            env,
            f"{BROWSE}function/index.md",
            "按支出功能分类浏览",
            "",
            [Section("类 › 款 › 项", "codes", tree)],
            "各公开的 tables/gongkai03.csv 与 tables/yusuan03.csv",
        )
    )
    intro = str(markup.html(env, "browse").ways())
    pages.append(
        page(env, f"{BROWSE}index.md", "浏览与比较", "", [Section("浏览方式", "ways", intro)], "data/disclosures/")
    )
    return pages


def _code_tree(codes: Sequence[str], names: Mapping[str, str], prefix: str, env: jinja2.Environment) -> str:
    def children(parent: str) -> list[str]:
        return (
            [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
            if parent
            else [c for c in codes if len(c) == 3]
        )

    def items(parent: str) -> list[tuple[str, str, list[Any]]]:
        return [(c, names[c], items(c)) for c in children(parent)]

    return str(markup.html(env, "browse").codes_list(items(""), f"{prefix}{BROWSE}function/"))
