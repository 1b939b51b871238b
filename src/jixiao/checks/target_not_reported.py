"""JX701 绩效目标未报告完成情况

检查内容
  在"绩效目标""绩效指标"等部分设定的量化目标（"回收闲置土地≥77亩""惠及企业不少于260家"），
  报告后文的完成情况中既没有对应的实际值，也没有"已完成""全部完成"之类的表述；自评表中填了
  年度指标值而"实际完成值"为空的指标同样报告。每个目标一条（自评表整列"实际完成值"为空时
  合为一条），引用目标原文。

  判断"已报告"的依据：标注的目标—实际关联；同一句中的实际完成值；后文（绩效目标部分之外）
  提到同一指标（按指标名称的主要词语和同义词表 synonyms.json 匹配）并给出数字或"完成/达到/
  实现"等表述；后文出现相同的数值和单位。报告中没有任何完成情况部分（如只摘录了目标）时不报。

为何重要
  自评的核心是把年初设定的每项绩效目标与实际完成情况逐一对照。设定了却不报告的目标无法评分，
  也常是未完成目标被略去的迹象。

应报示例
  绩效目标"回收闲置土地≥77亩"，完成情况部分对回收闲置土地只字未提。
  自评表中"培训人次"年度指标值"≥500人次"，实际完成值栏空白。

不报示例
  绩效目标"培训人次≥500人次"，后文"全年共培训620人次"；后文"闲置土地回收任务已全部完成"；
  目标"群众满意度≥90%"，后文"社会公众满意度达95%"（同义词）；报告只有目标部分、没有完成情况
  部分。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》（绩效目标完成情况应逐项对照说明）；各地部门整体
  支出绩效自评报告提纲。
"""
from __future__ import annotations

import bisect

import regex as re

from ..extract.claims import clause_before, cues, section_part
from ..extract.relations import metric_similarity
from ..model import Claim
from ..sections import parse_marker
from ._targets import (
    clean_name,
    mentions,
    mentions_found,
    metric_tokens,
    part_at,
    sentence_actual,
    sentence_bounds,
    sentences,
    targets,
)
from .base import Context, rule

# A sentence that reports on an indicator in words.
_DONE = re.compile(r"完成|达成|实现|达到|达标|已|全部|均|顺利|如期|按期|按时|未|没有|尚|暂")
# Target "names" that are not performance indicators: funds handed down, counts of indicators.
_NOT_INDICATOR = re.compile(r"资金|预算|拨款|下达|安排|经费|批复|^\S{0,4}指标$|级指标|指标数|总分|得分|分值")
_COUNTS_INDICATORS = re.compile(r"^\S{0,3}?(绩效)?(目标)?指标")
_FUNDS = re.compile(r"资金|预算|经费")
_JUNK = re.compile(r"[≥≤<>=%％\d]")


def _has_report_part_after(ctx: Context, offset: int) -> bool:
    """Is there a part of the report, after ``offset``, that reports results?"""
    def last_start() -> int:
        part_cues = cues()["section"]["actual"]
        return max((h.span[0] for h in ctx.doc.headings if any(c in h.title for c in part_cues)), default=-1)
    return ctx.memo("_tnr.last_actual_part", last_start) > offset


def _quote(ctx: Context, c: Claim) -> tuple[int, int]:
    """The target as written: from the start of its clause to the end of its figure."""
    start, clause = clause_before(ctx.text, c.span[0])
    m = parse_marker(clause)
    if m:
        start += m.end
    while start < c.span[0] and ctx.text[start] in " \t-—·*①②③④⑤⑥⑦⑧⑨⑩”\"":
        start += 1
    if c.span[0] - start > 30:
        start = c.span[0] - 30
    quote = ctx.text[start:c.span[0]]
    if quote.count("”") > quote.count("“"):  # a name in quotes cut at its 、: reach back to its “
        opening = ctx.text.rfind("“", max(0, start - 30), start)
        if opening >= 0:
            start = opening
    return start, c.span[1]


_REPORTING_ROLES = ("actual", "count", "other", "rate", "expenditure")


def _later_claim_starts(ctx: Context) -> list[int]:
    return ctx.memo("_tnr.claim_starts", lambda: [c.span[0] for c in _later_claims(ctx)])


def _later_claims(ctx: Context) -> list[Claim]:
    """Claims that may report on a target: figures outside the 绩效目标 part (once per document)."""
    return ctx.memo("_tnr.claims", lambda: [
        c for c in ctx.claims
        if c.quantity is not None and c.role in _REPORTING_ROLES and part_at(ctx, c.span[0]) != "target"])


def _later_sentences(ctx: Context) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and heading titles ("" in a heading's own block) of every sentence outside
    the 绩效目标 part and the contents, in text order."""
    def build():
        starts, ends, headings = [], [], []
        for b in ctx.doc.blocks:
            if b.kind != "paragraph" or b.is_toc or part_at(ctx, b.span[0]) == "target":
                continue
            heading = ctx.doc.section_at(b.span[0]).title if b.heading is None else ""
            for s, e in sentences(ctx.text, b.span[0], b.span[1]):
                starts.append(s)
                ends.append(e)
                headings.append(heading)
        return starts, ends, headings
    return ctx.memo("_tnr.sentences", build)


def _later_rows(ctx: Context) -> list[tuple[int, int, list[str], str]]:
    """(table end, table number, the row's own cell texts, those texts joined) of
    every row of a table outside the 绩效目标 part and the contents that has two filled cells."""
    def build():
        out = []
        for b in ctx.doc.tables:
            if b.is_toc or part_at(ctx, b.span[0]) == "target":
                continue
            for row in b.rows:
                cells = [c.text for c in row if c.origin is None]
                if len([x for x in cells if x.strip()]) >= 2:
                    out.append((b.span[1], b.table_no, cells, "\x00".join(cells)))
        return out
    return ctx.memo("_tnr.rows", build)


def _sentences_naming(ctx: Context, toks: tuple[str, ...], first: int) -> dict[int, set[str]]:
    """For each later sentence from index ``first`` on, which of ``toks`` it contains (sentences
    containing none are left out): one scan of the text per token."""
    starts, ends, _ = _later_sentences(ctx)
    text = ctx.text
    lo = starts[first] if first < len(starts) else len(text)
    found: dict[int, set[str]] = {}
    for t in set(toks):
        p = text.find(t, lo)
        while p >= 0:
            j = bisect.bisect_right(starts, p) - 1
            if j >= first and p + len(t) <= ends[j]:
                found.setdefault(j, set()).add(t)
            p = text.find(t, p + 1)
    return found


def _reported_in_text(ctx: Context, name: str, target: Claim | None, after: int, skip_table: int | None = None) -> bool:
    """Later text that reports on the indicator: a figure or a 完成/达到 statement about it."""
    toks = metric_tokens(name)
    text = ctx.text
    tq = target.quantity if target is not None else None
    claims = _later_claims(ctx)
    for c in claims[bisect.bisect_left(_later_claim_starts(ctx), after):]:
        if skip_table is not None and c.location is not None and c.location.table == skip_table:
            continue
        # the same figure again, about the same thing (计划完成处置393.37亩 … 已全部完成土地清理393.37亩)
        if tq is not None and tq.unit and tq.kind != "percent" and c.quantity.unit == tq.unit \
                and c.value == target.value and c.quantity.high == tq.high:
            s, e = sentence_bounds(text, c.span[0])
            if any(t in text[s:e] for t in toks) or _distinctive(target.value):
                return True
        if c.metric and metric_similarity(name, c.metric) >= 70:
            return True
    starts, ends, headings = _later_sentences(ctx)
    first = bisect.bisect_right(ends, after)  # the first sentence ending after ``after``
    if first < len(starts) and starts[first] < after:  # cut by ``after``: read its rest only
        if _sentence_reports(ctx, toks, after, ends[first], headings[first]):
            return True
        first += 1
    if toks:  # only sentences naming the indicator, or under a heading that does, can report on it
        named = _sentences_naming(ctx, toks, first)
        headed = {h for h in set(headings[first:]) if h and mentions(toks, h)}
        for j in sorted(set(named) | {j for j in range(first, len(starts)) if headings[j] in headed}):
            if _sentence_reports(ctx, toks, starts[j], ends[j], headings[j], named.get(j, ())):
                return True
    for end, table_no, cells, joined in _later_rows(ctx):  # a table row naming the indicator
        if end <= after or table_no == skip_table or not any(t in joined for t in toks):
            continue
        if any(mentions(toks, x) for x in cells):
            return True
    return False


def _sentence_reports(ctx: Context, toks, s: int, e: int, heading: str, found=None) -> bool:
    """Does text[s:e] (one later sentence, under ``heading``) report on the indicator? ``found``:
    the tokens the sentence holds, when already known."""
    sent = ctx.text[s:e]
    named = mentions_found(toks, sent if found is None else found)
    if named and (_DONE.search(_strip_name(sent, toks)) or _has_figure(ctx, s, e)):
        return True
    return bool(heading and not named and mentions(toks, heading) and (_DONE.search(sent) or _has_figure(ctx, s, e)))


def _distinctive(v) -> bool:
    """A value unlikely to recur by chance (32.63, 1186), unlike 4, 12 or 100."""
    return v != v.to_integral_value() or v >= 1000 or (v >= 100 and v % 10 != 0)


def _strip_name(sent: str, toks: list[str]) -> str:
    for t in toks:
        sent = sent.replace(t, "")
    return sent


def _has_figure(ctx: Context, s: int, e: int) -> bool:
    """Does [s, e) hold a figure that is not a target?"""
    starts = ctx.memo("_tnr.figure_starts", lambda: sorted(c.span[0] for c in ctx.claims if c.role != "target"))
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] < e


_FIRE = [
    "一、绩效目标\n1.产出目标\n（1）回收闲置土地≥77亩，回收程序合规。\n（2）培训人次≥500人次。\n"
    "二、绩效目标完成情况\n（一）产出指标\n全年共培训620人次。\n",
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t数量指标\t培训人次\t≥500人次\t\t20\t20\n"
    "产出指标\t质量指标\t培训合格率\t≥95%\t96%\t20\t20\n",
]
_NOFIRE = [
    "一、绩效目标\n（1）回收闲置土地≥77亩。\n（2）培训人次≥500人次。\n（3）群众满意度≥90%。\n"
    "二、绩效目标完成情况\n闲置土地回收任务已全部完成。全年共培训620人次。社会公众满意度达95%。\n",
    "一、绩效目标\n（1）回收闲置土地≥77亩。\n（2）培训人次≥500人次。\n",
    "一、绩效目标\n计划完成低效土地处置393.37亩。\n二、绩效目标完成情况\n截至目前，已全部完成土地清理393.37亩。\n",
]


@rule("JX701", "target-not-reported", category="target-without-actual", severity="warning", fire=_FIRE,
      nofire=_NOFIRE)
def check(ctx: Context):
    tg = targets(ctx)
    linked = {lk.target for lk in ctx.tagging.links if lk.actual is not None}
    # text targets set in the 绩效目标 part
    for c in ctx.claims:
        if c.role != "target" or c.source != "text" or c.quantity is None:
            continue
        if part_at(ctx, c.span[0]) != "target" or c.id in linked:
            continue
        name = clean_name(c.metric)
        if not name or _JUNK.search(name) or _NOT_INDICATOR.search(name) or len(name) < 2:
            continue
        if _COUNTS_INDICATORS.match(ctx.text[c.span[1]:c.span[1] + 8]) or _FUNDS.search(ctx.doc.section_at(c.span[0]).title):
            continue  # "共编制12个绩效指标"; figures in a part about funds handed down
        if not _has_report_part_after(ctx, c.span[0]):
            continue
        if sentence_actual(ctx, c) is not None:
            continue
        if _reported_in_text(ctx, name, c, _target_part_end(ctx, c.span[0])):
            continue
        s, e = _quote(ctx, c)
        quote = ctx.text[s:e].replace("“", "‘").replace("”", "’")  # nested quotes in the message
        yield ctx.hit(f"绩效目标“{quote}”在报告中未见实际完成情况。", [(s, e)],
                      suggestion="在绩效目标完成情况部分逐项报告该指标的实际完成值；未完成的说明原因。",
                      message_en=f"The target “{quote}” is never reported on: no actual value is given for it.")
    # 自评表 rows with a target and an empty 实际完成值
    by_table: dict[int, list] = {}
    for row in tg.rows:
        by_table.setdefault(row.table.table_no, []).append(row)
    for rows in by_table.values():
        with_target = [r for r in rows if (r.texts.get("target") or "").strip() not in ("", "/", "—", "-")]
        empty = [r for r in with_target if not (r.texts.get("actual") or "").strip()]
        empty = [r for r in empty if len(empty) == len(with_target)
                 or not _reported_in_text(ctx, r.name, r.claims.get("target"), 0, skip_table=r.table.table_no)]
        if not empty:
            continue
        if len(empty) == len(with_target) and len(empty) > 1:
            ev = [r.span("target") for r in empty if r.span("target")]
            names = "、".join(r.name for r in empty[:3]) + ("等" if len(empty) > 3 else "")
            yield ctx.hit(f"自评表中{len(empty)}项指标（{names}）均未填写实际完成值。", ev,
                          suggestion="逐项填写实际完成值，并据此评分。",
                          message_en=f"None of the {len(empty)} indicators of the table ({names}) has an actual value.")
            continue
        for r in empty:
            target = r.texts.get("target", "").strip()
            yield ctx.hit(f"自评表中“{r.name}”年度指标值为“{target}”，实际完成值未填写。", [r.span("target")],
                          suggestion="填写该指标的实际完成值，并据此评分。",
                          message_en=f"{r.name}: the target “{target}” has no actual value in the table.")


def _target_part_end(ctx: Context, offset: int) -> int:
    """The end of the 绩效目标 section holding ``offset`` (where reporting may start)."""
    end = offset
    for s in ctx.doc.section_chain(offset):
        if s.heading is not None and section_part(ctx.doc, s.heading.span[0]) == "target":
            end = max(end, s.span[1])
    return end
