"""JX1103 目录与正文标题不一致

检查内容
  报告的目录与正文标题逐条对照：目录条目在正文中找不到对应标题；目录条目与正文标题文字
  不同（"职能、组织架构" 与 "职能，组织架构"）或序号不同（目录"（二）机构设置"、正文"（三）
  机构设置"）；目录里混进了正文句子（"…完成目标，得10分。"）；
  目录页码倒退；正文中目录所列层级、所用编号体系的标题在目录里漏列（仅作提示）。括号全角半角、空格的差别不算
  （那是 JX1102 的事）。正文被截断的摘录只比到最后一个对得上的条目为止。

为何重要
  目录通常由标题自动生成，对不上说明正文改过而目录未更新，或目录是手工编写的；目录里出现
  正文句子，说明有段落被误设为标题样式。读者据目录查找内容会出错。

应报示例
  目录"(一) 部门主要职责职能、组织架构…"，正文标题"(一) 部门主要职责职能，组织架构…"；
  目录条目"项目实施后污水达标排放率达95%，完成目标，得10分。 11"。

不报示例
  目录"(二) 改进措施"对正文"（二）改进措施"（仅括号全半角不同）；目录第一行是报告标题；
  目录后的正文被截断、后几个条目无从对照。

依据
  《党政机关公文格式》（GB/T 9704—2012）；各地绩效自评报告模板的目录要求。
"""
from __future__ import annotations

import regex as re
from rapidfuzz import fuzz

from ..model import Paragraph
from . import _structure as S
from .base import Context, rule

_PUNCT = re.compile(r"[\p{P}\s]+")
_SENTENCE = re.compile(r"[。！？；;!?]$|\d+(?:\.\d+)?\s*(?:%|万元|亿元|元|分|个|人)[^。]{0,20}[，,][^。]{0,30}[，,。]")
_ATTACH = re.compile(r"^附\s*件")


def _key(s: str) -> str:
    """A title for matching: no spaces, brackets unified."""
    return S.unify_brackets(S.compact(s))


def _letters(s: str) -> str:
    """A title without any punctuation: equal letters mean only punctuation differs."""
    return _PUNCT.sub("", s)


@rule("JX1103", "toc-against-headings", category="numbering", severity="warning",
      fire=["某单位2024年度部门整体支出绩效自评报告\n目录\n一、部门概况\t1\n（一）职能、组织架构\t1\n二、绩效情况\t3\n"
            "某单位2024年度部门整体支出绩效自评报告\n一、部门概况\n（一）职能，组织架构\n本单位内设机构3个。\n二、绩效情况\n完成目标。\n",
            "目录\n一、部门概况\t1\n二、绩效情况\t3\n项目实施后污水达标排放率达95%，完成目标，得10分。\t4\n三、存在问题\t5\n"
            "一、部门概况\n本单位内设机构3个。\n二、绩效情况\n项目实施后污水达标排放率达95%，完成目标，得10分。\n三、存在问题\n无。\n",
            "目录\n一、部门概况\t1\n二、预算执行\t3\n三、存在问题\t5\n一、部门概况\n内设机构3个。\n三、存在问题\n无。\n"],
      nofire=["目录\n一、部门概况\t1\n(一) 职能\t1\n二、存在问题\t3\n一、部门概况\n（一）职能\n内设机构3个。\n二、存在问题\n无。\n",
              "目录\n一、部门概况\t1\n二、预算执行\t3\n三、存在问题\t5\n一、部门概况\n内设机构3个。\n",
              "目录\n一、部门 概况\t1\n二、预算执行\t3\n一、部门概况\n内设机构3个。\n二、预算执行\n支出100万元。\n"])
def check(ctx: Context):
    doc = ctx.doc
    entries = doc.toc
    if not entries:
        return
    heads = [h for h in doc.headings if h.level > 0]
    title = S.report_title(doc)
    title_key = _key(title.text) if title else ""
    paras = [b for b in doc.blocks if isinstance(b, Paragraph) and not b.is_toc]

    # pass 1: match entries to headings in order
    matches: list = [None] * len(entries)
    kinds: list[str | None] = [None] * len(entries)
    pos = 0
    for i, e in enumerate(entries):
        k = _key(e.text)
        for j in range(pos, len(heads)):
            if _key(heads[j].number + heads[j].title) == k:
                matches[i], kinds[i], pos = heads[j], "same", j + 1
                break
        else:
            cand = _near(e, heads, pos)
            if cand is not None:
                matches[i], kinds[i] = cand, "differs"
                pos = heads.index(cand) + 1
            else:
                t = S.compact(e.title)
                cand = next((h for h in heads[pos:pos + 12] if e.number and h.number and len(t) >= 2
                             and S.compact(h.title) == t), None)
                if cand is not None:
                    matches[i], kinds[i] = cand, "renumbered"
                    pos = heads.index(cand) + 1
    last_matched = max((i for i, m in enumerate(matches) if m is not None), default=-1)

    # pass 2: report
    prev_page = None
    for i, e in enumerate(entries):
        if e.page is not None:
            if prev_page is not None and e.page < prev_page:
                yield ctx.hit(f"目录条目“{e.text[:30]}”的页码{e.page}小于上一条的页码{prev_page}，页码顺序颠倒。",
                              [e.span], suggestion="更新目录页码。",
                              message_en=f"Contents entry “{e.text[:30]}” has page {e.page}, before the previous entry's page {prev_page}.")
            prev_page = e.page
        h = matches[i]
        if kinds[i] == "same":
            continue
        if kinds[i] == "renumbered":
            yield ctx.hit(f"目录条目“{e.text}”的序号与正文标题“{h.number}{h.title}”不一致。",
                          [e.span, h.span], expected=f"{h.number}{h.title}",
                          suggestion="更新目录，或改正正文标题的序号。",
                          message_en=f"Contents entry “{e.text}” is numbered differently from the heading “{h.number}{h.title}”.")
            continue
        if kinds[i] == "differs":
            toc_t, head_t = S.compact(e.title), S.compact(h.title)
            only_punct = _letters(toc_t) == _letters(head_t)
            yield ctx.hit(
                f"目录条目“{e.text}”与正文标题“{h.number}{h.title}”文字不一致"
                + ("（标点不同）。" if only_punct else "。"),
                [e.span, h.span], expected=f"{h.number}{h.title}",
                suggestion="更新目录，使之与正文标题一致。",
                message_en=f"Contents entry “{e.text}” differs from the heading “{h.number}{h.title}”.")
            continue
        k = _key(e.text)
        if title_key and (k == title_key or (len(k) >= 10 and (k in title_key or title_key in k))):
            continue  # the report's own title
        if _SENTENCE.search(e.title) and not e.number:
            yield ctx.hit(f"目录条目“{e.text}”是一句正文而不是标题，不应出现在目录中。",
                          [e.span], suggestion="取消该段落的标题样式后更新目录。",
                          message_en=f"Contents entry “{e.text[:30]}” is a body sentence, not a heading.")
            continue
        if i > last_matched:
            continue  # the body after the last matched entry may be cut off
        if _ATTACH.match(e.text) or _in_paragraphs(k, paras):
            continue  # an unnumbered entry that stands as a plain paragraph (附件, 落款…); JX1302 checks attachments
        yield ctx.hit(f"目录条目“{e.text}”在正文中找不到对应的标题。", [e.span],
                      suggestion="补上正文标题，或从目录中删去该条目。",
                      message_en=f"Contents entry “{e.text}” has no matching heading in the body.")
    yield from _unlisted(ctx, entries, matches, heads)


def _near(e, heads, pos):
    """The heading a contents entry stands for when the words differ a little: same number (and
    the next unmatched heading with it), title similar enough."""
    k_num = _key(e.number)
    best, best_score = None, 0.0
    for h in heads[pos:pos + 12]:
        if e.number and _key(h.number) != k_num:
            continue
        score = fuzz.ratio(S.compact(e.title), S.compact(h.title))
        if score > best_score:
            best, best_score = h, score
    return best if best_score >= 75 else None


def _in_paragraphs(k: str, paras) -> bool:
    return len(k) >= 4 and any(_key(p.text).startswith(k) for p in paras)


def _unlisted(ctx: Context, entries, matches, heads):
    """Headings of the levels the contents lists, between its first and last matched entry,
    that the contents leaves out."""
    got = [m for m in matches if m is not None]
    if len(got) < 3:
        return
    levels = {h.level for h in got}
    classes = {S.heading_class(h) for h in got}
    first, last = heads.index(got[0]), heads.index(got[-1])
    listed = {id(h) for h in got}
    for h in heads[first:last + 1]:
        if (h.level in levels and S.heading_class(h) in classes and id(h) not in listed
                and h.level <= max(levels) and h.level < 3):
            yield ctx.hit(f"正文标题“{h.number}{h.title}”未列入目录。", [h.span], severity="info",
                          suggestion="更新目录。",
                          message_en=f"Heading “{h.number}{h.title}” is missing from the contents.")
