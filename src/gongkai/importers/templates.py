"""The templates known: a table's title → its spec, and its printed column heads → the spec's columns.

One recogniser for every reader (pdf, xlsx; the text reader adds the 公开NN marker).  Titles are
compared without spaces, quotes, numbering, the year and the 部门/单位 prefix (「2025年部门财务收支
预算总表」, 「七、财政拨款“三公”经费支出决算表」); the most specific title is tried first.  Column heads
are the printed header cells of a column joined top to bottom (「本年支出」+「小计」 → 本年支出小计).
To add a template: add its title pattern to ``TITLES`` and any head that differs from the spec's
column name to ``HEAD_ALIASES`` (docs/importers.md).
"""

from __future__ import annotations

import re

from gongkai.tables import SPECS, TableSpec

# (spec id, pattern the normalised title ends with), most specific first
TITLES: tuple[tuple[str, str], ...] = (
    ("04", r"财政拨款收入支出决算总表"),
    ("07", r"政府性基金预算财政拨款收入支出决算表"),
    ("08", r"国有资本经营预算财政拨款(?:收入)?支出决算表"),
    ("06", r"一般公共预算财政拨款基本支出决算(?:明细)?表"),
    ("05", r"一般公共预算财政拨款支出决算表"),
    ("09", r"三公经费(?:支出)?决算表"),
    ("10", r"(?:部门|单位)?决算公开相关信息统计表"),
    ("01", r"收入支出决算总表"),
    ("02", r"收入决算表"),
    ("03", r"支出决算表"),
    ("Y04", r"财政拨款收支(?:预算)?总表"),
    ("Y06", r"一般公共预算基本支出(?:部门预算)?(?:经济分类)?(?:预算)?表"),
    ("Y05", r"一般公共预算支出(?:功能分类)?(?:预算)?表"),
    ("Y07", r"政府性基金预算支出(?:功能分类)?(?:预算)?表"),
    ("Y08", r"国有资本经营预算支出(?:功能分类)?(?:预算)?表"),
    ("Y09", r"三公经费(?:和机关运行经费)?预算(?:情况)?表"),
    ("Y01", r"(?:财务)?收支(?:预算)?总表"),
    ("Y02", r"收入(?:预算)?总表"),
    ("Y03", r"支出(?:预算)?总表"),
)
_NOISE = re.compile(r"[\s“”\"'‘’「」]")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+\s*[.．、]|（[一二三四五六七八九十]+）)")
_PREFIX = re.compile(r"^.*?\d{4}年度?")

# printed head (its ending) → the spec's column, where they differ; per spec id, "" for all
HEAD_ALIASES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (("决算数", "金额"), ("预算数", "合计")),
    "01": (("决算数", "金额"), ("预算数", "金额")),
    "04": (
        ("决算数", "合计"),
        ("金额", "合计"),
        ("一般公共预算", "一般公共预算财政拨款"),
        ("政府性基金预算", "政府性基金预算财政拨款"),
    ),
    "05": (("小计", "合计"),),
    "08": (("本年支出小计", "合计"), ("小计", "合计")),
    "09": (
        ("小计", "公务用车购置及运行维护费小计"),
        ("购置费", "公务用车购置费"),
        ("运行费", "公务用车运行维护费"),
        ("运行维护费", "公务用车运行维护费"),
        ("接待费", "公务接待费"),
        ("出国（境）费", "因公出国（境）费"),
    ),
    "Y02": (("财政拨款", "财政拨款收入"),),
    "Y09": (
        ("小计", "公务用车购置及运行费小计"),
        ("购置费", "公务用车购置费"),
        ("运行费", "公务用车运行费"),
        ("接待费", "公务接待费"),
        ("出国（境）费", "因公出国（境）费"),
        ("机关运行经费预算数", "机关运行经费"),
        ("三公经费预算数合计", "合计"),
    ),
}


def normal_title(text: str) -> str:
    """The title without spaces, quotes, leading numbering and the part up to the year."""
    plain = _NUMBERING.sub("", _NOISE.sub("", text))
    return _PREFIX.sub("", plain)


def recognise_title(text: str) -> TableSpec | None:
    """The spec of a printed table title, or None.  A title is short: sentences never match."""
    title = normal_title(text)
    if not title.endswith("表") or len(title) > 40 or "说明" in title:
        return None
    for table_id, pattern in TITLES:
        if re.search(pattern + "$", title):
            return SPECS[table_id]
    return None


def normal_head(text: str) -> str:
    """A column head as one string: no line breaks or spaces, ASCII brackets as printed in the specs."""
    return _NOISE.sub("", text).replace("(", "（").replace(")", "）")


def column_for(spec: TableSpec, head: str) -> str | None:
    """The spec's amount column a printed head names: the longest column name or alias it ends with."""
    head = normal_head(head)
    best: tuple[int, str] | None = None
    candidates = [(name, name) for name in spec.amounts]
    candidates += [pair for pair in (*HEAD_ALIASES.get(spec.id, ()), *HEAD_ALIASES[""]) if pair[1] in spec.amounts]
    for printed, column in candidates:
        if head.endswith(printed) and (best is None or len(printed) > best[0]):
            best = (len(printed), column)
    return best[1] if best else None
