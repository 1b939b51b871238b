"""Labelled problems are found, and every error or warning raised is a labelled problem:
on the shipped sample report (always) and on the two seed reports (when ../shared is present)."""
from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.learn.evaluate import evaluate, scores

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "sample_report.gold.jsonl"
SEEDS = ROOT / "corpora" / "seeds" / "labels.jsonl"


def _outcomes(gold: Path):
    outs, skipped = evaluate(gold)
    assert not skipped, skipped
    return outs


@pytest.fixture(scope="module")
def sample():
    return _outcomes(SAMPLE)


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    mp = pytest.MonkeyPatch()
    mp.setenv("JIXIAO_SHARED", str(seeds_dir.parent))
    try:
        yield _outcomes(SEEDS)
    finally:
        mp.undo()


def _missed(outs):
    return [(Path(o.doc).name, lb.category, lb.evidence) for o in outs for lb in o.missed]


def _alarms(outs):
    return [(Path(o.doc).name, f.rule, f.message) for o in outs for f in o.false_alarms]


def test_sample_planted_mistakes_are_all_found(sample):
    assert _missed(sample) == []


def test_sample_raises_no_unlabelled_error_or_warning(sample):
    assert _alarms(sample) == []


@pytest.mark.shared
def test_seed_problems_are_all_found(seeds):
    assert _missed(seeds) == []


@pytest.mark.shared
def test_seeds_raise_no_unlabelled_error_or_warning(seeds):
    assert _alarms(seeds) == []


@pytest.mark.shared
def test_seeds_hold_at_least_nine_problems_in_six_categories(seeds):
    found = {k: v["found"] for k, v in scores(seeds).items() if v["found"]}
    assert sum(found.values()) >= 9 and len(found) >= 6


REAL = ROOT / "corpora" / "real" / "labels.jsonl"


@pytest.fixture(scope="module")
def real(shared_dir):
    mp = pytest.MonkeyPatch()
    mp.setenv("JIXIAO_SHARED", str(shared_dir))
    try:
        yield _outcomes(REAL)
    finally:
        mp.undo()


@pytest.mark.shared
def test_real_excerpts_raise_no_unconfirmed_error_or_warning(real):
    """Every error or warning on the real excerpts was reviewed and confirmed (corpora/real)."""
    assert _alarms(real) == []


@pytest.mark.shared
def test_real_excerpts_recall_floor(real):
    """Recall over the reviewed problems (including those jixiao is known to miss) stays ≥ 75%."""
    found = sum(len(o.found) for o in real)
    assert found / (found + sum(len(o.missed) for o in real)) >= 0.75
