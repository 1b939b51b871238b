"""JX602 得分不符合评分公式

检查内容
  - 未完成的定量指标，得分与公式不符：正向指标 分值 × 实际值/目标值，反向指标（成本、投诉率、
    事故发生率等，或标有 ≤）分值 × 目标值/实际值，且不超过分值；
  - 预算执行率得分与 分值 × 执行率（不超过分值）不符；
  - 定性指标按"达成 / 部分达成 / 未达成"评分，得分不在评分规则给该档的区间内（全国默认 80–100%、
    60–80%、0–60% 的分值）；
  - 实际值已达到或超过目标值（或实际与目标写法完全相同），却扣了分，且偏差原因一栏为空（警告）。
  允许的分差见容差 score_points（默认 0.5 分）。得分高于分值归 JX601，未完成却得满分归 JX603。

为何重要
  自评得分必须能按统一规则复算，否则总分和等级无从核对。按公式少给分同样需要说明：
  已完成的指标被扣分而无偏差说明，往往是随手估分。

应报示例
  政策知晓率 目标 100%、实际 98%、分值 10、得分 9（按公式应得 9.8 分）；预算执行率 95.8%、分值 9、
  得分 8（应得 8.62 分）；资金到位及时率 目标 ≥100%、实际 100%、分值 10、得分 7 且无偏差原因。

不报示例
  实际 95%、目标 100%、分值 10、得分 9.5；四舍五入到整数的得分（应得 9.44 分写 9 分）；
  反向指标 成本 ≤50万元、实际 40万元 得满分；扣分但偏差原因一栏已有说明。

依据
  财预〔2020〕10号 附件项目支出绩效自评表填表说明：定量指标正向 实际/目标×分值、反向
  目标/实际×分值；定性指标按达成、部分达成、未达成三档 100–80%、80–60%、60–0% 确定分值；
  预算执行率按 分值 × 执行率 计分、最高不超过该项分值。
"""
from __future__ import annotations

from decimal import Decimal

from .base import Context, fmt, rule
from ._scores import (
    direction, formula_score, label, met, pts, pts_en, quantitative, rate_shown, score_tolerance, scores, shown,
    shown_score,
)

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
_FUNDS = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t29.00\t29.00\t27.80\t9\t95.86%\t{score}\n")


@rule("JX602", "score-off-formula", category="score-mismatch", severity="warning",
      fire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "效益指标\t社会效益指标\t政策知晓率\t=100%\t98%\t10\t9\t\n",
          "附表：项目支出绩效自评表\n" + _FUNDS.format(score="8") + "\n二、自评结论\n自评结论见附表。\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t时效指标\t资金到位及时率\t≥100%\t100%\t10\t7\t\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "效益指标\t社会效益指标\t带动周边产业发展\t有效带动\t部分达成\t10\t9\t\n",
      ],
      nofire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "效益指标\t社会效益指标\t政策知晓率\t=100%\t95%\t10\t9.5\t\n"
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t85%\t10\t9\t\n",
          "附表：项目支出绩效自评表\n" + _FUNDS.format(score="8.63") + "\n二、自评结论\n自评结论见附表。\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t成本指标\t单位建设成本\t≤50万元\t40万元\t10\t10\t\n"
          + "产出指标\t时效指标\t资金到位及时率\t≥100%\t100%\t10\t8\t因上级资金下达较晚扣2分\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "效益指标\t社会效益指标\t带动周边产业发展\t有效带动\t部分达成\t10\t7\t\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    profile = ctx.profile
    for row in data.rows:
        w, s = row.weight, row.score
        if w is None or s is None or s.value > w.value:
            continue  # no score to check, or JX601's
        hit = _quantitative(ctx, row) or _qualitative(ctx, row)
        if hit is None and row.category != "预算执行率":
            hit = _met_but_deducted(ctx, row)
        if hit is not None:
            yield hit
    if profile.score_by_rate:
        for row in data.execution:
            w, s, r = row.weight, row.score, row.rate
            if s.value > w.value:
                continue
            expected = min(w.value, w.value * r.value)
            tol = score_tolerance(ctx, s)
            if abs(s.value - expected) <= tol:
                continue
            yield ctx.hit(
                f"预算执行率{rate_shown(r)}，按分值{pts(w)}×执行率应得{shown_score(expected)}分，实际得{pts(s)}。",
                [w.evidence(), r.evidence(), s.evidence()], expected=f"{shown_score(expected)}分",
                severity="error" if s.value > expected else None,
                suggestion="预算执行率得分 = 分值 × 执行率，最高不超过分值。",
                message_en=(f"Budget execution rate {rate_shown(r)}: weight {pts_en(w)} × rate gives "
                            f"{shown_score(expected)} points, but {pts_en(s)} were given."))


def _quantitative(ctx: Context, row):
    """A missed quantitative target scored off 分值 × 实际/目标 (or 目标/实际)."""
    if row.category == "预算执行率":
        return _execution_indicator(ctx, row)
    if not quantitative(row) or met(row, ctx.profile) is not False:
        return None
    w, s, t, a = row.weight, row.score, row.target, row.actual
    expected = formula_score(row, ctx.profile)
    if expected is None or s.value == w.value:
        return None  # full marks on a miss: JX603
    if abs(s.value - expected) <= score_tolerance(ctx, s):
        return None
    reverse = direction(row, ctx.profile) == "<="
    how = (f"分值{pts(w)}×目标{shown(t)}÷实际{shown(a)}" if reverse
           else f"分值{pts(w)}×实际{shown(a)}÷目标{shown(t)}")
    how_en = "weight × target ÷ actual" if reverse else "weight × actual ÷ target"
    return ctx.hit(
        f"{label(row)}实际{shown(a)}未达到目标{shown(t)}，按{how}应得{shown_score(expected)}分，实际得{pts(s)}。",
        [t.evidence(), a.evidence(), w.evidence(), s.evidence()], expected=f"{shown_score(expected)}分",
        severity="error" if s.value > expected else None,
        suggestion="未完成的定量指标按完成比例计分，请复核得分或说明评分依据。",
        message_en=(f"{label(row)} missed its target {shown(t)} with {shown(a)}: {how_en} gives "
                    f"{shown_score(expected)} points, but {pts_en(s)} were given."))


def _execution_indicator(ctx: Context, row):
    """预算执行率 as a row of the indicator table: 分值 × 执行率, not 实际/目标."""
    w, s, a = row.weight, row.score, row.actual
    if not ctx.profile.score_by_rate or a is None or not a.numeric or a.unit != "%" or a.comparator not in (None, "="):
        return None
    expected = min(w.value, w.value * a.value / 100)
    if abs(s.value - expected) <= score_tolerance(ctx, s):
        return None
    return ctx.hit(
        f"预算执行率{shown(a)}，按分值{pts(w)}×执行率应得{shown_score(expected)}分，实际得{pts(s)}。",
        [a.evidence(), w.evidence(), s.evidence()], expected=f"{shown_score(expected)}分",
        severity="error" if s.value > expected else None,
        suggestion="预算执行率得分 = 分值 × 执行率，最高不超过分值。",
        message_en=(f"Budget execution rate {shown(a)}: weight {pts_en(w)} × rate gives "
                    f"{shown_score(expected)} points, but {pts_en(s)} were given."))


def _qualitative(ctx: Context, row):
    """达成 / 部分达成 / 未达成 scored outside the profile's band for that outcome."""
    a, w, s = row.actual, row.weight, row.score
    if a is None or a.numeric:
        return None
    outcome = ctx.profile.outcome_of(a.text)
    band = ctx.profile.qualitative.get(outcome) if outcome else None
    if band is None or s.value == w.value and outcome != "达成":
        return None  # full marks on a partial outcome: JX603
    lo, hi = w.value * band[0], w.value * band[1]
    tol = Decimal("0.005")
    if lo - tol <= s.value <= hi + tol:
        return None
    share = f"{fmt(band[0] * 100)}%–{fmt(band[1] * 100)}%"
    return ctx.hit(
        f"{label(row)}自评为“{outcome}”，按评分规则应得分值{pts(w)}的{share}（{fmt(lo)}–{fmt(hi)}分），实际得{pts(s)}。",
        [a.evidence(), w.evidence(), s.evidence()], expected=f"{fmt(lo)}–{fmt(hi)}分",
        severity="error" if s.value > hi else None,
        suggestion="定性指标按达成、部分达成、未达成三档确定得分区间。",
        message_en=(f"{label(row)} is rated “{outcome}”, which scores {share} of its weight "
                    f"({fmt(lo)}–{fmt(hi)} points), but {pts_en(s)} were given."))


def _met_but_deducted(ctx: Context, row):
    """The actual meets (or repeats) its target, yet points are taken off without a reason."""
    w, s, t, a = row.weight, row.score, row.target, row.actual
    if row.deviation != "" or s.value >= w.value or t is None or a is None:
        return None
    if t.numeric and a.numeric:
        if met(row, ctx.profile) is not True:
            return None
    elif t.numeric or a.numeric or t.text.strip() != a.text.strip() or len(t.text.strip()) < 2:
        return None
    done = (f"实际完成{shown(a)}已达到目标{shown(t)}" if a.numeric
            else f"实际完成情况“{shown(a)}”与年度指标值相同")
    return ctx.hit(
        f"{label(row)}{done}，却只得{pts(s)}（分值{pts(w)}），且未说明扣分原因。",
        [t.evidence(), a.evidence(), w.evidence(), s.evidence()], expected=pts(w),
        suggestion="已完成的指标应得满分；确有扣分理由的，请在偏差原因分析中说明。",
        message_en=(f"{label(row)} met its target {shown(t)} with {shown(a)}, yet scored {pts_en(s)} of "
                    f"{pts_en(w)} with no reason given."))
