"""JX802 预算执行率过低或超过100%

检查内容
  报告写明的预算执行率（"执行率97%"、"资金使用率51.63%"、自评表"执行率（B/A）"栏、指标表
  "预算执行率"一行的实际完成值），或由全年执行数 ÷ 全年预算数算出的执行率（自评表只填了 A、B
  两栏，或执行率栏与本行 B/A 不符时以 B/A 为准；正文同一处写了预算和实际支出、执行数、支付数，
  而未写执行率），出现以下情况时提示：
  - 低于容差 execution_low（默认 80%）→ warning；
  - 超过 100%（支出超出预算）且没有原因说明 → warning，有说明 → info；
  - 评分规则规定了说明门槛（profile 的 execution.explain_below，如 90%）且执行率低于该门槛、
    没有"主要原因……""由于……"之类说明 → warning。
  "说明"指执行率所在段落及其后两段中的原因表述，或报告任何一句同时谈到执行进度（执行率、
  结转、未支付……）和原因（由于、受……影响、主要原因……）的话，如"存在问题"部分的说明。
  绩效目标里的执行率目标（"预算执行率≥90%"）不检查。同一数值在报告中重复出现只报告一次。
  决算对年初预算的偏离由 JX801 检查；写明的执行率与执行数、预算数是否相符由 JX501 检查。

为何重要
  预算执行率是自评表的固定指标（通常 10 分）。执行率低说明资金闲置、项目推进慢；超过 100%
  说明超预算支出或预算数填错。部分省份要求执行率低于 90% 必须说明原因。

应报示例
  "项目实际使用资金19078.00万元，资金使用率51.63%。"；自评表年度资金总额行 全年预算数 300、
  全年执行数 200、执行率栏空白（算得 66.7%）；"执行率为112%"且未说明原因。

不报示例
  "执行率97%"；"预算执行率≥90%"（绩效目标）；执行率 100%；执行率恰为 80.0%（不低于门槛）；
  自评表执行率 0.958（以小数填写，即 95.8%）。"执行率105%，主要原因是年中追加应急项目"有说明，
  只作 info 提示。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》及所附自评表（预算执行率 = 全年执行数 ÷ 全年
  预算数，分值一般为 10 分）；各省绩效自评规程（执行率低于 90% 须说明原因等）。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..extract.claims import section_part
from ..model import Claim, Table
from . import _budget as B
from .base import Context, rule

EXEC_NAME = re.compile(
    r"(?P<name>(?:预算|资金|支出|项目)?执行率|执行进度|(?:到位)?资金(?:使用|支付|拨付)率)"
    r"\s*(?:为|达到?|是|仅为|仅|只有|约|达到了)?\s*$")
_PLAN = re.compile(r"目标|指标值|计划|预计|预期|力争|确保|要求|不低于|不少于|达到\s*$")


def stated_rates(ctx: Context) -> list[tuple[Claim, str, Decimal]]:
    """Execution rates the text states: (claim, its name, the rate as a fraction)."""
    return ctx.memo("budget.stated_exec_rates", lambda: _stated_rates(ctx))


def _stated_rates(ctx: Context):
    out = []
    for c in ctx.claims:
        if c.source != "text" or not B.is_percent(c) or c.role == "target":
            continue
        if c.comparator and c.comparator not in ("=",):
            continue
        block = ctx.doc.block_at(c.span[0])
        if block is None:
            continue
        text, base = block.text, block.span[0]
        start = c.span[0] - base
        i = start
        while i > 0 and text[i - 1] not in "，,；;。！？!?\n、":
            i -= 1
        clause = text[i:start]
        m = EXEC_NAME.search(clause)
        if not m or _PLAN.search(clause[: m.start()][-8:] + clause[m.end():]):
            continue
        if section_part(ctx.doc, c.span[0]) == "target":
            continue
        out.append((c, m.group("name"), c.value / 100))
    return out


def _indicator_rates(ctx: Context) -> list[Claim]:
    """The actual of a 预算执行率 row in an indicator table (一级指标 预算执行率 | 100% | 89.00%)."""
    out = []
    for ind in ctx.tagging.indicators:
        if ind.source != "table" or not ind.actual:
            continue
        names = " ".join(x for x in (ind.level1, ind.level2, ind.name) if x)
        if "执行率" not in names:
            continue
        c = ctx.claim(ind.actual)
        if B.is_percent(c) and (not c.comparator or c.comparator == "="):
            out.append(c)
    return out


def _table_rates(ctx: Context):
    """(row, rate claim or None, fraction, computed) for funding rows of 自评表-style tables."""
    rows = [r for r in B.table_rows(ctx) if "spent" in r.cells and not B.row_misaligned(r)]
    by_table: dict[int, list[B.Row]] = {}
    for r in rows:
        by_table.setdefault(r.table.table_no, []).append(r)
    out = []
    for rs in by_table.values():
        totals = [r for r in rs if r.total] or rs[:1]
        for r in totals:
            if any(r.value(ro) == 0 for ro in ("budget", "adjusted") if ro in r.cells):
                continue  # nothing budgeted for the year: no execution rate to judge
            budget = next((r.value(ro) for ro in ("budget", "adjusted", "initial") if r.value(ro)), None)
            spent = r.value("spent")
            computed = spent / budget if budget and budget > 0 and spent is not None else None
            stated = B.row_fraction(r)
            if stated is not None:
                frac, how = stated
                slack = ctx.tolerance("rate_points") / 100 + B.half_ulp(r.cells["rate"].text) * \
                    (1 if how == "fraction" else Decimal("0.01"))
                if computed is None or abs(computed - frac) <= slack:
                    out.append((r, r.cells["rate"], frac, False))
                    continue
                # the rate cell disagrees with its own row (JX501 reports that): judge the figures
            elif r.texts.get("rate"):
                continue  # a rate cell holding something else ("—", text): leave it
            if computed is not None:
                out.append((r, None, computed, True))
    return out


@rule("JX802", "execution-rate-out-of-range", category="budget-variance", severity="warning",
      fire=[
          "一、项目资金情况\n截止2023年12月31日，项目实际使用资金19078.00万元，资金结转17872.00万元，资金使用率51.63%。\n",
          "一、资金使用情况\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t300\t300\t200\t10\t\t\n",
          "一、资金使用情况\n本项目执行率为112%。\n二、绩效目标完成情况\n各项指标均已完成。\n",
      ],
      nofire=[
          "一、资金使用情况\n项目资金共2179万元，已完成拨付2113.63万元，执行率97%。\n",
          "一、绩效目标\n预算执行率≥90%，群众满意度≥90%。\n",
          "一、资金使用情况\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t29\t29\t27.8\t10\t0.958\t9.58\n",
          "一、资金使用情况\n本项目资金执行率为80.0%，剩余资金已按规定收回。\n",
          "一、资金使用情况\n项目年初预算为5430万元，实际支出共计5353.48万元。\n",
      ])
def check(ctx: Context):
    low = ctx.tolerance("execution_low")
    explain_below = ctx.profile.explain_below
    seen: set[Decimal] = set()
    cands = []  # (sort key, evidence, name, fraction, explanation text, computed parts)
    for c, name, frac in stated_rates(ctx):
        cands.append((c.span, [c], name, frac, B.nearby_text(ctx, c.span), None))
    for row, rate, frac, computed in _table_rates(ctx):
        t = row.table
        near = " ".join(t.value(row.row, k) for k in range(t.n_cols)) + "\n" + \
            B.nearby_text(ctx, (t.span[1], t.span[1]), 2)
        label = row.label.strip("：: ")
        if computed:
            ro = next(ro for ro in ("budget", "adjusted", "initial") if ro in row.cells and row.value(ro))
            bud = row.cells[ro]
            ev = [bud, row.cells["spent"]]
            cands.append((bud.span, ev, "预算执行率", frac, near, (row.figure("spent"), row.figure(ro), row, ro)))
        else:
            cands.append((rate.span, [rate], f"{label}执行率", frac, near, None))
    for c in _indicator_rates(ctx):
        t = ctx.doc.block_at(c.span[0])
        row = c.location.row if c.location else None
        near = " ".join(t.value(row, k) for k in range(t.n_cols)) if isinstance(t, Table) and row is not None else ""
        cands.append((c.span, [c], "预算执行率", c.value / 100, near, None))
    stated_blocks = {ctx.doc.block_at(c.span[0]).index for c, _, _ in stated_rates(ctx)}
    for p in B.pairs(ctx):
        if p.source != "text" or p.kind != "spent" or not p.strong:
            continue
        blk = ctx.doc.block_at(p.actual.span[0])
        if blk.index in stated_blocks:
            continue
        r = p.ratio()
        if r is None:
            continue
        cands.append((p.budget.span, [p.budget, p.actual], "预算执行率", r, B.nearby_text(ctx, p.actual.span),
                      (B.written(p.actual), B.written(p.budget), None, B.STAGE_LABEL.get(p.stage, "预算"))))
    for _, ev, name, frac, near, parts in sorted(cands, key=lambda x: x[0]):
        key = frac.quantize(Decimal("0.0001"))
        hit = _judge(ctx, ev, name, frac, near, parts, low, explain_below)
        if hit is None or key in seen:
            continue
        seen.add(key)
        yield hit


def _shown(frac: Decimal, ev) -> str:
    c = ev[0]
    if len(ev) == 1 and c.quantity is not None:
        return B.written(c) if c.unit else c.text
    return B.pct(frac)


_SENTENCE_BREAK = re.compile(r"[。；;！？!?]")
_EXEC_TOPIC = re.compile(r"执行率|执行进度|支出进度|支付进度|拨付进度|资金结转|结转下年|未支付|未拨付|未执行|超支|超预算")


def _explained_elsewhere(ctx: Context) -> bool:
    """A sentence anywhere in the report that gives a reason for the execution of the budget
    ("受雨季影响部分路段开工推迟，预算执行率低于90%"), as the 存在问题 part often does."""
    def find() -> bool:
        for p in ctx.doc.paragraphs:
            for sent in _SENTENCE_BREAK.split(p.text):
                if _EXEC_TOPIC.search(sent) and B.explained(sent):
                    return True
        return False
    return ctx.memo("budget.exec_explained_elsewhere", find)


def _judge(ctx, ev, name, frac, near, parts, low, explain_below):
    why = B.explained(near) or _explained_elsewhere(ctx)
    shown = _shown(frac, ev)
    if parts is not None:
        spent, bud, row, ro = parts
        s_name = row.headers.get("spent", "全年执行数") if row else "实际支出"
        b_name = row.headers.get(ro, "预算数") if row else ro  # for text, ro carries the budget's name
        label = f"{row.label.strip('：: ')}：" if row is not None and row.label else ""
        lead = f"{label}{s_name}{spent}为{b_name}{bud}的{shown}，预算执行率"
        lead_en = f"{spent} spent of a {bud} budget is an execution rate of {shown}, "
    else:
        lead = f"{name}为{shown}，"
        lead_en = f"The stated execution rate ({name}) of {shown} is "
    low_s = B.pct(low, 0)
    if frac < low:
        msg = f"{lead}低于{low_s}，预算执行偏慢。" if parts is None else f"{lead}低于{low_s}。"
        return ctx.hit(msg, ev, expected=f"≥{low_s}",
                       suggestion="请核实执行数和预算数，分析资金未支出的原因并提出改进措施。",
                       message_en=f"{lead_en}below {low_s}.")
    if frac > 1:
        msg = (f"{lead}超过100%，支出超出预算，" + ("报告已作说明，请核实。" if why else "附近未见原因说明。"))
        return ctx.hit(msg, ev, expected="≤100%", severity="info" if why else None,
                       suggestion="请核实是否超预算支出或预算数、执行数填写有误，并说明原因。",
                       message_en=f"{lead_en}above 100%: spending exceeds the budget.")
    if explain_below and frac < explain_below and not why:
        eb = B.pct(explain_below, 0)
        msg = f"{lead}低于{eb}，按所用评分规则须说明原因，但附近未见说明。"
        return ctx.hit(msg, ev, suggestion="请补充执行率偏低的原因分析和改进措施。",
                       message_en=f"{lead_en}below {eb}, which the scoring profile requires to be explained; "
                                  f"no explanation was found nearby.")
    return None
