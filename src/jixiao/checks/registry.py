"""The code table: every check's code, the module that holds it, and its status.

A code is never reused. ``status`` is ``stable`` or ``preview`` (preview rules run too; the
label tells users their findings may change).
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from .base import _DECLARED, Rule

# code -> (module in jixiao.checks, status)
CODE_TABLE: dict[str, tuple[str, str]] = {
    # target-not-met
    "JX101": ("actual_below_target", "stable"),
    "JX102": ("qualitative_target_missed", "stable"),
    # unit-mismatch
    "JX201": ("unit_slip_in_list", "stable"),
    "JX202": ("unit_against_column", "stable"),
    # sum-mismatch
    "JX301": ("text_parts_sum", "stable"),
    "JX302": ("table_totals", "stable"),
    "JX303": ("accounting_identities", "stable"),
    # value-conflict
    "JX401": ("same_quantity_two_values", "stable"),
    # rate-mismatch
    "JX501": ("stated_rate_off", "stable"),
    # score-mismatch
    "JX601": ("score_above_weight", "stable"),
    "JX602": ("score_off_formula", "stable"),
    "JX603": ("full_marks_on_missed_target", "stable"),
    "JX604": ("scores_not_summing", "stable"),
    "JX605": ("weights_off_profile", "stable"),
    "JX606": ("total_above_cap", "stable"),
    # grade-mismatch
    "JX651": ("grade_off_band", "stable"),
    # target-without-actual
    "JX701": ("target_not_reported", "stable"),
    # budget-variance
    "JX801": ("budget_final_far_apart", "stable"),
    "JX802": ("execution_rate_out_of_range", "stable"),
    "JX803": ("variance_statement_contradicted", "stable"),
    # implausible-value
    "JX901": ("rate_above_hundred", "stable"),
    "JX902": ("subset_exceeds_set", "stable"),
    "JX903": ("negative_count", "stable"),
    # date-inconsistent
    "JX1001": ("period_against_report_year", "stable"),
    "JX1002": ("dates_out_of_order", "stable"),
    # numbering
    "JX1101": ("heading_sequence", "stable"),
    "JX1102": ("heading_mixed_style", "stable"),
    "JX1103": ("toc_against_headings", "stable"),
    # punctuation
    "JX1201": ("doubled_punctuation", "stable"),
    "JX1202": ("unmatched_brackets", "stable"),
    "JX1203": ("ascii_punctuation", "stable"),
    # missing-section
    "JX1301": ("required_section_missing", "stable"),
    "JX1302": ("attachment_missing", "stable"),
    # vague-target
    "JX1401": ("unmeasurable_target", "stable"),
    # other
    "JX1501": ("deviation_reason_missing", "stable"),
}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every registered check, in code order."""
    found: dict[str, Rule] = {}
    for code, (module, _status) in CODE_TABLE.items():
        importlib.import_module(f"{__package__}.{module}")
    for r in _DECLARED:
        if r.code in found and found[r.code].func is not r.func:
            raise RuntimeError(f"rule code {r.code} declared twice")
        found[r.code] = r
    for code, (module, _status) in CODE_TABLE.items():
        r = found.get(code)
        if r is None or r.module != f"{__package__}.{module}":
            raise RuntimeError(f"code table lists {code} in {module}, which does not declare it")
    stray = set(found) - set(CODE_TABLE)
    if stray:
        raise RuntimeError(f"rules missing from the code table: {', '.join(sorted(stray))}")
    return tuple(sorted(found.values(), key=lambda r: _code_key(r.code)))


def _code_key(code: str) -> tuple[int, str]:
    return int(code[2:]), code


def status(code: str) -> str:
    return CODE_TABLE[code][1]


def get_rule(code: str) -> Rule | None:
    code = code.upper()
    return next((r for r in rules() if r.code == code), None)
