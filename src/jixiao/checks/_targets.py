"""Targets and the actuals reported on them, shared by JX101, JX102, JX701 and JX1501.

One list of :class:`Pair` per document (``target_pairs(ctx)``, memoised): an indicator's target,
the actual reported on it, the direction the target wants (more, less, exactly, within a range)
and the verdict (met, missed, unknown). Pairs come from

* 自评表 rows as extract.indicator_tables reads them (``Tagging.tables.grid_rows``: the
  indicator block of a table wherever it starts, with the comparator and unit of its 指标性质 /
  度量单位 columns), and the table records of ``Tagging.indicators`` for tables that view missed;
* one sentence that states both ("年初指标值为不低于180人，全年实际完成值164人");
* the tagger's target→actual links (``Tagging.links``), when unambiguous and strong.

Comparisons are made on normalised values (Quantity.normalized()) of the same kind only; a
percent is compared with a percent, a count with a count in the same unit (人 is not 人次).
Anything uncertain (an approximate actual, "90%以上" against "≥95%", a unitless number against a
percentage) is "unknown" and never reported. What a target wants and whether it is met is the one
judgement of extract.indicators (``direction``, ``judge``), its words the profile's [direction].
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex as re

from ..extract.claims import clause_before, section_part
from ..extract.indicator_tables import FundRow, GridRow
from ..extract.indicators import Figure, direction, interval, is_reverse, judge
from ..extract.relations import canonical_metric, metric_similarity, sentence_bounds
from ..model import Claim
from ..sections import parse_marker
from .base import Context, claim_figure, fmt

# ----------------------------------------------------------------------------- data

# The word the report uses for a target, quoted in messages; "年度指标值" when none is written.
_TARGET_LABEL = re.compile(r"(年度指标值|年初指标值|年初目标值|年度目标值|调整指标值|指标值|目标值)")
_ACTUAL_CUE = re.compile(r"(实际完成值|实际完成|实际值|完成值|实际为|实际|完成|实现|达到|达)")
_GENERIC_NAME = re.compile(r"^(实际完成值|实际完成|实际值|完成值|值|全年实际完成值|全年|实际|年初指标值|年度指标值|"
                           r"指标值|目标值|年初目标值|初目标值|目标|完成|实现|达到|达)$")
_NAME_TAIL = re.compile(r"(的)?(年度指标值|年初指标值|年初目标值|初目标值|年度目标值|调整指标值|指标值|目标值|目标|"
                        r"年度目标|计划数|计划)(为|是)?$")
_SENT_END = "。；;！？!?\n"
_SENT_END_AHEAD = re.compile(r"[。；;！？!?\n]")
_OTHER_PERIOD = re.compile(r"上年|去年|同期|比年初")
_TARGET_WORD = re.compile(r"目标|指标值|计划|任务")
_GENERIC_ACTUAL = re.compile(r"^(全年|年度|本年|当年)?(实际)?(完成|实现|达到)?值?$")
_SUB_YEAR = re.compile(r"月|季|半年")
_NOT_THIS_RESULT = re.compile(r"上年|去年|同期|比年初|计划|预计|目标|力争")
_NAME_LEAD = re.compile(r"^[，,、：:\s的]+")
_ORDINAL_LEAD = re.compile(r"^(第[一二三四五六七八九十]+|[一二三四五六七八九十]是)[，,、:：]?")
_NAME_BREAK = re.compile(r"[，,：:]")
_DIGIT = re.compile(r"\d")
_EXECUTION_ROW = re.compile(r"执行率")


# ----------------------------------------------------------------------------- figures


def figure_of(value: Decimal, unit: str | None, cmp: str | None, *, high: Decimal | None = None,
              approximate: bool = False, text: str | None = None) -> Figure:
    """The figure's interval (extract.indicators.interval) with its text for messages."""
    cmp_sign = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}.get(cmp or "", "")
    if high is not None:
        shown = text or f"{fmt(value)}{unit or ''}～{fmt(high)}{unit or ''}"
    else:
        shown = text or f"{cmp_sign}{fmt(value)}{unit or ''}"
    return interval(value, unit, cmp, high=high, approximate=approximate, text=shown)


def claim_fig(c: Claim, *, cmp: str | None = None, unit: str | None = None) -> Figure | None:
    """A claim's figure; ``cmp``/``unit`` from a row's 指标性质 / 度量单位 cells override."""
    q = c.quantity
    if q is None or c.value is None:
        return None
    u = c.unit if unit is None or c.unit else unit
    k = cmp if cmp is not None and not c.comparator else c.comparator
    text = claim_figure(c) if (u == c.unit and k == c.comparator and q.high is None) else None
    return figure_of(q.value, u, k, high=q.high, approximate=q.approximate, text=text)


def comparable(t: Figure, a: Figure, *, table: bool) -> bool:
    """Figures of the same kind in units that can be compared."""
    if t.kind != a.kind:
        return False
    if t.kind == "percent":
        return True
    if t.kind == "money":
        return True
    if t.kind == "number":
        return table and t.unit_key == a.unit_key  # bare numbers side by side in one row
    if t.kind in ("area", "length", "weight", "volume", "energy"):
        return True
    return t.unit_key == a.unit_key  # count, time, rate, score: the same unit


# ----------------------------------------------------------------------------- direction


def direction_of(tfig: Figure, names: list[str], words) -> tuple[str | None, bool]:
    """What the target wants (up / down / eq / range / None) and whether it is assumed (≥ by
    default): the one judgement of extract.indicators, the words from the scoring profile."""
    return direction(tfig.cmp, names, words, kind=tfig.kind, is_range=tfig.is_range, approximate=tfig.approximate)


# ----------------------------------------------------------------------------- pairs


@dataclass
class Pair:
    """A target and the actual reported on it."""

    name: str  # the indicator as the report names it
    source: str  # table | sentence | link
    target: Claim | None
    actual: Claim | None
    tfig: Figure | None = None
    afig: Figure | None = None
    direction: str | None = None
    verdict: str = "unknown"  # met | missed | unknown
    label: str = "年度指标值"  # what the report calls the target
    target_text: str | None = None  # as written (also qualitative)
    actual_text: str | None = None
    deviation: str | None = None  # the row's 偏差原因 cell ("" when the column is there but empty)
    has_reason_column: bool = False
    row: GridRow | None = None
    names: tuple[str, ...] = ()  # indicator levels and name (for direction words)
    reverse: bool = False  # a name says less is better (投诉率, 成本)
    by_default: bool = False  # the direction (≥) is assumed: no comparator and no telling word

    @property
    def missed(self) -> bool:
        return self.verdict == "missed"

    @property
    def severity(self) -> str:
        if self.direction in ("up", "down") and not self.by_default:
            return "error"
        if self.direction == "range" and self.afig is not None and self.tfig is not None:
            below = self.afig.high is not None and self.afig.high < self.tfig.low
            return "error" if below != self.reverse else "warning"
        return "warning"

    def key(self) -> tuple:
        return (canonical_metric(self.name), self.tfig.low if self.tfig else None,
                self.tfig.high if self.tfig else None, self.afig.low if self.afig else None)


@dataclass
class Targets:
    pairs: list[Pair]
    rows: list[GridRow]
    fund_rows: list[FundRow]
    tables_with_indicators: set[int]


def target_pairs(ctx: Context) -> list[Pair]:
    return targets(ctx).pairs


def targets(ctx: Context) -> Targets:
    return ctx.memo("_targets", lambda: _build(ctx))


def _build(ctx: Context) -> Targets:
    tables = ctx.tagging.tables
    rows, fund_rows, scanned = tables.grid_rows, tables.fund_rows, tables.grid_tables
    pairs: list[Pair] = []
    for row in rows:
        if _EXECUTION_ROW.search(row.name + "".join(row.levels)):
            continue  # 预算执行率 is scored by its own formula and checked as budget variance
        p = _pair_from_row(ctx, row)
        if p is not None:
            pairs.append(p)
    in_rows_ids = {row.claims["target"].id for row in rows if row.claims.get("target")}
    # indicator records of tables the scan above did not read
    for ind in ctx.tagging.indicators:
        if ind.source != "table" or ind.target is None or ind.target in in_rows_ids:
            continue
        t = ctx.claim(ind.target)
        a = ctx.claim(ind.actual) if ind.actual else None
        if t.location is not None and t.location.table in scanned or _EXECUTION_ROW.search(ind.name or ""):
            continue
        p = _pair(ctx, ind.name, "table", t, a, names=[ind.level1, ind.level2, ind.name],
                  table=True, target_text=ind.target_text, actual_text=ind.actual_text)
        p.deviation = ind.deviation
        pairs.append(p)
        in_rows_ids.add(t.id)
    # text: one sentence holding both, else the tagger's link
    links = {lk.target: lk for lk in ctx.tagging.links}
    for t in ctx.claims:
        if t.role != "target" or t.source != "text" or t.quantity is None or t.id in in_rows_ids:
            continue
        a = sentence_actual(ctx, t)
        src = "sentence"
        if a is None:
            lk = links.get(t.id)
            if lk is None or lk.actual is None or lk.ambiguous or lk.score < 80:
                continue
            a = ctx.claim(lk.actual)
            if not _plausible_link(ctx, t, a):
                continue
            src = "link"
        name = _text_name(ctx, t, a)
        names = [name, t.metric or ""] + _heading_words(ctx, t.span[0])
        p = _pair(ctx, name, src, t, a, names=names, table=False, target_text=t.text, actual_text=a.text)
        p.label = _label(ctx, t)
        pairs.append(p)
    # one finding per indicator: the same target and actual stated twice (text and 自评表) is one pair
    seen: set = set()
    out = []
    for p in pairs:
        k = p.key() if p.verdict == "missed" else (id(p),)
        if k in seen:
            continue
        seen.add(k)
        out.append(p)
    return Targets(out, rows, fund_rows, scanned)


def _pair(ctx: Context, name, source, t: Claim | None, a: Claim | None, *, names, table: bool,
          target_text=None, actual_text=None, cmp=None, unit=None) -> Pair:
    p = Pair(name=name, source=source, target=t, actual=a, target_text=target_text, actual_text=actual_text,
             names=tuple(n for n in names if n))
    if t is None or a is None:
        return p
    tf = claim_fig(t, cmp=cmp, unit=unit)
    af = claim_fig(a, unit=unit if a.unit is None and (tf and tf.kind != "number") else None)
    if tf is None or af is None or not comparable(tf, af, table=table):
        return p
    p.tfig, p.afig = tf, af
    p.direction, p.by_default = direction_of(tf, list(p.names), ctx.profile)
    p.reverse = is_reverse(p.names, ctx.profile)
    p.verdict = judge(tf, p.direction, af)
    return p


def _pair_from_row(ctx: Context, row: GridRow) -> Pair | None:
    t, a = row.claims.get("target"), row.claims.get("actual")
    if not row.texts.get("target"):
        return None
    cmp, unit = row.comparator, row.unit
    p = _pair(ctx, row.name, "table", t, a, names=row.levels + [row.name], table=True,
              target_text=row.texts.get("target"),
              actual_text=row.texts.get("actual"), cmp=cmp, unit=unit)
    p.row = row
    p.has_reason_column = "reason" in row.cells
    p.deviation = row.texts.get("reason") if p.has_reason_column else None
    hdr = row.texts.get("_target_header", "")
    m = _TARGET_LABEL.search(hdr)
    if m:
        p.label = m.group(1)
    return p


# ----------------------------------------------------------------------------- 自评表 scanning


# ----------------------------------------------------------------------------- text pairs



def sentence_actual(ctx: Context, t: Claim) -> Claim | None:
    """The actual stated in the target's own sentence ("…年初指标值为X，全年实际完成值Y")."""
    text = ctx.text
    s, e = sentence_bounds(text, t.span[0])
    tq = t.quantity
    later = _text_claims_from(ctx, t.span[1], e)
    for c in later:
        if c.role == "target":
            return None  # another target first: the sentence lists targets
        if c.quantity is None or c.quantity.kind != tq.kind:
            continue
        # the first figure of the same kind: the actual, when the words between say so and it
        # names no other indicator ("…≥90%，培训完成率100%" is not the 满意度's actual)
        between = text[t.span[1]:c.span[0]]
        if c.role in ("actual", "count", "other") and _ACTUAL_CUE.search(between) \
                and not _OTHER_PERIOD.search(between) and _same_indicator(t, c):
            return c
        return None
    # the actual first: "实际完成164人，低于年初指标值180人"
    earlier = [c for c in _text_claims_from(ctx, s, t.span[0] + 1) if c.span[1] <= t.span[0]]
    for c in reversed(earlier):
        if c.role == "target":
            return None
        if c.role != "actual" or c.quantity is None or c.quantity.kind != tq.kind:
            continue
        between = text[c.span[1]:t.span[0]]
        if _TARGET_WORD.search(between):
            return c
        return None
    return None


def _text_claims_from(ctx: Context, lo: int, hi: int) -> list[Claim]:
    """The text claims starting in [lo, hi), in the order of ``ctx.claims``."""
    starts, claims = ctx.memo("_targets.text_claims", lambda: _text_claim_index(ctx))
    if starts is None:
        return [c for c in claims if lo <= c.span[0] < hi]
    return claims[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _text_claim_index(ctx: Context):
    claims = [c for c in ctx.claims if c.source == "text"]
    starts = [c.span[0] for c in claims]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))
    return (starts if ordered else None), claims


def _same_indicator(t: Claim, a: Claim) -> bool:
    n = clean_name(a.metric)
    if not n or _GENERIC_NAME.match(n) or _GENERIC_ACTUAL.match(n):
        return True
    return metric_similarity(clean_name(t.metric) or t.metric, n) >= 60


def _plausible_link(ctx: Context, t: Claim, a: Claim) -> bool:
    """A linked actual that is about the same period and not a comparison with another year."""
    if t.period and a.period and _SUB_YEAR.search((t.period or "") + (a.period or "")) and t.period != a.period:
        return False
    _, clause = clause_before(ctx.text, a.span[0])
    if _NOT_THIS_RESULT.search(clause):
        return False
    return True


def _label(ctx: Context, t: Claim) -> str:
    _, clause = clause_before(ctx.text, t.span[0])
    m = _TARGET_LABEL.search(clause)
    return m.group(1) if m else "年度指标值"


def clean_name(s: str | None) -> str:
    s = (s or "").strip()
    s = _NAME_LEAD.sub("", s)
    m = parse_marker(s)
    if m:
        s = s[m.end:]
    s = _ORDINAL_LEAD.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _NAME_TAIL.sub("", s).rstrip("，,、：: 为是")
    return s.strip()


def _text_name(ctx: Context, t: Claim, a: Claim | None) -> str:
    """The indicator's name: the actual's metric when meaningful, else the target's, else the
    words that open the sentence ("大规模随意抛弃病死猪事件，年初目标值=0件")."""
    for c in ((a, t) if a is not None and a.span[0] > t.span[0] and _text_of_section_is_actual(ctx, a) else (t, a)):
        if c is None:
            continue
        n = clean_name(c.metric)
        if n and not _GENERIC_NAME.match(n) and len(n) >= 2:
            return n[-24:]
    s, _ = sentence_bounds(ctx.text, t.span[0])
    head = ctx.text[s:t.span[0]]
    parts = [clean_name(x) for x in _NAME_BREAK.split(head)]
    parts = [x for x in parts if x and not _GENERIC_NAME.match(x)]
    return parts[0][-24:] if parts else (clean_name(t.metric) or "该指标")[-24:]


def _text_of_section_is_actual(ctx: Context, c: Claim) -> bool:
    return part_at(ctx, c.span[0]) == "actual"


def part_at(ctx: Context, offset: int) -> str | None:
    """``section_part`` of the block holding ``offset``, computed once per block."""
    parts = ctx.memo("_targets.parts", dict)
    blk = ctx.doc.block_at(offset)
    key = blk.index if blk is not None else -offset - 1
    if key not in parts:
        parts[key] = section_part(ctx.doc, blk.span[0] if blk is not None else offset)
    return parts[key]


def _heading_words(ctx: Context, offset: int) -> list[str]:
    out = [s.heading.title for s in ctx.doc.section_chain(offset) if s.heading is not None]
    return out if out else [ctx.doc.section_at(offset).title or ""]


# ----------------------------------------------------------------------------- messages


def pair_message(p: Pair) -> tuple[str, str]:
    """The JX101 sentence (Chinese, English) for a missed pair."""
    a, t = p.afig.text, p.tfig.text
    if p.direction == "down" or (p.direction == "range" and p.afig.low is not None and p.afig.low > p.tfig.high):
        zh = f"{p.name}实际为{a}，超出{p.label}{t}。"
        en = f"{p.name}: the actual {a} exceeds the target {t}."
    elif p.direction == "eq":
        zh = f"{p.name}实际为{a}，与{p.label}{t}不符。"
        en = f"{p.name}: the actual {a} differs from the target {t}."
    else:
        zh = f"{p.name}实际为{a}，未达到{p.label}{t}。"
        en = f"{p.name}: the actual {a} falls short of the target {t}."
    return zh, en


def evidence_of(p: Pair) -> list:
    """The actual first (where the shortfall is reported), then the target."""
    ev = []
    for c in (p.actual, p.target):
        if c is not None:
            ev.append(c)
    return ev


# ----------------------------------------------------------------------------- reasons


_REASON_CUE = re.compile(r"原因|由于|因为|(?<![不未没免])受[^，。；]{0,20}影响|导致|造成|主要是|系因|(?<![原])因(?![此而素])[^，。；]{1,20}(未|没|不|延|推迟|暂停|调整|减少)")
_BOILERPLATE = re.compile(r"^[\s/／\\—\-－–_无暂略空否]*$|^(无|暂无|没有|不适用|无偏差|未发生偏差|无明显偏差|不存在偏差|"
                          r"已完成|已达成|达成|完成|达到预期|达到目标|已达到|全部完成|按计划完成|正常|良好)[。.]?$")


def is_boilerplate(text: str | None) -> bool:
    return text is None or bool(_BOILERPLATE.match(text.strip()))


_STOP_TOKENS = frozenset({
    "工作", "完成", "数", "项数", "数量", "情况", "任务", "指标", "保持", "达到", "实现", "全年", "年度",
    "开展", "进行", "提高", "提升", "确保", "以上", "目标", "的", "和", "及", "与", "率", "个数", "次数",
    "人数", "件数", "户数", "家数", "总额", "金额", "数额", "完成数", "实际", "园区", "全省", "全市", "全县",
    "本级", "年", "值", "计划", "预期", "力争", "前", "后", "中", "内", "按", "对", "在", "为", "共", "等", "各类", "相关", "有关"})


def metric_tokens(name: str) -> list[str]:
    """Distinctive words of an indicator name (jieba), generic ones dropped."""
    return list(_metric_tokens(name))


@lru_cache(maxsize=4096)
def _metric_tokens(name: str) -> tuple[str, ...]:
    from ..extract.relations import _tokens

    out = []
    for tok in _tokens(canonical_metric(name) or name):
        tok = tok.strip("“”\"'‘’《》（）()①②③④⑤⑥⑦⑧⑨⑩【】[]、，,：:")
        if len(tok) < 2 and tok not in ("率",) or tok in _STOP_TOKENS or _DIGIT.search(tok):
            continue
        out.append(tok)
    return tuple(out)


def mentions(tokens: list[str], sentence: str) -> bool:
    """Does a sentence talk about the indicator these tokens describe?"""
    return mentions_found(tokens, sentence)


def mentions_found(tokens, found) -> bool:
    """:func:`mentions` given what the sentence holds: the sentence itself, or the set of the
    tokens found in it."""
    if not tokens:
        return False
    hit = [t for t in tokens if t in found]
    need = max(1, -(-len(tokens) * 6 // 10))  # ceil(0.6 n)
    return len(hit) >= need and sum(len(t) for t in hit) >= 3


def sentences(text: str, start: int, end: int):
    """(start, end) of each sentence in text[start:end]."""
    i = start
    while i < end:
        m = _SENT_END_AHEAD.search(text, i, end)
        j = m.start() if m else end
        if j > i:
            yield i, j
        i = j + 1


def reason_near(ctx: Context, p: Pair) -> bool:
    """Is a cause given for a shortfall: beside the actual, or anywhere the indicator is named
    together with a cause word (原因 / 由于 / 导致 …)?"""
    text = ctx.text
    anchors = [c.span for c in (p.actual,) if c is not None and c.source == "text"]
    for s0, _ in anchors:
        blk = ctx.doc.block_at(s0)
        if blk is None:
            continue
        s, _e = sentence_bounds(text, s0)
        # the rest of the paragraph and the next one
        nxt = next((b for b in ctx.doc.blocks if b.span[0] >= blk.span[1]), None)
        end = nxt.span[1] if nxt is not None and not getattr(nxt, "heading", None) else blk.span[1]
        if _REASON_CUE.search(text[s:end]):
            return True
    toks = metric_tokens(p.name)
    for b in ctx.doc.blocks:
        if getattr(b, "is_toc", False) or b.kind != "paragraph":
            continue
        for s, e in sentences(text, *b.span):
            sent = text[s:e]
            if _REASON_CUE.search(sent) and mentions(toks, sent):
                return True
    return False


__all__ = ["Pair", "GridRow", "FundRow", "Figure", "Targets", "targets", "target_pairs", "judge", "direction_of",
           "figure_of", "claim_fig", "comparable", "pair_message", "evidence_of", "reason_near", "is_boilerplate",
           "metric_tokens", "mentions", "mentions_found", "sentences", "sentence_bounds", "clean_name", "part_at"]
