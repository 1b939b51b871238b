"""Score data shared by the scoring checks (JX601–JX606, JX651): indicator rows with their
目标 / 实际 / 分值 / 得分, the 预算执行率 row, stated totals and grades, first-level weights.

Read once per document (``scores(ctx)``) from three kinds of source:

- tables: a header row naming 分值 and 得分 (and 指标值 / 实际) starts an indicator block, a
  header naming 分值 / 执行率 / 得分 an execution block. Rows are read by the order of the
  header's columns, from the right, so a web table flattened into rows that lost their merged
  cells (labels shifted left) still reads; a row that does not fit is counted as unread and the
  block is then incomplete (no sums are checked on it).
- flattened text: a 自评表 pasted as one paragraph ("指标1:验收通过率100% 95% 6 5…"), read only
  after such a header and only where target, actual, 分值 and 得分 are clearly separated.
- sentences: "分值10分，得分12分", "……得5分" under a heading, "自评得分90分，评价等级为优".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex as re

from ..extract.claims import clause_before
from ..model import Claim, Paragraph, Span, Table
from .base import Context, fmt

# --------------------------------------------------------------------------- text helpers

_TRAD = str.maketrans(
    "標實際總執預數滿產質時級評優項績資額進計稅達務對會態續響據層單價費發應業經濟資結轉撥財政當務點",
    "标实际总执预数满产质时级评优项绩资额进计税达务对会态续响据层单价费发应业经济资结转拨财政当务点",
)


def simp(s: str) -> str:
    """The few traditional characters score tables use, simplified; spaces removed."""
    return re.sub(r"\s+", "", (s or "").translate(_TRAD))


_CMP_WORDS = [
    ("大于等于", ">="), ("小于等于", "<="), ("不低于", ">="), ("不少于", ">="), ("不高于", "<="),
    ("不超过", "<="), ("大于", ">"), ("小于", "<"), ("高于", ">"), ("低于", "<"), ("超过", ">"),
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≧", ">="), ("≤", "<="), ("≦", "<="), ("＞", ">"),
    (">", ">"), ("＜", "<"), ("<", "<"), ("﹦", "="), ("═", "="), ("＝", "="), ("=", "="),
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


def dec(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except (InvalidOperation, TypeError):
        return None


def decimals(s: str) -> int:
    m = re.search(r"\.(\d+)", s or "")
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

    def shown(self) -> str:
        """The figure as an auditor reads it (≥90%)."""
        if self.value is None:
            return self.text.strip()
        cmp = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}.get(self.comparator or "", "")
        return f"{cmp}{fmt(self.value)}{self.unit or ''}"


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
    level_weights: dict[str, Fig] = field(default_factory=dict)  # "产出指标(50分)" -> 50
    table: int | None = None

    @property
    def complete(self) -> bool:
        """Every row with figures was read (only tables: flattened text loses row bounds)."""
        return self.source == "table" and self.unread == 0 and bool(self.rows)


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
    out = Scores()
    claims_by_start: dict[int, list[Claim]] = {}
    for c in ctx.claims:
        claims_by_start.setdefault(c.span[0], []).append(c)
    reader = _Reader(ctx, out, claims_by_start)
    prev = None
    for b in ctx.doc.blocks:
        if isinstance(b, Table) and not b.is_toc:
            # a 自评表 split into tables at its inner header rows goes on in the next table
            reader.table(b, carry=isinstance(prev, Table))
        elif isinstance(b, Paragraph) and not b.is_toc:
            reader.flat(b)
        prev = b
    reader.sentences()
    return out


_TOTAL_LABEL = re.compile(r"^(总分|总得分|合计得分|得分合计|综合得分|自评总分|自评得分|总评分)[:：]?$")
_BLOCK_TOTAL_LABEL = re.compile(r"^(合计|总计)[:：]?$")
_SUBTOTAL_LABEL = re.compile(r"^(小计|合计)[:：]?$")
_LEVEL_WEIGHT = re.compile(r"[(（]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]")
_GRADE_CELL = re.compile(r"^[“\"「『]?(优秀|良好|不合格|合格|较差|优|良|中|差)[”\"」』]?$")


class _Reader:
    def __init__(self, ctx: Context, out: Scores, claims_by_start):
        self.ctx, self.out, self.claims_by_start = ctx, out, claims_by_start
        self.profile = ctx.profile
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
            m2 = re.match(r"^(?P<body>.+?)(?P<suf>及以上|及以下|以上|以下|以内)$", t)
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

    def category(self, labels) -> str | None:
        for lab in labels:
            s = simp(lab)
            s = _LEVEL_WEIGHT.sub("", s)
            if not _is_level_label(s):
                continue
            cat = self.profile.category_of(s)
            if cat:
                return cat
        return None

    # ---- tables
    def table(self, t: Table, carry: bool = False) -> None:
        mode = None  # None | indicator | execution
        order: list[str] = []
        has_dev = False
        block: Block | None = None
        exec_read = False
        last_cat: str | None = None
        cols: dict[str, int] | None = None  # header slot -> column, for tables that keep their grid
        aligned: bool | None = None  # whether rows read in sequence sit in those columns
        first = next((_row_cells(t, r) for r in range(t.n_rows) if _row_cells(t, r)), [])
        if carry and self.state is not None and "指标" in simp("".join(c[0] for c in first)):
            mode, order, has_dev, block, exec_read, last_cat, cols, aligned = self.state
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
                last_cat = None
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
                if m and _is_level_label(s) and len(s) <= 12:
                    cat = self.profile.category_of(s)
                    if cat and cat not in block.level_weights:
                        v = dec(m.group("num"))
                        num_span = (span[0] + m.start("num"), span[0] + m.end("num"))
                        block.level_weights[cat] = Fig(m.group(0), num_span, v)
            row = self._indicator_row(cells, order, has_dev)
            if row is not None and cols is not None and aligned is not False:
                aligned = _in_column(t, r, cols["W"], row.weight) and _in_column(t, r, cols["S"], row.score)
            if row is None and cols is not None and aligned:
                row = self._positional_row(t, r, cols, has_dev)
            if row is None:
                sub = self._subtotal_row(cells)
                if sub is not None:
                    sub.block, sub.table = block.id, t.table_no
                    sub.category = sub.category or last_cat
                    self.out.subtotals.append(sub)
                elif any(_BARE.match(c[0]) for c in cells):
                    block.unread += 1
                continue
            row.category = row.category or last_cat
            last_cat = row.category
            row.block, row.table = block.id, t.table_no
            block.rows.append(row)
            self.out.rows.append(row)
        self.state = (mode, order, has_dev, block, exec_read, last_cat, cols, aligned)

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
        return Row(re.sub(r"\s+", "", labels[-1]), (t.rows[r][0].span[0], t.rows[r][-1].span[1]), "table",
                   category=self.category(labels), labels=labels, target=t_, actual=a_, weight=w, score=s,
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
        if not all(_is_level_label(s) or _SUBTOTAL_LABEL.match(s) for s in texts):
            return None
        cat = self.category([c[0] for c in labels])
        if cat is None and not any(_SUBTOTAL_LABEL.match(s) for s in texts):
            return None
        w, s = self.fig(*nums[0], bare=True), self.fig(*nums[1], bare=True)
        return Row(texts[0], (cells[0][1][0], cells[-1][1][1]), "table", kind="subtotal", category=cat,
                   labels=tuple(texts), weight=w, score=s)

    def _execution_row(self, cells, order) -> Row | None:
        """年度资金总额 | 29 | 29 | 27.8 | 9 | 95.8% | 8: 分值, 执行率 and 得分 around the rate."""
        figs = []
        for text, span in cells:
            t = text.strip()
            if _BARE.match(t) or re.match(rf"^{_NUM}\s*[%％]$", t):
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
        label = next((c[0] for c in cells if not _BARE.match(c[0]) and not re.match(rf"^{_NUM}\s*[%％]$", c[0])), "")
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
        name = re.sub(r"\s+", "", labels[-1])
        return Row(name, (cells[0][1][0], cells[-1][1][1]), "table", category=self.category(labels),
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
        last_cat = None
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
            cat = self.category(labels) or last_cat
            last_cat = cat
            after = text[m.end():m.end() + 12]
            deviation = "" if has_dev and (not after.strip() or _ROW_START.match(after)) else None
            name = labels[-1] if labels else ""
            if not name:
                block.unread += 1
                continue
            row = Row(name, (base + m.start(), base + m.end()), "flat", category=cat, labels=tuple(labels),
                      target=t, actual=a, weight=w, score=s, deviation=deviation, block=block.id)
            block.rows.append(row)
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
            nums = list(re.finditer(rf"{_NUM}%?", m.group("nums")))
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
            s0, s1 = _sentence(text, c.span[0])
            clause_start, clause = clause_before(text, c.span[0])
            clause = text[max(s0, clause_start):c.span[0]]
            before = [x for x in ctx.claims if s0 <= x.span[0] < c.span[0] and x.source == "text"]
            grade = next((x for x in reversed(before) if x.role == "grade"), None)
            after_grade = grade is not None and re.fullmatch(  # 评价等级为优（得分92分）
                r"[”\"」』]?[\s，,(（]*(?:得分|总分|评分)\s*(?:为|是)?\s*[:：]?", text[grade.span[1]:c.span[0]])
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
        chain = [s.heading.title for s in ctx.doc.root.walk()
                 if s.heading is not None and s.span[0] <= c.span[0] < s.span[1]]
        cat = None
        for title in chain:  # outermost first
            st = simp(title)
            if _is_level_label(st) or "指标" in st or "情况" in st:
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

_LIST_MARK = re.compile(r"(?<![\d.])\d{1,2}\s*[)）、]|[(（]\s*\d{1,2}\s*[)）]|[①-⑳]|[一二三四五六七八九十][、)）]")
_BARE_SCORE_CLAUSE = re.compile(r"^[\s，,。；;：:]*(?:目标完成|完成目标|已完成|达成目标|自评)?[，,]?\s*(?:得分|得|评分|自评得分)\s*(?:为|是)?\s*$")
_BARE_NUMBER = re.compile(rf"^(?:{_CMP_RE})?\s*{_NUM}$")
_ROW_START = re.compile(r"^\s*(指标\s*\d|[一二三]级指标|[\p{Han}]{2,6}指标|……|…|$)")
_REASON = re.compile(r"原因|由于|因为|扣\s*\d|扣分|扣除|但|未能|未完成|未达到|偏差")
_FLAT_HEADER = re.compile(r"(?:年度|指标值|目标值)[^。；]{0,30}?(?:实际|完成值)[^。；]{0,20}?分值[^。；]{0,10}?得分(?:[^。；]{0,6}?(?:偏差原因|原因分析|改进措施)[\p{Han}]*)?")
_FLAT_EXEC_HEADER = re.compile(r"(?:(?:年初预算数|全年预算数|调整后预算数|预算数|全年执行数|执行数|分值|执行率|得分)\s*(?:\([A-Z]\)|（[A-Z]）|\(B/A\)|（B/A）)?\s*){4,7}")
_EXEC_COLS = re.compile(r"年初预算数|全年预算数|调整后预算数|预算数|全年执行数|执行数|分值|执行率|得分")
_FLAT_EXEC_ROW = re.compile(rf"年度资金总额\s*[:：]?\s*(?P<nums>{_NUM}%?(?:\s+{_NUM}%?){{2,6}})(?![\d.%])")
_FVAL = rf"(?:(?:{_CMP_RE}))?\d+(?:\.\d+)?(?:%|％|‰|[\p{{Han}}]{{1,3}})?"
# figures run together only where a unit or a sign separates them ("100%95%"), never digit to digit
_SEP = rf"(?:\s+|(?<=[^\d.\s])|(?=(?:{_CMP_RE})))"
_FLAT_ROW = re.compile(rf"(?<![\d.%])(?P<t>{_FVAL}){_SEP}(?P<a>{_FVAL}){_SEP}(?P<w>{_NUM})\s+(?P<s>{_NUM})(?![\d.%])")
_FLAT_SAME = re.compile(rf"(?P<x>(?=[^\s]*\p{{Han}})[^\s]{{2,80}}?)\s*(?P<x2>(?P=x))\s*(?P<w>{_NUM})\s+(?P<s>{_NUM})(?![\d.%])")
_TEXT_LEVEL_WEIGHT = re.compile(r"(?P<name>产出指标|产出|效益指标|效益|满意度指标|满意度|预算执行率|预算资金执行率|资金执行率|执行率)\s*[(（]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]")
_OTHER_FRAMEWORK = re.compile(r"(决策|过程|投入|项目管理|组织管理)(?:指标)?\s*[(（]?\s*\d+(?:\.\d+)?\s*分")
_CATEGORY_SCORE = re.compile(r"(?P<name>产出指标|产出|效益指标|效益|满意度指标|满意度|预算执行率|预算资金执行率|资金执行率)\s*(?:部分|类)?\s*(?:共|合计)?\s*(?:得分|得|评分)\s*(?:为|是)?\s*$")
_TOTAL_CUE = re.compile(r"(总分|总得分|自评总分|自评得分|综合得分|综合评分|评价得分|绩效得分|评价分|自评分|最终得分|得分合计|合计得分|总评分)\s*(?:为|是|达到?)?\s*[:：]?\s*$")
_STRONG_TOTAL_CUE = re.compile(r"(总分|总得分|自评总分|综合得分|综合评分|最终得分|得分合计|合计得分|总评分)\s*(?:为|是|达到?)?\s*[:：]?\s*$")


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
    m = re.match(rf"^({_NUM})\s*([%％])?$", t)
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
    return bool(re.fullmatch(r"%|％|‰|[A-Za-z/²³·]{1,5}|[\p{Han}A-Za-z/²³·]{1,4}", u)) and not re.search(
        r"指标|完成|目标|实际|分值|得分|合格|及时|满意|以上|以下|以内", u)


def _norm_unit(u: str | None) -> str | None:
    if u in ("％",):
        return "%"
    return u or None


def _is_level_label(s: str) -> bool:
    """一级/二级 指标 labels: 产出指标, 数量指标, 服务对象满意度指标, 效益指标（30分）."""
    s = _LEVEL_WEIGHT.sub("", s)
    return s.endswith("指标") or s in ("产出", "效益", "满意度", "预算执行率") or bool(
        re.fullmatch(r"(产出|效益|满意度|经济效益|社会效益|生态效益|可持续影响|数量|质量|时效|成本)(指标)?", s))


def _flat_labels(lead: str) -> list[str]:
    """Labels before a flattened row's figures: 质量指标 指标1:验收通过率 -> [质量指标, 验收通过率]."""
    s = lead.strip()
    parts = [x for x in re.split(r"\s+|指标\s*\d+\s*[:：]", s) if x]
    out = []
    for x in parts:
        m = re.match(r"^((?:产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标)(.*)$", x)
        if m:
            out.append(m.group(1))
            if m.group(2):
                out.append(m.group(2))
        else:
            out.append(x)
    return out


def _sentence(text: str, pos: int) -> Span:
    s = pos
    while s > 0 and text[s - 1] not in "。；;！？!?\n":
        s -= 1
    e = pos
    while e < len(text) and text[e] not in "。；;！？!?\n":
        e += 1
    return s, e


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
    """">=" when more is better, "<=" when less is."""
    if row.direction:
        return row.direction
    cmp = row.target.comparator if row.target else None
    if cmp in (">=", ">"):
        return ">="
    if cmp in ("<=", "<"):
        return "<="
    names = [simp(row.name)] + [simp(x) for x in row.labels]
    return "<=" if any(profile.is_reverse(n) for n in names if n) else ">="


def quantitative(row: Row) -> bool:
    t, a = row.target, row.actual
    return (t is not None and a is not None and t.numeric and a.numeric and a.comparator in (None, "=")
            and (t.unit == a.unit or t.unit is None or a.unit is None))


def met(row: Row, profile) -> bool | None:
    """Whether a quantitative actual meets its target (None: not quantitative)."""
    t, a = row.target, row.actual
    if t is None or a is None or not (t.numeric and a.numeric):
        return None
    if t.unit and a.unit and t.unit != a.unit:
        return None
    if direction(row, profile) == ">=":
        if a.comparator in (">=", ">") and a.value >= t.value:
            return True
        if a.comparator not in (None, "="):
            return None
        return a.value > t.value if t.comparator == ">" else a.value >= t.value
    if a.comparator in ("<=", "<") and a.value <= t.value:
        return True
    if a.comparator not in (None, "="):
        return None
    return a.value < t.value if t.comparator == "<" else a.value <= t.value


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
        s0, s1 = _sentence(text, c.span[0])
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
