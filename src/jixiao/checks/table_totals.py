"""JX302 表格合计与分项不符

检查内容
  表格中“合计/总计/小计”行与其上各行之和、带编号的上级行（“1、基本支出”）与其下级行
  （“（1）人员经费”“（2）公用经费”）之和、“其中”行与其上一行，逐列比较；列的单位取自表头
  （“金额（万元）”“单位：万元”），合并单元格按其左上角的值计。行次、序号、得分、分值、比率
  等列不参与加总（得分合计由 JX604 检查）。
  同一张表中并列收入、支出两栏时（收入支出决算总表），还比较两栏“总计”，以及
  “收入合计 + 年初结转和结余 = 支出合计 + 年末结转和结余”。
  允许四舍五入误差：n 个保留 d 位小数的分项，合计最多偏差 n × 0.5×10^-d；在此范围内只作提示。
  “其中”行可能只列了一部分：其和大于上一行为错误，小于上一行只作提示。

为何重要
  表格合计是报告读者最先看的数字，合计与分项不符意味着表中至少有一个数字有误，决算公开表
  的收支两栏不平衡更说明数据未经勾稽。

应报示例
  合计行 1000.00，而“1、基本支出”300.00 与“2、项目支出”710.00 之和为 1010.00；
  “1、基本支出”300.00，而“（1）人员经费”250.00 与“（2）公用经费”60.00 之和为 310.00；
  收入支出决算总表收入“总计”697.38 而支出“总计”699.38。

不报示例
  各列合计相符；相差在四舍五入误差之内的只作提示；“其中”行之和小于上一行（部分列举）不作错误；
  自评表“分值/得分”列的合计（由 JX604 检查）；“行次”列。

依据
  财政部《部门决算报表编制说明》：表内合计数等于各分项之和，收入支出决算总表收支平衡
  （收入总计 = 支出总计）。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..extract.tables import is_numeric, table_layout
from ..model import Claim, Table
from ._sums import ZERO, NON_ADDITIVE_HEADER, analyses, base_value, decimals, half_ulp, kind, num, scale
from .base import Context, rule

_SEVERITY = {  # (cue, status) -> severity
    ("table-total", "above"): "error", ("table-total", "below"): "error",
    ("table-subtotal", "above"): "error", ("table-subtotal", "below"): "warning",
    ("table-subset", "above"): "error", ("table-subset", "below"): "info",
}


def _where(c: Claim) -> str:
    loc = c.location
    t = (loc.table or 0) + 1 if loc else 0
    col = f"“{c.column}”列" if c.column else ""
    return f"表{t}{col}"


def _row(c: Claim) -> str:
    return (c.metric or "").strip("：: ") or "该行"


@rule("JX302", "table-totals", category="sum-mismatch", severity="error",
      fire=[
          "二、预算执行情况\n表1 支出情况（单位：万元）\n项目\t年初预算数\t决算数\n1、基本支出\t300.00\t296.40\n"
          "（1）人员经费\t250.00\t248.10\n（2）公用经费\t50.00\t48.30\n2、项目支出\t700.00\t710.00\n"
          "合计\t1000.00\t1016.40\n",
          "二、预算执行情况\n表1 支出情况（单位：万元）\n项目\t年初预算数\t决算数\n1、基本支出\t300.00\t296.40\n"
          "（1）人员经费\t250.00\t248.10\n（2）公用经费\t60.00\t48.30\n2、项目支出\t700.00\t701.00\n"
          "合计\t1000.00\t997.40\n",
          "二、收入支出决算总表（单位：万元）\n收入项目\t金额\t支出项目\t金额\n财政拨款收入\t690.08\t基本支出\t676.03\n"
          "事业收入\t7.30\t项目支出\t23.35\n总计\t697.38\t总计\t699.38\n",
      ],
      nofire=[
          "二、预算执行情况\n表1 支出情况（单位：万元）\n项目\t年初预算数\t决算数\n1、基本支出\t300.00\t296.40\n"
          "（1）人员经费\t250.00\t248.10\n（2）公用经费\t50.00\t48.30\n2、项目支出\t700.00\t701.00\n"
          "合计\t1000.00\t997.40\n",
          "一、收入情况\n表1 收入情况（金额：万元）\n项目\t决算数\t年初预算数\n1、本年收入合计\t51977.45\t19431.38\n"
          "其中：一般公共预算财政拨款\t18358.41\t17053.00\n"
          "2、年初结转和结余\t0.00\t0.00\n合计\t51977.45\t19431.38\n",
          "二、收入支出决算总表（单位：万元）\n收入项目\t金额\t支出项目\t金额\n财政拨款收入\t690.08\t基本支出\t676.03\n"
          "事业收入\t7.30\t项目支出\t21.35\n总计\t697.38\t总计\t697.38\n",
      ])
def check(ctx: Context):
    for a in analyses(ctx):
        if a.source != "table" or a.whole is None or a.status not in ("above", "below", "rounding"):
            continue
        if kind(a.whole) == "count" and a.cue == "table-subset" and len(a.parts) > 1:
            continue  # 其中 rows of head-counts may overlap (女性, 党员 …)
        if a.status == "rounding":
            severity = "info"
        else:
            severity = _SEVERITY.get((a.cue, a.status))
            if severity is None or (severity == "info" and len(a.parts) < 2):
                continue
        w = a.whole
        where = _where(w)
        total = a.fig(a.total)
        formula = a.formula()
        sums = f"{formula}={total}" if formula and len(a.parts) > 1 else total
        d = a.fig(abs(a.diff))
        what = {"table-total": "各分项", "table-subtotal": "下级各项", "table-subset": "“其中”各项"}[a.cue]
        what_en = {"table-total": "rows", "table-subtotal": "sub-rows", "table-subset": "“其中” rows"}[a.cue]
        wfig = a.fig(base_value(w))
        if a.status == "rounding":
            msg = f"{where}“{_row(w)}”为{wfig}，{what}合计{sums}，相差{d}，在四舍五入误差范围内。"
            en = f"{where}: {_row(w)} is {wfig}, its {what_en} add up to {sums}; {d} off, within rounding."
        elif a.cue == "table-subset" and a.status == "below":
            msg = f"{where}“{_row(w)}”为{wfig}，其下“其中”所列各项合计{sums}，差额{d}未列明。"
            en = f"{where}: {_row(w)} is {wfig}, its “其中” rows add up to {sums}; {d} is not accounted for."
        else:
            more = "多" if a.status == "above" else "少"
            msg = f"{where}“{_row(w)}”为{wfig}，而{what}合计{sums}，比其{more}{d}。"
            en = (f"{where}: {_row(w)} is {wfig} but its {what_en} add up to {sums} "
                  f"({d} {'more' if a.status == 'above' else 'less'}).")
        yield ctx.hit(msg, [w, *a.parts], severity=severity, expected=total if a.cue != "table-subset" else None,
                      suggestion="核对该列各行数字与合计，更正有误的一项。", message_en=en)
    yield from _balance(ctx)


# --------------------------------------------------------------------------- two-sided tables

_IN_TOTAL = re.compile(r"^(本年)?收入(合计|小计)$")
_OUT_TOTAL = re.compile(r"^(本年)?支出(合计|小计)$")
_GRAND = re.compile(r"^(收入|支出)?(总计|合计)$")
_OPENING = re.compile(r"年初结转(和|及)?结余|上年结转")
_CLOSING = re.compile(r"年末结转(和|及)?结余|结转下年")
_IN_EXTRA = re.compile(r"使用非财政拨款结余|用事业基金弥补收支差额|使用专用结余")
_OUT_EXTRA = re.compile(r"结余分配")
_SPACE_RUN = re.compile(r"\s+")
_NUMBER_LEAD = re.compile(r"^[一二三四五六七八九十\d]+[、.．]|^[（(][一二三四五六七八九十\d]+[）)]")


def _label(text: str) -> str:
    s = _SPACE_RUN.sub("", text or "")
    s = _NUMBER_LEAD.sub("", s)
    return s.strip("：:")


def _sides(t: Table, cells: dict[tuple[int, int], Claim]):
    """For each body row, the (label, [claims…]) of its left and right halves, when the table
    sets a second label column beside the first (项目 | 金额 | 项目 | 金额)."""
    layout = table_layout(t)
    label_cols = [c for c in range(t.n_cols)
                  if sum(1 for r in range(layout.header_rows, t.n_rows)
                         if t.value(r, c).strip() and not is_numeric(t.value(r, c))) >= 2
                  and not NON_ADDITIVE_HEADER.search(layout.headers[c] or "")]
    if len(label_cols) < 2:
        return None
    left, right = label_cols[0], label_cols[1]
    if right - left < 2:
        return None
    rows = []
    for r in range(layout.header_rows, t.n_rows):
        def half(lc, hi):
            vals = [cells[(r, c)] for c in range(lc + 1, hi) if (r, c) in cells
                    and not NON_ADDITIVE_HEADER.search(layout.headers[c] or "")]
            return _label(t.value(r, lc)), vals
        rows.append((half(left, right), half(right, t.n_cols)))
    return rows


def _balance(ctx: Context):
    cells: dict[int, dict[tuple[int, int], Claim]] = {}
    for c in ctx.claims:
        loc = c.location
        if c.source == "table" and loc is not None and loc.table is not None and c.quantity is not None:
            cells.setdefault(loc.table, {})[(loc.row, loc.column)] = c
    for t in ctx.doc.tables:
        if t.is_toc or t.table_no not in cells:
            continue
        rows = _sides(t, cells[t.table_no])
        if not rows:
            continue
        left = [lab_vals for lab_vals, _ in rows]
        right = [lab_vals for _, lab_vals in rows]
        # 总计 beside 总计 on one row
        for (llab, lvals), (rlab, rvals) in rows:
            if _GRAND.match(llab) and _GRAND.match(rlab) and ("总计" in llab or "总计" in rlab):
                for lv, rv in zip(lvals, rvals):
                    yield from _compare(ctx, [lv], [rv], f"收入{llab}", f"支出{rlab}")
                break
        else:
            # 收入合计 + 年初结转和结余 (+ 使用结余) = 支出合计 + 年末结转和结余 (+ 结余分配)
            ins, outs = _find(left, _IN_TOTAL), _find(right, _OUT_TOTAL)
            opening, closing = _find(left, _OPENING), _find(right, _CLOSING)
            if ins and outs and opening and closing:
                for i in range(min(len(ins), len(outs), len(opening), len(closing))):
                    lhs = [ins[i], opening[i]] + [x[i] for x in [_find(left, _IN_EXTRA)] if x and len(x) > i]
                    rhs = [outs[i], closing[i]] + [x[i] for x in [_find(right, _OUT_EXTRA)] if x and len(x) > i]
                    yield from _compare(ctx, lhs, rhs, "收入合计与年初结转和结余", "支出合计与年末结转和结余")


def _find(half_rows, pattern) -> list[Claim] | None:
    hits = [vals for lab, vals in half_rows if lab and pattern.search(lab) and vals]
    return hits[0] if len(hits) == 1 else None


def _compare(ctx: Context, lhs: list[Claim], rhs: list[Claim], lname: str, rname: str):
    if any(kind(c) not in ("money", "number") for c in lhs + rhs):
        return
    lsum = sum((base_value(c) for c in lhs), ZERO)
    rsum = sum((base_value(c) for c in rhs), ZERO)
    tol = max(sum((half_ulp(c) for c in lhs + rhs), ZERO), ctx.tolerance("rounding") * scale(lhs[0]))
    diff = abs(lsum - rsum)
    if diff == 0:
        return
    places = max(decimals(c) for c in lhs + rhs)
    unit = lhs[0].unit or ""
    sc = scale(lhs[0])

    def fig(v: Decimal) -> str:
        return num((v / sc).quantize(Decimal(1).scaleb(-places))) + unit

    where = f"表{(lhs[0].location.table or 0) + 1}"
    if diff <= tol:
        sev, tail, tail_en = "info", "，在四舍五入误差范围内", ", within rounding"
    else:
        sev, tail, tail_en = "error", "，收支不平衡", ": the two sides do not balance"
    yield ctx.hit(f"{where}{lname}为{fig(lsum)}，{rname}为{fig(rsum)}，相差{fig(diff)}{tail}。", [*lhs, *rhs],
                  severity=sev, suggestion="核对收支两栏数字，使收入方与支出方平衡。",
                  message_en=f"{where}: {lname} {fig(lsum)} vs {rname} {fig(rsum)}, {fig(diff)} apart{tail_en}.")
