"""JX606 总分超过执行率封顶或超额完成未扣分

检查内容
  所选评分规则（profile）按预算执行率给总分封顶时，报告总分超过了其执行率对应的上限；评分规则
  规定实际值大幅超过目标值（目标定得过低）要扣分时，超出该比例的指标仍得了满分。全国默认规则
  没有这两条，只在选择了有此规定的评分规则（例如 strict-execution：执行率 70%–80% 总分≤89，
  60%–70% ≤79，50%–60% ≤69，<50% ≤59；超目标 30% 以上扣 2 分）时检查。

为何重要
  有的省份用执行率封顶来约束"钱没花完、绩效却优秀"的自评，用超额扣分来约束目标定得过低。
  按该省规则自评的报告，总分和得分必须服从这些上限。

应报示例
  （strict-execution）预算执行率 75%，自评总分 92 分；培训人次目标 ≥500 人次、实际 700 人次，
  得满分 20 分。

不报示例
  全国默认规则下执行率 75%、总分 92 分；（strict-execution）执行率 85%、总分 92 分；执行率 75%、
  总分 89 分；超目标 40% 的指标已扣 2 分（20 分得 18 分）。

依据
  部分省份项目支出绩效自评办法：预算执行率低于 80% 的，总分按执行率分档封顶；实际完成值超过
  年度指标值 30% 以上的，视为目标设定偏低，扣减该指标分值。全国规则见财预〔2020〕10号。
"""
from __future__ import annotations

from decimal import Decimal

from .base import Context, fmt, rule
from ._scores import direction, label, pts, pts_en, quantitative, scores, shown

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
_STRICT = "# profile: strict-execution\n"


@rule("JX606", "total-above-cap", category="score-mismatch", severity="error",
      fire=[
          _STRICT + "一、自评结论\n本项目预算执行率为75%，自评总分92分，评价等级为优。\n",
          _STRICT + "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t数量指标\t培训人次\t≥500人次\t700人次\t20\t20\t\n",
      ],
      nofire=[
          "一、自评结论\n本项目预算执行率为75%，自评总分92分，评价等级为优。\n",
          _STRICT + "一、自评结论\n本项目预算执行率为85%，自评总分92分，评价等级为优。\n",
          _STRICT + "一、自评结论\n本项目预算执行率为75%，自评总分89分，评价等级为良。\n",
          _STRICT + "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t数量指标\t培训人次\t≥500人次\t700人次\t20\t18\t目标设定偏低，扣2分\n"
          + "产出指标\t数量指标\t培训场次\t≥20场\t25场\t10\t10\t\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    profile = ctx.profile
    if profile.caps:
        yield from _cap(ctx, data)
    if profile.overshoot_ratio > 0:
        yield from _overshoot(ctx, data)


def _cap(ctx: Context, data):
    rate = _execution_rate(ctx, data)
    totals = {t.score.value: t for t in data.totals if t.score is not None}
    if rate is None or len(totals) != 1:
        return
    value, ev = rate
    total = next(iter(totals.values())).score
    cap = ctx.profile.cap_for(value)
    if cap is None or total.value <= cap.max_total:
        return
    shown = f"{fmt(value * 100)}%"
    yield ctx.hit(
        f"预算执行率为{shown}，按评分规则“{ctx.profile.name}”总分不得高于{pts(cap.max_total)}，报告总分为{pts(total)}。",
        [ev, total.evidence()], expected=f"≤{pts(cap.max_total)}",
        suggestion="执行率偏低的项目，总分按评分规则封顶，请调整总分及等级。",
        message_en=(f"Budget execution rate {shown}: under profile “{ctx.profile.name}” the total may not exceed "
                    f"{pts_en(cap.max_total)}, but it is {pts_en(total)}."))


def _execution_rate(ctx: Context, data):
    """The report's one 预算执行率 (a fraction) and its evidence, None when absent or several."""
    found: dict[Decimal, object] = {}
    for row in data.execution:
        found.setdefault(row.rate.value, row.rate.evidence())
    if not found:
        for c in ctx.by_role("rate"):
            if c.value is None or c.unit not in ("%", "％") or not c.metric:
                continue
            if c.metric.endswith(("预算执行率", "资金执行率")) or c.metric == "执行率":
                found.setdefault(c.value / 100, c)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def _overshoot(ctx: Context, data):
    p = ctx.profile
    for row in data.rows:
        if row.weight is None or row.score is None or not quantitative(row):
            continue
        if direction(row, p) != ">=" or row.target.value <= 0:
            continue
        t, a, w, s = row.target, row.actual, row.weight, row.score
        if a.value < t.value * (1 + p.overshoot_ratio):
            continue
        if s.value <= w.value - p.overshoot_deduction:
            continue
        over = (a.value / t.value - 1) * 100
        over_s = fmt(over.quantize(Decimal("0.1")))
        yield ctx.hit(
            f"{label(row)}实际{shown(a)}超过目标{shown(t)}{over_s}%，按评分规则“{p.name}”超过"
            f"{fmt(p.overshoot_ratio * 100)}%以上应扣{pts(p.overshoot_deduction)}，却得{pts(s)}（分值{pts(w)}）。",
            [t.evidence(), a.evidence(), w.evidence(), s.evidence()],
            expected=f"≤{pts(w.value - p.overshoot_deduction)}", severity="warning",
            suggestion="实际大幅超过目标，说明目标设定偏低：按规则扣分，并在下年合理设定目标。",
            message_en=(f"{label(row)} exceeds its target {shown(t)} by {over_s}% ({shown(a)}); profile "
                        f"“{p.name}” deducts {pts_en(p.overshoot_deduction)}, yet {pts_en(s)} of {pts_en(w)} were given."))


