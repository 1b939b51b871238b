"""The three forms of each seed (txt, docx, pdf) read into the same sections and figures."""
from collections import Counter

import pytest
import regex as re

import jixiao
from jixiao.report import check


def _stems(seeds_dir):
    return sorted(p.stem for p in seeds_dir.glob("*.txt"))


def _forms(seeds_dir, stem):
    forms = {"txt": seeds_dir / f"{stem}.txt", "docx": seeds_dir / "formats" / f"{stem}.docx",
             "pdf": seeds_dir / "formats" / f"{stem}.pdf"}
    missing = [k for k, p in forms.items() if not p.exists()]
    if missing:
        pytest.skip(f"seed {stem} lacks {missing}")
    return {k: jixiao.read(p) for k, p in forms.items()}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def sections(doc):
    return [(h.level, _squash(h.number), _squash(h.title)) for h in doc.headings]


def figures(doc):
    return Counter((str(c.value.normalize()), c.unit) for c in check(doc).claims if c.value is not None)


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    return {stem: _forms(seeds_dir, stem) for stem in _stems(seeds_dir)}


def test_seeds_present(seed_docs):
    assert len(seed_docs) >= 2


def test_same_sections_in_every_form(seed_docs):
    for stem, forms in seed_docs.items():
        ref = sections(forms["txt"])
        assert len(ref) >= 40, stem
        for fmt in ("docx", "pdf"):
            assert sections(forms[fmt]) == ref, f"{stem}: {fmt} sections differ from txt"


def test_same_figures_in_every_form(seed_docs):
    for stem, forms in seed_docs.items():
        ref = figures(forms["txt"])
        assert sum(ref.values()) >= 60, stem
        for fmt in ("docx", "pdf"):
            got = figures(forms[fmt])
            assert got == ref, f"{stem}: {fmt} figures differ: missing {ref - got}, extra {got - ref}"


def test_same_tables_in_every_form(seed_docs):
    for stem, forms in seed_docs.items():
        ref = [t.grid() for t in forms["docx"].tables if not t.is_toc]
        for fmt in ("txt", "pdf"):
            got = [t.grid() for t in forms[fmt].tables if not t.is_toc]
            assert [[[_squash(c) for c in r] for r in g] for g in got] == \
                   [[[_squash(c) for c in r] for r in g] for g in ref], f"{stem}: {fmt} tables differ"
