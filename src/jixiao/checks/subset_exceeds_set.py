"""JX902 其中项的个数多于总数

检查内容
  计数类（个、项、人、名、家、户、次……）的“其中”项大于它所属的总数，如“实施项目15个，其中
  亿元以上项目20个”“在职人员40人，其中女职工50人”，或表格“其中”行大于上一行；以及同一句中
  按词义构成子集的两个数（“发放问卷300份，收回有效问卷386份”“抽检1200批次，合格1250批次”，
  成对的提示词见 resources/identities.json 的 subsets）。只比较单位相同（人与名视为同一单位）
  的数字；金额的分项与总额由 JX301 / JX302 比较。

为何重要
  子集不可能大于全集，出现这种情况必有一个数字写错（常见为数字颠倒、把上报数与认定数混用）。

应报示例
  “全年实施项目15个，其中亿元以上项目20个。”
  “在职人员40人，其中女职工50人。”
  “发放调查问卷300份，收回有效问卷386份。”

不报示例
  “新签约项目12个，其中亿元以上项目11个，重点产业项目11个”（各项均不大于总数；不同口径的
  其中项之和可以超过总数）；“涉及农户300户，完成项目5个，其中贫困户80户”（单位不同，不比较）。

依据
  统计口径的基本要求：分类或“其中”项为总数的子集，不得大于总数。
"""
from __future__ import annotations

from ..model import Paragraph
from ._sums import analyses, bracketed, identity_data, is_exact, kind, name_of, same_count_unit, words_of
from .base import Context, rule


def _label(c) -> str:
    return f"{name_of(c)}{c.text}"


@rule("JX902", "subset-exceeds-set", category="implausible-value", severity="error",
      fire=[
          "三、产出情况\n全年实施项目15个，其中亿元以上项目20个。\n",
          "一、部门基本情况\n年末在职人员40人，其中女职工50人、党员18人。\n",
          "四、满意度情况\n向服务对象发放调查问卷300份，收回有效问卷386份，满意度为95.2%。\n",
      ],
      nofire=[
          "三、产出情况\n全年新签约入园项目12个，其中亿元以上项目11个，重点产业项目11个。\n",
          "三、产出情况\n项目涉及农户300户，完成建设项目5个，其中贫困户80户。\n",
          "一、部门基本情况\n年末在职人员40人，其中女职工25人、党员18人。\n",
          "四、满意度情况\n向服务对象发放调查问卷300份，收回有效问卷286份，满意度为95.2%。\n",
      ])
def check(ctx: Context):
    for a in analyses(ctx):
        w = a.whole
        if w is None or kind(w) != "count" or not is_exact(w):
            continue
        for p in a.listed:
            if kind(p) != "count" or not is_exact(p) or not same_count_unit(p, w):
                continue
            if (p.role == "target") != (w.role == "target"):
                continue  # a plan beside a result
            if p.value > w.value:
                yield ctx.hit(f"“{_label(p)}”多于其所属的总数“{_label(w)}”，其中项不应大于总数。", [w, p],
                              suggestion="核实总数与该其中项，其中一项应有误。",
                              message_en=f"The subset {p.text} exceeds the total {w.text} it belongs to.")
    yield from _pairs(ctx)


def _pairs(ctx: Context):
    """Counts the words make a subset of the count before them in the same sentence: 收回问卷 of
    发放问卷, 合格批次 of 抽检批次 (resources/identities.json "subsets")."""
    counts = [c for c in ctx.claims if c.source == "text" and kind(c) == "count" and is_exact(c)
              and not bracketed(ctx, c)]
    for pair in identity_data().get("subsets", ()):
        for i, s in enumerate(counts):
            ws = words_of(ctx, s)
            if not _named(ws, pair["set"], pair["needs"]) or _named(ws, pair["subset"], ()):
                continue
            for p in counts[i + 1:]:
                if not _same_sentence(ctx, s, p):
                    break
                wp = words_of(ctx, p)
                if not _named(wp, pair["subset"], pair["needs"]) or not same_count_unit(p, s):
                    continue
                if p.value > s.value:
                    yield ctx.hit(f"“{_label(p)}”多于“{_label(s)}”，{pair['name']}的这一部分不应大于总数。", [s, p],
                                  suggestion="核实两个数字，其中一项应有误。",
                                  message_en=f"{p.text} cannot exceed {s.text} it is part of.")
                break


def _named(words: str, cues, needs) -> bool:
    return any(w in words for w in cues) and all(w in words for w in needs)


def _same_sentence(ctx: Context, a, b) -> bool:
    block = ctx.doc.block_at(a.span[0])
    if not isinstance(block, Paragraph) or ctx.doc.block_at(b.span[0]) is not block:
        return False
    return not any(ch in ctx.text[a.span[1]:b.span[0]] for ch in "。；;！？!?")
