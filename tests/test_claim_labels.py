"""The hand-checked claim-role labels of the real excerpts and the seeds (corpora/*/claims.jsonl):
well formed, covering every report, and matching the texts jixiao reads (when ../shared is present)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import jixiao
from jixiao.cli import main
from jixiao.learn.corpus import SPAN_LABELS, read_corpus, validate

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpora" / "real" / "claims.jsonl"
SEEDS = ROOT / "corpora" / "seeds" / "claims.jsonl"
FILES = {"real": REAL, "seeds": SEEDS}

# What the review produced (real + seeds); a label falling below its floor means labels were lost.
FLOORS = {"target": 105, "actual": 147, "budget": 148, "expenditure": 87, "rate": 43, "weight": 102,
          "score": 92, "grade": 8, "count": 85, "other": 117}
MAX_SPAN_CHARS = 20  # only the figures themselves go into the repo, never quotes of the texts


@pytest.fixture(scope="module")
def records():
    return {k: read_corpus(p) for k, p in FILES.items()}


@pytest.mark.parametrize("kind", FILES)
def test_records_point_at_shared_reports_by_sha256(records, kind):
    recs = records[kind]
    prefix = {"real": ("real-", "corpora/real/"), "seeds": ("seed-", "seeds/")}[kind]
    assert recs
    for r in recs:
        assert r.id.startswith(prefix[0]) and r.document.path.startswith(prefix[1])
        assert r.document.root == "shared" and len(r.document.sha256) == 64
        assert r.text is None  # the texts are not distributed
        assert r.findings == []
        assert "reviewed" in r.provenance.note and r.provenance.licence == "labels: MIT"
    assert len({r.id for r in recs}) == len(recs)


@pytest.mark.parametrize("kind", FILES)
def test_spans_are_short_ordered_figures_with_known_labels(records, kind):
    for r in records[kind]:
        prev_end = 0
        for s in r.spans:
            assert s.label in SPAN_LABELS, (r.id, s)
            assert prev_end <= s.start < s.end, (r.id, s)
            assert s.text and len(s.text) == s.end - s.start <= MAX_SPAN_CHARS, (r.id, s)
            assert any(ch.isdigit() for ch in s.text) or s.label in ("grade", "count", "target", "actual"), \
                (r.id, s)
            prev_end = s.end


def test_every_main_label_has_enough_spans(records):
    counts = Counter(s.label for recs in records.values() for r in recs for s in r.spans)
    short = {lab: (counts[lab], n) for lab, n in FLOORS.items() if counts[lab] < n}
    assert not short, short


def test_seed_labels_cover_both_halves_of_the_budget(records):
    """The seeds state a budget and a spending for the same year; both sides are labelled."""
    for r in records["seeds"]:
        labels = Counter(s.label for s in r.spans)
        assert labels["budget"] >= 5 and labels["expenditure"] >= 1 and labels["actual"] >= 20, (r.id, labels)


@pytest.mark.shared
def test_every_real_excerpt_and_seed_has_a_record(records, shared_dir):
    real = {p.name for p in (shared_dir / "corpora" / "real").glob("*.txt")}
    seeds = {p.name for p in (shared_dir / "seeds").glob("*.txt")}
    if not real or not seeds:
        pytest.skip("../shared has no real excerpts or seeds")
    assert {Path(r.document.path).name for r in records["real"]} == real
    assert {Path(r.document.path).name for r in records["seeds"]} == seeds


@pytest.mark.shared
@pytest.mark.parametrize("kind", FILES)
def test_files_validate_against_the_texts(kind, shared_dir, monkeypatch):
    monkeypatch.setenv("JIXIAO_SHARED", str(shared_dir))
    recs, warnings = validate(FILES[kind], texts=True)  # sha256 and every span's text
    assert warnings == []
    for r in recs:
        text = jixiao.read(r.path()).text
        assert [text[s.start:s.end] for s in r.spans] == [s.text for s in r.spans], r.id
    out = CliRunner().invoke(main, ["corpus", "validate", str(FILES[kind])])
    assert out.exit_code == 0, out.output
