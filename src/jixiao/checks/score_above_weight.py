"""JX601 得分高于分值

检查内容
  一项指标的得分超过其分值（自评表中"分值 10、得分 12"，正文中"分值10分，得分12分"），预算执行率
  的得分超过其分值，或总分超过满分（100 分）、超过总分行自己写的分值。

为何重要
  得分最高不能超过该指标分值上限，这是自评表的硬性规则。得分超过分值，不是填错了分值、得分两栏，
  就是评分把关不严，总分与等级都会随之虚高。

应报示例
  自评表"群众满意度 | ≥90% | 95% | 10 | 12"；正文"服务对象满意度分值10分，得分12分。"；
  "经自评，项目自评得分102分。"

不报示例
  得分等于分值（10 | 10）；"总分100分，自评得分98分"；一个指标分值 12 分、得 10 分，另一个
  分值 10 分、得 10 分（各行分别比较，不跨行混比）。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》附件项目支出绩效自评表填表说明："得分最高不能超过该指标分值上限"；
  自评总分满分 100 分。
"""
from __future__ import annotations

from .base import Context, rule
from ._scores import label, pts, pts_en, scores

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"


@rule("JX601", "score-above-weight", category="score-mismatch", severity="error",
      fire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t20\t20\t\n"
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t12\t\n",
          "三、绩效指标完成情况\n（三）满意度指标\n服务对象满意度调查显示满意度为95%，该项分值10分，得分12分。\n",
          "一、自评结论\n经自评，本项目自评得分102分，评价等级为优。\n",
      ],
      nofire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t12\t10\t\n"
          + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t\n",
          "一、自评结论\n本项目总分100分，自评得分98分，评价等级为优。\n",
          "三、绩效指标完成情况\n服务对象满意度为95%，分值10分，得分10分；培训人次分值12分，得分10分。\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    full = ctx.profile.full_score
    for row in data.rows + data.execution + data.subtotals:
        w, s = row.weight, row.score
        if w is None or s is None or s.value <= w.value:
            continue
        what = "预算执行率" if row.kind == "execution" else label(row)
        yield ctx.hit(
            f"{what}得分{pts(s)}高于其分值{pts(w)}。",
            [w.evidence(), s.evidence()], expected=f"≤{pts(w)}",
            suggestion="得分不得超过该指标分值，请核对分值与得分。",
            message_en=f"The score of {what} ({pts_en(s)}) is above its weight ({pts_en(w)}).")
    for row in data.totals:
        w, s = row.weight, row.score
        if s is None:
            continue
        if w is not None and s.value > w.value:
            yield ctx.hit(
                f"总分{pts(s)}高于其分值{pts(w)}。", [w.evidence(), s.evidence()], expected=f"≤{pts(w)}",
                suggestion="总分不得超过满分，请核对各项得分。",
                message_en=f"The total score {pts_en(s)} is above its weight {pts_en(w)}.")
        elif s.value > full:
            yield ctx.hit(
                f"自评总分{pts(s)}超过满分{pts(full)}。", [s.evidence()], expected=f"≤{pts(full)}",
                suggestion="总分不得超过满分，请核对各项得分。",
                message_en=f"The total score {pts_en(s)} is above the full score {pts_en(full)}.")
