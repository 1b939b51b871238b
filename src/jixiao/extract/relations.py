"""Relations between claims: part–whole lists, target–actual links, repeated mentions."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex as re

from ..model import Claim, Document, Paragraph, Span, Table
from ..sections import parse_marker
from .claims import clause_before
from .tables import table_layout

_TOTAL_LABEL = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|总\s*额|共\s*计)\s*[:：]?\s*$")
_SUBSET_LABEL = re.compile(r"^\s*其中\s*[:：]?")
_SUB_CUE = re.compile(r"其中|(?P<enum>分别为|分别是|具体为|具体是|明细为|具体包括)")
_SENT_END = "。；;！？!?\n"
_SENT_END_AHEAD = re.compile(r"[。；;！？!?\n]")
_SENT_END_BEHIND = re.compile(r"(?r)[。；;！？!?\n]")  # searched backwards
_NAME_FILLER = re.compile(r"[\s“”\"'‘’《》（）()]")
_COMPLETE_LEAD = re.compile(r"[:：，,]?\s*(具体为|具体包括|分别为|包括|为)")
_PARTIAL_LEAD = re.compile(r"[:：，,]?\s*主要")
_SUB_YEAR = re.compile(r"月|季|半年")
ADDITIVE_KINDS = {"money", "count", "area", "length", "weight", "volume", "energy", "time", "number"}


@dataclass
class PartWhole:
    """A total and the parts a text or table says it is made of."""

    whole: str  # claim id
    parts: list[str]
    completeness: str  # complete | partial | unknown
    cue: str  # 其中 | 分别为 (具体为 …) | 合计 | table-total | table-subtotal | table-subset
    span: Span


@dataclass
class Link:
    """A target and the actual that reports on it (actual None: nothing found)."""

    target: str
    actual: str | None
    score: float
    ambiguous: bool = False
    alternatives: list[str] = field(default_factory=list)


@dataclass
class MentionGroup:
    """Mentions of one quantity: the same metric, role, unit kind and period."""

    key: str
    claims: list[str]


# --------------------------------------------------------------------------- metric matching


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Surface form -> canonical metric name (resources/synonyms.json)."""
    data = json.loads(resources.files("jixiao.resources").joinpath("synonyms.json").read_text(encoding="utf-8"))
    out = {}
    for group in data["groups"]:
        for w in group[1:]:
            out[w] = group[0]
        out[group[0]] = group[0]
    return out


@lru_cache(maxsize=1)
def synonyms_longest_first() -> tuple[str, ...]:
    """The surface forms of :func:`synonyms`, longest first (in file order on a tie)."""
    return tuple(sorted(synonyms(), key=len, reverse=True))


@lru_cache(maxsize=4096)
def canonical_metric(name: str | None) -> str:
    """Metric name with synonyms mapped to one form and filler removed (for matching only)."""
    if not name:
        return ""
    s = _NAME_FILLER.sub("", name)
    for w in synonyms_longest_first():
        if w in s:
            s = s.replace(w, synonyms()[w])
            break
    return s


def _jieba():
    from .._jieba import jieba

    return jieba()


@lru_cache(maxsize=8192)
def _tokens(s: str) -> tuple[str, ...]:
    jieba = _jieba()
    return tuple(t for t in jieba.lcut(s) if t.strip())


@lru_cache(maxsize=65536)
def metric_similarity(a: str | None, b: str | None) -> float:
    """0–100: how likely two metric names name the same indicator."""
    from rapidfuzz import fuzz

    ca, cb = canonical_metric(a), canonical_metric(b)
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 100.0
    ta, tb = " ".join(_tokens(ca)), " ".join(_tokens(cb))
    # token_set rewards one name containing the other; ratio keeps "满意度" closer to "满意度"
    # than to "机关运行满意度"; the head (last word) of a noun phrase carries the indicator.
    head = 100.0 if _tokens(ca)[-1:] == _tokens(cb)[-1:] else 0.0
    return 0.45 * fuzz.token_set_ratio(ta, tb) + 0.35 * fuzz.ratio(ca, cb) + 0.2 * head


def _unit_family(c: Claim) -> str:
    q = c.quantity
    return q.kind if q is not None else "none"


# --------------------------------------------------------------------------- part–whole


def part_wholes(doc: Document, claims: list[Claim]) -> list[PartWhole]:
    out: list[PartWhole] = []
    by_block: dict[int, list[Claim]] = {}
    for c in claims:
        if c.quantity is None:
            continue
        b = doc.block_at(c.span[0])
        if b is not None:
            by_block.setdefault(b.index, []).append(c)
    for idx, cs in by_block.items():
        b = doc.blocks[idx]
        if isinstance(b, Paragraph):
            out.extend(_text_part_wholes(b, cs))
        elif isinstance(b, Table):
            out.extend(_table_part_wholes(doc, b, cs))
    return out


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence (or clause ended by ；) around ``pos``."""
    if not 0 <= pos <= len(text):
        s = pos
        while s > 0 and text[s - 1] not in _SENT_END:
            s -= 1
        e = pos
        while e < len(text) and text[e] not in _SENT_END:
            e += 1
        return s, e
    m = _SENT_END_BEHIND.search(text, 0, pos)
    s = m.end() if m else 0
    m = _SENT_END_AHEAD.search(text, pos)
    return s, m.start() if m else len(text)


def _text_part_wholes(p: Paragraph, cs: list[Claim]) -> list[PartWhole]:
    out = []
    text, base = p.text, p.span[0]
    local = [(c.span[0] - base, c.span[1] - base, c) for c in cs if not _is_change(text, c.span[0] - base)]
    for m in _SUB_CUE.finditer(text):
        pos = m.start()
        s_start, s_end = sentence_bounds(text, pos)
        if m.group("enum"):  # "总额X，分别为：A x；B y；C z" runs over semicolons
            s_end = next((i for i in range(pos, len(text)) if text[i] in "。！？!?\n"), len(text))
        nxt = text.find("其中", m.end())
        stop = min(s_end, nxt) if nxt >= 0 else s_end
        after = _list_items(text, m.end(), [(s, c) for s, e, c in local if m.end() <= s < stop])
        if not after:
            continue
        kind = _unit_family(after[0])
        parts = [c for c in after if _unit_family(c) == kind and c.role not in ("rate",)]
        # the whole: last figure of that kind before 其中 in this sentence; when 其中 opens the
        # sentence, in the nearest of the two sentences before that holds one
        scope_start, before = s_start, []
        for _ in range(3):
            before = [c for s, e, c in local if scope_start <= s and e <= pos and _unit_family(c) == kind]
            if before or scope_start == 0 or text[scope_start:pos].strip(" ，,：:") and scope_start == s_start:
                break
            scope_start = sentence_bounds(text, scope_start - 1)[0]
        if not before or not parts:
            continue
        whole = before[-1]
        if m.group("enum") and text[whole.span[1] - base:pos].strip(" ，,。：:"):
            continue  # "A、B分别为x、y" names its own parts; only "总额X，分别为…" lists a total
        lead = text[m.end(): m.end() + 6]
        tail = text[parts[-1].span[1] - base: stop]
        if (m.group("enum") or _COMPLETE_LEAD.match(lead)) and "等" not in tail[:3]:
            completeness = "complete"
        elif "等" in tail[:3] or _PARTIAL_LEAD.match(lead):
            completeness = "partial"
        else:
            completeness = "unknown"
        out.append(PartWhole(whole.id, [c.id for c in parts], completeness, m.group("enum") or "其中",
                             (whole.span[0], parts[-1].span[1])))
    # "A x、B y，合计 z"
    for s, e, c in local:
        if not _LIST_TOTAL_CLAUSE.match(clause_before(text, s)[1]):
            continue
        s_start, _ = sentence_bounds(text, s)
        parts = [c2 for s2, e2, c2 in local if s_start <= s2 and e2 <= s - 1 and _unit_family(c2) == _unit_family(c)]
        if len(parts) >= 2 and "其中" not in text[s_start:s]:
            out.append(PartWhole(c.id, [x.id for x in parts], "complete", "合计", (parts[0].span[0], c.span[1])))
    return out


# a figure stated as a change against another period or an adjustment, not a level
_CHANGE = re.compile(r"(?:(?:同比|比上年|较上年|上年同期|比去年|较去年|环比|比年初|较年初|较\d{4}年)"
                     r"[^，,。；;]{0,12}?(?:增加|减少|下降|增长|提高|降低|节约|节省|上升|增|减)了?|调减|调增|核减|压减|"
                     r"(?:增加|减少|增长|下降)了?)\s*$")
# the clause of a list's own total: "，合计 z" "，以上共计 z" (not "实际支出共计 z")
_LIST_TOTAL_CLAUSE = re.compile(r"^\s*(?:以上|上述)?\s*(?:各项|[两二三四五六七八九十]项|[两二三四五六七八九十]类)?\s*"
                                r"(?:资金|金额)?\s*(?:合计|共计|总计|小计)\s*(?:为|金额为)?\s*[:：]?\s*$")
_RESTATED_TOTAL = re.compile(r"^\s*(?:以上|上述)?\s*(?:共计|合计|总计|共)")
# a figure named as another total or stage ends the list ("…，全年预算数为1200万元")
_OTHER_TOTAL = re.compile(r"预算数|决算数|执行数|总投资|总额|调整后|全年|累计")


def _is_change(text: str, start: int) -> bool:
    return bool(_CHANGE.search(clause_before(text, start)[1]))


def _list_items(text: str, begin: int, items: list[tuple[int, Claim]]) -> list[Claim]:
    """The items of a list that starts at ``begin``: figures in brackets ("（含…）") are details of
    the item before them, and a restated total ("共计 …") ends the list."""
    out = []
    for s, c in items:
        seg = text[begin:s]
        if seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")"):
            continue
        clause = text[max(begin, clause_before(text, s)[0]):s]
        if out and (_RESTATED_TOTAL.match(clause) or _OTHER_TOTAL.search(clause)):
            break
        out.append(c)
    return out


def _table_part_wholes(doc: Document, t: Table, cs: list[Claim]) -> list[PartWhole]:
    layout = table_layout(t)
    cell_claim: dict[tuple[int, int], Claim] = {}
    for c in cs:
        loc = c.location
        if loc is not None and loc.row is not None and loc.column is not None:
            cell_claim.setdefault((loc.row, loc.column), c)
    rows = range(layout.header_rows, t.n_rows)
    labels = {r: _first_label(t, r, layout.label_cols) for r in rows}
    out: list[PartWhole] = []

    def emit(whole_row: int, part_rows: list[int], cue: str, completeness: str):
        for col in range(t.n_cols):
            w = cell_claim.get((whole_row, col))
            ps = [cell_claim.get((r, col)) for r in part_rows]
            if w is None or len(part_rows) < 1 or any(p is None for p in ps):
                continue
            if len(ps) == 1 and cue != "table-subset":
                continue
            if _unit_family(w) not in ADDITIVE_KINDS:
                continue  # rates and percentages do not add up
            out.append(PartWhole(w.id, [p.id for p in ps], completeness, cue, (ps[0].span[0], w.span[1])))

    # grand totals: 合计 rows sum the top-level rows since the header or the previous total
    start = layout.header_rows
    for r in rows:
        if _TOTAL_LABEL.match(labels[r] or ""):
            members = [x for x in range(start, r) if not _TOTAL_LABEL.match(labels[x] or "")]
            top = _top_level_rows(members, labels)
            emit(r, top, "table-total", "complete")
            start = r + 1
    # numbered rows with deeper-numbered rows under them: 1、基本支出 = (1) + (2)
    for r in rows:
        fam = _marker_family(labels[r])
        if fam is None:
            continue
        kids = []
        for x in range(r + 1, t.n_rows):
            f2 = _marker_family(labels[x])
            if f2 is None or f2 == fam or _TOTAL_LABEL.match(labels[x] or ""):
                break
            kids.append(x)
        if len(kids) >= 2:
            emit(r, kids, "table-subtotal", "unknown")
    # 其中 rows: a subset of the row above, running until the next numbered or total row
    for r in rows:
        if not _SUBSET_LABEL.match(labels[r] or "") or r - 1 < layout.header_rows:
            continue
        kids = [r]
        for x in range(r + 1, t.n_rows):
            if _marker_family(labels[x]) or _TOTAL_LABEL.match(labels[x] or "") or not labels[x]:
                break
            kids.append(x)
        emit(r - 1, kids, "table-subset", "unknown")
    return out


def _first_label(t: Table, r: int, label_cols: list[int]) -> str | None:
    for c in label_cols:
        v = t.value(r, c).strip()
        if v:
            return v
    return None


def _marker_family(label: str | None) -> str | None:
    """Numbering family of a row label (cn, arabic, paren, circled …), None when unnumbered."""
    m = parse_marker((label or "").strip())
    return m.family.split("_")[0] if m else None


def _top_level_rows(rows: list[int], labels: dict[int, str | None]) -> list[int]:
    fams = [_marker_family(labels[r]) for r in rows]
    present = [f for f in fams if f]
    if not present:
        return [r for r in rows if not _SUBSET_LABEL.match(labels[r] or "")]
    top = present[0]
    return [r for r, f in zip(rows, fams) if f == top]


# --------------------------------------------------------------------------- target–actual


def link_targets(claims: list[Claim], threshold: float = 70.0) -> list[Link]:
    """Link every target to the actual reporting on it (same row of a table, else by metric)."""
    targets = [c for c in claims if c.role == "target" and c.quantity is not None]
    actuals = [c for c in claims if c.role == "actual" and c.quantity is not None]
    links = []
    for t in targets:
        same_row = [a for a in actuals if a.source == "table" and t.source == "table" and _same_row(a, t)]
        if same_row:
            links.append(Link(t.id, same_row[0].id, 100.0))
            continue
        scored = []
        for a in actuals:
            if _unit_family(a) != _unit_family(t):
                continue
            if t.unit and a.unit and _unit_family(t) == "count" and t.unit != a.unit:
                continue
            s = metric_similarity(_without_unit(t), _without_unit(a))
            if t.unit and t.unit == a.unit and _unit_family(t) not in ("percent", "money", "number"):
                s = min(100.0, s + 10)  # the same specific unit (人次, 亩, 公里) is evidence too
            if s >= threshold:
                scored.append((s, a))
        scored.sort(key=lambda x: (-x[0], x[1].span[0]))
        if not scored:
            links.append(Link(t.id, None, 0.0))
            continue
        best_s, best = scored[0]
        close = [a for s, a in scored[1:] if best_s - s < 5 and a.value != best.value]
        links.append(Link(t.id, best.id, round(best_s, 1), ambiguous=bool(close), alternatives=[a.id for a in close]))
    return links


def _without_unit(c: Claim) -> str | None:
    """"培训人次" for a figure in 人次 names the same thing as "培训"."""
    m = c.metric
    if m and c.unit and m.endswith(c.unit) and len(m) > len(c.unit) + 1:
        return m[: -len(c.unit)]
    return m


def _same_row(a: Claim, b: Claim) -> bool:
    la, lb = a.location, b.location
    return la is not None and lb is not None and la.table == lb.table and la.row == lb.row


# --------------------------------------------------------------------------- repeated mentions


_ROLE_CLASS = {"budget": "budget", "expenditure": "expenditure", "actual": "actual", "count": "actual",
               "target": "target", "rate": "rate", "score": "score", "weight": "weight", "other": "other"}


_GENERIC = {"合计", "总计", "小计", "共计", "总额", "其中", "其他", "项目", "得", "得分"}


def mention_groups(claims: list[Claim]) -> list[MentionGroup]:
    """Group mentions of one quantity: same canonical metric, role class, column, unit kind and
    period. Generic labels (合计, 小计 …) name nothing on their own and are left out."""
    groups: dict[str, list[str]] = {}
    for c in claims:
        if c.quantity is None or not c.metric or c.role == "grade" or c.metric in _GENERIC:
            continue
        key = "|".join([canonical_metric(c.metric), _ROLE_CLASS.get(c.role, c.role), canonical_metric(c.column),
                        _unit_family(c), _sub_year(c.period)])
        groups.setdefault(key, []).append(c.id)
    return [MentionGroup(k, v) for k, v in groups.items() if len(v) >= 2]


def _sub_year(period: str | None) -> str:
    """A period that splits the year (1-6月, 第一季度, 上半年) keeps mentions apart; a bare year
    or 全年 is the report's own period."""
    return period if period and _SUB_YEAR.search(period) else ""
