"""JX1501 未达标指标缺少偏差原因说明

检查内容
  未达到年度指标值的指标（按 JX101 的目标—实际比较判定）没有给出偏差原因和改进措施：
  自评表中该行"偏差原因分析及改进措施"栏为空或只写"无""/""—"之类的套话；正文中报告未达标的
  句子附近（本段及下一段）没有"原因""由于""受…影响""导致"等说明，全文也没有别处结合该指标
  说明原因。自评表资金部分的预算执行率低于100%、而表内（"其他需要说明事项"）和正文都没有说明
  执行差异原因（"原因/由于/导致"，或"拨付进度滞后""项目延期"之类的说明）的，同样报告：低于评分
  规则的执行率说明线（explain_below），未设时低于容差 deviation_explain_rate（默认90%）的为
  warning，其余为 info。自评表中的"预算执行率"指标行不按指标比较（归预算执行类检查）。

为何重要
  偏差原因和改进措施是自评报告的法定内容：未完成的指标、未执行完的预算必须说明原因，否则
  无法判断问题出在目标设定、资金拨付还是项目实施，整改也无从谈起。

应报示例
  自评表"群众满意度"年度指标值≥90%、实际85%，偏差原因栏为"无"。
  正文"群众满意度达85%。"（目标≥90%），前后及存在问题部分均未说明原因。

不报示例
  偏差原因栏写明"受疫情影响，部分培训延期至次年"；正文"满意度为85%，未达目标，主要原因是
  部分群众对办理时限不满意"；实际已达标（100% 对 ≥95%）的指标偏差原因栏为空。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》（自评报告应说明偏差原因及改进措施）；各地
  项目支出绩效自评表填报说明（"偏差原因分析及改进措施"栏）。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from .base import Context, fmt, rule
from ._targets import is_boilerplate, pair_message, reason_near, targets

_EXEC_REASON = re.compile(r"(执行率|结余|结转|未支付|未拨付|未执行|未使用|未到位|支出进度|执行进度|资金沉淀)"
                          r"[^。；]{0,40}(原因|由于|因为|导致|造成|(?<![不未没免])受[^，。；]{0,20}影响)"
                          r"|(原因|由于|因为|(?<![不未没免])受[^，。；]{0,20}影响)[^。；]{0,40}(执行率|结余|结转|未支付|未拨付|未执行|"
                          r"未使用|未到位|支出进度|执行进度)")
# … or a sentence that names the cause without a cause word ("资金拨付进度不均衡", "项目开工时间偏晚").
_EXEC_CAUSE = re.compile(r"(拨付|支付|执行|结转|结余|进度|开工|实施|采购|验收|报账|到位)[^。；，]{0,12}"
                         r"(偏晚|滞后|缓慢|偏慢|不均衡|延迟|推迟|延期|未完成|尚未|不及时|未到位|跨年)")
_NOTE_LABEL = re.compile(r"其他需要说明|说明事项|备注")
_TOTAL_TAIL = re.compile(r"总\s*分.*$")

_FIRE = [
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "满意度指标\t服务对象满意度\t群众满意度\t≥90%\t85%\t10\t9\t无\n",
    "一、绩效目标\n社会公众满意度≥90%。\n二、绩效目标完成情况\n（一）满意度\n群众满意度达85%。\n"
    "三、存在问题及改进措施\n绩效管理有待加强，下一步将完善制度。\n",
    "一、绩效目标\n社会公众满意度≥90%。\n二、绩效目标完成情况\n（一）满意度\n群众满意度达85%，"
    "群众日常出行不受影响。\n",
    "项目支出绩效自评表\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t100\t100\t72\t10\t72%\t7.2\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t20\t20\t无\n",
]
_NOFIRE = [
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "满意度指标\t服务对象满意度\t群众满意度\t≥90%\t85%\t10\t9\t部分群众对办理时限不满意，已优化流程\n"
    "产出指标\t质量指标\t验收合格率\t≥95%\t100%\t20\t20\t无\n",
    "一、绩效目标\n社会公众满意度≥90%。\n二、绩效目标完成情况\n群众满意度达85%，未达到目标，主要原因是"
    "部分群众对办理时限不满意。\n",
    "项目支出绩效自评表\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t100\t100\t72\t10\t72%\t7.2\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t20\t20\t无\n"
    "二、预算执行情况\n预算执行率为72%，主要原因是部分培训延期至次年，资金结转使用。\n",
    "项目支出绩效自评表\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t100\t100\t100\t10\t100%\t10\n",
]


@rule("JX1501", "deviation-reason-missing", category="other", severity="warning", fire=_FIRE, nofire=_NOFIRE)
def check(ctx: Context):
    tg = targets(ctx)
    for p in tg.pairs:
        if not p.missed:
            continue
        what, en = pair_message(p)
        what = what.rstrip("。")
        if p.has_reason_column:
            if not is_boilerplate(p.deviation):
                continue
            written = (p.deviation or "").strip()
            said = f"偏差原因栏{'为“' + written + '”' if written else '为空'}"
            ev = [e for e in (p.actual, p.target) if e is not None]
            if written and p.row is not None and p.row.span("reason"):
                ev.append(p.row.span("reason"))
            yield ctx.hit(f"{what}，{said}，未说明偏差原因及改进措施。", ev,
                          suggestion="在偏差原因分析及改进措施栏说明未达标的具体原因和拟采取的措施。",
                          message_en=f"{en.rstrip('.')}, but the deviation column gives no reason or remedy.")
            continue
        if reason_near(ctx, p):
            continue
        yield ctx.hit(f"{what}，报告未说明偏差原因及改进措施。", [e for e in (p.actual, p.target) if e is not None],
                      suggestion="说明该指标未达标的具体原因和拟采取的改进措施。",
                      message_en=f"{en.rstrip('.')}, and the report gives no reason or remedy for the shortfall.")
    yield from _execution(ctx, tg)


def _execution(ctx: Context, tg):
    """执行率 under 100% in a 自评表 with no explanation of the gap anywhere."""
    warn_below = ctx.profile.explain_below or ctx.tolerance("deviation_explain_rate")
    for fr in tg.fund_rows:
        if fr.value >= 1:
            continue
        if _EXEC_REASON.search(ctx.text) or _EXEC_CAUSE.search(ctx.text) or any(_table_note(t) for t in ctx.doc.tables):
            continue
        pct = fmt((fr.value * 100).quantize(Decimal("0.01")).normalize()) + "%"
        sev = "warning" if fr.value < warn_below else "info"
        yield ctx.hit(f"自评表{fr.label}的预算执行率为{pct}，未说明预算未执行完毕的原因。", [fr.rate],
                      severity=sev, suggestion="说明预算未执行完毕的原因（如资金结转、项目延期）及改进措施。",
                      message_en=f"The budget execution rate of {fr.label} is {pct}, with no reason given for the "
                                 f"unspent budget.")


def _table_note(t) -> bool:
    """A 其他需要说明事项 cell (of the 自评表, which a reader may have split in parts) that says
    something (not 无)."""
    for row in t.rows:
        cells = [c for c in row if c.origin is None]
        for i, c in enumerate(cells):
            if _NOTE_LABEL.search(c.text):
                rest = " ".join(x.text for x in cells[i + 1:]).strip()
                rest = _TOTAL_TAIL.sub("", rest).strip()
                if rest and not is_boilerplate(rest):
                    return True
    return False
