"""JX603 未完成目标却得满分

检查内容
  实际完成值未达到年度指标值（正向指标低于目标，反向指标高于目标），或自评为"部分达成 / 未达成"，
  却得了该指标的全部分值。目标与实际可以在自评表的同一行，也可以分写在正文里（绩效目标一节写
  "满意度≥90%"，完成情况一节写"满意度达85%"），得分写在同一句、同一小节或自评表中同名指标的一行。

为何重要
  未完成的指标按完成比例计分，满分只属于完成了的指标。"未完成却满分"是评审最常指出的
  得分虚高，直接抬高总分和等级。

应报示例
  自评表"群众满意度 | ≥90% | 85% | 10 | 10"；正文目标"社会公众满意度≥90%"，完成情况"社会公众满意度
  为85%，分值10分，得10分"。

不报示例
  反向指标"投诉率 ≤5% | 3% | 10 | 10"；"满意度 ≥90% | 90% | 10 | 10"（恰好达到）；
  未完成且按比例扣分（得 9.4 分）；只差一点、按公式也应得满分的（≥90% 实际 89.9%，应得 9.99 分）。

依据
  财预〔2020〕10号 附件项目支出绩效自评表填表说明：完成指标值的记满分，未完成的按 实际/目标
  （反向指标 目标/实际）× 分值 计分；定性指标部分达成、未达成分别只能得 80–60%、60–0% 的分值。
"""
from __future__ import annotations

from decimal import Decimal

from ..extract.relations import metric_similarity
from .base import Context, rule
from ..extract.indicator_tables import Row, simp
from ._scores import _claim_fig, formula_score, label, met, pts, pts_en, quantitative, scores, shown, shown_score

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"


@rule("JX603", "full-marks-on-missed-target", category="score-mismatch", severity="error",
      fire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t85%\t10\t10\t\n",
          "一、绩效目标\n社会公众满意度≥90%。\n二、绩效目标完成情况\n（一）满意度指标\n"
          "经问卷调查，社会公众满意度为85%，分值10分，得10分。\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "效益指标\t社会效益指标\t带动周边产业发展\t有效带动\t部分达成\t10\t10\t\n",
      ],
      nofire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "满意度指标\t服务对象满意度指标\t投诉率\t≤5%\t3%\t10\t10\t\n"
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t90%\t10\t10\t\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t85%\t10\t9.4\t问卷满意度低于目标\n"
          + "满意度指标\t服务对象满意度指标\t企业满意度\t≥90%\t89.9%\t10\t10\t\n",
          "一、绩效目标\n社会公众满意度≥90%。\n二、绩效目标完成情况\n（一）满意度指标\n"
          "经问卷调查，社会公众满意度为95%，分值10分，得10分。\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    flagged: set[int] = set()
    for row in data.rows:
        hit = _row(ctx, row)
        if hit is not None:
            flagged.add(id(row))
            yield hit
    yield from _linked(ctx, [r for r in data.rows if id(r) not in flagged])


def _full(row: Row) -> bool:
    return row.weight is not None and row.score is not None and row.score.value == row.weight.value


def _material(ctx: Context, row: Row, expected: Decimal | None) -> bool:
    """The formula gives clearly less than full marks (not 9.99 of 10)."""
    if expected is None:
        return True
    w = row.weight.value
    return w - expected > min(ctx.tolerance("score_points"), w * ctx.tolerance("full_marks_share"))


def _row(ctx: Context, row: Row):
    if not _full(row) or row.target is None or row.actual is None or row.category == "预算执行率":
        return None  # 预算执行率 is scored 分值 × 执行率 (JX602)
    w, s, t, a = row.weight, row.score, row.target, row.actual
    if quantitative(row) and met(row, ctx.profile) is False:
        expected = formula_score(row, ctx.profile)
        if not _material(ctx, row, expected):
            return None
        exp = f"{shown_score(expected)}分" if expected is not None else f"低于{pts(w)}"
        return ctx.hit(
            f"{label(row)}实际{shown(a)}未达到目标{shown(t)}，却得满分{pts(s)}。",
            [t.evidence(), a.evidence(), w.evidence(), s.evidence()], expected=exp,
            suggestion="未完成的指标按完成比例计分，并在偏差原因中说明未完成的原因。",
            message_en=f"{label(row)} missed its target {shown(t)} with {shown(a)}, yet got full marks ({pts_en(s)}).")
    if not a.numeric:
        outcome = ctx.profile.outcome_of(a.text)
        band = ctx.profile.qualitative.get(outcome) if outcome else None
        if band is not None and band[1] < 1:
            hi = w.value * band[1]
            return ctx.hit(
                f"{label(row)}自评为“{outcome}”，却得满分{pts(s)}。", [a.evidence(), w.evidence(), s.evidence()],
                expected=f"≤{shown_score(hi)}分",
                suggestion="定性指标部分达成或未达成的，只能得该档区间内的分值。",
                message_en=f"{label(row)} is rated “{outcome}”, yet got full marks ({pts_en(s)}).")
    return None


def _linked(ctx: Context, rows: list[Row]):
    """A target and its actual in the text, the full score on a row of its own (自评表 or a later
    sentence of the same section)."""
    candidates = [r for r in rows if _full(r) and (r.actual is None or not r.actual.numeric)]
    if not candidates:
        return
    for link in ctx.tagging.links:
        if link.actual is None or link.ambiguous:
            continue
        t, a = ctx.claim(link.target), ctx.claim(link.actual)
        if t.source != "text" or a.source != "text":
            continue
        probe = Row(t.metric or "", a.span, "text", target=_claim_fig(t), actual=_claim_fig(a))
        if not quantitative(probe) or met(probe, ctx.profile) is not False:
            continue
        sec = ctx.doc.section_at(a.span[0])
        for row in candidates:
            same_section = (row.source == "text" and sec.heading is not None
                            and ctx.doc.section_at(row.span[0]) is sec
                            and sum(1 for r in rows if r.source == "text" and ctx.doc.section_at(r.span[0]) is sec) == 1)
            if not same_section and metric_similarity(simp(t.metric or ""), simp(row.name)) < 85:
                continue
            probe.weight, probe.score = row.weight, row.score
            expected = formula_score(probe, ctx.profile)
            if not _material(ctx, probe, expected):
                continue
            name = label(Row(t.metric or "", t.span, "text"))
            yield ctx.hit(
                f"{name}实际{shown(probe.actual)}未达到目标{shown(probe.target)}，却得满分{pts(row.score)}。",
                [t, a, row.weight.evidence(), row.score.evidence()],
                expected=f"{shown_score(expected)}分" if expected is not None else None,
                suggestion="未完成的指标按完成比例计分，并在偏差原因中说明未完成的原因。",
                message_en=(f"{name} missed its target {shown(probe.target)} with {shown(probe.actual)}, "
                            f"yet got full marks ({pts_en(row.score)})."))
            candidates.remove(row)
            break
