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
	$(BIN)/python -m jixiao.bench_batch

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

# A local PostgreSQL from Debian's postgresql package, for the review workbench's PostgreSQL tests
# (CI runs it too): a cluster started, a user and a database jixiao_test. Then
#   export JIXIAO_TEST_PG_URL=postgresql://jixiao:jixiao@127.0.0.1:5432/jixiao_test
.PHONY: pg-start
PG_AS := $(if $(filter 0,$(shell id -u)),runuser -u postgres --,sudo -u postgres)
PG_ROOT := $(if $(filter 0,$(shell id -u)),,sudo)
pg-start:
	@command -v pg_ctlcluster >/dev/null || { echo "需要 Debian 的 postgresql 包：apt-get install postgresql / install Debian's postgresql package" >&2; exit 2; }
	@set -e; cd /tmp; v=$$(ls /usr/lib/postgresql | sort -n | tail -1); \
	  pg_lsclusters -h | awk '{print $$1" "$$2}' | grep -qx "$$v main" || $(PG_ROOT) pg_createcluster $$v main; \
	  $(PG_ROOT) pg_ctlcluster $$v main start >/dev/null 2>&1 || true; \
	  for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL 未能启动 / PostgreSQL did not start" >&2; exit 2; }; \
	  $(PG_AS) psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='jixiao'" | grep -q 1 || \
	    $(PG_AS) psql -qc "CREATE ROLE jixiao LOGIN PASSWORD 'jixiao'"; \
	  $(PG_AS) psql -qtAc "SELECT 1 FROM pg_database WHERE datname='jixiao_test'" | grep -q 1 || \
	    $(PG_AS) createdb -O jixiao jixiao_test; \
	  echo "PostgreSQL 已就绪 / ready: export JIXIAO_TEST_PG_URL=postgresql://jixiao:jixiao@127.0.0.1:5432/jixiao_test"
