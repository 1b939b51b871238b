"""What the "conflicts" checks (JX401, JX202) share: the context a figure is stated in.

A figure's *identity* is more than its metric name: the same words "基本支出" name the 年初预算,
the 调整预算 and the 决算 figure; "在职人数" may be this year's or last year's; "项目支出" may be
the department's whole or the 一般公共预算 part of it; "签约项目" may be the actual count or the
上报认定数. :class:`Mention` collects what tells them apart:

* ``stage``: 预算 / 调整 / 决算 / 到位 / 支付 / 下达 / 上报认定 / 上年 / 计划 — the cue nearest before
  the figure in its sentence (or in the parenthesis it sits in), a 其中 part inheriting its
  whole's, a table cell its column's;
* ``scope``: fund types and levels (一般公共预算, 政府性基金, 中央, 省级 …) named in the sentence or
  in the headings above it;
* ``period``: the year or the part of a year named before it;
* ``key``: the metric with stage and filler words removed and synonyms mapped
  (resources/synonyms.json).

Everything here is computed once per document (``ctx.memo``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex as re

from ..extract.relations import PartWhole, sentence_bounds, synonyms, synonyms_longest_first
from ..extract.tables import table_layout
from ..model import Claim, Document, Paragraph, Section, Table
from .base import Context, claim_figure

# --------------------------------------------------------------------------- stage cues

# stage -> cue words; the cue ending nearest before a figure wins (the longer on a tie)
STAGE_CUES: dict[str, tuple[str, ...]] = {
    "reported": ("上报认定", "认定数", "上报数", "申报数"),
    "prior": ("上年度", "上年", "去年", "上一年", "同期", "比上年", "较上年"),
    "budget": ("年初预算", "年初部门预算", "年初批复", "年初", "预算数", "预算", "批复", "核定预算"),
    "adjusted": ("调整预算", "调整后预算", "调整后", "调整数", "全年预算", "追加", "调增", "调减", "变更后"),
    "final": ("决算", "执行数", "实际支出", "实际执行", "全年执行", "实际发生"),
    "received": ("到位", "到账", "实际收到", "收到"),
    "paid": ("已支付", "支付", "已拨付", "拨付", "已使用", "使用", "已发放", "兑付"),
    "allocated": ("下达", "下拨", "分配"),
    "plan": ("计划", "目标", "预期", "预计", "力争", "指标值", "任务数", "拟"),
}
# words containing a stage cue that are not one (fund types, 预算单位, 预算绩效 …)
_NOT_STAGE = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算单位|预算绩效|"
                        r"预算管理|预算编制|绩效目标|目标任务完成|使用规范|使用效益|使用效率|分配科学|按计划|计划进度|"
                        r"目标要求")
_STAGE_RE = re.compile("|".join(sorted({re.escape(w) for ws in STAGE_CUES.values() for w in ws}, key=len,
                                       reverse=True)))
_STAGE_OF = {w: s for s, ws in STAGE_CUES.items() for w in ws}

# fund types and government levels: a figure scoped by one is a part of the unscoped figure
SCOPE_WORDS = ("一般公共预算", "政府性基金", "国有资本经营", "社会保险基金", "非财政拨款", "财政拨款", "专项债",
               "中央", "省级", "自治区", "市级", "州级", "盟市", "县级", "区级", "旗县", "乡级", "本级", "其他资金",
               "自有资金", "事业收入", "经营收入", "上级补助", "配套")
_SCOPE_RE = re.compile("|".join(SCOPE_WORDS))

# metric words that make a figure relative to another (a change, a share), never a level
RELATIONAL = re.compile(r"同比|环比|增速|增幅|增长|增加|增减|减少|下降|降低|提高|提升|上升|节约|节省|"
                        r"比上年|较上年|比年初|较年初|占|比重|比例|差额|变动|超支|结余率|偏差|缺口")
# metric names too vague to name one quantity on their own
_VAGUE = {"值", "数", "涉及", "包括", "其中", "合计", "共计", "总计", "小计", "累计", "总额", "金额", "资金", "项目",
          "目标任务", "任务", "完成", "达到", "实现", "新增", "共", "计", "其他", "主要", "分别", "全年", "年度",
          "本年", "当年", "数量", "人员", "人数", "收集", "解决", "形成", "设置", "针对", "得", "得分", "分值",
          "自评得分", "总分", "评分", "权重", "满分", "目标值", "指标值", "年度指标值", "完成值", "实际完成值",
          "实际值", "目标", "预期目标", "实际完成", "完成情况", "项目资金", "专项资金", "财政资金", "补助资金",
          "经费", "项目经费", "总投资", "投资", "收入", "支出"}
# two-character metrics that name one quantity (收入 / 支出 alone may be a project's or a unit's)
_SHORT_OK = {"资产", "负债"}
# filler around a metric name: stage and period words, "数", subject words
_FILLER = re.compile(r"^(?:本部门|本单位|我单位|我部门|全年|本年度|本年|当年|年度|年末|年底|期末|"
                     r"截至目前|目前|共有|共计|合计|累计|总计|其中|现有|实有|保障|全部|核定|在册)+")
_STAGE_WORDS = re.compile(r"年初部门预算|年初预算|调整后预算|调整预算|调整后|调整数|年初|预算数|预算|决算数|决算|"
                          r"执行数|实际|批复|全年|部门|下达|下拨|到位|拨付|已使用|使用|安排|上报认定|认定")
_BALANCE_DATE = re.compile(r"年初|年末|年底|期初|期末")
_BALANCE = re.compile(r"结转|结余|余额|资产|负债|净值")
_TAIL = re.compile(r"(?:总数|总额|合计|共计|总计|数额|金额|数)$")
# 实有人数 may include retirees; keep it apart from the 在职 family it shares a synonym group with
_ON_ROLL_SOLO = re.compile(r"^(?:年末|年底)?实有人数$")

_OPEN, _CLOSE = "（(【[", "）)】]"
_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?、：:\n]")
_BRACKET_BACKWARDS = re.compile(r"(?r)[（(【\[）)】\]]")  # _OPEN, _CLOSE, searched backwards
_LAST_CLAUSE_BREAK = re.compile(r"(?r)[，,。；;！？!?、：:\n]")  # searched backwards
_BUDGET_CYCLE = re.compile(r"部门预算|预算及执行|预算执行")
_CLOSERS = re.compile(r"[）)】》]")
_METRIC_PUNCT = re.compile(r"[\s“”\"'‘’《》（）()【】：:，,、]")
_YEAR_LEAD = re.compile(r"^\d{4}年(?:度|末|底|初)?")
_TWO_HAN = re.compile(r"\p{Han}{2}")
_ASPECT_END = re.compile(r"[了着过等]$")
_SPACE_RUN = re.compile(r"\s+")
_TITLES = re.compile(r"《[^《》]*》")  # document titles name other things
_YEAR = re.compile(r"(\d{4})\s*年")
_SUB_YEAR = re.compile(r"\d{1,2}\s*(?:-|—|～|~|至)\s*\d{1,2}\s*月|上半年|下半年|第[一二三四]季度|[一二三四]季度")


@dataclass
class Mention:
    claim: Claim
    key: str  # canonical metric ("" when the figure names no quantity of its own)
    surface: str  # the metric as written, cleaned
    stage: str | None
    scope: frozenset[str]
    period: str  # "" = the report's own period
    role: str  # target | value | rate
    unit_key: str  # kind, and for counts the unit (人/名/位 -> 人)
    sentence: tuple[int, int]  # the sentence span (a table's span for a cell)
    table: int | None  # table number for a cell


# --------------------------------------------------------------------------- text helpers



def context_start(text: str, pos: int) -> int:
    """Where the context of a figure starts: its sentence, or the parenthesis it sits in."""
    return _context_start(text, pos, sentence_bounds(text, pos)[0])


def _context_start(text: str, pos: int, s: int) -> int:
    """context_start for a figure whose sentence starts at ``s``."""
    depth = 0
    for m in _BRACKET_BACKWARDS.finditer(text, s, pos):  # the brackets from ``pos`` back to ``s``
        if m.group() in _CLOSE:
            depth += 1
        elif depth == 0:
            return m.end()
        else:
            depth -= 1
    return s


# stages whose cue words only speak for the figure in their own clause (按计划完成…, 使用规范…)
_CLAUSE_ONLY = {"plan", "paid", "received", "allocated"}


@lru_cache(maxsize=4096)
def stage_in(text: str) -> str | None:
    """The stage named by the cue nearest the end of ``text`` (None: no cue)."""
    clean = _NOT_STAGE.sub(lambda m: "#" * len(m.group()), text)
    last_break = _LAST_CLAUSE_BREAK.search(clean)
    clause_start = last_break.end() if last_break else 0
    best, best_key = None, (-1, 0)
    for m in _STAGE_RE.finditer(clean):
        if _STAGE_OF[m.group()] in _CLAUSE_ONLY and m.start() < clause_start:
            continue
        k = (m.end(), len(m.group()))
        if k > best_key:
            best, best_key = _STAGE_OF[m.group()], k
    return best


@lru_cache(maxsize=4096)
def stage_of_header(header: str | None) -> str | None:
    if not header:
        return None
    h = _NOT_STAGE.sub("", header)
    for stage in ("adjusted", "final", "budget", "received", "paid", "prior", "reported", "plan"):
        if any(w in h for w in STAGE_CUES[stage]):
            return stage
    return None


def _heading_stage(doc: Document, offset: int) -> str | None:
    """The stage the figure's own heading names ("（一）预算安排情况"); chapter titles such as
    "部门预算收支情况" name the whole budget cycle, not a stage."""
    return _section_info(doc, offset)[1]


def _section_info(doc: Document, offset: int) -> tuple[list[str], str | None, frozenset[str]]:
    """(heading titles, the stage the innermost names, the scope words they name) of the
    section holding ``offset``, computed once per section."""
    memo = doc.__dict__.setdefault("_jx_conflicts_sections", {})
    key = id(doc.section_at(offset))
    info = memo.get(key)
    if info is None:
        titles = heading_titles(doc, offset)
        scope = frozenset(w for t in titles for w in _SCOPE_RE.findall(t))
        info = memo[key] = (titles, _stage_of_titles(titles), scope)
    return info


def _stage_of_titles(titles: list[str]) -> str | None:
    if not titles:
        return None
    clean = _BUDGET_CYCLE.sub("#", _NOT_STAGE.sub("#", titles[-1]))
    found = {_STAGE_OF[m.group()] for m in _STAGE_RE.finditer(clean)} - _CLAUSE_ONLY
    return found.pop() if len(found) == 1 else None


def half_unit(c: Claim) -> Decimal:
    """Half a unit of the last digit written, in the kind's base unit (rounding tolerance)."""
    q = c.quantity
    if q is None:
        return Decimal(0)
    exp = q.value.as_tuple().exponent
    step = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
    return step * q.scale / 2


def same_value(a: Claim, b: Claim) -> bool:
    """Equal up to the rounding either figure's written precision allows."""
    va, vb = a.quantity.normalized(), b.quantity.normalized()
    return abs(va - vb) <= max(half_unit(a), half_unit(b)) + Decimal("1e-9")


def figure_cell(doc: Document, c: Claim) -> bool:
    """A table cell that holds just this figure (with its comparator and unit), not a sentence."""
    block = doc.block_at(c.span[0])
    loc = c.location
    if not isinstance(block, Table) or loc is None or loc.row is None or loc.column is None:
        return False
    cell = block.cell(loc.row, loc.column).text.strip()
    return len(cell) <= len(c.text) + 4


def figure(c: Claim) -> str:
    """A figure as written; a table cell's bare number with its column's unit (800.00万元)."""
    t = c.text.strip()
    if c.source == "table" and c.unit and not t.endswith(c.unit):
        return f"{t}{c.unit}"
    return t or claim_figure(c)


def plain(surface: str) -> str:
    """A metric as written without stage and filler words (决算基本支出 -> 基本支出)."""
    return _FILLER.sub("", _STAGE_WORDS.sub("", surface)) or surface


def where(doc: Document, c: Claim) -> str:
    """Where a figure is, as an auditor finds it: the heading numbers (一、(一)2.), or the table."""
    loc = c.location
    sec = (loc.section or "").replace("/", "") if loc else ""
    if c.source == "table" and loc is not None and loc.table is not None:
        label = f"第{loc.table + 1}张表"
        return f"{sec}{label}" if sec else label
    return sec or "正文开头"


# --------------------------------------------------------------------------- metrics


@lru_cache(maxsize=1)
def _synonyms_by_last_char() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in synonyms_longest_first():
        if len(w) >= 3:
            out.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _synonyms_ending_in(ch: str) -> tuple[str, ...]:
    """Synonym surface forms of three characters or more ending in ``ch``, longest first."""
    return _synonyms_by_last_char().get(ch, ())


@lru_cache(maxsize=8192)
def metric_key(metric: str | None) -> tuple[str, str]:
    """(canonical key, cleaned surface) of a metric name; key "" when it names nothing."""
    if not metric:
        return "", ""
    s = _CLOSERS.split(metric)[-1] or metric
    s = _METRIC_PUNCT.sub("", s)
    s = _YEAR_LEAD.sub("", s)
    surface = s
    if RELATIONAL.search(s):
        return "", surface
    syn = synonyms()
    if _ON_ROLL_SOLO.match(s):
        return "实有人数", surface
    if s in syn:
        return syn[s], surface
    s = _FILLER.sub("", s) or s
    if s in syn:
        return syn[s], surface
    core = _STAGE_WORDS.sub("", s)
    core = _FILLER.sub("", core)
    core = _TAIL.sub("", core) if len(core) > 3 else core
    for cand in (core, core + "数", s):
        if cand in syn:
            return syn[cand], surface
    # "保障在职人员" / "实有在职人员": a synonym after filler words
    for w in _synonyms_ending_in(s[-1:]):
        if s.endswith(w) and not _FILLER.sub("", s[: -len(w)]):
            return syn[w], surface
    if not core or core in _VAGUE or len(core) < 2 or (len(core) == 2 and core not in _SHORT_OK):
        return "", surface
    m = _BALANCE_DATE.search(s)
    if m and _BALANCE.search(core) and m.group() not in core:
        core = m.group() + core  # 年初结转结余 and 年末结转结余 are two balances
    if not _TWO_HAN.search(core) or _ASPECT_END.search(core):
        return "", surface
    return core, surface


# --------------------------------------------------------------------------- mentions


def part_index(ctx: Context) -> dict[str, list[PartWhole]]:
    """claim id -> the part–whole relations it is a part of."""
    def make():
        out: dict[str, list[PartWhole]] = {}
        for pw in ctx.tagging.part_wholes:
            for p in pw.parts:
                out.setdefault(p, []).append(pw)
        return out

    return ctx.memo("conflicts.parts", make)


def section_chain(doc: Document, offset: int) -> list[Section]:
    """The sections containing ``offset``, outermost first (the document's title excluded)."""
    return [s for s in doc.section_chain(offset) if s.heading is not None]


def heading_titles(doc: Document, offset: int) -> list[str]:
    return [s.heading.title for s in section_chain(doc, offset)]


def mentions(ctx: Context) -> list[Mention]:
    return ctx.memo("conflicts.mentions", lambda: _mentions(ctx))


def _role(c: Claim) -> str | None:
    if c.role in ("score", "weight", "grade"):
        return None
    if c.role == "target":
        return "target"
    if c.role == "rate" or (c.quantity is not None and c.quantity.kind in ("percent", "ratio")):
        return "rate"
    return "value"


_PEOPLE = {"人", "名", "位"}


def _unit_key(c: Claim) -> str:
    q = c.quantity
    if q.kind == "count":
        return "count:" + ("人" if q.unit in _PEOPLE else (q.unit or ""))
    if q.kind in ("number",) and q.unit is None:
        return "number"
    if q.kind == "rate":
        return "rate:" + (q.unit or "")
    return q.kind


def _mentions(ctx: Context) -> list[Mention]:
    doc, text = ctx.doc, ctx.text
    parts = part_index(ctx)
    first_in_sentence: dict[tuple[int, int], int] = {}
    bounds: dict[int, tuple[int, int]] = {}
    for c in ctx.claims:
        if c.source == "table":
            continue  # a cell's "sentence" is its row: no text figure shares it
        sb = bounds.get(c.span[0])
        if sb is None:
            sb = bounds[c.span[0]] = sentence_bounds(text, c.span[0])
        first_in_sentence.setdefault(sb, c.span[0])
    out: dict[str, Mention] = {}
    for c in ctx.claims:
        if c.quantity is None:
            continue
        role = _role(c)
        if role is None:
            continue
        block = doc.block_at(c.span[0])
        if block is None:
            continue
        key, surface = metric_key(c.metric)
        scope: set[str] = set()
        table_no = None
        if isinstance(block, Table):
            if not figure_cell(doc, c):
                continue  # a figure inside a sentence of a table (偏差原因 …) names no column value
            layout = table_layout(block)
            col = c.location.column if c.location else None
            header = layout.headers[col] if col is not None and col < len(layout.headers) else c.column
            stage = stage_of_header(header)
            table_no = block.table_no
            sent = block.span
            period = _period(header or "")
        else:
            sent = bounds.get(c.span[0]) or sentence_bounds(text, c.span[0])
            cs = _context_start(text, c.span[0], sent[0])
            before = _TITLES.sub("", text[cs:c.span[0]])
            stage = stage_in(before) or _heading_stage(doc, c.span[0])
            scope |= set(_SCOPE_RE.findall(_scope_text(text, sent, c, first_in_sentence)))
            period = _period(before)
        scope |= _section_info(doc, c.span[0])[2]
        scope = {w for w in scope if w not in surface}  # 中央资金 is not scoped by 中央 again
        out[c.id] = Mention(c, key, surface, stage, frozenset(scope), period, role, _unit_key(c), sent, table_no)
    own = report_year(doc)
    for m in out.values():
        if m.period == own:
            m.period = ""
        if m.role == "target" and m.stage == "plan":
            m.stage = None  # a target is a plan already
    # a 其中 part takes the stage, scope and period of its whole when it names none itself
    for cid, m in out.items():
        for pw in parts.get(cid, ()):
            w = out.get(pw.whole)
            if w is None or pw.cue != "其中":
                continue
            if m.stage is None:
                m.stage = w.stage
            if not m.period:
                m.period = w.period
            m.scope = frozenset(x for x in m.scope | w.scope if x not in m.surface)
    return list(out.values())


def _scope_text(text: str, sent: tuple[int, int], c: Claim, first: dict[tuple[int, int], int]) -> str:
    """Where a fund type or level scoping a figure is named: the figure's own clause (without the
    metric, whose words are its name) and the lead-in of its sentence, before its first figure."""
    i = c.span[0]
    if i > sent[0]:
        m = _LAST_CLAUSE_BREAK.search(text, sent[0], i)
        i = m.end() if m else sent[0]
    clause = text[i:c.span[0]]
    if c.metric and c.metric in clause:
        clause = clause[: clause.rfind(c.metric)]
    lead = text[sent[0]: min(first.get(sent, c.span[0]), c.span[0])]
    return _TITLES.sub("", lead + "|" + clause)


@lru_cache(maxsize=4096)
def _period(before: str) -> str:
    """A sub-year period (1-6月, 上半年) or an explicit year named just before the figure."""
    tail = before[-40:]
    sub = _SUB_YEAR.findall(tail)
    if sub:
        return _SPACE_RUN.sub("", sub[-1])
    years = _YEAR.findall(tail)
    return years[-1] if years else ""


def report_year(doc: Document) -> str:
    """The year most often named in the report (its own period)."""
    counts: dict[str, int] = {}
    for y in _YEAR.findall(doc.text):
        counts[y] = counts.get(y, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else ""


# --------------------------------------------------------------------------- tables


def table_side(doc: Document, t: Table) -> str | None:
    """"income" for a 收入 table, "expenditure" for a 支出 table, None when neither or both."""
    layout = table_layout(t)
    head = "".join(layout.headers)
    labels = "".join(filter(None, (layout.row_label(r) for r in range(layout.header_rows, t.n_rows))))
    for txt in (head, labels):
        inc, exp = "收入" in txt, "支出" in txt
        if inc != exp:
            return "income" if inc else "expenditure"
    titles = heading_titles(doc, t.span[0])
    prev = _previous_paragraph(doc, t)
    for txt in ([prev] if prev else []) + list(reversed(titles)):
        inc, exp = "收入" in txt, "支出" in txt
        if inc != exp:
            return "income" if inc else "expenditure"
    return None


def _previous_paragraph(doc: Document, t: Table) -> str | None:
    for b in reversed(doc.blocks[: t.index]):
        if isinstance(b, Paragraph) and b.text.strip():
            return b.text
        if isinstance(b, Table):
            return None
    return None
