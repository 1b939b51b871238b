"""Score data shared by the scoring checks (JX601–JX606, JX651): indicator rows with their
目标 / 实际 / 分值 / 得分, the 预算执行率 row, stated totals and grades, first-level weights.

Read once per document (``scores(ctx)``): the 自评表 rows (tables and flattened tables) as
extract.indicator_tables reads them (``Tagging.tables``), categorised by the profile's words,
and what only the text states: "分值10分，得分12分", "……得5分" under a heading,
"自评得分90分，评价等级为优", 产出指标（50分）. Whether a target is met and which way it points is
judged by extract.indicators (``direction``, ``judge``); the score formula is here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex as re

from ..extract.claims import clause_before
from ..extract.indicator_tables import (
    Block,
    Fig,
    Row,
    categorized,
    dec,
    decimals,
    is_level_label,
    simp,
)
from ..extract.indicators import direction as judged_direction
from ..extract.indicators import interval, judge
from ..extract.relations import sentence_bounds
from ..model import Claim, Paragraph, Span
from .base import Context, fmt


@dataclass
class Scores:
    rows: list[Row] = field(default_factory=list)  # indicator rows, every source
    execution: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)  # stated totals (score, maybe weight/grade)
    subtotals: list[Row] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    text_weights: list[tuple[str, Fig]] = field(default_factory=list)  # 产出指标（50分）in text
    category_scores: list[tuple[str, Fig, Span]] = field(default_factory=list)  # 产出指标得分48分
    table_grades: list[tuple[Fig, int]] = field(default_factory=list)  # 自评等级 | 优, with its table
    other_framework: bool = False  # 决策 / 过程 / 投入 weights: a 财政评价-style indicator system


def scores(ctx: Context) -> Scores:
    return ctx.memo("_scores", lambda: _read(ctx))


# --------------------------------------------------------------------------- reading


def _read(ctx: Context) -> Scores:
    """The tables as extract.indicator_tables read them, categorised by the profile's words,
    then the score sentences of the text."""
    tables = categorized(ctx.tagging.tables, ctx.profile.category_of, ctx.claims)
    out = Scores(rows=tables.rows, execution=tables.execution, totals=tables.totals, subtotals=tables.subtotals,
                 blocks=tables.blocks, table_grades=tables.table_grades)
    _Sentences(ctx, out).sentences()
    return out


class _Sentences:
    def __init__(self, ctx: Context, out: Scores):
        self.ctx, self.out, self.profile = ctx, out, ctx.profile

    # ---- sentences
    def sentences(self) -> None:
        ctx, out = self.ctx, self.out
        text = ctx.text
        in_rows = [(r.span[0], r.span[1]) for r in out.rows + out.execution + out.totals]
        for p in ctx.doc.paragraphs:
            if p.is_toc:
                continue
            for m in _TEXT_LEVEL_WEIGHT.finditer(p.text):
                cat = self.profile.category_of(simp(m.group("name")))
                if cat:
                    s = p.span[0] + m.start("num")
                    out.text_weights.append((cat, Fig(m.group("num"), (s, s + len(m.group("num"))),
                                                      dec(m.group("num")), unit="分")))
            if _OTHER_FRAMEWORK.search(p.text):
                out.other_framework = True
        scores = [c for c in ctx.claims if c.role == "score" and c.source == "text" and c.value is not None
                  and not any(a <= c.span[0] < b for a, b in in_rows)]
        weights = [c for c in ctx.claims if c.role == "weight" and c.source == "text" and c.value is not None]
        n_totals = len(out.totals)
        for c in scores:
            if c.quantity is not None and (c.quantity.is_range or c.quantity.comparator not in (None, "=")):
                continue
            s0, s1 = sentence_bounds(text, c.span[0])
            clause_start, clause = clause_before(text, c.span[0])
            clause = text[max(s0, clause_start):c.span[0]]
            before = [x for x in ctx.claims if s0 <= x.span[0] < c.span[0] and x.source == "text"]
            grade = next((x for x in reversed(before) if x.role == "grade"), None)
            # 评价等级为优（得分92分）
            after_grade = grade is not None and _SCORE_AFTER_GRADE.fullmatch(text[grade.span[1]:c.span[0]])
            if after_grade or _is_total(clause, before, c.value, self.profile.full_score):
                f = Fig(c.text, c.span, c.value, claim=c)
                w = next((x for x in reversed(before)
                          if x.role == "weight" and x.value == self.profile.full_score), None)
                out.totals.append(Row("总分", (s0, s1), "text", kind="total", score=f,
                                      weight=Fig(w.text, w.span, w.value, claim=w) if w else None))
                continue
            cat_m = _CATEGORY_SCORE.search(clause)
            if cat_m and self.profile.category_of(simp(cat_m.group("name"))):
                out.category_scores.append((self.profile.category_of(simp(cat_m.group("name"))),
                                            Fig(c.text, c.span, c.value, claim=c), (s0, s1)))
                continue
            self._text_row(c, s0, s1, weights)
        # 总分100分，自评得分92分: a total equal to the full score, followed by another total in
        # the same sentence, is the weight of that one
        text_totals = out.totals[n_totals:]
        drop = []
        for a, b in zip(text_totals, text_totals[1:]):
            if a.span == b.span and a.score.value == self.profile.full_score and b.weight is None:
                b.weight = a.score
                drop.append(a)
        out.totals = [t for t in out.totals if not any(t is d for d in drop)]

    def _text_row(self, c: Claim, s0: int, s1: int, weights: list[Claim]) -> None:
        ctx = self.ctx
        text = ctx.text
        sent_weights = [w for w in weights if s0 <= w.span[0] < c.span[0]]
        weight = sent_weights[-1] if len(sent_weights) == 1 else None
        if weight is not None and _LIST_MARK.search(text[weight.span[1]:c.span[0]]):
            weight = None  # 保障机制(17分)：1)编制规划得4分 — the weight of the whole, a part's score
        own_clause = text[max(s0, clause_before(text, c.span[0])[0]):c.span[0]]
        if weight is None and not sent_weights and _BARE_SCORE_CLAUSE.match(own_clause):
            weight = self._heading_weight(c, weights)
        sent_claims = [x for x in ctx.claims if s0 <= x.span[0] < s1 and x.source == "text"]
        target = next((x for x in sent_claims if x.role == "target" and x.value is not None), None)
        actual = None
        if "分别" not in text[s0:s1]:
            # the nearest actual before the score, with no other score between them
            before = [x for x in sent_claims if x.span[0] < c.span[0]]
            for x in reversed(before):
                if x.role == "score":
                    break
                if x.role in ("actual", "count") and x.value is not None:
                    actual = x
                    break
        if actual is not None and target is None:
            link = next((lk for lk in ctx.tagging.links if lk.actual == actual.id and not lk.ambiguous), None)
            if link is not None:
                target = ctx.claim(link.target)
        sec = ctx.doc.section_at(c.span[0])
        name = (actual.metric if actual is not None and actual.metric else None) or c.metric or sec.title or ""
        chain = [s.heading.title for s in ctx.doc.section_chain(c.span[0]) if s.heading is not None]
        cat = None
        for title in chain:  # outermost first
            st = simp(title)
            if is_level_label(st) or "指标" in st or "情况" in st:
                cat = self.profile.category_of(st)
                if cat:
                    break
        para = ctx.doc.block_at(c.span[0])
        ptext = para.text if isinstance(para, Paragraph) else text[s0:s1]
        deviation = None if _REASON.search(ptext) else ""
        row = Row(name, (s0, s1), "text", category=cat, labels=tuple(chain),
                  target=_claim_fig(target), actual=_claim_fig(actual), weight=_claim_fig(weight),
                  score=_claim_fig(c), deviation=deviation, bare=bool(_BARE_SCORE_CLAUSE.match(own_clause)))
        self.out.rows.append(row)

    def _heading_weight(self, c: Claim, weights: list[Claim]) -> Claim | None:
        """"（二）群众满意度（10分）" over a section that scores one indicator."""
        sec = self.ctx.doc.section_at(c.span[0])
        if sec.heading is None:
            return None
        h = sec.heading.span
        in_head = [w for w in weights if h[0] <= w.span[0] < h[1]]
        if len(in_head) != 1:
            return None
        scores_in = [x for x in self.ctx.claims if x.role == "score" and sec.span[0] <= x.span[0] < sec.span[1]]
        return in_head[0] if len(scores_in) == 1 else None


# --------------------------------------------------------------------------- row helpers

_SCORE_AFTER_GRADE = re.compile(r"[”\"」』]?[\s，,(（]*(?:得分|总分|评分)\s*(?:为|是)?\s*[:：]?")
_LIST_MARK = re.compile(r"(?<![\d.])\d{1,2}\s*[)）、]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳]|[一二三四五六七八九十][、)）]")
_BARE_SCORE_CLAUSE = re.compile(r"^[\s，,。；;：:]*(?:目标完成|完成目标|已完成|达成目标|自评)?[，,]?\s*(?:得分|得|评分|自评得分)\s*(?:为|是)?\s*$")
_REASON = re.compile(r"原因|由于|因为|扣\s*\d|扣分|扣除|但|未能|未完成|未达到|偏差")
_TEXT_LEVEL_WEIGHT = re.compile(r"(?P<name>产出指标|产出|效益指标|效益|满意度指标|满意度|预算执行率|预算资金执行率|资金执行率|执行率)\s*[(（]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]")
_OTHER_FRAMEWORK = re.compile(r"(决策|过程|投入|项目管理|组织管理)(?:指标)?\s*[(（]?\s*\d+(?:\.\d+)?\s*分")
_CATEGORY_SCORE = re.compile(r"(?P<name>产出指标|产出|效益指标|效益|满意度指标|满意度|预算执行率|预算资金执行率|资金执行率)\s*(?:部分|类)?\s*(?:共|合计)?\s*(?:得分|得|评分)\s*(?:为|是)?\s*$")
_TOTAL_CUE = re.compile(r"(总分|总得分|自评总分|自评得分|综合得分|综合评分|评价得分|绩效得分|评价分|自评分|最终得分|得分合计|合计得分|总评分)\s*(?:为|是|达到?)?\s*[:：]?\s*$")
_STRONG_TOTAL_CUE = re.compile(r"(总分|总得分|自评总分|综合得分|综合评分|最终得分|得分合计|合计得分|总评分)\s*(?:为|是|达到?)?\s*[:：]?\s*$")


def _is_total(clause: str, before: list[Claim], value: Decimal | None = None,
              full: Decimal = Decimal(100)) -> bool:
    """A stated total score: 自评得分90分, 评价得分80.56分 — not an indicator's 自评得分20分."""
    if not _TOTAL_CUE.search(clause):
        return False
    m = _STRONG_TOTAL_CUE.search(clause)
    if m:
        # "指标体系总分100分": the full score, not a result (总得分 / 综合得分 are results)
        return not (m.group(1) == "总分" and value == full and "得" not in clause)
    if any(x.role in ("score", "weight") and x.value is not None and x.value != 100 for x in before):
        return False  # 投入25分，自评得分25分: a part's score
    if any(x.role in ("target", "actual") for x in before):
        return False  # 目标值≥90%，实际完成值≥90%，自评得分20分: an indicator's score
    return True


def _claim_fig(c: Claim | None) -> Fig | None:
    if c is None:
        return None
    return Fig(c.text, c.span, c.value, c.comparator, c.unit, claim=c)


# --------------------------------------------------------------------------- scoring helpers


def direction(row: Row, profile) -> str:
    """">=" when more is better, "<=" when less is: the row's 指标性质, else the one judgement of
    extract.indicators (the target's ≥/≤, else the reverse words of the profile's [direction])."""
    if row.direction:
        return row.direction
    cmp = row.target.comparator if row.target else None
    names = [simp(row.name)] + [simp(x) for x in row.labels]
    d, _ = judged_direction(cmp if cmp != "=" else None, names, profile)
    return "<=" if d == "down" else ">="


def quantitative(row: Row) -> bool:
    t, a = row.target, row.actual
    return (t is not None and a is not None and t.numeric and a.numeric and a.comparator in (None, "=")
            and (t.unit == a.unit or t.unit is None or a.unit is None))


def met(row: Row, profile) -> bool | None:
    """Whether a quantitative actual meets its target (None: not quantitative), judged by
    extract.indicators.judge in the row's direction."""
    t, a = row.target, row.actual
    if t is None or a is None or not (t.numeric and a.numeric):
        return None
    if t.unit and a.unit and t.unit != a.unit:
        return None
    d = direction(row, profile)
    if a.comparator not in (None, "=", d, d[0]):
        return None  # 实际 ≤5 against a target ≥10: not stated plainly
    unit = t.unit or a.unit
    tcmp = t.comparator if t.comparator in (d, d[0]) else None
    verdict = judge(interval(t.value, unit, tcmp), "up" if d == ">=" else "down",
                    interval(a.value, unit, a.comparator if a.comparator != "=" else None))
    return {"met": True, "missed": False}.get(verdict)


def formula_score(row: Row, profile) -> Decimal | None:
    """分值 × 实际/目标 (positive) or 分值 × 目标/实际 (reverse), never above 分值."""
    if not quantitative(row) or row.weight is None:
        return None
    t, a, w = row.target.value, row.actual.value, row.weight.value
    if direction(row, profile) == ">=":
        if t <= 0:
            return None
        share = a / t
    else:
        if a <= 0:
            return None
        share = t / a
    return min(w, w * share)


def shown_score(v: Decimal) -> str:
    return fmt(v.quantize(Decimal("0.01")))


def score_tolerance(ctx: Context, *figs: Fig | None) -> Decimal:
    """The configured score tolerance, at least half a unit of the finest decimal written."""
    tol = ctx.tolerance("score_points")
    d = max((decimals(f.text) for f in figs if f is not None), default=0)
    return max(tol, Decimal(5) / Decimal(10) ** (d + 1))


def label(row: Row) -> str:
    """The indicator's name for a message: “群众满意度”, or 该指标 when none is readable."""
    n = (row.name or "").strip("：:，,。 ")
    if not n or len(n) > 30 or n in ("值", "得", "得分", "自评得分"):
        return "该指标"
    return f"“{n}”"


def pts(f: Fig | Decimal | None) -> str:
    """A score as written: 9分, 8.5分."""
    if f is None:
        return "?"
    v = f.value if isinstance(f, Fig) else f
    return f"{fmt(v)}分"


def shown(f: Fig) -> str:
    """A figure as an auditor reads it (≥90%)."""
    if f.value is None:
        return f.text.strip()
    cmp = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}.get(f.comparator or "", "")
    return f"{cmp}{fmt(f.value)}{f.unit or ''}"


def rate_shown(f: Fig) -> str:
    """执行率 as written (95.8% or 0.958)."""
    return f.text


# --------------------------------------------------------------------------- grades

_GRADE_FOLLOW_OK = re.compile(r"^[”\"」』]?\s*($|[，,。；;、！!）)\s]|等|级|档|次|[(（]\s*(?:总分|得分|自评得分)?\s*\d+(?:\.\d+)?\s*分\s*[)）])")
_GRADE_BAND_AFTER = re.compile(r"^[”\"」』]?\s*[(（][^)）]{0,12}(以上|以下|[-—~～至])[^)）]{0,12}[)）]")
_GRADE_CATEGORY_AFTER = re.compile(r"^[”\"」』]?\s*(?:[(（][^)）]{0,16}[)）])?\s*的\s*(项目|单位|部门)|^[”\"」』]?\s*(?:[(（][^)）]{0,16}[)）])?\s*(项目|单位)?\s*有\s*\d")


_GRADE_CONTEXT = re.compile(r"绩效|自评|评价|评分|得分")


def grade_claims(ctx: Context) -> list[Claim]:
    """Self-assigned grades: 评价等级为“优”, 被评为优秀 — not 优良 categories
    ("等级为优良(80分以上)的项目有4个") nor awards ("被评为优秀单位")."""
    out = []
    text = ctx.text
    for c in ctx.by_role("grade"):
        after = text[c.span[1]:c.span[1] + 24]
        before = text[max(0, c.span[0] - 1):c.span[0]]
        if after[:1] in "优良中差" or before in ("优", "良"):
            continue  # 优良, 良好 run together: a range of grades
        if _GRADE_BAND_AFTER.match(after) or _GRADE_CATEGORY_AFTER.match(after):
            continue
        if not _GRADE_FOLLOW_OK.match(after):
            continue  # 优秀单位, 优秀奖 …
        if ctx.profile.grade_named(c.text.strip("“”\"")) is None:
            continue
        s0, s1 = sentence_bounds(text, c.span[0])
        if not _GRADE_CONTEXT.search(text[s0:s1]):
            continue  # 年度考核等级为优秀: not the evaluation's grade
        out.append(c)
    return out


def pts_en(f: Fig | Decimal | None) -> str:
    if f is None:
        return "?"
    v = f.value if isinstance(f, Fig) else f
    return f"{fmt(v)} points"


def execution_row_for(data: Scores, block: Block) -> Row | None:
    """The 预算执行率 row that goes with an indicator block: in the same table, else the last one
    before the block (the funds part of a 自评表 split off into a table of its own)."""
    same = [r for r in data.execution if r.table is not None and r.table == block.table]
    if same:
        return same[0] if len(same) == 1 else None
    if not block.rows:
        return None
    start = block.rows[0].span[0]
    before = [r for r in data.execution if r.span[0] < start]
    if not before:
        return None
    last = max(before, key=lambda r: r.span[0])
    later_blocks = [b for b in data.blocks if b.rows and last.span[0] < b.rows[0].span[0] < start]
    return None if later_blocks else last
