"""Budget figures shared by the budget checks (JX501, JX801, JX802, JX803).

Computed once per document (``ctx.memo``):

- **text figures**: every amount in running text with what it is — a budget (年初预算, 调整预算,
  批复, 下达 …), a 决算, spending (执行数, 实际支出, 支付, 拨付 …), funds received (到位), last
  year's figure (上年), or a change against another figure (比上年减少 …) — and its scope (收入 /
  支出, an item such as 基本支出), read from the cue word nearest the figure in its clause;
- **table rows**: rows of budget tables, read through their column headers (年初预算数, 调整预算数,
  全年预算数 (A), 决算数, 全年执行数 (B), 执行率 (B/A), 分值, 得分, 上年数, 增减额, 增减率, 占比);
- **pairs**: a budget and the actual figure it is compared with (one table row, or a budget and a
  决算 / spending / 到位 figure of the same scope in the same part of the text).

Everything here is about *reading*; the checks decide what is a problem.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex as re

from ..extract.relations import sentence_bounds
from ..extract.tables import is_numeric
from ..model import Claim, Paragraph, Table
from .base import Context

# --------------------------------------------------------------------------- lexicons

# Cue words for what an amount is: (word, class, strong). The cue ending nearest the figure wins;
# on a tie the longer cue ("预算支出" over "支出").
_CUES: tuple[tuple[str, str, bool], ...] = (
    ("预算执行数", "spent", True), ("执行数", "spent", True), ("执行金额", "spent", True),
    ("实际执行", "spent", True), ("执行", "spent", False), ("实际支出", "spent", True),
    ("实际使用", "spent", True), ("已使用", "spent", True), ("使用", "spent", False),
    ("已支付", "spent", True), ("支付", "spent", True), ("已拨付", "spent", True), ("拨付", "spent", True),
    ("兑付", "spent", False), ("支出", "spent", False),
    ("决算", "final", True), ("决算数", "final", True), ("决算支出", "final", True),
    ("支出决算", "final", True), ("收入决算", "final", True), ("决算收入", "final", True),
    ("预算", "budget", True), ("预算数", "budget", True), ("预算支出", "budget", True),
    ("预算收入", "budget", True), ("预算资金", "budget", True), ("批复", "budget", True),
    ("调整数", "budget", True), ("应执行数", "budget", True), ("应到位", "budget", True),
    ("下达", "budget", False), ("核定", "budget", False), ("计划投资", "budget", False),
    ("安排资金", "budget", False), ("安排", "budget", False),
    ("安排支出", "other", False),  # 安排支出: planned or spent? the text alone does not say
    ("到位", "arrived", True), ("实际到位", "arrived", True), ("到位资金", "arrived", True),
    ("收到", "arrived", True), ("到账", "arrived", True),
)
# Fund names that contain 预算 without meaning a budget figure.
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算")
_LAST_YEAR = re.compile(r"(上一?年度?|去年|前一年)(?!的?结转|的?结余|末结)")
_CHANGE_END = re.compile(
    r"(?P<v>增加|减少|增长|下降|提高|降低|节约|节省|上升|缩减|压减|调减|调增|追加|核减|增支|减支|增|减|降)"
    r"了?\s*(?:为|达|约|近)?\s*$")
_UP = ("增加", "增长", "提高", "上升", "调增", "追加", "增支", "增")
_COMPARE = re.compile(r"同比|环比|比上年|较上年|比去年|较去年|与上年|和上年|上年同期|较年初|比年初|比预算|较预算|与预算|"
                      r"(?:与|比|较|和)\s*(?:19|20)\d{2}\s*年度?")
_AGGREGATE_START = re.compile(r"^\s*(共计|合计|总计|共|计|累计)")
_CLAUSE_BREAK = "，,；;。！？!?\n：:、（()）"
_EXPLAIN = re.compile(r"主要原因|原因是|原因为|原因在于|原因：|原因:|主要是由于|主要由于|主要是因为|是由于|由于|因为|系因|"
                      r"受.{1,15}影响|导致|造成")

# Canonical items of a department budget, so "基础支出" in one place matches "基本支出" in another.
_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("人员经费", ("人员经费", "人员支出", "工资福利支出")),
    ("公用经费", ("日常公用经费", "公用经费", "商品和服务支出", "商品服务支出")),
    ("基本支出", ("基本支出", "基础支出")),
    ("项目支出", ("项目支出",)),
    ("财政拨款", ("财政拨款", "一般公共预算拨款", "一般公共预算财政拨款")),
    ("政府性基金", ("政府性基金",)),
    ("事业收入", ("事业收入",)),
    ("经营收入", ("经营收入",)),
    ("其他收入", ("其他收入",)),
    ("上年结转", ("上年结转", "年初结转", "以前年度结转")),
    ("其他资金", ("其他资金",)),
    ("三公经费", ("三公经费", "“三公”经费", "三公")),
)
_TOTAL_LABEL = re.compile(r"合\s*计|总\s*计|总\s*额|资金总额|收入合计|支出合计|^\s*共计")

_FIRST_NUMBER = re.compile(r"\d[\d,，]*(?:\.(\d+))?")
_MONEY_WORDS = re.compile(r"资金|经费|预算|决算|执行|支出|拨付|支付|收入|元|拨款")
_LIST_LEAD = re.compile(r"^(其中|包括|另有|以及|及|和)[:：，,]?")
_SPACE_RUN = re.compile(r"\s+")
_LABEL_COLUMN = re.compile(r"科目|名称|^项目|内容|类别|来源")
_FIGURE_COLUMN = re.compile(r"数|额|率|%|％")
_YEAR = re.compile(r"(19|20)\d{2}")
_FIGURE_ONLY = re.compile(r"[\d.,%\s-]+")
_AMONG_LEAD = re.compile(r"^\s*(其中|包括)\s*[:：]?\s*")
_FOUR_DIGITS = re.compile(r"(\d{4})")
_QUOTES_SPACE = re.compile(r"[“”\"'‘’\s]")
_SUBJECT_LEAD = re.compile(r"^(其中|另外|此外|全年|本年|当年|(?:19|20)\d{2}年度?)")
_TWO_HAN = re.compile(r"\p{Han}{2}")
_LAST_CLAUSE_BREAK = re.compile(r"(?r)[，,；;。！？!?\n：:、（()）]")  # _CLAUSE_BREAK, searched backwards

STAGE_LABEL = {"年初": "年初预算", "调整": "调整后预算", "全年": "全年预算", None: "预算"}


# --------------------------------------------------------------------------- small helpers


def amount(c: Claim) -> tuple[str, Decimal] | None:
    """(family, value) of an amount claim: money in 元, counts by unit; None for rates, scores,
    ranges, bounds and approximate figures."""
    q = c.quantity
    if q is None or q.is_range or q.approximate or (c.comparator and c.comparator != "="):
        return None
    if q.kind == "money":
        return "money", q.normalized()
    if q.kind == "number" and q.unit in ("万", "亿", "千"):
        return "money?", q.normalized()  # "29.6万" next to 资金: money once the context says so
    if q.kind == "number" and q.unit is None:
        return "number", q.value
    if q.kind in ("count", "area", "length", "weight", "volume", "energy"):
        return f"{q.kind}:{q.unit}", q.normalized()
    return None


def written(c: Claim) -> str:
    """A figure as the report wrote it, decimals kept ("1780.00万元"), without 达/约 words."""
    if c.value is None:
        return c.text
    cmp = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}.get(c.comparator or "", "")
    return f"{cmp}{format(c.value, 'f')}{c.unit or ''}"


def same_family(a: str, b: str) -> bool:
    money = ("money", "money?")
    return a == b or (a in money and b in money)


def is_percent(c: Claim) -> bool:
    return c.quantity is not None and c.unit in ("%", "％") and not c.quantity.is_range


def half_ulp(text: str) -> Decimal:
    """Half a unit of the last written decimal of a number as written ("97%" -> 0.5)."""
    m = _FIRST_NUMBER.search(text)
    if not m or not m.group(1):
        return Decimal("0.5")
    return Decimal(5) / (Decimal(10) ** (len(m.group(1)) + 1))


def pct(v: Decimal, places: int = 1) -> str:
    """A ratio (fraction) as a percentage with ``places`` decimals: 0.7999 -> "80.0%"."""
    q = Decimal(1).scaleb(-places)
    return f"{(v * 100).quantize(q)}%"


def decimals_of(text: str) -> int:
    m = _FIRST_NUMBER.search(text)
    return len(m.group(1)) if m and m.group(1) else 0


def explained(text: str) -> bool:
    return bool(_EXPLAIN.search(text))


@lru_cache(maxsize=4096)
def canonical_item(name: str | None) -> str | None:
    if not name:
        return None
    for canon, words in _ITEMS:
        if any(w in name for w in words):
            return canon
    return None


def _mask_funds(s: str) -> str:
    return _FUND_NAMES.sub(lambda m: m.group()[:-2] + "■■", s)


@lru_cache(maxsize=4096)
def nearest_cue(clause: str) -> tuple[str, bool] | None:
    """The class of the cue word ending nearest the end of ``clause`` (a figure follows it)."""
    s = _mask_funds(clause)
    best, key = None, (-1, 0)
    for word, cls, strong in _CUES:
        pos = s.rfind(word)
        if pos >= 0 and (pos + len(word), len(word)) > key:
            best, key = (cls, strong), (pos + len(word), len(word))
    return best


@lru_cache(maxsize=4096)
def scope_of(s: str) -> str | None:
    s = _mask_funds(s)
    i, e = s.rfind("收入"), max(s.rfind(w) for w in ("支出", "经费", "执行", "支付", "拨付"))
    if i < 0 and e < 0:
        return None
    return "收入" if i > e else "支出"


# --------------------------------------------------------------------------- text figures


@dataclass
class Fig:
    """An amount in running text and what its words say it is."""

    claim: Claim
    cls: str  # budget | final | spent | arrived | last | change | other
    strong: bool
    stage: str | None  # 年初 | 调整 | 全年 (budgets)
    scope: str | None  # 收入 | 支出
    item: str | None  # canonical item, or the name of a listed part
    part: bool  # listed under a 其中 / 包括 total
    paren: bool  # inside brackets: (含…)
    family: str
    value: Decimal
    block: int
    clause: str  # the words before the figure in its clause
    direction: int = 0  # a change: +1 up, -1 down
    compared: bool = False  # a change stated against another period or the budget (比上年 …)


@dataclass
class TextIndex:
    figs: dict[str, Fig]  # claim id -> figure
    by_block: dict[int, list[Fig]]  # block index -> figures in text order
    whole_of: dict[str, str]  # part claim id -> whole claim id


def _clause(text: str, pos: int) -> tuple[int, str]:
    if pos <= 0:
        return pos, text[pos:pos]
    m = _LAST_CLAUSE_BREAK.search(text, 0, pos)
    i = m.end() if m else 0
    return i, text[i:pos]



def _in_brackets(text: str, pos: int) -> bool:
    s, _ = sentence_bounds(text, pos)
    before = text[s:pos]
    if "(" not in before and "（" not in before:
        return False
    depth = 0
    for ch in before:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth > 0


def text_index(ctx: Context) -> TextIndex:
    return ctx.memo("budget.text_index", lambda: _text_index(ctx))


def _text_index(ctx: Context) -> TextIndex:
    doc = ctx.doc
    whole_of: dict[str, str] = {}
    for pw in ctx.tagging.part_wholes:
        for p in pw.parts:
            whole_of.setdefault(p, pw.whole)
    figs: dict[str, Fig] = {}
    by_block: dict[int, list[Fig]] = {}
    for c in ctx.claims:
        if c.source != "text" or c.quantity is None:
            continue
        am = amount(c)
        if am is None:
            continue
        block = doc.block_at(c.span[0])
        if not isinstance(block, Paragraph) or block.is_toc:
            continue
        text, base = block.text, block.span[0]
        start = c.span[0] - base
        family, value = am
        cstart, clause = _clause(text, start)
        if family == "money?":
            family = "money" if _MONEY_WORDS.search(text) else "number"
        if family == "number":
            continue
        if not nearest_cue(clause) and _AGGREGATE_START.match(clause) and cstart > 0:
            _, prev = _clause(text, cstart - 1)
            clause = prev + "，" + clause
        s_start, _ = sentence_bounds(text, start)
        sentence_before = text[s_start:start]
        cls, strong, direction, compared = "other", False, 0, False
        m = _CHANGE_END.search(clause)
        if m:
            cls, strong = "change", True
            direction = 1 if m.group("v") in _UP else -1
            compared = bool(_COMPARE.search(sentence_before))
        elif _LAST_YEAR.search(clause):
            cls, strong = "last", True
        else:
            cue = nearest_cue(clause)
            if cue:
                cls, strong = cue
        stage = None
        if cls == "budget":
            stage = "调整" if "调整" in clause else "年初" if "年初" in clause else "全年" if "全年" in clause else None
        scope = scope_of(clause)
        item = canonical_item(_mask_funds(clause)) or canonical_item(clause)
        f = Fig(c, cls, strong, stage, scope, item, c.id in whole_of, _in_brackets(text, start), family, value,
                block.index, clause, direction, compared)
        figs[c.id] = f
        by_block.setdefault(block.index, []).append(f)
    # parts take what their total is (a budget, a 决算 …) unless their own words say otherwise
    for f in figs.values():
        w = figs.get(whole_of.get(f.claim.id, ""))
        if w is None:
            continue
        if (not f.strong or f.cls == "other") and w.cls in ("budget", "final", "spent", "arrived") \
                and f.cls not in ("change", "last"):
            f.cls, f.strong, f.stage = w.cls, w.strong, w.stage
        if f.scope is None:
            f.scope = w.scope
        if f.item is None:
            f.item = _part_name(f.claim)
    for fs in by_block.values():
        fs.sort(key=lambda f: f.claim.span)
    return TextIndex(figs, by_block, whole_of)


def _part_name(c: Claim) -> str | None:
    m = c.metric or ""
    m = _LIST_LEAD.sub("", m)
    return m or None


# --------------------------------------------------------------------------- table rows

_COL_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("change_rate", re.compile(r"增减率|增长率|变动率|增幅|增减幅度|变动幅度|增减%|增减（%）|增减\(%\)")),
    ("rate", re.compile(r"执行率|执行进度|完成率|到位率|支付率|决算数为.*%|为预算的")),
    ("share", re.compile(r"占比|比重|所占比例|占.*比例|^比例|构成")),
    ("weight", re.compile(r"分值|权重|满分")),
    ("score", re.compile(r"得分|评分")),
    ("change", re.compile(r"增减额|增减金额|变动额|增减变动|^增减|增[（(]?[+＋]?[）)]?减")),
    ("last", re.compile(r"上年|去年|上一年|上年度")),
    ("initial", re.compile(r"年初预算|年初批复|年初数")),
    ("adjusted", re.compile(r"调整后预算|调整预算|调整数|调整后")),
    ("budget", re.compile(r"全年预算|预算数|预算金额|预算|批复数|下达数|计划数")),
    ("final", re.compile(r"决算")),
    ("spent", re.compile(r"执行数|实际支出|支出数|实际执行|全年执行|使用数|支付数|拨付数")),
    ("current", re.compile(r"本年|本期|当年")),
)
MONEY_ROLES = ("initial", "adjusted", "budget", "final", "spent")
_UNIT_DECL = re.compile(r"[（(]\s*(?:单位[:：]\s*|金额[:：]\s*)?(?P<u>万元|亿元|千元|元)\s*[）)]|单位[:：]\s*(?P<u>万元|亿元|千元|元)")
_STOP_LABEL = re.compile(r"目标|指标|绩效|说明|备注|注[:：]|评价")


@lru_cache(maxsize=4096)
def column_role(header: str) -> str | None:
    h = _SPACE_RUN.sub("", header or "")
    if not h or (_LABEL_COLUMN.search(h) and not _FIGURE_COLUMN.search(h)):
        return None  # a label column (预算科目, 项目资金（万元）), not figures
    for role, pat in _COL_RULES:
        if pat.search(h):
            return role
    return None


@dataclass
class Row:
    """One data row of a budget table, its cells by column role."""

    table: Table
    row: int
    label: str
    scope: str | None
    item: str | None
    total: bool
    cells: dict[str, Claim] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # role -> cell text (also when no number)
    headers: dict[str, str] = field(default_factory=dict)  # role -> column header
    columns: dict[str, int] = field(default_factory=dict)  # role -> column index
    unit: str = ""  # the money unit a header or label declares (项目资金（万元）), for display

    def figure(self, role: str) -> str:
        """A cell's figure as an auditor writes it, with the unit the table declares."""
        c = self.cells[role]
        return written(c) if c.unit else format(c.value, "f") + (self.unit if role in MONEY_ROLES else "")

    def value(self, role: str) -> Decimal | None:
        c = self.cells.get(role)
        if c is None or c.quantity is None:
            return None
        return c.quantity.normalized() if c.unit else c.value


def table_rows(ctx: Context) -> list[Row]:
    return ctx.memo("budget.table_rows", lambda: _table_rows(ctx))


def _cell_claims(ctx: Context) -> dict[tuple[int, int, int], Claim]:
    out = {}
    for c in ctx.claims:
        loc = c.location
        if c.source == "table" and loc is not None and loc.table is not None and loc.row is not None:
            out.setdefault((loc.table, loc.row, loc.column), c)
    return out


def _table_rows(ctx: Context) -> list[Row]:
    by_cell = _cell_claims(ctx)
    out: list[Row] = []
    for t in ctx.doc.tables:
        if t.is_toc:
            continue
        caption = _caption(ctx, t)
        n_cols = t.n_cols
        row_roles: dict[int, dict[int, str | None]] = {}
        r = 0
        while r < t.n_rows:
            roles = dict(_roles_at(t, n_cols, row_roles, r))  # (_years_to_last may change this copy)
            money_cols = {c for c, ro in roles.items() if ro in MONEY_ROLES}
            distinct = {roles[c] for c in money_cols}
            if len(distinct) < 2 and not (distinct and any(ro in ("rate", "last", "change", "change_rate", "share")
                                                            for ro in roles.values())):
                r += 1
                continue
            if any(is_numeric(t.value(r, c)) for c in money_cols):
                r += 1
                continue
            # a header row: read the data rows under it
            _years_to_last(t, r, roles)
            first_role_col = min(c for c, ro in roles.items() if ro)
            header_scope = scope_of("".join(t.value(r, c) for c in money_cols))
            um = _UNIT_DECL.search(" ".join(t.value(r, c) for c in range(n_cols)) + " " + caption)
            blanks = 0
            x = r + 1
            while x < t.n_rows:
                label = _row_label(t, x, first_role_col)
                nums = [c for c, ro in roles.items() if ro and (t.table_no, x, c) in by_cell]
                if _STOP_LABEL.search(label) and not nums:
                    break
                next_roles = set(_roles_at(t, n_cols, row_roles, x).values())
                if len(next_roles & set(MONEY_ROLES)) >= 2 and not nums:
                    break  # another header row
                if not nums:
                    blanks += 1
                    if blanks >= 2:
                        break
                    x += 1
                    continue
                blanks = 0
                row = Row(t, x, label, None, None, bool(_TOTAL_LABEL.search(label)))
                lm = _UNIT_DECL.search(" ".join(t.value(x, c) for c in range(first_role_col)))
                row.unit = (lm or um).group("u") if (lm or um) else ""
                for c, ro in roles.items():
                    if not ro or ro in row.columns:
                        continue
                    row.columns[ro] = c
                    row.headers[ro] = t.value(r, c)
                    row.texts[ro] = t.value(x, c).strip()
                    cl = by_cell.get((t.table_no, x, c))
                    if cl is not None:
                        row.cells[ro] = cl
                row.scope = scope_of(label) or header_scope or scope_of(caption)
                row.item = canonical_item(label) or (None if row.total else label.strip() or None)
                out.append(row)
                x += 1
            r = x
    return out


def _roles_at(t: Table, n_cols: int, cache: dict[int, dict[int, str | None]], r: int) -> dict[int, str | None]:
    """Column -> role that row ``r``'s texts give as headers (computed once per row, in ``cache``)."""
    found = cache.get(r)
    if found is None:
        found = cache[r] = {c: column_role(t.value(r, c)) for c in range(n_cols)}
    return found


def _years_to_last(t: Table, r: int, roles: dict[int, str | None]) -> None:
    """Two columns of one kind told apart by year (2023年决算数, 2024年决算数): the older is last
    year's."""
    by_role: dict[str, list[tuple[int, int]]] = {}
    for c, ro in roles.items():
        m = _YEAR.search(t.value(r, c))
        if ro in MONEY_ROLES and m:
            by_role.setdefault(ro, []).append((int(m.group()), c))
    for ro, cols in by_role.items():
        if len(cols) == 2 and cols[0][0] != cols[1][0]:
            roles[min(cols)[1]] = "last"


def _row_label(t: Table, r: int, before: int) -> str:
    parts = []
    for c in range(before):
        v = t.value(r, c).strip()
        if v and not _FIGURE_ONLY.fullmatch(v) and v not in parts:
            parts.append(v)
    label = parts[-1] if parts else ""
    return _AMONG_LEAD.sub("", label)


def _caption(ctx: Context, t: Table) -> str:
    """The section title and the paragraph right before a table (决算数与年初预算数对比表 …)."""
    sec = ctx.doc.section_at(t.span[0]).title or ""
    prev = ""
    if t.index > 0 and isinstance(ctx.doc.blocks[t.index - 1], Paragraph):
        prev = ctx.doc.blocks[t.index - 1].text
    return sec + " " + prev


def row_fraction(row: Row) -> tuple[Decimal, str] | None:
    """A row's stated rate as a fraction, and how it was written (percent or fraction)."""
    c = row.cells.get("rate")
    if c is None or c.quantity is None or c.quantity.is_range:
        return None
    if c.unit in ("%", "％"):
        return c.value / 100, "percent"
    if c.unit is None and c.quantity.kind == "number":
        if c.value <= Decimal("1.5"):
            return c.value, "fraction"
        if c.value <= 300:
            return c.value / 100, "percent"
    return None


def row_misaligned(row: Row) -> bool:
    """Cells that cannot be what their column says: a row flattened out of line, or amounts in
    different units (one cell written in 元 in a 万元 table is a unit slip, JX202's to report)."""
    units = {row.cells[ro].unit for ro in MONEY_ROLES if ro in row.cells}
    if len(units) > 1:
        return True
    for ro in MONEY_ROLES:
        c = row.cells.get(ro)
        if c is not None and (is_percent(c) or c.unit == "分"):
            return True
    w = row.cells.get("weight")
    if w is not None and (is_percent(w) or (w.value is not None and w.value > 100)):
        return True
    r = row.cells.get("rate")
    if r is not None and r.unit not in (None, "%", "％"):
        return True
    return False


# --------------------------------------------------------------------------- pairs


@dataclass
class Pair:
    """A budget and an actual figure of the same scope."""

    actual: Claim
    kind: str  # final | spent | arrived
    budget: Claim  # the budget in force (调整 > 全年 > 年初)
    stage: str | None
    scope: str | None
    item: str | None
    total: bool
    source: str  # text | table
    group: tuple  # pairs of one table / one section
    initial: Claim | None = None  # the 年初 budget when the pair is against an adjusted one
    row: Row | None = None
    strong: bool = True

    def ratio(self) -> Decimal | None:
        b, a = value_of(self.budget), value_of(self.actual)
        if b is None or a is None or b <= 0:
            return None
        return a / b


def value_of(c: Claim | None) -> Decimal | None:
    """A claim's value in its kind's base unit (元 for money) when it has a unit, else as written."""
    if c is None or c.quantity is None:
        return None
    return c.quantity.normalized() if c.unit else c.value


def pairs(ctx: Context) -> list[Pair]:
    return ctx.memo("budget.pairs", lambda: _table_pairs(ctx) + _text_pairs(ctx))


_STAGE_ORDER = {"调整": 0, "全年": 1, None: 2, "年初": 3}


def _table_pairs(ctx: Context) -> list[Pair]:
    out = []
    for row in table_rows(ctx):
        if row_misaligned(row):
            continue
        for kind in ("final", "spent"):
            a = row.cells.get(kind)
            if a is None:
                continue
            budgets = [(ro, row.cells[ro]) for ro in ("adjusted", "budget", "initial") if ro in row.cells]
            if not budgets:
                continue
            ro, b = budgets[0]
            stage = {"adjusted": "调整", "budget": "全年" if "全年" in row.headers.get(ro, "") else None,
                     "initial": "年初"}[ro]
            initial = row.cells.get("initial") if ro != "initial" else None
            out.append(Pair(a, kind, b, stage, row.scope, row.item, row.total, "table",
                            ("table", row.table.table_no), initial=initial, row=row))
    return out


def _text_pairs(ctx: Context) -> list[Pair]:
    idx = text_index(ctx)
    doc = ctx.doc
    out = []
    blocks = sorted(idx.by_block)
    for bi in blocks:
        for a in idx.by_block[bi]:
            if a.cls not in ("final", "spent", "arrived") or a.paren or a.family != "money":
                continue
            sec = doc.section_at(a.claim.span[0])
            cands = []
            for bj in blocks:
                if bj < bi - 3 or bj > bi:
                    continue
                for b in idx.by_block[bj]:
                    if b.cls != "budget" or b.paren or b.family != "money":
                        continue
                    if doc.section_at(b.claim.span[0]) is not sec:
                        continue
                    if bj == bi and b.claim.span[0] > a.claim.span[0]:
                        continue
                    if not _compatible(a, b):
                        continue
                    cands.append(b)
            if not cands:
                continue
            cands.sort(key=lambda b: b.claim.span[0], reverse=True)  # nearest first
            # the budgets of one statement (the nearest one's paragraph): the one in force first
            near = [x for x in cands[:3] if x.block == cands[0].block]
            b = sorted(near, key=lambda x: _STAGE_ORDER.get(x.stage, 2))[0]
            initial = next((x.claim for x in near if x.stage == "年初" and x is not b), None)
            out.append(Pair(a.claim, a.cls, b.claim, b.stage, a.scope or b.scope, a.item, not a.part, "text",
                            ("text", id(sec)), initial=initial, strong=a.strong and b.strong))
    return out


_SUBJECT_NOISE = re.compile(
    r"(?:19|20)\d{2}\s*年度?|\d{1,2}\s*月(?:底|末|\d{1,2}日)?|截[至止][^，,]*?(?=[\p{Han}])|"
    r"年初|年中|年末|年底|调整后?|全年|当年|本年度?|本期|本部门|本单位|我单位|我部门|我局|部门|单位|"
    r"预算执行数|执行数|执行金额|实际执行|执行|实际支出|实际使用|已使用|使用|已支付|支付|已拨付|拨付|兑付|支出|"
    r"决算数?|预算数?|批复|调整数|应执行数|应到位|下达|核定|计划投资|安排资金|安排|实际到位|到位资金|到位|收到|到账|"
    r"项目资金|资金总额|资金|经费|金额|总额|数额|共计|合计|总计|累计|实际|其中|完成|已|共|计|为|是|达到?|了|的|后|"
    r"[\s，,：:“”\"'（）()]")


def subject_of(f: Fig) -> str:
    """What a figure is an amount of, once its cue, period and filler words are gone ("A项目"),
    "" for the unit's own budget or spending."""
    return _SUBJECT_NOISE.sub("", _mask_funds(f.clause)).replace("■", "")


def _compatible(a: Fig, b: Fig) -> bool:
    if a.scope and b.scope and a.scope != b.scope:
        return False
    if not (a.item and b.item):  # canonical items (基础支出 = 基本支出) are matched below
        sa, sb = subject_of(a), subject_of(b)
        if sa and sa not in sb:
            return False  # the spending of one thing against the budget of another
    if a.part != b.part:
        return False
    if a.part and (not a.item or a.item != b.item):
        return False
    if not a.part and (a.item or b.item) and a.item != b.item:
        return False
    pa, pb = _year(a.claim.period), _year(b.claim.period)
    if pa and pb and pa != pb:
        return False
    return True


def _year(period: str | None) -> str | None:
    m = _FOUR_DIGITS.match(period or "")
    return m.group(1) if m else None


def nearby_text(ctx: Context, span: tuple[int, int], after_blocks: int = 2) -> str:
    """The text of the paragraph holding ``span`` from the figure on, and of the next paragraphs
    of the same section (where a report explains a figure)."""
    doc = ctx.doc
    block = doc.block_at(span[0])
    if block is None:
        return ""
    parts = []
    if isinstance(block, Paragraph):
        parts.append(doc.text[span[0]:block.span[1]])
    sec = doc.section_at(span[0])
    for b in doc.blocks[block.index + 1: block.index + 1 + after_blocks]:
        if isinstance(b, Paragraph) and b.heading is None and doc.section_at(b.span[0]) is sec:
            parts.append(b.text)
        elif isinstance(b, Paragraph) and b.heading is not None:
            break
    return "\n".join(parts)


# --------------------------------------------------------------------------- changes against last year

_RATE_VERB = re.compile(
    r"(?P<v>增长率|下降率|增长|下降|增加|减少|提高|降低|上升|增幅|降幅|增速|减幅|增|减|降)了?\s*(?:为|达到?|约|近)?\s*$")
_DOWN_RATE = ("下降率", "下降", "减少", "降低", "降幅", "减幅", "减", "降")


@dataclass
class Change:
    """A statement of change against last year: this year's figure, last year's, the change amount
    and the change rate, as far as the text gives them."""

    block: int
    current: Fig | None
    last: Fig | None
    amount: Fig | None  # the stated change amount (比上年增加 X万元)
    rate: Claim | None  # the stated change rate (增长 r%)
    rate_dir: int  # +1 up / -1 down / 0 unknown (from the rate's own verb)
    amount_dir: int
    rate_word: str = ""
    amount_word: str = ""


def rate_clause(ctx: Context, c: Claim) -> tuple[str, str]:
    """The clause before a figure (within its sentence) and the sentence up to the figure."""
    block = ctx.doc.block_at(c.span[0])
    if block is None or not isinstance(block, Paragraph):
        return "", ""
    text, start = block.text, c.span[0] - block.span[0]
    i = start
    while i > 0 and text[i - 1] not in "，,；;。！？!?\n、":
        i -= 1
    s, _ = sentence_bounds(text, start)
    return text[i:start], text[s:start]


_SUBJECT_CUT = re.compile(r"(同比|环比|比上年|较上年|比去年|较去年|与上年相比|和上年相比|(?:与|比|较|和)\s*(?:19|20)\d{2}\s*年度?(?:相比)?"
                          r"|上年同期|比|较).*$")


def _change_subject(clause: str) -> str:
    """What a change statement is about: the words before 较上年 / 同比 / the change verb
    ("“三公”经费较上年减少" -> "三公经费")."""
    s = _SUBJECT_CUT.sub("", clause)
    s = _CHANGE_END.sub("", s)
    s = _QUOTES_SPACE.sub("", s)
    s = _SUBJECT_LEAD.sub("", s)
    return s if len(s) >= 2 and _TWO_HAN.search(s) else ""


def _names(f: Fig, subject: str) -> bool:
    metric = _QUOTES_SPACE.sub("", f.claim.metric or "")
    if not metric:
        return False
    canon = canonical_item(subject)
    return subject in metric or metric.endswith(subject) or (canon is not None and canon == canonical_item(metric))


def changes(ctx: Context) -> list[Change]:
    return ctx.memo("budget.changes", lambda: _changes(ctx))


def _changes(ctx: Context) -> list[Change]:
    idx = text_index(ctx)
    doc = ctx.doc
    out: list[Change] = []
    rate_claims: dict[int, list[Claim]] = {}
    for c in ctx.claims:
        if c.source != "text" or not is_percent(c) or c.role == "target":
            continue
        if c.comparator and c.comparator != "=":
            continue
        clause, sentence = rate_clause(ctx, c)
        if not _RATE_VERB.search(clause):
            continue
        blk = doc.block_at(c.span[0])
        rate_claims.setdefault(blk.index, []).append(c)
    blocks = set(idx.by_block) | set(rate_claims)
    for bi in sorted(blocks):
        figs = idx.by_block.get(bi, [])
        block = doc.blocks[bi]
        text, base = block.text, block.span[0]
        used_rates: set[str] = set()
        items: list[tuple[Fig | None, Claim | None]] = []
        for f in figs:
            if f.cls != "change":
                continue
            s, e = sentence_bounds(text, f.claim.span[0] - base)
            lasts = [g for g in figs if g.cls == "last" and s <= g.claim.span[0] - base < e]
            if not f.compared and not lasts:
                continue
            # a rate right after the amount, in the same sentence, describes the same change
            rate = next((r for r in rate_claims.get(bi, []) if f.claim.span[1] <= r.span[0] < base + e
                         and r.id not in used_rates
                         and not any(g.cls == "change" and f.claim.span[1] <= g.claim.span[0] < r.span[0]
                                     for g in figs)), None)
            if rate is not None:
                used_rates.add(rate.id)
            items.append((f, rate))
        for r in rate_claims.get(bi, []):
            if r.id in used_rates:
                continue
            clause, sentence = rate_clause(ctx, r)
            s, e = sentence_bounds(text, r.span[0] - base)
            lasts = [g for g in figs if g.cls == "last" and s <= g.claim.span[0] - base < e]
            if not _COMPARE.search(sentence) and not lasts:
                continue
            items.append((None, r))
        for amt, rate in items:
            first = amt.claim if amt is not None else rate
            s, e = sentence_bounds(text, first.span[0] - base)
            family = amt.family if amt is not None else None
            last = next((g for g in reversed(figs) if g.cls == "last" and not g.paren
                         and s <= g.claim.span[0] - base < e and (family is None or same_family(g.family, family))),
                        None)
            if family is None and last is not None:
                family = last.family
            cur = None
            if family is not None:
                pool = [g for g in reversed(figs) if g.claim.span[0] < first.span[0]
                        and g.cls not in ("change", "last") and not g.paren
                        and same_family(g.family, family) and (last is None or g is not last)]
                subject = _change_subject(amt.clause if amt is not None else rate_clause(ctx, rate)[0])
                named = [g for g in pool if subject and _names(g, subject)]
                cur = named[0] if named else (pool[0] if pool else None)
            rate_dir, rate_word = 0, ""
            if rate is not None:
                m = _RATE_VERB.search(rate_clause(ctx, rate)[0])
                rate_word = m.group("v")
                rate_dir = -1 if rate_word in _DOWN_RATE else 1
                if rate.value is not None and rate.value < 0:
                    rate_dir = -rate_dir  # 增长率为-5%
            amount_word = ""
            if amt is not None:
                m = _CHANGE_END.search(amt.clause)
                amount_word = m.group("v") if m else ""
            out.append(Change(bi, cur, last, amt, rate, rate_dir, amt.direction if amt else 0, rate_word, amount_word))
    return out
