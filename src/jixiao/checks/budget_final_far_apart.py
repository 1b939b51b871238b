"""JX801 决算与预算相差过大

检查内容
  同一口径（收入对收入、支出对支出、合计对合计、基本支出对基本支出……）的决算数或实际到位资金
  与预算数相差超过容差 budget_variance（默认 30%）：|决算 ÷ 预算 − 1| > 0.3。预算取当时有效的
  数：有调整预算（调整数、调整后预算、全年预算数）时与之比较，否则与年初预算比较。数据来自正文
  （"年初预算支出……万元，……部门决算支出……万元"）和部门决算对比表（年初预算数 / 调整数 /
  决算数 列）。支出执行数对预算的比例（预算执行率）由 JX802 检查，这里不重复。

  严重程度：
  - 相差过大且附近没有说明原因 → warning；
  - 同一段落或紧随其后的段落里有"主要原因……""由于……"等说明 → info（仍列出比例，供核对）；
  - 与年初预算相差过大、但与调整后预算接近 → 同样报告（预算调整幅度过大，年初预算编制不准），
    附近有原因说明时为 info。
  合计已超差时，不再逐项报告其下的明细；合计不超差时，只报告差额达到合计预算一定比例（容差
  budget_variance_item，默认 5%）的明细。表格某一行的差异，若报告任何地方有提到该行名称并说明
  原因的句子，也算已说明。

为何重要
  预决算差异大说明预算编制不准确或执行中大幅追加、调减，是绩效评价"预算编制科学性"和
  "预算调整率"的扣分点，也常是数字录错（少写一位、收入支出写反）的信号。

应报示例
  "年初预算支出9811.26万元……部门决算支出46810.34万元"（决算为预算的 477.1%）；
  收入决算数 51977.45、年初预算数 19431.38（267.5%；即使调整数 53841.33 与决算接近，也报告
  年初预算偏差过大）；"调整预算后项目预算861.46万元……实际到位资金334.67万元"（38.8%）。

不报示例
  决算为预算的 84%（在 30% 以内）；收入预算对支出决算（口径不同）；上年决算数对本年预算；
  "本部门年初预算1000万元。A项目实际支出50万元"（不是同一笔钱）；实际支出对年初预算（执行率
  问题归 JX802）；合计不超差时，差额不到合计预算 5% 的明细行。

依据
  《中华人民共和国预算法》第十三条（经人大批准的预算非经法定程序不得调整）；
  财预〔2020〕10号《项目支出绩效评价管理办法》附件（预算编制科学性、预算执行率）；
  财政部部门决算报表"年初预算数、调整预算数与决算数对比"的填报说明。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..sections import parse_marker
from . import _budget as B
from .base import Context, rule

_SENTENCE_BREAK = re.compile(r"[。；;！？!?]")
_BUDGET_WORD = re.compile(r"预算|决算")
_ACTUAL_LABEL = {"final": "决算", "arrived": "实际到位资金"}


def _who(p: B.Pair) -> str:
    item = p.item if p.item and not p.total else None
    if p.row is not None:
        label = p.row.label.strip("：: ")
        m = parse_marker(label)
        return (label[m.end:].strip("：: ") if m else label) or (p.scope or "")
    return item or (p.scope or "")


def _fig(p: B.Pair, c) -> str:
    """A figure with its unit, taking the unit a table declares when the cell has none."""
    if c.unit or p.row is None:
        return B.written(c)
    return B.written(c) + p.row.unit


def _actual_name(p: B.Pair) -> str:
    if p.kind == "arrived":
        return "实际到位资金"
    if p.row is not None:
        return p.row.headers.get("final", "决算数")
    return (p.scope or "") + "决算"


def _budget_name(p: B.Pair, stage: str | None) -> str:
    if p.row is not None:
        role = {"调整": "adjusted", "年初": "initial"}.get(stage or "", "budget")
        return p.row.headers.get(role) or B.STAGE_LABEL.get(stage, "预算")
    return B.STAGE_LABEL.get(stage, "预算")


def _ratio(a, b) -> Decimal | None:
    va, vb = B.value_of(a), B.value_of(b)
    if va is None or vb is None or vb <= 0:
        return None
    return va / vb


@rule("JX801", "budget-final-far-apart", category="budget-variance", severity="warning",
      fire=[
          "一、部门基本情况\n（一）收支情况\n2024年，年初部门预算支出9811.26万元。2024年部门决算支出46810.34万元，"
          "年底结转结余0万元。\n二、绩效情况\n各项工作顺利完成。\n",
          "一、部门预算及执行情况\n1. 收入情况\n决算数与年初预算数对比表（金额：万元）\n"
          "项目\t收入决算数\t年初预算数\n本年收入合计\t51977.45\t19431.38\n合计\t51977.45\t19431.38\n",
          "一、基本情况\n本单位年初批复预算985万元，调整预算后项目预算861.46万元，实际到位资金334.67万元。\n",
      ],
      nofire=[
          "一、部门预算及执行情况\n2. 支出情况\n决算数与年初预算数对比表（金额：万元）\n"
          "项目\t支出决算数\t年初预算数\t调整数\n基本支出\t924.03\t927.72\t927.72\n项目支出\t51053.42\t60829.90\t60829.90\n"
          "合计\t51977.45\t61757.62\t61757.62\n",
          "一、收支情况\n2024年年初部门预算收入9811.26万元。2024年部门决算支出9900.12万元。\n",
          "一、收支情况\n上年决算支出46810.34万元，本年年初预算支出9811.26万元。\n",
          "一、项目资金情况\n项目年初预算为5430万元，实际支出共计3353.48万元。\n",
      ])
def check(ctx: Context):
    tol = ctx.tolerance("budget_variance")
    seen: set[tuple] = set()
    hits_by_group: dict[tuple, list[tuple[B.Pair, Decimal, bool]]] = {}
    for p in B.pairs(ctx):
        if p.kind not in ("final", "arrived"):
            continue
        r = p.ratio()
        if r is None:
            continue
        far = abs(r - 1) > tol
        r0 = _ratio(p.actual, p.initial) if p.initial is not None else None
        far_initial = r0 is not None and abs(r0 - 1) > tol
        if not far and not far_initial:
            continue
        hits_by_group.setdefault(p.group, []).append((p, r, far))

    for group, items in hits_by_group.items():
        totals = [x for x in items if x[0].total]
        flagged_total = any(far for _, _, far in totals)
        for p, r, far in items:
            if not p.total:
                if flagged_total:
                    continue
                # a detail line is worth a finding only when its gap matters at the total's scale
                total_budget = _group_total_budget(ctx, p)
                gap = abs((B.value_of(p.actual) or 0) - (B.value_of(p.budget) or 0))
                if total_budget is not None and gap < ctx.tolerance("budget_variance_item") * total_budget:
                    continue
            key = (B.value_of(p.actual), B.value_of(p.budget if far else p.initial))
            if key in seen:
                continue
            seen.add(key)
            yield _hit(ctx, p, r, far, tol)


def _group_total_budget(ctx: Context, p: B.Pair) -> Decimal | None:
    for q in B.pairs(ctx):
        if q.group == p.group and q.total and q.kind == p.kind and (q.scope == p.scope or not q.scope):
            return B.value_of(q.budget)
    return None


def _hit(ctx: Context, p: B.Pair, r: Decimal, far: bool, tol: Decimal):
    who = _who(p)
    prefix = f"{who}：" if who and p.row is not None else (f"{who}" if who and p.item and not p.total else "")
    a_name = _actual_name(p)
    tol_s = B.pct(tol, 0)
    if far:
        b_claim, stage = p.budget, p.stage
        b_name = _budget_name(p, stage)
        share = B.pct(r)
        if p.kind == "arrived" and r < 1:
            msg = f"{prefix}{a_name}{_fig(p, p.actual)}仅为{b_name}{_fig(p, b_claim)}的{share}，相差超过{tol_s}。"
        else:
            msg = f"{prefix}{a_name}{_fig(p, p.actual)}为{b_name}{_fig(p, b_claim)}的{share}，相差超过{tol_s}。"
        en = (f"{who + ': ' if who else ''}{a_name} {_fig(p, p.actual)} is {share} of {b_name} "
              f"{_fig(p, b_claim)}, more than {tol_s} apart.")
        why = _explained(ctx, p)
        sev = "info" if why else None
        sugg = ("报告已说明差异原因，请核实原因是否充分。" if why else
                "请核对预算数与决算数是否录入正确，并说明差异原因（预算编制、追加或调减预算的依据）。")
        ev = [p.budget, p.actual] if p.budget.span < p.actual.span else [p.actual, p.budget]
        return ctx.hit(msg, ev, suggestion=sugg, severity=sev, message_en=en)
    # far from the 年初 budget, close to the adjusted one
    why = _explained(ctx, p)
    r0 = _ratio(p.actual, p.initial)
    b0 = _budget_name(p, "年初")
    b1 = _budget_name(p, p.stage)
    msg = (f"{prefix}{a_name}{_fig(p, p.actual)}为{b0}{_fig(p, p.initial)}的{B.pct(r0)}，"
           f"{b1}{_fig(p, p.budget)}与决算接近，说明年初预算与实际相差超过{tol_s}、年中大幅调整。")
    en = (f"{who + ': ' if who else ''}{a_name} {_fig(p, p.actual)} is {B.pct(r0)} of the initial budget "
          f"{_fig(p, p.initial)}; only the adjusted budget {_fig(p, p.budget)} comes close, "
          f"so the initial budget was more than {tol_s} off and heavily adjusted.")
    ev = sorted([p.initial, p.budget, p.actual], key=lambda c: c.span)
    return ctx.hit(msg, ev, severity="info" if why else None, message_en=en,
                   suggestion="请说明预算调整的依据，并检查年初预算编制是否充分。")


def _explained(ctx: Context, p: B.Pair) -> bool:
    """A reason given right after the figures, or anywhere for this very line of a table
    ("社会保障和就业支出决算数小于调整预算数的主要原因是……")."""
    if p.row is not None:
        t = p.row.table
        near = B.nearby_text(ctx, (t.span[1], t.span[1]), 2)
        row_text = " ".join(t.value(p.row.row, c) for c in range(t.n_cols))
        if B.explained(row_text) or B.explained(near):
            return True
        name = _who(p)
        if not p.total and len(name) >= 4:
            for para in ctx.doc.paragraphs:
                for sent in _SENTENCE_BREAK.split(para.text):
                    if name in sent and _BUDGET_WORD.search(sent) and B.explained(sent):
                        return True
        return False
    return B.explained(B.nearby_text(ctx, p.actual.span))
