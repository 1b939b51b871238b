"""JX803 差异方向的表述与数字相反

检查内容
  报告用文字说明一个差异的方向，而它所指的两个数字方向相反：
  - 预决算对比："决算数小于预算数的主要原因是……""支出决算大于年初预算""决算数较年初预算减少
    ……"，而同一口径（收入 / 支出）的决算数与预算数（同段或前几段正文，或同一节的决算对比表
    合计行）大小关系相反；
  - 与上年对比："较上年增加……""同比下降……"，而报告给出的本年数与上年数大小关系相反；或同一
    句里增减额说"增加"、增减幅度却说"下降"（方向自相矛盾）。
  说的是某一项（"社会保障和就业支出决算数大于调整预算数"）时，只与该项的数字（表格中同名的行、
  正文中同名的数）比较，不拿合计去比。找不到所指的两个数字、或能对上的数字不止一组且方向不一
  时，不报告。

为何重要
  差异方向写反，原因分析就是在解释一个不存在的差异，通常是套用上年或其他单位的文字，或把
  预算数、决算数填反了。审核者据此会质疑整段分析。

应报示例
  "年初预算支出9811.26万元，支出决算46810.34万元，决算数小于预算数的主要原因是……"；
  "本年支出120万元，上年支出150万元，较上年增加30万元。"

不报示例
  "年初预算为61757.62万元，支出决算为51977.45万元，决算数小于预算数的主要原因是……"（方向一致）；
  "比上年减少12.59万元"（未给出上年数，无从核对）；收入决算大于收入预算、而说"支出决算小于
  支出预算"（口径不同，各自核对）。

依据
  财政部部门决算编报要求（决算数与年初预算数、调整预算数对比并说明差异原因）；
  《党政机关厉行节约反对浪费条例》关于"三公"经费与上年对比公开的要求。
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph
from . import _budget as B
from .base import Context, rule

_FINAL_W = r"(?:(?:支出|收入)?决算(?:支出|收入)?(?:数|金额)?|(?:全年)?执行数|实际支出(?:数)?)"
_BUDGET_W = r"(?:(?:年初|调整后?|全年)?(?:部门)?预算(?:支出|收入)?(?:数|金额)?)"
_DIR = r"(?:大于|小于|高于|低于|多于|少于|超过|超出|不足|增加|减少|增长|下降)"
_UP_WORDS = ("大于", "高于", "多于", "超过", "超出", "增加", "增长")
_CMP = r"(?:大于|小于|高于|低于|多于|少于|超过|超出)"
_SPENT_WORD = re.compile(r"执行数|实际支出")
_QUOTES_SPACE = re.compile(r"[“”\"'‘’\s]")
_OWNER_END = re.compile(r"(的|之|中)$")
_TWO_HAN = re.compile(r"\p{Han}{2}")
_SPACE = re.compile(r"\s")
_STATE_FB = re.compile(rf"(?P<f>{_FINAL_W})\s*(?:比|较|与)\s*(?P<b>{_BUDGET_W})\s*(?:相比|比较)?\s*[，,]?\s*(?P<d>{_DIR})")
_STATE_FDB = re.compile(rf"(?P<f>{_FINAL_W})\s*(?P<d>{_CMP})\s*(?P<b>{_BUDGET_W})")
_STATE_BDF = re.compile(rf"(?P<b>{_BUDGET_W})\s*(?P<d>{_CMP})\s*(?P<f>{_FINAL_W})")


@rule("JX803", "variance-statement-contradicted", category="budget-variance", severity="error",
      fire=[
          "一、收支情况\n2024年年初预算支出9811.26万元，2024年支出决算46810.34万元，决算数小于预算数的主要原因是"
          "项目推进缓慢。\n",
          "一、三公经费\n本年“三公”经费支出120万元，上年支出150万元，较上年增加30万元。\n",
          "一、支出情况\n决算数与年初预算数对比表（金额：万元）\n项目\t支出决算数\t年初预算数\n合计\t51977.45\t41757.62\n"
          "决算数小于年初预算数的主要原因是部分项目延期。\n",
      ],
      nofire=[
          "一、收支情况\n年初预算为61757.62万元，支出决算为51977.45万元，决算数小于预算数的主要原因是项目延期。\n",
          "一、三公经费\n“三公”经费决算数16.98万元，比上年减少12.59万元，主要原因是落实过紧日子要求。\n",
          "一、收支情况\n年初预算收入100万元，收入决算120万元。年初预算支出100万元，支出决算90万元，"
          "支出决算小于支出预算的主要原因是项目延期。\n",
          "一、三公经费\n本年“三公”经费支出120万元，上年支出150万元，较上年减少30万元，下降20%。\n",
      ])
def check(ctx: Context):
    yield from _budget_statements(ctx)
    yield from _last_year_statements(ctx)


# --------------------------------------------------------------------------- 决算 vs 预算


def _budget_statements(ctx: Context):
    doc = ctx.doc
    for p in doc.paragraphs:
        if p.is_toc:
            continue
        for pat, reverse in ((_STATE_FB, False), (_STATE_FDB, False), (_STATE_BDF, True)):
            for m in pat.finditer(p.text):
                up = m.group("d") in _UP_WORDS
                if reverse:
                    up = not up
                words = m.group("f") + m.group("b")
                scope = B.scope_of(words) if ("收入" in words or "支出" in words) else None
                b_word = m.group("b")
                stage = "年初" if "年初" in b_word else "调整" if "调整" in b_word else None
                spent = bool(_SPENT_WORD.search(m.group("f")))
                subject = _subject(p.text[: m.start()])
                pair = _referent(ctx, p, p.span[0] + m.start(), scope, stage, spent, subject)
                if pair is None:
                    continue
                final, budget = pair
                fv, bv = B.value_of(final), B.value_of(budget)
                if fv is None or bv is None or fv == bv:
                    continue
                if (fv > bv) == up:
                    continue
                start = m.start()
                if subject:
                    start = p.text.rfind(subject[:2], 0, m.start()) if subject[:2] in p.text[:m.start()] else start
                span = (p.span[0] + start, p.span[0] + m.end())
                quote = p.text[start:m.end()]
                rel = "大于" if fv > bv else "小于"
                msg = (f"报告称“{quote}”，但决算数{B.written(final)}{rel}预算数{B.written(budget)}，"
                       f"差异方向与数字相反。")
                en = (f"The report says “{quote}” but the final figure {B.written(final)} is "
                      f"{'above' if fv > bv else 'below'} the budget {B.written(budget)}.")
                ev = sorted([final, budget], key=lambda c: c.span) + [span]
                yield ctx.hit(msg, ev, expected=f"决算数{rel}预算数", message_en=en,
                              suggestion="请核对预算数、决算数是否填反，并按实际差异方向重写原因分析。")


_GENERIC_SUBJECT = re.compile(r"^(?:本年度?|全年|当年|(?:19|20)\d{2}年度?|本?部门|本?单位|我单位|我部门|收支|其中|"
                              r"[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])+")


def _subject(before: str) -> str:
    """The item a statement is about: the words of its clause before 决算 ("社会保障和就业支出")."""
    i = len(before)
    while i > 0 and before[i - 1] not in "，,。；;：:！？!?\n":
        i -= 1
    s = _QUOTES_SPACE.sub("", before[i:])
    s = _GENERIC_SUBJECT.sub("", s)
    s = _OWNER_END.sub("", s)
    if s in ("", "支出", "收入", "财政拨款", "一般公共预算财政拨款"):
        return ""
    return s if _TWO_HAN.search(s) else ""


def _about(pr: B.Pair, subject: str) -> bool:
    if pr.row is not None:
        label = _SPACE.sub("", pr.row.label)
        return bool(label) and (subject in label or label in subject)
    metric = _QUOTES_SPACE.sub("", pr.actual.metric or "")
    return bool(metric) and (subject in metric or metric in subject)


def _referent(ctx: Context, p: Paragraph, pos: int, scope, stage, spent, subject: str = ""):
    """The (final, budget) a statement at ``pos`` talks about: the nearest pair before it in the
    text of its section, else the total row of a budget table in its section; a statement about
    one item (社会保障和就业支出决算数小于……) only that item's pair. None when unsure."""
    doc = ctx.doc
    sec = doc.section_at(pos)
    kinds = ("spent",) if spent else ("final",)
    found = []
    for pr in B.pairs(ctx):
        if pr.kind not in kinds:
            continue
        if subject:
            if not _about(pr, subject):
                continue
        elif not pr.total:
            continue
        if scope and pr.scope and pr.scope != scope:
            continue
        a = pr.actual
        if doc.section_at(a.span[0]) is not sec:
            continue
        if pr.source == "text":
            if a.span[0] > pos or p.index - doc.block_at(a.span[0]).index > 3:
                continue
        budget = pr.budget
        if stage == "年初" and pr.stage != "年初":
            budget = pr.initial
        elif stage == "调整" and pr.stage not in ("调整", "全年"):
            continue
        if budget is None:
            continue
        found.append((0 if pr.source == "text" else 1, -a.span[0] if a.span[0] < pos else a.span[0], a, budget))
    if not found:
        return None
    found.sort(key=lambda x: (x[0], x[1]))
    best = found[0]
    # several candidates that disagree on the direction: unsure
    same_source = [f for f in found if f[0] == best[0]]
    dirs = {(B.value_of(a) > B.value_of(b)) for _, _, a, b in same_source if B.value_of(a) != B.value_of(b)}
    if len(dirs) > 1 and best[0] == 1:
        return None
    return best[2], best[3]


# --------------------------------------------------------------------------- against last year


def _last_year_statements(ctx: Context):
    for ch in B.changes(ctx):
        cur, last = ch.current, ch.last
        stated = [(d, w, c) for d, w, c in ((ch.amount_dir, ch.amount_word, ch.amount.claim if ch.amount else None),
                                            (ch.rate_dir, ch.rate_word, ch.rate)) if d and c is not None]
        if not stated:
            continue
        if cur is not None and last is not None and cur.value != last.value:
            actual_dir = 1 if cur.value > last.value else -1
            wrong = [(d, w, c) for d, w, c in stated if d != actual_dir]
            if wrong:
                d, w, c = wrong[0]
                rel = "高于" if actual_dir > 0 else "低于"
                msg = (f"本年{B.written(cur.claim)}{rel}上年{B.written(last.claim)}，"
                       f"报告却写为较上年“{w}”{B.written(c)}。")
                en = (f"This year's {B.written(cur.claim)} is {'above' if actual_dir > 0 else 'below'} last "
                      f"year's {B.written(last.claim)}, yet the report states a change “{w}” of {B.written(c)}.")
                yield ctx.hit(msg, sorted([cur.claim, last.claim, c], key=lambda x: x.span),
                              expected="增加" if actual_dir > 0 else "减少", message_en=en,
                              suggestion="请核对本年数、上年数和增减方向的表述。")
                continue
        if len(stated) == 2 and stated[0][0] != stated[1][0]:
            (d1, w1, c1), (d2, w2, c2) = stated
            msg = f"同一处既写“{w1}”{B.written(c1)}，又写“{w2}”{B.written(c2)}，增减方向自相矛盾。"
            en = (f"The same comparison says “{w1}” {B.written(c1)} and “{w2}” {B.written(c2)}: "
                  f"the direction contradicts itself.")
            yield ctx.hit(msg, [c1, c2], message_en=en, suggestion="请核对增减方向，统一表述。")

