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

INPUTS := $(sort $(wildcard $(INPUT)/*.pdf $(INPUT)/*.txt))
STEMS := $(basename $(notdir $(INPUTS)))
OUTPUTS := $(foreach s,$(STEMS),$(OUTPUT)/$(s).json)
PIPELINE := $(wildcard pipeline/*.py)
TEMPLATES := $(wildcard templates/*)

.PHONY: all help test lint bench clean distclean setup

all: $(OUTPUT)/index.json ## Convert every letter in input/ to output/ (JSON, Markdown, HTML) and index them

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP) ## Create .venv and install the package with its test tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

CONVERT := $(BIN)/kamerbrief convert --no-index -o $(OUTPUT)

# One letter: its three outputs depend on the input, its corrections file (if there is one), the
# pipeline and the templates, so that changing any of them regenerates exactly what it affects.
# The extraction cache (build/cache) makes a re-render after a code or template change cheap.
.SECONDEXPANSION:
$(OUTPUT)/%.json $(OUTPUT)/%.md $(OUTPUT)/%.html &: $(INPUT)/%.pdf $$(wildcard $(INPUT)/$$*.corrections.toml) $(PIPELINE) $(TEMPLATES) $(STAMP) | $(OUTPUT)
	$(CONVERT) $<
$(OUTPUT)/%.json $(OUTPUT)/%.md $(OUTPUT)/%.html &: $(INPUT)/%.txt $$(wildcard $(INPUT)/$$*.corrections.toml) $(PIPELINE) $(TEMPLATES) $(STAMP) | $(OUTPUT)
	$(CONVERT) $<

$(OUTPUT)/index.json: $(OUTPUTS) $(TEMPLATES) $(STAMP) | $(OUTPUT)
	$(BIN)/kamerbrief index $(OUTPUT)

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
