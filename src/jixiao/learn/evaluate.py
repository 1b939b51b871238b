"""Evaluate the checks on a labelled corpus: precision, recall and F1 per category and per code.

A gold file is a labelled corpus (jixiao.learn.corpus), JSONL, one report per line::

    {"document": {"path": "seeds/000_….txt", "root": "shared", "sha256": "…"},
     "findings": [{"category": "unit-mismatch", "severity": "error", "evidence": ["1211.40元"],
                   "rule": "JX201", "required": true, "note": "…"}]}

``root`` is ``shared`` (the ../shared folder beside the repo, or $JIXIAO_SHARED) or omitted (the
path is relative to the gold file). A label is found when a finding of its category quotes every
one of its evidence strings. Precision counts errors and warnings only: each must match a label.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..model import Finding
from .corpus import read_corpus, shared_root  # noqa: F401  (shared_root: the old import path)


@dataclass
class Label:
    category: str
    severity: str
    evidence: list[str]
    note: str = ""
    rule: str | None = None
    required: bool = True


@dataclass
class GoldDoc:
    path: Path
    labels: list[Label]
    sha256: str | None = None
    text: str | None = None  # the report inline (records without a file)


@dataclass
class Outcome:
    doc: str
    found: list[tuple[Label, Finding]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)  # errors/warnings matching no label
    confirmed: list[Finding] = field(default_factory=list)  # errors/warnings matching a label


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold corpus (see jixiao.learn.corpus); documents that cannot be found are skipped
    later, by evaluate()."""
    out = []
    for rec in read_corpus(path):
        labels = [Label(f.category, f.severity, list(f.evidence) or _quotes(rec, f), f.note, f.rule, f.required)
                  for f in rec.findings]
        p = rec.path(path)
        out.append(GoldDoc(p if p is not None else Path(rec.name), labels, rec.document.sha256, rec.text))
    return out


def _quotes(rec, f) -> list[str]:
    """Evidence quotes of a label given by spans only (needs the inline text)."""
    return [rec.text[a:b] for a, b in f.spans] if rec.text is not None else []


def matches(label: Label, f: Finding) -> bool:
    if f.category != label.category:
        return False
    quotes = [e.text for e in f.evidence]
    return all(any(q in t for t in quotes) for q in label.evidence)


def evaluate_doc(gold: GoldDoc, findings: list[Finding]) -> Outcome:
    out = Outcome(str(gold.path))
    for label in gold.labels:
        hit = next((f for f in findings if matches(label, f)), None)
        if hit is not None:
            out.found.append((label, hit))
        elif label.required:
            out.missed.append(label)
    for f in findings:
        if f.severity == "info":
            continue
        if any(matches(lb, f) for lb in gold.labels):
            out.confirmed.append(f)
        else:
            out.false_alarms.append(f)
    return out


def checked_gold(gold_path: str | Path, config: Config | None = None, skipped: list[str] | None = None):
    """Yield (GoldDoc, Report) for every gold document that can be checked; the others are
    appended to ``skipped`` with the reason."""
    from .. import read_text
    from ..report import check

    for g in load_gold(gold_path):
        if g.text is not None:
            yield g, check(read_text(g.text, g.path.stem + ".txt"), config or Config())
            continue
        why = None
        if not g.path.is_file():
            why = "文件不存在 / not found"
        elif g.sha256 and hashlib.sha256(g.path.read_bytes()).hexdigest() != g.sha256:
            why = "内容与标注时不同 / content differs from the labelled version"
        if why:
            if skipped is not None:
                skipped.append(f"{g.path}: {why}")
            continue
        yield g, check(g.path, config or Config())


def evaluate(gold_path: str | Path, config: Config | None = None) -> tuple[list[Outcome], list[str]]:
    """Run the checks on every available gold document. Returns outcomes and skipped paths."""
    skipped: list[str] = []
    outcomes = [evaluate_doc(g, r.findings) for g, r in checked_gold(gold_path, config, skipped)]
    return outcomes, skipped


def scores(outcomes: list[Outcome], key: str = "category") -> dict[str, dict[str, float]]:
    """Precision (errors and warnings), recall (required labels) and F1, per category or rule."""
    tp, fp, found, total = Counter(), Counter(), Counter(), Counter()
    for o in outcomes:
        for f in o.confirmed:
            tp[_key(f, key)] += 1
        for f in o.false_alarms:
            fp[_key(f, key)] += 1
        for lb, f in o.found:
            if lb.required:
                k = _label_key(lb, key, f)
                found[k] += 1
                total[k] += 1
        for lb in o.missed:
            total[_label_key(lb, key)] += 1
    table = {}
    for k in sorted(set(tp) | set(fp) | set(total)):
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else None
        r = found[k] / total[k] if total[k] else None
        f1 = 2 * p * r / (p + r) if p and r else None
        table[k] = {"precision": p, "recall": r, "f1": f1, "confirmed": tp[k], "false_alarms": fp[k],
                    "found": found[k], "labels": total[k]}
    return table


def _key(f: Finding, key: str) -> str:
    return f.category if key == "category" else f.rule


def _label_key(lb: Label, key: str, found_by: Finding | None = None) -> str:
    if key == "category":
        return lb.category
    return lb.rule or (found_by.rule if found_by else "?")


def below_floors(outcomes: list[Outcome], floors: dict) -> list[str]:
    """What falls below the floors: ``{"overall": {"recall": r, "precision": p},
    "by_category": {cat: {...}}, "by_rule": {code: {...}}}``, where ``"*"`` sets a floor for every
    category or rule that has labels or findings; one line per shortfall."""
    out = []
    total = _overall(outcomes)
    for metric, floor in (floors.get("overall") or {}).items():
        v = total.get(metric)
        if v is not None and v + 1e-9 < floor:
            out.append(f"overall {metric} {v:.3f} < {floor}")
    for key in ("category", "rule"):
        table = scores(outcomes, key)
        named = {k: v for k, v in (floors.get(f"by_{key}") or {}).items() if k != "*"}
        default = (floors.get(f"by_{key}") or {}).get("*", {})
        for name in sorted(set(named) | (set(table) if default else set())):
            for metric, floor in {**default, **named.get(name, {})}.items():
                v = (table.get(name) or {}).get(metric)
                if v is None:
                    if name in named and metric in named[name]:
                        out.append(f"{key} {name}: no {metric} (nothing labelled or found)")
                elif v + 1e-9 < floor:
                    out.append(f"{key} {name} {metric} {v:.3f} < {floor}")
    return out


def _overall(outcomes: list[Outcome]) -> dict[str, float | None]:
    tp = sum(len(o.confirmed) for o in outcomes)
    fp = sum(len(o.false_alarms) for o in outcomes)
    found = sum(1 for o in outcomes for lb, _ in o.found if lb.required)
    total = found + sum(len(o.missed) for o in outcomes)
    p = tp / (tp + fp) if tp + fp else None
    r = found / total if total else None
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p and r else None}
