"""The ``gongkai`` command: parses arguments and maps domain errors to Chinese messages and exit codes.

Exit codes: 0 success (findings alone never fail), 1 input errors, 2 usage errors, 3 the site could
not be built (the previous ``build/`` is kept).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gongkai import __version__
from gongkai.diagnostics import InputError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUILD = 0, 1, 2, 3

EXAMPLES = {
    "build": "例：gongkai build            # 用 data/ 生成 content/ 与 build/\n"
    "    gongkai build --data 其他目录/data --no-progress\n"
    "    gongkai build --force       # 即使输入没有改变也重新生成\n"
    "    gongkai build --scheduler tcp://10.0.0.5:8786   # 在已有的 Dask 集群上绘制图表\n"
    "    gongkai build --chart-cache ~/.cache/gongkai-svg   # 多个项目共用图表缓存\n"
    "    gongkai build --shard-by region --workers 2   # 按地区分片，两个进程并行生成",
    "check": "例：gongkai check             # 只核验，不生成网站\n    gongkai check --format json > 核验结果.json",
    "serve": "例：gongkai serve             # 本地预览 http://127.0.0.1:8000/，修改数据后自动重建",
    "demo-data": "例：gongkai demo-data --units 100 --years 5 --seed 1 --out 合成数据/data\n"
    "    gongkai demo-data --units 3 --years 1 --out /tmp/demo --contradictions 0.1  # 一成公开含人为错误",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"gongkai：参数错误：{message}（用 --help 查看用法）", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _positive(text: str) -> int:
    """An option's value that must be a whole number ≥ 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    from gongkai.shards import KEYS

    parser = _Parser(
        prog="gongkai",
        description="把预决算公开数据生成为可搜索、可核对的静态网站。",
        epilog="例：gongkai build && gongkai serve\n每个命令都有 --help，如 gongkai check --help。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--project",
            type=Path,
            default=Path("."),
            help="项目目录（含 data/，可另放自己的 mkdocs.yml 和 site_templates/），默认当前目录",
        )
        sub.add_argument("--data", type=Path, default=None, help="数据目录，默认 <项目目录>/data")
        return sub

    build = command("build", "读取并核验数据，生成 content/ 下的页面和 build/ 下的网站")
    build.add_argument("--no-progress", action="store_true", help="不显示进度（CI 中默认不显示）")
    build.add_argument("--force", action="store_true", help="即使数据、模板和程序都没有改变也重新生成")
    build.add_argument(
        "--scheduler",
        default=None,
        help="已有 Dask 集群的调度器地址（如 tcp://10.0.0.5:8786），图表在其工作进程上绘制；默认在本机启动",
    )
    build.add_argument(
        "--workers", type=_positive, default=None, help="本机绘图和分片生成的进程数，默认每个 CPU 核一个"
    )
    build.add_argument(
        "--shard-by",
        choices=KEYS,
        default=None,
        help="分片生成：每个地区一个独立的 MkDocs 站点，加上首页等顶层站点，拼合为一个 build/；"
        "只重新生成内容有变化的分片（大量公开时使用）。默认整站一次生成",
    )
    build.add_argument(
        "--chart-cache",
        type=Path,
        default=None,
        help="图表缓存目录，可由多个项目共用，默认 <项目目录>/.gongkai/svg-cache",
    )
    check = command("check", "只读取并核验数据，列出全部问题，不生成网站")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式，默认 text")
    serve = command("serve", "生成网站并在本地预览，数据或模板改动后自动重建")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="预览地址，默认 127.0.0.1:8000")
    demo = command("demo-data", "生成合成的预决算公开数据（每个单位每年一份预算、一份决算），用于测试和性能评估")
    demo.add_argument("--units", type=int, default=10, help="单位数，默认 10")
    demo.add_argument("--years", type=int, default=5, help="年度数（从 2020 年起），默认 5")
    demo.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成完全相同的文件，默认 1")
    demo.add_argument("--out", type=Path, required=True, help="输出的数据目录（须为空目录、不存在，或上次生成的目录）")
    demo.add_argument("--contradictions", type=float, default=0.0, help="含人为错误的公开所占比例（0–1），默认 0")
    from gongkai.importers.command import EXAMPLE as IMPORT_EXAMPLE
    from gongkai.importers.command import add_arguments as add_import_arguments

    import_help = "把公开全文（文字版）、Excel 决算表或 Word 文档导入为 data/ 下的一份公开"
    importer = commands.add_parser(
        "import",
        help=import_help,
        description=import_help,
        epilog=IMPORT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_import_arguments(importer)
    return parser


def _input_failed(error: InputError) -> int:
    from gongkai import check_report

    print(check_report.text(check_report.input_groups(error.diagnostics)), file=sys.stderr)
    print("数据有错误，未生成网站（原有 build/ 保持不变）。请按上面的提示修改后重试。", file=sys.stderr)
    return EXIT_INPUT


def _build(args: argparse.Namespace) -> int:
    from gongkai.build import Paths, Progress, build_if_changed
    from gongkai.cluster import Engine
    from gongkai.diagnostics import BuildFailed

    paths = Paths.at(
        args.project.resolve(),
        args.data.resolve() if args.data else None,
        args.chart_cache.resolve() if args.chart_cache else None,
    )
    progress = Progress(False) if args.no_progress else Progress()
    try:
        summary, result = build_if_changed(
            paths, progress, force=args.force, engine=Engine(args.scheduler, args.workers), shard_by=args.shard_by
        )
    except InputError as error:
        return _input_failed(error)
    except BuildFailed as error:
        print(f"网站生成失败（原有 build/ 保持不变）：{error.format()}", file=sys.stderr)
        return EXIT_BUILD
    counts = f"{summary.disclosures} 份公开、{summary.pages} 个页面、{summary.charts} 张图表"
    if result is None:
        print(
            f"数据、模板和程序自上次生成以来都没有改变，网站未重新生成（{counts}；核验发现 {summary.findings} 处问题）。"
            f"网站在 {paths.build}/；要重新生成请加 --force。"
        )
        return EXIT_OK
    print(
        f"已生成 {counts}；content/ 更新 {result.written} 个文件、删除 {result.deleted} 个；"
        f"核验发现 {summary.findings} 处问题。网站在 {paths.build}/"
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from gongkai import check_report
    from gongkai.load import load_corpus
    from gongkai.rules import check_corpus

    data = (args.data or args.project / "data").resolve()
    try:
        corpus = load_corpus(data)
    except InputError as error:
        if args.format == "json":
            print(check_report.as_json(check_report.input_groups(error.diagnostics), ok=False))
            return EXIT_INPUT
        return _input_failed(error)
    groups = check_report.finding_groups(corpus, check_corpus(corpus))
    if args.format == "json":
        print(check_report.as_json(groups, ok=True))
    else:
        print(check_report.text(groups))
        print(f"共 {len(corpus.disclosures)} 份公开；核验发现的问题来自原文，不影响生成网站。")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from gongkai.build import Paths
    from gongkai.diagnostics import BuildFailed
    from gongkai.serve import serve

    paths = Paths.at(args.project.resolve(), args.data.resolve() if args.data else None)
    try:
        serve(paths, args.addr)
    except InputError as error:
        return _input_failed(error)
    except BuildFailed as error:
        print(f"gongkai：{error.format()}", file=sys.stderr)
        return EXIT_BUILD
    return EXIT_OK


def _demo_data(args: argparse.Namespace) -> int:
    from gongkai.demo.corpus import DemoDataError, generate_corpus

    if args.units < 1 or not 1 <= args.years <= 50 or not 0 <= args.contradictions <= 1:
        problem = "--units 至少为 1，--years 在 1–50 之间，--contradictions 在 0–1 之间"
        print(f"gongkai：参数错误：{problem}", file=sys.stderr)
        return EXIT_USAGE
    source = (args.data or args.project / "data").resolve()
    try:
        count = generate_corpus(
            args.out.resolve(),
            source,
            units=args.units,
            years=args.years,
            seed=args.seed,
            contradictions=args.contradictions,
        )
    except DemoDataError as error:
        print(f"gongkai：{error}", file=sys.stderr)
        return EXIT_USAGE
    except FileNotFoundError as error:
        print(f"gongkai：找不到科目代码表 {error.filename}（用 --data 指定含 codes/ 的数据目录）", file=sys.stderr)
        return EXIT_INPUT
    print(f"已在 {args.out}/ 生成 {count} 份合成公开。可用 gongkai build --data {args.out} 生成网站。")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from gongkai.importers.command import run

    try:
        written, warnings, report = run(args)
    except InputError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print("导入失败，未写入任何文件。请按上面的提示修改后重试。", file=sys.stderr)
        return EXIT_INPUT
    for diagnostic in warnings:
        print(diagnostic.format(), file=sys.stderr)
    for line in report:
        print(line)
    folder = next((p.parent for p in written if p.name == "disclosure.yaml"), args.out)
    print(f"已导入 {args.file.name}：在 {folder}/ 写入 {len(written)} 个文件；{len(warnings)} 处需要人工核对（见上）。")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"build": _build, "check": _check, "serve": _serve, "demo-data": _demo_data, "import": _import}
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    try:
        return handlers[args.command](args)
    except OSError as exc:  # read-only, disk full, --out naming a file …: coded, never a traceback
        from gongkai.site import fs_failure

        print(f"gongkai：{fs_failure(exc, Path.cwd()).format()}", file=sys.stderr)
        return EXIT_BUILD


if __name__ == "__main__":
    raise SystemExit(main())
