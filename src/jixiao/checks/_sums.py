"""Shared arithmetic of the sum checks (JX201, JX301, JX302, JX303, JX902).

Every part–whole list of a document is analysed once (``analyses(ctx)``, memoised): its figures
normalised, a unit slip looked for, the rounding tolerance computed, and the parts compared with
the whole. JX201 reports the slips, JX301 the text lists, JX302 the table lists, JX902 subsets
larger than their set; JX303 skips any identity that one of those lists already settles.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import regex as re

from ..extract.claims import clause_before
from ..extract.relations import PartWhole
from ..extract.tables import table_layout
from ..model import Claim, Paragraph, Table

if TYPE_CHECKING:
    from .base import Context

ZERO = Decimal(0)
# kinds whose figures add up; a bare number (no unit) in running text is never summed
MEASURE_KINDS = ("money", "count", "area", "length", "weight", "volume", "energy")
PERSON_UNITS = {"人", "名", "位"}
# a figure that is a rate or a standard, not an amount: 人均 1000元, 每亩 500元, 补助标准 …
_BRACKETS = re.compile(r"[（()）]")
_LIST_SEP = re.compile(r"[、，,；;]")
_PER_UNIT = re.compile(r"人均|户均|生均|亩均|平均|每[人户亩年月天次个项家所]|标准|单价|均价|限额|不超过|最高|最低")
# table columns that hold codes, ranks or ratios rather than amounts
NON_ADDITIVE_HEADER = re.compile(r"行次|栏次|序号|编号|编码|代码|年份|年度|排名|得分|分值|权重|率|比例|比重|占比|%|％|"
                                  r"单价|标准|指标值|完成值|目标值|偏差")


@lru_cache(maxsize=1)
def identity_data() -> dict:
    """resources/identities.json: the identities of JX303 and the subset pairs of JX902."""
    return json.loads(resources.files("jixiao.resources").joinpath("identities.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- figures


def base_value(c: Claim) -> Decimal:
    """The claim's value in its kind's base unit (元 for money)."""
    return c.quantity.normalized() if c.quantity is not None else (c.value or ZERO)


def scale(c: Claim) -> Decimal:
    return c.quantity.scale if c.quantity is not None else Decimal(1)


def decimals(c: Claim) -> int:
    """Decimal places as written (60.00 -> 2)."""
    v = c.value if c.value is not None else ZERO
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def half_ulp(c: Claim, at_scale: Decimal | None = None) -> Decimal:
    """Half a unit of the last written digit, in base units: what rounding may hide (nothing
    for a zero, or for a count: people and projects are not rounded)."""
    if c.value == 0 or kind(c) == "count" and decimals(c) == 0:
        return ZERO
    return Decimal(5) * Decimal(10) ** (-decimals(c) - 1) * (at_scale if at_scale is not None else scale(c))


def is_exact(c: Claim) -> bool:
    """A figure that can be added: no comparator, not approximate, not a range."""
    q = c.quantity
    return (q is not None and c.value is not None and not q.approximate and q.high is None
            and (c.comparator in (None, "=")))


def kind(c: Claim) -> str:
    return c.quantity.kind if c.quantity is not None else "none"


def same_count_unit(a: Claim, b: Claim) -> bool:
    if a.unit == b.unit:
        return True
    return a.unit in PERSON_UNITS and b.unit in PERSON_UNITS


def money_unit(scale_: Decimal) -> str:
    return {Decimal(1): "元", Decimal(1000): "千元", Decimal(10000): "万元", Decimal(100000000): "亿元"}.get(
        scale_, "元")


def in_unit(v: Decimal, scale_: Decimal, places: int) -> Decimal:
    """A base-unit value expressed in a unit of ``scale_``, with ``places`` decimals."""
    return (v / scale_).quantize(Decimal(1).scaleb(-places)) if places >= 0 else v / scale_


def num(v: Decimal) -> str:
    """A computed figure with the decimals it was quantized to (60.00 stays 60.00)."""
    return format(v, "f")


def show(v: Decimal, scale_: Decimal, unit: str | None, places: int) -> str:
    return num(in_unit(v, scale_, places)) + (unit or "")


def name_of(c: Claim) -> str:
    """A short name for a figure in a message ("" when the tagger's name is long or generic)."""
    m = (c.metric or "").strip("：:，, ")
    return m if 0 < len(m) <= 16 and m not in ("合计", "总计", "小计") else ""


def clause_of(ctx: "Context", c: Claim) -> str:
    """The words in front of a figure back to the previous punctuation or bracket."""
    return _BRACKETS.split(clause_before(ctx.text, c.span[0])[1])[-1]


def bracketed(ctx: "Context", c: Claim) -> bool:
    """A figure inside brackets in its paragraph ("（含…50万元）"): a detail, not a term."""
    memo = ctx.memo("_sums.bracketed", dict)
    found = memo.get(c.span[0])
    if found is None:
        b = ctx.doc.block_at(c.span[0])
        if not isinstance(b, Paragraph):
            found = False
        else:
            before = ctx.text[b.span[0]:c.span[0]]
            found = before.count("（") + before.count("(") > before.count("）") + before.count(")")
        memo[c.span[0]] = found
    return found


def words_of(ctx: "Context", c: Claim) -> str:
    """What names a figure: "metric|clause before it|noun right after it" (a table cell: its row
    label)."""
    if c.source == "table":
        return c.metric or ""
    memo = ctx.memo("_sums.words_of", dict)
    key = (c.span, c.metric)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _words_of(ctx, c)
    return found


def _words_of(ctx: Context, c: Claim) -> str:
    text = ctx.text
    j = k = c.span[1]
    while k < len(text) and k < j + 6 and text[k] not in "，,。；;：:、\n（()）" and not text[k].isdigit():
        k += 1
    return f"{c.metric or ''}|{clause_of(ctx, c)}|{text[j:k]}"


# --------------------------------------------------------------------------- list analysis


@dataclass
class Slip:
    """A part written in another unit than its list: read in the list's unit it fits."""

    part: Claim
    unit: str  # the list's unit (万元)
    scale: Decimal
    severity: str  # error: the total only adds up this way; warning: magnitude alone
    ratio: Decimal  # how many times the part is off beside its siblings

    @property
    def expected(self) -> str:
        return num(self.part.value) + self.unit

    def corrected(self) -> Decimal:
        return self.part.value * self.scale


@dataclass
class ListAnalysis:
    pw: PartWhole | None
    whole: Claim | None
    parts: list[Claim]  # the parts compared (a trailing statement cut off when a prefix adds up)
    listed: list[Claim]  # every part the list names
    source: str  # text | table
    cue: str
    completeness: str
    slip: Slip | None = None
    total: Decimal = ZERO  # sum of the parts in base units (slip read in the list's unit)
    diff: Decimal = ZERO  # total - whole, base units
    tol: Decimal = ZERO
    status: str = "skip"  # ok | rounding | above | below | skip
    places: int = 2

    @property
    def unit(self) -> str | None:
        return self.whole.unit if self.whole is not None else None

    @property
    def scale(self) -> Decimal:
        return scale(self.whole) if self.whole is not None else Decimal(1)

    def fig(self, v: Decimal) -> str:
        return show(v, self.scale, self.unit, self.places)

    def formula(self, limit: int = 8) -> str:
        """"60.00+37400.00+1211.40" in the whole's unit, or "" for long lists."""
        if len(self.parts) > limit:
            return ""
        return "+".join(self._written(p) for p in self.parts)

    def _written(self, p: Claim) -> str:
        if (self.slip is not None and p is self.slip.part) or scale(p) == self.scale:
            return num(p.value)
        return num(in_unit(base_value(p), self.scale, self.places))


def tolerance(ctx: "Context", parts: list[Claim], whole: Claim, slip: Slip | None = None) -> Decimal:
    """n parts rounded to d decimals may drift by n × 0.5×10^-d (per part, at its own unit);
    the configured rounding tolerance, in the whole's unit, is the floor."""
    drift = sum((half_ulp(p, slip.scale if slip is not None and p is slip.part else None) for p in parts), ZERO)
    return max(drift, ctx.tolerance("rounding") * scale(whole))


def _places(whole: Claim, parts: list[Claim], slip: Slip | None) -> int:
    """Decimals to show sums with: as many as any figure has once put in the whole's unit."""
    out = decimals(whole)
    for p in parts:
        if slip is not None and p is slip.part:
            out = max(out, decimals(p))
            continue
        v = (base_value(p) / scale(whole)).normalize()
        exp = v.as_tuple().exponent
        out = max(out, decimals(p) if scale(p) == scale(whole) else (-exp if isinstance(exp, int) and exp < 0 else 0))
    return min(out, 6)


def _sum(parts: list[Claim], slip: Slip | None) -> Decimal:
    return sum((slip.corrected() if slip is not None and p is slip.part else base_value(p) for p in parts), ZERO)


def find_slip(ctx: "Context", whole: Claim | None, parts: list[Claim]) -> Slip | None:
    """A money part whose unit (元 / 万元 / 亿元) differs from its list's and that only makes
    sense in the list's unit: the total adds up only so (error), or its magnitude is absurd
    beside its siblings (warning)."""
    if len(parts) < 2 or any(kind(p) != "money" or not is_exact(p) for p in parts):
        return None
    if whole is not None and (kind(whole) != "money" or not is_exact(whole)):
        whole = None
    list_scale = scale(whole) if whole is not None else _majority_scale(parts)
    if list_scale is None:
        return None
    odd = [p for p in parts if scale(p) != list_scale]
    same = [p for p in parts if scale(p) == list_scale]
    if len(odd) != 1 or not same:
        return None
    p = odd[0]
    if _PER_UNIT.search(clause_of(ctx, p)):
        return None
    unit = whole.unit if whole is not None and whole.unit else money_unit(list_scale)
    ratio = _magnitude_ratio(p, same)
    if whole is not None:
        literal = _sum(parts, None)
        if abs(literal - base_value(whole)) <= tolerance(ctx, parts, whole):
            return None  # adds up as written
        slip = Slip(p, unit, list_scale, "error", ratio)
        corrected = _sum(parts, slip)
        if abs(corrected - base_value(whole)) <= tolerance(ctx, parts, whole, slip):
            return slip
        if ratio >= ctx.tolerance("unit_ratio") and abs(corrected - base_value(whole)) < abs(literal - base_value(whole)):
            slip.severity = "warning"
            return slip
        return None
    if ratio >= ctx.tolerance("unit_ratio"):
        return Slip(p, unit, list_scale, "warning", ratio)
    return None


def _majority_scale(parts: list[Claim]) -> Decimal | None:
    counts: dict[Decimal, int] = {}
    for p in parts:
        counts[scale(p)] = counts.get(scale(p), 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1])
    return best[0] if best[1] >= 2 and best[1] > len(parts) / 2 else None


def _magnitude_ratio(p: Claim, siblings: list[Claim]) -> Decimal:
    """How far the part sits outside its siblings' range as written, provided that read in the
    siblings' unit it would fall inside it (give or take a factor of 100); else 0."""
    v = base_value(p)
    vals = [base_value(s) for s in siblings if base_value(s) > 0]
    if v <= 0 or not vals:
        return ZERO
    lo, hi = min(vals), max(vals)
    reread = p.value * scale(siblings[0])
    if not (lo / 100 <= reread <= hi * 100):
        return ZERO
    if v < lo:
        return lo / v
    if v > hi:
        return v / hi
    return ZERO


def analyse(ctx: "Context", pw: PartWhole | None, whole: Claim | None, parts: list[Claim], *, source: str,
            cue: str, completeness: str) -> ListAnalysis:
    if source == "text":  # 人均 / 每人每月 / 标准 … figures are rates, not amounts of the list
        parts = [p for p in parts if not _PER_UNIT.search(clause_of(ctx, p))]
    a = ListAnalysis(pw, whole, list(parts), list(parts), source, cue, completeness)
    if whole is None or not parts:
        a.slip = find_slip(ctx, None, parts) if source == "text" else None
        return a
    if not is_exact(whole) or any(not is_exact(p) for p in parts):
        return a
    k = kind(whole)
    if k not in MEASURE_KINDS and not (source == "table" and k == "number"):
        return a
    if any(kind(p) != k for p in parts):
        return a
    if k == "count" and any(not same_count_unit(p, whole) for p in parts):
        return a
    # a part in another unit than its list's (in a table: than its column's, JX202 reports it)
    a.slip = find_slip(ctx, whole, parts)
    a.places = _places(whole, parts, a.slip)
    w = base_value(whole)
    # in text, a list that already adds up after its first k items: what follows is another
    # statement (", 调减40万元", ", 全年实际下达71万元"); table rows are the list
    prefixes = range(2, len(parts)) if source == "text" else ()
    for n in [len(parts), *prefixes]:
        sub = parts[:n]
        if _sum(sub, a.slip) == w:
            a.parts, a.total, a.diff, a.status = sub, w, ZERO, "ok"
            a.tol = tolerance(ctx, sub, whole, a.slip)
            return a
    a.total = _sum(parts, a.slip)
    a.diff = a.total - w
    a.tol = tolerance(ctx, parts, whole, a.slip)
    if abs(a.diff) <= a.tol:
        a.status = "rounding"
        return a
    for n in prefixes:
        sub = parts[:n]
        if abs(_sum(sub, a.slip) - w) <= tolerance(ctx, sub, whole, a.slip):
            a.parts, a.total = sub, _sum(sub, a.slip)
            a.diff, a.status = a.total - w, "ok"
            return a
    a.status = "above" if a.diff > 0 else "below"
    return a


def analyses(ctx: "Context") -> list[ListAnalysis]:
    """Every part–whole list of the document, analysed once."""
    return ctx.memo("sums.analyses", lambda: _analyses(ctx))


def _analyses(ctx: "Context") -> list[ListAnalysis]:
    out = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for pw in ctx.tagging.part_wholes:
        key = (pw.whole, tuple(pw.parts))
        if key in seen:
            continue
        seen.add(key)
        whole = ctx.claim(pw.whole)
        parts = [ctx.claim(p) for p in pw.parts]
        source = "table" if pw.cue.startswith("table") else "text"
        if source == "table" and (not _additive_column(ctx, whole) or not _clean_table_total(ctx, pw, whole, parts)):
            continue
        out.append(analyse(ctx, pw, whole, parts, source=source, cue=pw.cue, completeness=pw.completeness))
    covered = {p.id for a in out for p in a.listed} | {a.whole.id for a in out if a.whole is not None}
    for run in sibling_runs(ctx):
        if not any(c.id in covered for c in run):
            out.append(analyse(ctx, None, None, run, source="text", cue="list", completeness="unknown"))
    return out


_SKIPPED_TOTAL_ROW = re.compile(r"合\s*计|小\s*计|总\s*计|结转|结余|弥补")


def _clean_table_total(ctx: "Context", pw: PartWhole, whole: Claim, parts: list[Claim]) -> bool:
    """A grand total whose top-level rows leave out a subtotal or a balance row above it
    (本年收入合计, 年初结转和结余 in a 收入支出决算总表) is not the sum of those rows."""
    if pw.cue != "table-total" or whole.location is None:
        return True
    t = ctx.doc.block_at(whole.span[0])
    if not isinstance(t, Table):
        return True
    layout = table_layout(t)
    rows = {p.location.row for p in parts if p.location is not None}
    for r in range(layout.header_rows, whole.location.row):
        if r not in rows and _SKIPPED_TOTAL_ROW.search(layout.row_label(r) or ""):
            return False
    return True


def _additive_column(ctx: "Context", c: Claim) -> bool:
    if c.role in ("score", "weight", "rate", "target", "grade"):
        return False
    if c.unit in ("分", "%", "％", "‰"):
        return False
    return not (c.column and NON_ADDITIVE_HEADER.search(c.column))


# --------------------------------------------------------------------------- lists without a total

_LIST_CUE = re.compile(r"(其中|分别为|分别是|包括|具体为|主要有|用于|[:：])")
_RUN_SEP = re.compile(r"^[^\d。！？!?\n]{0,40}$")


def sibling_runs(ctx: "Context") -> list[list[Claim]]:
    """Money figures listed one after another after a list cue ("分别为 A x万元、B y万元、C z元")
    with no total stated for them: at least three, separated only by their names."""
    return ctx.memo("sums.runs", lambda: _sibling_runs(ctx))


def _sibling_runs(ctx: "Context") -> list[list[Claim]]:
    text = ctx.text
    by_block: dict[int, list[Claim]] = {}
    for c in ctx.claims:
        if c.source == "text" and kind(c) == "money" and is_exact(c):
            b = ctx.doc.block_at(c.span[0])
            if isinstance(b, Paragraph):
                by_block.setdefault(b.index, []).append(c)
    runs = []
    for cs in by_block.values():
        run: list[Claim] = []
        for c in cs:
            if run and _RUN_SEP.match(text[run[-1].span[1]:c.span[0]]) and _LIST_SEP.search(text[run[-1].span[1]:c.span[0]]):
                run.append(c)
                continue
            if len(run) >= 3:
                runs.append(run)
            run = [c]
        if len(run) >= 3:
            runs.append(run)
    out = []
    for run in runs:
        b = ctx.doc.block_at(run[0].span[0])
        head = text[b.span[0]:run[0].span[0]] if b is not None else ""
        if _LIST_CUE.search(head[-30:]):
            out.append(run)
    return out


# --------------------------------------------------------------------------- ownership


def settled_lists(ctx: "Context") -> set[tuple[str, frozenset[str]]]:
    """(whole, parts) of every list JX301 / JX302 judge, for JX303 to leave alone."""
    return ctx.memo("sums.settled", lambda: {
        (a.whole.id, frozenset(p.id for p in a.listed)) for a in analyses(ctx)
        if a.whole is not None and a.status != "skip" and judged_as_sum(a)})


def judged_as_sum(a: ListAnalysis) -> bool:
    """Whether JX301 / JX302 compare this list's parts with its whole (counts only when the text
    says the list is complete: 其中 categories of counts often overlap)."""
    if a.whole is None:
        return False
    if a.source == "table":
        return True
    k = kind(a.whole)
    if k == "count":
        return a.completeness == "complete"
    return k in MEASURE_KINDS
