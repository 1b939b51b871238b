"""JX201 列举金额中单项单位有误

检查内容
  正文中一组并列金额（“其中”“分别为”“合计”列举）中，某一项写成了与其余各项不同的单位
  （万元中混入“元”，元中混入“万元”，万元中混入“亿元”），而只有按整组的单位理解该项，各项
  之和才等于所述总额。此时报错误，并给出应写的金额。未写总额时，若该项按所写单位与同组
  其他各项相差达到容差 unit_ratio（默认 1000 倍）以上、按同组单位理解则量级相当，报警告。
  表格单元格的单位与所在列不符由 JX202 报告。

为何重要
  “万元”漏写“万”字会使金额缩小一万倍，报告中的收支结构、执行率都会随之失真；这是审核中
  最常见的单位错误之一，而且往往只能靠合计倒推发现。

应报示例
  “政府性基金预算支出5230.60万元，其中：A 120.00万元、B 4800.00万元、C 310.60元。”
  （120.00 + 4800.00 + 310.60 = 5230.60，只有按万元计才相符，应为 310.60万元。）
  “分别为：道路维修资金850.00万元、管网改造资金1200.50万元、绿化提升资金630.20元。”
  （未写总额，630.20元与其余各项相差上万倍，警告。）

不报示例
  各项单位不同但按所写单位相加正好等于总额（“合计2.36万元，其中12000元、8600元、0.3万元”）；
  人均、标准、单价等本就以元计的数字（“人均补助标准800元”）；只有两个并列数字、无法判断
  整组单位的情形。

依据
  《政府会计制度》及部门决算报表要求金额单位一致（部门决算公开表以万元列示）；
  财预〔2020〕10号《项目支出绩效评价管理办法》要求评价数据真实、准确。
"""
from __future__ import annotations

from decimal import Decimal

from ._sums import analyses, name_of
from .base import Context, fmt, rule


def _quote(c) -> str:
    return f"{name_of(c)}{c.text}"


@rule("JX201", "unit-slip-in-list", category="unit-mismatch", severity="error",
      fire=[
          "二、部门支出情况\n本部门政府性基金预算支出5230.60万元，全部为项目支出，其中：土地出让收入安排的支出"
          "120.00万元、专项债券收入安排的支出4800.00万元、污水处理费安排的支出310.60元。\n",
          "一、项目资金情况\n培训经费合计35600元，其中：师资费12000元、场地费8600元、资料印制费15000万元。\n",
          "一、项目资金情况\n2024年下达项目资金分别为：道路维修资金850.00万元、管网改造资金1200.50万元、"
          "绿化提升资金630.20元。\n",
      ],
      nofire=[
          "二、部门支出情况\n本部门政府性基金预算支出5230.60万元，全部为项目支出，其中：土地出让收入安排的支出"
          "120.00万元、专项债券收入安排的支出4800.00万元、污水处理费安排的支出310.60万元。\n",
          "一、项目资金情况\n培训经费合计2.36万元，其中：师资费12000元、场地费8600元、资料印制费0.3万元。\n",
          "一、项目资金情况\n发放补助资金分别为：城区120.00万元、乡镇300.00万元、村级补助80.00万元，"
          "人均补助标准800元。\n",
      ])
def check(ctx: Context):
    for a in analyses(ctx):
        s = a.slip
        if s is None or a.source == "table":
            continue  # a table cell against its column's unit is JX202's
        p = s.part
        siblings = [x for x in a.listed if x is not p]
        if s.severity == "error" and a.whole is not None:
            w = a.whole
            total = a.fig(a.total)
            formula = a.formula()
            sum_zh = f"{formula}={total}" if formula else total
            yield ctx.hit(
                f"“{_quote(p)}”的单位应为{s.unit}：{_quote(w)}的各项按{s.unit}计，{sum_zh}，与总额相符，"
                f"按{p.unit}计则不符。",
                [p, w, *siblings], expected=s.expected,
                suggestion=f"将“{p.text}”改为“{s.expected}”，或核实该项金额。",
                message_en=(f"“{p.text}” should be in {s.unit}: the parts of {w.text} add up "
                            f"({sum_zh}) only when it is read as {s.expected}."))
            continue
        ratio = int(s.ratio.to_integral_value(rounding="ROUND_FLOOR"))
        shown = "、".join(x.text for x in siblings[:4]) + ("等" if len(siblings) > 4 else "")
        yield ctx.hit(
            f"“{_quote(p)}”与同组其他各项（{shown}）相差约{fmt(Decimal(ratio))}倍，单位疑为{s.unit}"
            f"（即{s.expected}）。",
            [p, *siblings] + ([a.whole] if a.whole is not None else []), expected=s.expected,
            severity="warning",
            suggestion=f"核实“{p.text}”的单位，如为{s.expected}请更正。",
            message_en=(f"“{p.text}” is about {ratio} times off beside the other items ({shown}); "
                        f"its unit is probably {s.unit} ({s.expected})."))
