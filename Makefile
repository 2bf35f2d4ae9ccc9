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
PIPELINE := $(wildcard pipeline/*.py pipeline/*/*.py)
TEMPLATES := $(wildcard templates/*)

.PHONY: all help test lint bench clean distclean setup

all: $(OUTPUTS) | $(OUTPUT) ## Convert every letter in input/ to output/ (JSON, Markdown, HTML) and index them
	@if [ -s $(TODO) ]; then \
		sort -u $(TODO) -o $(TODO); \
		$(BIN)/kamerbrief convert $(JOBS_FLAG) -o $(OUTPUT) $$(cat $(TODO)); status=$$?; \
		rm -f $(TODO); exit $$status; \
	elif [ ! -f $(OUTPUT)/index.json ]; then \
		$(BIN)/kamerbrief index $(OUTPUT); \
	fi

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP) ## Create .venv and install the package with its test tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

TODO := build/todo.txt
# `make -j N all` converts with N worker processes; a bare -j uses every core.
JOBS := $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
JOBS_FLAG := --jobs $(if $(filter -j,$(MAKEFLAGS)),$(shell nproc),$(or $(JOBS),1))

# Each letter's outputs depend on its input, its corrections file (if there is one), the pipeline
# and the templates, so that changing any of them regenerates exactly what it affects. A letter
# that needs work is only noted here; one `kamerbrief convert` in `all` then does them all, so a
# re-render after a template change costs one process start, not one per letter, and reads every
# PDF from the extraction cache (build/cache).
.SECONDEXPANSION:
$(OUTPUT)/%.json: $(INPUT)/%.pdf $$(wildcard $(INPUT)/$$*.corrections.toml) $(PIPELINE) $(TEMPLATES) $(STAMP) | build
	@echo $< >> $(TODO)
$(OUTPUT)/%.json: $(INPUT)/%.txt $$(wildcard $(INPUT)/$$*.corrections.toml) $(PIPELINE) $(TEMPLATES) $(STAMP) | build
	@echo $< >> $(TODO)

build:
	mkdir -p $@

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
