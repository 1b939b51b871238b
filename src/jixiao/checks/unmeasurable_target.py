"""JX1401 绩效指标值无法衡量

检查内容
  应当量化的指标值写成了无法衡量的说法（"效果明显""进一步提高""有所改善""逐步完善"
  "显著提升"），没有数值：自评表中三级指标的"年度指标值"（指标值、目标值）单元格；正文里
  明确写出"指标值（目标值）为…"而所写内容含糊的；绩效目标一节（或"项目建设目标："这类
  段落）列出的目标中，本应量化的比率、数量写成"××率有所提高"的。
  数量、质量、时效、成本（产出）指标本应定量，报警告；效益、满意度指标允许定性表述，仅作提示。写了数值、"是/否"、"合格""按期完成"
  这类可判定的指标值不报。

为何重要
  指标值无法衡量，就无法判断是否完成，得分失去依据，也是财政部门复核时最常指出的绩效目标
  设置问题（"未通过清晰、可衡量的指标值予以体现"）。

应报示例
  自评表"产出指标｜数量指标｜培训人数｜年度指标值：有所提高"；正文"服务水平年初指标值为
  进一步提高"。

不报示例
  "年度指标值：≥95%"；"是"；"按期完成"；"合格"；实际完成值写"效果明显"（那是完成情况，
  不是指标值）。

依据
  财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）第十七条：绩效指标应细化、量化，
  难以量化的定性指标应可衡量、可考核。
"""
from __future__ import annotations

import regex as re

from ..model import Table
from .base import Context, rule

# comparative or vague wording with no figure
_DIGIT = re.compile(r"\d")
_SENTENCE_BREAK = re.compile(r"[。；;\n]")
_NAME_BREAK = re.compile(r"[：:，,]")
_CLAUSE = re.compile(r"[^，,。；;：:]+")
_VAGUE = re.compile(
    r"(?:进一步|有所|逐步|不断|持续|稳步|大幅|明显|显著|大力|全面|切实|有效)(?:提高|提升|改善|完善|加强|增加|增强|下降|降低|减少|优化|规范|推进)"
    r"|效果(?:明显|显著|良好|较好)|成效(?:明显|显著)|(?:明显|显著|较大|一定)(?:提高|提升|改善|成效|效果)"
    r"|得到(?:提高|提升|改善|加强|增强)|较好|良好|较高|较大|一定程度"
)
_HARD = ("数量", "质量", "时效", "成本")
_TEXT_TARGET = re.compile(
    r"(?P<label>(?:年度|年初|预期)?(?:指标值|目标值))\s*(?:为|是|[:：])?\s*(?P<val>[^，,。；;\n]{2,20})")


# a measurable quantity (a rate, a count, a level) followed by vague wording, in a 绩效目标 list:
# "农业主推技术到位率有所提高"
_GOAL_CLAUSE = re.compile(
    r"^(?P<metric>[^，,。；;：:\d]{2,24}?(?:率|(?<![力程难态角温幅])度|人次|人数|户数|个数|次数|数量|产量|面积|规模|收入|指数))"
    r"(?:要|将|应)?\s*(?P<val>\S{2,12})$")
# a paragraph led by a target label: "项目建设目标：…"
_GOAL_LABEL = re.compile(r"^[^，,。；;：:]{0,12}目标\s*[:：]")
_GOAL_SECTION = re.compile(r"目标")
_NOT_GOAL_SECTION = re.compile(r"实现|完成|情况分析|自评|结论|问题|措施")
_HARD_GOAL = ("产出", "数量", "质量", "时效", "成本")


def _kind(*labels: str | None) -> str:
    joined = "".join(x for x in labels if x)
    return "hard" if any(w in joined for w in _HARD) else "soft"


def _vague(value: str | None) -> bool:
    return bool(value) and not _DIGIT.search(value) and bool(_VAGUE.search(value))


_TABLE = ("项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
          "产出指标\t数量指标\t培训人数\t{a}\t520人\t10\t10\n"
          "效益指标\t社会效益指标\t群众生活条件\t{b}\t{b}\t10\t10\n")


@rule("JX1401", "unmeasurable-target", category="vague-target", severity="warning",
      fire=[_TABLE.format(a="有所提高", b="≥90%"),
            _TABLE.format(a="≥500人", b="效果明显"),
            "一、绩效目标完成情况\n1.产出数量指标：培训覆盖面年初指标值为进一步提高，全年实际完成值为覆盖12个乡镇。\n",
            "一、部门整体支出绩效目标\n1.产出目标：举办培训不少于40期。\n2.效益目标：病虫害危害损失率控制在5%以内；农业主推技术到位率有所提高。\n"],
      nofire=[_TABLE.format(a="≥500人", b="≥90%"),
              _TABLE.format(a="是", b="按期完成"),
              "一、绩效目标完成情况\n社会效益指标：服务水平有所提高，年初指标值为≥85%，实际完成值为100%。\n",
              "一、部门整体支出绩效目标\n2.效益目标：农业主推技术到位率不低于95%；进一步提高农民科学种田水平。\n"
              "二、绩效目标实现情况\n农业主推技术到位率有所提高，达到96.5%。\n"])
def check(ctx: Context):
    doc = ctx.doc
    seen: set[tuple[int, int]] = set()
    for ind in ctx.tagging.indicators:
        if ind.source != "table" or not _vague(ind.target_text):
            continue
        span = _target_cell(doc, ind)
        if span is None or span in seen:
            continue
        seen.add(span)
        hard = _kind(ind.level2, ind.level1, ind.name) == "hard"
        level = ind.level2 or ind.level1 or "该"
        yield _hit(ctx, ind.name, ind.target_text, span, level, hard)
    for m in _TEXT_TARGET.finditer(ctx.text):
        val = m.group("val").strip()
        if not _vague(val):
            continue
        block = doc.block_at(m.start())
        if block is None or isinstance(block, Table) or getattr(block, "is_toc", False):
            continue
        s = m.start("val") + (len(m.group("val")) - len(m.group("val").lstrip()))
        span = (s, s + len(val))
        if span in seen:
            continue
        seen.add(span)
        before = ctx.text[max(block.span[0], m.start() - 40):m.start()]
        sentence = _SENTENCE_BREAK.split(before)[-1]
        level = next((w + "指标" for w in ("数量", "质量", "时效", "成本", "效益", "满意度") if w in sentence), "该")
        name = _NAME_BREAK.split(sentence)[-1].strip() or m.group("label")
        yield _hit(ctx, name, val, span, level, _kind(sentence) == "hard")
    yield from _goal_clauses(ctx, seen)


def _goal_clauses(ctx: Context, seen):
    """Targets listed in a 绩效目标 section whose value is vague: "…到位率有所提高"."""
    doc = ctx.doc
    for b in doc.paragraphs:
        if b.is_toc:
            continue
        titles = _path_titles(doc, b.span[0]).split("/")
        goal = max((i for i, t in enumerate(titles) if _GOAL_SECTION.search(t)), default=None)
        text = b.text
        label = _GOAL_LABEL.match(text) if b.heading is None else None
        if label is not None and not _NOT_GOAL_SECTION.search(label.group()):
            start = label.end()
            titles.append(label.group().rstrip(":： "))
        elif goal is None or any(_NOT_GOAL_SECTION.search(t) for t in titles[goal:]):
            continue
        else:
            start = b.heading.span[1] - b.span[0] if b.heading is not None else 0
        path = "/".join(titles)
        for m in _CLAUSE.finditer(text[start:]):
            clause = m.group().strip()
            g = _GOAL_CLAUSE.match(clause)
            if not g or not _vague(g.group("val")) or _VAGUE.match(clause):
                continue
            off = b.span[0] + start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            span = (off + g.start("val"), off + g.end("val"))
            if span in seen:
                continue
            seen.add(span)
            where = path + ("/" + b.heading.title if b.heading is not None else "")
            hard = any(w in where.rsplit("/", 1)[-1] for w in _HARD_GOAL)
            level = next((w + "目标" for w in ("产出", "效益", "满意度") if w in where), "绩效目标")
            yield _hit(ctx, g.group("metric").strip(), g.group("val"), span, level, hard)


def _path_titles(doc, offset: int) -> str:
    return "/".join(s.heading.title for s in doc.section_chain(offset) if s.heading is not None)


def _hit(ctx: Context, name: str, value: str, span, level: str, hard: bool):
    if hard:
        msg = f"{level}“{name}”的指标值“{value}”无法衡量，应填写具体数值（数量、比率或期限）。"
    else:
        msg = f"{level}“{name}”的指标值“{value}”为定性表述，难以考核，宜给出可衡量的标准。"
    return ctx.hit(msg, [span], severity=None if hard else "info",
                   suggestion="将指标值改为“≥××人”“≥××%”“××月底前完成”等可考核的表述。",
                   message_en=f"The target “{value}” of indicator “{name}” cannot be measured; state a figure.")


def _target_cell(doc, ind):
    """The span of the indicator's 指标值 cell (the row's cell holding its target text)."""
    loc = ind.location
    if loc is None or loc.table is None or loc.row is None:
        return None
    t = next((t for t in doc.tables if t.table_no == loc.table), None)
    if t is None:
        return None
    for cell in t.rows[loc.row]:
        if cell.origin is None and cell.text.strip() == (ind.target_text or "").strip():
            return cell.span
    return None
