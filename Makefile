# One entry point per chore; CI runs the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DOCS := README.md docs/cli-reference.md docs/json.md

# The message catalogues, and what gettext reads (compiled by every build, and here when a
# .po changes: see hatch_build.py).
PO := $(wildcard src/ecotask/locale/*/LC_MESSAGES/*.po)
MO := $(PO:.po=.mo)

.PHONY: run test lint format docs validate bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(MO): $(PO) | $(STAMP)
	$(BIN)/python hatch_build.py

# After adding or changing a message: extract them all, update each .po, then translate
# the entries it lists (empty msgstr or fuzzy) and run make again.
messages: $(STAMP)
	$(BIN)/python tools/messages.py
	$(BIN)/python hatch_build.py

run: $(STAMP) $(MO)
	$(BIN)/ecotask due --month 6

test: $(STAMP) $(MO)
	$(BIN)/python -m pytest -n auto

lint: $(STAMP) $(MO)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/cog --check -I docs $(DOCS) || (echo "docs drifted from the code: run make docs" >&2; exit 1)

docs: $(STAMP) $(MO)
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
