"""Write the text of a published PDF as a reader copies it: the page's lines as pdfplumber's plain
``extract_text_lines`` gives them (wrapped headings stay wrapped, a year or quotes on a line of their
own, numbers out of their sentences where the PDF draws them apart), each ruled table as tab-separated
rows, a merged cell written once and the cells it covers left blank.  Not the importer's own reader.

    python tests/import_fixtures/copy_pdf_text.py ../shared/samples-pdf/X.pdf > tests/import_fixtures/X.txt
"""

from __future__ import annotations

import sys

import pdfplumber


def copied_text(path: str) -> str:
    out: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables = [t for t in page.find_tables() if t.rows and len(t.rows[0].cells) >= 2]
            rest = page
            for table in tables:
                rest = rest.outside_bbox(table.bbox)
            items = [(line["top"], line["text"]) for line in rest.extract_text_lines()]
            for table in tables:
                rows = ["\t".join("".join((c or "").split()) for c in row) for row in table.extract()]
                items.append((table.bbox[1], "\n".join(rows)))
            out += [text for _, text in sorted(items, key=lambda item: item[0])]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(copied_text(sys.argv[1]))
