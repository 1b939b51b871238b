"""Shared test fixtures. Tests that read ../shared skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# scikit-learn's estimator checks (tests/test_learn.py) test array-API input only when scipy is
# imported with this set; it changes nothing for numpy inputs.
os.environ.setdefault("SCIPY_ARRAY_API", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("JIXIAO_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    d = shared_dir / "seeds"
    if not d.is_dir():
        pytest.skip("../shared/seeds is absent")
    return d


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
