"""Features of claims and findings for the learned models (no scikit-learn needed here)."""
from __future__ import annotations

import regex

from ..model import Document, Finding, Table

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
LEFT_CHARS, RIGHT_CHARS = 24, 10  # context kept around a claim in running text
_DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")


# --------------------------------------------------------------------------- featurisation

def _grams(s: str, lo: int, hi: int, tag: str) -> list[str]:
    out = []
    for n in range(lo, hi + 1):
        out.extend(tag + s[i:i + n] for i in range(len(s) - n + 1))
    return out


def feature_parts(doc: str) -> tuple[list[str], tuple[tuple[str, str, int, int], ...]]:
    """What :func:`analyze` reads of ``doc``: its whole ``#tokens``, and the parts whose character
    n-grams it takes, as ``(tag, text, shortest, longest)``."""
    meta, _, body = doc.rpartition("|") if doc.startswith("#") else ("", "", doc)
    tokens = [t for t in meta.split() if t.startswith("#")]
    body = _DIGITS.sub("0", body)
    left, _, rest = body.partition(MARK_OPEN)
    value, _, right = rest.partition(MARK_CLOSE)
    if not rest:  # no mark: one text
        return tokens, (("T", left, 1, 3),)
    return tokens, (("L", left, 1, 3), ("N", left[-6:], 2, 4), ("V", value, 1, 3), ("R", right, 1, 2))


def analyze(doc: str) -> list[str]:
    """Features of a marked context ``left⟦value⟧right`` (or ``#META …|text``): character 1–3
    grams of each part tagged with where they are, the six characters nearest the value on the
    left as a stronger cue, and whole ``#tokens``. Digits collapse to 0 so figures generalise."""
    feats, parts = feature_parts(doc)
    for tag, s, lo, hi in parts:
        feats += _grams(s, lo, hi, tag)
    return feats


def claim_context(doc: Document, start: int, end: int) -> str:
    """The marked context a claim-role model reads for ``doc.text[start:end]``: the words before
    and after it in running text; the row label and column header in a table."""
    text = doc.text
    block = doc.block_at(start)
    value = text[start:end]
    if isinstance(block, Table):
        loc = doc.locate(start)
        if loc.row is not None and loc.column is not None:
            row = [block.value(loc.row, c) for c in range(block.n_cols) if c != loc.column]
            label = next((v for v in row if v and not _DIGITS.fullmatch(v.strip())), "")
            header = block.value(0, loc.column) if loc.row else ""
            return f"表{label}｜{header}{MARK_OPEN}{value}{MARK_CLOSE}"
    left = text[max(0, start - LEFT_CHARS):start].rsplit("\n", 1)[-1]
    right = text[end:end + RIGHT_CHARS].split("\n", 1)[0]
    return f"{left}{MARK_OPEN}{value}{MARK_CLOSE}{right}"


def claim_features(doc: Document, start: int, end: int, rule_role: str) -> str:
    """What the claim-role model reads: the rule tagger's role as a token, then the marked context
    (the model learns where the rules' answer can be trusted)."""
    return f"#r_{rule_role}|{claim_context(doc, start, end)}"


def finding_features(f: Finding | dict, context: str = "") -> str:
    """What the triage model reads of a finding: its rule, category and severity as tokens, its
    message and the sentence around its first evidence."""
    d = f if isinstance(f, dict) else f.to_json()
    meta = f"#{d.get('rule')} #{d.get('category')} #{d.get('severity')} #n{min(len(d.get('evidence') or []), 4)}"
    return f"{meta}|{d.get('message', '')}。{context}"


def finding_context(doc: Document, f: Finding) -> str:
    from ..render.context import passage

    if not f.evidence:
        return ""
    s, e = passage(doc, *f.evidence[0].span)
    return doc.text[s:e]
