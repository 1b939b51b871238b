"""Claims, findings and the Report that `jixiao check` produces for one document."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .model import Claim, Document, Evidence, Finding

SCHEMA_ID = "jixiao/report/v1"
SEVERITIES = ("error", "warning", "info")


@dataclass
class Report:
    document: Document
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def to_json(self) -> dict:
        d = self.document
        fmt = d.format
        return {
            "schema": SCHEMA_ID,
            "tool": {"name": "jixiao", "version": __version__},
            "document": {"source": d.source, "sha256": d.sha256, "format": fmt, "chars": len(d.text)},
            "claims": [c.to_json() for c in self.claims],
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary,
        }


def check(target: str | Path | Document) -> Report:
    """Check a report file (or an already read Document) and return its Report."""
    from .readers import read

    doc = target if isinstance(target, Document) else read(target)
    return Report(document=doc, claims=tag(doc))


def tag(doc: Document) -> list[Claim]:
    """The claims of a document. Until the claim tagger lands, every figure is a claim of
    role "other" (counts for measure words, rates for percentages)."""
    try:
        from .extract.quantities import extract_quantities
    except ImportError:  # pragma: no cover - the parser ships with the package
        return []
    claims: list[Claim] = []
    for block, text, offset in iter_text_units(doc):
        for q in extract_quantities(text):
            start, end = q.span[0] + offset, q.span[1] + offset
            role = {"percent": "rate", "count": "count"}.get(q.kind, "other")
            claims.append(Claim(id=f"c{len(claims) + 1}", role=role, text=doc.text[start:end], span=(start, end),
                                comparator=q.comparator, value=q.value, unit=q.unit,
                                location=doc.locate(start, end)))
    return claims


def iter_text_units(doc: Document):
    """(block, text, offset into doc.text) for every paragraph and table cell outside the TOC."""
    for b in doc.blocks:
        if getattr(b, "is_toc", False):
            continue
        if b.kind == "paragraph":
            yield b, b.text, b.span[0]
        else:
            for row in b.rows:
                for cell in row:
                    if cell.origin is None and cell.text:
                        yield b, cell.text, cell.span[0]
