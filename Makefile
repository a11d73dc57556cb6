# Two commands on a fresh machine with python3 (3.11+), pip and make:
#   make run    build .venv from uv.lock if needed, then materialise every asset into the warehouse
#   make test   the same set-up, then the tests
PYTHON ?= python3
GOVREPORTS_SEEDS ?= $(CURDIR)/seeds
GOVREPORTS_WAREHOUSE ?= $(CURDIR)/warehouse/govreports.duckdb
DAGSTER_HOME ?= $(CURDIR)/dagster_home
export GOVREPORTS_SEEDS GOVREPORTS_WAREHOUSE DAGSTER_HOME

VENV := .venv
BIN := $(VENV)/bin
SYNCED := $(VENV)/.synced
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test dev sql bench export venv clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(SYNCED): uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	@touch $@

venv: $(SYNCED)

run: $(SYNCED)
	$(BIN)/python -m pipelines.run

test: $(SYNCED)
	$(BIN)/python -m pytest

dev: $(SYNCED)
	$(BIN)/python -m pipelines.dev

bench: $(SYNCED)
	$(BIN)/python benchmarks/run.py

sql: $(SYNCED)
	$(BIN)/duckdb -readonly "$(GOVREPORTS_WAREHOUSE)"

# The published warehouse as Parquet, CSV, a data dictionary and a Stata panel, in export/ beside it.
export: $(SYNCED)
	$(BIN)/python -m pipelines.warehouse.export

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal
