"""Claims, findings and the Report that `jixiao check` produces for one document."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .model import Claim, Document, Evidence, Finding

if TYPE_CHECKING:
    from .config import Config
    from .extract.tagger import Tagging

__all__ = ["Claim", "Evidence", "Finding", "Report", "check", "SCHEMA_ID", "SEVERITIES"]

SCHEMA_ID = "jixiao/report/v1"
SEVERITIES = ("error", "warning", "info")


@dataclass
class Report:
    document: Document
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tagging: "Tagging | None" = None  # relations and indicator records behind the claims
    order: str = "severity"  # how renderers list the findings: severity (and section) or confidence

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def triaged(self, min_confidence: float | None = None, order: str = "severity") -> "Report":
        """This report with findings below ``min_confidence`` dropped (findings without a
        confidence stay) and listed by ``order``: ``severity`` or ``confidence`` (highest first)."""
        findings = [f for f in self.findings
                    if min_confidence is None or f.confidence is None or f.confidence >= min_confidence]
        if order == "confidence":
            findings.sort(key=lambda f: -(f.confidence if f.confidence is not None else -1.0))
        return replace(self, findings=findings, order=order)

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


def check(target: str | Path | Document, config: "Config | None" = None, *,
          select: list[str] | None = None, ignore: list[str] | None = None,
          profile: str | None = None, models: bool = True) -> Report:
    """Check a report file (or an already read Document) and return its Report.

    ``config`` defaults to the nearest jixiao.toml / pyproject.toml [tool.jixiao] above the file;
    ``select`` / ``ignore`` / ``profile`` adjust it as the command-line options do. With
    ``models`` (the default) the shipped models, when present, give a role to the claims the rules
    leave as ``other`` and each finding a ``confidence``.
    """
    from .checks import run_checks
    from .config import Config, discover
    from .extract.tagger import tag
    from .readers import read

    doc = target if isinstance(target, Document) else read(target)
    if config is None:
        src = Path(doc.source)
        config = discover(src) if src.exists() else Config()
    config = config.with_options(select=select, ignore=ignore, profile=profile)
    role_model = None
    if models:
        from .learn.models import load_model

        role_model = load_model("claims")
    tagging = tag(doc, role_model)
    findings = run_checks(doc, tagging, config)
    report = Report(document=doc, claims=tagging.claims, findings=findings, tagging=tagging)
    if models:
        from .learn.models import apply_triage

        apply_triage(report)
    return report
