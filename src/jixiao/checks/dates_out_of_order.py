"""JX1002 日期顺序颠倒或日期不存在

检查内容
  起止日期写反的期间："2024年12月至2024年1月"、"实施期：2023年5月-2022年11月"、
  "2022-2020年度"；不存在的日期："2024年13月"、"2月30日"、"4月31日"、"0日"。
  终点省略年份的期间（"2023年11月至2月"）可能跨年，不作判断。

为何重要
  评价期间、实施期、资金拨付时间是判断时效指标和资金执行是否合规的依据；日期写反或不存在，
  说明录入有误，相关的时效结论也随之存疑。

应报示例
  "评价期间：2024年12月1日至2024年1月31日"；"于2024年2月30日前完成拨付"。

不报示例
  "2024年1月1日至2024年12月31日"；"2024年2月29日"（闰年）；"2023年11月至2月"（可能跨年）；
  "2022年12月6日至8日"。

依据
  《党政机关公文格式》（GB/T 9704—2012）对日期的要求；日期的自然顺序。
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph, Table
from . import _dates as D
from .base import Context, rule


@rule("JX1002", "dates-out-of-order", category="date-inconsistent", severity="error",
      fire=["一、基本情况\n评价期间：2024年12月1日至2024年1月31日。\n",
            "一、基本情况\n项目资金于2023年2月30日前全部拨付到位。\n",
            "一、基本情况\n本项目实施期为2022-2020年度，共三年。\n",
            "一、基本情况\n已在20211231日之前完成发放。\n"],
      nofire=["一、基本情况\n评价期间：2024年1月1日至2024年12月31日。\n",
              "一、基本情况\n项目资金于2024年2月29日前拨付，2023年11月至2月开展冬季巡查。\n",
              "一、基本情况\n于2022年12月6日至8日开展自评，2024年1-12月累计完成12项。\n"])
def check(ctx: Context):
    text = ctx.text
    for start, end in _units(ctx.doc):
        yield from _in_unit(ctx, text, start, end)


# dates that lost 年/月 in typing or conversion: "20211231日", "2021年年1231日", "20237-8月"
# (every match starts with a digit: the lookahead spares the lookbehinds elsewhere)
_GARBLED = re.compile(
    r"(?=\d)(?:(?<![\d.])\d?(?P<y>20[0-3]\d)(?P<m>1[0-2]|0?[1-9])(?P<d>[0-3]\d)日"
    r"|(?<=\d{4}\s*年年?)(?P<m2>1[0-2]|0?[1-9])(?P<d2>[0-3]\d)日"
    r"|(?<![\d.])(?P<y3>20[0-3]\d)(?P<m3>1[0-2]|[1-9])(?P<r3>\s*[-－~～至]\s*\d{1,2})?月)"
)


def _restore(m) -> str | None:
    if m.group("y"):
        return f"{m.group('y')}年{int(m.group('m'))}月{int(m.group('d'))}日"
    if m.group("m2"):
        return f"{int(m.group('m2'))}月{int(m.group('d2'))}日"
    return f"{m.group('y3')}年{m.group('m3')}{(m.group('r3') or '').strip()}月"


def _units(doc):
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            yield b.span
        elif isinstance(b, Table):
            t = doc.text[b.span[0]:b.span[1]]
            if "年" not in t and "月" not in t and "日" not in t:
                continue  # no cell holds a date (see _in_unit)
            for row in b.rows:
                for cell in row:
                    if cell.origin is None and cell.text:
                        yield cell.span


def _in_unit(ctx: Context, text: str, a: int, b: int):
    seg = text[a:b]
    if "年" not in seg and "月" not in seg and "日" not in seg:
        return  # every pattern below needs one of them
    bad: list[tuple[int, int]] = []
    for m in D.DATE.finditer(seg):
        y, mo, d = int(m.group("y")), m.group("m"), m.group("d")
        mo, d = (int(mo) if mo else None), (int(d) if d else None)
        if not D.valid(y, mo, d):
            bad.append(m.span())
            what = f"{y}年{mo}月" + (f"{d}日" if d else "")
            why = "月份不存在" if mo is not None and not 1 <= mo <= 12 else "该月没有这一天"
            yield ctx.hit(f"日期“{m.group().strip()}”不存在（{why}）。", [(a + m.start(), a + m.end())],
                          suggestion="核对原始资料，改正日期。",
                          message_en=f"The date “{what}” does not exist.")
    for m in D.MONTH_DAY.finditer(seg):
        if any(s <= m.start() < e for s, e in bad):
            continue
        mo, d = int(m.group("m")), int(m.group("d"))
        if not D.valid(None, mo, d):
            why = "月份不存在" if not 1 <= mo <= 12 else "该月没有这一天"
            yield ctx.hit(f"日期“{m.group().strip()}”不存在（{why}）。", [(a + m.start(), a + m.end())],
                          suggestion="核对原始资料，改正日期。",
                          message_en=f"The date “{mo}月{d}日” does not exist.")
    for m in _GARBLED.finditer(seg):
        yield ctx.hit(f"日期“{m.group()}”残缺（年、月、日之间丢了字），无法确定具体日期。",
                      [(a + m.start(), a + m.end())], severity="warning",
                      expected=_restore(m), suggestion="对照原件补全日期。",
                      message_en=f"The date “{m.group()}” is garbled (characters lost between year, month and day).")
    for r in D.ranges(seg):
        s, e = r.start, r.end
        if not (D.valid(s.y, s.m, s.d) and D.valid(e.y, e.m, e.d)):
            continue
        if not r.end_year_written and (e.d is None or e.m != s.m):
            continue  # "2023年11月至2月" may cross into the next year
        if e.key_end() < s.key_start():
            yield ctx.hit(f"期间“{seg[r.span[0]:r.span[1]]}”的截止日期早于起始日期，起止顺序颠倒。",
                          [(a + r.span[0], a + r.span[1])], suggestion="核对起止日期。",
                          message_en=f"The period “{seg[r.span[0]:r.span[1]]}” ends before it starts.")
    for m in D.YEAR_RANGE.finditer(seg):
        if int(m.group("b")) < int(m.group("a")):
            yield ctx.hit(f"年度区间“{m.group()}”的截止年份早于起始年份，起止顺序颠倒。",
                          [(a + m.start(), a + m.end())], suggestion="核对起止年份。",
                          message_en=f"The year range “{m.group()}” ends before it starts.")
