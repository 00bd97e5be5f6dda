"""Stage 1: read ``data/`` into a :class:`~gongkai.models.Corpus`, collecting every input error.

Nothing here decides whether figures agree with each other (that is :mod:`gongkai.rules`); it only
makes sure each file can be read, has the documented shape, and that every amount is a number.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from gongkai import allowlist, convert
from gongkai.build_cache import BuildCache, folder_digest
from gongkai.diagnostics import Diagnostic, InputError, Location, Severity
from gongkai.models import ContentsEntry, Corpus, Disclosure, GlossaryEntry, SiteConfig, Table, table_label
from gongkai.schema import (
    CHARTS,
    DISCLOSURE,
    EXPLANATIONS,
    GLOSSARY,
    OVERALL,
    OVERVIEW,
    PROJECT,
    SITE,
    SLUG_RE,
    YEAR_MAX,
    YEAR_MIN,
    DisclosureDoc,
    TableDoc,
    default_document,
    folder_name,
    folder_names,
    validate,
)
from gongkai.tables import SPECS, csv_lines, read_table
from gongkai.textfile import FileProblem, YamlDocument, load_yaml, read_text

M = TypeVar("M", bound=BaseModel)


class _Reader:
    """Reads files relative to the data root and keeps every diagnostic."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.diagnostics: list[Diagnostic] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root.parent).as_posix()

    def error(self, code: str, location: Location, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, location, message, hint))

    def readable(self, path: Path) -> bool:
        """Whether ``path`` may be read: links out of ``data/`` are refused (and named)."""
        if allowlist.inside(path, self.root):
            return True
        self.diagnostics.append(allowlist.outside_data(self.rel(path)))
        return False

    def yaml(self, path: Path, model: type[M]) -> tuple[M, YamlDocument] | None:
        if not self.readable(path):
            return None
        try:
            doc = load_yaml(path, self.rel(path))
        except FileProblem as problem:
            self.diagnostics.append(problem.diagnostic)
            return None
        result, problems = validate(model, doc)
        self.diagnostics.extend(problems)
        return (result, doc) if result is not None else None

    def optional_yaml(self, path: Path, model: type[M]) -> tuple[M, YamlDocument] | None:
        return self.yaml(path, model) if path.exists() or path.is_symlink() else None

    def text(self, path: Path) -> str | None:
        if not self.readable(path):
            return None
        try:
            return read_text(path, self.rel(path))
        except FileProblem as problem:
            self.diagnostics.append(problem.diagnostic)
            return None


def load_corpus(root: Path, cache: BuildCache | None = None) -> Corpus:
    """Load everything under ``root`` (the ``data/`` folder) or raise :class:`InputError` with all errors.
    ``cache``: disclosures loaded by earlier builds from the same files are taken from there."""
    reader = _Reader(root)
    root = reader.root
    if not root.is_dir():
        raise InputError(
            [
                Diagnostic(
                    "data-folder-missing",
                    Severity.ERROR,
                    Location(str(root)),
                    "找不到数据目录",
                    "用 --data 指定数据目录，或在项目根目录运行。",
                )
            ]
        )
    site = _load_site(reader, root / SITE.path)
    glossary = _load_glossary(reader, root / GLOSSARY.path)
    function_codes = _load_function_codes(reader, root / "codes" / "function-codes.csv")
    economic_codes = _load_economic_codes(reader, root / "codes" / "economic-codes.csv")
    disclosures = _load_disclosures(reader, root / "disclosures", cache)
    if reader.diagnostics:
        unique = dict.fromkeys(reader.diagnostics)  # a link out of data/ is named by the reader and the scan
        raise InputError(sorted(unique, key=lambda d: (d.location.file, d.location.line or 0)))
    assert site is not None
    return Corpus(str(root), site, glossary, function_codes, economic_codes, tuple(disclosures))


def _load_site(reader: _Reader, path: Path) -> SiteConfig | None:
    present = path.exists() or path.is_symlink()
    loaded = reader.yaml(path, SITE.model) if present else None
    if not present:
        reader.error(
            "site-config-missing",
            Location(reader.rel(path)),
            "缺少网站配置文件 site.yaml",
            "至少写上 title（网站名称）；见 docs/data-format.md。",
        )
    if loaded is None:
        return None
    doc = loaded[0]
    return SiteConfig(doc.title, doc.description, doc.office, doc.contact, doc.icp, doc.site_url)


def _load_glossary(reader: _Reader, path: Path) -> tuple[GlossaryEntry, ...]:
    loaded = reader.optional_yaml(path, GLOSSARY.model)
    return convert.glossary(loaded[0], reader.rel(path)) if loaded else ()


def _csv_rows(reader: _Reader, path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, column -> value) for each non-blank line of a code list; every malformed line is reported."""
    text = reader.text(path) if path.exists() or path.is_symlink() else None
    if text is None:
        return []
    rel = reader.rel(path)
    records, malformed = csv_lines(text, rel)
    if malformed is not None:
        reader.diagnostics.append(malformed)
    actual = tuple(cell.strip() for cell in records[0][1]) if records else ()
    if actual != header:
        reader.error(
            "csv-header-mismatch",
            Location(rel, line=1),
            f"表头应为「{','.join(header)}」，实际为「{','.join(actual)}」",
            "请按 docs/data-format.md 填写表头，列的顺序也要一致。",
        )
        return []
    rows = []
    for line, values in records[1:]:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            reader.error(
                "csv-row-length",
                Location(rel, line=line),
                f"这一行有 {len(values)} 栏，表头有 {len(header)} 栏",
                "请检查是否多了或少了逗号；文字中含逗号时请用英文双引号括起来。",
            )
            continue
        rows.append((line, dict(zip(header, values, strict=True))))
    return rows


def _load_function_codes(reader: _Reader, path: Path) -> dict[int, dict[str, str]]:
    """year -> code -> name, for every year from 2000 to 2100 that a line covers."""
    by_year: dict[int, dict[str, str]] = {}
    for line, row in _csv_rows(reader, path, ("year_from", "year_to", "code", "name")):
        try:
            first = int(row["year_from"])
            last = int(row["year_to"]) if row["year_to"].strip() else YEAR_MAX
        except ValueError:
            reader.error(
                "schema-wrong-type",
                Location(reader.rel(path), line=line, field="year_from"),
                "年份应为四位数字",
                "year_to 可以留空，表示至今有效。",
            )
            continue
        if not YEAR_MIN <= first <= last <= YEAR_MAX:
            reader.error(
                "year-out-of-range",
                Location(reader.rel(path), line=line, field="year_from"),
                f"年份范围 {first}–{last} 无效（应在 {YEAR_MIN}–{YEAR_MAX} 之间，且 year_from 不晚于 year_to）",
                "year_to 可以留空，表示至今有效。",
            )
            continue
        for year in range(first, last + 1):
            by_year.setdefault(year, {})[row["code"].strip()] = row["name"].strip()
    return by_year


def _load_economic_codes(reader: _Reader, path: Path) -> dict[str, str]:
    return {row["code"].strip(): row["name"].strip() for _, row in _csv_rows(reader, path, ("code", "name"))}


def _load_disclosures(reader: _Reader, root: Path, cache: BuildCache | None) -> list[Disclosure]:
    folders = sorted(p.parent for p in root.glob(f"*/*/*/{DISCLOSURE.path}")) if root.is_dir() else []
    inside = [f for f in folders if reader.readable(f)]
    disclosures = [d for d in (_cached_disclosure(reader, folder, cache) for folder in inside) if d is not None]
    seen: dict[tuple[str, int, str], str] = {}
    for d in disclosures:
        key = (d.unit.code or f"{d.unit.region_slug}/{d.unit.slug}", d.year, d.document)  # no code: a slug per region
        if key in seen:
            reader.error(
                "disclosure-duplicate",
                Location(f"{d.folder}/{DISCLOSURE.path}"),
                f"与 {seen[key]} 是同一单位、同一年度的同一种公开（{d.document}）",
                "同一份公开的更正请提高 revision 并替换原目录，不要另建目录。",
            )
        seen.setdefault(key, d.folder)
    return disclosures


def _folder_problems(reader: _Reader, folder: Path, doc: DisclosureDoc, ydoc: YamlDocument) -> bool:
    region, unit, name = folder.parts[-3:]
    names = folder_names(doc.year, doc.kind, doc.document)
    ok = True
    for field, actual, wanted in (
        ("unit.region_slug", region, doc.unit.region_slug),
        ("unit.slug", unit, doc.unit.slug),
        ("year", name, name if name in names else names[0]),
    ):
        if actual != wanted or not SLUG_RE.match(actual):
            ok = False
            reader.error(
                "slug-mismatch",
                Location(ydoc.rel, line=ydoc.line_of(tuple(field.split("."))), field=field),
                f"目录名「{actual}」与数据中的「{wanted}」不一致",
                "目录按 <region_slug>/<unit.slug>/<年度>-<juesuan|yusuan>[-<公开种类>] 命名（见 docs/data-format.md）。",
            )
    return ok


def _cached_disclosure(reader: _Reader, folder: Path, cache: BuildCache | None) -> Disclosure | None:
    """The disclosure in ``folder``, from ``cache`` when an earlier build loaded the same files without
    error; a disclosure with errors is never stored (its errors are reported again)."""
    if cache is None:
        return _load_disclosure(reader, folder)
    rel = reader.rel(folder)
    cache.folders[rel] = folder_digest(folder)
    key = cache.key("disclosure", (rel, cache.folders[rel]))
    found = cache.get(key)
    if isinstance(found, Disclosure):
        cache.hits += 1
        return found
    cache.misses += 1
    before = len(reader.diagnostics)
    loaded = _load_disclosure(reader, folder)
    if loaded is not None and len(reader.diagnostics) == before:
        cache.put(key, loaded)
    return loaded


def _load_disclosure(reader: _Reader, folder: Path) -> Disclosure | None:
    before = len(reader.diagnostics)
    loaded = reader.yaml(folder / DISCLOSURE.path, DISCLOSURE.model)
    if loaded is None:
        return None
    doc, ydoc = loaded
    rel_folder = reader.rel(folder)
    if not _folder_problems(reader, folder, doc, ydoc):
        return None
    data_files, problems = allowlist.scan(
        folder, reader.root, rel_folder, allowlist.table_paths(t.file for t in doc.tables)
    )
    reader.diagnostics.extend(problems)
    tables: dict[str, Table] = {}
    resolved_folder = folder.resolve()
    for index, table_doc in enumerate(doc.tables):
        where = Location(ydoc.rel, line=ydoc.line_of(("tables", index)), field=f"tables.{index}")
        if table_doc.id in tables:
            reader.error("table-duplicate", where, f"{table_label(table_doc.id)}列了两次", "每张表只列一次。")
            continue
        table = _load_table(reader, resolved_folder, table_doc, where)
        if table is not None:
            tables[table_doc.id] = table
    overview = reader.optional_yaml(folder / OVERVIEW.path, OVERVIEW.model)
    explanations = reader.optional_yaml(folder / EXPLANATIONS.path, EXPLANATIONS.model)
    glossary = reader.optional_yaml(folder / GLOSSARY.path, GLOSSARY.model)
    charts = reader.optional_yaml(folder / CHARTS.path, CHARTS.model)
    overall = _convert(
        reader,
        reader.optional_yaml(folder / OVERALL.path, OVERALL.model),
        convert.overall_report,
    )
    projects = []
    for path in sorted(folder.glob(PROJECT.path)):
        if not SLUG_RE.match(path.stem):
            reader.error(
                "slug-invalid",
                Location(reader.rel(path)),
                "文件名只能用小写字母、数字和连字符",
                "例如 yishu-renyuan-buzhu.yaml。",
            )
            continue
        project = _convert(reader, reader.yaml(path, PROJECT.model), convert.project_table)
        if project is not None:
            projects.append(project)
    document = doc.document or default_document(
        doc.title, doc.kind, doc.parts, overall.kind if overall else None, len(projects)
    )
    if folder.name not in folder_names(doc.year, doc.kind, document):  # 「-danwei」 on a derived 部门决算
        reader.error(
            "slug-mismatch",
            Location(ydoc.rel, field="document"),
            f"目录名「{folder.name}」与公开种类「{document}」不一致",
            f"目录名应为「{folder_name(doc.year, doc.kind, document)}」，或在 disclosure.yaml 写明 document。",
        )
    if len(reader.diagnostics) > before:
        return None
    return Disclosure(
        unit=convert.unit(doc.unit),
        year=doc.year,
        kind=doc.kind,
        slug=folder.name,
        published=doc.published,
        revision=doc.revision,
        currency_unit=doc.currency_unit,
        source=convert.source(doc.source),
        title=doc.title,
        folder=rel_folder,
        overview=convert.overview(*overview) if overview else None,
        tables=tables,
        explanations=convert.sections(explanations[0].sections, explanations[1], ("sections",)) if explanations else (),
        glossary=convert.glossary(glossary[0], glossary[1].rel) if glossary else (),
        printed_charts=_convert(reader, charts, convert.printed_charts) or (),
        projects=tuple(projects),
        overall=overall,
        parts=tuple(doc.parts),
        document=document,
        data_files=data_files,
        contents=tuple(ContentsEntry(entry.table, entry.title) for entry in doc.contents),
    )


T = TypeVar("T")


def _convert(
    reader: _Reader,
    loaded: tuple[M, YamlDocument] | None,
    converter: Callable[[M, YamlDocument], tuple[T, list[Diagnostic]]],
) -> T | None:
    if loaded is None:
        return None
    value, problems = converter(*loaded)
    reader.diagnostics.extend(problems)
    return None if problems else value


def _load_table(reader: _Reader, folder: Path, doc: TableDoc, where: Location) -> Table | None:
    """The table ``doc`` describes; ``folder`` is the disclosure's folder, already resolved."""
    spec = SPECS[doc.id]
    if not doc.file:
        if not doc.no_data:
            reader.error(
                "table-file-missing",
                where,
                f"{table_label(doc.id)}没有填写数据文件（file）",
                "有数据的表必须给出 CSV 文件；无数据的表写 no_data: true。",
            )
        return None
    path = (folder / doc.file).resolve()
    if folder not in path.parents or not path.is_file():
        reader.error(
            "table-file-missing",
            where,
            f"找不到{table_label(doc.id)}的数据文件「{doc.file}」",
            "文件应放在本公开目录的 tables/ 下，如 tables/gongkai01.csv。",
        )
        return None
    text = reader.text(path)
    if text is None:
        return None
    table, problems = read_table(
        spec,
        text,
        reader.rel(path),
        title=doc.title,
        unit=doc.unit,
        no_data=doc.no_data,
        notes=tuple(doc.notes),
    )
    reader.diagnostics.extend(problems)
    return table
