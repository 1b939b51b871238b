"""The gallery notebooks (notebooks/*.ipynb) run top to bottom in a fresh kernel, are stored without
outputs, and end with the figures they promise.

Each notebook is executed once (nbclient, kernel "python3": the kernelspec ipykernel installs into
the venv, whose "python" jupyter_client runs as this interpreter); a failing cell fails the test
with its traceback. ``make notebooks`` runs this file alone.
"""
from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell; the notebooks take well under a minute each
SHARED = Path(os.environ.get("JIXIAO_SHARED", ROOT.parent / "shared"))


def _execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


@cache
def executed(name: str) -> nbformat.NotebookNode:
    return _execute(nbformat.read(NOTEBOOKS / name, as_version=4))


def stdout(nb: nbformat.NotebookNode, cell: int | None = None) -> str:
    cells = [c for c in nb.cells if c.cell_type == "code"]
    cells = cells if cell is None else [cells[cell]]
    return "".join(o.get("text", "") for c in cells for o in c.get("outputs", []) if o.output_type == "stream"
                   and o.name == "stdout")


def last_line(nb: nbformat.NotebookNode) -> str:
    return stdout(nb, -1).strip().splitlines()[-1]


def test_gallery_lists_every_notebook():
    assert {"01_explore_a_report.ipynb", "02_label_train_evaluate.ipynb", "03_reading_the_misses.ipynb"} <= set(ALL)
    readme = (NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    for name in ALL:
        assert name in readme, f"notebooks/README.md does not list {name}"


@pytest.mark.parametrize("name", ALL)
def test_notebook_is_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None, f"{name}: cell {c.id} keeps its outputs"


def test_kernel_is_this_interpreter():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    assert stdout(_execute(nb)).strip() == sys.prefix


@pytest.mark.parametrize("name", ALL)
def test_notebook_runs_top_to_bottom(name):
    nb = executed(name)  # raises CellExecutionError, with the traceback, when a cell fails
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")


def test_explore_a_report_shows_claims_findings_and_the_page():
    nb = executed("01_explore_a_report.ipynb")
    m = re.search(r"claims: (\d+) · 问题 / findings: (\d+)", last_line(nb))
    assert m, last_line(nb)
    assert int(m.group(1)) >= 30 and int(m.group(2)) >= 10  # the sample report plants 14 problems
    html = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
            if o.output_type in ("display_data", "execute_result") and "text/html" in o.get("data", {})]
    assert any("<iframe srcdoc=" in h for h in html), "the annotated HTML page is not shown inline"
    out = stdout(nb)
    assert "JX201" in out and "94.30元" in out  # the 万元 written as 元, with its evidence
    assert ("符合契约 / valid" in out) if (SHARED / "contract" / "report.schema.json").is_file() else "not validated" in out


def test_label_train_evaluate_round_trips_and_beats_the_floor():
    nb = executed("02_label_train_evaluate.ipynb")
    out = stdout(nb)
    assert "Label Studio 往返无损 / lossless: True" in out
    assert "doccano 往返无损 / lossless: True" in out
    m = re.search(r"claim roles CV accuracy: model ([\d.]+) · rules ([\d.]+)", last_line(nb))
    assert m, last_line(nb)
    assert float(m.group(1)) >= 0.9
    auc = re.search(r"triage ROC AUC: ([\d.]+)", out)
    assert auc and float(auc.group(1)) >= 0.7


def test_reading_the_misses_scores_the_generated_reports():
    nb = executed("03_reading_the_misses.ipynb")
    m = re.search(r"generated: recall ([\d.]+) · precision ([\d.]+)", last_line(nb))
    assert m, last_line(nb)
    assert float(m.group(1)) >= 0.85 and float(m.group(2)) >= 0.85
    misses = int(re.search(r"misses: (\d+)", stdout(nb, -1)).group(1))
    assert stdout(nb).count("■ ") == misses  # every miss is read out
    shared = (ROOT / "corpora" / "real" / "labels.jsonl").is_file() and SHARED.is_dir()
    assert ("real: " in stdout(nb)) == shared  # the seeds and real excerpts only when ../shared is there
