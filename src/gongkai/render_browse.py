"""Browse pages: by region (省 → 市 → 县区), by 主管部门 and by 支出功能分类 (类 → 款 → 项).

Every page is a group of the build's figure frame (:class:`gongkai.aggregate.Facts`): a region or a
department lists its yearly totals (所列单位简单相加) and its units; a function code lists every unit's
figure for it by year (``/browse/function/2010308/``: all 信访事务 spending).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import jinja2
import pandas as pd

from gongkai import markup
from gongkai.aggregate import FUNCTION, KINDS, SPENDING, Facts, RegionNode, ascii_slug, decimal_sum, figs
from gongkai.browse_html import by_key, computed_td, figure_td, money_head, page, table
from gongkai.glossary import escape
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


def _totals(frame: pd.DataFrame) -> str:
    """支出总计 per year and kind, summed over the group's units (exact), with the number of units."""
    spending = frame[frame["measure"] == SPENDING]
    if spending.empty:
        return markup.paragraph("所列单位没有公开支出总计。", None, "gk-note")
    totals = (
        spending.groupby(["year", "kind", "currency"])
        .agg(total=("value", decimal_sum), units=("unit_slug", "count"))
        .reset_index()
        .sort_values(["year", "kind"], ascending=[False, True])
    )
    rows = [
        f'<tr><th scope="row">{r["year"]}年</th><td>{r["kind"]}</td><td class="gk-num">{r["units"]}</td>'
        f"{computed_td(r['total'], str(r['currency']))}<td>{escape(str(r['currency']))}</td></tr>"
        for r in totals.to_dict("records")
    ]
    head = ["年度", "类型", "单位数", "支出总计合计", "金额单位"]
    return table("历年支出总计合计（所列单位简单相加，未剔除上下级重复）", head, rows)


def _units_table(frame: pd.DataFrame, meta: pd.DataFrame, prefix: str) -> str:
    """Each unit: its region, years published and its latest 决算 (else 预算) 支出总计."""
    spending = by_key(figs(frame[frame["measure"] == SPENDING]), "region_slug", "unit_slug", "year", "kind")
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
        rows.append(
            f'<tr><th scope="row"><a href="{prefix}{region_slug}/{unit_slug}/">{escape(first["unit"])}</a></th>'
            f"<td>{escape(first['region'])}</td><td>{years[0]}—{years[-1]}</td>"
            f"<td>{label}</td>{figure_td(latest, prefix)}</tr>"
        )
    head = ["单位", "地区", "公开年度", "最近一份", money_head("支出总计", "万元")]
    return table(f"所属单位（{len(rows)}个）", head, rows)


def _group_page(group: Group, facts: Facts, groups: Mapping[str, Group], env: jinja2.Environment) -> RenderedPage:
    prefix = "../" * group.path.count("/")
    frame = of_units(facts.headline, group.units)
    meta = of_units(facts.disclosures, group.units)
    crumbs = [f'<a href="{prefix}{BROWSE}{group.kind}/">{"按地区" if group.kind == "region" else "按主管部门"}</a>']
    crumbs += [f'<a href="{prefix}{BROWSE}region/{n.slug}/">{escape(n.name)}</a>' for n in group.parents]
    lead = f'<p class="gk-meta">{" › ".join(crumbs)} › {escape(group.title)}</p>'
    sections = []
    if group.children:
        items = "".join(
            f'<li><a href="{prefix}{groups[c].path}">{escape(groups[c].title)}</a>'
            f'<span class="gk-meta"> · {len(groups[c].units)} 个单位</span></li>'
            for c in group.children
        )
        sections.append(Section("下级地区", "children", f"<ul>{items}</ul>"))
    sections.append(Section("历年合计", "totals", _totals(frame)))
    sections.append(Section("所属单位", "units", _units_table(frame, meta, prefix)))
    if group.kind == "region":
        years = sorted(set(meta["year"]), reverse=True)
        links = "".join(f'<li><a href="{prefix}{COMPARE}{group.slug}/{y}/">{y}年度各单位比较</a></li>' for y in years)
        sections.append(Section("单位比较", "compare", f"<ul>{links}</ul>"))
    kind = "地区" if group.kind == "region" else "主管部门"
    return page(env, f"{group.path}index.md", f"{group.title}（{kind}）", lead, sections, "data/disclosures/")


def _tree(slugs: Iterable[str], groups: Mapping[str, Group], prefix: str) -> str:
    items = []
    for slug in slugs:
        g = groups[slug]
        inner = _tree(g.children, groups, prefix) if g.children else ""
        items.append(
            f'<li><a href="{prefix}{g.path}">{escape(g.title)}</a><span class="gk-meta"> · {len(g.units)} 个单位</span>'
            f"{inner}</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


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
    sections = []
    for kind in KINDS:
        if not any(f.kind == kind for f in items):
            continue
        rows = []
        for region_slug, unit_slug, unit in units:
            cells = "".join(figure_td(index.get((region_slug, unit_slug, y, kind)), prefix, "万元", "—") for y in years)
            rows.append(
                f'<tr><th scope="row"><a href="{prefix}{region_slug}/{unit_slug}/">{escape(unit)}</a></th>{cells}</tr>'
            )
        totals = "".join(
            computed_td(decimal_sum(f.value for f in items if f.year == y and f.kind == kind), "万元") for y in years
        )
        rows.append(f'<tr class="gk-total"><th scope="row">合计（本站相加）</th>{totals}</tr>')
        head = ["单位", *(money_head(f"{y}年", "万元") for y in years)]
        caption = f"{code} {escape(name)}：各单位{kind}数"
        sections.append(
            Section(f"{kind}数", f"by-unit-{'juesuan' if kind == '决算' else 'yusuan'}", table(caption, head, rows))
        )
    related = [
        c for c in codes if c != code and ((c.startswith(code) and len(c) == len(code) + 2) or code.startswith(c))
    ]
    if related:
        links = "".join(
            f'<li><a href="{prefix}{BROWSE}function/{c}/">{c} {escape(names[c])}</a></li>' for c in sorted(related)
        )
        sections.append(Section("上下级科目", "related", f"<ul>{links}</ul>"))
    lead = markup.paragraph(
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
            [Section("全部地区", "regions", _tree(roots, regions, "../../"))],
            "data/disclosures/",
        )
    )
    dept_items = _tree(departments, departments, "../../")
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
    tree = _code_tree(codes, names, "../../")
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
    intro = (
        '<ul><li><a href="region/">按地区浏览</a>：省 › 市 › 县区，各级的历年合计与所属单位</li>'
        '<li><a href="department/">按主管部门浏览</a></li>'
        '<li><a href="function/">按支出功能分类浏览</a>：类 › 款 › 项，每个科目列出各单位历年支出（如 '
        '<a href="function/2010308/">2010308 信访事务</a>）</li>'
        '<li><a href="../compare/">各单位比较</a>：每个地区每年各单位的支出、“三公”经费、机关运行经费并排比较</li></ul>'
    )
    pages.append(
        page(env, f"{BROWSE}index.md", "浏览与比较", "", [Section("浏览方式", "ways", intro)], "data/disclosures/")
    )
    return pages


def _code_tree(codes: Sequence[str], names: Mapping[str, str], prefix: str) -> str:
    def children(parent: str) -> list[str]:
        return (
            [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
            if parent
            else [c for c in codes if len(c) == 3]
        )

    def items(parent: str) -> str:
        inner = "".join(
            f'<li><a href="{prefix}{BROWSE}function/{c}/">{c} {escape(names[c])}</a>{items(c)}</li>'
            for c in children(parent)
        )
        return f"<ul>{inner}</ul>" if inner else ""

    return items("")
