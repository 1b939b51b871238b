"""JX903 人数、数量、面积或得分为负数

检查内容
  只能为零或正数的量写成了负数："-3人""负2个""-12.5亩"，以及负的得分、分值（"得分 -2"）。
  增减变化、较上年增减、调整数、差额、扣分等本来可以为负的栏目和表述不报。

为何重要
  人数、个数、面积和得分不可能小于零；负号多是录入错误、把增减数填进了实有数栏，或把扣分写成了
  得分，会使合计、评分随之出错。

应报示例
  "年末实有人数-3人。"  自评表得分栏为"-2"。

不报示例
  "在职人数较上年减少-3人"、表格"增减变化"栏的"-2"、"扣分 -2"、"3-5人"（区间）、
  "2021年11月-2022年3月"（日期）。

依据
  数量的定义（计数、面积、得分均非负）；财预〔2020〕10号（得分在0至分值之间）。
"""
from __future__ import annotations

import regex as re

from .base import Context, claim_figure, rule

# Kinds of quantity that cannot be negative (score: 得分 / 分值).
NON_NEGATIVE_KINDS = ("count", "area", "length", "weight", "volume", "score")
# Words (in the clause, the column header or the row label) that make a negative figure legitimate.
SIGNED_WORDS = ("增减", "变化", "变动", "差额", "差异", "差值", "较上年", "比上年", "较去年", "比去年", "同比", "环比",
                "增加", "减少", "增长", "下降", "降低", "调整", "调减", "调增", "核减", "偏差", "扣分", "扣减", "扣",
                "净增", "净减", "增幅", "减幅", "变化数", "对比", "比较", "盈亏", "损益", "结余")
_MINUS = re.compile(r"^\s*[-－−—–]|^负")
_NUMBER_CHAR = re.compile(r"[\dA-Za-z.%％]")
_WHAT = {"count": "数量", "area": "面积", "length": "长度", "weight": "重量", "volume": "体积", "score": "得分"}

_FIRE = [
    "一、部门概况\n本单位编制数45人，年末实有人数-3人。\n",
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t数量指标\t培训人次\t≥500人次\t450人次\t20\t-2\n",
]
_NOFIRE = [
    "一、部门概况\n在职人数40人，较上年减少-3人。\n",
    "一、人员情况\n项目\t上年人数（人）\t本年人数（人）\t增减变化（人）\n在职人员\t43\t40\t-3\n",
    "二、绩效目标完成情况\n每户安置3-5人，工期为2021年11月-2022年3月，扣分-2分。\n",
]


@rule("JX903", "negative-count", category="implausible-value", severity="error", fire=_FIRE, nofire=_NOFIRE)
def check(ctx: Context):
    for c in ctx.claims:
        q = c.quantity
        if q is None or c.value is None or c.value >= 0:
            continue
        kind = q.kind
        if kind not in NON_NEGATIVE_KINDS and not (c.role in ("score", "weight") and kind == "number"):
            continue
        if not _MINUS.match(c.text):
            continue
        start = c.span[0]
        if start > 0 and _NUMBER_CHAR.match(ctx.text[start - 1]):
            continue  # "3-5人", "2021-2022": a range or a date, not a sign
        context = " ".join(x for x in (c.metric, c.column, _clause(ctx, c)) if x)
        if any(w in context for w in SIGNED_WORDS):
            continue
        what = "得分" if c.role == "score" else "分值" if c.role == "weight" else _WHAT.get(kind, "数量")
        if kind == "count" and (c.unit or "").lstrip("万") in ("人", "人次", "名", "位"):
            what = "人数"
        label = (c.metric or what).strip()
        if c.role in ("score", "weight") and what not in label:
            label = f"{label}的{what}"
        fig = claim_figure(c)
        yield ctx.hit(f"{label}为{fig}，{what}不应为负数。", [c],
                      suggestion="核对该数值：是否误填了增减数、扣分数，或多了负号。",
                      message_en=f"{label} is {fig}: a {'score' if kind == 'score' or c.role in ('score', 'weight') else 'count or size'} cannot be negative.")


def _clause(ctx: Context, c) -> str:
    from ..extract.claims import clause_before

    row = ""
    if c.source == "table" and c.location is not None and c.location.table is not None:
        t = next((t for t in ctx.doc.tables if t.table_no == c.location.table), None)
        if t is not None and c.location.row is not None:
            row = " ".join(t.value(c.location.row, k) for k in range(min(2, t.n_cols)))
            row += " " + " ".join(t.value(r, c.location.column) for r in range(min(2, t.n_rows)))
    return clause_before(ctx.text, c.span[0])[1] + " " + row
