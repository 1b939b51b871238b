"""Score the quantity parser on peers' published test suites and time it.

    >>> from jixiao.bench_quantities import run
    >>> run(Path("../shared"))   # {"number": {...}, "currency": {...}, "cn2an": {...}}

Suites (under ``<shared>/peers``): Recognizers-Text's Chinese NumberModel and CurrencyModel
specs, JioNLP's parse_money and extract_money cases, cn2an's cn2an() cases. Each case is either
*in scope* or skipped with a category (see :data:`NUMBER_SKIPS`, :data:`CURRENCY_SKIPS`,
:data:`JIONLP_SKIPS`, :data:`CN2AN_SKIPS`). Mapping:

* NumberModel: a case passes when every expected number is covered by one distinct quantity of
  ours whose span contains the expected span and whose value (or value × scale, for "2.3万")
  equals the expected value within 1e-6 (fractions: 三分之一 -> 0.3333333333), and we return nothing else — except percentages, which the peer
  hands to its PercentModel (a percent quantity of ours that covers no expected number is
  ignored).
* CurrencyModel: in scope when every expected amount is in 人民币 (CNY) with a value. Passes when
  our money quantities match the expected amounts one to one (overlapping spans, value × scale
  == expected value in 元) and there is no other money quantity.
* JioNLP parse_money: in scope when the amount is in 元 / 万元 / 亿元 written as report text (not
  foreign, no 角/分/毛, no 块/钱/k/w, not vague, with a 元). Passes when we return exactly one
  money quantity, its span covers the amount's numerals, and value × scale equals the expected
  amount to the fen (ranges: value and high).
* JioNLP extract_money: in scope when every expected text is such an amount (cases expecting
  nothing are in scope). Passes when our money quantities give the same set of amounts in 元 (the
  expected amount is read from the peer's text: numeral + 万/亿 + 余 + 元/圆 + 整), each
  overlapping the peer's offset, and nothing else.
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
from .extract.quantities import extract_quantities, scan_quantities

PEER_FIGURES = {
    "number": {"passed": 363, "cases": 365, "sentences_per_s": 4400},
    "currency": {"passed": 31, "cases": 35, "sentences_per_s": 170},
}

NUMBER_SKIPS = {
    "mixed_slash": "a whole number, a space, then a slash fraction (1 3/5, 4 6/3): in report tables a "
    "space between digit runs separates two cells; we read 1 and 3/5",
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
JIONLP_SKIPS = {
    "foreign": "foreign currencies (港元, 美元, 日元, 泰铢, 新台币, 港币...): out of scope",
    "subunit": "角 / 分 / 毛 sub-units (123元1角1分, 十块三毛): 分 is a score in reports",
    "colloquial": "spoken money (块, 块钱, 15k, 30w): not report vocabulary; k/w glued to digits are codes",
    "vague": "vague amounts (几十万, 数十亿, 3000多, 十几块, 八九亿, 三五百): the peer turns them into "
    "guessed brackets; we keep the written number and an approximate flag",
    "no_currency": "bare numbers with no 元 (三百万, 小于40万): the peer assumes 元, for us a number "
    "without a currency word is not money (人, 项, 平方米 are as likely)",
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


_TOL = Decimal("1e-6")  # fractions: the peer prints 15 significant digits, we round to 10 places


def _number_category(case: dict) -> str | None:
    inp = case["Input"]
    texts = [r["Text"] for r in case["Results"]]
    if any(re.search(r"[0-9０-９]\s+[0-9０-９]+\s*[/／]", t) for t in texts):
        return "mixed_slash"
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
            if want is None or min(abs(want - q.value), abs(want - q.value * q.scale)) <= _TOL:
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


_JIO_FOREIGN = re.compile(r"港|美元|日元|日币|欧元|英镑|台币|泰铢|卢布|韩元|澳元|比特币|\\$")


def _jionlp_text_category(text: str) -> str | None:
    if _JIO_FOREIGN.search(text):
        return "foreign"
    if re.search(r"[角毛]|\d分|[一二三四五六七八九]分", text):
        return "subunit"
    if re.search(r"块|钱|\d\s*[kKwW]", text):
        return "colloquial"
    if re.search(r"几|数[十百千万亿]|\d多|[十百千万]多|[一二三四五六七八九]{2}[十百千万亿]", text):
        return "vague"
    if not re.search(r"[元圆]", text):
        return "no_currency"
    return None


def _jionlp_parser_category(case: dict) -> str | None:
    if case["expected"].get("case") != "元":
        return "foreign"
    return _jionlp_text_category(case["input"])


def _yuan(q) -> Decimal:
    return (q.value * q.scale).quantize(Decimal("0.01"))


def jionlp_parser_case_passes(case: dict) -> bool:
    """One money quantity whose span covers the amount's digits, same amount in 元 (to the fen);
    a range [low, high] must come back as one quantity with value and high."""
    inp = case["input"]
    qs = [q for q in extract_quantities(inp) if q.kind == "money"]
    if len(qs) != 1:
        return False
    (q,) = qs
    digits = [i for i, ch in enumerate(inp) if ch.isdigit() or ch in "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億"]
    if not digits or q.span[0] > digits[0] or q.span[1] <= digits[-1]:
        return False
    num = case["expected"]["num"]
    if isinstance(num, list):
        if q.high is None:
            return False
        return [_yuan(q), (q.high * q.scale).quantize(Decimal("0.01"))] == [Decimal(num[0]), Decimal(num[1])]
    return q.high is None and _yuan(q) == Decimal(num)


def _jionlp_extractor_category(case: dict) -> str | None:
    for e in case["expected"]:
        cat = _jionlp_text_category(e["text"])
        if cat:
            return cat
    return None


_JIO_AMOUNT = re.compile(r"^(?P<num>.+?)(?P<mult>[万亿]?)余?[元圆]整?$")


def _jionlp_expected_amount(text: str) -> Decimal:
    """Amount in 元 of an expected extractor text such as "3541.07万元", "2000余元", "壹仟玖佰圆整"."""
    m = _JIO_AMOUNT.match(text.replace(" ", ""))
    if m is None:
        raise ValueError(text)
    v = cn2num(m.group("num"))
    return v * {"": 1, "万": 10**4, "亿": 10**8}[m.group("mult")]


def jionlp_extractor_case_passes(case: dict) -> bool:
    """Same set of amounts (in 元) as the peer, each from a money quantity overlapping the
    peer's offset, and no other money quantity."""
    qs = [q for q in extract_quantities(case["input"]) if q.kind == "money"]
    if len(qs) != len(case["expected"]):
        return False
    used: set[int] = set()
    for e in case["expected"]:
        s, t = e["offset"]
        try:
            want = _jionlp_expected_amount(e["text"]).quantize(Decimal("0.01"))
        except ValueError:
            return False
        hit = next((i for i, q in enumerate(qs) if i not in used and q.span[0] < t and q.span[1] > s and _yuan(q) == want), None)
        if hit is None:
            return False
        used.add(hit)
    return True


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
    for key, name in (("jionlp_parser", "test_money_parser.json"), ("jionlp_extractor", "test_money_extractor.json")):
        p = peers / "jionlp" / name
        if p.is_file():
            out[key] = json.loads(p.read_text("utf-8"))["cases"]
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
    if "jionlp_parser" in suites:
        result["jionlp_parser"] = _score(suites["jionlp_parser"], _jionlp_parser_category, jionlp_parser_case_passes, "input")
    if "jionlp_extractor" in suites:
        result["jionlp_extractor"] = _score(
            suites["jionlp_extractor"], _jionlp_extractor_category, jionlp_extractor_case_passes, "input"
        )
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
    """Sentences per second of the quantity scanner over ``sentences`` (best of several rounds;
    without extract_quantities' cache of short texts, which would answer the later rounds)."""
    if not sentences:
        return 0.0
    scan_quantities(sentences[0])
    best = float("inf")
    total = 0.0
    while total < min_seconds:
        t0 = time.perf_counter()
        for s in sentences:
            scan_quantities(s)
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


def _write_figures(r: dict, path: Path) -> None:
    """Merge the scores and speeds (failures as counts) into the bench file under "quantities"."""
    from .bench_check import merge_json

    figures = {name: {k: (len(v) if k == "failed" else v) for k, v in s.items()}
               for name, s in r.items() if name != "peers"}
    figures["peers"] = r.get("peers")
    merge_json("quantities", figures, path)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    shared = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "shared"
    if not (shared / "peers").is_dir():
        print(f"no peers suites under {shared}", file=sys.stderr)
        return 1
    r = run(shared)
    _write_figures(r, Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "build" / "bench.json")
    for name in ("number", "currency", "jionlp_parser", "jionlp_extractor", "cn2an"):
        if name not in r:
            continue
        s = r[name]
        line = f"{name:16s} {s['passed']}/{s['in_scope']} in scope ({s['cases']} cases; skipped {s['skipped']})"
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
