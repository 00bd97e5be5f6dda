"""``text-unit-name``: the text names another unit where it speaks of the disclosing one.

The templates open their sentences with the unit's name: 「上海市普陀区财政局2024年度收入支出总计…」,
「截至2024年12月31日，XX局共有车辆…」, 「纳入XX局2024年度部门决算编制范围的单位包括」, 「XX局2024年度无政府性基金
预算财政拨款收入和支出」.  A name in such a place (a name ending in 局、委员会、办公室、中心… followed by the year,
「共有车辆」, 「部门决算」, 「无…」) that is not the unit's own is a sentence copied from another unit's
disclosure.  An abbreviation is the unit's own when its characters appear in the full name in order
(「区委群工局」 of 「中共广元市昭化区委群众工作局」), and so is the 主管部门 of a 单位 disclosure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.diagnostics import Severity
from gongkai.models import Disclosure
from gongkai.outline import Sentence
from gongkai.rules.context import Checker
from gongkai.rules.prose_sums import texts_of
from gongkai.rules.text_figures import sentence_location

_SUFFIX = r"(?:局|委员会|委|办公室|办|中心|院|所|厅|站|队|馆|处|署|公司|政府|街道办事处)"
_SELF_CONTEXT = (
    r"(?=\d{4}年度?(?:部门|单位)?(?:决算|预算|收入|支出|财政|政府|国有|无|“|\"|「|一般|机关|预算|共)"
    r"|共有车辆|部门决算|部门预算|单位决算|单位预算|无政府性基金|无国有资本|无“三公”)"
)
_NAME = re.compile(rf"(?:^|(?<=[，,。：:；;、\s（(]))(?P<name>[\u4e00-\u9fff（）()]{{2,30}}?{_SUFFIX}){_SELF_CONTEXT}")
_LEAD = re.compile(r"^(?:纳入|包括|根据|按照|其中|经|由|截至|截止|截止到|对|为|是|在|本年度|本年)+")
_REGION = re.compile(r"[省市区县州旗盟镇乡]")


def is_own_name(name: str, d: Disclosure) -> bool:
    """Whether a name in the text is the disclosing unit (in full or abbreviated) or its 主管部门."""
    for own in (d.unit.name, d.unit.department):
        if not own:
            continue
        rest = iter(own)
        if name in own or own in name or all(char in rest for char in name):
            return True
    return False


def _names(sentence: Sentence) -> Iterable[str]:
    for match in _NAME.finditer(sentence.text):
        name = _LEAD.sub("", match.group("name"))
        if len(name) >= 4 and _REGION.search(name[:-1]):
            yield name


def check_unit_names(checker: Checker) -> None:
    """A sentence of the template naming a unit that is not the disclosing unit."""
    d = checker.disclosure
    for text in texts_of(d):
        checker.checks_run += 1
        for sentence in text.sentences:
            for name in _names(sentence):
                if is_own_name(name, d):
                    continue
                checker.add(
                    "text-unit-name",
                    Severity.WARNING,
                    sentence_location(text.file, sentence),
                    f"{text.name}{sentence.place}写的是「{name}」，而本公开是{d.unit.name}的{d.kind}：疑为套用其他单位的文字，"
                    "单位名称未改。",
                    (("文中单位名称", name), ("本单位", d.unit.name), ("所在句", sentence.text.strip())),
                )
