"""Run chosen checks on a Document or a text, for the per-group check tests."""
from __future__ import annotations

import jixiao
from jixiao.checks import run_checks
from jixiao.extract.tagger import tag


def checker(codes: list[str]):
    """``findings(doc)`` and ``text_findings(text)`` running only ``codes`` (overridable)."""

    def findings(doc, codes=codes, config=None):
        return run_checks(doc, tag(doc), config=config, only=list(codes))

    def text_findings(text: str, codes=codes, config=None):
        return findings(jixiao.read_text(text), codes, config)

    return findings, text_findings


def by_rule(fs, code):
    return [x for x in fs if x.rule == code]
