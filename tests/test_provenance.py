"""Provenance a reader can use: the official original under the page title, the pages of the original
under each table and in each chart figure's source, and the import flags that record them."""

from __future__ import annotations

from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
import yaml

from chart_helpers import disclosure, table, table_row
from gongkai.markup import environment
from gongkai.models import SourceDocument
from gongkai.provenance import original, table_source
from gongkai.schema import SourceDoc
from import_helpers import SAMPLES_PDF, data_folder, run_import

URL = "https://www.example.gov.cn/yjsgk/2024/putuo-caizhengju.pdf"
SHA = "d45e923176f9fe4b6533829d3a2fe67f8cbcd55d07099dabf73aca62701f8eb5"


def test_the_original_links_to_its_address_with_publisher_date_file_and_hash() -> None:
    source = SourceDocument("普陀区财政局2024年度部门决算", "putuo.pdf", URL, "上海市普陀区财政局", SHA)
    html = unescape(
        original(environment(), replace(disclosure(), source=source, published="2025-08-05"))
    )  # href: https&#58;//
    assert (
        f'<a class="gk-original__link" href="{URL}" rel="external noopener">《普陀区财政局2024年度部门决算》</a>'
        in html
    )
    assert "（发布：上海市普陀区财政局；公开日期：2025-08-05）" in html
    assert f"文件 putuo.pdf · SHA-256 <code>{SHA}</code>" in html


def test_what_is_not_recorded_is_said_to_be_unrecorded_never_guessed() -> None:
    html = original(environment(), disclosure())
    assert "<a " not in html
    assert "<strong>原文</strong>：《测试》（公开日期未登记；网上地址未登记）" in html
    assert "SHA-256" not in html


def test_only_web_addresses_are_accepted_as_the_original_s_url() -> None:
    assert SourceDoc(title="t", url=URL).url == URL
    for bad in ("javascript:alert(1)", "www.example.gov.cn", 'https://x" onclick="y'):
        with pytest.raises(ValueError):
            SourceDoc(title="t", url=bad)


def test_a_table_names_the_pages_of_the_original_it_is_printed_on() -> None:
    rows = [replace(table_row("合计", {"合计": "1"}), page="15"), replace(table_row("a", {"合计": "1"}), page="16")]
    assert table_source(environment(), table("05", rows)) == (
        '<p class="gk-source">数据来源：原文公开05表，第15、16页；数据文件 tables/gongkai05.csv</p>'
    )
    assert table_source(environment(), table("05", [table_row("合计", {"合计": "1"})])) == (
        '<p class="gk-source">数据来源：数据文件 tables/gongkai05.csv</p>'
    )


@pytest.mark.e2e  # imports a whole PDF
@pytest.mark.skipif(not SAMPLES_PDF.is_dir(), reason="../shared/samples-pdf/ is not there")
def test_import_records_where_when_and_by_whom_the_original_was_published(tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    pdf = SAMPLES_PDF / "putuo-shangwuwei-2025-yusuan-danwei.pdf"
    flags = ("--published", "2025-07-23", "--url", URL, "--publisher", "上海市普陀区商务委员会")
    assert run_import("pdf", pdf, "--out", data, *flags) == 0
    (written,) = data.rglob("disclosure.yaml")
    doc = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert doc["published"] == "2025-07-23"
    assert doc["source"]["url"] == URL and doc["source"]["publisher"] == "上海市普陀区商务委员会"
    assert len(doc["source"]["sha256"]) == 64 and doc["source"]["file"] == pdf.name
