"""JX1101 标题序号不连续或体例混用

检查内容
  同一层级的标题序号：跳号（一、二、四、）、重号（（一）（一）（二））、倒序、下级标题不从 1
  开始；同级标题中混入另一种编号体系的序号（一、二、3、四、；(1）夹在（二）（三）之间）；
  标题缺了序号（"、项目绩效情况"）；按标题样式或多级编号（1.1.1）读出的层级跳级。
  层级由 sections.assign_levels 推定：它已把"3、"这类笔误放回它所接续的那一层，本检查在
  同级标题中比较编号体系，把笔误记在出错的那个标题上。

为何重要
  标题序号是报告的骨架。跳号、重号常说明删改时漏了一节或复制了一节，编号体系混用说明层级
  混乱，都会让审核人员怀疑内容是否完整。

应报示例
  "一、基本情况 二、支出情况 3、绩效情况 四、存在问题"中的"3、"（应为"三、"）；
  "（一）…（三）…"缺"（二）"；两个"（一）"并列。

不报示例
  同一节下先后两组各自从 1 开始的列举；摘录从"二、"开始（文本开头被截断）；目录行；
  上一段正文里已写出"1."、本段从"2."接续的列举。

依据
  《党政机关公文格式》（GB/T 9704—2012）7.3.3：结构层次序数依次用"一、""（一）""1.""（1）"。
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

from ..model import Paragraph
from ..normalize import normalize
from ..sections import parse_marker
from . import _structure as S
from .base import Context, rule

_LOST_NUMBER = re.compile(r"^[、]\s*(?P<title>[^。；;，,：:]{2,30})$")
# "2、3月份开展…", "一、二类地区…": a sentence that starts with figures, not a numbered heading
_TITLE_STARTS_WITH_FIGURE = re.compile(r"^\s*(?:[\d０-９]{1,3}(?![\d０-９])|[一二三四五六七八九十]+(?:类|级|等|档|批|期|号|季|月|年|星|线))")


def _label(h) -> str:
    return f"{h.number}{h.title[:20]}"


@rule("JX1101", "heading-sequence", category="numbering", severity="warning",
      fire=["一、基本情况\n单位概况。\n二、支出情况\n支出100万元。\n3、绩效情况\n完成目标。\n四、存在问题\n无。\n",
            "一、基本情况\n（一）机构设置\n内设机构3个。\n（三）人员情况\n在职10人。\n二、存在问题\n无。\n",
            "一、基本情况\n（一）项目概况\n项目一个。\n（一）资金情况\n资金10万元。\n（二）目标\n完成。\n",
            "一、项目概况\n项目一个。\n二、资金情况\n资金10万元。\n、项目绩效情况\n完成。\n"],
      nofire=["二、支出情况\n支出100万元。\n三、绩效情况\n完成目标。\n",
              "一、基本情况\n（一）机构\n内设机构3个。\n1.办公室\n2.财务股\n（二）人员\n1.在职人员\n2.退休人员\n",
              "一、基本情况\n注：1.单位为万元；\n2.数据来源于决算。\n3.表中合计含结转。\n二、存在问题\n无。\n",
              "某单位2024年度绩效自评报告\n目录\n一、概况\n二、支出\n一、概况\n正文。\n二、支出\n正文。\n"])
def check(ctx: Context):
    doc = ctx.doc
    heads = doc.headings
    forms = ctx.memo("structure.forms", lambda: S.preferred_forms(doc, heads))
    for group in S.sibling_groups(doc):
        yield from _check_group(ctx, group, forms)
    yield from _lost_numbers(ctx, forms)
    yield from _level_jumps(ctx)


def _dominant_class(hs) -> str | None:
    counts: dict[str, int] = {}
    for h in hs:
        cls = S.heading_class(h)
        if cls:
            counts[cls] = counts.get(cls, 0) + 1
    if not counts:
        return None
    first = {}
    for i, h in enumerate(hs):
        first.setdefault(S.heading_class(h), i)
    return max(counts, key=lambda c: (counts[c], -first[c]))


def _check_group(ctx: Context, group: S.Siblings, forms):
    doc = ctx.doc
    # "2、3月份开展…" is a sentence about months, not a numbered heading
    hs = [h for h in group.headings if not _TITLE_STARTS_WITH_FIGURE.match(h.title)]
    # "1.产出目标" then "2、效益目标": the tree may put 2、 beside 一、, but it continues the list
    # right before it (a style slip, JX1102's), not a slip of this level; so does what follows it
    members = {id(h) for h in hs}
    moved: set[int] = set()
    for h in hs:
        before = S.previous_heading(doc, h)
        if (before is not None and S.heading_class(before) == S.heading_class(h) and before.value == h.value - 1
                and (id(before) not in members or id(before) in moved)):
            moved.add(id(h))
    hs = [h for h in hs if id(h) not in moved]
    if not hs:
        return
    cls = _dominant_class(hs)
    if cls is None or cls == "decimal":
        return
    form = S.form_for(cls, forms)
    at_root = group.parent.heading is None
    prev = None
    for h in hs:
        hcls = S.heading_class(h)
        v = h.value
        expected_v = 1 if prev is None else prev.value + 1
        expected = S.numeral_for(cls, expected_v, form)
        if hcls != cls:
            # another numbering system among siblings: only a slip when it continues the sequence
            start = prev.number_span[1] if prev else (group.parent.heading.number_span[1] if group.parent.heading else 0)
            if v == expected_v and hcls is not None and not _inline_marker(doc, start, h.span[0], hcls, v - 1):
                same = [f"“{x.number}”" for x in hs if x is not h and S.heading_class(x) == cls]
                others = "".join(same[:4]) + ("等" if len(same) > 4 else "")
                yield ctx.hit(
                    f"标题序号“{h.number}”与同级标题{others}的编号体系不一致，应为“{expected}”。",
                    [h.number_span], expected=expected, suggestion=f"将“{h.number}”改为“{expected}”。",
                    message_en=f"Heading number “{h.number}” is written in another numbering style than its "
                               f"siblings; it should be “{expected}”.")
                prev = h
            continue
        if prev is None:
            if v != 1 and not at_root and not _continues_inline(ctx, group, h, cls):
                yield ctx.hit(
                    f"“{_label(group.parent.heading)}”下的第一个标题序号为“{h.number}”，应从“{expected}”开始。",
                    [h.number_span], expected=expected,
                    suggestion="检查是否漏写了前面的标题或序号有误。",
                    message_en=f"The first heading under “{group.parent.heading.number}” is numbered “{h.number}”; "
                               f"numbering should start at “{expected}”.")
            prev = h
            continue
        if v == prev.value + 1:
            prev = h
            continue
        if v == prev.value:
            yield ctx.hit(
                f"标题序号“{h.number}”与前一个同级标题“{_label(prev)}”重复，应为“{expected}”。",
                [prev.number_span, h.number_span], expected=expected,
                suggestion=f"将“{h.number}”改为“{expected}”，并顺延其后的序号。",
                message_en=f"Heading number “{h.number}” repeats the previous sibling's number; it should be “{expected}”.")
        elif v > prev.value + 1:
            if not _inline_marker(doc, prev.number_span[1], h.span[0], cls, prev.value + 1):
                missing = "、".join(f"“{S.numeral_for(cls, k, form)}”" for k in range(prev.value + 1, min(v, prev.value + 4)))
                yield ctx.hit(
                    f"标题序号从“{prev.number}”跳到“{h.number}”，缺少{missing}，应为“{expected}”。",
                    [prev.number_span, h.number_span], expected=expected,
                    suggestion="补上缺少的标题，或调整序号使之连续。",
                    message_en=f"Heading numbers jump from “{prev.number}” to “{h.number}”; “{h.number}” should be “{expected}”.")
        elif v != 1:
            yield ctx.hit(
                f"标题序号“{h.number}”排在“{prev.number}”之后，顺序颠倒，应为“{expected}”。",
                [prev.number_span, h.number_span], expected=expected,
                suggestion="调整标题顺序或序号。",
                message_en=f"Heading “{h.number}” comes after “{prev.number}”: out of order; it should be “{expected}”.")
        prev = h


@lru_cache(maxsize=256)
def _marker_pattern(cls: str, value: int) -> re.Pattern | None:
    if value < 1:
        return None
    if cls in ("arabic", "paren_arabic"):
        return re.compile(rf"(?<![\d.．])[（(]?{value}\s*[、.．)）](?!\d)")
    if cls in ("cn", "paren_cn"):
        return re.compile(rf"(?<![一二三四五六七八九十])[（(]?{S.cn_numeral(value)}\s*[、)）.．]")
    return None


def _inline_marker(doc, start: int, end: int, cls: str, value: int) -> bool:
    """Whether the marker for ``value`` is written inline between ``start`` and ``end`` (a list
    whose first items were merged into a paragraph: "注：1.…" then "2.…"). Heading numbers
    themselves do not count; the text after them does."""
    pat = _marker_pattern(cls, value)
    if pat is None or start >= end:
        return False
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or b.span[1] <= start or b.span[0] >= end:
            continue
        lo = max(start, b.span[0])
        if b.heading is not None:
            lo = max(lo, b.heading.number_span[1])
        if pat.search(doc.text[lo:min(end, b.span[1])]):
            return True
    return False


def _continues_inline(ctx: Context, group: S.Siblings, h, cls: str) -> bool:
    """A list whose first items sit inline in the parent's text ("注：1.…" then "2.…")."""
    return _inline_marker(ctx.doc, group.parent.heading.number_span[1], h.span[0], cls, h.value - 1)


def _lost_numbers(ctx: Context, forms):
    """A heading-like line that starts with "、": its number was lost in conversion or typing."""
    doc = ctx.doc
    last_top = None
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or b.is_toc:
            continue
        if b.heading is not None:
            if S.heading_class(b.heading) == "cn":
                last_top = b.heading
            continue
        # a converter may have joined the line with the next one: judge the first source line
        raw_line = b.raw_text.strip().split("\n")[0]
        if "、" not in raw_line:
            continue  # normalising never adds the 、 the pattern starts with
        first_line = normalize(raw_line)[0]
        m = _LOST_NUMBER.match(first_line)
        if not m or parse_marker(b.text) or not b.text.startswith(first_line):
            continue
        expected = None
        if last_top is not None:
            expected = S.numeral_for("cn", last_top.value + 1, S.form_for("cn", forms))
            last_top = _Fake(last_top.value + 1)
        span = (b.span[0], b.span[0] + len(first_line))
        msg_exp = f"，疑为“{expected}”" if expected else ""
        yield ctx.hit(f"标题“{first_line}”缺少序号{msg_exp}。", [span], expected=expected,
                      suggestion="补上标题序号。",
                      message_en=f"Heading “{first_line}” has lost its number" + (f"; it should be “{expected}”." if expected else "."))


class _Fake:
    """Stands in for a heading whose number was lost, so the next lost one counts on."""

    def __init__(self, value: int):
        self.value = value


def _level_jumps(ctx: Context):
    """Heading levels read from styles or multi-level numbers that skip a level (1 → 1.1.1)."""
    prev = None
    for h in ctx.doc.headings:
        if h.level <= 0:
            continue
        explicit = h.source in ("style", "markdown") or h.style == "decimal"
        if prev is not None and explicit and h.level > prev.level + 1:
            yield ctx.hit(
                f"标题“{_label(h)}”为第{h.level}级，而前一个标题“{_label(prev)}”为第{prev.level}级，中间跳过了一级。",
                [h.span], suggestion="补上中间层级的标题，或调整本标题的级别。",
                message_en=f"Heading “{h.title[:20]}” is at level {h.level} right after a level-{prev.level} heading: a level is skipped.")
        prev = h
