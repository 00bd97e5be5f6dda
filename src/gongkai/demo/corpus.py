"""``gongkai demo-data``: a deterministic synthetic corpus in the real data format, for tests and benchmarks.

Each unit publishes a 预算 (in the 预算 tables 预算01–09) and a 决算 disclosure per year; the 决算's
“三公” 预算数 is its 预算's “三公” budget, so budget against actual and its cross-check hold.  A unit's figures come from its own random
stream (seed, unit number, kind), so a corpus with more units or years keeps every disclosure of a
smaller one byte for byte.  A share of the disclosures (``contradictions``) gets one planted error;
they are listed in ``planted-contradictions.yaml`` at the top of the corpus.
"""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from gongkai.data_writer import GENERATED_NOTE, csv_text, write_files, yaml_text
from gongkai.demo.budget_tables import EMPTY_TABLES, budget_table_rows
from gongkai.demo.ledger import Ledger, make_ledger, table_rows
from gongkai.demo.prose import explanations_doc, glossary_doc, make_projects, overview_doc, project_doc
from gongkai.schema import DISCLOSURE, EXPLANATIONS, GLOSSARY, OVERVIEW, PROJECT, SITE
from gongkai.tables import SPECS

FIRST_YEAR = 2020
KINDS = (("yusuan", "预算"), ("juesuan", "决算"))
MARKER = ".gongkai-demo-data"  # marks a folder this command made (and may replace)
PLANTED_FILE = "planted-contradictions.yaml"
PLANTED_KINDS = {
    "t01-income-sum": "公开01表 本年收入合计比各项收入之和多 12.30",
    "t09-sum": "公开09表 决算数合计比各项之和多 1.00",
    "prose-amount": "情况说明一 收入总计比表中多 5.00万元",
    "project-rate": "第一个项目绩效自评表的执行率多印 5 个百分点",
}

# (省, 市, 县区, region slug, short slug used in unit slugs)
REGIONS = (
    ("山西省", "长治市", "襄垣县", "shanxi-changzhi-xiangyuan", "xiangyuan"),
    ("山西省", "长治市", "屯留区", "shanxi-changzhi-tunliu", "tunliu"),
    ("山西省", "晋中市", "榆次区", "shanxi-jinzhong-yuci", "yuci"),
    ("山西省", "晋中市", "平遥县", "shanxi-jinzhong-pingyao", "pingyao"),
    ("四川省", "广元市", "昭化区", "sichuan-guangyuan-zhaohua", "zhaohua"),
    ("四川省", "广元市", "苍溪县", "sichuan-guangyuan-cangxi", "cangxi"),
    ("四川省", "攀枝花市", "西区", "sichuan-panzhihua-xiqu", "xiqu"),
    ("四川省", "攀枝花市", "米易县", "sichuan-panzhihua-miyi", "miyi"),
    ("四川省", "绵阳市", "三台县", "sichuan-mianyang-santai", "santai"),
    ("河南省", "洛阳市", "栾川县", "henan-luoyang-luanchuan", "luanchuan"),
    ("河南省", "洛阳市", "嵩县", "henan-luoyang-songxian", "songxian"),
    ("河南省", "信阳市", "光山县", "henan-xinyang-guangshan", "guangshan"),
    ("湖南省", "湘西州", "凤凰县", "hunan-xiangxi-fenghuang", "fenghuang"),
    ("湖南省", "岳阳市", "平江县", "hunan-yueyang-pingjiang", "pingjiang"),
    ("湖北省", "宜昌市", "秭归县", "hubei-yichang-zigui", "zigui"),
    ("湖北省", "恩施州", "利川市", "hubei-enshi-lichuan", "lichuan"),
    ("江西省", "赣州市", "瑞金市", "jiangxi-ganzhou-ruijin", "ruijin"),
    ("江西省", "上饶市", "婺源县", "jiangxi-shangrao-wuyuan", "wuyuan"),
    ("安徽省", "黄山市", "歙县", "anhui-huangshan-shexian", "shexian"),
    ("安徽省", "六安市", "金寨县", "anhui-luan-jinzhai", "jinzhai"),
    ("浙江省", "丽水市", "松阳县", "zhejiang-lishui-songyang", "songyang"),
    ("浙江省", "衢州市", "开化县", "zhejiang-quzhou-kaihua", "kaihua"),
    ("福建省", "南平市", "武夷山市", "fujian-nanping-wuyishan", "wuyishan"),
    ("福建省", "龙岩市", "长汀县", "fujian-longyan-changting", "changting"),
    ("广东省", "梅州市", "大埔县", "guangdong-meizhou-dabu", "dabu"),
    ("广西壮族自治区", "桂林市", "阳朔县", "guangxi-guilin-yangshuo", "yangshuo"),
    ("贵州省", "黔东南州", "雷山县", "guizhou-qiandongnan-leishan", "leishan"),
    ("云南省", "大理州", "宾川县", "yunnan-dali-binchuan", "binchuan"),
    ("陕西省", "延安市", "延川县", "shaanxi-yanan-yanchuan", "yanchuan"),
    ("甘肃省", "天水市", "秦安县", "gansu-tianshui-qinan", "qinan"),
    ("河北省", "保定市", "阜平县", "hebei-baoding-fuping", "fuping"),
    ("山东省", "临沂市", "沂南县", "shandong-linyi-yinan", "yinan"),
    ("江苏省", "宿迁市", "泗洪县", "jiangsu-suqian-sihong", "sihong"),
    ("吉林省", "延边州", "和龙市", "jilin-yanbian-helong", "helong"),
    ("黑龙江省", "伊春市", "铁力市", "heilongjiang-yichun-tieli", "tieli"),
    ("内蒙古自治区", "赤峰市", "宁城县", "neimenggu-chifeng-ningcheng", "ningcheng"),
)
# (name after the county, slug part): county-level offices, then town-level stations.
OFFICES = (
    ("信访局", "xinfangju"),
    ("群众工作局", "qunzhonggongzuoju"),
    ("人民来访接待中心", "laifang-jiedai-zhongxin"),
    ("信访事务服务中心", "xinfang-fuwu-zhongxin"),
    ("网上信访服务中心", "wangshang-xinfang-zhongxin"),
    ("矛盾纠纷多元化解中心", "maodun-huajie-zhongxin"),
    ("社会治理综合服务中心", "shehui-zhili-zhongxin"),
    ("人民建议征集办公室", "renmin-jianyi-bangongshi"),
)
TOWNS = (
    ("城关镇", "chengguan"),
    ("东关镇", "dongguan"),
    ("西关镇", "xiguan"),
    ("新城镇", "xincheng"),
    ("古城镇", "gucheng"),
    ("河西镇", "hexi"),
    ("河东镇", "hedong"),
    ("太平镇", "taiping"),
    ("长乐镇", "changle"),
    ("永安镇", "yongan"),
    ("青山镇", "qingshan"),
    ("龙泉镇", "longquan"),
    ("白云镇", "baiyun"),
    ("清水镇", "qingshui"),
    ("石桥镇", "shiqiao"),
    ("桃源镇", "taoyuan"),
    ("柳林镇", "liulin"),
    ("马坊镇", "mafang"),
    ("金鸡镇", "jinji"),
    ("双河镇", "shuanghe"),
)
UNIT_KINDS = OFFICES + tuple((f"{town}综治信访工作站", f"{slug}-xinfang-zhan") for town, slug in TOWNS)


class DemoDataError(Exception):
    """The output folder cannot be used (it holds something this command did not make)."""


@dataclass(frozen=True)
class DemoUnit:
    index: int
    name: str
    slug: str
    code: str
    region: tuple[str, str, str]
    region_slug: str
    staff: int


def demo_units(count: int, seed: int) -> list[DemoUnit]:
    """The first ``count`` units of the seed's fixed sequence (independent of ``count``)."""
    combos = [(r, k) for k in range(len(UNIT_KINDS)) for r in range(len(REGIONS))]
    random.Random(f"units-{seed}").shuffle(combos)
    units = []
    for index in range(count):
        region_no, kind_no = combos[index % len(combos)]
        province, city, county, region_slug, short = REGIONS[region_no]
        office, office_slug = UNIT_KINDS[kind_no]
        repeat = index // len(combos)  # beyond every combination: numbered branches
        suffix, slug_suffix = (f"第{repeat + 1}分中心", f"-{repeat + 1}") if repeat else ("", "")
        staff = random.Random(f"staff-{seed}-{index}").randint(4, 40)
        name, slug = f"{county}{office}{suffix}", f"{short}-{office_slug}{slug_suffix}"
        units.append(DemoUnit(index, name, slug, f"{index + 101:03d}001", (province, city, county), region_slug, staff))
    return units


@dataclass(frozen=True)
class DemoDisclosure:
    unit: DemoUnit
    year: int
    kind: str
    kind_slug: str
    ledger: Ledger
    last: Ledger  # the same kind, previous year (the figures the text compares against)
    planted: str  # "" or a key of PLANTED_KINDS

    @property
    def folder(self) -> str:
        return f"disclosures/{self.unit.region_slug}/{self.unit.slug}/{self.year}-{self.kind_slug}"


def read_function_codes(path: Path) -> dict[int, dict[str, str]]:
    """year -> code -> name from ``codes/function-codes.csv``."""
    by_year: dict[int, dict[str, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            last = int(row["year_to"]) if row["year_to"].strip() else 2100
            for year in range(int(row["year_from"]), min(last, 2100) + 1):
                by_year.setdefault(year, {})[row["code"].strip()] = row["name"].strip()
    return by_year


def unit_disclosures(
    unit: DemoUnit,
    years: int,
    seed: int,
    contradictions: float,
    function_codes: dict[int, dict[str, str]],
    planted_kinds: Sequence[str],
) -> Iterator[DemoDisclosure]:
    budgets: dict[int, Ledger] = {}  # year -> the 预算 ledger (its “三公” amounts are the 决算's 预算数)
    for kind_slug, kind in KINDS:
        rng = random.Random(f"ledger-{seed}-{unit.index}-{kind_slug}")
        grown = Decimal(1)
        last = make_ledger(rng, function_codes[FIRST_YEAR - 1], unit.staff, grown)
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            grown *= Decimal(rng.randint(95, 112)) / 100
            ledger = make_ledger(rng, function_codes[year], unit.staff, grown)
            if kind == "预算":
                budgets[year] = ledger
            else:
                ledger = replace(ledger, three_budget=budgets[year].three_actual)
            planted = rng.choice(list(planted_kinds)) if rng.random() < contradictions else ""
            if planted == "t09-sum" and not ledger.three_actual.total:
                planted = "t01-income-sum"
            if kind == "预算":  # the planted errors are in 决算 tables and text
                planted = ""
            yield DemoDisclosure(unit, year, kind, kind_slug, ledger, last, planted)
            last = ledger


NOTE = GENERATED_NOTE.replace("gongkai", "gongkai demo-data").removeprefix("# ").rstrip("\n")


def _yaml(document: dict[str, object], rel: str) -> str:
    return yaml_text(document, NOTE, rel)


TABLE_TITLES = {table_id: spec.title for table_id, spec in SPECS.items()}


def disclosure_files(d: DemoDisclosure, economic_codes: dict[str, str], seed: int) -> dict[str, str]:
    """Every file of one disclosure, path relative to its folder -> text."""
    rng = random.Random(f"text-{seed}-{d.unit.index}-{d.year}-{d.kind_slug}")
    unit = d.unit
    title = f"{unit.name}{d.year}年度单位{d.kind}公开"
    if d.kind == "预算":
        rows = budget_table_rows(d.ledger, economic_codes)
        empty = set(EMPTY_TABLES) | ({"Y09"} if not (d.ledger.three_actual.total or d.ledger.public) else set())
    else:
        rows = table_rows(d.ledger, economic_codes, d.planted)
        three = d.ledger.three_actual.total or d.ledger.three_budget.total
        empty = {"07", "08"} | ({"09"} if not three else set())
    tables = [
        {
            "id": table_id,
            "title": TABLE_TITLES[table_id],
            "file": SPECS[table_id].file,
            "unit": "万元",
            **({"no_data": True} if table_id in empty else {}),
            "notes": ["注：本套报表金额单位转换时可能存在尾数误差。"] if table_id in ("01", "Y01") else [],
        }
        for table_id in rows
    ]
    document = {
        "title": title,
        "unit": {
            "name": unit.name,
            "code": unit.code,
            "slug": unit.slug,
            "region": list(unit.region),
            "region_slug": unit.region_slug,
            "department": unit.name,
        },
        "year": d.year,
        "kind": d.kind,
        "published": f"{d.year + (1 if d.kind == '决算' else 0)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
        "revision": 1,
        "currency_unit": "万元",
        "parts": ["概况", f"{d.kind}表", "情况说明", "名词解释", "绩效"],
        "source": {"title": title, "file": "", "url": ""},
        "tables": tables,
    }
    projects = make_projects(rng, d.ledger)
    documents: list[tuple[str, dict[str, object]]] = [  # in this order: one random stream
        (DISCLOSURE.path, document),
        (OVERVIEW.path, overview_doc(rng, unit.name, unit.staff)),
        (EXPLANATIONS.path, explanations_doc(rng, d.ledger, d.last, d.year, d.kind, projects, d.planted)),
        (GLOSSARY.path, glossary_doc(rng)),
    ]
    files = {rel: _yaml(doc, f"{d.folder}/{rel}") for rel, doc in documents}
    files.update({SPECS[table_id].file: csv_text(lines) for table_id, lines in rows.items()})
    for number, project in enumerate(projects):
        doc = project_doc(project, rng, unit.name, unit.code, d.year)
        if d.planted == "project-rate" and number == 0:
            funds = doc["funds"]
            assert isinstance(funds, list)
            funds[0]["rate"] = f"{project.rate + 5}"
        rel = PROJECT.path.replace("*", project.slug)
        files[rel] = _yaml(doc, f"{d.folder}/{rel}")
    return files


def _site_yaml(units: int, years: int, seed: int) -> str:
    return _yaml(
        {
            "title": "合成数据示例：信访部门预决算公开",
            "description": f"由 gongkai demo-data 生成的合成数据（{units} 个单位、{years} 个年度、种子 {seed}），仅供测试与性能评估。",
            "office": "示例财政局预算公开办公室",
            "contact": "电话 0000-0000000",
            "icp": "",
            "site_url": "",
        },
        SITE.path,
    )


def prepare_output(out: Path) -> None:
    """Make ``out`` an empty folder, replacing it only if this command made it."""
    if out.exists():
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise DemoDataError(f"输出目录 {out} 已有其他文件；请指定一个空目录或不存在的目录")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by gongkai demo-data; the next run may replace this folder\n", encoding="utf-8")


def generate_corpus(
    out: Path,
    source: Path,
    *,
    units: int,
    years: int,
    seed: int,
    contradictions: float = 0.0,
    planted_kinds: Sequence[str] = tuple(PLANTED_KINDS),
) -> int:
    """Write a corpus into ``out`` (codes and site glossary copied from ``source``); return disclosures written."""
    function_codes = read_function_codes(source / "codes" / "function-codes.csv")
    with (source / "codes" / "economic-codes.csv").open(encoding="utf-8-sig", newline="") as handle:
        economic_codes = {row["code"].strip(): row["name"].strip() for row in csv.DictReader(handle)}
    prepare_output(out)
    write_files(out, {SITE.path: _site_yaml(units, years, seed)})
    for name in ("codes/function-codes.csv", "codes/economic-codes.csv", GLOSSARY.path):
        if (source / name).is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, out / name)
    planted: list[dict[str, str]] = []
    count = 0
    for unit in demo_units(units, seed):
        for d in unit_disclosures(unit, years, seed, contradictions, function_codes, planted_kinds):
            write_files(out / d.folder, disclosure_files(d, economic_codes, seed))
            count += 1
            if d.planted:
                planted.append(
                    {"folder": f"{out.name}/{d.folder}", "kind": d.planted, "what": PLANTED_KINDS[d.planted]}
                )
    write_files(out, {PLANTED_FILE: _yaml({"planted": planted}, PLANTED_FILE)})  # not part of the format
    return count
