# One entry point per chore; CI runs the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DOCS := README.md docs/cli-reference.md docs/json.md

.PHONY: run test lint format docs validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ecotask due --month 6

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/cog --check -I docs $(DOCS) || (echo "docs drifted from the code: run make docs" >&2; exit 1)

docs: $(STAMP)
	$(BIN)/cog -r -I docs $(DOCS)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

validate: $(STAMP)
	$(BIN)/ecotask validate

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
