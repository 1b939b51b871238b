"""Dates as reports write them (2024年3月5日, 2024年1月至12月, 2020-2022年度), for JX1001/JX1002."""
from __future__ import annotations

import calendar
from dataclasses import dataclass

import regex as re

_Y = r"(?:19|20)\d{2}"


def _date(p: str) -> str:
    return rf"(?P<{p}y>{_Y})\s*年(?:\s*(?P<{p}m>\d{{1,2}})\s*月(?:\s*(?P<{p}d>\d{{1,2}})\s*[日号])?)?"



_SEP = r"\s*(?:至|到|—{1,2}|－|-|~|～)\s*"
# a full date, or a range whose end may leave out the year (and month)
RANGE = re.compile(
    rf"(?<![\d.]){_date('a')}{_SEP}"
    rf"(?:{_date('b')}|(?P<em>\d{{1,2}})\s*月(?:\s*(?P<ed>\d{{1,2}})\s*[日号])?|(?P<edd>\d{{1,2}})\s*[日号])"
)
YEAR_RANGE = re.compile(rf"(?<![\d.])(?P<a>{_Y}){_SEP}(?P<b>{_Y})\s*年")
DATE = re.compile(rf"(?<![\d.]){_date('')}")
MONTH_DAY = re.compile(r"(?<![\d.年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")


@dataclass(frozen=True)
class Day:
    """A date as far as it was written: year, and month and day when given."""

    y: int
    m: int | None = None
    d: int | None = None

    def key_start(self) -> tuple[int, int, int]:
        return self.y, self.m or 1, self.d or 1

    def key_end(self) -> tuple[int, int, int]:
        m = self.m or 12
        return self.y, m, self.d or (calendar.monthrange(self.y, m)[1] if 1 <= m <= 12 else 31)

    def text(self) -> str:
        return f"{self.y}年" + (f"{self.m}月" if self.m else "") + (f"{self.d}日" if self.d else "")


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        if d < 1:
            return False
        if m is None:
            return d <= 31
        last = calendar.monthrange(y, m)[1] if y else (29 if m == 2 else calendar.monthrange(2001, m)[1])
        return d <= last
    return True


@dataclass
class Range:
    start: Day
    end: Day
    span: tuple[int, int]
    end_year_written: bool


def ranges(text: str) -> list[Range]:
    """Every date range in ``text`` (an end without a year takes the start's)."""
    out = []
    for m in RANGE.finditer(text):
        a = Day(int(m.group("ay")), _int(m.group("am")), _int(m.group("ad")))
        if m.group("by"):
            b = Day(int(m.group("by")), _int(m.group("bm")), _int(m.group("bd")))
            written = True
        elif m.group("em"):
            b = Day(a.y, int(m.group("em")), _int(m.group("ed")))
            written = False
        else:
            if a.m is None:
                continue
            b = Day(a.y, a.m, int(m.group("edd")))
            written = False
        out.append(Range(a, b, m.span(), written))
    return out
