"""JX605 一级指标权重与评分规则默认值不同

检查内容
  产出、效益、满意度、预算执行率四个一级指标的分值与所选评分规则（profile）的默认权重不同
  （全国默认 产出 50、效益 30、满意度 10、预算执行率 10）。权重取自：自评表一级指标单元格
  "产出指标（40分）"、正文"效益指标（20分）"、读全的自评表中各指标分值按一级指标相加；
  正文只写了得分时，某一级指标下各项得分之和已超过其默认权重（效益 10+20+10 = 40 > 30），
  也说明权重与默认不同。采用决策 / 过程 / 投入等指标体系的评价报告不适用，不检查。

为何重要
  国家规定一级指标权重"原则上"按默认值设置，各地各单位可以调整，所以只作提示：审核时确认
  调整有依据（本省文件、项目特点），没有依据的权重调整会改变总分。

应报示例
  "产出指标（40分）…效益指标（40分）…满意度指标（20分）"；正文经济效益得10分、社会效益得20分、
  生态效益得10分（效益合计 40 分，默认权重 30 分）。

不报示例
  "产出指标（50分）、效益指标（30分）、满意度指标（10分）"；效益各项得分合计 28 分；
  选择了按本省权重设置的评分规则（例如 strict-execution 的产出 60 分）且报告与之一致。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》：单位自评指标的权重由各单位根据项目实际情况确定，
  原则上一级指标权重统一设置为：产出指标 50%、效益指标 30%、服务对象满意度指标 10%、预算执行率 10%。
"""
from __future__ import annotations

from decimal import Decimal

from .base import Context, rule
from ..extract.indicator_tables import Fig
from ._scores import execution_row_for, pts, pts_en, scores

_TABLE = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"


@rule("JX605", "weights-off-profile", category="score-mismatch", severity="info",
      fire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标（40分）\t数量指标\t发放原种\t≥550万粒\t550万粒\t20\t20\t\n"
          + "产出指标（40分）\t质量指标\t原种合格率\t≥90%\t92%\t20\t20\t\n"
          + "效益指标（40分）\t社会效益指标\t推广面积占比\t≥80%\t80%\t40\t40\t\n"
          + "满意度指标（20分）\t服务对象满意度指标\t农户满意度\t≥90%\t95%\t20\t20\t\n",
          "二、部门整体支出绩效实现情况\n（二）履职效果情况\n1.经济效益指标\n带动社会资本投资增加10亿元以上，目标完成，得10分。\n"
          "2.社会效益指标\n机关运行满意度达95%，完成目标，得20分。\n"
          "3.生态效益指标\n园区污水达标排放率达95%，完成目标，得10分。\n",
      ],
      nofire=[
          "附表：项目支出绩效自评表\n" + _TABLE
          + "产出指标（50分）\t数量指标\t发放原种\t≥550万粒\t550万粒\t25\t25\t\n"
          + "产出指标（50分）\t质量指标\t原种合格率\t≥90%\t92%\t25\t25\t\n"
          + "效益指标（30分）\t社会效益指标\t推广面积占比\t≥80%\t80%\t30\t30\t\n"
          + "满意度指标（10分）\t服务对象满意度指标\t农户满意度\t≥90%\t95%\t10\t10\t\n",
          "二、部门整体支出绩效实现情况\n（二）履职效果情况\n1.经济效益指标\n带动社会资本投资增加10亿元以上，目标完成，得10分。\n"
          "2.社会效益指标\n机关运行满意度达95%，完成目标，得10分。\n"
          "3.生态效益指标\n园区污水达标排放率达95%，得8分。\n",
          "# profile: strict-execution\n二、评价指标\n本项目一级指标分值：产出指标（60分）、效益指标（30分）、预算执行率（10分）。\n",
      ])
def check(ctx: Context):
    data = scores(ctx)
    if data.other_framework:
        return
    defaults = ctx.profile.weights
    groups: list[dict[str, list[Fig]]] = []
    for block in data.blocks:
        if block.level_weights:
            groups.append({cat: [f] for cat, f in block.level_weights.items()})
        elif block.complete:
            g = _table_sums(data, block)
            if g:
                groups.append(g)
    text: dict[str, list[Fig]] = {}
    for cat, fig in data.text_weights:
        if cat in text and text[cat][0].value != fig.value:
            text = {}
            break
        text.setdefault(cat, [fig])
    if text:
        groups.append(text)
    reported: set[str] = set()
    seen: set = set()
    for g in groups:
        off = [(cat, figs) for cat, figs in g.items()
               if cat in defaults and sum(f.value for f in figs) != defaults[cat]]
        key = frozenset((cat, sum(f.value for f in figs)) for cat, figs in off)
        if not off or key in seen:
            continue  # several 自评表 with the same weights: once is enough
        seen.add(key)
        reported.update(cat for cat, _ in off)
        parts = "、".join(f"{cat}{pts(sum(f.value for f in figs))}（默认{pts(defaults[cat])}）" for cat, figs in off)
        parts_en = ", ".join(f"{cat} {pts_en(sum(f.value for f in figs))} (default {pts_en(defaults[cat])})"
                             for cat, figs in off)
        yield ctx.hit(
            f"一级指标权重与评分规则“{ctx.profile.name}”的默认值不同：{parts}。",
            [f.evidence() for _, figs in off for f in figs],
            expected="、".join(f"{cat}{pts(defaults[cat])}" for cat, _ in off),
            suggestion="权重调整应有依据（本省规定或项目特点）；如本地规则不同，可选择相应的评分规则。",
            message_en=f"First-level weights differ from the defaults of profile “{ctx.profile.name}”: {parts_en}.")
    yield from _score_sums(ctx, data, reported)


def _table_sums(data, block) -> dict[str, list[Fig]] | None:
    """Weights of a fully read 自评表 added up by first-level indicator, when they make up the
    full score (so the table is the whole indicator system)."""
    if any(r.category is None for r in block.rows):
        return None
    g: dict[str, list[Fig]] = {}
    for r in block.rows:
        g.setdefault(r.category, []).append(r.weight)
    ex = execution_row_for(data, block)
    total = sum(f.value for figs in g.values() for f in figs)
    if ex is not None and "预算执行率" not in g:
        g["预算执行率"] = [ex.weight]
        total += ex.weight.value
    return g if total == Decimal(100) else None


def _score_sums(ctx: Context, data, reported: set[str]):
    """Only scores are written, but those of one first-level indicator exceed its default weight."""
    defaults = ctx.profile.weights
    by_cat: dict[str, list[Fig]] = {}
    for r in data.rows:
        if (r.source == "text" and r.bare and r.category and r.score is not None
                and r.category not in reported):
            by_cat.setdefault(r.category, []).append(r.score)
    for cat, figs in by_cat.items():
        s = sum(f.value for f in figs)
        if cat not in defaults or len(figs) < 2 or s <= defaults[cat]:
            continue
        listed = "+".join(pts(f) for f in figs)
        yield ctx.hit(
            f"{cat}类指标得分合计{pts(s)}（{listed}），已超过其默认权重{pts(defaults[cat])}，"
            f"说明{cat}指标的分值与评分规则“{ctx.profile.name}”的默认值不同。",
            [f.evidence() for f in figs], expected=f"≤{pts(defaults[cat])}",
            suggestion="请在报告中列明各一级指标的分值，权重调整应有依据。",
            message_en=(f"The {cat} scores add up to {pts_en(s)}, above its default weight {pts_en(defaults[cat])}: "
                        f"the weights differ from profile “{ctx.profile.name}”."))
