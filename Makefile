# gongkai — two commands on a fresh machine:
#   make site   installs what it needs and builds the sample site into build/
#   make test   installs what the tests need and runs lint, types and the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: site test lint serve check screenshots bench clean

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
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: $(STAMP) lint
	scripts/install-system-deps.sh --browser
	$(BIN)/pytest

clean:
	rm -rf build content .gongkai mkdocs.site.yml
