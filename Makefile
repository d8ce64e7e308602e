# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FQ     := $(BIN)/fengqiao

.PHONY: install demo test lint format stop clean

install: $(VENV)/.installed
	@$(FQ) neo4j fetch

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed; set PYTHON=python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

DEMO_OUT ?= out/demo

demo: install
	$(FQ) neo4j start
	$(FQ) neo4j init
	$(FQ) resolve data/sample --out $(DEMO_OUT)
	@echo
	@echo "Resolved the bundled sample into $(DEMO_OUT)/ (links.csv, persons.csv, review.csv, report.json)."
	@echo "Still to come: loading into the graph, repeat-dispute analysis and the GraphQL API."
	@echo "Neo4j Browser: http://127.0.0.1:7474/browser/ (user neo4j; password: .venv/bin/fengqiao neo4j env)"
	@echo "Stop Neo4j with: make stop"

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
