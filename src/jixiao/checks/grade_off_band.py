"""JX651 评价等级与总分不符

检查内容
  报告自评的等级（优 / 良 / 中 / 差，及优秀、良好、中等、合格、较差、不合格等写法）与其总分所在的
  分数段不符：全国默认 90 分（含）以上为优，80（含）–90 分为良，60（含）–80 分为中，60 分以下为差
  （分档取自所选评分规则）。总分取同一句、同一段或自评表总分行写的得分，全文只有一个总分时也用它。
  报告写了等级却没有写总分的，提示无法核对（提示级）。
  "等级为优良（80分以上）的项目有4个"这类统计，"被评为优秀单位"这类荣誉，不是自评等级，不检查；
  总分落在"优"却有核心指标未完成的情形，由 JX603 检查得分。

为何重要
  等级是自评结果的结论，常被直接用于预算安排和公开。等级高于分数段，是"自评虚高"最直观的表现；
  只写等级不写总分，等级就无从复核。

应报示例
  "自评得分88分，评价等级为优"；"总分 | 100 | 78 | 良"；"部门整体支出绩效被评为优秀"（全文无总分）。

不报示例
  "自评得分90分，评价等级为“优”"（90 分含在优的分数段内）；"绩效评价得分80.56分，等级为良"；
  "等级为优良（80分以上）的项目有4个"。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》：绩效评价结果采取评分和评级相结合的方式，
  总分一般设置为 100 分，等级一般划分为四档：90（含）-100 分为优、80（含）-90 分为良、
  60（含）-80 分为中、60 分以下为差。
"""
from __future__ import annotations

from .base import Context, fmt, rule
from ..extract.indicator_tables import Fig
from ._scores import grade_claims, pts, pts_en, scores

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t等级\n"


@rule("JX651", "grade-off-band", category="grade-mismatch", severity="error",
      fire=[
          "四、自评结论\n经自评，本项目自评得分88分，评价等级为优。\n",
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t50\t48\t\n"
          + "总分\t\t\t\t\t100\t78\t良\n",
          "六、自评结果应用\n本年度部门整体支出绩效被评为优秀，并按要求公开。\n",
      ],
      nofire=[
          "四、自评结论\n根据评价指标体系测算，自评得分90分，评价等级为“优”。\n",
          "二、评价结论\n本项目绩效评价得分80.56分，等级为“良”。\n",
          "一、总体情况\n经第三方评审，等级为优良（80分以上）的项目有4个，等级为中（70-80分）的项目有3个。\n",
          "一、总体情况\n本单位被评为优秀单位，获评先进集体。\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    profile = ctx.profile
    totals = [t for t in data.totals if t.score is not None]
    pairs: list[tuple[Fig | object, Fig | None, bool]] = []
    for g in grade_claims(ctx):
        pairs.append((g, *_total_for(ctx, g, totals)))
    for t in totals:
        if t.grade is not None:
            pairs.append((t.grade, t.score, True))
    for g, table_no in data.table_grades:
        same = {t.score.value: t for t in totals if t.source == "table" and t.table is not None
                and abs(t.table - table_no) <= 1}
        if len(same) == 1:
            pairs.append((g, next(iter(same.values())).score, True))
        elif not same:
            only = {t.score.value: t for t in totals}
            pairs.append((g, next(iter(only.values())).score if len(only) == 1 else None, False))
    distinct = {t.score.value for t in totals}
    for grade, total, near in pairs:
        word = (grade.text if hasattr(grade, "text") else str(grade)).strip("“”\"")
        named = profile.grade_named(word)
        if named is None:
            continue
        ev = grade.evidence() if isinstance(grade, Fig) else grade
        if total is None:
            if distinct:
                continue  # several totals, none beside this grade: cannot tell which it grades
            yield ctx.hit(
                f"报告评为“{word}”，但未写明自评总分，无法核对等级与得分是否相符。", [ev],
                severity="info", suggestion="请写明自评总分（满分100分）及各项得分，等级应与总分所在分数段一致。",
                message_en=f"The report grades itself “{word}” but states no total score, so the grade cannot be checked.")
            continue
        expected = profile.grade_for(total.value)
        if expected == named:
            continue
        yield ctx.hit(
            f"总分{pts(total)}对应的等级为“{expected.label}”（{_band(profile, expected)}），报告却评为“{word}”。",
            [total.evidence(), ev], expected=expected.label, severity=None if near else "warning",
            suggestion="等级应按总分所在分数段确定，请核对总分或等级。",
            message_en=(f"A total of {pts_en(total)} earns grade “{expected.label}” ({_band_en(profile, expected)}), "
                        f"but the report says “{word}”."))


def _total_for(ctx: Context, g, totals) -> tuple[Fig | None, bool]:
    """The total a grade claim grades, and whether it sits beside the grade: the nearest one
    before it in the same sentence, else in the same paragraph or section, else the report's only one
    (then the pairing is less certain)."""
    same = [t for t in totals if t.source == "text" and t.span[0] <= g.span[0] < t.span[1]]
    if same:
        before = [t for t in same if t.score.span[0] < g.span[0]]
        pick = max(before, key=lambda t: t.score.span[0]) if before else min(same, key=lambda t: t.score.span[0])
        return pick.score, True
    para = ctx.doc.block_at(g.span[0])
    sec = ctx.doc.section_at(g.span[0])
    for scope in (lambda t: para is not None and ctx.doc.block_at(t.score.span[0]) is para,
                  lambda t: sec.heading is not None and ctx.doc.section_at(t.score.span[0]) is sec):
        near = [t for t in totals if scope(t)]
        if near:
            return (near[0].score, True) if len({t.score.value for t in near}) == 1 else (None, True)
    if len({t.score.value for t in totals}) == 1:
        return totals[0].score, False
    return None, False


def _band(profile, g) -> str:
    lo, hi = profile.band(g)
    if hi is None:
        return f"{fmt(lo)}分及以上"
    if lo == 0:
        return f"{fmt(hi)}分以下"
    return f"{fmt(lo)}分（含）至{fmt(hi)}分"


def _band_en(profile, g) -> str:
    lo, hi = profile.band(g)
    if hi is None:
        return f"{fmt(lo)} points or more"
    if lo == 0:
        return f"below {fmt(hi)} points"
    return f"{fmt(lo)} to under {fmt(hi)} points"
