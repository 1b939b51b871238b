"""JX1203 中文语句中混用半角标点

检查内容
  以全角标点为主的报告里，个别中文语句用了半角（英文）标点：句末的"."（"满意度达85%."）、
  中文分句之间的","";"，中文之间的":""?""!"。数字里的小数点和千分位（3.5、1,000）、网址、
  英文、列举序号"1."、时间"17:07"都不算。整篇都用半角标点的文本（多为网页转载的统一格式）
  不逐处提示。

为何重要
  公文应使用全角标点。个别半角标点多是从表格、网页或英文输入法粘贴而来，提示该处内容可能
  经过拼接，校对时应一并改正。

应报示例
  "群众满意度达85%."；"属一级预算单位,统一社会信用代码…"。

不报示例
  "资金3.5万元"；"合计1,000元"；"1.数量指标"；"详见 http://www.example.gov.cn"；
  全文统一使用半角标点的文本。

依据
  GB/T 15834—2011《标点符号用法》；《党政机关公文格式》（GB/T 9704—2012）。
"""
from __future__ import annotations

import re as _stdre

import regex as re

from ..model import Paragraph, Table
from .base import Context, rule

_HAN = r"\p{Han}"
# a half-width mark inside Chinese text, with the full-width mark it stands for
_ASCII = re.compile(
    rf"(?<=[{_HAN}%）”》])\.(?=\s*$|[{_HAN}“《（])"  # 句末点号
    rf"|(?<=[{_HAN}%）”》]),(?=\s*[{_HAN}“《（])"  # 逗号
    rf"|(?<=[{_HAN}%）”》]);(?=\s*[{_HAN}“《（]|\s*$)"  # 分号
    rf"|(?<=[{_HAN}]):(?=\s*[{_HAN}“《（])"  # 冒号
    rf"|(?<=[{_HAN}])[?!](?=\s*$|[{_HAN}“《（])",
    re.M,
)
_ASCII_MARK = _stdre.compile(r"[.,;:?!]")  # what every _ASCII match holds (a cheap first test)
_FULL_OF = {".": "。", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_FULL_MARKS = re.compile(rf"(?<=[{_HAN}%）”》])[，。；：？！]")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.-]+@[\w.-]+")
# below this share of full-width marks the document's own convention is half-width
_QUOTE_STOP = re.compile(r"[\s，,。；;：:、！？（）()“”《》]")
_MIN_FULL_SHARE = 0.75


def _units(doc):
    for b in doc.blocks:
        if isinstance(b, Paragraph) and not b.is_toc:
            yield b.text, b.span[0]
        elif isinstance(b, Table) and not b.is_toc:
            for row in b.rows:
                for cell in row:
                    if cell.origin is None and cell.text:
                        yield cell.text, cell.span[0]


@rule("JX1203", "ascii-punctuation", category="punctuation", severity="info",
      fire=["一、满意度情况\n通过问卷调查方式进行调查，群众满意度达85%.\n二、问题\n绩效目标设置不够细化，未能量化。\n",
            "一、基本情况\n本单位为独立核算的行政单位，属一级预算单位,统一社会信用代码已登记。\n"
            "本单位内设机构五个，人员编制十人。\n"],
      nofire=["一、基本情况\n年初预算3.5万元，合计1,000元，详见http://www.example.gov.cn/a.html。\n1.数量指标：完成。\n",
              "一、基本情况\n本单位为独立核算的行政单位,属一级预算单位,内设机构五个.\n二、支出\n支出合计100万元,全部为基本支出.\n",
              "一、基本情况\n发布时间：2024年5月1日 17:07，来源：本单位。\n"])
def check(ctx: Context):
    units = list(_units(ctx.doc))
    hits = []
    for text, base in units:
        if not _ASCII_MARK.search(text) or not _ASCII.search(text):
            continue
        urls = [m.span() for m in _URL.finditer(text)]
        for m in _ASCII.finditer(text):
            if any(a <= m.start() < b for a, b in urls):
                continue
            hits.append((text, base, m.start(), m.group()))
    if not hits:
        return
    n_full = sum(len(_FULL_MARKS.findall(text)) for text, _ in units)
    if n_full < _MIN_FULL_SHARE * (n_full + len(hits)):
        return
    for text, base, i, ch in hits:
        full = _FULL_OF[ch]
        a, b = max(0, i - 8), min(len(text), i + 6)
        ctx_text = text[a:b]
        k = i
        while k > 0 and i - k < 4 and not _QUOTE_STOP.match(text[k - 1]):
            k -= 1
        yield ctx.hit(f"中文语句中使用了半角标点“{ch}”（{ctx_text}），应为全角“{full}”。",
                      [(base + k, base + i + 1)], expected=full, suggestion=f"将“{ch}”改为“{full}”。",
                      message_en=f"Half-width “{ch}” inside Chinese text; use the full-width “{full}”.")
