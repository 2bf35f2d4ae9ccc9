# kamerbrief: `make all` sets itself up and converts input/ into output/; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INPUT := input
OUTPUT := output

INPUTS := $(sort $(wildcard $(INPUT)/*.pdf $(INPUT)/*.txt))
OUTPUTS := $(foreach f,$(INPUTS),$(OUTPUT)/$(basename $(notdir $(f))).json)
PIPELINE := $(wildcard pipeline/*.py)
TEMPLATES := $(wildcard templates/*)

.PHONY: all help test lint bench clean distclean setup

all: $(OUTPUTS) ## Convert every letter in input/ to output/ (JSON, Markdown, HTML)

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP) ## Create .venv and install the package with its test tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# One letter: its three outputs depend on the input, its corrections (if any), the pipeline and
# the templates, so that changing any of them regenerates exactly what it affects.
$(OUTPUT)/%.json: $(INPUT)/%.pdf $(PIPELINE) $(TEMPLATES) $(STAMP) | $(OUTPUT)
	$(BIN)/kamerbrief convert $< -o $(OUTPUT)
$(OUTPUT)/%.json: $(INPUT)/%.txt $(PIPELINE) $(TEMPLATES) $(STAMP) | $(OUTPUT)
	$(BIN)/kamerbrief convert $< -o $(OUTPUT)

$(OUTPUT):
	mkdir -p $@

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy

clean: ## Remove generated outputs (keeps .venv)
	find $(OUTPUT) -mindepth 1 ! -name .gitkeep -delete
	rm -rf build .pytest_cache .mypy_cache .ruff_cache

distclean: clean ## Also remove .venv
	rm -rf $(VENV)
