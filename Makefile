# gongkai — two commands on a fresh machine:
#   make site   installs what it needs and builds the sample site into build/
#   make test   installs what the tests need and runs lint, types and the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: site test test-fast lint serve check screenshots bench demo-data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	scripts/install-system-deps.sh
	$(BIN)/gongkai build

check: $(STAMP)
	$(BIN)/gongkai check

serve: $(STAMP)
	$(BIN)/gongkai serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: $(STAMP) lint
	scripts/install-system-deps.sh --browser
	$(BIN)/pytest

# Unit tests only (no site build, demo corpus, whole-PDF import, Dask cluster or browser: those are marked
# e2e or browser): 24.4 s wall on a quiet 2-core machine (1,309 tests, 2026-12-03)
test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser and not e2e"

# Benchmark (docs/performance.md): BENCH_SIZES disclosures each; BENCH_LARGE=1 adds 10,000;
# SHARD_SIZES: the sharded build (bench/shards.py, with the search measures).
BENCH_SIZES ?= 100 1000
SHARD_SIZES ?= 100 300
bench: $(STAMP)
	scripts/install-system-deps.sh --browser  # the search measures drive Chromium
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES) $(if $(BENCH_LARGE),--large)
	$(BIN)/python bench/shards.py --sizes $(SHARD_SIZES) --search

# Synthetic corpus: make demo-data UNITS=100 YEARS=5 SEED=1 OUT=.gongkai/demo/data
UNITS ?= 10
YEARS ?= 5
SEED ?= 1
OUT ?= .gongkai/demo/data
demo-data: $(STAMP)
	$(BIN)/gongkai demo-data --units $(UNITS) --years $(YEARS) --seed $(SEED) --out $(OUT)

# PNGs of every page type at 390 and 1280 px into docs/screenshots/ (the README shows the best)
screenshots: $(STAMP)
	scripts/install-system-deps.sh --browser
	$(BIN)/gongkai build
	$(BIN)/python scripts/screenshots.py build docs/screenshots

clean:
	rm -rf build .build-versions content .gongkai mkdocs.site.yml
