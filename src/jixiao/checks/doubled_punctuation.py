"""JX1201 标点重复或连用

检查内容
  两个句读标点紧挨着出现，如"。，""，，""；。"，多为修改时漏删或转换残留。

为何重要
  报告是正式公文，标点连用说明文字未经校对，也常是删改数字时留下的痕迹，值得复核附近内容。

应报示例
  "完成年度目标。，各项工作有序推进。"

不报示例
  省略号"……"、破折号"——"、引号后接句号"。"等规范用法。

依据
  GB/T 15834—2011《标点符号用法》。
"""
from __future__ import annotations

import regex as re

from .base import Context, rule

_PAIR = re.compile(r"[。，、；：？！,;:]{2,}")
_ALLOWED = {"？！", "！？", "?!", "!?"}


@rule("JX1201", "doubled-punctuation", category="punctuation", severity="info",
      fire=["一、基本情况\n完成年度目标。，各项工作有序推进。\n", "一、基本情况\n支出包括：，人员经费。\n"],
      nofire=["一、基本情况\n完成年度目标……各项工作有序推进。\n", "一、基本情况\n他说：“好。”随后离开。\n"])
def check(ctx: Context):
    for m in _PAIR.finditer(ctx.text):
        if m.group() in _ALLOWED:
            continue
        block = ctx.doc.block_at(m.start())
        if block is None or getattr(block, "is_toc", False):
            continue
        yield ctx.hit(f"标点“{m.group()}”连用，请删去多余的标点。", [m.span()],
                      suggestion="保留一个恰当的标点。",
                      message_en=f"Doubled punctuation “{m.group()}”: remove the extra mark.")
