"""JX202 金额单位与所在栏目或总量矛盾

检查内容
  一个金额的单位或量级与它所在的位置矛盾：
  - 表格栏目（或表头“单位：万元”）已规定单位，某个单元格却另写了不同的金额单位，如“金额
    （万元）”一栏里写“770.00元”；
  - 表格同一行中，全年执行数（决算数）与全年预算数相差约一千倍或一万倍，像是按元填进了
    万元栏；
  - 正文中部门自己的某项预算或支出按所写单位计，比部门全部预算或决算的总额还大十倍以上，
    而按总额的单位读就合理（如总额500万元，某项支出写作“3.5亿元”）；
  - 同一句列举的几项金额中，一项写“元”、其余写“万元”（或相反），数字量级相同，单位却相差
    一万倍。
  已列明合计或“其中”总额的列举（可用合计验证的单位错误）由 JX201 检查，本检查不重复报告。

为何重要
  元与万元相差一万倍，写错一个字，金额就面目全非，表格合计、执行率和各项比较随之失真。

应报示例
  “（单位：万元）”表中一格写“770.00元”；全年预算800.00、全年执行数7700000.00的同一行；
  “其中：专精特新项目1650万元、服务体系建设项目1709.98元”。

不报示例
  同一表中另起一栏“单价（元）”；正文写“每人补助1200元”与“补助资金120万元”；全年预算数
  与执行数相差几倍（预算调整）；营业收入、投资额等经济指标以亿元计而部门预算以万元计；
  同一金额分别写作“12000元”和“1.2万元”。

依据
  财政部部门预算、决算报表编制说明（金额单位统一为万元，保留两位小数）；
  GB/T 15835—2011《出版物上数字用法》。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..extract.quantities import header_unit, unit_info
from ..extract.tables import table_layout
from ..model import Claim, Table
from . import _conflicts as K
from .base import Context, fmt, rule

_INDICATOR_HEADER = re.compile(r"三级指标|指标值|绩效指标|一级指标")
_LIST_SEP_LEAD = re.compile(r"^[、，,；;]")
_SENTENCE_END = re.compile(r"[。！？]")
_PER_UNIT = re.compile(r"每|人均|户均|亩均|平均|标准|单价|补助额度|/|／|元/")
_ECONOMY = re.compile(r"投资|产值|营业|营收|税收|税金|引资|融资|贷款|收益|社会资本|增加值|销售|GDP|生产总值|交易|成交|"
                      r"授信|放贷|担保|出口|进口|利润|资产|存款")
_TOTAL_METRIC = re.compile(r"(?:收入|支出|预算|决算|总额|总投资|资金总额|合计|总计)$")
_WHOLE_MARK = re.compile(r"部门|单位|总|合计|本年|全年|年初|决算|预算")
_STAGE_COLS = ("adjusted", "budget", "final")


def _scale(unit: str | None) -> Decimal | None:
    info = unit_info(unit) if unit else None
    if not info or info[0] != "money":
        return None
    return Decimal(info[1])


def _money(c: Claim) -> bool:
    return c.quantity is not None and c.quantity.kind == "money"


def _unit_name(scale: Decimal) -> str:
    return {Decimal(1): "元", Decimal(1000): "千元", Decimal(10000): "万元", Decimal(100000000): "亿元"}.get(scale, "")


# --------------------------------------------------------------------------- tables


def _table_cells(ctx: Context, t: Table) -> dict[tuple[int, int], Claim]:
    return ctx.memo("unit_against_column.cells", lambda: _cells_by_table(ctx)).get(t.table_no, {})


def _cells_by_table(ctx: Context) -> dict[int, dict[tuple[int, int], Claim]]:
    """Table number -> (row, column) -> the claim a figure cell holds."""
    out: dict[int, dict[tuple[int, int], Claim]] = {}
    for c in ctx.claims:
        if c.source == "table" and c.location is not None and c.quantity is not None \
                and K.figure_cell(ctx.doc, c):
            out.setdefault(c.location.table, {})[(c.location.row, c.location.column)] = c
    return out


def _indicator_rows(t: Table, header_rows: int) -> int:
    """The first row of an indicator block inside the table (its columns mean something else)."""
    for r in range(header_rows, t.n_rows):
        row = "".join(t.value(r, c) for c in range(t.n_cols))
        if _INDICATOR_HEADER.search(row):
            return r
    return t.n_rows


def _declared_unit(t: Table, layout, r: int, col: int) -> str | None:
    """The money unit a cell takes from its column header, its table caption, or the label of its
    row block ("项目资金（万元）" merged down the funding rows of a 自评表)."""
    unit = layout.units[col] if col < len(layout.units) else None
    if _scale(unit) is None:
        unit = None
        for lc in layout.label_cols:
            u = header_unit(t.value(r, lc))
            if _scale(u) is not None:
                unit = u
                break
    return unit


def _bare(c: Claim) -> bool:
    """A cell written as a bare number, taking its unit from the table."""
    q = c.quantity
    return q.unit is None or c.text.strip().endswith(tuple("0123456789"))


def _column_hits(ctx: Context, t: Table):
    layout = table_layout(t)
    cells = _table_cells(ctx, t)
    stop = _indicator_rows(t, layout.header_rows)
    for (r, col), c in sorted(cells.items()):
        if not (layout.header_rows <= r < stop) or _bare(c) or c.quantity.kind != "money":
            continue
        unit = _declared_unit(t, layout, r, col)
        declared = _scale(unit)
        if declared is None or c.quantity.scale == declared:
            continue
        siblings = [x for (rr, cc), x in cells.items() if cc == col and rr != r and layout.header_rows <= rr < stop
                    and _declared_unit(t, layout, rr, cc) == unit and _bare(x)]
        if not siblings:
            continue  # a column of figures each with its own unit declares nothing
        q = c.quantity
        header = layout.headers[col].split("/")[-1] or "表头"
        label = layout.row_label(r) or "本行"
        written = _unit_name(q.scale) or q.unit
        as_declared = f"{format(q.value, 'f')}{unit}"
        yield ctx.hit(
            f"“{header}”栏的金额单位为{unit}，“{label}”一行却写作{K.figure(c)}，与栏目单位不一致；"
            f"按{unit}应为{as_declared}。",
            [c], expected=as_declared, severity="warning",
            suggestion=f"删去单元格中的“{written}”，或将金额换算为{unit}填列。",
            message_en=f"Column “{header}” is in {unit} but row “{label}” reads {K.figure(c)}; "
                       f"in {unit} it would read {as_declared}.")


def _row_hits(ctx: Context, t: Table):
    """In one row, the 执行数 about 1000 or 10000 times the 预算数 (or the reverse)."""
    layout = table_layout(t)
    cells = _table_cells(ctx, t)
    stop = _indicator_rows(t, layout.header_rows)
    stages = {col: K.stage_of_header(h) for col, h in enumerate(layout.headers)}
    by_row: dict[int, list[tuple[int, Claim]]] = {}
    for (rr, col), c in cells.items():
        by_row.setdefault(rr, []).append((col, c))
    for r in range(layout.header_rows, stop):
        # bare cells that take the table's unit (a cell with a unit of its own is _column_hits' case)
        row = {stages[col]: c for col, c in by_row.get(r, ())
               if stages.get(col) in _STAGE_COLS and _bare(c) and c.quantity.value > 0
               and _declared_unit(t, layout, r, col) is not None}
        plan = row.get("adjusted") or row.get("budget")
        done = row.get("final")
        if plan is None or done is None:
            continue
        a, b = plan.quantity.value, done.quantity.value
        big, small = (done, plan) if b > a else (plan, done)
        ratio = max(a, b) / min(a, b)
        factor = next((f for f in (Decimal(10000), Decimal(1000)) if f * Decimal("0.3") <= ratio <= f * Decimal("1.5")),
                      None)
        if factor is None or ratio < ctx.tolerance("unit_ratio") * Decimal("0.3"):
            continue
        label = layout.row_label(r) or "本行"
        yield ctx.hit(
            f"表中“{label}”一行{K.figure(big)}约为{K.figure(small)}的{fmt(ratio.quantize(Decimal(1)))}倍，"
            f"预算数与执行数不应相差{fmt(factor)}倍左右，疑有一格按元（或按万元）误填。",
            [small, big], severity="warning",
            suggestion="核对该行各栏的金额单位，统一按表头单位填列。",
            message_en=f"In row “{label}”, {K.figure(big)} is about {fmt(ratio.quantize(Decimal(1)))} times "
                       f"{K.figure(small)}: one cell seems to be in the wrong unit.")


# --------------------------------------------------------------------------- text


def _department_total(ctx: Context) -> Claim | None:
    """The largest figure that states the department's (or project's) whole budget or spending."""
    parts = K.part_index(ctx)
    best = None
    for m in K.mentions(ctx):
        c = m.claim
        if not _money(c) or c.role not in ("budget", "expenditure") or c.id in parts or m.scope:
            continue
        if not m.surface or not _TOTAL_METRIC.search(m.surface) or not _WHOLE_MARK.search(m.surface) \
                or _ECONOMY.search(m.surface):
            continue
        if best is None or c.quantity.normalized() > best.quantity.normalized():
            best = c
    return best


def _total_hits(ctx: Context):
    total = _department_total(ctx)
    if total is None:
        return
    parts = K.part_index(ctx)
    tv, tscale = total.quantity.normalized(), total.quantity.scale
    for c in ctx.claims:
        if c is total or not _money(c) or c.source != "text" or c.role not in ("budget", "expenditure"):
            continue
        if c.id in parts or _ECONOMY.search(c.metric or "") or c.quantity.scale == tscale:
            continue
        v = c.quantity.normalized()
        if v <= tv * 10:
            continue
        as_total_unit = c.quantity.value * tscale
        if as_total_unit > tv:
            continue
        unit = _unit_name(tscale) or total.unit
        yield ctx.hit(
            f"{K.metric_key(c.metric)[1] or '该项金额'}写作{K.figure(c)}，是{K.metric_key(total.metric)[1] or '总额'}"
            f"{K.figure(total)}的{fmt((v / tv).quantize(Decimal(1)))}倍，部分不应大于整体，疑为{fmt(c.quantity.value, unit)}之误。",
            [c, total], expected=fmt(c.quantity.value, unit), severity="warning",
            suggestion=f"核对该项金额的单位，应与总额一致按{unit}表述。",
            message_en=f"{K.figure(c)} exceeds the whole {K.figure(total)} "
                       f"{fmt((v / tv).quantize(Decimal(1)))} times over; probably {fmt(c.quantity.value, unit)}.")


def _list_hits(ctx: Context):
    """Items of one sentence list in 元 and 万元 whose written numbers are alike."""
    text = ctx.text
    parts = K.part_index(ctx)
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for c in ctx.claims:
        if c.source == "text" and _money(c) and not c.quantity.is_range:
            by_sentence.setdefault(K.sentence_bounds(text, c.span[0]), []).append(c)
    for (s, e), cs in by_sentence.items():
        if len(cs) < 2 or _PER_UNIT.search(text[s:e]):
            continue
        cs.sort(key=lambda c: c.span)
        # a run of items separated only by names and list punctuation
        scales: dict[Decimal, list[Claim]] = {}
        for c in cs:
            scales.setdefault(c.quantity.scale, []).append(c)
        if len(scales) != 2:
            continue
        (s1, g1), (s2, g2) = sorted(scales.items(), key=lambda kv: -len(kv[1]))
        if len(g2) != 1 or max(s1, s2) / min(s1, s2) < ctx.tolerance("unit_ratio"):
            continue
        odd = g2[0]
        if odd.id in parts or any(x.id in parts for x in g1) or _ECONOMY.search(odd.metric or ""):
            continue
        written = [x.quantity.value for x in g1 if x.quantity.value > 0]
        if not written or odd.quantity.value <= 0:
            continue
        lo, hi = min(written) / 20, max(written) * 20
        if not (lo <= odd.quantity.value <= hi) or not _same_list(text, g1 + [odd]):
            continue
        unit = _unit_name(s1) or g1[0].unit
        sib = "、".join(K.figure(x) for x in g1[:3])
        yield ctx.hit(
            f"同一句列举的金额中，{K.figure(odd)}与其余各项（{sib}）单位不同，数字量级相当而单位相差"
            f"{fmt(max(s1, s2) / min(s1, s2))}倍，疑为{fmt(odd.quantity.value, unit)}。",
            [odd, *g1], expected=fmt(odd.quantity.value, unit), severity="warning",
            suggestion="核对该项金额的单位，与同列各项统一。",
            message_en=f"In one list of amounts, {K.figure(odd)} differs in unit from the other items ({sib}); "
                       f"probably {fmt(odd.quantity.value, unit)}.")


def _same_list(text: str, cs: list[Claim]) -> bool:
    """The figures are items of one list: between two of them only a name and a separator."""
    cs = sorted(cs, key=lambda c: c.span)
    for a, b in zip(cs, cs[1:]):
        gap = text[a.span[1]:b.span[0]]
        if not gap or len(gap) > 60 or not _LIST_SEP_LEAD.match(gap) or _SENTENCE_END.search(gap):
            return False
    return True


@rule("JX202", "unit-against-column", category="unit-mismatch", severity="warning",
      fire=[
          "一、资金情况\n资金使用情况（单位：万元）\n项目资金\t年初预算数\t全年预算数\t全年执行数\n"
          "年度资金总额\t800.00\t850.00\t816.00\n当年财政拨款\t800.00\t800.00\t770.00元\n"
          "上年结转资金\t0.00\t50.00\t46.00\n",
          "一、资金情况\n资金使用情况（单位：万元）\n项目资金\t全年预算数\t全年执行数\n"
          "办公设备购置\t85.00\t845000.00\n差旅费\t12.00\t11.50\n",
          "一、项目概况\n专项资金年初预算为5430万元，实际支出5353.48万元。资金主要用于三类项目，"
          "支持专精特新企业1650万元、支持中小企业服务体系建设1709.98元。\n",
          "一、收支情况\n2024年部门决算支出500.00万元，其中基本支出300.00万元、项目支出200.00万元。\n"
          "二、项目情况\n设备购置项目支出3.5亿元，主要用于更新办公设备。\n",
      ],
      nofire=[
          "一、资金情况\n资金使用情况（单位：万元）\n项目资金\t全年预算数\t全年执行数\n"
          "办公设备购置\t85.00\t84.50\n差旅费\t12.00\t11.50\n",
          "一、项目概况\n发放补贴资金120万元，每人补助1200元，惠及1000人。\n",
          "一、项目概况\n年初预算500.00万元，全年预算2500.00万元，执行数2450.00万元。\n",
          "一、部门概况\n2024年部门决算支出500.00万元。园区规模以上工业企业营业收入228亿元，实缴税收3亿元。\n",
          "一、项目概况\n项目支出12000元，即1.2万元，全部用于设备维护。\n",
          "一、收支情况\n2024年部门决算支出500.00万元，其中基本支出300.00万元、项目支出200.00万元。\n"
          "二、项目情况\n设备购置项目支出35.00万元，带动社会投资3.5亿元。\n",
      ])
def check(ctx: Context):
    for t in ctx.doc.tables:
        if t.is_toc:
            continue
        yield from _column_hits(ctx, t)
        yield from _row_hits(ctx, t)
    yield from _total_hits(ctx)
    yield from _list_hits(ctx)
