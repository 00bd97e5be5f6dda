"""Every diagnostic code gongkai can emit, with its plain-Chinese name (shown to readers and offices).

One entry per code.  ``docs/error-codes.md`` documents each code with its meaning and an example;
``tests/test_error_codes.py`` keeps this catalogue, the docs and the codes used in the source in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.diagnostics import Severity


@dataclass(frozen=True)
class CodeInfo:
    title: str  # plain Chinese name of the error or rule, e.g. 「收入合计不等于各项之和」
    severity: Severity


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

# Input errors: the data cannot be used as it is; the build stops and names every one.
INPUT_CODES: dict[str, CodeInfo] = {
    "data-folder-missing": CodeInfo("找不到数据目录", E),
    "site-config-missing": CodeInfo("缺少网站配置 site.yaml", E),
    "file-too-large": CodeInfo("文件过大", E),
    "file-empty": CodeInfo("文件为空", E),
    "file-not-utf8": CodeInfo("文件不是 UTF-8 编码", E),
    "yaml-syntax": CodeInfo("YAML 语法错误", E),
    "yaml-alias": CodeInfo("YAML 使用了锚点或别名", E),
    "yaml-duplicate-key": CodeInfo("YAML 键重复", E),
    "schema-missing-field": CodeInfo("缺少必填字段", E),
    "schema-unknown-field": CodeInfo("未知字段", E),
    "schema-wrong-type": CodeInfo("字段类型不对", E),
    "schema-invalid-value": CodeInfo("字段取值无效", E),
    "schema-out-of-range": CodeInfo("字段取值超出范围", E),
    "year-out-of-range": CodeInfo("年度超出范围", E),
    "slug-invalid": CodeInfo("网址名（slug）不合规", E),
    "slug-mismatch": CodeInfo("目录名与数据不一致", E),
    "disclosure-duplicate": CodeInfo("同一公开重复", E),
    "table-duplicate": CodeInfo("同一张表重复", E),
    "table-file-missing": CodeInfo("缺少表格文件", E),
    "csv-header-mismatch": CodeInfo("表头与规定格式不符", E),
    "csv-row-length": CodeInfo("一行的栏数不对", E),
    "subject-code-duplicate": CodeInfo("科目代码重复", E),
    "amount-not-numeric": CodeInfo("金额不是数字", E),
    "amount-fullwidth-digits": CodeInfo("金额使用了全角数字", E),
    "amount-thousands-separator": CodeInfo("金额带千位分隔符", E),
    "amount-spreadsheet-error": CodeInfo("金额是电子表格错误值", E),
    "amount-negative": CodeInfo("金额不应为负数", E),
}

# Findings of the consistency rules (shared/reference/rules.md): published, shown to readers.
RULE_CODES: dict[str, CodeInfo] = {
    # 表内勾稽 (rules 1–11)
    "t01-income-sum": CodeInfo("收入总表：本年收入合计不等于各项收入之和", E),
    # 跨表勾稽 (rules 12–18)
    # 文字与表格 (rules 19–26)
    # 绩效 (rules 27–33)
    # 科目与单位 (rules 34–36)
    "amount-unit-yuan": CodeInfo("金额疑以「元」为单位填写", E),
}

CODES: dict[str, CodeInfo] = {**INPUT_CODES, **RULE_CODES}


def title(code: str) -> str:
    """The plain-Chinese name of a code (the code itself if it is not catalogued)."""
    info = CODES.get(code)
    return info.title if info else code
