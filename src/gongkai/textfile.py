"""Reading input files safely: size limit, UTF-8 only (BOM accepted), YAML without aliases or duplicate keys.

YAML documents come back with a map from each value's path to its line, so that schema errors can
name the line of the field they concern.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

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
    """The file's text, or a :class:`FileProblem` naming why it cannot be used.

    Only a regular file is opened (a folder, pipe or device where a file should be is named), and at
    most :data:`MAX_FILE_BYTES` + 1 bytes are read whatever size the file claims (files in /proc claim 0).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "目录" if stat.S_ISDIR(info.st_mode) else "设备、管道或套接字"
            raise _problem("file-not-regular", rel, f"这里应是一个文件，实际是{what}", "请换成数据文件本身。")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _problem(
            "file-unreadable", rel, f"文件无法读取（{exc.strerror or type(exc).__name__}）", "请检查文件权限。"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _problem(
            "file-too-large",
            rel,
            f"文件过大（{max(info.st_size, len(data))} 字节，上限 {MAX_FILE_BYTES} 字节）",
            "一份公开数据的单个文件不应超过 5 MB，请检查是否误放了其他文件。",
        )
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


class _Loader(Protocol):
    """What :func:`load_yaml` uses of a PyYAML loader (either parser)."""

    def get_event(self) -> Any: ...
    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str: ...
    def construct_document(self, node: yaml.Node) -> Any: ...
    def dispose(self) -> None: ...


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, whose document :func:`_compose` builds (no aliases, limited
    nesting) and whose decimals are read exactly."""


# The same on libyaml's C parser (≈ 10× faster) when PyYAML was built with it. libyaml accepts tabs
# where PyYAML refuses them (inside plain text, after 「:」), so a file with a tab is read by PyYAML,
# which names the tab.
_FastLoader: type[yaml.SafeLoader | yaml.CSafeLoader] = _StrictLoader
if yaml.__with_libyaml__:

    class _StrictCLoader(yaml.CSafeLoader):
        """:class:`_StrictLoader` on libyaml's parser."""

    _FastLoader = _StrictCLoader


MAX_NUMBER_CHARS = 30  # a YAML number longer than this is refused before it is converted


class _NumberTooLong(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    if len(str(node.value)) > MAX_NUMBER_CHARS:  # a 5,000-digit integer would stop Python's conversion
        raise _NumberTooLong(node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    if len(str(node.value)) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(node.start_mark)
    text = loader.construct_scalar(node)
    try:
        return Decimal(str(text).replace("_", ""))
    except InvalidOperation:
        return str(text)


# Dates stay text: a publication date is shown as printed.
def _text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    return str(loader.construct_scalar(node))


for _loader_class in (_StrictLoader, _FastLoader):
    _loader_class.add_constructor("tag:yaml.org,2002:float", _decimal)
    _loader_class.add_constructor("tag:yaml.org,2002:int", _integer)
    _loader_class.add_constructor("tag:yaml.org,2002:timestamp", _text)


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
    return parse_yaml(read_text(path, rel), rel)


def parse_yaml(text: str, rel: str) -> YamlDocument:
    """A YAML document from its text, read as :func:`load_yaml` reads a file (``rel`` names it in problems)."""
    try:
        data, lines = _read_document(text, rel)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, rel, text) from None
    except _NumberTooLong as exc:
        raise _marked_problem(
            "number-too-large",
            rel,
            f"数字超过 {MAX_NUMBER_CHARS} 位",
            "请核对原文；金额、年度、人数都不会有这么多位。如确需原样保留，请加引号写成文字。",
            exc.mark,
        ) from None
    return YamlDocument(data, lines, rel)


def _read_document(text: str, rel: str) -> tuple[Any, dict[PathKey, int]]:
    """The document's data and the line of every value, from one parse."""
    loader: _Loader = (_StrictLoader if "\t" in text else _FastLoader)(text)
    try:
        node = _compose(loader, rel)
        if node is None:
            raise _problem("file-empty", rel, "YAML 文件没有内容", "请填写内容，或删除这个文件。")
        lines: dict[PathKey, int] = {}
        _walk(node, (), lines, rel)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


MAX_DEPTH = 50  # nesting levels; the data format needs fewer than ten

_COLLECTION_NODES: dict[type[yaml.Event], type[yaml.CollectionNode]] = {
    yaml.SequenceStartEvent: yaml.SequenceNode,
    yaml.MappingStartEvent: yaml.MappingNode,
}
_COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_SKIPPED_EVENTS = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


def _compose(loader: _Loader, rel: str) -> yaml.Node | None:
    """The node tree of the only document, built in one pass over the parser's events.

    Anchors, aliases and absurd nesting are refused as their events arrive (the tree is built without
    recursion), so that neither an alias bomb nor ten thousand brackets can exhaust memory or the
    stack. A second document is refused once the whole stream has been read, so that a syntax error,
    anchor or alias anywhere in the file is reported first. ``None`` if the file holds no document.
    """
    root: yaml.Node | None = None
    second_document: yaml.Mark | None = None
    documents = 0
    open_nodes: list[yaml.CollectionNode] = []
    waiting_keys: list[yaml.Node | None] = []  # per open node: a mapping's key still without its value
    while True:
        event = loader.get_event()
        kind = type(event)
        if kind in _SKIPPED_EVENTS:
            continue
        if kind is yaml.StreamEndEvent:
            break
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents == 2:
                second_document = event.start_mark
            continue
        if kind in _COLLECTION_ENDS:
            open_nodes.pop().end_mark = event.end_mark
            waiting_keys.pop()
            continue
        node = _node(loader, event, rel)
        if not open_nodes:
            root = root if documents > 1 else node
        elif isinstance(open_nodes[-1], yaml.SequenceNode):
            open_nodes[-1].value.append(node)
        elif waiting_keys[-1] is None:
            waiting_keys[-1] = node
        else:
            open_nodes[-1].value.append((waiting_keys[-1], node))
            waiting_keys[-1] = None
        if isinstance(node, yaml.CollectionNode):
            open_nodes.append(node)
            waiting_keys.append(None)
            if len(open_nodes) > MAX_DEPTH:
                raise _too_deep(rel, event.start_mark)
    if root is not None and second_document is not None:
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", root.start_mark, "but found another document", second_document
        )
    return root


def _node(loader: _Loader, event: Any, rel: str) -> yaml.Node:
    """The node of a scalar or collection-start event (either parser's), its tag resolved as PyYAML's
    composer does."""
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise _marked_problem(
            "yaml-alias",
            rel,
            f"不允许使用 YAML 锚点或别名（&{anchor} / *{anchor}）",
            "请把内容直接写出来，不要引用其他位置。",
            event.start_mark,
        )
    tag, start, end = event.tag, event.start_mark, event.end_mark
    if type(event) is yaml.ScalarEvent:
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return yaml.ScalarNode(tag, event.value, start, end, style=event.style)
    node_class = _COLLECTION_NODES[type(event)]
    if tag is None or tag == "!":
        tag = loader.resolve(node_class, None, event.implicit)
    return node_class(tag, [], start, None, flow_style=event.flow_style)


def _too_deep(rel: str, mark: Any) -> FileProblem:
    return _marked_problem(
        "yaml-syntax",
        rel,
        f"YAML 嵌套超过 {MAX_DEPTH} 层",
        "数据格式只需要几层嵌套，请检查是否多了括号或缩进。",
        mark,
    )


def _marked_problem(code: str, rel: str, message: str, hint: str, mark: Any) -> FileProblem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return _problem(code, rel, message, hint, line, column)


# The parser's usual complaints, in Chinese (the parser's own words follow in parentheses). Patterns
# cover the wording of both parsers: libyaml's comes second where it differs from PyYAML's.
_YAML_PROBLEMS = (
    ("that cannot start any token", "这个字符不能出现在值的开头，请给整段文字加引号"),
    ("mapping values are not allowed", "这一行多了一个「: 」，含冒号的文字请用引号括起来"),
    ("found unexpected ':'", "这里多了一个「:」，含冒号的文字请用引号括起来"),
    ("sequence entries are not allowed", "这里不能开始列表项「- 」，请检查缩进"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺逗号"),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或各项之间缺逗号"),
    ("expected <block end>", "缩进不一致：同一层级的行应对齐"),
    ("did not find expected key", "缩进不一致：同一层级的行应对齐"),
    ("did not find expected '-' indicator", "缩进不一致：同一层级的行应对齐"),
    ("could not find expected ':'", "缺少「: 」，或缩进不一致"),
    ("node content", "这里缺少值，或多了「,」「]」「}」等符号"),
    ("but found another document", "一个文件只能有一个 YAML 文档，请删除「---」分隔线"),
    ("could not determine a constructor for the tag", "不支持「!!」开头的 YAML 标签，请直接写出值"),
    ("found unhashable key", "键只能是文字，不能是列表或映射"),
)
_TAB = "用了制表符（Tab）缩进，YAML 只能用空格缩进"


def _yaml_problem(exc: yaml.YAMLError, rel: str, text: str) -> FileProblem:
    if isinstance(exc, yaml.reader.ReaderError):
        return _control_character_problem(rel, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if problem == "exceeded maximum nesting depth":  # libyaml's own limit (1,000 levels) came first
        return _too_deep(rel, mark)
    context = f"{getattr(exc, 'context', None) or ''} {problem}"
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    chinese = _TAB if at_tab else next((words for pattern, words in _YAML_PROBLEMS if pattern in context), "")
    return _marked_problem(
        "yaml-syntax",
        rel,
        f"YAML 格式错误：{chinese}（{problem}）" if chinese else f"YAML 格式错误：{problem}",
        "请检查缩进、冒号和引号；含冒号或 # 的文字请用引号括起来。",
        mark,
    )


def _control_character_problem(rel: str, text: str) -> FileProblem:
    """A control character YAML does not allow, located in the text itself (the parsers count its
    position differently: PyYAML in characters, libyaml in bytes)."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    start = found.start() if found else 0
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    code = f"#x{ord(found.group()):04x}" if found else ""
    return _problem(
        "yaml-syntax",
        rel,
        f"YAML 格式错误：含有不允许的控制字符 {code}",
        "请删除这个看不见的字符（常见于从网页或 Word 复制的文字），或用编辑器另存为纯文本。",
        line,
        column,
    )
