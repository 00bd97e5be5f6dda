"""Print a disclosure text (a seed, tab-separated table rows) as an office's Word/WPS export would:
headings and paragraphs as lines, each run of tab rows as a ruled HTML table (a header cell written
once spans the blank cells to its right that have a head below them), printed to PDF by headless
Chromium (Playwright) with the system's CJK font (cut to the characters used).  Long tables break over pages: every ``--break-every`` data
rows a page break is forced inside the table, with the header repeated on the new page (``<thead>``)
or, with ``--no-repeat``, not.  ``--unruled N`` prints the N-th table without ruling lines.  The text
from the line ``--stop`` starts (the 附件 part by default) is left out: only 概况, tables, 情况说明
and 名词解释 are printed.  The HTML is deterministic; the PDF's creation date is Chromium's.

    python tests/import_fixtures/seed_pdf.py ../shared/seeds/002_f64002770984a7bf.txt tests/fixtures/pdf/x.pdf
"""

from __future__ import annotations

import argparse
import html
import re
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from playwright.sync_api import sync_playwright

SYSTEM_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
MAXP_ZERO = (  # maxp 1.0 fields a TrueType font needs; recomputed or unused (no hinting)
    "maxPoints",
    "maxContours",
    "maxCompositePoints",
    "maxCompositeContours",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)

FIGURE = re.compile(r"^-?[\d,]+\.\d+$")
PAGE_CLASS = ' class="page"'
TOC_ROW = re.compile(r"^[^\t]+\t\s*\d+\s*$")
CSS = """@font-face { font-family: "Seed"; src: url("seed.ttf"); }
@page { size: A4; margin: 15mm; }
body { font-family: "Seed"; font-size: 9pt; }
p { margin: 0 0 4pt; }
table { border-collapse: collapse; margin: 0 0 6pt; width: 100%; }
td, th { padding: 1pt 3pt; font-weight: normal; }
table.ruled td, table.ruled th { border: 0.75pt solid #000; }
tr { break-inside: avoid; }
tr.break, p.page { break-before: page; }"""


def blocks(lines: list[str]) -> list[str | list[list[str]]]:
    """Lines → paragraphs (str) and tables (runs of tab rows; blank lines inside a run are skipped)."""
    out: list[str | list[list[str]]] = []
    in_toc = False
    for line in lines:
        if not line.strip():
            continue
        in_toc = bool(re.match(r"^目\s*录$", line.strip())) or (in_toc and "\t" in line)
        if in_toc and TOC_ROW.match(line):  # a 目录 entry and its page number: a line of text, as Word prints it
            out.append(line.replace("\t", " ").strip())
        elif "\t" in line:
            if not out or isinstance(out[-1], str):
                out.append([])
            table = out[-1]
            assert isinstance(table, list)
            table.append(line.split("\t"))
        else:
            out.append(line.strip())
    return out


def header_count(rows: list[list[str]]) -> int:
    """The header rows: up to the 栏次 row, else before the first row printing a figure."""
    for index, row in enumerate(rows):
        if row and row[0].strip() == "栏次":
            return index + 1
        if any(FIGURE.match(cell.strip()) for cell in row):
            return index
    return 0


def row_html(row: list[str], width: int, tag: str, css: str = "") -> str:
    cells = row + [""] * (width - len(row))
    return f"<tr{css}>{''.join(f'<{tag}>{html.escape(c.strip())}</{tag}>' for c in cells)}</tr>"


def head_html(rows: list[list[str]], width: int) -> list[str]:
    """Header rows with merged cells: a head spans the blank cells to its right that have nothing
    above them (the text's convention, ``text_grid_table``), then the blank cells below it."""
    grid = [[c.strip() for c in row] + [""] * (width - len(row)) for row in rows]
    spans: dict[tuple[int, int], list[int]] = {}
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text or (r, c) in covered:
                continue
            end = c + 1
            while end < width and not row[end] and not any(grid[k][end] for k in range(r)):
                end += 1
            down = r + 1
            while down < len(grid) and not any(grid[down][c:end]) and grid[down][0] != "栏次":
                down += 1
            spans[r, c] = [end - c, down - r]
            covered |= {(y, x) for y in range(r, down) for x in range(c, end)}
    out = []
    for r, row in enumerate(grid):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in spans:
                cols, rows_ = spans[r, c]
                attr = (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows_}"' if rows_ > 1 else "")
                cells.append(f"<th{attr}>{html.escape(text)}</th>")
            elif (r, c) not in covered:
                cells.append("<th></th>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return out


def table_html(rows: list[list[str]], ruled: bool, repeat: bool, break_every: int) -> str:
    width = max(len(row) for row in rows)
    count = header_count(rows)
    head = head_html(rows[:count], width)
    body = []
    for index, row in enumerate(rows[count:], start=1):
        css = ' class="break"' if break_every and index % break_every == 1 and index > 1 else ""
        body.append(row_html(row, width, "td", css))
    header = f"<thead>{''.join(head)}</thead><tbody>" if repeat else f"<tbody>{''.join(head)}"
    return f'<table class="{"ruled" if ruled else "plain"}">{header}{"".join(body)}</tbody></table>'


def document_html(text: str, stop: str, repeat: bool, break_every: int, unruled: int) -> str:
    lines = text.splitlines()
    ends = [i for i, line in enumerate(lines) if re.match(stop, line.strip()) and i > 40]
    parts: list[str] = []
    tables = 0
    for block in blocks(lines[: ends[0]] if ends else lines):
        if isinstance(block, str):  # the 目录 and each part start a page, as in a Word document
            new_page = re.match(r"^目\s*录$|^第[一二三四五六七八九十]部分", block) and not re.search(r"\s\d+$", block)
            parts.append(f"<p{PAGE_CLASS if new_page else ''}>{html.escape(block)}</p>")
        else:
            tables += 1
            parts.append(table_html(block, tables != unruled, repeat, break_every))
    body = "\n".join(parts)
    return f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n'


def font_file(text: str, out: Path) -> None:
    """The system's Noto Sans CJK SC cut to the characters of ``text``, as TrueType outlines: Chromium
    embeds a TrueType subset, while it draws a CFF font as Type 3 glyphs (a PDF several times larger)."""
    font = TTFont(SYSTEM_FONT, fontNumber=2)  # Noto Sans CJK SC
    subsetter = subset.Subsetter(subset.Options(desubroutinize=True, notdef_outline=True))
    subsetter.populate(text=text)
    subsetter.subset(font)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for key in MAXP_ZERO:
        setattr(maxp, key, 0)
    del font["CFF "]
    font["head"].glyphDataFormat = 0
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(out)


def print_pdf(page: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        font_file(page, Path(tmp) / "seed.ttf")
        source = Path(tmp) / "page.html"
        source.write_text(page, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
            tab = browser.new_page()
            tab.goto(source.as_uri())
            tab.pdf(path=str(out), format="A4", tagged=False, outline=False, prefer_css_page_size=True)
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--stop", default=r"^第[一二三四五六七八九十]部分\s*附件$", help="a line pattern: print up to it"
    )
    parser.add_argument("--no-repeat", action="store_true", help="do not repeat a table's header on a new page")
    parser.add_argument("--break-every", type=int, default=12, help="force a page break every N data rows (0: never)")
    parser.add_argument("--unruled", type=int, default=0, help="print the N-th table (from 1) without ruling lines")
    parser.add_argument("--html", action="store_true", help="write the HTML instead of the PDF")
    args = parser.parse_args()
    page = document_html(
        args.text.read_text(encoding="utf-8"), args.stop, not args.no_repeat, args.break_every, args.unruled
    )
    if args.html:
        args.out.write_text(page, encoding="utf-8")
    else:
        print_pdf(page, args.out)


if __name__ == "__main__":
    main()
