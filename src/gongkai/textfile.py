"""Reading input files safely: size limit, UTF-8 only (BOM accepted), YAML without aliases or duplicate keys.

YAML documents come back with a map from each value's path to its line, so that schema errors can
name the line of the field they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from gongkai.diagnostics import Diagnostic, Location, Severity

MAX_FILE_BYTES = 5 * 1024 * 1024

PathKey = tuple[str | int, ...]


class FileProblem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _problem(
    code: str, rel: str, message: str, hint: str = "", line: int | None = None, column: int | None = None
) -> FileProblem:
    return FileProblem(Diagnostic(code, Severity.ERROR, Location(rel, line=line, column_no=column), message, hint))


def read_text(path: Path, rel: str) -> str:
    """The file's text, or a :class:`FileProblem` naming why it cannot be used."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _problem(
            "file-too-large",
            rel,
            f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES} 字节）",
            "一份公开数据的单个文件不应超过 5 MB，请检查是否误放了其他文件。",
        )
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _problem("file-not-utf8", rel, "文件是 UTF-16 编码，无法读取", "请另存为 UTF-8 编码。")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _problem(
            "file-not-utf8",
            rel,
            "文件不是 UTF-8 编码（可能是 GBK）",
            "请在 Excel 或编辑器中另存为“UTF-8”编码。",
            line,
        ) from None
    if not text.strip():
        raise _problem("file-empty", rel, "文件是空的", "请填写内容，或删除这个文件。")
    if "\x00" in text:
        raise _problem("file-not-utf8", rel, "文件含有二进制内容（NUL 字符）", "请确认这是文本文件。")
    return text


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and duplicate keys and reads decimals exactly."""


def _no_alias(loader: _StrictLoader, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(None, None, "不允许使用 YAML 锚点或别名（& 与 *）", node.start_mark)


def _decimal(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    try:
        return Decimal(str(text).replace("_", ""))
    except InvalidOperation:
        return str(text)


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


# Dates stay text: a publication date is shown as printed.
def _text(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    return str(loader.construct_scalar(node))


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _text)


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    lines: dict[PathKey, int]
    rel: str

    def line_of(self, path: PathKey) -> int | None:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], rel: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise _problem(
                    "yaml-duplicate-key",
                    rel,
                    f"键「{key}」重复出现（第{seen[key]}行已有）",
                    "同一层级的键只能出现一次，请删除或合并重复的键。",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            seen[key] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, rel)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, rel)


def load_yaml(path: Path, rel: str) -> YamlDocument:
    text = read_text(path, rel)
    try:
        _check_events(text, rel)
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, rel) from None
    if node is None:
        raise _problem("file-empty", rel, "YAML 文件没有内容", "请填写内容，或删除这个文件。")
    lines: dict[PathKey, int] = {}
    _walk(node, (), lines, rel)
    loader = _StrictLoader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, rel) from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines, rel)


MAX_DEPTH = 50  # nesting levels; the data format needs fewer than ten


def _check_events(text: str, rel: str) -> None:
    """Refuse anchors, aliases and absurd nesting before composing (the parser itself does not recurse),
    so that neither an alias bomb nor ten thousand brackets can exhaust memory or the stack."""
    depth = 0
    for event in yaml.parse(text, Loader=_StrictLoader):
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _problem(
                "yaml-alias",
                rel,
                f"不允许使用 YAML 锚点或别名（&{anchor} / *{anchor}）",
                "请把内容直接写出来，不要引用其他位置。",
                line,
                column,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _problem(
                    "yaml-syntax",
                    rel,
                    f"YAML 嵌套超过 {MAX_DEPTH} 层",
                    "数据格式只需要几层嵌套，请检查是否多了括号或缩进。",
                    line,
                    column,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# The parser's usual complaints, in Chinese (the parser's own words follow in parentheses).
_YAML_PROBLEMS = (
    ("found character '\\t'", "用了制表符（Tab）缩进，YAML 只能用空格缩进"),
    ("that cannot start any token", "这个字符不能出现在值的开头，请给整段文字加引号"),
    ("mapping values are not allowed here", "这一行多了一个「: 」，含冒号的文字请用引号括起来"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺逗号"),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或各项之间缺逗号"),
    ("expected <block end>", "缩进不一致：同一层级的行应对齐"),
    ("could not find expected ':'", "缺少「: 」，或缩进不一致"),
    ("but found another document", "一个文件只能有一个 YAML 文档，请删除「---」分隔线"),
    ("could not determine a constructor for the tag", "不支持「!!」开头的 YAML 标签，请直接写出值"),
    ("found unhashable key", "键只能是文字，不能是列表或映射"),
)


def _yaml_problem(exc: yaml.YAMLError, rel: str) -> FileProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = f"{getattr(exc, 'context', None) or ''} {problem}"
    chinese = next((text for pattern, text in _YAML_PROBLEMS if pattern in context), "")
    return _problem(
        "yaml-syntax",
        rel,
        f"YAML 格式错误：{chinese}（{problem}）" if chinese else f"YAML 格式错误：{problem}",
        "请检查缩进、冒号和引号；含冒号或 # 的文字请用引号括起来。",
        line,
        column,
    )
