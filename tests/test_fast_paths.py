"""Fast paths give what the plain code gives: the search of big alternations, quantities."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao._fastre import first_chars, searcher
from jixiao.extract.quantities import _SCAN

# characters the quantity scanner cares about, and some it does not
ALPHABET = list("0123456789０１２年月日号〔〕[]()（）一二三十百千万亿两零第表图附件%％.．,，-－—~～至/\\：: \t\u3000\n“”\"'ab元个人分之又负+＋")


def _all_matches(search, text: str):
    out, pos = [], 0
    while pos <= len(text):
        m = search(text, pos)
        if m is None:
            break
        out.append((m.span(), m.lastgroup))
        pos = max(m.end(), m.start() + 1)
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_quantity_scanner_search_is_unchanged(text):
    assert _all_matches(searcher(_SCAN), text) == _all_matches(_SCAN.search, text)


def test_every_position_of_a_report_line():
    fast = searcher(_SCAN)
    line = "（一）2024年12月，项目资金1,234.5万元，完成率≥95%，其中第3项、附件2见〔2023〕5号，1/3以上。"
    for pos in range(len(line) + 1):
        a, b = fast(line, pos), _SCAN.search(line, pos)
        assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))


def test_patterns_without_a_short_list_of_first_characters_fall_back():
    for p in (r"a?", r"[^a]b", r"(?i)ab", r".x"):
        pat = re.compile(p)
        assert first_chars(pat) is None
        assert searcher(pat) == pat.search
    assert first_chars(re.compile(r"(?<=x)\d+|(?m:^)\s*y")).pattern == r"[\d\sy]"


def test_quantities_are_whole_quantity_objects():
    """extract_quantities builds Quantity objects field by field: each has every field, and
    equals (and hashes like) the Quantity its constructor makes."""
    import dataclasses

    from jixiao.extract.quantities import extract_quantities
    from jixiao.model import Quantity

    names = [f.name for f in dataclasses.fields(Quantity)]
    qs = extract_quantities("年初预算1,234.5万元，满意度≥90%，完成3至5项，约2.3亿元，三分之二。")
    assert len(qs) == 5
    for q in qs:
        assert list(vars(q)) == names
        same = Quantity(**{n: getattr(q, n) for n in names})
        assert q == same and hash(q) == hash(same) and repr(q) == repr(same)
