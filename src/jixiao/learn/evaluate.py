"""Evaluate the checks on a labelled corpus: precision, recall and F1 per category and per code.

A gold file is JSONL, one report per line::

    {"document": {"path": "seeds/000_….txt", "root": "shared", "sha256": "…"},
     "findings": [{"category": "unit-mismatch", "severity": "error", "evidence": ["1211.40元"],
                   "rule": "JX201", "required": true, "note": "…"}]}

``root`` is ``shared`` (the ../shared folder beside the repo, or $JIXIAO_SHARED) or omitted (the
path is relative to the gold file). A label is found when a finding of its category quotes every
one of its evidence strings. Precision counts errors and warnings only: each must match a label.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import InputError
from ..model import Finding


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


@dataclass
class Outcome:
    doc: str
    found: list[tuple[Label, Finding]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)  # errors/warnings matching no label
    confirmed: list[Finding] = field(default_factory=list)  # errors/warnings matching a label


def shared_root(gold_file: Path) -> Path:
    env = os.environ.get("JIXIAO_SHARED")
    if env:
        return Path(env)
    for d in gold_file.resolve().parents:
        if (d / "pyproject.toml").is_file():
            return d.parent / "shared"
    return Path("../shared")


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSONL file; documents that cannot be found are skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"无法读取标注文件 {path}", f"cannot read gold file {path}: {e.strerror}") from e
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            d = rec["document"]
            base = shared_root(path) if d.get("root") == "shared" else path.parent
            labels = [Label(**{k: v for k, v in f.items() if k in Label.__dataclass_fields__})
                      for f in rec.get("findings", [])]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(f"标注文件 {path} 第 {n} 行格式错误", f"gold file {path} line {n} is malformed: {e}") from e
        out.append(GoldDoc(base / d["path"], labels, d.get("sha256")))
    return out


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


def evaluate(gold_path: str | Path, config: Config | None = None) -> tuple[list[Outcome], list[str]]:
    """Run the checks on every available gold document. Returns outcomes and skipped paths."""
    from ..report import check

    outcomes, skipped = [], []
    for g in load_gold(gold_path):
        if not g.path.is_file():
            skipped.append(f"{g.path}: 文件不存在 / not found")
            continue
        if g.sha256 and hashlib.sha256(g.path.read_bytes()).hexdigest() != g.sha256:
            skipped.append(f"{g.path}: 内容与标注时不同 / content differs from the labelled version")
            continue
        outcomes.append(evaluate_doc(g, check(g.path, config or Config()).findings))
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
