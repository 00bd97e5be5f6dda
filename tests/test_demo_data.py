"""The synthetic corpus (``gongkai demo-data``): deterministic, valid, consistent, and builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT, copy_project
from gongkai.build import Progress, build_site
from gongkai.cli import EXIT_OK, EXIT_USAGE, main
from gongkai.demo.corpus import PLANTED_FILE, generate_corpus
from gongkai.diagnostics import Severity
from gongkai.load import load_corpus
from gongkai.rules import check_corpus

pytestmark = pytest.mark.e2e  # generates whole demo corpora

SOURCE = PROJECT / "data"


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make(out: Path, units: int = 2, years: int = 2, **options: object) -> Path:
    generate_corpus(out, SOURCE, units=units, years=years, seed=7, **options)  # type: ignore[arg-type]
    return out


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    first, second = files_of(make(tmp_path / "a")), files_of(make(tmp_path / "b"))
    assert first == second
    assert len([p for p in first if p.endswith("disclosure.yaml")]) == 2 * 2 * 2  # units × years × 预算/决算


def test_a_larger_corpus_keeps_every_disclosure_of_a_smaller_one(tmp_path: Path) -> None:
    small = files_of(make(tmp_path / "small", units=1, years=1))
    large = files_of(make(tmp_path / "large", units=2, years=2))
    kept = {p: d for p, d in small.items() if p.startswith("disclosures/")}
    assert kept and all(large[p] == d for p, d in kept.items())


def test_corpus_loads_and_passes_every_check(tmp_path: Path) -> None:
    corpus = load_corpus(make(tmp_path / "data", units=3, years=2))
    assert len(corpus.disclosures) == 12
    assert {d.kind for d in corpus.disclosures} == {"预算", "决算"}
    assert all(2 <= len(d.projects) <= 8 for d in corpus.disclosures)
    problems = [f.format() for f in check_corpus(corpus).all_findings() if f.severity is not Severity.NOTICE]
    assert problems == []


def test_planted_income_total_error_is_found(tmp_path: Path) -> None:
    data = make(tmp_path / "data", units=1, years=1, contradictions=1.0, planted_kinds=("t01-income-sum",))
    assert "t01-income-sum" in (data / PLANTED_FILE).read_text(encoding="utf-8")
    report = check_corpus(load_corpus(data))
    for folder, findings in report.findings.items():  # errors are planted in the 决算, not in the 预算
        assert ("t01-income-sum" in {f.code for f in findings}) is folder.endswith("-juesuan"), folder


def test_small_corpus_renders_every_page(tmp_path: Path) -> None:
    paths = copy_project(tmp_path / "project", make(tmp_path / "data", units=3, years=1))
    result = build_site(paths, Progress(False), mkdocs=False)
    assert len(result.corpus.disclosures) == 6
    disclosure = result.corpus.disclosures[0]
    assert (paths.content / disclosure.url / "index.md").is_file()
    assert result.charts > 0


def test_cli_refuses_a_folder_it_did_not_make(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["demo-data", "--units", "1", "--years", "1", "--out", str(tmp_path)]) == EXIT_USAGE
    assert "已有其他文件" in capsys.readouterr().err
    assert (tmp_path / "keep.txt").is_file()
    out = tmp_path / "demo"
    args = ["demo-data", "--units", "1", "--years", "1", "--out", str(out), "--project", str(PROJECT)]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK  # its own folder is replaced
    assert len(list(out.glob("disclosures/*/*/*/disclosure.yaml"))) == 2
