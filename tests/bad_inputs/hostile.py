"""Hostile inputs, as an attacker would try them: stray and linked files, non-files, huge numbers and
tables, line breaks in titles, unknown chart numbers.  Same :class:`Case` shape as ``cases.py``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bad_inputs import DISCLOSURE
from bad_inputs.cases import (
    DISC,
    EXPLAIN,
    GLOSSARY,
    OVERVIEW,
    PROJECT,
    T01,
    T02,
    T02_ROW,
    Case,
    Patch,
    replace,
    together,
    write,
)

SECRET = "secret.txt"  # beside data/: a file no build may read or publish
SECRET_TEXT = "PASSWORD=hunter2\n"


def _at(data: Path, file: str) -> Path:
    return data / file.replace("{d}", DISCLOSURE)


def link(file: str, target: str) -> Patch:
    """``file`` becomes a symbolic link to ``target`` (``SECRET``: a file outside data/; else absolute)."""

    def apply(data: Path) -> None:
        secret = data.parent / SECRET
        secret.write_text(SECRET_TEXT, encoding="utf-8")
        path = _at(data, file)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(secret if target == SECRET else Path(target))

    return apply


def folder_link_out(data: Path) -> None:
    """The whole disclosure folder moved out of data/ and linked back in."""
    folder = _at(data, "{d}")
    outside = data.parent / "elsewhere"
    folder.rename(outside)
    folder.symlink_to(outside)


def make_folder(file: str) -> Patch:
    def apply(data: Path) -> None:
        path = _at(data, file)
        if path.exists():
            path.unlink()
        (path / "inner").mkdir(parents=True)

    return apply


def fifo(file: str) -> Patch:
    def apply(data: Path) -> None:
        path = _at(data, file)
        path.unlink(missing_ok=True)
        os.mkfifo(path)

    return apply


def sparse(file: str, size: int) -> Patch:
    def apply(data: Path) -> None:
        path = _at(data, file)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab") as handle:
            handle.truncate(size)

    return apply


def _many_rows(count: int) -> str:
    header, _, rest = (
        Path(__file__)
        .with_name("base")
        .joinpath(T02.replace("{d}", DISCLOSURE))
        .read_text(encoding="utf-8")
        .partition("\n")
    )
    rows = "".join(f"2010{n:04d},行{n},1.00,1.00,,,,,\n" for n in range(count))
    return f"{header}\n{rest}{rows}"


CHARTS = "{d}/charts.yaml"


def _chart(figure: str) -> Patch:
    return write(
        CHARTS,
        f'charts:\n  - figure: "{figure}"\n    title: 收支\n    points:\n      - {{category: 2023年, value: "1.00"}}\n',
    )


BIG = "9" * 5000

HOSTILE_CASES: list[Case] = [
    # --- files the data format does not define: never published, named ---
    Case("stray-readme", "{d}/README.md", "file-unexpected", write("{d}/README.md", "# 说明\n"), says="README.md"),
    Case("stray-html", "{d}/evil.html", "file-unexpected", write("{d}/evil.html", "<script>alert(1)</script>")),
    Case("stray-svg", "{d}/x.svg", "file-unexpected", write("{d}/x.svg", '<svg onload="alert(1)"/>')),
    Case("stray-in-tables", "{d}/tables/evil.js", "file-unexpected", write("{d}/tables/evil.js", "alert(1)")),
    Case("unlisted-table-csv", "{d}/tables/gongkai10.csv", "file-unexpected", write("{d}/tables/gongkai10.csv", "x")),
    Case("stray-folder", "{d}/assets", "file-unexpected", write("{d}/assets/a.png", b"\x89PNG"), says="目录"),
    Case("stray-dotfile", "{d}/.env", "file-unexpected", write("{d}/.env", "SECRET=1\n")),
    Case(
        "project-not-yaml",
        "{d}/performance/projects/p.yml",
        "file-unexpected",
        write("{d}/performance/projects/p.yml", "x"),
    ),
    Case(
        "stray-in-performance",
        "{d}/performance/report.pdf",
        "file-unexpected",
        write("{d}/performance/report.pdf", b"%PDF"),
    ),
    Case("stray-600mb-sparse", "{d}/installer.iso", "file-unexpected", sparse("{d}/installer.iso", 600 * 1024 * 1024)),
    # --- links out of data/: never followed ---
    Case("overview-links-to-secret", OVERVIEW, "path-outside-data", link(OVERVIEW, SECRET)),
    Case("overview-links-to-passwd", OVERVIEW, "path-outside-data", link(OVERVIEW, "/etc/passwd")),
    Case("charts-link-to-environ", CHARTS, "path-outside-data", link(CHARTS, "/proc/self/environ")),
    Case("table-links-to-secret", T02, "path-outside-data", link(T02, SECRET)),
    Case("project-links-out", PROJECT, "path-outside-data", link(PROJECT, SECRET)),
    Case("stray-link-to-secret", "{d}/leak.txt", "path-outside-data", link("{d}/leak.txt", SECRET)),
    Case("dangling-link", GLOSSARY, "path-outside-data", link(GLOSSARY, "/nonexistent/gongkai")),
    Case("site-config-links-out", "site.yaml", "path-outside-data", link("site.yaml", SECRET)),
    Case("codes-link-out", "codes/function-codes.csv", "path-outside-data", link("codes/function-codes.csv", SECRET)),
    Case("disclosure-folder-links-out", "{d}", "path-outside-data", folder_link_out),
    Case("tables-folder-links-to-etc", "{d}/tables", "path-outside-data", link("{d}/tables", "/etc")),
    # --- not a regular file where one should be ---
    Case("disclosure-yaml-is-a-folder", DISC, "file-not-regular", make_folder(DISC)),
    Case("overview-is-a-folder", OVERVIEW, "file-not-regular", make_folder(OVERVIEW)),
    Case("site-config-is-a-folder", "site.yaml", "file-not-regular", make_folder("site.yaml")),
    Case("glossary-is-a-pipe", GLOSSARY, "file-not-regular", fifo(GLOSSARY)),
    Case("explanations-is-a-pipe", EXPLAIN, "file-not-regular", fifo(EXPLAIN)),
    Case("overview-links-to-dev-zero", OVERVIEW, "path-outside-data", link(OVERVIEW, "/dev/zero")),
    # --- size limits ---
    Case(
        "disclosure-over-20-mb",
        DISC,
        "disclosure-too-large",
        together(*(sparse(f"{{d}}/performance/projects/p{n}.yaml", 4_500_000) for n in range(5))),
    ),
    Case("table-over-2000-rows", T02, "table-too-many-rows", write(T02, _many_rows(2100)), line=2002),
    # --- numbers beyond range ---
    Case("amount-5000-digits", T02, "number-too-large", replace(T02, T02_ROW, T02_ROW.replace("100.00", BIG, 1)), 3),
    Case("amount-5000-decimals", T01, "number-too-large", replace(T01, "31,总计,100.00", f"31,总计,1.{BIG}"), 5),
    Case("yaml-int-5000-digits", OVERVIEW, "number-too-large", replace(OVERVIEW, "retired: 1", f"retired: {BIG}"), 8),
    Case("yaml-year-5000-digits", DISC, "number-too-large", replace(DISC, "year: 2023", f"year: {BIG}"), 9),
    Case("yaml-float-5000-digits", PROJECT, "number-too-large", replace(PROJECT, 'rate: "90"', f"rate: 9.{BIG}"), 12),
    Case(
        "yaml-sexagesimal-bomb",
        DISC,
        "number-too-large",
        replace(DISC, "revision: 1", "revision: " + "1:" * 40 + "1"),
        12,
    ),
    Case(
        "chart-value-5000-digits",
        CHARTS,
        "number-too-large",
        write(
            CHARTS,
            f'charts:\n  - figure: 图1\n    title: 收支\n    points:\n      - {{category: 2023年, value: "{BIG}"}}\n',
        ),
        5,
    ),
    # --- line breaks in single-line fields ---
    Case(
        "newline-unit-name",
        DISC,
        "text-multiline",
        replace(DISC, "name: 测试局", 'name: "测试局\\n# 假标题"'),
        3,
        "unit.name",
    ),
    Case(
        "newline-title",
        DISC,
        "text-multiline",
        replace(DISC, "title: 测试局2023年度单位决算公开\n", 'title: "测试局\\r\\n2023"\n'),
        1,
        "title",
    ),
    Case(
        "newline-region",
        DISC,
        "text-multiline",
        replace(DISC, "[测试省, 测试市]", '["测试省\\n| a |", 测试市]'),
        6,
        "unit.region.0",
    ),
    Case(
        "newline-table-title",
        DISC,
        "text-multiline",
        replace(DISC, "title: 收入决算表", 'title: "收入\\n决算表"'),
        None,
        "tables.1.title",
    ),
    Case(
        "line-separator-department",
        DISC,
        "text-multiline",
        replace(DISC, "department: 测试局", 'department: "测试\\u2028局"'),
        8,
    ),
    Case(
        "newline-section-title",
        OVERVIEW,
        "text-multiline",
        replace(OVERVIEW, "title: 一、本部门（单位）职责", 'title: "一、\\n---"'),
    ),
    Case(
        "newline-glossary-term",
        GLOSSARY,
        "text-multiline",
        replace(GLOSSARY, "term: 财政拨款收入", 'term: "财政\\n拨款收入"'),
    ),
    Case(
        "newline-project-name",
        PROJECT,
        "text-multiline",
        replace(PROJECT, "name: 测试项目", 'name: "测试\\n项目"'),
        None,
        "name",
    ),
    Case(
        "newline-site-title",
        "site.yaml",
        "text-multiline",
        replace("site.yaml", "title: 测试网站", 'title: "测试\\n网站"'),
        None,
        "title",
    ),
    Case(
        "newline-chart-title",
        CHARTS,
        "text-multiline",
        write(
            CHARTS,
            'charts:\n  - figure: 图1\n    title: "收\\n支"\n    points:\n      - {category: 2023年, value: "1"}\n',
        ),
    ),
    # --- chart numbers that would be dropped silently ---
    Case("chart-fullwidth-digit", CHARTS, "chart-id-unknown", _chart("图１"), 2, "charts.0.figure"),
    Case("chart-eight", CHARTS, "chart-id-unknown", _chart("图8"), 2, "charts.0.figure"),
    Case("chart-zero", CHARTS, "chart-id-unknown", _chart("图0"), 2),
    Case("chart-with-space", CHARTS, "chart-id-unknown", _chart("图 1"), 2),
    Case("chart-in-english", CHARTS, "chart-id-unknown", _chart("Figure 1"), 2),
    Case("chart-ten", CHARTS, "chart-id-unknown", _chart("图10"), 2),
    Case("chart-chinese-numeral", CHARTS, "chart-id-unknown", _chart("图一"), 2),
]
