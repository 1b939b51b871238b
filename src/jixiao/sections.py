"""Headings and the section tree.

A heading keeps its number as written (``"3、"``, ``"(二）"``) so numbering checks can run on
it; its *level* is inferred from the numbering family (一、 / （一） / 1. / （1） / ①) and from
context, so that a slip such as ``3、`` among ``一、二、四、`` still lands on the level it belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_NUM = r"[一二三四五六七八九十百零〇]{1,4}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (family, shape, pattern). ``shape`` groups families written alike (a slip between 三、 and 3、
# keeps the shape); order matters: the first pattern that matches wins.
_MARKERS: list[tuple[str, str, re.Pattern]] = [
    ("part", "part", re.compile(rf"^第\s*(?P<n>{_CN_NUM}|\d{{1,2}})\s*(?:部分|章|节|篇)\s*[、.．:：]?\s*")),
    ("paren_cn", "paren", re.compile(rf"^[（(]\s*(?P<n>{_CN_NUM})\s*[)）]\s*[、.．]?\s*")),
    ("paren_arabic", "paren", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.．]?\s*")),
    ("cn", "dun", re.compile(rf"^(?P<n>{_CN_NUM})\s*[、]\s*")),
    ("cn_dot", "dot", re.compile(rf"^(?P<n>{_CN_NUM})\s*[.．,，]\s*(?!\d)")),
    ("decimal", "decimal", re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|(?=(?![万亿千百元个人年月日天分亩项次户家名台套件])\p{Han}))")),
    ("arabic", "dun", re.compile(r"^(?P<n>\d{1,2})\s*[、]\s*")),
    ("arabic_dot", "dot", re.compile(r"^(?P<n>\d{1,2})\s*[.．](?!\d)\s*")),
    ("arabic_rparen", "rparen", re.compile(r"^(?P<n>\d{1,2})\s*[)）]\s*")),
    ("circled", "circled", re.compile(rf"^(?P<n>[{_CIRCLED}])\s*")),
]
# every marker starts with one of these (or with a digit)
_MARKER_FIRST = frozenset("第（(一二三四五六七八九十百零〇" + _CIRCLED)
_MARKERS_BY_FIRST = {ch: [m for m in _MARKERS if m[0] in families]
                     for chars, families in (("第", ("part",)), ("（(", ("paren_cn", "paren_arabic")),
                                             ("一二三四五六七八九十百零〇", ("cn", "cn_dot")),
                                             (_CIRCLED, ("circled",)))
                     for ch in chars}
_TITLE_END = re.compile(r"[。；;：:！？!?]")
MAX_HEADING_TITLE = 40


def cn_to_int(s: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass(frozen=True)
class Marker:
    family: str
    shape: str
    number: str  # as written, with its punctuation (trailing spaces excluded)
    value: int | None
    end: int  # where the title starts


def parse_marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text``, if any."""
    if not text or not (text[0] in _MARKER_FIRST or text[0].isdecimal() or text[0] > "\uffff"):
        return None  # (astral digits: the regex module's Unicode may be newer than Python's)
    return _parse_marker(text)


@lru_cache(maxsize=4096)
def _parse_marker(text: str) -> Marker | None:
    # only the patterns whose first character class holds text[0] (digits and the rest: all)
    for family, shape, pat in _MARKERS_BY_FIRST.get(text[0], _MARKERS):
        m = pat.match(text)
        if not m:
            continue
        n = m.group("n")
        if family == "circled":
            value = _CIRCLED.index(n) + 1
        elif family == "decimal":
            value = int(n.split(".")[-1])
        else:
            value = cn_to_int(n)
        if value is None:
            continue
        number = text[: m.end()].rstrip()
        if m.end() >= len(text.rstrip()):  # a bare number with nothing after it
            return None
        return Marker(family, shape, number, value, m.end())
    return None


def heading_title(text: str, start: int) -> tuple[str, bool]:
    """The heading's title after its marker, and whether the paragraph is *only* a heading."""
    rest = text[start:]
    m = _TITLE_END.search(rest)
    if m is None:
        return rest.strip(), len(rest) <= MAX_HEADING_TITLE
    head = rest[: m.start()].strip()
    tail = rest[m.end():].strip()
    return head, not tail


def decimal_depth(number: str) -> int:
    return number.rstrip(".").count(".") + 1


@dataclass
class _Open:
    family: str
    shape: str
    level: int
    last: int | None
    depth: int = 1


def _decimal_level(stack: list[_Open], depth: int) -> int:
    """Level of a multi-level number such as 1.2.1: under the 1. it extends, else nested."""
    for o in reversed(stack):
        if o.family == "decimal":
            return o.level - o.depth + depth
        if o.family in ("arabic_dot", "arabic"):
            return o.level + depth - 1
    return (stack[-1].level if stack else 0) + 1


def assign_levels(candidates: list[tuple[Marker | None, int | None]]) -> list[int]:
    """Give each heading candidate a level.

    ``candidates``: (marker, style_level) per heading in document order. A style level (Word
    outline level, markdown ``#``) is trusted; otherwise the level follows the numbering
    families seen so far, with slips resolved to the level whose sequence they continue.
    """
    stack: list[_Open] = []
    levels: list[int] = []
    for marker, style_level in candidates:
        if style_level is not None:
            level = style_level
            while stack and stack[-1].level >= level:
                stack.pop()
            if marker:
                stack.append(_Open(marker.family, marker.shape, level, marker.value))
            levels.append(level)
            continue
        assert marker is not None
        fam, shape, v = marker.family, marker.shape, marker.value
        if fam == "decimal":
            level = _decimal_level(stack, decimal_depth(marker.number))
            while stack and stack[-1].level >= level:
                stack.pop()
            stack.append(_Open(fam, shape, level, v, decimal_depth(marker.number)))
            levels.append(level)
            continue
        same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].family == fam), None)
        if same is not None:
            del stack[same + 1:]
            stack[same].last = v
            levels.append(stack[same].level)
            continue
        if v != 1:
            # A slip in style: continue the sequence of an open level written in the same shape
            # (3、 after 二、) or, failing that, of any open level the value continues.
            for pred in (lambda o: o.shape == shape, lambda o: o.shape in {"dun", "dot", "paren"} and shape in {"dun", "dot", "paren"}):
                hit = next((i for i in range(len(stack) - 1, -1, -1)
                            if pred(stack[i]) and stack[i].last is not None and v == stack[i].last + 1), None)
                if hit is not None:
                    del stack[hit + 1:]
                    stack[hit].last = v
                    levels.append(stack[hit].level)
                    break
            else:
                hit = None
            if hit is not None:
                continue
        level = stack[-1].level + 1 if stack else 1
        stack.append(_Open(fam, shape, level, v))
        levels.append(level)
    return levels
