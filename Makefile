# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FQ     := $(BIN)/fengqiao

.PHONY: install demo test lint format stop clean divisions

install: $(VENV)/.installed
	@$(FQ) neo4j fetch

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed; set PYTHON=python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

DEMO_OUT ?= out/demo
DEMO_DAYS ?= 50

demo: install
	$(FQ) neo4j start
	$(FQ) neo4j init
	$(FQ) feed data/sample --days $(DEMO_DAYS) --out $(DEMO_OUT)/feed
	$(FQ) ingest $(DEMO_OUT)/feed/base --out $(DEMO_OUT)/result
	@echo
	@echo "The sample up to its last $(DEMO_DAYS) days is resolved into $(DEMO_OUT)/result/ (links.csv,"
	@echo "persons.csv, review.csv) and built into Neo4j with its disputes, networks and alerts."
	@echo "Now its last days arrive as daily batches, each linked into the living graph:"
	@echo
	$(FQ) ingest $(DEMO_OUT)/feed/day-*
	@echo
	$(FQ) welcome
	$(FQ) serve

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

stop:
	$(FQ) neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Regenerate the national divisions table from the published GB/T 2260 code tables.
divisions: install
	$(BIN)/pip install --quiet -e ".[divisions]"
	$(BIN)/python resolution/normalise/data/build_divisions.py
