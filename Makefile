# kamerbrief: `make all` sets itself up and converts input/ into output/; `make test` runs the tests.
SHELL := /bin/bash
# One letter that fails must not stop the others; make still exits non-zero at the end.
MAKEFLAGS += --keep-going
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# pip prints only errors: what a newcomer sees is what the program says.
PIP := $(BIN)/python -m pip --quiet --quiet
INPUT := input
OUTPUT := output

.PHONY: all help test lint bench clean distclean setup lock browser

# `make -j N all` converts with N worker processes; a bare -j uses every core. (Expanded when the
# recipe runs: only then does MAKEFLAGS hold -j.)
JOBS = $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
JOBS_FLAG = --jobs $(if $(filter -j,$(MAKEFLAGS)),$(shell nproc),$(or $(JOBS),1))

# Make's own rule, applied by the command: a letter is converted when an output is missing or older
# than the letter, its corrections file, the pipeline or the templates (or its corrections file is
# gone); --prune removes the outputs of letters no longer in input/. With nothing to do, nothing
# is touched. One `kamerbrief convert` does them all, so a re-render after a template change costs
# one process start and reads every PDF from the extraction cache (build/cache). File names never
# pass through Make or the shell: any name the command accepts works here, and none is run.
all: $(STAMP) | $(OUTPUT) ## Convert every letter in input/ to output/ (JSON, Markdown, HTML) and index them
	$(BIN)/kamerbrief convert --only-changed --prune $(JOBS_FLAG) --cache-dir build/cache -o '$(OUTPUT)' '$(INPUT)'

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(TEST_STAMP) ## Create .venv and install the package with its test tools

# What converting needs, at the exact versions (and hashes) of requirements.lock; then the package
# itself, editable, built with the locked setuptools (no build isolation: nothing unlocked is fetched).
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

# The test tools on top, from requirements-test.lock (the same versions for what both hold).
$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(PIP) install --require-hashes --no-deps -r requirements-test.lock
	touch $@

lock: ## Refresh requirements.lock and requirements-test.lock from the ranges in pyproject.toml
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip --quiet install uv
	scripts/lock.sh build/lock-venv/bin/uv

$(OUTPUT):
	mkdir -p $@

test: $(TEST_STAMP) ## Run the test suite (installs Chromium and axe-core first where it can: as root with apt-get)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v npm >/dev/null; then \
		scripts/install-browser.sh; \
	else \
		echo "make test: not root with apt-get and npm, so Chromium is not installed; the browser tests skip unless it is there (see 'make browser')"; \
	fi
	$(BIN)/python -m pytest -q

browser: ## Install Chromium (apt-get, as root) and axe-core (npm) for the browser tests
	scripts/install-browser.sh

lint: $(TEST_STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy

clean: ## Remove generated outputs (keeps .venv)
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

bench: $(TEST_STAMP) ## Measure speed and memory on the corpus, and runs on 10,000 generated letters; writes bench/report.md
	$(BIN)/python bench/run.py --report bench/report.md
