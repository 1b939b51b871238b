"""Normalise conversion debris in one block of text while keeping a map back to the raw text.

What changes: full-width digits/letters -> ASCII (Chinese punctuation kept); LaTeX remnants
(``$\\geq 90\\%$``, ``\\geqslant``, ``\\%``); decimals split by a space (``924. 03``); markdown
emphasis and list markers; ``[bookmark: ...]`` remnants; thousands separators; non-breaking,
zero-width and other odd spaces. Newlines inside a block become spaces between Latin text and
vanish between Chinese characters.
"""
from __future__ import annotations

import re as _stdre

import regex as re

from .model import OffsetMap

# Each rule: (pattern, replacement) where replacement is a string or a callable(match) -> str.
# Rules run in order; offsets are carried through every rewrite.

_LATEX_SYMBOLS = {
    r"\geqslant": "≥", r"\geq": "≥", r"\ge": "≥", r"\leqslant": "≤", r"\leq": "≤", r"\le": "≤",
    r"\neq": "≠", r"\times": "×", r"\div": "÷", r"\pm": "±", r"\sim": "～", r"\approx": "≈",
    r"\%": "%", r"\cdot": "·", r"\gt": ">", r"\lt": "<", r"\degree": "°", r"\circ": "°",
    r"\textgreater": ">", r"\textless": "<", r"\ldots": "…", r"\cdots": "…",
}
_LATEX_CMD = re.compile(r"\\(?:" + "|".join(sorted((re.escape(k[1:]) for k in _LATEX_SYMBOLS), key=len, reverse=True)) + r")(?![A-Za-z])")
_LATEX_WRAP = re.compile(r"\\(?:text|mathrm|mathbf|textbf|mathit|rm|operatorname)\s*\{([^{}]*)\}")
_MATH_DOLLARS = re.compile(r"\$\$?([^$\n]{1,80}?)\$\$?")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# pinyin glosses some converted pages put after characters: 當(dāng)年財政撥款
_PINYIN = re.compile(r"(?<=\p{Han})\((?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_MD_EMPH = re.compile(r"(?<![*_\w])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_MD_STRAY = re.compile(r"\*\*|(?<=[\p{Han}。，；：）])\s*\*\*")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t ]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPLIT_DECIMAL = re.compile(r"(?<=\d\.)[ \u00a0]+(?=\d{1,4}(?!\d))")
_HEADING_NUMBER = re.compile(r"\s*[(（]?\d{1,2}\.")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]|\.\d)")
_CJK = r"[\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ ]+(?={_CJK})")
_SPACE_AROUND_CMP = re.compile(r"(?<=[≥≤<>＞＜])[ ]+(?=[\d.])|(?<=[\p{Han}])[ ]+(?=[≥≤＞＜])")
_SPACE_NUM_UNIT = re.compile(r"(?<=\d)[ ]+(?=[%％‰\p{Han}])|(?<=[\p{Han}])[ ]+(?=\d)")
_SPACE_CJK_PUNCT = re.compile(r"[ ]+(?=[，。；：、！？）】》”])|(?<=[，。；：、！？（【《“])[ ]+")


# full-width digits and Latin letters (and the full-width full stop) to ASCII, one for one
_FULLWIDTH = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for o in range(r[0], r[1] + 1)}
_FULLWIDTH[ord("．")] = ord(".")
# the characters _FULLWIDTH maps (a search is much cheaper than str.translate with a dict)
_HAS_FULLWIDTH = _stdre.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．]")


class _Buffer:
    """A string with, for each character, its index in the original raw string (``idx`` stays
    None, meaning "unchanged", until a rewrite changes something)."""

    def __init__(self, text: str):
        self.text = text
        self.idx: list[int] | None = None
        self.end = len(text)

    def _index(self) -> list[int]:
        if self.idx is None:
            self.idx = list(range(len(self.text)))
        return self.idx

    def sub(self, pattern: re.Pattern, repl, need: str | None = None) -> None:
        """Rewrite every match of ``pattern``; ``need`` is a substring every match contains
        (a cheap test that skips the search)."""
        text = self.text
        if need is not None and need not in text:
            return
        matches = pattern.finditer(text)
        first = next(matches, None)
        if first is None:
            return
        idx = self._index()
        found = [first, *matches]
        news = [self._replacement(m, repl) for m in found]
        if all(new == m.group() for m, new in zip(found, news)):
            # every match is replaced by itself (a single space by a space): nothing moves, and
            # the map stays the explicit one a rewrite leaves
            return
        out_c: list[str] = []
        out_i: list[int] = []
        pos = 0
        for m, new in zip(found, news):
            s, e = m.span()
            out_c.append(text[pos:s])
            out_i.extend(idx[pos:s])
            src = idx[s:e] or [idx[s] if s < len(idx) else self.end]
            # A replacement kept from inside the match (emphasis, wrappers) maps 1:1 onto its
            # characters; anything else maps onto the match proportionally.
            k0 = m.group(0).find(new) if new else -1
            if k0 >= 0:
                out_i.extend(src[k0:k0 + len(new)])
            else:
                n_src, n_new = len(src), len(new)
                out_i.extend(src[min(k * n_src // n_new, n_src - 1)] for k in range(n_new))
            out_c.append(new)
            pos = e
        out_c.append(text[pos:])
        out_i.extend(idx[pos:])
        self.text, self.idx = "".join(out_c), out_i

    @staticmethod
    def _replacement(m: re.Match, repl) -> str:
        if callable(repl):
            return repl(m)
        # a replacement string without a backslash is its own expansion (no template to parse)
        return m.expand(repl) if "\\" in repl else repl

    def translate(self, table: dict) -> None:
        """A one-for-one character mapping (offsets unchanged)."""
        self.text = self.text.translate(table)

    def strip(self) -> None:
        text = self.text
        i = len(text) - len(text.lstrip())
        j = len(text.rstrip())
        if i == 0 and j == len(text):
            return
        idx = self._index()
        self.text, self.idx = text[i:j], idx[i:j]

    def offsets(self) -> list[int]:
        idx = self._index()
        return idx + [idx[-1] + 1 if idx else 0]


def _math(m: re.Match) -> str:
    inner = m.group(1)
    if "\\" in inner or _MATH_ONLY.fullmatch(inner):
        return inner.strip()
    return m.group(0)


def _newline(m: re.Match) -> str:
    return ""


_NEWLINE_CJK = re.compile(rf"(?<={_CJK}|[\d.%])\s*\n\s*(?={_CJK}|[\d.])|(?<={_CJK})\s*\n\s*")
_NEWLINE_ANY = re.compile(r"\s*\n\s*")
_MATH_ONLY = re.compile(r"[\s\d.%≥≤<>=+\-]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_NEGATIVE_NUMBER = re.compile(r"^\s*-\s*\d")


# Every rule below needs one of these characters (or leading / trailing white space); text
# without them is already normal.
_NEEDS_WORK = _stdre.compile("[\u200b-\u200d\u2060\ufeff\u00ad\\[(\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．"
                             "\\\\$*_\n\u00a0\u2000-\u200a\u202f\u205f\u3000\t ,]")


def normalize(text: str, *, keep_newlines: bool = False) -> tuple[str, OffsetMap]:
    """Normalise one block's text. Returns the new text and a map back to ``text``."""
    if not _NEEDS_WORK.search(text) and (not text or not (text[0].isspace() or text[-1].isspace())):
        return text, OffsetMap(range(len(text) + 1))  # identity
    buf = _Buffer(text)
    buf.sub(_ZERO_WIDTH, "")
    buf.sub(_BOOKMARK, "", "[bookmark:")
    buf.sub(_PINYIN, "", "(")
    if _HAS_FULLWIDTH.search(buf.text):
        buf.translate(_FULLWIDTH)
    buf.sub(_LATEX_WRAP, _group1, "\\")
    buf.sub(_MATH_DOLLARS, _math, "$")
    buf.sub(_LATEX_CMD, _latex_symbol, "\\")
    if "**" in buf.text or "__" in buf.text:
        buf.sub(_MD_EMPH, _group2)
    buf.sub(_MD_STRAY, "", "**")
    if not keep_newlines:
        buf.sub(_NEWLINE_CJK, _newline, "\n")
        buf.sub(_NEWLINE_ANY, " ", "\n")
    buf.sub(_SPACES, " ")
    buf.sub(_SPLIT_DECIMAL, _split_decimal, ".")
    buf.sub(_THOUSANDS, _no_commas, ",")
    if " " in buf.text:
        buf.sub(_SPACE_BETWEEN_CJK, _keep_meaningful_space)
        buf.sub(_SPACE_AROUND_CMP, "")
        buf.sub(_SPACE_NUM_UNIT, "")
        buf.sub(_SPACE_CJK_PUNCT, "")
    buf.strip()
    return buf.text, OffsetMap(buf.offsets())


def _group1(m: re.Match) -> str:
    return m.group(1)


def _group2(m: re.Match) -> str:
    return m.group(2)


def _latex_symbol(m: re.Match) -> str:
    return _LATEX_SYMBOLS[m.group(0)]


def _no_commas(m: re.Match) -> str:
    return m.group(0).replace(",", "")


def _split_decimal(m: re.Match) -> str:
    # "924. 03" is one number; "1. 2024年度" is a heading number followed by a year
    if _HEADING_NUMBER.fullmatch(m.string, 0, m.start()) and _FOUR_DIGITS.match(m.string, m.end()):
        return m.group(0)
    return ""


def _keep_meaningful_space(m: re.Match) -> str:
    # A space between two Chinese characters is PDF/Word debris ("管理 委员会") except where it
    # separates options or names ("实施过程评价 完成结果评价", "中共中央 国务院"); we cannot
    # tell them apart reliably, so keep single spaces and drop only runs of two or more.
    return " " if len(m.group(0)) == 1 else ""


_LIST_MARKER = re.compile(r"^\s*(?:[-*+•·]\s+|>\s*)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MARKDOWN_FIRST = frozenset("#-*+•·>")


def strip_markdown_line(line: str) -> tuple[str, int, int | None]:
    """Strip a leading markdown list marker or heading hashes from one line.

    Returns (stripped line, number of characters removed, heading level or None).
    """
    # Both patterns need one of these characters after the leading white space (every
    # character the regex's ``\s`` matches is one ``str.lstrip`` strips): most lines have none.
    first = line.lstrip()[:1]
    if not first or first not in _MARKDOWN_FIRST:
        return line, 0, None
    m = _MD_HEADING.match(line)
    if m:
        return line[m.end():], m.end(), len(m.group(1))
    m = _LIST_MARKER.match(line)
    if m and not _NEGATIVE_NUMBER.match(line):  # "-3.2%" is a number, not a list item
        return line[m.end():], m.end(), None
    return line, 0, None
