"""What every check is built from: the Rule record, the Context a check reads, and the Hit it yields.

A check is a module in this package with a docstring under the headings 检查内容 / 为何重要 /
应报示例 / 不报示例 / 依据, and one function decorated with :func:`rule`::

    @rule("JX101", "actual-below-target", category="target-not-met", severity="error",
          fire=["…text that must fire…"], nofire=["…near miss that must not…"])
    def check(ctx: Context) -> Iterator[Hit]:
        ...
        yield ctx.hit("满意度实际 85%，低于目标 ≥90%。", [target, actual], expected="≥90%")

``fire`` / ``nofire`` are whole little reports (plain text, read like a .txt file); the test-suite
runs each through the rule alone.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable

from ..model import Claim, Document, Evidence, Span

if TYPE_CHECKING:
    from ..config import Config
    from ..extract.tagger import Tagging
    from .scoring import Profile

CATEGORIES = (
    "target-not-met", "unit-mismatch", "sum-mismatch", "value-conflict", "rate-mismatch",
    "score-mismatch", "grade-mismatch", "target-without-actual", "budget-variance",
    "implausible-value", "date-inconsistent", "numbering", "punctuation", "missing-section",
    "vague-target", "other",
)
SEVERITIES = ("error", "warning", "info")
DOC_HEADINGS = ("检查内容", "为何重要", "应报示例", "不报示例", "依据")


@dataclass(frozen=True)
class Rule:
    code: str  # JX101: stable, never reused
    name: str  # the problem, in kebab-case English (actual-below-target)
    category: str  # one of CATEGORIES
    severity: str  # default severity
    func: Callable[["Context"], Iterable["Hit"]]
    module: str
    fire: tuple[str, ...] = ()
    nofire: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return (sys.modules[self.module].__doc__ or "").strip()

    @property
    def title(self) -> str:
        """The docstring's first line without its code (实际值未达到目标值)."""
        first = self.doc.splitlines()[0] if self.doc else ""
        return first.removeprefix(self.code).strip()


_DECLARED: list[Rule] = []


def rule(code: str, name: str, *, category: str, severity: str, fire: Iterable[str] = (),
         nofire: Iterable[str] = ()):
    """Declare the decorated function as the check ``code``."""
    if category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {category!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def deco(func):
        _DECLARED.append(Rule(code, name, category, severity, func, func.__module__,
                              tuple(fire), tuple(nofire)))
        return func

    return deco


@dataclass
class Hit:
    """One problem a check found; the engine turns it into a Finding (id, rule, category)."""

    message: str  # one Chinese sentence with the figures in it
    evidence: list[Evidence]
    expected: str | None = None
    suggestion: str | None = None
    severity: str | None = None  # None: the rule's (or the configured) severity
    message_en: str | None = None  # the same sentence in English (for --lang en)


@dataclass
class Context:
    """What a check may read: the document, its tagging, the configuration and scoring profile."""

    doc: Document
    tagging: "Tagging"
    config: "Config"
    profile: "Profile"
    _memo: dict = field(default_factory=dict, repr=False)

    # ---- claims
    @property
    def claims(self) -> list[Claim]:
        return self.tagging.claims

    def claim(self, claim_id: str) -> Claim:
        return self.tagging.claim(claim_id)

    def by_role(self, *roles: str) -> list[Claim]:
        return [c for c in self.tagging.claims if c.role in roles]

    @cached_property
    def text(self) -> str:
        return self.doc.text

    def tolerance(self, name: str) -> Decimal:
        """A configured tolerance (see ``config.DEFAULT_TOLERANCES``)."""
        return self.config.tolerance(name)

    def memo(self, key, make):
        """Compute ``make()`` once per document and share it between checks."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # ---- evidence
    def evidence(self, item: "Claim | Span | Evidence") -> Evidence:
        """Evidence for a claim (its text, span and location) or for a span of the text."""
        if isinstance(item, Evidence):
            return item
        if isinstance(item, Claim):
            return Evidence(item.text, item.span, claim=item.id,
                            location=item.location or self.doc.locate(*item.span))
        start, end = item
        return Evidence(self.doc.text[start:end], (start, end), location=self.doc.locate(start, end))

    def hit(self, message: str, evidence: Iterable["Claim | Span | Evidence"], *,
            expected: str | None = None, suggestion: str | None = None, severity: str | None = None,
            message_en: str | None = None) -> Hit:
        ev = [self.evidence(e) for e in evidence]
        if not ev:
            raise ValueError("a finding needs at least one piece of evidence")
        return Hit(message, ev, expected, suggestion, severity, message_en)


def fmt(v: Decimal | int | float | None, unit: str | None = None) -> str:
    """A number as an auditor writes it: no exponent, no trailing zeros beyond what was written."""
    if v is None:
        return "?"
    d = Decimal(str(v)) if not isinstance(v, Decimal) else v
    s = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".") if len(s.split(".")[1]) > 2 else s
    return s + (unit or "")


def claim_figure(c: Claim) -> str:
    """A claim's figure as written, comparator included (≥90%)."""
    cmp = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}.get(c.comparator or "", "")
    if c.value is None:
        return c.text
    return f"{cmp}{fmt(c.value)}{c.unit or ''}"
