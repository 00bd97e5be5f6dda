"""``gongkai import text|xlsx|docx``: the arguments, and running one import end to end."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from gongkai.diagnostics import Diagnostic, InputError, Severity
from gongkai.importers.corrections import apply_corrections, load_corrections
from gongkai.importers.identity import Overrides, apply_overrides
from gongkai.importers.report import MISSING
from gongkai.importers.result import ImportedDisclosure
from gongkai.importers.writer import Target, write_disclosure

EXAMPLE = (
    "例：gongkai import pdf 普陀区财政局2024年度部门决算.pdf --out data/ --published 2025-08-05 --url https://…\n"
    "    gongkai import text 公开全文.txt --out data/disclosures/shanxi-changzhi-xiangyuan/xiangyuan-xinfangju/2023-juesuan\n"
    "    gongkai import xlsx 决算表.xlsx --out data/disclosures/地区网址名/单位网址名/2024-juesuan --unit-name 某县信访局\n"
    "    gongkai import docx 情况说明.docx --out … --year 2024 --force\n"
    "输出目录名决定网址：<地区网址名>/<单位网址名>/<年度>-juesuan（或 -yusuan）；部门决算、部门预算以外的公开\n"
    "再加公开种类，如单位预算 2025-yusuan-danwei（--out data/ 时自动命名）。\n"
    "单位名称、年度、类别从文件中读取，可用参数覆盖；未能识别的内容逐条列出（附行号），其余照常导入。"
)
FORMATS = {
    "pdf": "公开网站上发布的 PDF（文字版，非扫描件）：表格逐格读取，文字按阅读顺序",
    "text": "预决算公开全文的文字版（.txt，UTF-8），如公开网站上的 PDF 转出的文字",
    "xlsx": "Excel 工作簿：每张公开表一个工作表（名为「公开01」…或表名）",
    "docx": "Word 文档：概况、情况说明、名词解释、绩效报告等文字部分，按标题识别",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=tuple(FORMATS), help="；".join(f"{k}：{v}" for k, v in FORMATS.items()))
    parser.add_argument("file", type=Path, help="要导入的文件")
    parser.add_argument(
        "--out", type=Path, required=True, help="输出的公开目录（data/disclosures/地区/单位/年度-类别）"
    )
    parser.add_argument("--unit-name", help="单位名称（覆盖文件中读到的）")
    parser.add_argument("--year", type=int, help="年度，如 2024")
    parser.add_argument("--kind", choices=("决算", "预算"), help="决算或预算")
    parser.add_argument("--region", help="所属地区，逗号分隔，如 山西省,长治市,襄垣县")
    parser.add_argument("--region-slug", help="地区网址名（默认取输出目录的上两级目录名）")
    parser.add_argument("--unit-slug", help="单位网址名（默认取输出目录的上一级目录名）")
    parser.add_argument("--published", type=_date, help="原文的公开日期，如 2025-08-05")
    parser.add_argument("--url", type=_url, help="原文在公开网站上的网址（http:// 或 https://）")
    parser.add_argument("--publisher", help="发布原文的机关，如 上海市普陀区财政局")
    parser.add_argument("--corrections", type=Path, help="记录的更正（YAML，见 docs/importers.md）")
    parser.add_argument(
        "--force", action="store_true", help="输出目录已有数据时，覆盖本次导入生成的文件（其他文件保留）"
    )
    parser.add_argument(
        "--partial", action="store_true", help="目录列出的表有未能导入的，仍写入其余部分（默认：报错，不写入）"
    )


PUBLICATION = ("published", "url", "publisher")  # where, when and by whom the original was published


def _date(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"公开日期应写作 年-月-日，如 2025-08-05：{text}")
    return text


def _url(text: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", text):
        raise argparse.ArgumentTypeError(f"网址应以 http:// 或 https:// 开头、不含空格：{text}")
    return text


def _importer(name: str) -> Callable[[Path], ImportedDisclosure]:
    if name == "pdf":
        from gongkai.importers.pdf import import_pdf
        from gongkai.importers.source import read_bytes

        return lambda path: import_pdf(read_bytes(path), path.name)
    if name == "xlsx":
        from gongkai.importers.xlsx import import_xlsx

        return import_xlsx
    if name == "docx":
        from gongkai.importers.docx import import_docx

        return import_docx
    from gongkai.importers.text import import_text

    return import_text


def run(args: argparse.Namespace) -> tuple[list[Path], list[Diagnostic], list[str]]:
    """Import and write; return the files written, the warnings and the report (PDF). Raises
    ``InputError`` on errors, and on a table the 目录 lists that was not imported (unless --partial)."""
    out = _importer(args.format)(args.file)
    corrections = load_corrections(args.corrections) if args.corrections else None
    region = tuple(r.strip() for r in args.region.split(",") if r.strip()) if args.region else None
    unit_name = args.unit_name or (corrections.unit_name if corrections else None)
    apply_overrides(out, Overrides(unit_name, args.year, args.kind, region))
    if args.out.name == "data" or (args.out / "disclosures").is_dir():
        target = Target.proposed(args.out, out, args.region_slug, args.unit_slug)
    else:
        target = Target.at(args.out, args.region_slug, args.unit_slug)
    if corrections:
        apply_corrections(out, corrections)
        target = Target(
            target.folder,
            args.region_slug or corrections.region_slug or target.region_slug,
            args.unit_slug or corrections.unit_slug or target.unit_slug,
            dict(corrections.project_slugs),
        )
    for name in PUBLICATION:  # given on the command line: over the document and a corrections file
        if getattr(args, name):
            setattr(out.identity, name, getattr(args, name))
    missing = [d for d in out.diagnostics if d.code == MISSING]
    if missing and not args.partial:
        raise InputError([replace(d, severity=Severity.ERROR) for d in missing])
    written = write_disclosure(out, target, force=args.force)
    return written, out.diagnostics, out.summary
