"""JX1102 同级标题序号写法不统一

检查内容
  同一层级、同一编号体系的标题，序号的写法不一致：括号全角半角混用（"（二）"夹在"(一)""(三)"
  之间），序号后的标点不同（"1." 与 "1．"，"一、" 与 "一."），数字全角半角混用，
  带括号与不带括号混用（"(1)" 与 "1)"）。哪一种算"另类"，按全文同一体系标题的多数写法判断。
  自身括号就不配对的序号（"(二）"）由 JX1202 报告，这里不重复。

为何重要
  同级标题写法不一，是拼接、复制不同来源文字留下的痕迹，影响公文的规范性，也提示该处可能
  经过改动，值得核对。

应报示例
  "(一)主要问题"与"（二）改进措施"并列，而全文其余同级标题都写"(一)"；"1.资金到位" 与
  "2．资金使用" 并列。

不报示例
  全文统一用半角"(一)"或统一用全角"（一）"；不同层级各用各的写法（"一、"下是"（一）"）；
  "(二）"这种自身括号不配对的序号（归 JX1202）。

依据
  《党政机关公文格式》（GB/T 9704—2012）7.3.3；GB/T 15834—2011《标点符号用法》。
"""
from __future__ import annotations

from . import _structure as S
from .base import Context, rule


@rule("JX1102", "heading-mixed-style", category="numbering", severity="info",
      fire=["一、基本情况\n(一)机构\n内设机构3个。\n（二）人员\n在职10人。\n(三)资产\n资产100万元。\n",
            "一、基本情况\n1.资金计划\n计划10万元。\n2．资金到位\n到位10万元。\n3.资金使用\n使用10万元。\n"],
      nofire=["一、基本情况\n（一）机构\n内设机构3个。\n（二）人员\n在职10人。\n二、问题\n（一）问题\n无。\n",
              "一、基本情况\n(一)机构\n内设机构3个。\n(二）人员\n在职10人。\n(三)资产\n资产100万元。\n",
              "一、基本情况\n(一)机构\n1.办公室\n2.财务股\n(二)人员\n1.在职\n2.退休\n"])
def check(ctx: Context):
    doc = ctx.doc
    heads = doc.headings
    forms = ctx.memo("structure.forms", lambda: S.preferred_forms(doc, heads))
    # compare headings that count on together in document order (1. 2、 3.), not only the
    # section tree's siblings: a style slip may have misled the tree
    for run in S.class_runs(doc):
        cls = S.heading_class(run[0])
        if len(run) < 2 or cls == "decimal":
            continue
        raws = {id(h): S.raw_number(doc, h) for h in run}
        usable = [h for h in run if not S.has_mixed_brackets(raws[id(h)])]
        tmpls = {id(h): S.template(raws[id(h)]) for h in usable}
        if len(set(tmpls.values())) < 2:
            continue
        preferred = forms.get(cls)
        if preferred not in tmpls.values():
            preferred = tmpls[id(usable[0])]
        like = [h for h in usable if tmpls[id(h)] == preferred]
        for h in usable:
            if tmpls[id(h)] == preferred:
                continue
            raw = raws[id(h)]
            expected = S.numeral_for(cls, h.value, preferred)
            sample = "".join(f"“{S.raw_number(doc, x)}”" for x in like[:3])
            yield ctx.hit(
                f"标题序号“{raw}”与同级标题{sample}写法不一致（{_difference(raw, expected)}），应为“{expected}”。",
                [h.number_span], expected=expected, suggestion=f"统一写作“{expected}”。",
                message_en=f"Heading number “{raw}” is written differently from its siblings; it should be “{expected}”.")


_FOLD = str.maketrans("（）．，：０１２３４５６７８９", "().,:0123456789")


def _difference(raw: str, expected: str) -> str:
    if raw.translate(_FOLD) == expected.translate(_FOLD):
        return "全角、半角混用"
    return "序号后的标点或括号不同"
