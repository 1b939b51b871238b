"""JX604 得分或分值合计不符

检查内容
  - 自评表中各指标得分之和与总分行（总分 / 合计）不符，分值之和与总分行的分值或满分 100 分不符
    （预算执行率一行计入或不计入总分都算对）；
  - 一级指标单元格写明的分值（"产出指标（50分）"）或小计行，与其下各指标分值、得分之和不符；
  - 正文中分项得分与总分不符："产出指标得分48分、效益指标得分28分、满意度指标得分9分、
    预算执行率得分9分，总分90分"；各一级指标分值"产出（60分）、效益（30分）……"加起来超过满分；
  - 标题写明分值的一节（"（二）效益指标（30分）"），其下各项得分之和超过该分值。
  只核对读全了的表（有读不懂的行就不核对），正文分项不全时只在分项之和超过总数时提示。
  允许总分按所写小数位四舍五入。

为何重要
  总分是等级的依据。分项与总分对不上，要么是某项得分改了而总分没改，要么是分值体系本身
  不成立（一级指标分值加起来不是 100），自评结果都无法采信。

应报示例
  自评表各项得分 20+28.4+27+9 = 84.4，加执行率得分 10 为 94.4，总分行却写 90；正文"产出指标得分48分、
  效益指标得分28分、满意度指标得分9分、预算执行率得分9分，总分90分"（合计 94）。

不报示例
  总分按四舍五入：各项 8.62+19.5+28+9 = 65.12，总分写 65；总分不含预算执行率一行；
  正文只列了两项得分（"其中产出指标得分45分、效益指标得分26分"），总分 90。

依据
  财预〔2020〕10号 附件项目支出绩效自评表：总分为各指标得分之和，满分 100 分；
  一级指标分值之和为 100 分。
"""
from __future__ import annotations

from decimal import Decimal

from .base import Context, fmt, rule
from ..extract.indicator_tables import Block, Fig, Row, decimals
from ._scores import execution_row_for, pts, pts_en, scores

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
_ROWS = ("产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t20\t20\t\n"
         "产出指标\t质量指标\t培训合格率\t≥95%\t90%\t30\t28.4\t部分学员考核未通过\n"
         "效益指标\t社会效益指标\t就业率\t≥80%\t72%\t30\t27\t就业形势影响\n"
         "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t81%\t10\t9\t培训时间安排不合理\n")
_FUNDS = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t100.00\t100.00\t100.00\t10\t100%\t10\n")


@rule("JX604", "scores-not-summing", category="score-mismatch", severity="error",
      fire=[
          "附表：项目支出绩效自评表\n" + _FUNDS + "\n" + _TABLE + _ROWS + "总分\t\t\t\t\t100\t90\t\n",
          "一、自评结论\n产出指标得分48分、效益指标得分28分、满意度指标得分9分、预算执行率得分9分，总分90分。\n",
          "二、评价指标\n一级指标分值为：产出指标（60分）、效益指标（30分）、满意度指标（10分）、预算执行率（10分）。\n",
      ],
      nofire=[
          "附表：项目支出绩效自评表\n" + _FUNDS + "\n" + _TABLE + _ROWS + "总分\t\t\t\t\t100\t94.4\t\n",
          "附表：项目支出绩效自评表\n" + _TABLE + _ROWS + "总分\t\t\t\t\t90\t84.4\t\n",
          "一、自评结论\n本项目自评总分90分，其中产出指标得分45分、效益指标得分26分。\n",
          "一、自评结论\n产出指标得分48.5分、效益指标得分27.6分、满意度指标得分9分、预算执行率得分9分，总分94分。\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    for block in data.blocks:
        if block.complete:
            yield from _block(ctx, data, block)
    yield from _text_totals(ctx, data)
    yield from _text_weights(ctx, data)
    yield from _heading_blocks(ctx, data)


def _tol(total: Fig) -> Decimal:
    return max(Decimal("0.005"), Decimal(5) / Decimal(10) ** (decimals(total.text) + 1))


def _sum_text(figs: list[Fig]) -> str:
    return "+".join(fmt(f.value) for f in figs) if len(figs) <= 12 else f"{len(figs)}项"


def _block(ctx: Context, data, block: Block):
    rows = block.rows
    ex = execution_row_for(data, block)
    # 一级指标（50分）and 小计 rows against their indicators
    for cat, fig in block.level_weights.items():
        part = [r.weight for r in rows if r.category == cat]
        if part and abs(sum(f.value for f in part) - fig.value) > _tol(fig):
            yield _hit(ctx, f"{cat}指标", "分值", part, fig)
    for sub in data.subtotals:
        if sub.block != block.id or sub.category is None:
            continue
        members = [r for r in rows if r.category == sub.category]
        for attr, what in (("weight", "分值"), ("score", "得分")):
            total, part = getattr(sub, attr), [getattr(r, attr) for r in members]
            if total is not None and part and abs(sum(f.value for f in part) - total.value) > _tol(total):
                yield _hit(ctx, f"{sub.category}指标", what, part, total)
    # the total row against every indicator (and the 预算执行率 row, counted or not)
    for tot in [t for t in data.totals if t.block == block.id]:
        for attr, what in (("weight", "分值"), ("score", "得分")):
            total = getattr(tot, attr)
            part = [getattr(r, attr) for r in rows]
            if total is None and attr == "weight":
                total = Fig(fmt(ctx.profile.full_score), tot.span, ctx.profile.full_score)
                if tot.weight is None and tot.score is None:
                    continue
                stated = False
            else:
                stated = True
            if total is None:
                continue
            plain = sum(f.value for f in part)
            with_exec = plain + (getattr(ex, attr).value if ex is not None else 0)
            if abs(plain - total.value) <= _tol(total) or abs(with_exec - total.value) <= _tol(total):
                continue
            if ex is not None:
                part = [getattr(ex, attr)] + part
            if not stated:
                yield _hit_full(ctx, part, ctx.profile.full_score, tot)
            else:
                yield _hit(ctx, "各指标", what, part, total, total_word="总分")


def _hit(ctx: Context, whose: str, what: str, part: list[Fig], total: Fig, total_word: str | None = None):
    s = sum(f.value for f in part)
    tw = total_word or ("分值" if what == "分值" else "得分")
    return ctx.hit(
        f"{whose}{what}合计{pts(s)}（{_sum_text(part)}），与所写{tw}{pts(total)}不符。",
        [f.evidence() for f in part] + [total.evidence()], expected=pts(s),
        suggestion="请核对各项" + what + "与合计数。",
        message_en=f"The {'weights' if what == '分值' else 'scores'} of {whose} add up to {pts_en(s)}, not the stated {pts_en(total)}.")


def _hit_full(ctx: Context, part: list[Fig], full: Decimal, tot: Row):
    s = sum(f.value for f in part)
    return ctx.hit(
        f"各指标分值合计{pts(s)}（{_sum_text(part)}），不等于满分{pts(full)}。",
        [f.evidence() for f in part], expected=pts(full),
        suggestion="各指标分值之和应为满分；指标不适用而删去的，应将其余指标分值按比例调整到满分。",
        message_en=f"The weights add up to {pts_en(s)}, not the full score of {pts_en(full)}.")


def _text_totals(ctx: Context, data):
    """产出指标得分48分、效益指标得分28分……总分90分 in one paragraph."""
    full_set = {c for c, w in ctx.profile.weights.items() if w > 0}
    by_para: dict[int, list] = {}
    for cat, fig, _sent in data.category_scores:
        b = ctx.doc.block_at(fig.span[0])
        if b is not None:
            by_para.setdefault(b.index, []).append((cat, fig))
    for tot in data.totals:
        if tot.source != "text" or tot.score is None:
            continue
        b = ctx.doc.block_at(tot.score.span[0])
        parts = by_para.get(b.index if b is not None else -1, [])
        cats = [c for c, _ in parts]
        if len(parts) < 2 or len(set(cats)) != len(cats):
            continue
        figs = [f for _, f in parts]
        s = sum(f.value for f in figs)
        total = tot.score
        if abs(s - total.value) <= _tol(total):
            continue
        if s < total.value and not full_set <= set(cats):
            continue  # a partial list: 其中产出指标得分45分、效益指标得分26分
        yield ctx.hit(
            f"分项得分合计{pts(s)}（{_sum_text(figs)}），与所写总分{pts(total)}不符。",
            [f.evidence() for f in figs + [total]], expected=pts(s), suggestion="请核对各一级指标得分与总分。",
            message_en=f"The first-level scores add up to {pts_en(s)}, not the stated total {pts_en(total)}.")


def _text_weights(ctx: Context, data):
    """产出指标（60分）、效益指标（30分）…: first-level weights adding up to more than 100."""
    first: dict[str, Fig] = {}
    for cat, fig in data.text_weights:
        if cat in first and first[cat].value != fig.value:
            return  # two weight systems in one report (several projects): nothing to add up
        first.setdefault(cat, fig)
    if len(first) < 2 or data.other_framework:
        return
    full = ctx.profile.full_score
    s = sum(f.value for f in first.values())
    all_cats = {c for c, w in ctx.profile.weights.items() if w > 0} <= set(first)
    if s == full or (s < full and not all_cats):
        return
    figs = list(first.values())
    parts = "、".join(f"{c}{pts(f)}" for c, f in first.items())
    yield ctx.hit(
        f"一级指标分值合计{pts(s)}（{parts}），不等于满分{pts(full)}。", [f.evidence() for f in figs], expected=pts(full),
        suggestion="各一级指标分值之和应为满分，请核对分值设置。",
        message_en=f"The first-level weights add up to {pts_en(s)}, not the full score of {pts_en(full)}.")


def _heading_blocks(ctx: Context, data):
    """"（二）效益指标（30分）" over indicator scores that add up to more than 30."""
    weights = [c for c in ctx.by_role("weight") if c.source == "text" and c.value is not None]
    text_rows = [r for r in data.rows if r.source == "text" and r.bare and r.score is not None]
    for sec in ctx.doc.root.walk():
        if sec.heading is None:
            continue
        h = sec.heading.span
        in_head = [w for w in weights if h[0] <= w.span[0] < h[1]]
        if len(in_head) != 1:
            continue
        w = in_head[0]
        inside = [r for r in text_rows if sec.span[0] <= r.score.span[0] < sec.span[1]
                  and not (h[0] <= r.score.span[0] < h[1])
                  and (r.weight is None or r.weight.claim is not w)]
        if len(inside) < 2:
            continue
        figs = [r.score for r in inside]
        s = sum(f.value for f in figs)
        if s <= w.value + Decimal("0.005"):
            continue
        yield ctx.hit(
            f"“{sec.heading.title}”分值{pts(w.value)}，其下各项得分合计却为{pts(s)}（{_sum_text(figs)}）。",
            [w] + [f.evidence() for f in figs], expected=f"≤{pts(w.value)}",
            suggestion="各项得分之和不能超过所属指标的分值，请核对。",
            message_en=f"“{sec.heading.title}” is worth {pts_en(w.value)}, but the scores under it add up to {pts_en(s)}.")
