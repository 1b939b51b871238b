"""自评表 indicator and funding tables, read into plain records: the one reader of the rows of
一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因 and of the funding block
(年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分).

``read_tables(doc, claims)`` reads, in document order:

- tables: a header row naming 分值 and 得分 (and 指标值 / 实际) starts an indicator block, a
  header naming 分值 / 执行率 / 得分 an execution block. Rows are read by the order of the
  header's columns, from the right, so a web table flattened into rows that lost their merged
  cells (labels shifted left) still reads; a row that does not fit is counted as unread and the
  block is then incomplete. A 自评表 split into tables at its inner header rows goes on in the
  next table.
- flattened text: a 自评表 pasted as one paragraph ("指标1:验收通过率100% 95% 6 5…"), read only
  after such a header and only where target, actual, 分值 and 得分 are clearly separated.
- the grid view (``grid_rows``): every table's indicator block found by its 年度指标值 / 实际完成值
  header wherever it sits, a second header row (指标性质 / 指标值 / 度量单位) joined to it, each
  row's cells and claims by role; and the 执行率 cells of funding blocks (``fund_rows``).

Which first-level indicator (产出 / 效益 / 满意度) a row belongs to depends on the scoring
profile's words: the reader records the labels, ``categorized(tables, category_of)`` assigns
categories (a level label carries to the rows under it) on a copy.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex as re

from ..model import Claim, Document, Paragraph, Span, Table

# --------------------------------------------------------------------------- text helpers

_TRAD = str.maketrans(
    "標實際總執預數滿產質時級評優項績資額進計稅達務對會態續響據層單價費發應業經濟資結轉撥財政當務點",
    "标实际总执预数满产质时级评优项绩资额进计税达务对会态续响据层单价费发应业经济资结转拨财政当务点",
)


_SPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def simp(s: str) -> str:
    """The few traditional characters score tables use, simplified; spaces removed."""
    return _SPACE_RUN.sub("", (s or "").translate(_TRAD))


# Comparators as written, longest first (a cell's "≥90%", an 指标性质 cell's "不低于").
_CMP_WORDS = [
    ("大于或等于", ">="), ("小于或等于", "<="), ("大于等于", ">="), ("小于等于", "<="), ("不低于", ">="),
    ("不少于", ">="), ("不小于", ">="), ("不高于", "<="), ("不超过", "<="), ("不大于", "<="), ("不多于", "<="),
    ("大于", ">"), ("小于", "<"), ("高于", ">"), ("低于", "<"), ("超过", ">"), ("等于", "="),
    (">=", ">="), ("<=", "<="), ("＞＝", ">="), ("＜＝", "<="), ("≥", ">="), ("≧", ">="), ("≤", "<="),
    ("≦", "<="), ("＞", ">"), (">", ">"), ("＜", "<"), ("<", "<"), ("﹦", "="), ("═", "="), ("＝", "="),
    ("=", "="),
]
_CMP_RE = "|".join(re.escape(w) for w, _ in _CMP_WORDS)
_CMP_MAP = dict(_CMP_WORDS)
_SUFFIX_CMP = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<="}
_DIRECTION = {"正向": ">=", "正向指标": ">=", "反向": "<=", "反向指标": "<="}

_NUM = r"\d+(?:\.\d+)?"
_UNIT = r"(?:%|％|‰|[\p{Han}A-Za-z/²³·]{1,5})"
_VALUE = re.compile(rf"^(?P<cmp>{_CMP_RE})?\s*(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?\s*$")
_BARE = re.compile(rf"^\s*(?P<num>{_NUM})\s*分?\s*$")
_PURE_CMP = re.compile(rf"^\s*(?:{_CMP_RE}|正向指标|反向指标|正向|反向)\s*$")
_PURE_UNIT = re.compile(r"^\s*(?:%|％|‰|[\p{Han}A-Za-z/²³·]{1,4})\s*$")
_DATE_UNITS = ("年", "月", "日", "时", "号")
_DECIMALS = re.compile(r"\.(\d+)")
_SUFFIXED = re.compile(r"^(?P<body>.+?)(?P<suf>及以上|及以下|以上|以下|以内)$")
_PERCENT_CELL = re.compile(rf"^{_NUM}\s*[%％]$")
_RATE_CELL = re.compile(rf"^({_NUM})\s*([%％])?$")
_NUM_PCT = re.compile(rf"{_NUM}%?")
_UNIT_SHAPE = re.compile(r"%|％|‰|[A-Za-z/²³·]{1,5}|[\p{Han}A-Za-z/²³·]{1,4}")
_NOT_UNIT_WORDS = re.compile(r"指标|完成|目标|实际|分值|得分|合格|及时|满意|以上|以下|以内")
_LEVEL_NAME = re.compile(r"(产出|效益|满意度|经济效益|社会效益|生态效益|可持续影响|数量|质量|时效|成本)(指标)?")
_FLAT_LABEL_SPLIT = re.compile(r"\s+|指标\s*\d+\s*[:：]")
_FLAT_LEVEL = re.compile(r"^((?:产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标)(.*)$")
_UNIT_CHARS = re.compile(r"\p{Han}|%|％|‰|[a-zA-Z³²]")
_INDICATOR_NO = re.compile(r"^指标\s*\d+\s*[:：]\s*")
_DIGIT = re.compile(r"\d")
_FUND_TOTAL = re.compile(r"资金总额|合计|总额|小计|项目资金")


def dec(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except (InvalidOperation, TypeError):
        return None


def decimals(s: str) -> int:
    m = _DECIMALS.search(s or "")
    return len(m.group(1)) if m else 0


# --------------------------------------------------------------------------- records


@dataclass
class Fig:
    """One figure of a score row: its value, comparator and unit, and where it is written."""

    text: str
    span: Span
    value: Decimal | None = None
    comparator: str | None = None  # >= <= > < =
    unit: str | None = None
    claim: Claim | None = None

    @property
    def numeric(self) -> bool:
        return self.value is not None

    def evidence(self):
        return self.claim if self.claim is not None else self.span


@dataclass
class Row:
    """An indicator (or execution / total) row with the figures it states."""

    name: str
    span: Span
    source: str  # table | flat | text
    kind: str = "indicator"  # indicator | execution | total | subtotal
    category: str | None = None  # 产出 / 效益 / 满意度 / 预算执行率
    labels: tuple[str, ...] = ()
    target: Fig | None = None
    actual: Fig | None = None
    weight: Fig | None = None
    score: Fig | None = None
    rate: Fig | None = None  # execution rows: 执行率
    grade: Fig | None = None  # total rows: a grade written beside the total
    direction: str | None = None  # >= / <= when the row states it (指标性质 正向/反向)
    deviation: str | None = None  # None: unknown; "": the 偏差原因 place is empty
    block: int | None = None
    table: int | None = None  # table number for rows read from a table
    bare: bool = False  # text rows: the score stands alone ("……，得5分"), it scores the indicator at hand


@dataclass
class Block:
    """The rows under one score header (a table's indicator part, or a flattened one)."""

    id: int
    source: str
    rows: list[Row] = field(default_factory=list)
    unread: int = 0  # rows with figures that could not be read
    level_weights: dict[str, Fig] = field(default_factory=dict)  # category -> 50 (set by categorized)
    table: int | None = None
    level_labels: list[tuple[str, Fig]] = field(default_factory=list)  # ("产出指标", 50) as read
    items: list[Row] = field(default_factory=list)  # rows and subtotal rows in reading order

    @property
    def complete(self) -> bool:
        """Every row with figures was read (only tables: flattened text loses row bounds)."""
        return self.source == "table" and self.unread == 0 and bool(self.rows)


@dataclass
class IndicatorTables:
    """What the indicator and funding tables (and their flattened text) state."""

    rows: list[Row] = field(default_factory=list)  # indicator rows (table and flat)
    execution: list[Row] = field(default_factory=list)  # 预算执行率 rows of funding blocks
    totals: list[Row] = field(default_factory=list)  # 总分 / 合计 rows
    subtotals: list[Row] = field(default_factory=list)  # 产出指标 | 小计 | 50 | 46
    blocks: list[Block] = field(default_factory=list)
    table_grades: list[tuple[Fig, int]] = field(default_factory=list)  # 自评等级 | 优, with its table
    grid_rows: list[GridRow] = field(default_factory=list)  # the grid view of indicator blocks
    fund_rows: list[FundRow] = field(default_factory=list)  # 执行率 cells of funding blocks
    grid_tables: set[int] = field(default_factory=set)  # tables whose indicator block the grid view read


def read_tables(doc: Document, claims: list[Claim]) -> IndicatorTables:
    """Every indicator block, funding block, total and grade row of ``doc``'s tables and of
    自评表 flattened into paragraphs, in document order."""
    reader = _Reader(claims)
    prev = None
    for b in doc.blocks:
        if isinstance(b, Table) and not b.is_toc:
            # a 自评表 split into tables at its inner header rows goes on in the next table
            reader.table(b, carry=isinstance(prev, Table))
        elif isinstance(b, Paragraph) and not b.is_toc:
            reader.flat(b)
        prev = b
    out = reader.out
    by_cell: dict[tuple[int, int, int], Claim] = {}
    for c in claims:
        loc = c.location
        if c.source == "table" and loc is not None and loc.table is not None and loc.row is not None:
            by_cell.setdefault((loc.table, loc.row, loc.column), c)
    for t in doc.tables:
        if t.is_toc:
            continue
        found = grid_rows(t, by_cell)
        if found is not None:
            out.grid_tables.add(t.table_no)
            out.grid_rows.extend(found)
        out.fund_rows.extend(fund_rows(t, by_cell))
    return out


def category_of_labels(labels, category_of: Callable[[str], str | None]) -> str | None:
    """The first-level indicator the first level label among ``labels`` names (数量指标 -> 产出)."""
    for lab in labels:
        s = _LEVEL_WEIGHT.sub("", simp(lab))
        if not is_level_label(s):
            continue
        cat = category_of(s)
        if cat:
            return cat
    return None


def categorized(tables: IndicatorTables, category_of: Callable[[str], str | None], claims=()) -> IndicatorTables:
    """A copy of ``tables`` with each row's first-level indicator (产出 / 效益 / 满意度), a row
    without a level label of its own taking the one above it; the level weights of each block by
    category; a subtotal row whose labels name no first-level indicator (nor 小计) counted as
    unread. ``claims`` are shared with the copy, not copied."""
    out = _copy_score_part(tables, claims)
    out.grid_rows, out.fund_rows, out.grid_tables = tables.grid_rows, tables.fund_rows, tables.grid_tables
    drop: set[int] = set()
    for block in out.blocks:
        for label, fig in block.level_labels:
            cat = category_of(label)
            if cat and cat not in block.level_weights:
                block.level_weights[cat] = fig
        last = None
        for item in block.items:
            cat = category_of_labels(item.labels, category_of)
            if item.kind == "subtotal":
                if cat is None and not any(_SUBTOTAL_LABEL.match(x) for x in item.labels):
                    drop.add(id(item))
                    block.unread += 1
                    continue
                item.category = cat or last
                continue
            item.category = cat or last
            last = item.category
        block.items = [x for x in block.items if id(x) not in drop]
    out.subtotals = [x for x in out.subtotals if id(x) not in drop]
    return out


_FIG_FIELDS = ("target", "actual", "weight", "score", "rate", "grade")


def _shallow(x):
    """``copy.copy`` of a plain dataclass record (no slots, no ``__copy__``), without going
    through the pickle protocol."""
    y = object.__new__(type(x))
    y.__dict__.update(x.__dict__)
    return y


def _copy_score_part(tables: IndicatorTables, claims) -> IndicatorTables:
    """A deep copy of the rows, blocks and grades of ``tables`` (what ``copy.deepcopy`` would
    make, faster): records shared between lists stay shared in the copy; ``claims`` are not
    copied."""
    memo: dict = {id(c): c for c in claims}

    def fig(f: Fig | None) -> Fig | None:
        if f is None:
            return None
        g = memo.get(id(f))
        if g is None:
            g = memo[id(f)] = _shallow(f)
            if f.claim is not None:
                g.claim = memo.get(id(f.claim)) or copy.deepcopy(f.claim, memo)
        return g

    def row(r: Row) -> Row:
        n = memo.get(id(r))
        if n is None:
            n = memo[id(r)] = _shallow(r)
            for name in _FIG_FIELDS:
                setattr(n, name, fig(getattr(r, name)))
        return n

    def block(b: Block) -> Block:
        n = memo.get(id(b))
        if n is None:
            n = memo[id(b)] = _shallow(b)
            n.rows = [row(x) for x in b.rows]
            n.items = [row(x) for x in b.items]
            n.level_weights = {k: fig(v) for k, v in b.level_weights.items()}
            n.level_labels = [(s, fig(f)) for s, f in b.level_labels]
        return n

    return IndicatorTables([row(x) for x in tables.rows], [row(x) for x in tables.execution],
                           [row(x) for x in tables.totals], [row(x) for x in tables.subtotals],
                           [block(x) for x in tables.blocks], [(fig(f), n) for f, n in tables.table_grades])


_TOTAL_LABEL = re.compile(r"^(总分|总得分|合计得分|得分合计|综合得分|自评总分|自评得分|总评分)[:：]?$")
_BLOCK_TOTAL_LABEL = re.compile(r"^(合计|总计)[:：]?$")
_SUBTOTAL_LABEL = re.compile(r"^(小计|合计)[:：]?$")
_LEVEL_WEIGHT = re.compile(r"[(（]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]")
_GRADE_CELL = re.compile(r"^[“\"「『]?(优秀|良好|不合格|合格|较差|优|良|中|差)[”\"」』]?$")


class _Reader:
    def __init__(self, claims: list[Claim]):
        self.claims_by_start: dict[int, list[Claim]] = {}
        for c in claims:
            self.claims_by_start.setdefault(c.span[0], []).append(c)
        self.out = IndicatorTables()
        self.state = None  # where the last table left off (mode, header order, block …)

    # ---- shared
    def claim_at(self, span: Span, value: Decimal | None) -> Claim | None:
        for c in self.claims_by_start.get(span[0], ()):
            if c.span[1] <= span[1] + 2 and (value is None or c.value == value):
                return c
        return None

    def fig(self, text: str, span: Span, *, bare: bool = False) -> Fig | None:
        """A figure from a cell or a piece of text; None when it is not one."""
        t = text.strip()
        lead = len(text) - len(text.lstrip())
        span = (span[0] + lead, span[0] + lead + len(t))
        if bare:
            m = _BARE.match(t)
            if not m:
                return None
            v = dec(m.group("num"))
            return Fig(t, span, v, claim=self.claim_at(span, v))
        m = _VALUE.match(t)
        suffix_cmp = None
        if not m:
            m2 = _SUFFIXED.match(t)
            if m2:
                m = _VALUE.match(m2.group("body"))
                suffix_cmp = _SUFFIX_CMP[m2.group("suf")]
        if not m:
            return None
        unit = m.group("unit")
        if unit and (any(unit.startswith(u) for u in _DATE_UNITS) or not _unit_like(unit)):
            return None
        v = dec(m.group("num"))
        cmp = _CMP_MAP.get(m.group("cmp") or "") or suffix_cmp
        return Fig(t, span, v, cmp, _norm_unit(unit), claim=self.claim_at(span, v))

    # ---- tables
    def table(self, t: Table, carry: bool = False) -> None:
        mode = None  # None | indicator | execution
        order: list[str] = []
        has_dev = False
        block: Block | None = None
        exec_read = False
        cols: dict[str, int] | None = None  # header slot -> column, for tables that keep their grid
        aligned: bool | None = None  # whether rows read in sequence sit in those columns
        first = next((_row_cells(t, r) for r in range(t.n_rows) if _row_cells(t, r)), [])
        if carry and self.state is not None and "指标" in simp("".join(c[0] for c in first)):
            mode, order, has_dev, block, exec_read, cols, aligned = self.state
            if cols is not None and max(cols.values()) >= t.n_cols:
                cols, aligned = None, False
        for r in range(t.n_rows):
            cells = _row_cells(t, r)
            if not cells:
                continue
            ind_order, rest = _indicator_header(cells)
            if ind_order:
                mode, order = "indicator", ind_order
                has_dev = any(_slot(simp(c[0])) == "D" for c in cells)
                block = Block(len(self.out.blocks), "table", table=t.table_no)
                self.out.blocks.append(block)
                cols, aligned = (_slot_columns(t, r), None) if not rest else (None, False)
                if not rest:
                    continue
                cells = rest
            ex = _execution_order(cells)
            if ex:
                mode, order, exec_read = "execution", ex, False
                continue
            grade = _grade_row(cells)
            if grade is not None:
                self.out.table_grades.append((grade, t.table_no))
                continue
            total = self._total_row(cells, in_block=mode == "indicator")
            if total is not None:
                total.block = block.id if block is not None and mode == "indicator" else None
                total.table = t.table_no
                self.out.totals.append(total)
                continue
            if mode == "execution":
                if not exec_read:
                    row = self._execution_row(cells, order)
                    if row is not None:
                        row.table = t.table_no
                        self.out.execution.append(row)
                        exec_read = True
                continue
            if mode != "indicator" or block is None:
                continue
            # a level label with its weight: 产出指标（50分）
            for text, span in cells:
                m = _LEVEL_WEIGHT.search(text)
                s = simp(text[: m.start()]) if m else ""
                if m and is_level_label(s) and len(s) <= 12:
                    num_span = (span[0] + m.start("num"), span[0] + m.end("num"))
                    block.level_labels.append((s, Fig(m.group(0), num_span, dec(m.group("num")))))
            row = self._indicator_row(cells, order, has_dev)
            if row is not None and cols is not None and aligned is not False:
                aligned = _in_column(t, r, cols["W"], row.weight) and _in_column(t, r, cols["S"], row.score)
            if row is None and cols is not None and aligned:
                row = self._positional_row(t, r, cols, has_dev)
            if row is None:
                sub = self._subtotal_row(cells)
                if sub is not None:
                    sub.block, sub.table = block.id, t.table_no
                    block.items.append(sub)
                    self.out.subtotals.append(sub)
                elif any(_BARE.match(c[0]) for c in cells):
                    block.unread += 1
                continue
            row.block, row.table = block.id, t.table_no
            block.rows.append(row)
            block.items.append(row)
            self.out.rows.append(row)
        self.state = (mode, order, has_dev, block, exec_read, cols, aligned)

    def _positional_row(self, t: Table, r: int, cols: dict[str, int], has_dev: bool) -> Row | None:
        """A row of a table that keeps its grid, read by column: 分值 and 得分 must be there; the
        年度指标值 or 实际完成值 may be empty (an actual never reported)."""
        def cell(slot):
            c = t.cell(r, cols[slot])
            return c.text, c.span

        w, s = self.fig(*cell("W"), bare=True), self.fig(*cell("S"), bare=True)
        if w is None or s is None or not (0 < w.value <= 100) or not _plausible_score(s):
            return None
        figs = {}
        for slot in ("T", "A"):
            text, span = cell(slot)
            if not text.strip():
                figs[slot] = None
                continue
            f = self.fig(text, span)
            if f is None:
                f = Fig(text.strip(), span, None)  # a date, a description: compared as text only
            figs[slot] = f
        t_, a_ = figs["T"], figs["A"]
        if t_ is not None and a_ is not None and t_.numeric and a_.numeric:
            if not _same_scale(t_, a_):
                return None
            t_.unit, a_.unit = t_.unit or a_.unit, a_.unit or t_.unit
        first = min(cols[k] for k in ("T", "A", "W", "S"))
        labels = tuple(x for x in (t.value(r, c).strip() for c in range(first)) if x)
        if not labels:
            return None
        dev = None
        if has_dev and "D" in cols:
            dev = _no_reason(t.value(r, cols["D"]).strip())
        return Row(_SPACE_RUN.sub("", labels[-1]), (t.rows[r][0].span[0], t.rows[r][-1].span[1]), "table",
                   labels=labels, target=t_, actual=a_, weight=w, score=s,
                   deviation=dev)

    def _total_row(self, cells, in_block: bool) -> Row | None:
        for i, (text, span) in enumerate(cells):
            label = simp(text)
            if not (_TOTAL_LABEL.match(label) or in_block and _BLOCK_TOTAL_LABEL.match(label)):
                continue
            rest = cells[i + 1:]
            nums, grade = [], None
            for text2, span2 in rest:
                f = self.fig(text2, span2, bare=True)
                if f is not None and len(nums) < 2:
                    nums.append(f)
                    continue
                g = _GRADE_CELL.match(text2.strip())
                if g and grade is None:
                    grade = Fig(text2.strip(), (span2[0], span2[0] + len(text2.strip())), None)
                    continue
                if text2.strip():
                    return None  # something else on the row: not a plain total row
            if not nums:
                return None
            if any(not _plausible_score(f) or f.value > 200 for f in nums):
                return None
            weight, score = (nums[0], nums[1]) if len(nums) == 2 else (None, nums[0])
            return Row(simp(text), (cells[0][1][0], cells[-1][1][1]), "table", kind="total",
                       weight=weight, score=score, grade=grade)
        return None

    def _subtotal_row(self, cells) -> Row | None:
        """产出指标 | 小计 | 50 | 46 — a level's own 分值 and 得分 on a row of its own."""
        labels = [c for c in cells if not _BARE.match(c[0])]
        nums = [c for c in cells if _BARE.match(c[0])]
        if len(nums) != 2 or not labels or cells[-2:] != nums:
            return None
        texts = [simp(_LEVEL_WEIGHT.sub("", c[0])) for c in labels]
        if not all(is_level_label(s) or _SUBTOTAL_LABEL.match(s) for s in texts):
            return None
        # kept when categorized() finds its first-level indicator or it says 小计 / 合计
        w, s = self.fig(*nums[0], bare=True), self.fig(*nums[1], bare=True)
        return Row(texts[0], (cells[0][1][0], cells[-1][1][1]), "table", kind="subtotal",
                   labels=tuple(texts), weight=w, score=s)

    def _execution_row(self, cells, order) -> Row | None:
        """年度资金总额 | 29 | 29 | 27.8 | 9 | 95.8% | 8: 分值, 执行率 and 得分 around the rate."""
        figs = []
        for text, span in cells:
            t = text.strip()
            if _BARE.match(t) or _PERCENT_CELL.match(t):
                figs.append((t, span))
            elif figs:
                break  # the figures run is over
        n_slots = len(order)
        if len(figs) < 3 or len(figs) > n_slots:
            return None
        # align from the right: the last three slots are 分值 / 执行率 / 得分 in header order
        tail = order[-len(figs):]
        got = dict(zip(tail, figs))
        if not {"W", "R", "S"} <= set(got):
            return None
        w, s = self.fig(*got["W"], bare=True), self.fig(*got["S"], bare=True)
        rate = _rate_fig(self, *got["R"])
        if w is None or s is None or rate is None or not (0 < w.value <= 100) or not _plausible_score(s):
            return None
        label = next((c[0] for c in cells if not _BARE.match(c[0]) and not _PERCENT_CELL.match(c[0])), "")
        return Row(simp(label) or "预算执行率", (cells[0][1][0], cells[-1][1][1]), "table", kind="execution",
                   category="预算执行率", weight=w, score=s, rate=rate)

    def _indicator_row(self, cells, order, has_dev) -> Row | None:
        toks = list(cells)
        deviation = None
        if has_dev:
            dev = []
            while toks and not _BARE.match(toks[-1][0]) and not _VALUE.match(toks[-1][0].strip()):
                dev.insert(0, toks.pop()[0].strip())
            deviation = _no_reason("".join(dev))
        got: dict[str, Fig] = {}
        direction = None
        for slot in reversed(order):
            if not toks:
                return None
            if slot in ("W", "S"):
                text, span = toks.pop()
                f = self.fig(text, span, bare=True)
                if f is None:
                    return None
                got[slot] = f
            else:
                f, direction_here = self._value(toks)
                if f is None:
                    return None
                got[slot] = f
                direction = direction or direction_here
        if not toks:
            return None  # no label left: not a row we can name
        t, a = got.get("T"), got.get("A")
        if t is None or a is None:
            return None
        if a.numeric != t.numeric and a.numeric:
            return None  # a figure as actual against a text target: probably a label taken as target
        if a.numeric and t.numeric:
            if not _same_scale(t, a):
                return None
            if a.unit is None:
                a.unit = t.unit
            if t.unit is None:
                t.unit = a.unit
            if a.unit != t.unit:
                return None
        w, s = got["W"], got["S"]
        if not (0 < w.value <= 100) or not _plausible_score(s):
            return None
        labels = tuple(c[0].strip() for c in toks)
        name = _SPACE_RUN.sub("", labels[-1])
        return Row(name, (cells[0][1][0], cells[-1][1][1]), "table",
                   labels=labels, target=t, actual=a, weight=w, score=s, direction=direction,
                   deviation=deviation)

    def _value(self, toks) -> tuple[Fig | None, str | None]:
        """Pop one 指标值 / 实际值 from the right of ``toks``: [sign] number [unit] or a text."""
        text, span = toks.pop()
        direction = None
        if _PURE_CMP.match(text):
            return None, None
        f = None
        if _PURE_UNIT.match(text) and toks and _BARE_NUMBER.match(toks[-1][0].strip()):
            ntext, nspan = toks.pop()
            f = self.fig(ntext, nspan)
            if f is not None:
                f.unit = _norm_unit(text.strip())
                f.text = f"{ntext.strip()}{text.strip()}"
        else:
            f = self.fig(text, span)
        if f is None:
            if _BARE.match(text):
                return None, None
            return Fig(text.strip(), (span[0] + len(text) - len(text.lstrip()),
                                      span[0] + len(text.rstrip())), None), None
        if toks and _PURE_CMP.match(toks[-1][0]):
            ctext = simp(toks.pop()[0])
            cmp = _CMP_MAP.get(ctext) or _DIRECTION.get(ctext)
            if ctext in _DIRECTION:
                direction = cmp
            elif f.comparator is None:
                f.comparator = cmp
        return f, direction

    # ---- flattened text
    def flat(self, p: Paragraph) -> None:
        text = p.text
        for h in _FLAT_HEADER.finditer(text):
            order = _order_in(h.group(0))
            if order is None:
                continue
            if order[:4] != ["T", "A", "W", "S"]:
                continue  # other orders cannot be split reliably once flattened
            has_dev = "D" in order
            block = Block(len(self.out.blocks), "flat")
            self.out.blocks.append(block)
            region_start = h.end()
            nxt = _FLAT_HEADER.search(text, h.end())
            region_end = nxt.start() if nxt else len(text)
            self._flat_rows(p, block, region_start, region_end, has_dev)
        self._flat_execution(p)

    def _flat_rows(self, p: Paragraph, block: Block, start: int, end: int, has_dev: bool) -> None:
        text, base = p.text, p.span[0]
        found = []
        for m in _FLAT_ROW.finditer(text, start, end):
            if self.fig(m.group("t"), (0, 0)) is not None and self.fig(m.group("a"), (0, 0)) is not None:
                found.append(("num", m))
        for m in _FLAT_SAME.finditer(text, start, end):
            if not any(m.start() < f.end() and f.start() < m.end() for _, f in found):
                found.append(("same", m))
        found.sort(key=lambda x: x[1].start())
        prev_end = start
        for kind, m in found:
            lead = text[prev_end:m.start()]
            prev_end = m.end()
            ab = lambda g: (base + m.start(g), base + m.end(g))  # noqa: E731
            if kind == "num":
                t, a = self.fig(m.group("t"), ab("t")), self.fig(m.group("a"), ab("a"))
                if t is None or a is None or not _same_scale(t, a):
                    block.unread += 1
                    continue
                a.unit = a.unit or t.unit
                t.unit = t.unit or a.unit
                if a.unit != t.unit:
                    block.unread += 1
                    continue
            else:
                t = Fig(m.group("x"), ab("x"), None)
                second = m.start("x2")
                a = Fig(m.group("x2"), (base + second, base + m.end("x2")), None)
            w, s = self.fig(m.group("w"), ab("w"), bare=True), self.fig(m.group("s"), ab("s"), bare=True)
            if w is None or s is None or not (0 < w.value <= 100) or not _plausible_score(s):
                block.unread += 1
                continue
            labels = _flat_labels(lead)
            after = text[m.end():m.end() + 12]
            deviation = "" if has_dev and (not after.strip() or _ROW_START.match(after)) else None
            name = labels[-1] if labels else ""
            if not name:
                block.unread += 1
                continue
            row = Row(name, (base + m.start(), base + m.end()), "flat", labels=tuple(labels),
                      target=t, actual=a, weight=w, score=s, deviation=deviation, block=block.id)
            block.rows.append(row)
            block.items.append(row)
            self.out.rows.append(row)

    def _flat_execution(self, p: Paragraph) -> None:
        """项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分 … 年度资金总额29 29 27.8 9 0.958 8"""
        text, base = p.text, p.span[0]
        for h in _FLAT_EXEC_HEADER.finditer(text):
            cols = [c for c in _EXEC_COLS.findall(h.group(0))]
            order = [_exec_slot(c) for c in cols]
            m = _FLAT_EXEC_ROW.search(text, h.end())
            if not m:
                continue
            nums = list(_NUM_PCT.finditer(m.group("nums")))
            if len(nums) != len(order):
                continue
            got = {slot: n for slot, n in zip(order, nums)}
            if not {"W", "R", "S"} <= set(got):
                continue
            off = base + m.start("nums")
            sp = lambda n: (off + n.start(), off + n.end())  # noqa: E731
            w = self.fig(got["W"].group(0), sp(got["W"]), bare=True)
            s = self.fig(got["S"].group(0), sp(got["S"]), bare=True)
            rate = _rate_fig(self, got["R"].group(0), sp(got["R"]))
            if w is None or s is None or rate is None or not (0 < w.value <= 100):
                continue
            self.out.execution.append(Row("年度资金总额", (base + m.start(), base + m.end()), "flat",
                                          kind="execution", category="预算执行率", weight=w, score=s, rate=rate))
            return

# --------------------------------------------------------------------------- row helpers

_BARE_NUMBER = re.compile(rf"^(?:{_CMP_RE})?\s*{_NUM}$")
_ROW_START = re.compile(r"^\s*(指标\s*\d|[一二三]级指标|[\p{Han}]{2,6}指标|……|…|$)")
_FLAT_HEADER = re.compile(r"(?:年度|指标值|目标值)[^。；]{0,30}?(?:实际|完成值)[^。；]{0,20}?分值[^。；]{0,10}?得分(?:[^。；]{0,6}?(?:偏差原因|原因分析|改进措施)[\p{Han}]*)?")
_FLAT_EXEC_HEADER = re.compile(r"(?:(?:年初预算数|全年预算数|调整后预算数|预算数|全年执行数|执行数|分值|执行率|得分)\s*(?:\([A-Z]\)|（[A-Z]）|\(B/A\)|（B/A）)?\s*){4,7}")
_EXEC_COLS = re.compile(r"年初预算数|全年预算数|调整后预算数|预算数|全年执行数|执行数|分值|执行率|得分")
_FLAT_EXEC_ROW = re.compile(rf"年度资金总额\s*[:：]?\s*(?P<nums>{_NUM}%?(?:\s+{_NUM}%?){{2,6}})(?![\d.%])")
_FVAL = rf"(?:(?:{_CMP_RE}))?\d+(?:\.\d+)?(?:%|％|‰|[\p{{Han}}]{{1,3}})?"
# figures run together only where a unit or a sign separates them ("100%95%"), never digit to digit
_SEP = rf"(?:\s+|(?<=[^\d.\s])|(?=(?:{_CMP_RE})))"
_FLAT_ROW = re.compile(rf"(?<![\d.%])(?P<t>{_FVAL}){_SEP}(?P<a>{_FVAL}){_SEP}(?P<w>{_NUM})\s+(?P<s>{_NUM})(?![\d.%])")
_FLAT_SAME = re.compile(rf"(?P<x>(?=[^\s]*\p{{Han}})[^\s]{{2,80}}?)\s*(?P<x2>(?P=x))\s*(?P<w>{_NUM})\s+(?P<s>{_NUM})(?![\d.%])")


def _row_cells(t: Table, r: int) -> list[tuple[str, Span]]:
    """A row's non-empty cells in order; a horizontally merged cell once, a vertically merged
    one (a label spanning rows) repeated with its text."""
    out = []
    for c, cell in enumerate(t.rows[r]):
        if cell.origin is not None:
            if cell.origin[0] == r:
                continue
            src = t.rows[cell.origin[0]][cell.origin[1]]
            if src.text.strip() and (not out or out[-1][1] != src.span):
                out.append((src.text, src.span))
            continue
        if cell.text.strip():
            out.append((cell.text, cell.span))
    return out


_GRADE_LABEL = re.compile(r"^(自评等级|评价等级|绩效等级|自评结果|评价结果|等级|等次|评定等级)[:：]?$")


def _grade_row(cells) -> Fig | None:
    """自评等级 | 优 — a row that states the grade and nothing else."""
    if len(cells) != 2 or not _GRADE_LABEL.match(simp(cells[0][0])):
        return None
    text, span = cells[1]
    t = text.strip()
    if not _GRADE_CELL.match(t):
        return None
    lead = len(text) - len(text.lstrip())
    return Fig(t, (span[0] + lead, span[0] + lead + len(t)), None)


def _slot_columns(t: Table, r: int) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for c in range(t.n_cols):
        slot = _slot(simp(t.value(r, c)))
        if slot and slot not in cols:
            cols[slot] = c
    return cols if {"T", "A", "W", "S"} <= set(cols) else None


def _in_column(t: Table, r: int, c: int, f: Fig) -> bool:
    cell = t.cell(r, c)
    return cell.span[0] <= f.span[0] < max(cell.span[1], cell.span[0] + 1)


def _slot(h: str) -> str | None:
    """What a header cell holds: T 年度指标值, A 实际完成值, W 分值, S 得分, D 偏差原因."""
    if "分值" in h or "权重" in h or h.startswith("满分"):
        return "W"
    if "得分" in h:
        return "S"
    if "偏差" in h or "原因" in h or "改进措施" in h:
        return "D"
    if "实际" in h or "完成值" in h or h in ("完成情况", "指标完成情况"):
        return "A"
    if "指标值" in h or "目标值" in h or h in ("年度", "年度指标", "预期目标", "计划值", "预期值", "计划数"):
        return "T"
    return None


_HEADER_WORDS = re.compile(r"指标值|目标值|实际|完成值|分值|得分|偏差|原因|改进措施|[一二三]级指标|指标性质|度量单位|指标名称|计量单位|单位$")


def _indicator_header(cells) -> tuple[list[str] | None, list]:
    """The slot order (T, A, W, S) of an indicator header row, and the cells after the header
    when the row also carries the first data row."""
    heads = [simp(t) for t, _ in cells]
    last = max((i for i, h in enumerate(heads) if _HEADER_WORDS.search(h)), default=-1)
    if last < 0:
        return None, []
    head, rest = heads[: last + 1], cells[last + 1:]
    if any(_BARE.match(h) for h in head):
        return None, []
    where: dict[str, list[int]] = {}
    for i, h in enumerate(head):
        s = _slot(h)
        if s:
            where.setdefault(s, []).append(i)
    if not {"T", "A", "W", "S"} <= set(where):
        return None, []
    w = where["W"][0]
    pos = {k: min(v, key=lambda i: abs(i - w)) for k, v in where.items() if k != "D"}
    return sorted(pos, key=pos.get), rest


def _order_in(header: str) -> list[str] | None:
    pos = {}
    for slot, words in (("T", ("年度", "指标值", "目标值")), ("A", ("实际", "完成值")), ("W", ("分值",)),
                        ("S", ("得分",)), ("D", ("偏差", "原因", "改进措施"))):
        found = [header.find(w) for w in words if w in header]
        if found:
            pos[slot] = min(found)
    if not {"T", "A", "W", "S"} <= set(pos):
        return None
    return sorted(pos, key=pos.get)


def _exec_slot(h: str) -> str:
    if "分值" in h:
        return "W"
    if "执行率" in h:
        return "R"
    if "得分" in h:
        return "S"
    return "B"


def _execution_order(cells) -> list[str] | None:
    heads = [simp(t) for t, _ in cells]
    joined = "".join(heads)
    if not ("分值" in joined and "执行率" in joined and "得分" in joined and ("预算" in joined or "执行数" in joined)):
        return None
    if any(_BARE.match(t) for t, _ in cells):
        return None
    order = []
    for h in heads:
        if any(w in h for w in ("预算数", "执行数", "分值", "执行率", "得分", "预算")):
            order.append(_exec_slot(h))
    return order if {"W", "R", "S"} <= set(order) else None


def _rate_fig(reader: _Reader, text: str, span: Span) -> Fig | None:
    """执行率 written as 95.8% or as a fraction 0.958; value as a fraction."""
    t = text.strip()
    m = _RATE_CELL.match(t)
    if not m:
        return None
    v = dec(m.group(1))
    if m.group(2):
        v = v / 100
    elif v > Decimal("1.5"):
        return None  # a bare number above 1.5 is not a fraction; unclear
    if v > 2:
        return None
    lead = len(text) - len(text.lstrip())
    return Fig(t, (span[0] + lead, span[0] + lead + len(t)), v, unit="%" if m.group(2) else None)


_NONE_WORDS = {"无", "无。", "/", "／", "—", "-", "－", "——", "无偏差", "无偏差。", "不适用", "否"}


def _no_reason(text: str) -> str:
    """"" when a 偏差原因 cell says nothing ("无", "/", "—")."""
    return "" if text.strip() in _NONE_WORDS else text


def _same_scale(t: Fig, a: Fig) -> bool:
    """Not a fraction against a percentage (目标 95%，实际 0.96)."""
    for x, y in ((t, a), (a, t)):
        if x.unit in ("%", "％") and y.unit is None and y.value <= Decimal("1.5") < x.value:
            return False
    return True


def _plausible_score(f: Fig) -> bool:
    """A score a report could state (digits fused by a converter make 100100)."""
    return f.value is not None and 0 <= f.value < 1000 and len(f.text.split(".")[0]) <= 3


def _unit_like(u: str) -> bool:
    return bool(_UNIT_SHAPE.fullmatch(u)) and not _NOT_UNIT_WORDS.search(u)


def _norm_unit(u: str | None) -> str | None:
    if u in ("％",):
        return "%"
    return u or None


def is_level_label(s: str) -> bool:
    """一级/二级 指标 labels: 产出指标, 数量指标, 服务对象满意度指标, 效益指标（30分）."""
    s = _LEVEL_WEIGHT.sub("", s)
    return s.endswith("指标") or s in ("产出", "效益", "满意度", "预算执行率") or bool(
        _LEVEL_NAME.fullmatch(s))


def _flat_labels(lead: str) -> list[str]:
    """Labels before a flattened row's figures: 质量指标 指标1:验收通过率 -> [质量指标, 验收通过率]."""
    s = lead.strip()
    parts = [x for x in _FLAT_LABEL_SPLIT.split(s) if x]
    out = []
    for x in parts:
        m = _FLAT_LEVEL.match(x)
        if m:
            out.append(m.group(1))
            if m.group(2):
                out.append(m.group(2))
        else:
            out.append(x)
    return out


# --------------------------------------------------------------------------- grid view
# Every table's indicator block found by its 年度指标值 / 实际完成值 header, read column by column
# (the view that keeps 指标性质 / 度量单位 and empty actuals), and the funding block's 执行率.

_TARGET_HEADER = ("年度指标值", "年度目标值", "指标值", "目标值", "预期目标值", "计划值", "调整指标值")
_ACTUAL_HEADER = ("实际完成值", "全年实际值", "实际完成情况", "实际完成", "实际值", "完成值", "完成情况")
_CMP_HEADER = ("指标性质", "性质", "比较符号", "符号")
_UNIT_HEADER = ("度量单位", "计量单位", "单位")
_REASON_HEADER = ("偏差原因", "原因分析", "改进措施", "未完成原因", "偏差")
_WEIGHT_HEADER = ("分值", "权重")
_SCORE_HEADER = ("得分", "评分")
_NAME_HEADER = ("三级指标", "二级指标", "一级指标", "绩效指标", "指标名称", "具体指标")
_END_ROW = re.compile(r"^\s*(总\s*分|合\s*计|总\s*计|其他需要说明|说明|备注|填报|评价结论|自评结论)")

def cmp_of(text: str) -> str | None:
    """The comparator an 指标性质 cell (or a word) states: ≥ / 不低于 / 正向 -> ">=" …"""
    s = (text or "").strip()
    for w, c in _CMP_WORDS:
        if s.startswith(w):
            return c
    if "正向" in s:
        return ">="
    if "反向" in s:
        return "<="
    return None


@dataclass
class GridRow:
    """One indicator row of a 自评表's indicator block, its cells by role (target, actual, cmp,
    unit, weight, score, reason)."""

    table: Table
    r: int
    name: str
    levels: list[str]
    cells: dict[str, tuple[int, int, int] | None] = field(default_factory=dict)  # role -> (start, end, col)
    texts: dict[str, str] = field(default_factory=dict)  # role -> cell text
    claims: dict[str, Claim] = field(default_factory=dict)  # role -> claim in that cell

    def span(self, role: str):
        c = self.cells.get(role)
        return (c[0], c[1]) if c else None

    @property
    def comparator(self) -> str | None:
        """The 指标性质 column's comparator (≥ / ≤ / = / 正向 / 反向), None without one."""
        return cmp_of(self.texts.get("cmp", "")) if "cmp" in self.texts else None

    @property
    def unit(self) -> str | None:
        """The 度量单位 column's unit, None without one (or when it holds no unit)."""
        unit = (self.texts.get("unit") or "").strip() or None
        if unit and not _UNIT_CHARS.search(unit):
            return None
        return unit


@dataclass
class FundRow:
    """A 执行率 cell of a 自评表's funding block."""

    table: Table
    r: int
    label: str
    rate: Claim
    value: Decimal  # as a fraction (0.958 for 95.8%)


def _header_role(h: str) -> str | None:
    h = _SPACE_RUN.sub("", h)
    if any(w in h for w in _REASON_HEADER):
        return "reason"
    if any(w in h for w in _CMP_HEADER):
        return "cmp"
    if any(w in h for w in _UNIT_HEADER) and "指标值" not in h.split("/")[-1]:
        return "unit"
    if any(w in h for w in _ACTUAL_HEADER):
        return "actual"
    if any(w in h for w in _TARGET_HEADER):
        return "target"
    if any(w in h for w in _WEIGHT_HEADER):
        return "weight"
    if any(w in h for w in _SCORE_HEADER):
        return "score"
    if any(w in h for w in _NAME_HEADER) or h in ("指标", "绩效指标"):
        return "name"
    return None


def grid_rows(t: Table, by_cell) -> list[GridRow] | None:
    """The indicator rows of a table (None when it has no indicator block)."""
    grid = _grid(t)
    n = len(grid)
    for h in range(n):
        row = [_SPACE_RUN.sub("", v) for v in grid[h]]
        joined = "".join(row)
        if not (any(w in joined for w in _TARGET_HEADER) and any(w in joined for w in _ACTUAL_HEADER)
                and "指标" in joined):
            continue
        if any(_has_figure(v) for v in row):
            continue
        # a second header row (指标性质 / 指标值 / 度量单位 under 年度指标值) joins the first
        headers = list(row)
        start = h + 1
        while start < n and start <= h + 2:
            nxt = [_SPACE_RUN.sub("", v) for v in grid[start]]
            if any(_has_figure(v) for v in nxt) or not any(("指标" in v or "单位" in v or "性质" in v) for v in nxt):
                break
            headers = [a if a == b else f"{a}/{b}" for a, b in zip(headers, nxt)]
            start += 1
        roles: dict[str, int] = {}
        name_cols: list[int] = []
        for c, hd in enumerate(headers):
            last = hd.split("/")[-1]
            role = _header_role(last) or _header_role(hd)
            if role == "name":
                name_cols.append(c)
            elif role and role not in roles:
                roles[role] = c
        if "target" not in roles or "actual" not in roles:
            continue
        if not name_cols:
            name_cols = [c for c in range(min(roles.values()))]
        out = []
        for r in range(start, n):
            first = next((v for v in grid[r] if v.strip()), "")
            if _END_ROW.match(first):
                break
            names = []
            for c in name_cols:
                v = grid[r][c].strip()
                if v and v not in names:
                    names.append(v)
            if not names:
                continue
            rec = GridRow(t, r, _INDICATOR_NO.sub("", names[-1]), names[:-1])
            rec.texts["_target_header"] = headers[roles["target"]]
            for role, c in roles.items():
                cell = t.cell(r, c)
                rec.cells[role] = (cell.span[0], cell.span[1], c)
                rec.texts[role] = t.value(r, c).strip()
                cl = by_cell.get((t.table_no, r, c))
                if cl is not None and cl.quantity is not None:
                    rec.claims[role] = cl
            # a merged cell spanning both the target and actual columns holds one text: not a row
            if rec.cells["target"][:2] == rec.cells["actual"][:2]:
                continue
            out.append(rec)
        return out
    return None


def _grid(t: Table) -> list[list[str]]:
    """``t.grid()``, built once per table (read, never changed, by grid_rows and fund_rows)."""
    cached = t.__dict__.get("_jx_grid")
    if cached is None:
        cached = t.__dict__["_jx_grid"] = t.grid()
    return cached


def _has_figure(v: str) -> bool:
    return bool(_DIGIT.search(v or ""))


def fund_rows(t: Table, by_cell) -> list[FundRow]:
    """执行率 cells of a funding block (年度资金总额 row)."""
    grid = _grid(t)
    out = []
    for h, row in enumerate(grid):
        cols = [c for c, v in enumerate(row) if _SPACE_RUN.sub("", v).startswith("执行率")]
        if not cols or any(_has_figure(v) and "B/A" not in v for v in row):
            continue
        c = cols[0]
        for r in range(h + 1, min(h + 3, len(grid))):
            label = next((v for v in grid[r][:c] if v.strip() and not _has_figure(v)), "")
            if not _FUND_TOTAL.search(label):
                continue
            cl = by_cell.get((t.table_no, r, c))
            if cl is None or cl.value is None:
                continue
            v = cl.value
            if cl.unit in ("%", "％"):
                v = v / 100
            elif cl.unit is None and v > 1:
                v = v / 100
            out.append(FundRow(t, r, label.strip(), cl, v))
            break
    return out
