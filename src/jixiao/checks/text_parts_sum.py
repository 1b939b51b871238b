"""JX301 正文列举的分项之和与总数不符

检查内容
  正文中“总额X，其中A、B、C”“A、B，合计X”“包括/分别为”一类列举：各分项之和与所述总数比较。
  允许各分项四舍五入的误差：n 个保留 d 位小数的分项，合计最多偏差 n × 0.5×10^-d（配置项
  rounding 为下限）；在此范围内的差额只作提示。
  “其中”列举可能只列了一部分：分项之和大于总数（或单个分项大于总数）一定是错误；分项之和
  小于总数时，明确为完整列举（“分别为”“具体为”“包括”）报错误，完整性不明只作提示，明确
  为部分列举（“主要”“……等”）不报。人数、个数等计数类的“其中”常按不同口径交叉统计，只在
  明确为完整列举时比较合计（单项大于总数由 JX902 报告）。
  已由 JX201 判定为单位笔误的分项按更正后的单位计算，不重复报告单位问题。

为何重要
  分项与合计不符说明至少有一个数字抄错、漏列或重复，报告的收支结构因此不可信；这是绩效
  自评报告最常见的问题之一。

应报示例
  “项目总投资660万元，其中：中央资金495万元、市级配套99万元、区级配套76万元。”（合计670万元）
  “2024年项目支出1286.50万元，分别为：设备购置520.30万元、工程建设640.20万元、监理费用96.00万元。”
  （合计1256.50万元，少30.00万元）

不报示例
  合计与分项之差在四舍五入误差之内（14 个两位小数的分项相差 0.03 万元，只作提示）；
  “其中主要用于A、B”等部分列举，分项之和小于总数；“项目12个，其中亿元以上项目11个、
  重点产业项目11个”（计数类交叉口径）。

依据
  财政部《部门决算报表编制说明》：合计数应等于各分项之和；财预〔2020〕10号
  《项目支出绩效评价管理办法》要求评价数据真实、准确、完整。
"""
from __future__ import annotations

from ._sums import MEASURE_KINDS, analyses, judged_as_sum, kind, name_of
from .base import Context, rule


def _label(c) -> str:
    return f"{name_of(c)}{c.text}"


@rule("JX301", "text-parts-sum", category="sum-mismatch", severity="error",
      fire=[
          "一、项目资金情况\n项目总投资660万元，其中：中央资金495万元、市级配套资金99万元、区级配套资金76万元。\n",
          "二、支出情况\n2024年项目支出1286.50万元，分别为：设备购置支出520.30万元、工程建设支出640.20万元、"
          "监理费用96.00万元。\n",
          "二、支出情况\n人员培训、宣传印刷、设备维护三项支出分别为12.50万元、8.30万元、4.20万元，合计26.00万元。\n",
      ],
      nofire=[
          "一、项目资金情况\n项目总投资660万元，其中：中央资金495万元、市级配套资金99万元、区级配套资金66万元。\n",
          "一、项目资金情况\n项目总投资660万元，其中主要为中央资金495万元、市级配套资金99万元等。\n",
          "三、产出情况\n全年实施项目12个，其中亿元以上项目11个，重点产业项目11个。\n",
          "二、支出情况\n人员培训、宣传印刷、设备维护三项支出分别为12.50万元、8.30万元、4.20万元，合计25.00万元。"
          "项目结余0.01万元。\n",
      ])
def check(ctx: Context):
    for a in analyses(ctx):
        if a.source != "text" or a.whole is None or not judged_as_sum(a):
            continue
        if a.status not in ("above", "below", "rounding"):
            continue
        w = a.whole
        money = kind(w) == "money"
        if a.status == "rounding" and a.slip is not None:
            continue  # JX201 reported the slip; the corrected sum holds
        severity = _severity(a, money)
        if severity is None:
            continue
        d = a.fig(abs(a.diff))
        total = a.fig(a.total)
        formula = a.formula()
        sums = f"{formula}={total}" if formula and len(a.parts) > 1 else total
        slip_zh = f"（“{a.slip.part.text}”按{a.slip.expected}计）" if a.slip is not None else ""
        slip_en = f" (reading {a.slip.part.text} as {a.slip.expected})" if a.slip is not None else ""
        evidence = [w, *a.parts]
        if a.status == "rounding":
            yield ctx.hit(f"{_label(w)}的各分项合计{sums}，与总额相差{d}，在分项四舍五入的误差范围内。", evidence,
                          severity="info", expected=total,
                          suggestion="核对尾数，使分项之和与合计一致，或注明尾差系四舍五入所致。",
                          message_en=f"The parts of {w.text} add up to {sums}, {d} off the total: within rounding.")
        elif len(a.parts) == 1:
            p = a.parts[0]
            yield ctx.hit(f"{_label(w)}中的“{_label(p)}”大于总额，相差{d}。", evidence, severity=severity,
                          suggestion="核实总额与该分项，其中一项应有误。",
                          message_en=f"The part {p.text} exceeds its total {w.text} by {d}.")
        elif a.status == "above":
            yield ctx.hit(f"{_label(w)}的各分项合计{sums}{slip_zh}，比总额多{d}。", evidence, severity=severity,
                          expected=total, suggestion="核实各分项与总额，补正错误的数字。",
                          message_en=f"The parts of {w.text} add up to {sums}{slip_en}, {d} more than the total.")
        elif a.completeness == "complete" or a.cue == "合计":
            yield ctx.hit(f"{_label(w)}的各分项合计{sums}{slip_zh}，比总额少{d}。", evidence, severity=severity,
                          expected=total, suggestion="核实各分项与总额，补正错误或漏列的数字。",
                          message_en=f"The parts of {w.text} add up to {sums}{slip_en}, {d} less than the total.")
        else:
            yield ctx.hit(f"{_label(w)}中所列各分项合计{sums}{slip_zh}，比总额少{d}，差额未列明。", evidence,
                          severity=severity, suggestion="如为部分列举可注明“主要”“等”，否则补列漏项。",
                          message_en=f"The listed parts of {w.text} add up to {sums}{slip_en}, {d} less than the "
                                     f"total; the rest is not accounted for.")


def _severity(a, money: bool) -> str | None:
    """error / warning / info for this list's mismatch, None when it is not worth a finding."""
    if a.status == "rounding":
        return "info"
    complete = a.completeness == "complete" or a.cue == "合计"
    if kind(a.whole) == "count":
        return "error" if complete and len(a.parts) > 1 else None
    if kind(a.whole) not in MEASURE_KINDS:
        return None
    if a.status == "above":
        return "error" if money else "warning"
    if len(a.parts) == 1 or a.completeness == "partial":
        return None
    if complete:
        return "error" if money else "warning"
    return "info"
