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
    "file-not-regular": CodeInfo("不是普通文件", E),
    "file-unreadable": CodeInfo("文件无法读取", E),
    "file-unexpected": CodeInfo("公开目录中有数据格式以外的文件", E),
    "path-outside-data": CodeInfo("链接指向 data/ 以外", E),
    "disclosure-too-large": CodeInfo("一份公开的数据过大", E),
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
    "table-side-invalid": CodeInfo("两栏式表的「收支」栏不是收入或支出", E),
    "csv-syntax": CodeInfo("CSV 格式错误", E),
    "subject-code-duplicate": CodeInfo("科目代码重复", E),
    "row-number-duplicate": CodeInfo("行次重复", E),
    "amount-not-numeric": CodeInfo("金额不是数字", E),
    "amount-fullwidth-digits": CodeInfo("金额使用了全角数字", E),
    "amount-thousands-separator": CodeInfo("金额带千位分隔符", E),
    "amount-spreadsheet-error": CodeInfo("金额是电子表格错误值", E),
    "amount-negative": CodeInfo("金额不应为负数", E),
    "number-too-large": CodeInfo("数字位数过多", E),
    "table-too-many-rows": CodeInfo("表格行数过多", E),
    "text-multiline": CodeInfo("单行字段中有换行", E),
    "chart-id-unknown": CodeInfo("图表编号无效", E),
}

# Findings of the consistency rules (docs/rules.md): published, shown to readers.
RULE_CODES: dict[str, CodeInfo] = {
    # 表内勾稽 (rules 1–11)
    "t01-income-sum": CodeInfo("收入总表：本年收入合计不等于各项收入之和", E),
    "t01-income-total": CodeInfo("收入总表：收入总计不等于本年收入合计、结余与年初结转之和", E),
    "t01-expense-sum": CodeInfo("收入总表：本年支出合计不等于各类支出之和", E),
    "t01-expense-total": CodeInfo("收入总表：支出总计不等于本年支出合计、结余分配与年末结转之和", E),
    "t01-totals-balance": CodeInfo("收入总表：收入总计不等于支出总计", E),
    "balance-parts-sum": CodeInfo("收支总表（无行次）：合计不等于上列各项之和", E),
    "balance-item-sum": CodeInfo("收支总表（无行次）：一项不等于其下各分项之和", E),
    "balance-total-sum": CodeInfo("收支总表（无行次）：总计不等于合计与其后各项之和", E),
    "t02-row-sum": CodeInfo("收入决算表：本年收入合计不等于各项收入之和", E),
    "t02-hierarchy-sum": CodeInfo("收入决算表：上级科目不等于下级科目之和", E),
    "t03-row-sum": CodeInfo("支出决算表：本年支出合计不等于各项支出之和", E),
    "t03-hierarchy-sum": CodeInfo("支出决算表：上级科目不等于下级科目之和", E),
    "t04-income-sum": CodeInfo("财政拨款总表：本年收入合计不等于三类财政拨款收入之和", E),
    "t04-carryover-sum": CodeInfo("财政拨款总表：年初结转和结余不等于三类之和", E),
    "t04-income-total": CodeInfo("财政拨款总表：收入总计不等于本年收入与年初结转之和", E),
    "t04-row-sum": CodeInfo("财政拨款总表：支出合计不等于三类财政拨款之和", E),
    "t04-expense-sum": CodeInfo("财政拨款总表：本年支出合计不等于各类支出之和", E),
    "t04-expense-total": CodeInfo("财政拨款总表：支出总计不等于本年支出与年末结转之和", E),
    "t04-totals-balance": CodeInfo("财政拨款总表：收入总计不等于支出总计", E),
    "t04-fund-balance": CodeInfo("财政拨款总表：某类资金的收支总计不平衡", E),
    "t05-row-sum": CodeInfo("一般公共预算支出表：合计不等于基本支出与项目支出之和", E),
    "t05-hierarchy-sum": CodeInfo("一般公共预算支出表：上级科目不等于下级科目之和", E),
    "t06-group-sum": CodeInfo("基本支出明细表：类不等于其下各款之和", E),
    "t06-personnel-sum": CodeInfo("基本支出明细表：人员经费合计不等于301与303之和", E),
    "t06-public-sum": CodeInfo("基本支出明细表：公用经费合计不等于其他各类之和", E),
    "t07-row-sum": CodeInfo("政府性基金表：本年支出小计不等于基本支出与项目支出之和", E),
    "t07-hierarchy-sum": CodeInfo("政府性基金表：上级科目不等于下级科目之和", E),
    "t07-balance": CodeInfo("政府性基金表：年末结转不等于年初结转加收入减支出", E),
    "t08-row-sum": CodeInfo("国有资本经营表：合计不等于基本支出与项目支出之和", E),
    "t08-hierarchy-sum": CodeInfo("国有资本经营表：上级科目不等于下级科目之和", E),
    "t09-total-sum": CodeInfo("“三公”经费表：合计不等于三项之和", E),
    "t09-vehicle-sum": CodeInfo("“三公”经费表：公务用车小计不等于购置费与运行维护费之和", E),
    "t10-procurement-sum": CodeInfo("相关信息表：政府采购合计不等于货物、工程、服务之和", E),
    "t10-vehicle-count-sum": CodeInfo("相关信息表：车辆数合计不等于各类车辆之和", E),
    "table-no-data-has-amounts": CodeInfo("标注「本表无数据」的表印有金额", E),
    "table-required-empty": CodeInfo("应有数据的表为空或未公布", E),
    "contents-table-missing": CodeInfo("目录列出的表正文中没有", E),
    "text-section-missing": CodeInfo("情况说明缺少模板要求的一节", W),
    # 跨表勾稽 (rules 12–18)
    "t01-t04-income": CodeInfo("收入总表与财政拨款总表的财政拨款收入不一致", E),
    "t01-t02-income-total": CodeInfo("收入总表与收入决算表的本年收入合计不一致", E),
    "t01-t03-expense-total": CodeInfo("收入总表与支出决算表的本年支出合计不一致", E),
    "t01-t03-expense-by-class": CodeInfo("收入总表与支出决算表的分类支出不一致", E),
    "t02-t04-appropriation": CodeInfo("收入决算表的财政拨款收入与财政拨款总表不一致", E),
    "t05-t04-general-expense": CodeInfo("一般公共预算支出表与财政拨款总表不一致", E),
    "t05-t06-basic": CodeInfo("基本支出与人员经费、公用经费之和不一致", E),
    "t09-t06-items": CodeInfo("“三公”经费决算数与基本支出明细不一致", E),
    "t10-t06-running-cost": CodeInfo("机关运行经费超过公用经费合计", E),
    "t01-t07-fund-presence": CodeInfo("政府性基金收入与政府性基金表有无数据不一致", E),
    "t01-t08-fund-presence": CodeInfo("国有资本经营收入与国有资本经营表有无数据不一致", E),
    # 预算 tables, and a 决算 against the published 预算 (rules.budget_tables)
    "budget-row-sum": CodeInfo("预算表：合计不等于各栏之和", E),
    "budget-hierarchy-sum": CodeInfo("预算表：上级科目不等于下级科目之和", E),
    "budget-totals-balance": CodeInfo("预算表：收入总计不等于支出总计", E),
    "budget-across-tables": CodeInfo("预算表之间的同一合计不一致", E),
    "budget-three-public-sum": CodeInfo("“三公”经费预算：合计不等于各项之和", E),
    "budget-initial-mismatch": CodeInfo("决算表所列年初预算与公开的预算不一致", W),
    "budget-change-mismatch": CodeInfo("预算情况说明：所述比上年增减额与所列本年、上年数不符", E),
    "budget-growth-mismatch": CodeInfo("预算情况说明：所述比上年增长率与所列本年、上年数不符", E),
    # 文字与表格 (rules 19–26)
    "text-amount-mismatch": CodeInfo("情况说明所述金额与表中数不一致", E),
    "text-sangong-mismatch": CodeInfo("情况说明所述「三公」经费与公开09表不一致", E),
    "text-change-mismatch": CodeInfo("情况说明所述增减额与本年、上年数不符", E),
    "text-change-direction": CodeInfo("情况说明所述增减方向与实际相反", E),
    "text-last-year-mismatch": CodeInfo("情况说明所述上年数与上年公开不一致", E),
    "text-percent-mismatch": CodeInfo("情况说明所述百分比与金额不符", E),
    "text-percent-undefined": CodeInfo("基数为零却印出百分比", W),
    "text-growth-from-zero": CodeInfo("上年为零的增长率", N),
    "text-parts-sum": CodeInfo("文中所列分项之和与总数不符", E),
    "text-part-exceeds-whole": CodeInfo("文中所述部分大于总数", E),
    "text-income-expense": CodeInfo("文中收支对不上", E),
    "text-figure-conflict": CodeInfo("同一个数前后所述不一致", E),
    "text-numbering-gap": CodeInfo("标题或条目编号跳号、重复", W),
    "text-self-contradiction": CodeInfo("同一句话自相矛盾", E),
    "text-flat-contradicted": CodeInfo("说「与上年持平」，别处数字却有增减", E),
    "text-percent-sign-missing": CodeInfo("比例没有印「%」", W),
    "text-shares-sum": CodeInfo("各项占比之和不为100%", E),
    "text-year-mismatch": CodeInfo("情况说明中的年度与公开年度不符", W),
    "text-unit-name": CodeInfo("文中单位名称不是本单位", W),
    "text-sangong-count": CodeInfo("「三公」支出与批次、人次、车辆数对不上", E),
    "text-change-no-reason": CodeInfo("增减变动未说明原因", W),
    "text-template-leftover": CodeInfo("留有未填写的模板文字", W),
    "document-template-unfilled": CodeInfo("参考格式未填写：封面栏目空白或留有占位名称", N),
    "text-figure-untied": CodeInfo("情况说明中有数字无法对应到表格", N),
    "staffing-mismatch": CodeInfo("概况与绩效报告的人员数不一致", E),
    # 绩效 (rules 27–33)
    "perf-rate-mismatch": CodeInfo("绩效自评表：执行率与预算数、执行数不符", E),
    "perf-balance-mismatch": CodeInfo("绩效自评表：资金结余不等于预算数减执行数", E),
    "perf-budget-score": CodeInfo("绩效自评表：预算执行得分与执行率不符", E),
    "perf-score-over-weight": CodeInfo("绩效自评表：指标得分超过分值", E),
    "perf-weights-sum": CodeInfo("绩效自评表：分值合计不为100", E),
    "perf-total-mismatch": CodeInfo("绩效自评表：总分不等于各项得分之和", E),
    "perf-grade-mismatch": CodeInfo("绩效自评表：等级与总分不符", E),
    "perf-missed-full-score": CodeInfo("绩效指标未达目标却得满分", E),
    "perf-missed-no-reason": CodeInfo("绩效指标未达目标却未说明偏差原因", W),
    "perf-quoted-score": CodeInfo("文字所述绩效得分与自评结果不一致", E),
    "perf-project-summary": CodeInfo("情况说明所述自评项目数、资金或等级与自评表不符", E),
    "perf-cost-mismatch": CodeInfo("成本指标与全年执行数不符", E),
    "perf-year-mismatch": CodeInfo("绩效自评的年度与公开年度不符", W),
    # 科目与单位 (rules 34–36)
    "subject-code-unknown": CodeInfo("科目代码不在科目表中", W),
    "subject-name-mismatch": CodeInfo("科目名称与科目表不一致", W),
    "amount-unit-yuan": CodeInfo("金额疑以「元」为单位填写", E),
    "amount-unit-yuan-text": CodeInfo("情况说明以「元」引用表中的万元数字", E),
}

# Importers (gongkai import text|xlsx|docx): what could not be read or placed (docs/importers.md).
IMPORT_CODES: dict[str, CodeInfo] = {
    "import-file-missing": CodeInfo("找不到要导入的文件", E),
    "import-file-too-large": CodeInfo("要导入的文件过大", E),
    "import-encoding": CodeInfo("文字文件不是 UTF-8 编码", E),
    "import-not-a-disclosure": CodeInfo("文件不像一份预决算公开", E),
    "import-identity-missing": CodeInfo("缺少单位名称、年度或网址名", E),
    "import-output-exists": CodeInfo("输出目录已有数据", E),
    "import-corrections-invalid": CodeInfo("导入更正文件有误", E),
    "import-xlsx-corrupt": CodeInfo("Excel 文件损坏或不是 .xlsx", E),
    "import-xlsx-encrypted": CodeInfo("Excel 文件有密码保护", E),
    "import-docx-corrupt": CodeInfo("Word 文件损坏或不是 .docx", E),
    "import-pdf-corrupt": CodeInfo("PDF 文件损坏、加密或不是 PDF", E),
    "import-pdf-too-large": CodeInfo("PDF 页数超过上限", E),
    "import-pdf-no-text": CodeInfo("PDF 中没有文字（扫描件）", E),
    "import-table-missing": CodeInfo("目录列出的表未能导入", W),
    "import-table-not-in-document": CodeInfo("目录列出的表正文中没有", W),
    "import-archive-too-large": CodeInfo("Office 文件解压后过大", E),
    "import-xml-forbidden": CodeInfo("Office 文件的 XML 含 DTD 或实体", E),
    "import-sheet-too-large": CodeInfo("工作表范围过大", E),
    "import-unplaced-line": CodeInfo("有内容未能归入任何部分", W),
    "import-truncated-table": CodeInfo("表格不完整", W),
    "import-cell-not-amount": CodeInfo("金额栏不是数字", W),
}

# The site could not be built or written (exit code 3); the previous build/ stays online.
BUILD_CODES: dict[str, CodeInfo] = {
    "build-locked": CodeInfo("另一次生成正在进行", E),
    "mkdocs-failed": CodeInfo("MkDocs 生成网站失败", E),
    "fs-read-only": CodeInfo("无法写入：只读或没有权限", E),
    "fs-disk-full": CodeInfo("磁盘已满", E),
    "fs-not-a-directory": CodeInfo("应是目录的地方是文件", E),
    "fs-error": CodeInfo("文件系统错误", E),
    "fonts-missing": CodeInfo("缺少中文字体", E),
    "pagefind-missing": CodeInfo("缺少站内搜索程序 Pagefind", E),
    "search-index-failed": CodeInfo("生成搜索索引失败", E),
}

CODES: dict[str, CodeInfo] = {**INPUT_CODES, **RULE_CODES, **IMPORT_CODES, **BUILD_CODES}


def title(code: str) -> str:
    """The plain-Chinese name of a code (the code itself if it is not catalogued)."""
    info = CODES.get(code)
    return info.title if info else code
