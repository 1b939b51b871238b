"""JX1301 报告缺少必备部分

检查内容
  按报告类型核对必备部分。部门整体支出绩效自评报告：部门概况（基本情况）、绩效目标、预算及
  执行（收支）、绩效目标实现情况（产出、效益、满意度）、存在问题、改进措施；项目支出绩效
  自评报告：项目概况、绩效目标、资金（预算）执行、绩效指标完成情况、存在问题、改进措施。
  类型由标题判断；各部分按标题用同义词宽松匹配（resources/outlines.json，各省提纲不同，
  一个标题可同时满足几部分，如"存在问题及改进措施"）。只核对看起来完整的报告：有报告标题、
  至少四个从"一、"起的一级标题、篇幅达到一定长度；摘录、节选和自评表不核对。

为何重要
  财政部门的绩效自评报告提纲规定了必须说明的内容。缺少"存在问题""改进措施"或目标完成情况，
  报告就无法用于结果应用，也常意味着自评流于形式。

应报示例
  一份完整的部门整体支出绩效自评报告，有概况、目标、预算执行和绩效实现情况，却没有任何
  关于存在问题或改进措施的标题。

不报示例
  "存在问题及改进措施"合在一个标题下；"履职效果情况"代替"效益指标完成情况"；只有开头几段的
  摘录；单独的自评表。

依据
  财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件"项目支出绩效自评报告提纲"；
  各省部门整体支出绩效自评报告提纲。
"""
from __future__ import annotations

from . import _structure as S
from .base import Context, rule

_FILL = "本单位严格按照预算管理要求组织实施，各项工作有序推进，资金使用规范，管理制度健全。" * 8


def _report(sections: list[str]) -> str:
    return "某局2024年度部门整体支出绩效自评报告\n" + "".join(
        f"{n}、{t}\n{_FILL}\n" for n, t in zip("一二三四五六七", sections))


@rule("JX1301", "required-section-missing", category="missing-section", severity="warning",
      fire=[_report(["部门概况", "部门整体支出绩效目标", "部门预算及执行情况", "绩效目标实现情况", "结果应用和公开情况"]),
            "某县2024年度某某项目支出绩效自评报告\n" + "".join(
                f"{n}、{t}\n{_FILL}\n" for n, t in zip("一二三四五", ["项目概况", "项目资金到位及使用情况",
                                                             "项目实施情况", "存在的问题", "下一步改进措施"]))],
      nofire=[_report(["部门概况", "部门整体支出绩效目标", "部门预算及执行情况", "履职效果情况", "存在问题及改进措施"]),
              "某局2024年度部门整体支出绩效自评报告\n一、部门概况\n本单位内设机构3个。\n二、预算执行\n支出100万元。\n"])
def check(ctx: Context):
    doc = ctx.doc
    kind = S.report_kind(doc)
    if kind is None or not S.looks_whole(doc):
        return
    spec = S.outlines()["types"][kind]
    titles = [S.compact(h.title) for h in doc.headings if h.level > 0 and h.number]
    title = S.report_title(doc)
    missing = [p for p in spec["parts"] if not any(w in t for t in titles for w in p["synonyms"])]
    if not missing or title is None:
        return
    names = "、".join(f"“{p['name']}”" for p in missing)
    yield ctx.hit(f"本报告为{spec['name']}，但未见{names}部分。", [title.span],
                  suggestion="按自评报告提纲补充缺少的部分，或在相应章节标题中写明。",
                  message_en=f"This {kind} self-evaluation report has no section for: "
                             + ", ".join(p["key"] for p in missing) + ".")
