"""Claims: every figure of a report with its role, metric, comparator, period and location.

Roles come from three sources, most specific first: the table column a cell sits in (年度指标值
/ 实际完成值 / 分值 / 得分 / 年初预算数 …), cue words in the clause before the figure (目标, 完成,
决算, 执行率, 得分 …), and the part of the report the figure sits in (绩效目标 vs 完成情况).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex as re

from ..model import Claim, Document, Paragraph, Quantity, Table
from ..sections import parse_marker
from .quantities import extract_quantities
from .tables import table_layout

# Clause boundaries: a metric never reaches back over these.
_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?、：:\n【】]")
_LAST_CLAUSE_BREAK = re.compile(r"(?r)[，,。；;！？!?、：:\n【】]")  # searched backwards
# Fund types whose names contain 预算 without meaning budget-vs-actual.
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算")
_STRONG_EXPENDITURE = ("决算", "执行数", "实际支出", "实际使用", "已支付", "支付", "拨付")
_STRONG_BUDGET = ("预算", "批复", "安排资金", "下达资金", "调整数")
_LONE_CN_COUNT = re.compile(r"[一二三四五六七八九两][多余]?\D{0,3}")
_CUE_BEFORE_LONE = re.compile(r"(等|共|共计|累计|完成|达到?|新增|增加|减少|合计|总计)$")
_PERIOD = re.compile(r"(\d{4}\s*年(?:度|末|底|初)?(?:\s*\d{1,2}\s*(?:-|—|至)\s*\d{1,2}\s*月)?|\d{1,2}\s*(?:-|—|至)\s*\d{1,2}\s*月|上半年|下半年|全年|第[一二三四]季度)")
_WEIGHT_AROUND = re.compile(r"(分值|权重|满分)\s*[为:：]?\s*$")
_GRADE = re.compile(r"(?P<cue>评价等级|等级为|等级：|等级:|等次为|等次：|评定为|评为|被评为|评价结果为|自评结果为|结果为|级别为|等级)\s*[“\"「『]?(?P<g>优秀|良好|不合格|合格|较差|优|良|中|差)[”\"」』]?")
_SUBJECT = re.compile(r"^.{0,24}?(管委会|委员会|管理局|本部门|本单位|本局|我局|我单位|我部门|我委)")
_PLAN = re.compile(r"计划|预期|力争|拟|预计|目标值|指标值")
_DONE = re.compile(r"已|实际|截至|累计")
_LEAD_PUNCT = re.compile(r"^[\s\-—·*]+")
_TRAILING_CMP = re.compile(r"(大于|小于|高于|低于|不低于|不少于|不高于|不超过|超过|达到|约|近|≥|≤|>|<|=)$")
_HAN = re.compile(r"\p{Han}")
_CLOSE_PAREN_AHEAD = re.compile(r"^\s*[)）]")
_OPEN_PAREN_BEHIND = re.compile(r"[（(]\s*$")
_CHANGE = re.compile(r"(比上年|较上年|同比|环比|比年初)\S{0,4}(增加|减少|下降|增长|提高|降低|节约|节省)?$")
_PLAN_WORD = re.compile(r"(目标|计划|预期|力争|指标值|任务数)")
_REACH = re.compile(r"达到?")
_CN_NUMERAL_ONLY = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_SPACE_RUN = re.compile(r"\s+")
_GENERIC_METRIC = {"得", "得分", "计", "评分", "扣", "扣分", "分值", "共", "共计", "合计", "总计", "小计", "总额"}


@lru_cache(maxsize=1)
def cues() -> dict:
    """The cue lexicons (resources/cues.json), longest cue first within each list."""
    data = json.loads(resources.files("jixiao.resources").joinpath("cues.json").read_text(encoding="utf-8"))

    def longest_first(v):
        return sorted(v, key=len, reverse=True) if isinstance(v, list) else {k: longest_first(x) for k, x in v.items()}

    return {k: longest_first(v) for k, v in data.items() if not k.startswith("_")}


# --------------------------------------------------------------------------- context


def section_part(doc: Document, offset: int) -> str | None:
    """"target" inside a 绩效目标 part, "actual" inside a 完成情况 part, else None."""
    memo = doc.__dict__.setdefault("_jx_section_part", {})
    sec = doc.section_at(offset)
    key = id(sec)
    if key not in memo:
        memo[key] = _section_part(doc.section_chain(offset))
    return memo[key]


def _section_part(sections) -> str | None:
    part_cues = cues()["section"]
    chain = [s.heading for s in sections if s.heading is not None]
    for h in reversed(chain):  # innermost first
        if any(c in h.title for c in part_cues["actual"]):
            return "actual"
        if any(c in h.title for c in part_cues["target"]):
            return "target"
    return None


def clause_before(text: str, start: int) -> tuple[int, str]:
    """Start offset and text of the clause that ends where a figure starts."""
    m = _LAST_CLAUSE_BREAK.search(text, 0, start)
    i = m.end() if m else 0
    return i, text[i:start]


def _match_cue(s: str, words: list[str]) -> str | None:
    for w in words:
        if w in s:
            return w
    return None


def _nearest_cue(prefix: str, roles: tuple[str, ...]) -> str | None:
    """The role whose cue word ends closest to the figure (the longer cue on a tie)."""
    sent = cues()["sentence"]
    best, best_key = None, (-1, 0)
    for role in roles:
        for w in sent[role]:
            pos = prefix.rfind(w)
            if pos >= 0 and (pos + len(w), len(w)) > best_key:
                best, best_key = role, (pos + len(w), len(w))
    return best


@lru_cache(maxsize=4)
def _strip_words(key: str) -> tuple[str, ...]:
    """The cue list ``key`` as a tuple: one startswith / endswith test tells whether any applies."""
    return tuple(cues()[key])


@lru_cache(maxsize=8192)
def metric_name(prefix: str) -> str | None:
    """The indicator named in the clause before a figure (社会公众满意度, 年初部门预算收入 …)."""
    c = cues()
    s = prefix.lstrip()
    marker = parse_marker(s)
    if marker:
        s = s[marker.end:]
    s = _LEAD_PUNCT.sub("", s)
    changed = True
    while changed and s:
        changed = False
        m = _PERIOD.match(s)
        if m:
            s = s[m.end():].lstrip("，, 的")
            changed = True
        for w in c["metric_strip_prefix"] if s.startswith(_strip_words("metric_strip_prefix")) else ():
            if s.startswith(w) and len(s) > len(w):
                s = s[len(w):].lstrip("：:， ")
                changed = True
                break
    changed = True
    while changed and s:
        changed = False
        s = s.rstrip(" ：:，,的")
        for w in c["metric_strip_suffix"] if s.endswith(_strip_words("metric_strip_suffix")) else ():
            if s.endswith(w) and len(s) > len(w):
                s = s[: -len(w)]
                changed = True
                break
    s = _TRAILING_CMP.sub("", s).strip()
    # the subject and period in front of an indicator: "某某管委会2024年全年在编在岗人员"
    tail = [m.end() for m in _PERIOD.finditer(s) if m.end() < len(s) - 1]
    if tail:
        s = s[tail[-1]:].lstrip("，, 的")
    m = _SUBJECT.match(s)
    if m and len(s) - m.end() >= 2:
        s = s[m.end():]
    if not s or not _HAN.search(s):
        return None
    return s[-24:]


# --------------------------------------------------------------------------- roles


def role_in_text(q: Quantity, prefix: str, suffix: str, part: str | None) -> str:
    """Role of a figure in running text."""
    near = prefix[-12:]
    if q.unit == "分":
        if _WEIGHT_AROUND.search(near) or _CLOSE_PAREN_AHEAD.match(suffix) and _OPEN_PAREN_BEHIND.search(near):
            return "weight"
        return "score"
    if q.kind == "percent" or q.unit in ("%", "％", "‰", "个百分点"):
        rate_cue = _match_cue(clause_before(prefix, len(prefix))[1], cues()["sentence"]["rate"])
        if rate_cue:
            return "rate"
    if _CHANGE.search(near):
        return "other"  # a change against another period, not a level
    if q.kind == "money":
        _, clause = clause_before(prefix, len(prefix))
        clause = _FUND_NAMES.sub("", clause)
        if any(w in clause for w in _STRONG_EXPENDITURE):
            return "expenditure"
        if any(w in clause for w in _STRONG_BUDGET):
            return "budget"
        if "支出" in clause or "经费" in clause:
            return "expenditure"
        cue = _nearest_cue(clause, ("target", "actual"))
        if cue == "target" or part == "target":
            return "target"
        if part == "actual" or cue == "actual":
            return "actual"
        return "other"
    _, clause = clause_before(prefix, len(prefix))
    if _PLAN.search(clause) and not _DONE.search(clause):
        return "target"  # 计划完成…, 力争达到…: a plan, not a result
    cue = _nearest_cue(clause, ("target", "actual"))
    if cue == "target" and (part != "actual" or _PLAN_WORD.search(clause)):
        return "target"
    if part == "target":
        return "target"
    if part == "actual":
        return "actual"
    if q.kind == "count":
        return "count"
    if q.kind == "percent":
        return "rate" if _match_cue(prefix, cues()["sentence"]["rate"]) else "other"
    return "other"


@lru_cache(maxsize=4096)
def role_of_header(header: str) -> str | None:
    """Role a table column header gives its cells (年度指标值 -> target, 得分 -> score …)."""
    col = cues()["column"]
    best, best_len = None, 0
    for role in ("rate", "score", "weight", "target", "actual", "budget", "expenditure"):
        for w in col[role]:
            if w in header and len(w) > best_len:
                best, best_len = role, len(w)
    return best


# --------------------------------------------------------------------------- tagging


@dataclass
class _Unit:
    text: str
    offset: int
    block: Paragraph | Table
    header: str | None = None  # column header for a table cell
    row_label: str | None = None
    default_unit: str | None = None


def _extract(text: str, default_unit: str | None = None) -> list[Quantity]:
    if default_unit is None:
        return extract_quantities(text)
    return extract_quantities(text, default_unit=default_unit)


def tag_claims(doc: Document) -> list[Claim]:
    """Every claim in the document, in text order, ids c1, c2 …"""
    claims: list[Claim] = []
    for unit in iter_units(doc):
        claims.extend(_claims_in_unit(doc, unit))
    claims.extend(_grades(doc))
    claims.sort(key=lambda c: c.span)
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    return claims


_UNSET = object()


def iter_units(doc: Document):
    """Paragraphs and table cells outside the table of contents, with table context."""
    prev_para: Paragraph | None = None
    for b in doc.blocks:
        if getattr(b, "is_toc", False):
            continue
        if isinstance(b, Paragraph):
            prev_para = b
            yield _Unit(b.text, b.span[0], b)
            continue
        layout = table_layout(b, caption=prev_para.text if prev_para else None)
        for r, row in enumerate(b.rows):
            label = _UNSET  # the row's label, read once per row
            for c, cell in enumerate(row):
                if cell.origin is not None or not cell.text:
                    continue
                if r < layout.header_rows:
                    yield _Unit(cell.text, cell.span[0], b, header="__header__")
                    continue
                if label is _UNSET:
                    label = layout.row_label(r)
                yield _Unit(cell.text, cell.span[0], b, header=layout.headers[c], row_label=label,
                            default_unit=layout.units[c])


def _claims_in_unit(doc: Document, u: _Unit) -> list[Claim]:
    if u.header == "__header__":
        return []
    qs = _extract(u.text, u.default_unit)
    if not qs:
        return []
    out: list[Claim] = []
    part = section_part(doc, u.offset) if u.header is None else None  # read for running text only
    for q in qs:
        if _not_a_figure(q, u.text):
            continue
        if q.kind == "number" and q.unit is None and u.header is None:
            # a bare number in running text is a claim only when a metric names it
            _, pre = clause_before(u.text, q.span[0])
            if not metric_name(pre):
                continue
        start, end = q.span[0] + u.offset, q.span[1] + u.offset
        cstart, pre = clause_before(u.text, q.span[0])
        if u.header is not None:
            role = role_of_header(u.header) or role_of_header(u.row_label or "") or (
                "count" if q.kind == "count" else "other")
            if "收入" in u.header and role == "expenditure":
                role = "other"  # income actually received: neither a budget nor spending
            if role in ("budget", "expenditure") and q.kind not in ("money", "number"):
                role = "other"
            metric = u.row_label or metric_name(pre)
            source = "table"
        else:
            suffix = u.text[q.span[1]: q.span[1] + 6]
            role = role_in_text(q, u.text[: q.span[0]], suffix, part)
            metric = metric_name(pre)
            if role in ("score", "weight") and (not metric or metric in _GENERIC_METRIC or "目标" in metric):
                metric = doc.section_at(start).title or None  # "…，得5分" scores the section's indicator
            elif not metric or metric in _GENERIC_METRIC:
                metric = _inherited_metric(u.text, q.span[0]) or metric
            source = "text"
        period = _period(u.text[: q.span[0]])
        comparator = q.comparator
        if role != "target" and comparator == ">=" and _REACH.match(q.text):
            comparator = None  # "满意度达85%" reports 85%; only a target's 达到 is a floor
        out.append(Claim(id="", role=role, text=doc.text[start:end], span=(start, end), metric=metric,
                         comparator=comparator, value=q.value, unit=q.unit, location=doc.locate(start, end),
                         quantity=q, period=period, source=source,
                         column=u.header if source == "table" else None))
    return out


def _not_a_figure(q: Quantity, text: str) -> bool:
    """Numbers that are parts of names or idioms rather than figures an auditor checks."""
    if q.unit is None and _CN_NUMERAL_ONLY.fullmatch(q.text):
        return True  # 规划二路, 一区三园
    if q.unit is None and q.kind == "number" and q.value == q.value.to_integral_value() and 1900 <= q.value <= 2100:
        return True  # a year written without 年 ("2024合成生物大会")
    if _LONE_CN_COUNT.fullmatch(q.text) and not _CUE_BEFORE_LONE.search(text[: q.span[0]]):
        return True  # 三个高地, 二次创业, 新一轮, 一套组合拳, 二期
    return False


def _inherited_metric(text: str, start: int) -> str | None:
    """For "A、B分别为x、y" or a figure right after a comma, reach back one clause."""
    i, _ = clause_before(text, start)
    if i <= 1:
        return None
    j, pre = clause_before(text, i - 1)
    return metric_name(pre)


def _period(before: str) -> str | None:
    found = _PERIOD.findall(before[-40:])
    return _SPACE_RUN.sub("", found[-1]) if found else None


def _grades(doc: Document) -> list[Claim]:
    out = []
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or b.is_toc:
            continue
        for m in _GRADE.finditer(b.text):
            s, e = m.span("g")
            start, end = b.span[0] + s, b.span[0] + e
            out.append(Claim(id="", role="grade", text=doc.text[start:end], span=(start, end), metric="评价等级",
                             comparator=None, value=None, unit=None, location=doc.locate(start, end)))
    return out
