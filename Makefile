# One virtualenv for everything; `make demo` and `make test` create it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check bench clean

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) (first run only: about 2 minutes, most of it downloading libraries)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/review demo demo-review

test: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term

check: $(STAMP)
	$(BIN)/ruff check review_cli tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) demo-review .pytest_cache .mypy_cache .ruff_cache
