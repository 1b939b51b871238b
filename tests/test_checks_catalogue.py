"""The catalogue itself: every rule documented, with examples that fire and near misses that
don't; each example is run through its rule alone."""
from __future__ import annotations

import pytest

import jixiao
from jixiao.checks import CODE_TABLE, rules, run_checks
from jixiao.checks.base import CATEGORIES, DOC_HEADINGS
from jixiao.config import Config
from jixiao.extract.tagger import tag

RULES = rules()


def _run(code: str, text: str):
    # an example may select a scoring profile on its first line: "# profile: strict-execution"
    profile, _, rest = text.partition("\n") if text.startswith("# profile:") else ("", "", text)
    config = Config(profile=profile.removeprefix("# profile:").strip()) if profile else None
    doc = jixiao.read_text(rest)
    return doc, run_checks(doc, tag(doc), config, only=[code])


def test_codes_are_unique_and_tabled():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes)) == len(CODE_TABLE)


def test_every_category_has_a_check():
    assert {r.category for r in RULES} == set(CATEGORIES)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_is_documented(r):
    assert r.doc.startswith(r.code), "docstring opens with the code and a title"
    assert r.title and "待实现" not in r.title
    for h in DOC_HEADINGS:
        assert h in r.doc, f"{r.code} docstring lacks {h}"
    assert r.fire, f"{r.code} has no example that must fire"
    assert r.nofire, f"{r.code} has no near miss that must not fire"


CASES = [(r.code, i, t, True) for r in RULES for i, t in enumerate(r.fire)] + \
        [(r.code, i, t, False) for r in RULES for i, t in enumerate(r.nofire)]


@pytest.mark.parametrize("code,i,text,fires", CASES,
                         ids=[f"{c}-{'fire' if f else 'nofire'}{i}" for c, i, _, f in CASES])
def test_rule_examples(code, i, text, fires):
    doc, findings = _run(code, text)
    if not fires:
        assert findings == [], f"{code} fired on a near miss: {[f.message for f in findings]}"
        return
    assert findings, f"{code} did not fire on its example"
    for f in findings:
        assert f.rule == code and f.category in CATEGORIES
        assert f.message and f.message_en, "a Chinese and an English message"
        for e in f.evidence:
            assert doc.text[e.span[0]:e.span[1]] == e.text, "evidence quotes the text verbatim"


def test_rule_reference_is_generated_from_the_code():
    """docs/rules.md is what `jixiao rules --format markdown` prints (run `make docs` after a change)."""
    from pathlib import Path

    from jixiao.render.text import rules_markdown

    doc = Path(__file__).parent.parent / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(RULES)
