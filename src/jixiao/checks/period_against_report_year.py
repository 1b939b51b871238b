"""JX1001 评价年度与报告年度不符

检查内容
  以报告标题中的年度（"2023年度…自评报告"）为准，核对：
  封面或表头的评价期间、评价年度（"评价时间：2024年1月1日至2024年12月31日"）是否落在该年度；
  报告落款日期、"填报日期："是否早于评价年度结束（2024年度的自评报告落款"2024年4月"）；
  正文明确指评价年度的说法（"对2022年度部门整体支出开展了绩效自评""现就2022年度…汇报如下"）
  是否与标题年度一致；报告绩效完成情况的章节（产出、效益、满意度…）和自评表"实际完成值"中，
  所述事项的日期是否早于评价年度（2024年度报告写"2023年10月，中心开展满意度调查"）——同一段
  另有评价年度日期的（招标在上年、完工在当年）视为时间线，不报。
  引用上年情况、下年计划、文件年份（〔2020〕、《关于开展2023年度…的通知》）、法规日期都不是
  评价年度，不核对；标题写多个年度（"2020-2022年度"）的报告不核对。

为何重要
  年度写错说明报告套用了往年文本，其中的数字、目标可能也是往年的；落款早于年度结束，说明
  报告不可能反映全年执行结果，或日期有误。

应报示例
  标题"2023年度部门整体支出绩效自评报告"，封面"评价时间：2024年1月1日至2024年12月31日"；
  标题 2024 年度，落款"2024年3月15日"。

不报示例
  2024 年度报告落款"2025年2月"；正文"比上年（2023年）减少"、"2025年完成竣工验收"；
  "根据《关于开展2023年度绩效评价工作的通知》"。

依据
  财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）：绩效自评在年度预算执行终了后进行。
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph
from . import _dates as D
from . import _structure as S
from .base import Context, rule

_PERIOD_FIELD = re.compile(r"(?P<label>评价(?:年度|期间|时段|区间|时间|期)|绩效评价期间?|自评(?:年度|期间))\s*[:：]\s*(?P<val>[^\n，。；]{2,40})")
_SIGN_DATE = re.compile(r"^(?P<lead>.{0,20}?)(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)\s*$")
_NOT_SIGN = re.compile(r"截至|截止|于|在|自|从|至|到|前|后|起|以来|期间|时间|日期")
# statements that name the evaluated year itself
_EVAL_YEAR = re.compile(
    r"(?:对|就|将|开展了?|完成了?)\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*(?:的)?(?:[^。；，,]{0,24}?)(?:绩效)?(?:自评|评价)(?:工作|情况)?"
    r"|现(?:就|将)\s*(?P<y2>(?:19|20)\d{2})\s*年度?"
)
# an earlier year's evaluation followed up in this one: its rectification, results, feedback
_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_WORD = re.compile(r"\s*年")
_CLAUSE_SPLIT = re.compile(r"[。；;，,]")
_CLAUSE_SPLIT_COLON = re.compile(r"[。；;，,：:]")
_BACKGROUND = re.compile(r"概况|基本情况|背景|依据")
_FOLLOW_UP = re.compile(r"整改|发现|问题|结果|反馈|应用|复核|抽查")
_QUOTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|【[^【】]*】|\[[^\[\]]*\]|﹝[^﹝﹞]*﹞")
_PRIOR = re.compile(r"(上年|上一年|以前|去年|往年|历年|前年|同期|比|较)\s*$")
_NOT_SELF_EVAL = re.compile(r"事前|申报|目标表|计划|预算编制|评估报告")
_SIGN_FIELD = re.compile(r"(?:填报|报告|编制|成文|报送|落款|签发|自评)(?:日期|时间)\s*[:：]\s*"
                         r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)")
# sections that report what was done in the evaluated year
_RESULTS = re.compile(r"实现|完成情况|完成值|产出|效益|满意度|效果|绩效情况|指标完成|实施情况")
# a clause that looks back or cites funds and documents of earlier years
_LOOK_BACK = re.compile(r"上年|上一年|去年|往年|历年|以前|此前|同期|以来|自|从|起|截至|截止|较|比|提前|下达|批复|文件|通知"
                        r"|立项|开工|招标|采购|签订|启动|设计|规划|论证|前期|申报")


def _title_year(ctx: Context):
    t = S.report_title(ctx.doc)
    if t is None or t.year is None or _NOT_SELF_EVAL.search(t.text):
        return None, None
    ys = t.text.find(str(t.year))
    return t, (t.span[0] + ys, t.span[0] + ys + 4)


@rule("JX1001", "period-against-report-year", category="date-inconsistent", severity="error",
      fire=["某局2023年度部门整体支出绩效自评报告\n评价时间：2024年1月1日至2024年12月31日\n一、部门概况\n内设机构3个。\n",
            "某局2024年度部门整体支出绩效自评报告\n一、部门概况\n内设机构3个。\n二、其他\n无。\n某局\n2024年3月15日\n",
            "某局2024年度部门整体支出绩效自评报告\n一、部门概况\n本局对2023年度部门整体支出开展了绩效自评。\n",
            "某局2024年度部门整体支出绩效自评报告\n一、绩效目标实现情况\n2023年10月，本局向服务对象发放问卷300份，满意度为95%。\n"],
      nofire=["某局2024年度部门整体支出绩效自评报告\n评价时间：2024年1月1日至2024年12月31日\n一、部门概况\n"
              "三公经费比上年（2023年）减少2万元，项目预计在2025年完成竣工验收。\n某局\n2025年2月\n",
              "某局2024年度部门整体支出绩效自评报告\n一、部门概况\n根据《关于开展2023年度绩效评价工作的通知》（某财〔2023〕5号）要求，对2024年度部门整体支出开展绩效自评。\n",
              "某县2020-2022年度高标准农田建设资金绩效评价报告\n评价时间：2023年7月至8月\n一、基本情况\n对2021年度资金开展了绩效评价。\n",
              "某局2024年度项目支出绩效自评报告\n一、资金情况\n2023年12月省财政厅提前下达资金100万元。\n二、绩效目标实现情况\n"
              "项目自2023年10月起实施，2024年6月完工，较2023年10月的进度明显加快。\n"])
def check(ctx: Context):
    title, yspan = _title_year(ctx)
    if title is None:
        return
    year = title.year
    yield from _period_fields(ctx, year, yspan)
    yield from _sign_date(ctx, year, yspan)
    yield from _body_years(ctx, year, yspan)
    yield from _activity_dates(ctx, year, yspan)


def _period_fields(ctx: Context, year: int, yspan):
    text = ctx.text
    for m in _PERIOD_FIELD.finditer(text):
        val, base = m.group("val"), m.start("val")
        rs = D.ranges(val)
        if rs:
            r = rs[0]
            if r.start.y <= year <= r.end.y:
                continue
            span = (base + r.span[0], base + r.span[1])
            what = val[r.span[0]:r.span[1]]
        else:
            if not m.group("label").endswith(("年度", "期间")):
                continue  # "评价时间：2025年3月" is when the evaluation was done
            ym = _YEAR.search(val)
            if not ym or int(ym.group()) == year or not _YEAR_WORD.match(val, ym.end()):
                continue
            span = (base + ym.start(), base + ym.end() + 1)
            what = val[ym.start():ym.end() + 1]
        yield ctx.hit(f"{m.group('label')}“{what}”与报告标题的{year}年度不符。", [yspan, span],
                      expected=f"{year}年度", suggestion="核对评价年度，统一标题与评价期间。",
                      message_en=f"The stated {m.group('label')} “{what}” does not match the report's year {year}.")


def _sign_date(ctx: Context, year: int, yspan):
    """The signature date: a short line that is only a date (a unit name may precede it), among
    the last lines of the report or on its cover, or a "填报日期：" field."""
    for m in _SIGN_FIELD.finditer(ctx.text):
        yield from _early(ctx, year, yspan, m.group("date").strip(), m.span("date"))
    paras = [b for b in ctx.doc.blocks if isinstance(b, Paragraph) and not b.is_toc]
    candidates = paras[:15] + paras[-6:]
    seen = set()
    for p in candidates:
        if p.index in seen:
            continue
        seen.add(p.index)
        m = _SIGN_DATE.match(p.text)
        if not m or _NOT_SIGN.search(m.group("lead")) or p.heading is not None:
            continue
        span = (p.span[0] + m.start("date"), p.span[0] + m.end("date"))
        yield from _early(ctx, year, yspan, m.group("date").strip(), span)


def _early(ctx: Context, year: int, yspan, date: str, span):
    dm = D.DATE.search(date)
    y, mo = int(dm.group("y")), int(dm.group("m")) if dm.group("m") else None
    if mo is None or not 1 <= mo <= 12 or (y, mo) >= (year, 12):
        return
    # before November of the evaluated year the year cannot have been evaluated; a report dated
    # in its November may be an early close
    severity = "error" if (y, mo) < (year, 11) else "warning"
    yield ctx.hit(f"报告落款（填报）日期“{date}”早于评价年度（{year}年度）结束，年度自评应在年度终了后进行。",
                  [yspan, span], severity=severity, suggestion="核对落款日期或标题中的年度。",
                  message_en=f"The report is dated {date}, before the evaluated year {year} ended.")


def _body_years(ctx: Context, year: int, yspan):
    doc = ctx.doc
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or b.is_toc:
            continue
        text = b.text
        masked = _QUOTED.sub(lambda m: "□" * len(m.group()), text)
        for m in _EVAL_YEAR.finditer(masked):
            g = "y" if m.group("y") else "y2"
            y = int(m.group(g))
            clause = _CLAUSE_SPLIT.split(masked[m.start():])[0]
            if y == year or _PRIOR.search(masked[max(0, m.start(g) - 6):m.start(g)]) or _FOLLOW_UP.search(clause):
                continue
            s, e = b.span[0] + m.start(g), b.span[0] + m.end(g)
            yield ctx.hit(f"正文“{text[m.start():m.end()][:30]}”所说的评价年度{y}年与报告标题的{year}年度不符。",
                          [yspan, (s, e)], severity="warning", expected=f"{year}年",
                          suggestion="核对评价年度，可能是套用往年报告未改。",
                          message_en=f"The text evaluates the year {y}, but the report's title says {year}.")


def _activity_dates(ctx: Context, year: int, yspan):
    """Dates of what was done in the evaluated year — in the sections reporting results, and in
    the 实际完成值 of a 自评表 — that fall in an earlier year ("2023年10月，中心开展满意度调查"
    in a 2024 report)."""
    doc = ctx.doc
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or b.is_toc or b.heading is not None and not b.text[b.heading.span[1] - b.span[0]:]:
            continue
        path = _path_titles(doc, b.span[0])
        if not _RESULTS.search(path) or _BACKGROUND.search(path):
            continue
        masked = _QUOTED.sub(lambda m: "□" * len(m.group()), b.text)
        dated = [m for m in D.DATE.finditer(masked) if m.group("m")]
        if any(int(m.group("y")) >= year for m in dated):
            continue  # a timeline (招标 in 2023, 完工 in 2024) rather than a wrong year
        for m in dated:
            if int(m.group("y")) >= year:
                continue
            clause = _CLAUSE_SPLIT_COLON.split(masked[:m.start()])[-1]
            after = _CLAUSE_SPLIT.split(masked[m.end():])[0]
            if _LOOK_BACK.search(clause) or _LOOK_BACK.search(after[:8]):
                continue
            s, e = b.span[0] + m.start(), b.span[0] + m.end()
            yield _activity_hit(ctx, year, yspan, ctx.text[s:e], (s, e))
    for ind in ctx.tagging.indicators:
        if ind.source != "table" or not ind.actual_text:
            continue
        m = D.DATE.search(ind.actual_text)
        if not m or not m.group("m") or int(m.group("y")) >= year:
            continue
        span = _cell_span(doc, ind, ind.actual_text)
        if span is not None:
            s = span[0] + m.start()
            yield _activity_hit(ctx, year, yspan, ctx.text[s:s + len(m.group())], (s, s + len(m.group())))


def _activity_hit(ctx: Context, year: int, yspan, date: str, span):
    return ctx.hit(f"报告{year}年度的完成情况中出现了{date}，早于评价年度，疑为年份有误或套用往年内容。",
                   [yspan, span], severity="warning", suggestion="核对该事项发生的年份。",
                   message_en=f"The results for {year} mention {date}, before the evaluated year.")


def _path_titles(doc, offset: int) -> str:
    return "/".join(s.heading.title for s in doc.section_chain(offset) if s.heading is not None)


def _cell_span(doc, ind, text: str):
    loc = ind.location
    t = next((t for t in doc.tables if loc is not None and t.table_no == loc.table), None)
    if t is None or loc.row is None:
        return None
    for cell in t.rows[loc.row]:
        if cell.origin is None and cell.text == text:
            return cell.span
    return None
