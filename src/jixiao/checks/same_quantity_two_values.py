"""JX401 同一数据前后不一致

检查内容
  同一个量在报告不同位置给出了不同的数值：
  - 同一指标（含同义说法，如“在职人数”与“在编在岗人员”）在两处数值不同，正文与自评表
    之间也比较；同一指标的目标值前后写得不一样也报告；
  - 同一口径的金额两处不同（两处“决算基本支出”不一样；未注明口径的支出数与决算数不同；
    按资金来源划出的一部分反比全部还大）；
  - 预算收入合计与预算支出合计不相等：收入表（含年初结转）与支出表的年初预算、调整预算
    合计，或收支总表的“收入总计”与“支出总计”（预算收支应平衡）。
  只比较真正指同一个量的数字：年初预算、调整预算、决算、到位、支付、下达、上报认定数、计划
  数、上年数各是各的量；收入与支出、人员经费与人员数、不同年度、“其中”所列的部分与总数、
  目标值与实际值、同比增减和占比等相对数都不相比较。同一章下并列的小节（往往分别写不同项目、
  不同资金）只有在它们另有一个金额相同、说明写的是同一件事时才相比较；含多张自评表的报告
  不拿表中数字与正文相比。四舍五入造成的差异（9811.26万元与0.98亿元）视为一致。

为何重要
  同一数据前后打架，说明报告至少有一处数字错误或口径混用，读者无法判断哪一个可信，
  也常常意味着某段文字照抄了预算数或上年数。

应报示例
  “年末在职人数28人”与“全年在编在岗人员共计35人”；两处“决算基本支出”分别为320.50万元
  和350.20万元；收入表年初预算合计1200.00万元而支出表年初预算合计1500.00万元。

不报示例
  编制数30人与实有人数28人；年初预算基本支出与决算基本支出不同；“上报认定数”与实际数不同；
  9811.26万元与0.98亿元；“其中”所列行政编制与实有行政编制；一般公共预算项目支出小于全部
  项目支出；同比增速、占比等相对数。

依据
  《中华人民共和国预算法》第十二条（收支平衡）、财政部部门决算编报要求（报表与说明数据
  一致）；财预〔2020〕10号《项目支出绩效评价管理办法》（评价数据真实、准确）。
"""
from __future__ import annotations

import regex as re

from ..extract.indicators import is_indicator_table
from ..extract.tables import table_layout
from ..model import Claim, Table
from . import _conflicts as K
from .base import Context, rule

_STAGE_ZH = {"budget": "年初预算", "adjusted": "调整预算", "final": "决算", "received": "到位", "paid": "支付",
             "allocated": "下达", "reported": "上报认定", "prior": "上年", "plan": "计划"}
_STAGE_EN = {"budget": "budget", "adjusted": "adjusted budget", "final": "final accounts", "received": "received",
             "paid": "paid", "allocated": "allocated", "reported": "reported", "prior": "prior year", "plan": "plan"}
_ADDITIVE = {"money", "count:人", "area", "number"}
_TOTAL_ROW = re.compile(r"^\s*(?:\d+\s*[、.．]\s*)?(?:本年)?(?:收入|支出)?\s*(?:合\s*计|总\s*计)\s*[:：]?\s*$")
_CARRY = re.compile(r"结转|结余")


# --------------------------------------------------------------------------- pairs


def _siblings(ctx: Context, a: Claim, b: Claim) -> bool:
    """Two figures in different subsections of one chapter: such sections usually report on
    parallel things (two projects, two fund types, two units), each with its own figures."""
    def chain(off):
        return [s for s in K.section_chain(ctx.doc, off) if s.level >= 1]

    ca, cb = chain(a.span[0]), chain(b.span[0])
    i = 0
    while i < min(len(ca), len(cb)) and ca[i] is cb[i]:
        i += 1
    if not (0 < i < len(ca) and i < len(cb)):
        return False
    return not _anchored(ctx, ca[i].span, cb[i].span, (a, b))


def _anchored(ctx: Context, sa, sb, pair) -> bool:
    """The two sections restate one thing: another amount is given in both with the same value."""
    ms = [m for m in K.mentions(ctx) if m.key and m.unit_key == "money" and m.role == "value"
          and m.claim not in pair]
    ina = [m for m in ms if sa[0] <= m.claim.span[0] < sa[1]]
    inb = [m for m in ms if sb[0] <= m.claim.span[0] < sb[1]]
    return any(x.key == y.key and x.stage == y.stage and K.same_value(x.claim, y.claim)
               for x in ina for y in inb)


def _indicator_tables(ctx: Context) -> int:
    def count():
        return sum(1 for t in ctx.doc.tables if not t.is_toc and is_indicator_table(table_layout(t).headers))

    return ctx.memo("conflicts.indicator_tables", count)


def _same_whole(ctx: Context, x: str, y: str) -> bool:
    """Two wholes are one: the same claim, or the same metric with the same value."""
    if x == y:
        return True
    cx, cy = ctx.claim(x), ctx.claim(y)
    if cx.quantity is None or cy.quantity is None or cx.quantity.kind != cy.quantity.kind:
        return False
    return K.metric_key(cx.metric)[0] == K.metric_key(cy.metric)[0] != "" and K.same_value(cx, cy)


def _comparable(ctx: Context, a: K.Mention, b: K.Mention, parts) -> str | None:
    """"same" (clearly one quantity), "probable", or None (different quantities)."""
    if not a.key or a.key != b.key or a.role != b.role or a.unit_key != b.unit_key or a.period != b.period:
        return None
    ca, cb = a.claim, b.claim
    if a.sentence == b.sentence or (a.table is not None and a.table == b.table):
        return None
    qa, qb = ca.quantity, cb.quantity
    if a.role != "target" and (qa.comparator or qb.comparator or qa.approximate or qb.approximate):
        return None
    if qa.is_range or qb.is_range:
        return None
    wa = [pw.whole for pw in parts.get(ca.id, ())]
    wb = [pw.whole for pw in parts.get(cb.id, ())]
    if wa and wb and not any(_same_whole(ctx, x, y) for x in wa for y in wb):
        return None  # parts of two different wholes (编制 其中 行政编制 vs 实有 其中 行政编制)
    if _siblings(ctx, ca, cb):
        return None
    if (ca.source == "table" or cb.source == "table") and _indicator_tables(ctx) > 1:
        return None  # several 自评表: a table figure may belong to any of their projects
    verdict = "same"
    if a.stage != b.stage:
        if {a.stage, b.stage} == {None, "final"} and a.unit_key == "money":
            verdict = "probable"  # an unqualified spending figure against the 决算 one
        else:
            return None
    if a.scope != b.scope:
        if a.scope and b.scope:
            return None
        if a.unit_key not in _ADDITIVE:
            return None
        scoped, whole = (a, b) if a.scope else (b, a)
        if scoped.claim.quantity.normalized() <= whole.claim.quantity.normalized():
            return None  # a part (一般公共预算 项目支出) below the whole is no conflict
        verdict = "probable"
    if verdict == "same" and K.plain(a.surface) != K.plain(b.surface):
        verdict = "probable"  # synonyms, not the same words
    return verdict


# --------------------------------------------------------------------------- messages


def _describe(ctx: Context, m: K.Mention, key: str) -> tuple[str, str]:
    c = m.claim
    where = K.where(ctx.doc, c)
    tag_zh, tag_en = [], []
    if m.surface and K.plain(m.surface).rstrip("数") != key.rstrip("数"):
        tag_zh.append(m.surface)
        tag_en.append(m.surface)
    if m.stage and not any(w in m.surface for w in K.STAGE_CUES[m.stage]):
        tag_zh.append(_STAGE_ZH[m.stage])
        tag_en.append(_STAGE_EN[m.stage])
    zh = f"在“{where}”中为{K.figure(c)}" + (f"（{'，'.join(tag_zh)}）" if tag_zh else "")
    en = f"{K.figure(c)} in “{where}”" + (f" ({', '.join(tag_en)})" if tag_en else "")
    return zh, en


def _budget_echo(ctx: Context, m: K.Mention, pool: list[K.Mention]) -> Claim | None:
    """The budget figure an unqualified figure repeats (the same metric, stage 预算, same value)."""
    if m.stage is not None:
        return None
    for o in pool:
        if o.key == m.key and o.stage in ("budget", "adjusted") and o.claim is not m.claim \
                and o.unit_key == m.unit_key and K.same_value(o.claim, m.claim):
            return o.claim
    return None


def _conflict_hits(ctx: Context):
    ms = [m for m in K.mentions(ctx) if m.key]
    parts = K.part_index(ctx)
    by_key: dict[tuple, list[K.Mention]] = {}
    for m in ms:
        by_key.setdefault((m.key, m.role, m.unit_key), []).append(m)
    for (key, _role, _unit), group in by_key.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda m: m.claim.span)
        # conflicting pairs, joined into groups (a value given three ways is one finding)
        parent = list(range(len(group)))
        edges: list[tuple[int, int, str]] = []

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group[i], group[j]
                v = _comparable(ctx, a, b, parts)
                if v is None or K.same_value(a.claim, b.claim):
                    continue
                edges.append((i, j, v))
                parent[find(j)] = find(i)
        comps: dict[int, list[int]] = {}
        for i in sorted({k for i, j, _ in edges for k in (i, j)}):
            comps.setdefault(find(i), []).append(i)
        for r, idx in comps.items():
            members = [group[i] for i in idx]
            same = any(v == "same" for i, j, v in edges if find(i) == r)
            severity = "error" if same else "warning"
            # one mention per distinct value, in text order
            shown: list[K.Mention] = []
            for m in members:
                if not any(K.same_value(m.claim, s.claim) and m.stage == s.stage for s in shown):
                    shown.append(m)
            if len(shown) < 2:
                continue
            surfaces = {K.plain(m.surface) for m in shown}
            name = surfaces.pop() if len(surfaces) == 1 and next(iter(surfaces)) else key
            parts_zh, parts_en = zip(*(_describe(ctx, m, name) for m in shown))
            subject, subject_en = (f"{name}的目标值", f"The target for {name}") if _role == "target" else (name, name)
            msg = f"{subject}{'，'.join(parts_zh)}，前后不一致。"
            en = f"{subject_en} is given as {', '.join(parts_en)}: the figures disagree."
            for m in shown:
                echo = _budget_echo(ctx, m, ms)
                if echo is not None:
                    where = K.where(ctx.doc, echo)
                    msg = msg[:-1] + f"；{K.figure(m.claim)}与“{where}”中的预算数相同，疑沿用了预算数。"
                    en = en[:-1] + f"; {K.figure(m.claim)} equals the budget figure in “{where}” and may repeat it."
                    break
            yield ctx.hit(msg, [m.claim for m in shown], severity=severity,
                          suggestion="核实各处数据的口径和来源，统一为正确数值；口径确有不同的，注明口径。",
                          message_en=en)


# --------------------------------------------------------------------------- budget balance


def _total_cells(ctx: Context, t: Table) -> dict[str, Claim]:
    """stage -> the grand-total cell of a table (its last 合计/总计 row), for budget columns."""
    layout = table_layout(t)
    claims = {(c.location.row, c.location.column): c for c in ctx.claims
              if c.source == "table" and c.location is not None and c.location.table == t.table_no
              and c.quantity is not None and c.quantity.kind == "money"}
    total_row = None
    for r in range(layout.header_rows, t.n_rows):
        label = " ".join(t.value(r, c) for c in layout.label_cols)
        if _TOTAL_ROW.match(label.strip() or "-"):
            total_row = r
    if total_row is None:
        return {}
    out = {}
    for col, header in enumerate(layout.headers):
        stage = K.stage_of_header(header)
        c = claims.get((total_row, col))
        if stage in ("budget", "adjusted") and c is not None and stage not in out:
            out[stage] = c
    return out


def _has_carryover(ctx: Context, t: Table) -> bool:
    layout = table_layout(t)
    return any(_CARRY.search(layout.row_label(r) or "") for r in range(layout.header_rows, t.n_rows))


_GRAND = re.compile(r"^\s*(?:\d+\s*[、.．]\s*)?(收入|支出)\s*总\s*计\s*[:：]?\s*$")


def _one_table_balance(ctx: Context, t: Table):
    """A 收支总表 with a 收入总计 row and a 支出总计 row: their budget columns must agree."""
    layout = table_layout(t)
    rows = {}
    for r in range(layout.header_rows, t.n_rows):
        m = _GRAND.match(" ".join(t.value(r, c) for c in layout.label_cols).strip() or "-")
        if m:
            rows.setdefault(m.group(1), r)
    if len(rows) != 2:
        return []
    cells = {(c.location.row, c.location.column): c for c in ctx.claims
             if c.source == "table" and c.location is not None and c.location.table == t.table_no
             and c.quantity is not None and c.quantity.kind == "money"}
    out = []
    for col, header in enumerate(layout.headers):
        stage = K.stage_of_header(header)
        a, b = cells.get((rows["收入"], col)), cells.get((rows["支出"], col))
        if stage in ("budget", "adjusted") and a is not None and b is not None:
            out.append((stage, a, b))
    return out


def _balance_hits(ctx: Context):
    tables = [t for t in ctx.doc.tables if not t.is_toc]
    for t in tables:
        bad = [(s, a, b) for s, a, b in _one_table_balance(ctx, t) if not K.same_value(a, b)]
        if bad:
            yield _balance_hit(ctx, bad)
    sides = [(t, K.table_side(ctx.doc, t)) for t in tables]
    incomes = [t for t, s in sides if s == "income"]
    spends = [t for t, s in sides if s == "expenditure"]
    for inc in incomes:
        if not spends or not _has_carryover(ctx, inc):
            continue  # without 结转 the income side need not equal spending
        exp = min(spends, key=lambda t: abs(t.index - inc.index))
        ti, te = _total_cells(ctx, inc), _total_cells(ctx, exp)
        pairs = [(stage, ti[stage], te[stage]) for stage in ("budget", "adjusted") if stage in ti and stage in te]
        bad = [(s, a, b) for s, a, b in pairs if not K.same_value(a, b)]
        if bad:
            yield _balance_hit(ctx, bad)


def _balance_hit(ctx: Context, bad):
    zh = "；".join(f"{_STAGE_ZH[s]}收入合计为{K.figure(a)}，支出合计为{K.figure(b)}" for s, a, b in bad)
    en = "; ".join(f"{_STAGE_EN[s]} income total {K.figure(a)}, expenditure total {K.figure(b)}"
                   for s, a, b in bad)
    ev = [x for _, a, b in bad for x in (a, b)]
    return ctx.hit(f"预算收入与预算支出的合计不相等：{zh}，预算收支应当平衡。", ev,
                   expected=K.figure(bad[0][2]),
                   suggestion="核对收入与支出的预算数，使收入合计（含年初结转）等于支出合计。",
                   message_en=f"Budgeted income and expenditure totals differ: {en}; a budget must balance.")


@rule("JX401", "same-quantity-two-values", category="value-conflict", severity="warning",
      fire=[
          "一、部门概况\n（一）人员情况\n本单位编制数30人，年末在职人数28人。\n"
          "二、绩效实现情况\n（一）履职完成情况\n全年在编在岗人员共计35人，保障了机关正常运转。\n",
          "一、基本情况\n2023年部门决算支出500.00万元，其中基本支出320.50万元、项目支出179.50万元。\n"
          "二、支出情况\n（一）基本支出\n2023年决算基本支出为350.20万元，主要用于人员工资和日常办公。\n",
          "一、预算情况\n（一）收入情况\n收入预算表（单位：万元）\n项目\t年初预算数\n1、本年收入\t1200.00\n"
          "2、年初结转和结余\t0.00\n合计\t1200.00\n（二）支出情况\n支出预算表（单位：万元）\n项目\t年初预算数\n"
          "1、基本支出\t500.00\n2、项目支出\t1000.00\n合计\t1500.00\n",
      ],
      nofire=[
          "一、部门概况\n本单位编制数30人，实有人数28人。\n二、绩效实现情况\n"
          "全年在职人数28人，比上年减少2人。\n",
          "一、基本情况\n2023年年初预算基本支出300.00万元；2023年决算基本支出320.50万元。\n"
          "二、支出情况\n决算基本支出320.50万元，主要用于人员工资。\n",
          "一、产出情况\n全年新签约项目12个（上报认定数：签约项目21个）。\n二、效益情况\n"
          "全年新签约项目12个，带动就业300人。\n",
          "一、收支情况\n年初部门预算收入9811.26万元。\n二、说明\n年初部门预算收入约0.98亿元，全部为财政拨款。\n",
          "一、人员情况\n编制数45人，其中行政编制35人；实有在职人数40人，其中行政编制31人。\n",
          "一、支出情况\n2023年决算项目支出4600.00万元。\n二、分项情况\n（一）一般公共预算支出情况\n"
          "项目支出720.00万元，主要用于园区建设。\n（二）政府性基金预算支出情况\n项目支出3880.00万元。\n",
      ])
def check(ctx: Context):
    yield from _conflict_hits(ctx)
    yield from _balance_hits(ctx)
