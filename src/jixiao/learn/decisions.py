"""Review decisions: what auditors decided on each finding (the workbench exports them; the triage
model learns from them).

JSONL, one decision per line::

    {"report": {"source": "某局2025年项目自评报告.docx", "sha256": "…", "format": "docx"},
     "finding": {…one finding exactly as `jixiao check --format json` prints it…},
     "decision": "confirmed",            # confirmed (确认) / rejected (驳回) / pending (待定)
     "reason": "…", "comment": "…",      # a rejection's reason; a free comment
     "context": "…",                     # optional: the sentence(s) around the evidence
     "reviewer": "zhangsan", "decided_at": "2026-12-07T10:00:00+08:00", "jixiao_version": "0.1.0"}

Only the latest decision per finding belongs in an export; the history stays in the workbench.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

DECISIONS = ("confirmed", "rejected", "pending")
DECISION_ZH = {"confirmed": "确认", "rejected": "驳回", "pending": "待定"}


@dataclass
class Decision:
    finding: dict[str, Any]  # the contract's finding object
    decision: str  # one of DECISIONS
    report: dict[str, Any] = field(default_factory=dict)  # source, sha256, format
    reason: str | None = None
    comment: str | None = None
    context: str | None = None
    reviewer: str | None = None
    decided_at: str | None = None
    jixiao_version: str | None = None

    def to_json(self) -> dict:
        d = {"report": self.report, "finding": self.finding, "decision": self.decision}
        for k in ("reason", "comment", "context", "reviewer", "decided_at", "jixiao_version"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d

    @property
    def label(self) -> int | None:
        """1 confirmed, 0 rejected, None pending (not used for training)."""
        return {"confirmed": 1, "rejected": 0}.get(self.decision)


def decision_from_json(d: Any) -> Decision:
    if not isinstance(d, dict):
        raise ValueError("each line must be a JSON object")
    f = d.get("finding")
    if not isinstance(f, dict) or not all(k in f for k in ("rule", "category", "severity", "message")):
        raise ValueError("'finding' must be a finding object (rule, category, severity, message, evidence)")
    dec = d.get("decision")
    if dec not in DECISIONS:
        raise ValueError(f"'decision' must be one of {'/'.join(DECISIONS)}, not {dec!r}")
    return Decision(finding=f, decision=dec, report=d.get("report") or {},
                    **{k: d.get(k) for k in ("reason", "comment", "context", "reviewer", "decided_at",
                                             "jixiao_version")})


def read_decisions(path: str | Path) -> list[Decision]:
    """Read a decisions JSONL file; a bad line raises InputError naming the file and line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"无法读取审核决定文件：{e}", f"cannot read the decisions file: {e}") from e
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(decision_from_json(json.loads(line)))
        except (ValueError, TypeError) as e:
            raise InputError(f"{p.name} 第 {n} 行不是有效的审核决定：{e}",
                             f"{p.name} line {n} is not a valid decision: {e}") from e
    return out


def write_decisions(decisions: Iterable[Decision], path: str | Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for d in decisions:
            fh.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
