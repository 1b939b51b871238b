"""Score the quantity parser on peers' suites (../shared/peers; skipped when absent).

Scoring and the in-scope mapping live in :mod:`jixiao.bench_quantities` (shared with
``make bench``); see its docstring. Skipped categories, with reasons:

NumberModel (Recognizers-Text): mixed numbers written with a space before a slash fraction
(1 3/5: two table cells for us; 三分之一, 3/5, 又 are in scope); scientific notation / powers / SI
suffixes (2e5, 2^5, 40k: digits glued to Latin letters are codes); 打 and 半百; numbers inside
dates; numerals alone in quotes (names); ordinals (第…); numbers before foreign currencies or 折;
dotted sequences (1.2.3). Percentages we return beside a NumberModel case are not extras (the
peer's PercentModel handles them).
CurrencyModel: foreign currencies; currency names without amounts; 元角分 sub-units (分 is a
score in reports).
JioNLP parse_money / extract_money (in scope: amounts in 元/万元/亿元 written as report text):
foreign currencies; 角/分/毛 sub-units (分 is a score in reports); spoken money (块, 钱, 15k,
30w); vague amounts (几十万, 数十亿, 3000多: the peer guesses a bracket, we keep the written
number); bare numbers without 元 (三百万: the peer assumes 元, for us it may count anything).
cn2an: direct mode (digit strings with leading zeros); strict-mode rejections of forms we accept
on purpose (三万五, 10.1万).
"""
from __future__ import annotations

import math

import pytest

from jixiao import bench_quantities as B

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def suites(shared_dir):
    s = B.load_suites(shared_dir)
    if not s:
        pytest.skip("no peers suites")
    return s


@pytest.fixture(scope="module")
def scores(suites):
    return B.score(suites)


def _floor(peer_passed: int, peer_cases: int, in_scope: int) -> int:
    return math.floor(in_scope * peer_passed / peer_cases)


def test_number_model(scores):
    s = scores.get("number")
    if s is None:
        pytest.skip("NumberModel.json absent")
    assert s["in_scope"] >= 250, s["skipped"]
    assert s["passed"] >= _floor(363, 365, s["in_scope"]), s["failed"]
    assert "fraction" not in s["skipped"]  # 三分之一, 3/5, 又 are in scope


def test_currency_model(scores):
    s = scores.get("currency")
    if s is None:
        pytest.skip("CurrencyModel.json absent")
    assert s["in_scope"] >= 10, s["skipped"]
    assert s["passed"] >= _floor(31, 35, s["in_scope"]), s["failed"]


def test_jionlp_money_parser(scores):
    s = scores.get("jionlp_parser")
    if s is None:
        pytest.skip("jionlp/test_money_parser.json absent")
    assert s["in_scope"] >= 14, s["skipped"]
    assert s["passed"] >= 10, s["failed"]  # measured 10/14 (misses: full-width comma in 82，225.00元, "--" and "(含)" ranges)


def test_jionlp_money_extractor(scores):
    s = scores.get("jionlp_extractor")
    if s is None:
        pytest.skip("jionlp/test_money_extractor.json absent")
    assert s["in_scope"] >= 11, s["skipped"]
    assert s["passed"] >= 10, s["failed"]  # measured 10/11


def test_cn2an(scores):
    s = scores.get("cn2an")
    if s is None:
        pytest.skip("cn2an_test.json absent")
    assert s["in_scope"] >= 300
    assert s["passed"] >= math.floor(0.98 * s["in_scope"]), s["failed"]


def test_skip_categories_are_documented(scores):
    for name, known in (
        ("number", B.NUMBER_SKIPS),
        ("currency", B.CURRENCY_SKIPS),
        ("jionlp_parser", B.JIONLP_SKIPS),
        ("jionlp_extractor", B.JIONLP_SKIPS),
        ("cn2an", B.CN2AN_SKIPS),
    ):
        if name in scores:
            assert set(scores[name]["skipped"]) <= set(known)


def test_peer_traps(suites):
    """What the peers get wrong on report text, we get right."""
    from decimal import Decimal

    from jixiao.extract.quantities import extract_quantities

    (q,) = extract_quantities("得分90分")
    assert (q.kind, q.unit) == ("score", "分")  # Recognizers-Text: currency (fen)
    (q,) = extract_quantities("决算数16.98万元")
    assert q.high is None and q.value == Decimal("16.98")  # JioNLP: a range
    assert extract_quantities("（万元）") == []  # JioNLP: 10,000 元


def test_bench_run_reports_speed(shared_dir):
    r = B.run(shared_dir)
    assert r["number"]["sentences_per_s"] > 0
    assert r["peers"]["number"]["passed"] == 363
