# jixiao — make demo | make test | make bench
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test bench install dev clean sample docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

install dev: $(STAMP)

demo: $(STAMP)
	@echo "== jixiao check examples/sample_report.docx"
	-$(BIN)/jixiao check examples/sample_report.docx
	@echo
	@echo "== jixiao show examples/sample_report.docx (document model)"
	$(BIN)/jixiao show examples/sample_report.docx | head -60

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m jixiao.bench_quantities ../shared
	$(BIN)/python -m jixiao.bench_check ../shared

# Regenerate the rule reference from the checks' docstrings.
docs: $(STAMP)
	$(BIN)/jixiao rules --format markdown > docs/rules.md

# Regenerate the shipped sample report from its source script.
sample: $(STAMP)
	$(BIN)/python examples/make_sample.py examples/sample_report.docx

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
