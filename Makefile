# jixiao — make demo | make test | make bench
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test bench install dev clean sample docs eval models notebooks

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
	@mkdir -p out
	@$(BIN)/jixiao check examples/sample_report.docx --format html -o out/sample_report.html \
		--annotate out/sample_report.批注.docx 2>/dev/null || true
	@$(BIN)/jixiao check examples/sample_report.docx --format xlsx -o out/sample_report.xlsx || true
	@echo
	@echo "报告页面 / HTML report:          out/sample_report.html"
	@echo "带批注的 Word / annotated .docx: out/sample_report.批注.docx"
	@echo "审计底稿 / Excel working paper:  out/sample_report.xlsx"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m jixiao.bench_quantities ../shared
	$(BIN)/python -m jixiao.bench_check ../shared

# The checks on the project's labelled corpus, against the floors CI enforces.
eval: $(STAMP)
	$(BIN)/jixiao evaluate --gold corpora/seeds/labels.jsonl --gold corpora/real/labels.jsonl \
		--gold examples/sample_report.gold.jsonl --generate 300 --seed 11 --floors corpora/floors.json

# Retrain the shipped models (models/claims, models/triage) on the project's corpus.
models: $(STAMP)
	$(BIN)/jixiao train claims --spacy
	$(BIN)/jixiao train triage

# Run the gallery notebooks (notebooks/) top to bottom with nbclient.
notebooks: $(STAMP)
	$(BIN)/python -m pytest tests/test_notebooks.py

# Regenerate the rule reference from the checks' docstrings.
docs: $(STAMP)
	$(BIN)/jixiao rules --format markdown > docs/rules.md

# Regenerate the shipped sample report from its source script.
sample: $(STAMP)
	$(BIN)/python examples/make_sample.py examples/sample_report.docx

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache out

