# kamerbrief: `make all` sets itself up and converts input/ into output/; `make test` runs the tests.
SHELL := /bin/bash
# One letter that fails must not stop the others; make still exits non-zero at the end.
MAKEFLAGS += --keep-going
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INPUT := input
OUTPUT := output

.PHONY: all help test lint bench clean distclean setup

# `make -j N all` converts with N worker processes; a bare -j uses every core. (Expanded when the
# recipe runs: only then does MAKEFLAGS hold -j.)
JOBS = $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
JOBS_FLAG = --jobs $(if $(filter -j,$(MAKEFLAGS)),$(shell nproc),$(or $(JOBS),1))

# Make's own rule, applied by the command: a letter is converted when an output is missing or older
# than the letter, its corrections file, the pipeline or the templates; with nothing to do, nothing
# is touched. One `kamerbrief convert` does them all, so a re-render after a template change costs
# one process start and reads every PDF from the extraction cache (build/cache). File names never
# pass through Make or the shell: any name the command accepts works here, and none is run.
all: $(STAMP) | $(OUTPUT) ## Convert every letter in input/ to output/ (JSON, Markdown, HTML) and index them
	$(BIN)/kamerbrief convert --only-changed $(JOBS_FLAG) -o '$(OUTPUT)' '$(INPUT)'

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP) ## Create .venv and install the package with its test tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(OUTPUT):
	mkdir -p $@

test: $(STAMP) ## Run the test suite (installs Chromium and axe-core for the browser tests first)
	scripts/install-browser.sh
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy

clean: ## Remove generated outputs (keeps .venv)
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

bench: $(STAMP) ## Measure speed and memory on the corpus; writes bench/report.md
	$(BIN)/python bench/run.py --report bench/report.md
