"""Normalise conversion debris in one block of text while keeping a map back to the raw text.

What changes: full-width digits/letters -> ASCII (Chinese punctuation kept); LaTeX remnants
(``$\\geq 90\\%$``, ``\\geqslant``, ``\\%``); decimals split by a space (``924. 03``); markdown
emphasis and list markers; ``[bookmark: ...]`` remnants; thousands separators; non-breaking,
zero-width and other odd spaces. Newlines inside a block become spaces between Latin text and
vanish between Chinese characters.
"""
from __future__ import annotations

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


def _fullwidth(ch: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch == "．":
        return "."
    return ch


class _Buffer:
    """A string with, for each character, its index in the original raw string."""

    def __init__(self, text: str):
        self.chars = list(text)
        self.idx = list(range(len(text)))
        self.end = len(text)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def sub(self, pattern: re.Pattern, repl) -> None:
        text = self.text
        if not pattern.search(text):
            return
        out_c: list[str] = []
        out_i: list[int] = []
        pos = 0
        for m in pattern.finditer(text):
            s, e = m.span()
            out_c.extend(self.chars[pos:s])
            out_i.extend(self.idx[pos:s])
            new = repl(m) if callable(repl) else m.expand(repl)
            src = self.idx[s:e] or [self.idx[s] if s < len(self.idx) else self.end]
            # A replacement kept from inside the match (emphasis, wrappers) maps 1:1 onto its
            # characters; anything else maps onto the match proportionally.
            k0 = m.group(0).find(new) if new else -1
            for k, ch in enumerate(new):
                out_c.append(ch)
                out_i.append(src[k0 + k] if k0 >= 0 else src[min(k * len(src) // len(new), len(src) - 1)])
            pos = e
        out_c.extend(self.chars[pos:])
        out_i.extend(self.idx[pos:])
        self.chars, self.idx = out_c, out_i

    def map_chars(self, fn) -> None:
        self.chars = [fn(c) for c in self.chars]

    def strip(self) -> None:
        i, j = 0, len(self.chars)
        while i < j and self.chars[i].isspace():
            i += 1
        while j > i and self.chars[j - 1].isspace():
            j -= 1
        self.chars, self.idx = self.chars[i:j], self.idx[i:j]


def _math(m: re.Match) -> str:
    inner = m.group(1)
    if "\\" in inner or re.fullmatch(r"[\s\d.%≥≤<>=+\-]+", inner):
        return inner.strip()
    return m.group(0)


def _newline(m: re.Match) -> str:
    return ""


_NEWLINE_CJK = re.compile(rf"(?<={_CJK}|[\d.%])\s*\n\s*(?={_CJK}|[\d.])|(?<={_CJK})\s*\n\s*")
_NEWLINE_ANY = re.compile(r"\s*\n\s*")


def normalize(text: str, *, keep_newlines: bool = False) -> tuple[str, OffsetMap]:
    """Normalise one block's text. Returns the new text and a map back to ``text``."""
    buf = _Buffer(text)
    buf.sub(_ZERO_WIDTH, "")
    buf.sub(_BOOKMARK, "")
    buf.sub(_PINYIN, "")
    buf.map_chars(_fullwidth)
    buf.sub(_LATEX_WRAP, lambda m: m.group(1))
    buf.sub(_MATH_DOLLARS, _math)
    buf.sub(_LATEX_CMD, lambda m: _LATEX_SYMBOLS[m.group(0)])
    buf.sub(_MD_EMPH, lambda m: m.group(2))
    buf.sub(_MD_STRAY, "")
    if not keep_newlines:
        buf.sub(_NEWLINE_CJK, _newline)
        buf.sub(_NEWLINE_ANY, " ")
    buf.sub(_SPACES, " ")
    buf.sub(_SPLIT_DECIMAL, _split_decimal)
    buf.sub(_THOUSANDS, lambda m: m.group(0).replace(",", ""))
    buf.sub(_SPACE_BETWEEN_CJK, _keep_meaningful_space)
    buf.sub(_SPACE_AROUND_CMP, "")
    buf.sub(_SPACE_NUM_UNIT, "")
    buf.sub(_SPACE_CJK_PUNCT, "")
    buf.strip()
    return buf.text, OffsetMap(buf.idx + [buf.idx[-1] + 1 if buf.idx else 0])


def _split_decimal(m: re.Match) -> str:
    # "924. 03" is one number; "1. 2024年度" is a heading number followed by a year
    if _HEADING_NUMBER.fullmatch(m.string, 0, m.start()) and re.match(r"\d{4}", m.string[m.end():]):
        return m.group(0)
    return ""


def _keep_meaningful_space(m: re.Match) -> str:
    # A space between two Chinese characters is PDF/Word debris ("管理 委员会") except where it
    # separates options or names ("实施过程评价 完成结果评价", "中共中央 国务院"); we cannot
    # tell them apart reliably, so keep single spaces and drop only runs of two or more.
    return " " if len(m.group(0)) == 1 else ""


_LIST_MARKER = re.compile(r"^\s*(?:[-*+•·]\s+|>\s*)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")


def strip_markdown_line(line: str) -> tuple[str, int, int | None]:
    """Strip a leading markdown list marker or heading hashes from one line.

    Returns (stripped line, number of characters removed, heading level or None).
    """
    m = _MD_HEADING.match(line)
    if m:
        return line[m.end():], m.end(), len(m.group(1))
    m = _LIST_MARKER.match(line)
    if m and not re.match(r"^\s*-\s*\d", line):  # "-3.2%" is a number, not a list item
        return line[m.end():], m.end(), None
    return line, 0, None
