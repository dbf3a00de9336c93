# Everything installs into .venv from scratch; nothing else is assumed but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NATIVE := $(VENV)/.native

.PHONY: install demo test lint typecheck pytest browser-test bench clean
CHROMIUM ?= /usr/bin/chromium
DEMO_DB := out/demo-kb.sqlite

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,web,postgres]'
	touch $(STAMP)

# The parser's hot modules compiled with mypyc (kb/parse/native.py), rebuilt when a parser
# source changes; the sources run instead until it is (or where no C compiler is found).
$(NATIVE): $(STAMP) $(wildcard kb/parse/*.py) kb/models.py
	$(BIN)/python -c 'import sys; from kb.parse.native import main; sys.exit(main())'
	touch $(NATIVE)

install: $(STAMP) $(NATIVE)

# The main job: check the documents of corpus/ together (exit 1 only means findings),
# then build the knowledge base and ask which regulation governs direct dialogue.
demo: $(STAMP) $(NATIVE)
	$(BIN)/citecheck corpus/ --statistics || [ $$? -eq 1 ]
	@mkdir -p out
	$(BIN)/kb build corpus/ --db $(DEMO_DB)
	$(BIN)/kb applies "đối thoại trực tiếp" --on 2023-01-01 --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check kb citecheck tests bench
	$(BIN)/ruff format --check kb citecheck tests bench
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(NATIVE)
	$(BIN)/pytest -q -m "not browser"

# End-to-end tests in a real headless Chromium (installed from the system packages if missing).
browser-test: $(STAMP) $(NATIVE)
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(BIN)/pytest -q -p no:cacheprovider -m browser tests/web

test: lint typecheck pytest

bench: $(STAMP) $(NATIVE)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build out *.egg-info .pytest_cache .mypy_cache .ruff_cache
