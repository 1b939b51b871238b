"""Faster ``search`` for big alternations of the standard ``re`` module.

A pattern such as the quantity scanner (dozens of alternatives, most behind a lookbehind) costs
the regex engine every alternative at every position of the text. :func:`searcher` reads the
pattern once to find the characters a match can start with, jumps from one such character to the
next with a plain character class, and tries the full pattern only there. The result is the match
``pattern.search(text, pos)`` returns (``pattern.match`` at a position sees the text before it,
so lookbehinds and ``^`` behave as in ``search``).
"""
from __future__ import annotations

import re
from collections.abc import Callable

try:  # the parser of the standard re module (Python 3.11+; sre_parse before)
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - older Pythons
    _P = _C = None

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


class _Unknown(Exception):
    """The pattern holds something whose first characters are not worked out here."""


def _first(sub, acc: list[str]) -> bool:
    """Add to ``acc`` the class items a match of ``sub`` can start with; True when ``sub`` can
    match the empty string (its first character then comes from what follows it)."""
    for op, av in sub:
        name = str(op)
        if name == "LITERAL":
            acc.append(re.escape(chr(av)))
            return False
        if name == "IN":
            for o, a in av:
                oname = str(o)
                if oname == "LITERAL":
                    acc.append(re.escape(chr(a)))
                elif oname == "RANGE":
                    acc.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif oname == "CATEGORY" and str(a) in _CATEGORIES:
                    acc.append(_CATEGORIES[str(a)])
                else:  # NEGATE and anything else: no short list of first characters
                    raise _Unknown
            return False
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                nullable |= _first(alt, acc)
            if not nullable:
                return False
        elif name == "SUBPATTERN":
            _group, add_flags, _del_flags, p = av
            if add_flags & re.IGNORECASE:
                raise _Unknown
            if not _first(p, acc):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, p = av
            if not _first(p, acc) and low > 0:
                return False
        elif name == "ATOMIC_GROUP":
            if not _first(av, acc):
                return False
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):  # anchors and lookarounds take no character
            raise _Unknown
    return True


def first_chars(pattern: re.Pattern) -> re.Pattern | None:
    """A character class matching every character a match of ``pattern`` can start with; None
    when that cannot be told (the pattern may match empty, ignores case, or uses a construct not
    handled here)."""
    if _P is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    acc: list[str] = []
    try:
        if _first(_P.parse(pattern.pattern, pattern.flags), acc):
            return None
    except (_Unknown, re.error, ValueError, TypeError, AttributeError, IndexError):
        return None
    return re.compile("[" + "".join(acc) + "]") if acc else None


def searcher(pattern: re.Pattern) -> Callable[[str, int], re.Match | None]:
    """A function ``(text, pos) -> pattern.search(text, pos)``, faster on texts where few
    characters can start a match."""
    first = first_chars(pattern)
    if first is None:
        return pattern.search
    skip, match = first.search, pattern.match

    def search(text: str, pos: int = 0) -> re.Match | None:
        while True:
            f = skip(text, pos)
            if f is None:
                return None
            p = f.start()
            m = match(text, p)
            if m is not None:
                return m
            pos = p + 1

    return search
