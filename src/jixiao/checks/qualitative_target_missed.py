"""JX102 报告自述指标未达成

检查内容
  报告自己写明某项指标"未达成""部分达成""未完成""尚未完成""未达到预期""暂未完工"等：
  自评表中某行的"实际完成值"或"偏差原因"栏这样写（多为定性指标，如年度指标值"有效带动"、
  实际完成值"部分达成"），或正文在该指标（"质量指标""时效指标"、绩效目标中设定的某项指标）
  的完成情况中这样写。已由 JX101 按数值判定未达标的指标不重复报告。

为何重要
  定性指标没有数字可比，报告自述"未完成"就是唯一的线索：这些指标应按"部分达成/未达成"的
  档次评分，并说明偏差原因和改进措施；满分或"已完成目标"的总体表述与之矛盾。

应报示例
  自评表：三级指标"带动就业"，年度指标值"有效带动"，实际完成值"部分达成"。
  "（3）时效指标。该项目暂未完工。"

不报示例
  表头"未完成原因及改进措施"；"不存在未完成的任务"；"是否存在未完成事项：否"；
  实际完成值"已完成"；存在问题部分泛泛而谈"部分工程尚未完成验收"（未指明哪项指标或目标）。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》；各地自评表填报说明（定性指标按达成、部分达成、
  未达成分档评分）。
"""
from __future__ import annotations

import regex as re

from .base import Context, rule
from ._targets import clean_name, mentions, metric_tokens, part_at, sentences, targets

# Outcome words that say a target was not (fully) reached.
MISSED_WORDS = ("未达成", "部分达成", "部分完成", "未完成", "尚未完成", "暂未完成", "未能完成", "没有完成",
                "未达到预期", "未达预期", "未达到目标", "未实现", "未完工", "暂未完工", "尚未完工", "未达标")
_MISSED = re.compile("|".join(sorted(MISSED_WORDS, key=len, reverse=True)))
# … unless negated, asked, or a column header / heading about causes.
_NEGATED_BEFORE = re.compile(r"(无|没有|不存在|是否|杜绝|避免|防止|以免|如有|若有|若|对于|确保)[^，。；]{0,6}$")
_CLAUSE_END = re.compile(r"[，,；;。]")
_DIGIT = re.compile(r"\d")
_HEADER_AFTER = re.compile(r"^(的)?(原因|情况说明|事项|部分的原因|及|和|或)")
_INDICATOR_SUBJECT = re.compile(r"(\p{Han}{2,}(指标|目标)|目标任务|年度任务)[^，。；]{0,12}$")
_LEAD_LABEL = re.compile(r"^\s*(?:[（(]?\s*[0-9一二三四五六七八九十]+\s*[)）、.．]\s*)?(\p{Han}{2,12}指标)\s*[。：:，,]")


def _missed_in(text: str) -> re.Match | None:
    for m in _MISSED.finditer(text or ""):
        before = text[max(0, m.start() - 12):m.start()]
        if _NEGATED_BEFORE.search(before) or _HEADER_AFTER.match(text[m.end():]):
            continue
        return m
    return None


_FIRE = [
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "效益指标\t社会效益指标\t带动就业\t有效带动\t部分达成\t10\t7\t受市场影响\n"
    "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t20\t20\t无\n",
    "二、绩效目标完成情况\n（一）产出指标完成情况\n（1）数量指标。完成治理面积120亩。\n（2）时效指标。该项目暂未完工。\n",
    "一、绩效目标\n提高园区承载能力。\n二、绩效目标完成情况\n园区承载能力提升的目标未完成，主要受用地指标调整影响。\n",
]
_NOFIRE = [
    "二、绩效指标完成情况\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t未完成原因及改进措施\n"
    "效益指标\t社会效益指标\t带动就业\t有效带动\t已完成\t10\t10\t无\n",
    "二、绩效目标完成情况\n（一）产出指标完成情况\n各项产出指标均已完成，不存在未完成的任务。\n",
    "三、存在的问题\n部分工程尚未完成竣工验收，资金拨付进度偏慢。\n",
    "二、绩效目标完成情况\n质量指标。是否存在未完成事项：否。\n",
]


@rule("JX102", "qualitative-target-missed", category="target-not-met", severity="warning", fire=_FIRE,
      nofire=_NOFIRE)
def check(ctx: Context):
    tg = targets(ctx)
    # 自评表 rows
    for p in tg.pairs:
        row = p.row
        if row is None or p.verdict in ("missed", "met"):
            continue
        for role in ("actual", "reason"):
            text = row.texts.get(role) or ""
            m = _missed_in(text)
            if m is None or row.span(role) is None:
                continue
            s, e = row.span(role)
            target = (p.target_text or "").strip()
            ev = [(s, e)]
            if row.span("target") and row.span("target")[0] < row.span("target")[1]:
                ev.insert(0, row.span("target"))
            col = "实际完成值" if role == "actual" else "偏差原因"
            quote = text if len(text) <= 30 else text[max(0, m.start() - 10): m.end() + 10]
            yield ctx.hit(
                f"“{p.name}”的{col}写明“{quote}”，年度指标值“{target}”未达成。", ev,
                expected=target or None,
                suggestion="按未达成或部分达成的档次评分，并说明偏差原因和改进措施。",
                message_en=f"{p.name}: the {'actual' if role == 'actual' else 'deviation'} column says "
                           f"“{quote}”, so the target “{target}” was not reached.")
            break
    # running text
    target_tokens = None  # read when first needed
    # indicators whose figures JX101 compares: a sentence about them is not a qualitative verdict
    numeric = [metric_tokens(p.name) for p in tg.pairs if p.verdict != "unknown"]
    text = ctx.text
    for b in ctx.doc.blocks:
        if b.kind != "paragraph" or getattr(b, "is_toc", False):
            continue
        if not _MISSED.search(text, b.span[0], b.span[1]) or part_at(ctx, b.span[0]) == "target":
            continue
        lead = _LEAD_LABEL.match(text[b.span[0]:b.span[1]])
        for s, e in sentences(text, *b.span):
            sent = text[s:e]
            m = _missed_in(sent)
            if m is None:
                continue
            clause_start = max(sent.rfind(x, 0, m.start()) for x in "，,：:") + 1
            subject = _INDICATOR_SUBJECT.search(sent[clause_start:m.start()]) or _INDICATOR_SUBJECT.search(
                sent[:m.start()])
            name = None
            if subject:
                name = clean_name(subject.group(1))
            elif lead:
                name = lead.group(1)
            else:
                if target_tokens is None:
                    target_tokens = _known_targets(ctx)
                name = next((n for n, toks in target_tokens if mentions(toks, sent)), None)
            if not name or any(mentions(toks, sent) for toks in numeric):
                continue
            # quote from the sentence start (at most 30 characters back) to the end of the clause
            tail = _CLAUSE_END.search(sent[m.end():])
            ev_e = s + m.end() + (tail.start() if tail else len(sent) - m.end())
            ev_s = max(s, s + m.start() - 30)
            while ev_s < ev_e and text[ev_s] in " \t":
                ev_s += 1
            quote = text[ev_s:ev_e]
            yield ctx.hit(
                f"报告称“{quote}”，{name}未达成。", [(ev_s, ev_e)],
                suggestion="按未达成或部分达成的档次评分，并说明偏差原因和改进措施。",
                message_en=f"The report says “{quote}”: {name} was not reached.")
            break


def _known_targets(ctx: Context) -> list[tuple[str, list[str]]]:
    """Names (and their distinctive words) of the targets the report sets in its 绩效目标 part."""
    out = []
    for c in ctx.claims:
        if c.role == "target" and c.source == "text" and c.metric:
            n = clean_name(c.metric)
            toks = metric_tokens(n)
            if n and toks:
                out.append((n, toks))
    for b in ctx.doc.blocks:  # qualitative items: "（6）提高园区承载能力。"
        if b.kind != "paragraph" or part_at(ctx, b.span[0]) != "target":
            continue
        for s, e in sentences(ctx.text, *b.span):
            n = clean_name(ctx.text[s:e])
            if 4 <= len(n) <= 30 and not _DIGIT.search(n):
                toks = metric_tokens(n)
                if len(toks) >= 2:
                    out.append((n, toks))
    return out
