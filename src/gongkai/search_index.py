"""The site's search: what each page gives Pagefind (filters, pinyin) and the Pagefind run on the built site.

Pagefind (npm ``pagefind``, its extended binary: Chinese word segmentation) indexes the HTML MkDocs wrote
into ``pagefind/`` beside the pages; the browser then loads only the index chunks a query needs.
What is indexed (docs/search.md): the article of every page (``article.md-content__inner``) except the
parts in :data:`NOT_INDEXED`; each page adds hidden index text — the pinyin (full and initials) of its
unit, region, project and glossary names and of the finance terms its sections use — and its filters.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from gongkai.diagnostics import BuildFailed
from gongkai.glossary import escape
from gongkai.models import Corpus, Disclosure

PAGEFIND_VERSION = "1.6.0"  # pinned: scripts/install-system-deps.sh installs exactly this from npm
NPM_DIR = Path(".gongkai/npm")  # where scripts/install-system-deps.sh installs it, below the project
BINARY = Path("node_modules/@pagefind/linux-x64/bin/pagefind_extended")  # the extended (CJK) binary
CHECKOUT = Path(__file__).resolve().parents[2]  # the source checkout, whose scripts installed Pagefind

ROOT = "article.md-content__inner"  # each page's text; header, navigation and footer are left out
# Parts of a page that would only add noise to a search: the in-page contents, charts (their numbers are
# in the tables), the findings of the checks (quotes of the text they check), glossary backlinks, labels
# for screen readers, badges and headline cards (shown again in the tables).
NOT_INDEXED = (
    "nav.gk-contents",
    ".gk-chart",  # a chart, or the sentence standing for a one-part chart
    ".gk-drill",  # 钱花在哪里: repeats the rows of 公开03 (or 05, 预算03)
    ".gk-findings",
    ".gk-backlinks",
    ".gk-sr",
    ".gk-badge",
    ".gk-cards",
    ".gk-downloads",
    ".headerlink",
    ".gk-permalink",
)
# The same parts in a page's Markdown, where the pinyin index text is added: sections by anchor, lines
# (each such block is one line of HTML) and backlink paragraphs.
NOT_INDEXED_SECTIONS = re.compile(r"\{: #(spending|charts|checks|downloads) \}")
NOT_INDEXED_HTML = re.compile(r'<p class="gk-backlinks">.*?</p>|^.*class="gk-(contents|cards|badge)\b.*$', re.MULTILINE)
COMMON_TERMS = "search/common-terms.txt"  # in the theme (site_templates/): finance words readers type in pinyin


class SearchIndexFailed(BuildFailed):
    """Pagefind is missing or failed (the previous ``build/`` is untouched); the message says what to do."""


def pagefind_binary(project: Path) -> Path:
    """The extended Pagefind binary: ``$GONGKAI_PAGEFIND`` if set, else the project's or the checkout's
    ``.gongkai/npm`` install, else ``pagefind_extended`` on the PATH."""
    override = os.environ.get("GONGKAI_PAGEFIND")
    candidates = [Path(override)] if override else [root / NPM_DIR / BINARY for root in (project, CHECKOUT)]
    if not override and shutil.which("pagefind_extended"):
        candidates.append(Path(str(shutil.which("pagefind_extended"))))
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        raise SearchIndexFailed(
            f"没有找到 Pagefind {PAGEFIND_VERSION}（生成站内搜索索引的程序）。请先运行 scripts/install-system-deps.sh 安装。",
            code="pagefind-missing",
            file=str(candidates[0]),
        )
    return found


# The id of an element other than a heading.  Pagefind keeps every id of the indexed text in the page's
# fragment (with the element's text), which the browser loads to show the page as a result, but it lands
# results on headings only: a disclosure's table cells (t01-r1-c1 …, the targets of the source links)
# made up two thirds of its fragment.
NOT_A_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-z][a-z0-9-]*\b[^<>]*?)\sid="[^"]*"')


def _copy_for_index(site: Path, copy: Path) -> None:
    """The site's pages as Pagefind reads them: without the ids of elements other than headings (the text,
    its words and their places are the same)."""
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if relative.parts[0] != "pagefind":
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(NOT_A_HEADING_ID.sub(r"\1", page.read_text(encoding="utf-8")), encoding="utf-8")


def index_site(site: Path, project: Path) -> None:
    """Write the search index of the built site ``site`` into ``site/pagefind/`` (deterministic)."""
    binary = pagefind_binary(project)
    with tempfile.TemporaryDirectory(prefix="gongkai-index-") as pages:
        _copy_for_index(site, Path(pages))
        command = [
            *(str(binary), "--site", pages, "--output-path", str((site / "pagefind").resolve())),
            *("--root-selector", ROOT, "--force-language", "zh"),
            *("--exclude-selectors", ", ".join(NOT_INDEXED), "--silent"),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexFailed(f"生成搜索索引失败（Pagefind）：{message}", code="search-index-failed")


def _syllables(term: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return [s.lower() for s in lazy_pinyin("".join(ch for ch in term if "\u4e00" <= ch <= "\u9fff"))]


@cache
def pinyin_words(term: str) -> tuple[str, str]:
    """Full pinyin and initials of a Chinese term, lower case, other characters dropped: 信访事务 ->
    ("xinfangshiwu", "xfsw").  A reader's pinyin query matches them as a prefix (xinfang, sangong, jgyxjf)."""
    syllables = _syllables(term)
    return "".join(syllables), "".join(s[0] for s in syllables)


NASAL = re.compile(r"(?<=[aei])(ng|n)$")  # the front/back nasal endings readers mix up: san/sang, xin/xing


@cache
def misspellings(term: str) -> tuple[str, ...]:
    """The full pinyin of ``term`` as readers commonly misspell it: one syllable's -n and -ng swapped
    at a time (三公 -> sanggong; 信访 -> xingfang, xinfan)."""
    syllables = _syllables(term)
    spelt = []
    for i, syllable in enumerate(syllables):
        swapped = NASAL.sub(lambda m: "n" if m.group(1) == "ng" else "ng", syllable)
        if swapped != syllable:
            spelt.append("".join([*syllables[:i], swapped, *syllables[i + 1 :]]))
    return tuple(spelt)


def hidden_index_text(
    names: Iterable[str], filters: Mapping[str, str] | None = None, misspelt: Collection[str] = (), pinyin: bool = True
) -> str:
    """A hidden element of a page: each of ``names`` on its own with its pinyin (one span per name, which
    names it, so the landing page can highlight the name a pinyin query found; the names in ``misspelt``
    also with their common misspellings) and the page's filters (name -> value, shown on the search
    results).  ``pinyin=False``: the names alone.  Readers do not see it; Pagefind indexes it."""
    spans = [
        f'<span data-pagefind-filter="{escape(name)}:{escape(value)}"></span>'
        for name, value in (filters or {}).items()
        if value
    ]
    for name in dict.fromkeys(names):
        spelt = [*pinyin_words(name), *(misspellings(name) if name in misspelt else ())]
        if spelt[0]:
            # the name again on its own: Pagefind segments it as it segments the query, whatever the
            # characters around it in the text (歙县麻坊信访站 finds 信访)
            words = " ".join(spelt) + " " if pinyin else ""
            spans.append(f'<span data-gk-name="{escape(name)}">{escape(name)} {words}</span>')
    # weight 0.1: found, but ranked by the text readers see (the names repeat words of their sections)
    return f'<div class="gk-index" hidden data-pagefind-weight="0.1">{"".join(spans)}</div>' if spans else ""


def common_terms(path: Path) -> tuple[str, ...]:
    """Finance words readers look up by pinyin (三公, 信访 …), from the theme's ``search/common-terms.txt``."""
    if not path.is_file():
        return ()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
HEADING = re.compile(r"^(?=#{1,6} )", re.MULTILINE)


class IndexText:
    """Adds each page's hidden index text: after every heading's part of a page, the pinyin of the names
    and terms that part shows, so a pinyin query lands on the same section as the Chinese one."""

    def __init__(self, terms: Iterable[str], misspelt: Iterable[str] = ()) -> None:
        self._misspelt = frozenset(misspelt)
        names = {t for t in terms if pinyin_words(t)[0]}
        # what decides a page's index text besides the page: for caching it between builds
        self.fingerprint = "\n".join([*sorted(names), "", *sorted(self._misspelt)])
        # a lookahead finds overlapping names: 信访 inside 襄垣县信访局 as well as the whole name
        self._pattern = re.compile(f"(?=({_longest_of(names)}))") if names else None

    def page(self, markdown: str, filters: Mapping[str, str] | None = None, pinyin: bool = True) -> str:
        """The page's Markdown with hidden index text; ``filters`` go into the first heading's part.
        ``pinyin=False`` (the aggregate pages): the names alone, so that a pinyin query leads to the
        disclosures, not to the unit, browse and compare pages that repeat their terms."""
        front = FRONT_MATTER.match(markdown)
        head = front.group(0) if front else ""
        parts = HEADING.split(markdown[len(head) :])
        out = [head]
        first = True
        for part in parts:
            heading = part.split("\n", 1)[0]
            shown = "" if NOT_INDEXED_SECTIONS.search(heading) else NOT_INDEXED_HTML.sub("", part)
            names = self._pattern.findall(shown) if self._pattern else []
            part_filters = filters if first and part.startswith("#") else None
            block = hidden_index_text(names, part_filters, self._misspelt, pinyin)
            first = first and not part.startswith("#")
            out.append(part.rstrip("\n") + "\n\n" + block + "\n\n" if block else part)
        return "".join(out)


def _longest_of(names: Iterable[str]) -> str:
    """A regular expression matching the longest of ``names`` that starts where it is tried, written as a
    tree of their characters (names sharing a beginning share its branch): the time per page does not
    grow with the number of names, as it did with one alternative per name (≈ 1,000 names at 1,000
    disclosures)."""
    tree: dict[str, Any] = {}
    for name in names:
        node = tree
        for character in name:
            node = node.setdefault(character, {})
        node[""] = {}  # a name ends here

    def expression(node: dict[str, Any]) -> str:
        branches = [re.escape(character) + expression(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: a longer name first, else the one ending here

    return expression(tree)


def site_terms(corpus: Corpus, common: Path) -> list[str]:
    """The names and terms whose pinyin is indexed: units, regions, projects, glossary terms and the
    common finance words of the file ``common`` (the theme's ``search/common-terms.txt``)."""
    terms = [*common_terms(common), *(e.term for e in corpus.glossary)]
    for d in corpus.disclosures:
        terms += [d.unit.name, *d.unit.region, *(e.term for e in d.glossary), *(p.name for p in d.projects)]
    return terms


def filters(d: Disclosure) -> dict[str, str]:
    """The search filters of a disclosure's pages: region, year, document kind, unit."""
    return {"地区": " ".join(d.unit.region), "年度": str(d.year), "类别": d.document or d.kind, "单位": d.unit.name}
