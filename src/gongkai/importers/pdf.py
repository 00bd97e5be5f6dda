"""``gongkai import pdf``: a disclosure as offices publish it → :class:`ImportedDisclosure`.

Tables are read cell by cell (``pdf_pages``, ``pdf_grid``) and recognised by their title and column
heads (``templates``); a table without a title continues the one before (split over pages).  The
text outside the tables, in reading order, goes through the text importer's readers (parts,
sections, 名词解释); a 预算 document without 「第X部分」 headings gets its parts from its page titles
(职能 / 机构 → 概况, 名词解释, 说明 → 情况说明).  Every row keeps its page (CSV column 页码).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from gongkai.diagnostics import InputError
from gongkai.importers.identity import OWNER
from gongkai.importers.pdf_grid import Assembled, Roles, read_rows, roles_for
from gongkai.importers.pdf_pages import Page, PageTable, TextLine, read_page
from gongkai.importers.report import finish_report
from gongkai.importers.result import ImportedDisclosure, ImportedTable
from gongkai.importers.source import fail
from gongkai.importers.templates import normal_title, recognise_title
from gongkai.importers.text import read_disclosure_text
from gongkai.importers.text_parts import TABLE_MARKER, TOC_LINE, continued
from gongkai.importers.text_tables import CURRENCY, NO_DATA, YEAR
from gongkai.importers.text_tables import NOTE as TABLE_NOTE
from gongkai.tables import PAGE, SIDE, TableSpec

MAX_PAGES = 300
NOTE = re.compile(f"{TABLE_NOTE.pattern}|{NO_DATA.pattern}")
PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\s*\d+\s*页")
QUOTES_ONLY = re.compile(r"^[“”\"'‘’\s]+$")
# the lines a county table prints between its title and its ruling: 公开NN表, 部门名称, 年度, 金额单位
FURNITURE = re.compile(f"{TABLE_MARKER.pattern}|{OWNER.pattern}|{YEAR.pattern}|{CURRENCY.pattern}")


@dataclass
class Found:
    """A table being assembled from one or more pages."""

    spec: TableSpec
    title: str
    assembled: Assembled
    roles: Roles
    heads: list[str]
    unit: str = "万元"
    notes: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


@dataclass
class Reading:
    narrative: list[TextLine] = field(default_factory=list)
    tables: list[Found] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    titles_seen: set[str] = field(default_factory=set)  # spec ids whose title is printed in the body
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (page, text)


def import_pdf(data: bytes, file: str) -> ImportedDisclosure:
    if not data.startswith(b"%PDF"):
        raise fail("import-pdf-corrupt", file, "这不是 PDF 文件（缺少 %PDF 文件头）", "请确认选对了文件。")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise fail(
                    "import-pdf-too-large",
                    file,
                    f"PDF 有 {len(pdf.pages)} 页，超过上限 {MAX_PAGES} 页",
                    "一份预决算公开文件不会这么长；请确认选对了文件，或把文件拆开分别导入。",
                )
            pages = [read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise fail(
            "import-pdf-corrupt",
            file,
            f"无法读取 PDF：文件已损坏或加密（{type(exc).__name__}）",
            "请用 PDF 阅读器打开确认；加密的文件请另存为不加密的 PDF。",
        ) from None
    if not any(p.lines or p.tables for p in pages):
        raise fail(
            "import-pdf-no-text",
            file,
            "PDF 中没有文字（可能是扫描件）",
            "请取得文字版 PDF；扫描件需要先做文字识别（OCR）并人工核对。",
        )
    reading = _read(pages)
    out = _narrative(reading, file)
    out.tables = [_imported(found) for found in reading.tables if _readable(found, reading)]
    out.source_sha256 = hashlib.sha256(data).hexdigest()
    kind_part = f"{out.identity.kind or '决算'}表"
    if out.tables and kind_part not in out.parts:
        out.parts.insert(1 if "概况" in out.parts else 0, kind_part)
    out.toc, out.titles_seen = reading.toc, out.titles_seen | reading.titles_seen
    finish_report(out, _page_texts(pages), reading.unplaced)
    return out


def _page_texts(pages: list[Page]) -> list[str]:
    """Every text printed on the pages: lines, table heads and cells."""
    texts = [line.text for page in pages for line in page.lines]
    for table in (table for page in pages for table in page.tables):
        texts += [*table.heads, *(c or "" for row in table.rows for c in row)]
    return texts


def _read(pages: list[Page]) -> Reading:
    reading = Reading()
    toc_pages = _take_toc(pages, reading)
    current: Found | None = None
    for page in pages:
        if page.number in toc_pages:  # the cover printed above the 目录 on its page stays
            reading.narrative += [line for line in page.lines if line.top < toc_pages[page.number]]
            continue
        items: list[tuple[float, TextLine | PageTable]] = [(line.top, line) for line in page.lines]
        items += [(table.top, table) for table in page.tables]
        items.sort(key=lambda item: item[0])
        pending: list[TextLine] = []
        after_table = False
        for _, item in items:
            if isinstance(item, TextLine):
                text = item.text.strip()
                if PAGE_NUMBER.match(text) or QUOTES_ONLY.match(text) or not text:
                    continue
                if after_table and current is not None and NOTE.search(text):
                    current.notes.append(text)
                    continue
                if current is not None and (match := CURRENCY.search(text)) and not pending:
                    current.unit = match.group(1)
                    continue
                pending.append(item)
                continue
            current = _place_table(item, pending, current, reading)
            pending = []
            after_table = True
        reading.narrative.extend(pending)
        if pending and current is not None and any(not CURRENCY.search(line.text) for line in pending):
            current = None
    return reading


def _place_table(table: PageTable, above: list[TextLine], current: Found | None, reading: Reading) -> Found | None:
    """A table with its title above it starts a new table; one without continues the open one."""
    above = above + [TextLine(table.page, table.top, text) for text in table.captions]
    spec, title, title_at = None, "", len(above)
    looked = 0
    for index in range(len(above) - 1, -1, -1):
        spec = recognise_title(above[index].text)
        if spec is not None:
            title, title_at = above[index].text.strip(), index
            break
        looked += not FURNITURE.search(above[index].text.strip())
        if looked == 4:
            break
    unit = "万元"
    for line in above[title_at:]:
        if match := CURRENCY.search(line.text):
            unit = match.group(1)
    reading.narrative.extend(
        line for line in above[:title_at] if line.top < table.top or line.text not in table.captions
    )
    if spec is None and current is not None and len(table.heads) == len(current.heads):
        roles, heads, rows = roles_for(current.spec, table.heads), table.heads, table.rows
        if not any(role == "amount" for role, _, _ in roles.columns):  # no header printed: all rows are data
            roles, heads, rows = current.roles, current.heads, table.header + table.rows
        read_rows(current.spec, roles, heads, rows, table.page, current.assembled)
        if table.page not in current.pages:
            current.pages.append(table.page)
        return current
    if spec is None:
        for row in table.rows:
            text = "\t".join(c or "" for c in row).strip()
            if text:
                reading.unplaced.append((table.page, text))
        return None
    reading.titles_seen.add(spec.id)
    found = Found(spec, title, Assembled(spec), roles_for(spec, table.heads), table.heads, unit, pages=[table.page])
    read_rows(spec, found.roles, table.heads, table.rows, table.page, found.assembled)
    reading.tables.append(found)
    return found


def _take_toc(pages: list[Page], reading: Reading) -> dict[int, float]:
    """The 目录: its page from the 「目录」 line down, and the pages after it that hold only short
    entries (page → where the 目录 starts on it)."""
    start = next((p for p in pages if any(normal_title(line.text) == "目录" for line in p.lines)), None)
    if start is None:
        return {}
    top = next(line.top for line in start.lines if normal_title(line.text) == "目录")
    taken = {start.number: top}
    reading.toc = [TOC_LINE.sub("", line.text).strip() for line in start.lines if line.top > top]
    for page in pages[start.number :]:
        if page.tables or not page.lines or any(len(line.text) > 40 or "。" in line.text for line in page.lines):
            break
        taken[page.number] = 0.0
        reading.toc += [TOC_LINE.sub("", line.text).strip() for line in page.lines]
    return taken


def _readable(found: Found, reading: Reading) -> bool:
    """A table whose heads name none of its spec's figure columns is not written (its CSV would not
    load): every printed cell of it is listed unplaced, with its page."""
    if set(found.spec.amounts) & found.assembled.printed:
        return True
    reading.unplaced += found.assembled.unplaced
    for row in found.assembled.rows():
        reading.unplaced.append((int(row[PAGE]), "\t".join(v for k, v in row.items() if k != PAGE and v)))
    return False


def _imported(found: Found) -> ImportedTable:
    header = tuple(c for c in found.assembled.header() if c != SIDE or "行次" not in found.assembled.printed)
    rows = [[row.get(column, "") for column in header] for row in found.assembled.rows()]
    no_data = any("本表无数据" in note or "本表为空" in note for note in found.notes)
    table = ImportedTable(found.spec.id, found.title, found.unit, no_data, found.notes, rows, header, found.pages)
    table.unplaced = list(found.assembled.unplaced)
    return table


def _narrative(reading: Reading, file: str) -> ImportedDisclosure:
    """The text outside the tables through the text importer; 预算 page titles as its parts."""
    lines = _with_years(reading.narrative)
    text = "\n".join(line.text for line in lines)
    try:
        out = read_disclosure_text(text, file)
    except InputError:  # no parts at all: the tables alone (the report names what is missing)
        out = ImportedDisclosure(file)
    pages = {number: line.page for number, line in enumerate(lines, start=1)}
    out.line_pages = pages
    return out


def _with_years(lines: list[TextLine]) -> list[TextLine]:
    """Lines an extraction split joined again (``text_parts.continued``: a year under 「…年度部门决算」,
    a part heading wrapped over two lines); the cover's identity is read from the joined lines."""
    result: list[TextLine] = []
    for line in lines:
        joined = continued(result[-1].text, line.text) if result else None
        if joined is None:
            result.append(line)
        else:
            result[-1] = TextLine(result[-1].page, result[-1].top, joined)
    return result
