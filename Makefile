# The two quick-start commands: `make app` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: app test setup browser ingest benchmarks clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed

## Run the app on the bundled sample data (the store is built on first start).
app: setup
	$(BIN)/streamlit run app.py --server.port $(PORT)

## Run the whole test suite, browser tests included (installs Debian's chromium when missing).
test: setup browser
	$(BIN)/python -m pytest

browser:
	scripts/ensure-chromium

ingest: setup
	$(BIN)/python -m newsgraph ingest data/articles

benchmarks: setup
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/app.py

clean:
	rm -rf $(VENV) data/newsgraph.duckdb data/newsgraph.duckdb.wal test-artifacts
