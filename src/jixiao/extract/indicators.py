"""Indicator records: 一级/二级/三级指标, 指标值, 实际值, 分值, 得分, 偏差原因 — from 自评表 tables
(read by extract.indicator_tables) and from their text equivalents (a target set in 绩效目标 and
the actual reported on it); and the one judgement of a target against its actual (``direction``,
``judge``)."""
from __future__ import annotations

import re as _stdre
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable, Protocol

from ..model import Claim, Document, Location, Span
from .indicator_tables import GridRow, IndicatorTables, Row
from .quantities import unit_info
from .relations import Link


@dataclass
class Indicator:
    name: str
    source: str  # table | text
    span: Span
    location: Location | None = None
    level1: str | None = None
    level2: str | None = None
    target: str | None = None  # claim ids
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    target_text: str | None = None  # the 指标值 as written (also for qualitative targets)
    actual_text: str | None = None
    deviation: str | None = None  # 偏差原因分析及改进措施
    comparator: str | None = None  # from an 指标性质 column (≥ / ≤ / = / 正向 / 反向)
    unit: str | None = None  # from a 度量单位 column

    def to_json(self) -> dict:
        return {k: (v.to_json() if isinstance(v, Location) else list(v) if k == "span" else v)
                for k, v in self.__dict__.items()}


def is_indicator_table(headers: list[str]) -> bool:
    joined = "".join(headers)
    return "指标" in joined and any(w in joined for w in ("指标值", "目标值", "实际", "完成值", "分值", "得分"))


def indicators(doc: Document, claims: list[Claim], links: list[Link], tables: IndicatorTables) -> list[Indicator]:
    """One record per indicator: the 自评表 rows as extract.indicator_tables reads them (the grid
    view, else the score view of a table the grid view cannot read), then each target set in the
    text with the actual the tagger linked to it."""
    out: list[Indicator] = [_grid_record(doc, row) for row in tables.grid_rows]
    for row in tables.rows:
        if row.source == "table" and row.table is not None and row.table not in tables.grid_tables:
            out.append(_score_record(doc, row))
    in_tables = {i.target for i in out if i.target}
    claim_by_id = {c.id: c for c in claims}
    for link in links:
        if link.target in in_tables:
            continue
        t = claim_by_id[link.target]
        if t.source != "text":
            continue
        a = claim_by_id.get(link.actual) if link.actual else None
        out.append(Indicator(name=t.metric or "", source="text", span=t.span, location=t.location, target=t.id,
                             actual=a.id if a else None, target_text=t.text, actual_text=a.text if a else None))
    return out


def _grid_record(doc: Document, row: GridRow) -> Indicator:
    t = row.table
    span = (t.rows[row.r][0].span[0], t.rows[row.r][-1].span[1])
    ids = {role: c.id for role, c in row.claims.items()}
    return Indicator(name=row.name, source="table", span=span, location=doc.locate(span[0]),
                     level1=row.levels[0] if row.levels else None,
                     level2=row.levels[1] if len(row.levels) > 1 else None,
                     target=ids.get("target"), actual=ids.get("actual"), weight=ids.get("weight"),
                     score=ids.get("score"), target_text=row.texts.get("target") or None,
                     actual_text=row.texts.get("actual") or None, deviation=row.texts.get("reason") or None,
                     comparator=row.comparator, unit=row.unit)


def _score_record(doc: Document, row: Row) -> Indicator:
    def cid(f):
        return f.claim.id if f is not None and f.claim is not None else None

    levels = [x for x in row.labels[:-1] if x]
    return Indicator(name=row.name, source="table", span=row.span, location=doc.locate(row.span[0]),
                     level1=levels[0] if levels else None, level2=levels[1] if len(levels) > 1 else None,
                     target=cid(row.target), actual=cid(row.actual), weight=cid(row.weight), score=cid(row.score),
                     target_text=row.target.text if row.target else None,
                     actual_text=row.actual.text if row.actual else None, deviation=row.deviation or None)


# ----------------------------------------------------------------------------- judgement
# One judgement of what a target wants (more, less, exactly, a range) and whether an actual
# meets it, for every check that compares an actual with its target (JX101, JX1501, JX602 …).
# The words that tell a reverse indicator are data: the scoring profile's [direction] table.


class DirectionWords(Protocol):
    reverse_words: tuple[str, ...]  # 成本, 投诉率 …: less is better
    positive_overrides: tuple[str, ...]  # … unless the same name counts the good side (投诉办结率)
    positive_words: tuple[str, ...]  # 满意度, 覆盖率 …: more is better


@dataclass(frozen=True)
class Figure:
    """A figure as an interval of normalised values (None: unbounded)."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False
    kind: str = "number"
    unit_key: str = ""
    text: str = ""  # as printed in messages (≥90%)
    cmp: str | None = None
    approximate: bool = False

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high and not self.approximate

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and self.low != self.high


def unit_key(unit: str | None) -> str:
    """The unit without its multiplier (万人 -> 人), for telling 人 from 人次."""
    if not unit:
        return ""
    for m in ("万万", "千万", "百万", "十万", "万", "萬", "亿", "億", "千", "百"):
        if unit.startswith(m) and len(unit) > len(m) and unit_info(unit[len(m):])[0] != "number":
            return unit[len(m):]
    return unit


def interval(value: Decimal, unit: str | None, cmp: str | None, *, high: Decimal | None = None,
             approximate: bool = False, text: str = "") -> Figure:
    """The values a figure allows: 90% -> [0.9, 0.9], ≥90% -> [0.9, ∞), 3～5天 -> [3, 5]."""
    kind, scale = unit_info(unit)
    if unit in ("%", "％"):
        kind = "percent"
    v = value * scale
    h = high * scale if high is not None else None
    uk = unit_key(unit)
    if approximate or cmp == "~":
        return Figure(v, h if h is not None else v, kind=kind, unit_key=uk, text=text, cmp=cmp, approximate=True)
    if h is not None:
        return Figure(v, h, kind=kind, unit_key=uk, text=text, cmp=cmp)
    if cmp in (">=", ">"):
        return Figure(v, None, low_open=cmp == ">", kind=kind, unit_key=uk, text=text, cmp=cmp)
    if cmp in ("<=", "<"):
        return Figure(None, v, high_open=cmp == "<", kind=kind, unit_key=uk, text=text, cmp=cmp)
    return Figure(v, v, kind=kind, unit_key=uk, text=text, cmp=cmp)


_MEASURED_KINDS = ("percent", "count", "area", "length", "volume", "weight", "energy")


def is_reverse(names: Iterable[str], words: DirectionWords) -> bool:
    """Whether an indicator wants less: one of its names (level labels, the indicator's own name)
    holds a reverse word (成本, 投诉率) and no word of the good side (投诉办结率, 成本节约额)."""
    reverse, positive = _finder(tuple(words.reverse_words)), _finder(tuple(words.positive_overrides))
    return any(reverse(n) and not positive(n) for n in names if n)


@lru_cache(maxsize=32)
def _finder(words: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a text holds one of ``words`` (one compiled alternation instead of a loop)."""
    if not words:
        return lambda text: False
    search = _stdre.compile("|".join(map(_stdre.escape, words))).search
    return lambda text: search(text) is not None


def direction(cmp: str | None, names: Iterable[str], words: DirectionWords, *, kind: str | None = None,
              is_range: bool = False, approximate: bool = False) -> tuple[str | None, bool]:
    """What a target wants — up (≥), down (≤), eq (=), range, or None when nothing can be relied
    on — and whether that rests on a default (no comparator and no telling word: ≥ assumed).

    ``cmp`` is the target's comparator (or the row's 指标性质), ``names`` the indicator's name
    and level labels, ``kind`` the target's kind of quantity (percent, count …)."""
    names = [n for n in names if n]
    if approximate:
        return None, False
    if is_range:
        return "range", False
    if cmp in (">=", ">"):
        return "up", False
    if cmp in ("<=", "<"):
        return "down", False
    if cmp == "=":
        return "eq", False
    if is_reverse(names, words):
        return "down", False
    telling = any(w in n for n in names for w in words.positive_words)
    if kind in _MEASURED_KINDS or kind is None:
        return "up", not telling
    return ("up", False) if telling else (None, False)


def judge(t: Figure, direction: str | None, a: Figure) -> str:
    """met / missed / unknown: does the actual ``a`` meet the target ``t`` in that direction?"""
    if direction is None or a.approximate:
        return "unknown"
    if direction == "up":
        T = t.low
        if T is None:
            return "unknown"
        if a.low is not None and (a.low > T or (a.low == T and (not t.low_open or a.low_open))):
            return "met"
        if a.high is not None and (a.high < T or (a.high == T and (t.low_open or a.high_open))):
            return "missed"
        return "unknown"
    if direction == "down":
        T = t.high
        if T is None:
            return "unknown"
        if a.high is not None and (a.high < T or (a.high == T and (not t.high_open or a.high_open))):
            return "met"
        if a.low is not None and (a.low > T or (a.low == T and (t.high_open or a.low_open))):
            return "missed"
        return "unknown"
    if direction == "eq":
        T = t.low
        if a.exact and a.low == T:
            return "met"
        if (a.high is not None and a.high < T) or (a.low is not None and a.low > T):
            return "missed"
        return "unknown"
    if direction == "range":
        if a.high is not None and a.high < t.low or a.low is not None and a.low > t.high:
            return "missed"
        if a.low is not None and a.high is not None and a.low >= t.low and a.high <= t.high:
            return "met"
    return "unknown"
