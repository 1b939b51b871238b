"""What every renderer shows beside a finding: the sentence or table row each piece of evidence
sits in, with the evidence spans marked, and the finding's location in words."""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.relations import sentence_bounds
from ..model import Document, Finding, Paragraph, Table

MAX_CONTEXT = 160  # characters of a sentence shown around its evidence


@dataclass(frozen=True)
class Snippet:
    """A passage of Document.text (``span``) and the evidence spans inside it, relative to it."""

    text: str
    span: tuple[int, int]
    marks: tuple[tuple[int, int], ...]
    where: str  # 二、/（一） · 表3 第2行


def _row_span(t: Table, offset: int) -> tuple[int, int] | None:
    for row in t.rows:
        starts = [c.span for c in row if c.origin is None and c.span[1] > c.span[0]]
        if starts and starts[0][0] <= offset <= starts[-1][1]:
            return starts[0][0], starts[-1][1]
    return None


def passage(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The sentence (in a paragraph) or the row (in a table) around [start, end)."""
    block = doc.block_at(start)
    if isinstance(block, Table):
        return _row_span(block, start) or (start, end)
    s, e = sentence_bounds(doc.text, start)
    if e < end:
        e = sentence_bounds(doc.text, max(start, end - 1))[1]
    if e < len(doc.text) and doc.text[e] not in "\n":
        e += 1  # keep the sentence's own full stop
    if isinstance(block, Paragraph):
        s, e = max(s, block.span[0]), min(e, block.span[1])
    if e - s > MAX_CONTEXT:  # a very long sentence: a window around the evidence
        s = max(s, start - MAX_CONTEXT // 2)
        e = min(e, max(end, s + MAX_CONTEXT))
    return s, e


def where(doc: Document, offset: int) -> str:
    """The location of an offset in words: section path, table and row (1-based), page."""
    loc = doc.locate(offset)
    parts = [loc.section or "正文开头"]
    if loc.table is not None:
        parts.append(f"表{loc.table + 1}" + (f" 第{loc.row + 1}行" if loc.row is not None else ""))
    if loc.page:
        parts.append(f"第{loc.page}页")
    return " · ".join(parts)


def snippets(doc: Document, f: Finding) -> list[Snippet]:
    """One snippet per passage the finding's evidence sits in (evidence sharing a passage share it)."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for e in f.evidence:
        ps = passage(doc, *e.span)
        for key in list(out):
            if key[0] <= e.span[0] and e.span[1] <= key[1]:
                ps = key
                break
        out.setdefault(ps, []).append(e.span)
    result = []
    for (s, e), marks in sorted(out.items()):
        text, pos = _display(doc.text[s:e])
        rel = tuple(sorted((pos[max(a, s) - s], pos[min(b, e) - s]) for a, b in marks if b > s and a < e))
        result.append(Snippet(text, (s, e), rel, where(doc, s)))
    return result


def _display(raw: str) -> tuple[str, list[int]]:
    """``raw`` with cell tabs shown as " | " and trailing newlines dropped, and where each raw
    offset (0..len) lands in the shown text."""
    out, pos = [], []
    for ch in raw:
        pos.append(sum(map(len, out)) if not out else pos[-1] + len(out[-1]))
        out.append(" | " if ch == "\t" else ch)
    pos.append(pos[-1] + len(out[-1]) if out else 0)
    text = "".join(out)
    stripped = text.rstrip("\n")
    return stripped, [min(p, len(stripped)) for p in pos]


def message(f: Finding, lang: str = "zh") -> str:
    """The finding's message in ``lang`` (zh, or en when the check wrote one)."""
    return f.message_en if lang == "en" and f.message_en else f.message


# Chinese names of the finding categories (report schema v1, CATEGORIES.md), in catalogue order.
CATEGORY_ZH = {
    "target-not-met": "目标未达成",
    "unit-mismatch": "单位错误",
    "sum-mismatch": "合计不符",
    "value-conflict": "数据前后矛盾",
    "rate-mismatch": "比率计算不符",
    "score-mismatch": "评分不符",
    "grade-mismatch": "等级不符",
    "target-without-actual": "有目标无实际值",
    "budget-variance": "预算执行偏差",
    "implausible-value": "数值不合理",
    "date-inconsistent": "日期不一致",
    "numbering": "序号错误",
    "punctuation": "标点错误",
    "missing-section": "内容缺失",
    "vague-target": "目标不可衡量",
    "other": "其他",
}


def category_name(category: str, lang: str = "zh") -> str:
    """The category as a reader sees it: "目标未达成 target-not-met" (zh) or the code (en)."""
    zh = CATEGORY_ZH.get(category)
    return category if lang == "en" or not zh else f"{zh} {category}"
