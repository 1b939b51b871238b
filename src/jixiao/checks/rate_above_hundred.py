"""JX901 比率超过100%

检查内容
  按定义不可能超过100%的比率写成了100%以上：满意度、合格率、覆盖率、达标率、知晓率、及时率、
  办结率、通过率、优良率、完好率、正常运转率、参保率等（名单见本模块 BOUNDED_RATES，按数据维护）。
  执行率、完成率、增长率、增速、占比等可以超过100%的比率不在此列；"满意度较上年提高120%"之类的
  变化幅度也不报。正文和表格中的百分数都检查；数值达到1000%以上的多为表格拍平后数字粘连
  （分值"20"与"100%"连成"20100%"），按 warning 报告。

为何重要
  满意度105%、合格率120%在逻辑上不可能，说明数字录入有误或把完成率当成了合格率，会直接影响
  评分和结论的可信度。

应报示例
  "群众满意度达105%。"  自评表中"验收合格率"实际完成值"120%"。

不报示例
  "预算执行率105%"、"任务完成率120%"、"营业收入同比增长130%"、"满意度100%"、
  "满意度较上年提高5个百分点"。

依据
  比率的定义（部分 / 全体 ≤ 100%）；财预〔2020〕10号附件指标体系中满意度、合格率等指标的口径。
"""
from __future__ import annotations

import regex as re

from .base import Context, claim_figure, rule

# Rates that are a part of a whole and so cannot exceed 100% (data: extend as needed).
BOUNDED_RATES = (
    "满意度", "满意率", "满意程度", "合格率", "覆盖率", "达标率", "知晓率", "知晓度", "及时率", "准时率",
    "办结率", "通过率", "优良率", "完好率", "正常运转率", "运转率", "参保率", "入学率", "巩固率", "普及率",
    "出勤率", "整改率", "处置率", "处理率", "回复率", "解决率", "完整率", "准确率", "正确率", "规范率",
    "发放率", "受益率", "入住率", "利用率", "使用率", "认知度", "认可度", "建档率", "签约率",
    "接种率", "体检率", "检测率", "抽检率", "验收率", "开工率", "完工率", "竣工率", "成功率",
    "安置率", "就业率", "治愈率", "好评率", "清运率", "无害化处理率", "达标排放率",
)
# Rates that may exceed 100%, and words that make the figure a change rather than a level.
UNBOUNDED = ("执行率", "完成率", "增长率", "增速", "增幅", "增长", "提高", "提升", "上升", "同比", "环比", "比上年",
             "较上年", "比去年", "较去年", "超额", "占比", "比例", "倍", "下降", "降低", "减少")
_JUNK_METRIC = re.compile(r"[\d≥≤<>=%％$]")

_FIRE = [
    "二、绩效目标完成情况\n经问卷调查，群众满意度达105%。\n",
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t质量指标\t验收合格率\t≥95%\t120%\t20\t20\n",
]
_NOFIRE = [
    "二、绩效目标完成情况\n预算执行率105%，任务完成率120%，营业收入同比增长130%，群众满意度100%。\n",
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t数量指标\t任务完成率\t≥100%\t112%\t20\t20\n"
    "效益指标\t满意度指标\t群众满意度\t≥90%\t98%\t10\t10\n",
    "二、绩效目标完成情况\n群众满意度较上年提高120%。\n",
]


def bounded_word(name: str | None) -> str | None:
    """The bounded-rate word that heads ``name`` (None when the name is a change or an unbounded rate)."""
    if not name or _JUNK_METRIC.search(name):
        return None
    best, pos = None, -1
    for w in BOUNDED_RATES:
        i = name.rfind(w)
        if i > pos or (i == pos and best and len(w) > len(best)):
            best, pos = w, i
    if best is None or pos < 0:
        return None
    if any(u in name[pos:] or u in name[:pos][-4:] for u in UNBOUNDED):
        return None
    return best


@rule("JX901", "rate-above-hundred", category="implausible-value", severity="error", fire=_FIRE, nofire=_NOFIRE)
def check(ctx: Context):
    for c in ctx.claims:
        q = c.quantity
        if q is None or c.value is None or c.unit not in ("%", "％"):
            continue
        top = q.high if q.high is not None else q.value
        if top <= 100:
            continue
        if c.comparator in ("<=", "<"):
            continue  # "≤120%" bounds from above: not a value above 100%
        name = c.metric if c.source == "text" else (c.metric or "")
        word = bounded_word(name)
        if word is None and c.source == "table":
            word = bounded_word(c.column)
        if word is None:
            continue
        _, clause = _clause(ctx, c)
        if any(u in clause for u in UNBOUNDED[3:]):
            continue
        fused = top >= 1000
        fig = claim_figure(c)
        label = (c.metric or word).strip()
        msg = f"{label}为{fig}，而{word}不可能超过100%" + ("（疑为相邻数字粘连）。" if fused else "。")
        yield ctx.hit(msg, [c], expected="≤100%", severity="warning" if fused else None,
                      suggestion="核对该比率的分子、分母或是否误填了完成率。",
                      message_en=f"{label} is {fig}, but a {word} cannot exceed 100%"
                                 + (" (probably digits of adjacent cells run together)." if fused else "."))


def _clause(ctx: Context, c):
    from ..extract.claims import clause_before

    return clause_before(ctx.text, c.span[0])
