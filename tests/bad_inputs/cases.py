"""Malformed inputs, each a small patch of the valid ``base/`` data folder with the code it must produce.

``file`` is relative to the data folder; ``{d}`` stands for the disclosure folder.  ``line`` and
``field`` are the position the diagnostic must name (``None``: not checked).  ``where`` is the file the
diagnostic must name when it is not the patched one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bad_inputs import DISCLOSURE

Patch = Callable[[Path], None]  # applied to the data folder


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    code: str
    patch: Patch
    line: int | None = None
    field: str | None = None
    where: str | None = None
    says: str = ""  # text the message must contain (to tell apart diagnostics with the same code)

    @property
    def expected_file(self) -> str:
        return "data/" + (self.where or self.file).replace("{d}", DISCLOSURE)


def _path(data: Path, file: str) -> Path:
    return data / file.replace("{d}", DISCLOSURE)


def write(file: str, content: str | bytes) -> Patch:
    def apply(data: Path) -> None:
        path = _path(data, file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return apply


def replace(file: str, old: str, new: str) -> Patch:
    def apply(data: Path) -> None:
        path = _path(data, file)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def encode(file: str, encoding: str) -> Patch:
    """Re-save a base file in another encoding (GBK, UTF-16 …)."""

    def apply(data: Path) -> None:
        path = _path(data, file)
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return apply


def together(*patches: Patch) -> Patch:
    def apply(data: Path) -> None:
        for patch in patches:
            patch(data)

    return apply


def delete(file: str) -> Patch:
    return lambda data: _path(data, file).unlink()


def copy_disclosure(region: str) -> Patch:
    """The same disclosure once more under another region folder (and region_slug)."""

    def apply(data: Path) -> None:
        target = data / "disclosures" / region / "test-unit" / "2023-juesuan"
        shutil.copytree(_path(data, "{d}"), target)
        yaml = target / "disclosure.yaml"
        yaml.write_text(
            yaml.read_text(encoding="utf-8").replace("region_slug: test-region", f"region_slug: {region}"),
            encoding="utf-8",
        )

    return apply


DISC = "{d}/disclosure.yaml"
OVERVIEW = "{d}/overview.yaml"
EXPLAIN = "{d}/explanations.yaml"
GLOSSARY = "{d}/glossary.yaml"
PROJECT = "{d}/performance/projects/test-project.yaml"
T01 = "{d}/tables/gongkai01.csv"
T02 = "{d}/tables/gongkai02.csv"
T10 = "{d}/tables/gongkai10.csv"
FC = "codes/function-codes.csv"
T02_ROW = "201,一般公共服务支出,100.00,100.00,,,,,"
T02_HEADER = "科目代码,科目名称,本年收入合计,财政拨款收入,上级补助收入,事业收入,经营收入,附属单位上缴收入,其他收入"
TABLE_10 = '  - id: "10"\n    title: 部门决算公开相关信息统计表\n    file: tables/gongkai10.csv\n    unit: 万元\n'
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _t02_cell(value: str) -> Patch:
    """公开02 科目201, 栏「本年收入合计」 (CSV line 3) printed as ``value``."""
    return replace(T02, T02_ROW, T02_ROW.replace("100.00", value, 1))


def _with_table_10(rows: str) -> Patch:
    def apply(data: Path) -> None:
        replace(DISC, '  - id: "07"\n', TABLE_10 + '  - id: "07"\n')(data)
        write(T10, "行次,项目,统计数\n" + rows)(data)

    return apply


CASES: list[Case] = [
    # --- broken YAML ---
    Case("yaml-unclosed-flow-list", DISC, "yaml-syntax", replace(DISC, "[测试省, 测试市]", "[测试省, 测试市"), 7),
    Case("yaml-tab-indentation", OVERVIEW, "yaml-syntax", write(OVERVIEW, "sections:\n\t- title: 职责\n"), 2),
    Case(
        "yaml-colon-in-plain-text", EXPLAIN, "yaml-syntax", replace(EXPLAIN, "- 2023年度", "- 说明: 原因: 2023年度"), 4
    ),
    Case(
        "yaml-unclosed-quote", GLOSSARY, "yaml-syntax", replace(GLOSSARY, "term: 财政拨款收入", 'term: "财政拨款收入')
    ),
    Case(
        "yaml-duplicate-key", DISC, "yaml-duplicate-key", replace(DISC, "year: 2023\n", "year: 2023\nyear: 2024\n"), 10
    ),
    Case(
        "yaml-duplicate-nested-key",
        GLOSSARY,
        "yaml-duplicate-key",
        replace(GLOSSARY, "term: 财政拨款收入\n", "term: 财政拨款收入\n    term: 事业收入\n"),
        4,
    ),
    Case("yaml-anchor-and-alias", DISC, "yaml-alias", replace(DISC, "unit:\n", "unit: &unit\n"), 2),
    Case("yaml-alias-bomb", "glossary.yaml", "yaml-alias", write("glossary.yaml", BOMB), 1),
    Case("yaml-merge-key", "site.yaml", "yaml-alias", write("site.yaml", "base: &b {title: x}\nsite:\n  <<: *b\n"), 1),
    Case(
        "yaml-nesting-bomb", OVERVIEW, "yaml-syntax", write(OVERVIEW, "sections: " + "[" * 5000 + "]" * 5000 + "\n"), 1
    ),
    Case("yaml-two-documents", OVERVIEW, "yaml-syntax", write(OVERVIEW, "sections: []\n---\nsections: []\n"), 2),
    Case("yaml-python-tag", OVERVIEW, "yaml-syntax", write(OVERVIEW, "sections: !!python/object:os.system [ls]\n"), 1),
    Case("yaml-alias-in-broken-file", GLOSSARY, "yaml-alias", write(GLOSSARY, "entries: [*a, {term: x\n"), 1),
    # --- empty files, encodings ---
    Case("empty-yaml", OVERVIEW, "file-empty", write(OVERVIEW, "")),
    Case("whitespace-only-yaml", EXPLAIN, "file-empty", write(EXPLAIN, "  \n\n\t\n")),
    Case("comment-only-yaml", GLOSSARY, "file-empty", write(GLOSSARY, "# 以后再填\n")),
    Case("empty-csv", T02, "file-empty", write(T02, b"")),
    Case("empty-site-config", "site.yaml", "file-empty", write("site.yaml", "\n")),
    Case("gbk-yaml", OVERVIEW, "file-not-utf8", encode(OVERVIEW, "gbk"), 2),
    Case("gbk-csv", T02, "file-not-utf8", encode(T02, "gbk"), 1),
    Case("gb18030-disclosure", DISC, "file-not-utf8", encode(DISC, "gb18030"), 1),
    Case("utf16-le-csv-from-excel", T01, "file-not-utf8", encode(T01, "utf-16")),
    Case("utf16-be-yaml", EXPLAIN, "file-not-utf8", write(EXPLAIN, b"\xfe\xff" + "sections: []\n".encode("utf-16-be"))),
    Case("utf16-without-bom", GLOSSARY, "file-not-utf8", encode(GLOSSARY, "utf-16-le")),
    Case("binary-file-as-csv", T01, "file-not-utf8", write(T01, b"\x89PNG\r\n\x1a\n\x00\x00\x00")),
    # --- YAML shape: missing, unknown, wrong types, out of range ---
    Case(
        "missing-title",
        DISC,
        "schema-missing-field",
        replace(DISC, "title: 测试局2023年度单位决算公开\n", ""),
        None,
        "title",
    ),
    Case("missing-unit-slug", DISC, "schema-missing-field", replace(DISC, "  slug: test-unit\n", ""), 3, "unit.slug"),
    Case(
        "missing-source",
        DISC,
        "schema-missing-field",
        replace(DISC, 'source:\n  title: 测试局2023年度单位决算公开\n  file: test.txt\n  url: ""\n', ""),
        None,
        "source",
    ),
    Case("empty-unit-name", DISC, "schema-missing-field", replace(DISC, "name: 测试局", 'name: ""'), 3, "unit.name"),
    Case("empty-glossary", GLOSSARY, "schema-missing-field", write(GLOSSARY, "entries: []\n"), 1, "entries"),
    Case("no-explanation-sections", EXPLAIN, "schema-missing-field", write(EXPLAIN, "sections: []\n"), 1, "sections"),
    Case(
        "missing-project-name", PROJECT, "schema-missing-field", replace(PROJECT, "name: 测试项目\n", ""), None, "name"
    ),
    Case("misspelt-field", DISC, "schema-unknown-field", replace(DISC, "published:", "publised:"), 11, "publised"),
    Case(
        "unknown-nested-field",
        OVERVIEW,
        "schema-unknown-field",
        replace(OVERVIEW, "  text:", "  txt:"),
        9,
        "staffing.txt",
    ),
    Case("year-in-chinese", DISC, "schema-wrong-type", replace(DISC, "year: 2023", "year: 二〇二三"), 9, "year"),
    Case("year-as-list", PROJECT, "schema-wrong-type", replace(PROJECT, "year: 2023", "year: [2023]"), 2, "year"),
    Case(
        "staff-count-as-text", OVERVIEW, "schema-wrong-type", replace(OVERVIEW, "authorized: 5", "authorized: 五名"), 6
    ),
    Case(
        "parts-not-a-list",
        DISC,
        "schema-wrong-type",
        replace(DISC, "parts: [概况, 决算表, 情况说明, 名词解释, 绩效]", "parts: 全部"),
        14,
        "parts",
    ),
    Case("top-level-list", OVERVIEW, "schema-wrong-type", write(OVERVIEW, "- 职责\n- 机构\n"), 1),
    Case("top-level-scalar", "site.yaml", "schema-wrong-type", write("site.yaml", "测试网站\n"), 1),
    Case("no-data-not-boolean", DISC, "schema-wrong-type", replace(DISC, "no_data: true", "no_data: 是的")),
    Case("revision-zero", DISC, "schema-out-of-range", replace(DISC, "revision: 1", "revision: 0"), 12, "revision"),
    Case("negative-staff-count", OVERVIEW, "schema-out-of-range", replace(OVERVIEW, "retired: 1", "retired: -1"), 8),
    Case("unknown-kind", DISC, "schema-invalid-value", replace(DISC, "kind: 决算", "kind: 决算书"), 10, "kind"),
    Case("unknown-table-id", DISC, "schema-invalid-value", replace(DISC, 'id: "07"', 'id: "11"'), 45, "tables.6.id"),
    Case(
        "overall-kind-invalid",
        "{d}/performance/overall.yaml",
        "schema-invalid-value",
        write("{d}/performance/overall.yaml", "title: 整体评价\nkind: 总结报告\nyear: 2023\n"),
        2,
        "kind",
    ),
    Case("year-too-early", DISC, "year-out-of-range", replace(DISC, "year: 2023", "year: 1999"), 9, "year"),
    Case("year-too-late", PROJECT, "year-out-of-range", replace(PROJECT, "year: 2023", "year: 2101"), 2, "year"),
    # --- slugs and paths ---
    Case("slug-dot-dot", DISC, "slug-invalid", replace(DISC, "slug: test-unit", "slug: ../evil"), 5, "unit.slug"),
    Case("slug-with-slash", DISC, "slug-invalid", replace(DISC, "region_slug: test-region", "region_slug: a/b"), 7),
    Case("slug-absolute", DISC, "slug-invalid", replace(DISC, "slug: test-unit", "slug: /etc"), 5, "unit.slug"),
    Case("slug-chinese", DISC, "slug-invalid", replace(DISC, "slug: test-unit", "slug: 测试局"), 5, "unit.slug"),
    Case("slug-uppercase", DISC, "slug-invalid", replace(DISC, "slug: test-unit", "slug: Test-Unit"), 5, "unit.slug"),
    Case(
        "slug-not-folder",
        DISC,
        "slug-mismatch",
        replace(DISC, "slug: test-unit", "slug: other-unit"),
        5,
        "unit.slug",
    ),
    Case("year-not-folder", DISC, "slug-mismatch", replace(DISC, "year: 2023", "year: 2022"), 9, "year"),
    Case("kind-not-folder", DISC, "slug-mismatch", replace(DISC, "kind: 决算", "kind: 预算"), 9, "year"),
    Case(
        "project-file-name",
        "{d}/performance/projects/Bad_Name.yaml",
        "slug-invalid",
        write("{d}/performance/projects/Bad_Name.yaml", "name: x\nyear: 2023\n"),
    ),
    Case(
        "duplicate-disclosure",
        DISC,
        "disclosure-duplicate",
        copy_disclosure("zz-region"),
        where="disclosures/zz-region/test-unit/2023-juesuan/disclosure.yaml",
    ),
    # --- tables ---
    Case(
        "table-path-escapes-folder",
        DISC,
        "table-file-missing",
        replace(DISC, "file: tables/gongkai02.csv", "file: ../../../../site.yaml"),
        25,
        "tables.1",
    ),
    Case(
        "table-path-absolute",
        DISC,
        "table-file-missing",
        replace(DISC, "file: tables/gongkai02.csv", "file: /etc/passwd"),
        25,
        "tables.1",
    ),
    Case("table-file-absent", T02, "table-file-missing", delete(T02), 25, "tables.1", where=DISC),
    Case(
        "table-without-file",
        DISC,
        "table-file-missing",
        replace(DISC, "    file: tables/gongkai02.csv\n", ""),
        25,
        "tables.1",
    ),
    Case("table-listed-twice", DISC, "table-duplicate", replace(DISC, 'id: "07"', 'id: "02"'), 45, "tables.6"),
    Case("csv-wrong-header", T01, "csv-header-mismatch", replace(T01, "行次,项目,金额", "序号,项目,金额"), 1),
    Case(
        "csv-columns-reordered",
        T02,
        "csv-header-mismatch",
        replace(T02, "财政拨款收入,上级补助收入", "上级补助收入,财政拨款收入"),
        1,
    ),
    Case(
        "csv-side-not-income-or-expense",
        T01,
        "table-side-invalid",
        write(T01, "收支,项目,金额\n收入,本年收入合计,100.00\n左,总计,100.00\n"),
        3,
    ),
    Case("csv-extra-comma", T02, "csv-row-length", replace(T02, T02_ROW, T02_ROW + ","), 3),
    Case("csv-missing-cells", T01, "csv-row-length", replace(T01, "27,本年收入合计,100.00", "27,100.00"), 4),
    Case("subject-code-twice", T02, "subject-code-duplicate", replace(T02, "2010301,行政运行", "20103,行政运行"), 5),
    Case("row-number-twice", T01, "row-number-duplicate", replace(T01, "31,总计,100.00", "27,总计,100.00"), 5),
    Case("csv-unclosed-quote", T01, "csv-syntax", write(T01, '行次,项目,金额\n1,"收入,' + "字" * 140_000 + "\n"), 2),
    Case(
        "codes-csv-short-row",
        "codes/function-codes.csv",
        "csv-row-length",
        write(FC, "year_from,year_to,code,name\n2018,,201\n"),
        2,
    ),
    Case(
        "codes-csv-year-span", FC, "year-out-of-range", write(FC, "year_from,year_to,code,name\n1,999999999,201,x\n"), 2
    ),
    Case(
        "codes-csv-years-reversed",
        FC,
        "year-out-of-range",
        write(FC, "year_from,year_to,code,name\n2030,2000,201,x\n"),
        2,
    ),
    Case(
        "codes-csv-header",
        "codes/function-codes.csv",
        "csv-header-mismatch",
        replace("codes/function-codes.csv", "year_from,year_to", "from,to"),
        1,
    ),
    Case(
        "codes-csv-year-text",
        "codes/function-codes.csv",
        "schema-wrong-type",
        replace("codes/function-codes.csv", "2018,,201,", "二〇一八,,201,"),
        2,
        "year_from",
    ),
    # --- amounts ---
    Case("misplaced-thousands-separator", T02, "amount-thousands-separator", _t02_cell('"12,34.50"'), 3),
    Case("fullwidth-digits", T02, "amount-fullwidth-digits", _t02_cell("１００.００"), 3),
    Case(
        "fullwidth-decimal-point",
        T01,
        "amount-fullwidth-digits",
        replace(T01, "1,一、一般公共预算财政拨款收入,100.00", "1,一、一般公共预算财政拨款收入,100．00"),
        2,
    ),
    Case("div-by-zero", T02, "amount-spreadsheet-error", _t02_cell("#DIV/0!"), 3),
    Case("value-error", T01, "amount-spreadsheet-error", replace(T01, "31,总计,100.00", "31,总计,#VALUE!"), 5),
    Case("text-for-number", T02, "amount-not-numeric", _t02_cell("一百"), 3),
    Case("unit-in-cell", T02, "amount-not-numeric", _t02_cell("100.00万元"), 3),
    Case("scientific-notation", T02, "amount-not-numeric", _t02_cell("1e2"), 3),
    Case("zero-written-o", T02, "amount-not-numeric", _t02_cell("O.00"), 3),
    Case("negative-count", T10, "amount-negative", _with_table_10("1,一、机关运行经费,-3\n"), 2),
    Case(
        "project-rate-text",
        PROJECT,
        "amount-not-numeric",
        replace(PROJECT, 'rate: "90"', 'rate: "九成"'),
        12,
        "funds.0.rate",
    ),
    Case(
        "project-score-fullwidth",
        PROJECT,
        "amount-fullwidth-digits",
        replace(PROJECT, 'total_score: "99"', 'total_score: "９９"'),
        None,
        "total_score",
    ),
    Case(
        "chart-value-spreadsheet-error",
        "{d}/charts.yaml",
        "amount-spreadsheet-error",
        write(
            "{d}/charts.yaml",
            'charts:\n  - figure: 图1\n    title: 收支\n    points:\n      - {category: 2023年, value: "#REF!"}\n',
        ),
        5,
    ),
    # --- whole files ---
    Case("no-site-config", "site.yaml", "site-config-missing", delete("site.yaml")),
    # --- findings (the data loads; the rules report it) ---
    Case(
        "required-table-not-listed",
        DISC,
        "table-required-empty",
        together(
            replace(DISC, '  - id: "02"\n    title: 收入决算表\n    file: tables/gongkai02.csv\n    unit: 万元\n', ""),
            delete(T02),  # an unlisted table file would be a stray file (file-unexpected)
        ),
        field="tables",
        says="公开02表",
    ),
    Case("unknown-subject-code", T02, "subject-code-unknown", replace(T02, "2010301,行政运行", "2010399,行政运行"), 5),
    Case(
        "subject-name-not-the-years",
        T02,
        "subject-name-mismatch",
        replace(T02, "2010301,行政运行", "2010301,一般行政管理事务"),
        5,
    ),
    Case(
        "dash-in-printed-total",
        T01,
        "t01-income-sum",
        together(
            replace(
                T01,
                "收入,100.00\n2,二、政府性基金预算财政拨款收入,",
                "收入,60.00\n2,二、政府性基金预算财政拨款收入,40.00",
            ),
            replace(T01, "27,本年收入合计,100.00", "27,本年收入合计,—"),
        ),
        4,
    ),
    Case("total-not-sum", T01, "t01-income-sum", replace(T01, "27,本年收入合计,100.00", "27,本年收入合计,90.00"), 4),
    Case(
        "total-in-yuan",
        T01,
        "amount-unit-yuan",
        replace(T01, "27,本年收入合计,100.00", "27,本年收入合计,1000000.00"),
        4,
    ),
]


# --- not errors: hostile text in text fields must come out escaped on every page ---
SCRIPT = "<script>alert(1)</script>"
MARKDOWN_LINES = ("# 标题", "| a | b |", "---", "```", "[点我](javascript:alert(1))", "<img src=x onerror=alert(1)>")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HOSTILE_TEXT = together(
    replace(DISC, "name: 测试局", "name: " + _quoted("测试局" + SCRIPT + ' "引号": 冒号')),
    replace(DISC, "department: 测试局", f"department: {_quoted(SCRIPT)}"),
    replace(DISC, "region: [测试省, 测试市]", f"region: [{_quoted(SCRIPT)}, 测试市]"),
    replace(DISC, "title: 收入决算表", f"title: {_quoted('收入决算表' + SCRIPT)}"),
    replace(DISC, "  title: 测试局2023年度单位决算公开\n  file", '  title: "[x](javascript:alert(1))"\n  file'),
    replace(DISC, 'notes: ["注：', f'notes: [{_quoted(SCRIPT)}, "注：'),
    replace(OVERVIEW, "title: 一、本部门（单位）职责", f"title: {_quoted('一、' + SCRIPT)}"),
    replace(
        OVERVIEW,
        "- 负责测试工作。",
        "\n      ".join(f"- {_quoted(line + SCRIPT)}" for line in MARKDOWN_LINES),
    ),
    replace(EXPLAIN, "- 2023年度", f"- {_quoted(SCRIPT)}\n      - 2023年度"),
    replace(GLOSSARY, "term: 财政拨款收入", f"term: {_quoted('财政拨款收入' + SCRIPT)}"),
    replace(GLOSSARY, "definition: 指", f"definition: {_quoted(SCRIPT)}\n    aliases: [{_quoted(SCRIPT)}]\n    #"),
    replace(PROJECT, "name: 测试项目", f"name: {_quoted('测试项目' + SCRIPT)}"),
    replace(PROJECT, "name: 测试次数", f"name: {_quoted('[x](javascript:alert(1))')}"),
    replace(PROJECT, "target: 按时完成测试", f"target: {_quoted(SCRIPT)}"),
    replace(T02, "行政运行", f'"行政运行{SCRIPT}"'),
    replace("site.yaml", "title: 测试网站", f"title: {_quoted('测试网站' + SCRIPT)}"),
)
