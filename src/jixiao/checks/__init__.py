"""The check catalogue: run every enabled check on a tagged document.

See ``base`` for how a check is written and ``registry`` for the code table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Finding
from .base import Context, Hit, Rule, rule
from .registry import CODE_TABLE, get_rule, rules
from .scoring import Profile, load_profile

if TYPE_CHECKING:
    from ..extract.tagger import Tagging

__all__ = ["run_checks", "rules", "get_rule", "CODE_TABLE", "Context", "Hit", "Rule", "rule",
           "Profile", "load_profile"]


def run_checks(doc: Document, tagging: "Tagging", config: Config | None = None,
               only: list[str] | None = None) -> list[Finding]:
    """Findings of every enabled check (or of the codes in ``only``), in text order."""
    config = config or Config()
    ctx = Context(doc, tagging, config, load_profile(config.profile, config.base_dir))
    hits: list[tuple[Rule, Hit]] = []
    for r in rules():
        if only is not None and r.code not in only:
            continue
        if only is None and not config.enabled(r.code, r.category):
            continue
        for h in r.func(ctx) or ():
            hits.append((r, h))
    findings: list[Finding] = []
    seen: set = set()
    for r, h in sorted(hits, key=lambda rh: (min(e.span[0] for e in rh[1].evidence), _order(rh[0].code))):
        key = (r.code, tuple(e.span for e in h.evidence))
        if key in seen:
            continue
        seen.add(key)
        sev = config.severity_of(r.code, r.category, h.severity or r.severity)
        f = Finding(id=f"F{len(findings) + 1}", rule=r.code, category=r.category, severity=sev,
                    message=h.message, evidence=h.evidence, expected=h.expected, suggestion=h.suggestion,
                    message_en=h.message_en)
        findings.append(f)
    return findings


def _order(code: str) -> int:
    return int(code[2:])
