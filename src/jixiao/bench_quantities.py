"""Score the quantity parser on peers' published test suites and time it.

    >>> from jixiao.bench_quantities import run
    >>> run(Path("../shared"))   # {"number": {...}, "currency": {...}, "cn2an": {...}}

Suites (under ``<shared>/peers``): Recognizers-Text's Chinese NumberModel and CurrencyModel
specs, cn2an's cn2an() cases. Each case is either *in scope* or skipped with a category
(see :data:`NUMBER_SKIPS`, :data:`CURRENCY_SKIPS`, :data:`CN2AN_SKIPS`). Mapping:

* NumberModel: a case passes when every expected number is covered by one distinct quantity of
  ours whose span contains the expected span and whose value (or value × scale, for "2.3万")
  equals the expected value, and we return nothing else — except percentages, which the peer
  hands to its PercentModel (a percent quantity of ours that covers no expected number is
  ignored).
* CurrencyModel: in scope when every expected amount is in 人民币 (CNY) with a value. Passes when
  our money quantities match the expected amounts one to one (overlapping spans, value × scale
  == expected value in 元) and there is no other money quantity.
* cn2an: ``numerals.cn2num(input)`` equals the expected number (strict, normal and smart
  modes); inputs that are numbers in no mode must raise ValueError.

Published peer figures printed beside ours: Recognizers-Text 363/365 Number, 31/35 Currency,
about 4,400 sentences/s on numbers and 170 sentences/s on currency.
"""
from __future__ import annotations

import json
import re
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .extract.numerals import cn2num
from .extract.quantities import extract_quantities

PEER_FIGURES = {
    "number": {"passed": 363, "cases": 365, "sentences_per_s": 4400},
    "currency": {"passed": 31, "cases": 35, "sentences_per_s": 170},
}

NUMBER_SKIPS = {
    "fraction": "fractions (三分之一, 3/5, 又): not supported; 百分之 is (as percent)",
    "latin": "scientific notation, powers and SI suffixes (2e5, 2^5, 40k, -2.5 M): digits glued to "
    "Latin letters are codes in reports",
    "dozen_idiom": "打 (dozen) and 半百: not report vocabulary",
    "date": "numbers inside dates (1991年1月16日): dates are not quantities for us",
    "quoted": "numerals alone in quotes (“一”): names for us (“987”工作模式)",
    "ordinal": "ordinals (第零十刃): skipped by design",
    "currency_word": "numbers before foreign currency / 折 (一美元, 一折): the peer's NumberModel drops "
    "them, we return the number",
    "dotted": "dotted digit sequences (2222.2222.22222): section / version numbers, not quantities",
}
CURRENCY_SKIPS = {
    "foreign": "foreign currencies (美元, 日元, 港元, 比特币, $): out of scope",
    "no_amount": "currency names without an amount (人民币 美元)",
    "subunit": "元角分 / 毛 sub-units (五元三毛): 分 is a score in reports",
}
CN2AN_SKIPS = {
    "direct": "direct mode returns digit strings with leading zeros ('01')",
    "strict_reject": "strict-mode rejections of forms we accept on purpose (smart mode: 三万五, 10.1万)",
}


def _dec(v) -> Decimal | None:
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def _number_category(case: dict) -> str | None:
    inp = case["Input"]
    texts = [r["Text"] for r in case["Results"]]
    if any(re.search(r"分\s*之|[/／]|又", t) for t in texts):
        return "fraction"
    if any(re.search(r"[A-Za-z^]", t) for t in texts) or re.search(r"\d\s*[eE^kKM]", inp):
        return "latin"
    if "打" in inp or "半百" in inp:
        return "dozen_idiom"
    if re.search(r"\d+\s*年\s*\d+\s*月", inp):
        return "date"
    if any(r["Start"] > 0 and inp[r["Start"] - 1] in "“\"「" for r in case["Results"]):
        return "quoted"
    if any(r["Start"] > 0 and inp[r["Start"] - 1] == "第" for r in case["Results"]):
        return "ordinal"
    if re.search(r"美元|美刀|折", inp):
        return "currency_word"
    if re.search(r"\d+\.\d+\.\d+", inp):
        return "dotted"
    return None


def number_case_passes(case: dict, found=None) -> bool:
    inp = case["Input"]
    qs = extract_quantities(inp) if found is None else found
    used: set[int] = set()
    for r in case["Results"]:
        s, e = r["Start"], r["End"] + 1
        want = _dec(r["Resolution"].get("value"))
        hit = None
        for i, q in enumerate(qs):
            if i in used or not (q.span[0] <= s and q.span[1] >= e):
                continue
            if want is None or want in (q.value, q.value * q.scale):
                hit = i
                break
        if hit is None:
            return False
        used.add(hit)
    for i, q in enumerate(qs):
        if i not in used and q.kind != "percent":
            return False
    return True


def _currency_category(case: dict) -> str | None:
    res = case["Results"]
    if any(r["Resolution"].get("value") is None for r in res):
        return "no_amount"
    if any(r["Resolution"].get("isoCurrency") != "CNY" for r in res):
        return "foreign"
    if any(re.search(r"[角毛分]", r["Text"]) for r in res):
        return "subunit"
    return None


def currency_case_passes(case: dict) -> bool:
    qs = [q for q in extract_quantities(case["Input"]) if q.kind == "money"]
    used: set[int] = set()
    for r in case["Results"]:
        s, e = r["Start"], r["End"] + 1
        want = _dec(r["Resolution"]["value"])
        hit = None
        for i, q in enumerate(qs):
            if i not in used and q.span[0] < e and q.span[1] > s and q.value * q.scale == want:
                hit = i
                break
        if hit is None:
            return False
        used.add(hit)
    return len(used) == len(qs)


def _cn2an_category(case: dict, never_numbers: set[str]) -> str | None:
    if case["mode"] == "direct":
        return "direct"
    if case["expected"] == "ValueError" and case["input"] not in never_numbers:
        return "strict_reject"
    return None


def cn2an_case_passes(case: dict) -> bool:
    if case["expected"] == "ValueError":
        try:
            cn2num(case["input"])
        except ValueError:
            return True
        return False
    try:
        return cn2num(case["input"]) == Decimal(str(case["expected"]))
    except ValueError:
        return False


def load_suites(shared_dir: Path) -> dict:
    peers = Path(shared_dir) / "peers"
    out = {}
    p = peers / "recognizers-text" / "Number" / "NumberModel.json"
    if p.is_file():
        out["number"] = json.loads(p.read_text("utf-8"))
    p = peers / "recognizers-text" / "NumberWithUnit" / "CurrencyModel.json"
    if p.is_file():
        out["currency"] = json.loads(p.read_text("utf-8"))
    p = peers / "cn2an" / "cn2an_test.json"
    if p.is_file():
        out["cn2an"] = json.loads(p.read_text("utf-8"))
    return out


def score(suites: dict) -> dict:
    """{suite: {cases, in_scope, passed, failed: [inputs], skipped: {category: n}}}."""
    result = {}
    if "number" in suites:
        result["number"] = _score(suites["number"], _number_category, number_case_passes, "Input")
    if "currency" in suites:
        result["currency"] = _score(suites["currency"], _currency_category, currency_case_passes, "Input")
    if "cn2an" in suites:
        raw = suites["cn2an"]["raw"]
        never = set(raw.get("error_normal_datas(own)", [])) | set(raw.get("error_smart_datas", []))
        cases = [c for c in suites["cn2an"]["cases"] if c.get("func") == "cn2an"]
        result["cn2an"] = _score(cases, lambda c: _cn2an_category(c, never), cn2an_case_passes, "input")
    return result


def _score(cases, category, passes, key) -> dict:
    skipped: dict[str, int] = {}
    failed = []
    in_scope = passed = 0
    for c in cases:
        cat = category(c)
        if cat:
            skipped[cat] = skipped.get(cat, 0) + 1
            continue
        in_scope += 1
        if passes(c):
            passed += 1
        else:
            failed.append(c[key])
    return {"cases": len(cases), "in_scope": in_scope, "passed": passed, "failed": failed, "skipped": skipped}


def speed(sentences: list[str], min_seconds: float = 0.5) -> float:
    """Sentences per second of extract_quantities over ``sentences`` (best of several rounds)."""
    if not sentences:
        return 0.0
    extract_quantities(sentences[0])
    best = float("inf")
    total = 0.0
    while total < min_seconds:
        t0 = time.perf_counter()
        for s in sentences:
            extract_quantities(s)
        dt = time.perf_counter() - t0
        total += dt
        best = min(best, dt)
    return len(sentences) / best


def run(shared_dir) -> dict:
    suites = load_suites(Path(shared_dir))
    result = score(suites)
    if "number" in suites:
        result["number"]["sentences_per_s"] = round(speed([c["Input"] for c in suites["number"]]))
    if "currency" in suites:
        result["currency"]["sentences_per_s"] = round(speed([c["Input"] for c in suites["currency"]]))
    result["peers"] = PEER_FIGURES
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    shared = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "shared"
    if not (shared / "peers").is_dir():
        print(f"no peers suites under {shared}", file=sys.stderr)
        return 1
    r = run(shared)
    for name in ("number", "currency", "cn2an"):
        if name not in r:
            continue
        s = r[name]
        line = f"{name:9s} {s['passed']}/{s['in_scope']} in scope ({s['cases']} cases; skipped {s['skipped']})"
        if "sentences_per_s" in s:
            line += f"  {s['sentences_per_s']:,} sentences/s"
        peer = PEER_FIGURES.get(name)
        if peer:
            line += f"   | Recognizers-Text {peer['passed']}/{peer['cases']}, ~{peer['sentences_per_s']:,} sentences/s"
        print(line)
        for f in s["failed"][:20]:
            print("    FAIL", f)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
