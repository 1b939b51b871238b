"""The tagger against the reviewed golden claims of the seeds: role precision/recall, metrics."""
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from jixiao.report import check

GOLDEN = json.loads((Path(__file__).parent / "golden" / "seed_claims.json").read_text(encoding="utf-8"))
ROLE_FLOOR = {"precision": 0.95, "recall": 0.95}
METRIC_FLOOR = 0.90


def score_roles(gold: list[tuple], pred: list[tuple]) -> dict:
    """Match claims by (document, span); a predicted claim is right when its role equals the gold
    role. ``gold``: (doc, gold dict); ``pred``: (doc, Claim)."""
    gold_by_span = {(d, tuple(g["span"])): g for d, g in gold}
    tp = Counter()
    fp = Counter()
    fn = Counter()
    matched = set()
    for d, c in pred:
        key = (d, tuple(c.span))
        g = gold_by_span.get(key)
        if g is not None and g["role"] == c.role:
            tp[c.role] += 1
            matched.add(key)
        else:
            fp[c.role] += 1
            if g is not None:
                fn[g["role"]] += 1
                matched.add(key)
    for span, g in gold_by_span.items():
        if span not in matched:
            fn[g["role"]] += 1
    roles = sorted(set(tp) | set(fp) | set(fn))
    per = {r: {"precision": tp[r] / max(tp[r] + fp[r], 1), "recall": tp[r] / max(tp[r] + fn[r], 1),
               "support": tp[r] + fn[r]} for r in roles}
    total_tp = sum(tp.values())
    return {"precision": total_tp / max(total_tp + sum(fp.values()), 1),
            "recall": total_tp / max(total_tp + sum(fn.values()), 1), "roles": per}


@pytest.fixture(scope="module")
def seed_results(seeds_dir):
    out = {}
    for sha, entry in GOLDEN["seeds"].items():
        path = seeds_dir / f"{entry['name']}.txt"
        if not path.exists():
            pytest.skip(f"seed {entry['name']} absent")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"{path.name} changed: golden out of date"
        rep = check(path)
        assert len(rep.document.text) == entry["chars"], "normalised text changed length: golden offsets stale"
        out[entry["name"]] = (entry["claims"], rep)
    return out


def test_role_precision_and_recall(seed_results):
    gold = [(name, g) for name, (claims, _) in seed_results.items() for g in claims]
    pred = [(name, c) for name, (_, rep) in seed_results.items() for c in rep.claims]
    s = score_roles(gold, pred)
    print(f"\nroles: precision {s['precision']:.3f} recall {s['recall']:.3f} over {len(gold)} gold claims")
    for role, v in s["roles"].items():
        print(f"  {role:<12} P {v['precision']:.2f} R {v['recall']:.2f} (n={v['support']})")
    assert s["precision"] >= ROLE_FLOOR["precision"] and s["recall"] >= ROLE_FLOOR["recall"], s


def test_values_and_units(seed_results):
    for claims, rep in seed_results.values():
        by_span = {c.span: c for c in rep.claims}
        for g in claims:
            c = by_span.get(tuple(g["span"]))
            if c is None:
                continue
            assert (str(c.value) if c.value is not None else None, c.unit) == (g["value"], g["unit"]), g


def test_metrics_agree(seed_results):
    agree = total = 0
    for claims, rep in seed_results.values():
        by_span = {c.span: c for c in rep.claims}
        for g in claims:
            if g["metric"] is None or tuple(g["span"]) not in by_span:
                continue
            total += 1
            want = rep.document.text[g["metric"][0]:g["metric"][1]]
            got = by_span[tuple(g["span"])].metric or ""
            agree += bool(got) and (want in got or got in want)
    print(f"\nmetrics: {agree}/{total} agree")
    assert agree / max(total, 1) >= METRIC_FLOOR
