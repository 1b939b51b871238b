"""Every real excerpt reads and tags: no exception, spans quote the text, figures are found."""
import pytest

from jixiao.report import check


def test_real_excerpts_tag_cleanly(shared_dir):
    files = sorted((shared_dir / "corpora" / "real").glob("[0-9]*.txt"))
    if not files:
        pytest.skip("no real excerpts")
    with_claims = 0
    for f in files:
        rep = check(f)
        text = rep.document.text
        for c in rep.claims:
            assert text[c.span[0]:c.span[1]] == c.text, f.name
            assert c.role in {"target", "actual", "budget", "expenditure", "rate", "weight", "score", "grade",
                              "count", "other"}
        with_claims += bool(rep.claims)
    assert with_claims >= 0.8 * len(files)  # a few excerpts are templates or prose without figures
