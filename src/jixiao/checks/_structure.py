"""Shared helpers of the structure checks (JX1001–JX1401): heading classes and forms, sibling
groups, the report's type, year and whether the text looks like a whole report.

Private to the checks package; every result that costs a walk over the document is memoised
per document through ``ctx.memo``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex as re

from ..model import Document, Heading, Paragraph, Section
from ..sections import _CIRCLED, cn_to_int, parse_marker

# --------------------------------------------------------------------------- numerals

_CN = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 23 -> 二十三 (up to 99)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


# Heading families (sections.parse_marker) grouped by the numeral system *and* the place in the
# hierarchy they stand for. A sibling of another class is a numbering slip (JX1101: 3、 among
# 一、二、); a sibling of the same class written differently is a style slip (JX1102: （二） among
# (一)(三), 1． among 1. 2.).
CLASS_OF = {
    "cn": "cn", "cn_dot": "cn",
    "paren_cn": "paren_cn",
    "arabic": "arabic", "arabic_dot": "arabic",
    "paren_arabic": "paren_arabic", "arabic_rparen": "paren_arabic",
    "circled": "circled", "decimal": "decimal", "part": "part",
}
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇两]+|[0-9]+|[０-９]+|[" + _CIRCLED + "]")
_MIXED_PAIR = re.compile(r"\([^()（）]*）|（[^()（）]*\)")
_SPACE_RUN = re.compile(r"\s+")
_FULL_DIGIT = re.compile(r"[０-９]")
_SENTENCE_END = re.compile(r"[。；;]$")
_ATTACHMENT_LEAD = re.compile(r"\s*附\s*件|\s*附表")


def heading_class(h: Heading) -> str | None:
    return CLASS_OF.get(h.style or "")


def raw_number(doc: Document, h: Heading) -> str:
    """The heading's number as it stands in the source (before ．→. and full-width digits
    were normalised), without surrounding spaces."""
    p = doc.blocks[h.block]
    if not isinstance(p, Paragraph) or not h.number:
        return h.number
    try:
        start = p.offsets.to_raw(0)
        end = p.offsets.to_raw(len(h.number) - 1) + 1
    except (IndexError, AttributeError):
        return h.number
    raw = p.raw_text[start:end].strip()
    return raw or h.number


def template(number: str) -> str:
    """The form of a number with its numeral blanked: "(一)" -> "({})", "1．" -> "{}．",
    "１." -> "{Ｆ}." (full-width digits), spaces dropped."""
    s = _SPACE_RUN.sub("", number)
    m = _NUMERAL.search(s)
    if not m:
        return s
    mark = "{Ｆ}" if _FULL_DIGIT.match(m.group()) else "{}"
    return s[: m.start()] + mark + s[m.end():]


def has_mixed_brackets(number: str) -> bool:
    """"(二）" or "（1)": the number's own brackets differ in width (JX1202 reports those)."""
    return bool(_MIXED_PAIR.search(_SPACE_RUN.sub("", number)))


def numeral_for(cls: str, value: int, tmpl: str) -> str:
    """The number ``value`` written in class ``cls`` with form ``tmpl``."""
    if cls in ("cn", "paren_cn", "part"):
        num = cn_numeral(value)
    elif cls == "circled":
        num = _CIRCLED[value - 1] if 0 < value <= len(_CIRCLED) else str(value)
    else:
        num = str(value)
        if "{Ｆ}" in tmpl:
            num = "".join(chr(ord(d) + 0xFEE0) for d in num)
    return tmpl.replace("{Ｆ}", "{}").replace("{}", num, 1)


_DEFAULT_FORM = {"cn": "{}、", "paren_cn": "（{}）", "arabic": "{}.", "paren_arabic": "（{}）",
                 "circled": "{}", "part": "第{}部分"}


def preferred_forms(doc: Document, headings: list[Heading]) -> dict[str, str]:
    """Per class, the form most headings of the document use (well-formed ones only)."""
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, int]] = {}
    for i, h in enumerate(headings):
        cls = heading_class(h)
        if cls is None or cls == "decimal":
            continue
        raw = raw_number(doc, h)
        if has_mixed_brackets(raw):
            continue
        t = template(raw)
        counts.setdefault(cls, {}).setdefault(t, 0)
        counts[cls][t] += 1
        first.setdefault(cls, {}).setdefault(t, i)
    out = {}
    for cls, c in counts.items():
        out[cls] = max(c, key=lambda t: (c[t], -first[cls][t]))
    return out


def form_for(cls: str, forms: dict[str, str]) -> str:
    return forms.get(cls) or _DEFAULT_FORM.get(cls, "{}")


# --------------------------------------------------------------------------- sibling groups

_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")


def toc_zone(doc: Document) -> set[int]:
    cached = doc.__dict__.get("_jx_toc_zone")
    if cached is None:
        cached = doc.__dict__["_jx_toc_zone"] = _toc_zone(doc)
    return cached


def _toc_zone(doc: Document) -> set[int]:
    """Block indices of a table of contents the reader did not recognise (entries without page
    numbers after a "目录" line): from the first entry until the body restarts — at the next
    heading written like the first entry, or, when the first entry is not numbered 1 (a partial
    contents list), at the first heading numbered 1."""
    zone: set[int] = set()
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if not (isinstance(b, Paragraph) and _TOC_TITLE.match(b.text)):
            continue
        first: Heading | None = None
        for b2 in blocks[i + 1:]:
            if not isinstance(b2, Paragraph):
                break
            if b2.is_toc:
                continue
            h = b2.heading
            if h is None:
                if first is None and len(b2.text) <= 60:
                    continue
                break
            if first is None:
                first = h
                zone.add(b2.index)
                continue
            if first.value == 1 and h.style == first.style and h.value == 1:
                break
            if first.value != 1 and h.value == 1:
                break
            zone.add(b2.index)
    return zone


@dataclass
class Siblings:
    parent: Section  # root or a heading's section
    headings: list[Heading]  # numbered children, in order, outside any unrecognised contents list


def sibling_groups(doc: Document) -> list[Siblings]:
    zone = toc_zone(doc)
    out: list[Siblings] = []
    for s in doc.root.walk():
        hs = [c.heading for c in s.children
              if c.heading is not None and c.heading.number and c.heading.value is not None
              and c.heading.block not in zone]
        if hs:
            out.append(Siblings(s, hs))
    return out


def numbered_headings(doc: Document) -> list[Heading]:
    """Numbered headings in document order, outside any unrecognised contents list."""
    cached = doc.__dict__.get("_jx_numbered")
    if cached is None:
        zone = toc_zone(doc)
        cached = [h for h in doc.headings if h.number and h.value is not None and h.block not in zone]
        doc.__dict__["_jx_numbered"] = cached
    return cached


def class_runs(doc: Document) -> list[list[Heading]]:
    """Runs of headings of one class that count on (1. 2、 3.), whatever level the section tree
    gave them: a heading numbered one more than the run's last joins it when the two are siblings
    in the tree or when that last heading comes right before it (a style slip may have misled the
    tree); anything else starts a new run."""
    parent: dict[int, int] = {}
    for s in doc.root.walk():
        for c in s.children:
            if c.heading is not None:
                parent[id(c.heading)] = id(s)
    runs: list[list[Heading]] = []
    open_run: dict[str, list[Heading]] = {}
    prev: Heading | None = None
    for h in numbered_headings(doc):
        cls = heading_class(h)
        if cls is not None:
            run = open_run.get(cls)
            if run is not None and h.value == run[-1].value + 1 and (
                    parent.get(id(h)) == parent.get(id(run[-1])) or prev is run[-1]):
                run.append(h)
            else:
                run = [h]
                runs.append(run)
                open_run[cls] = run
        prev = h
    return runs


def previous_heading(doc: Document, h: Heading) -> Heading | None:
    """The numbered heading right before ``h`` in document order."""
    before = doc.__dict__.get("_jx_before")
    if before is None:
        hs = numbered_headings(doc)
        before = doc.__dict__["_jx_before"] = {id(b): a for a, b in zip([None] + hs[:-1], hs)}
    return before.get(id(h))


def text_between(doc: Document, a: int, b: int) -> str:
    return doc.text[a:b] if a < b else ""


# --------------------------------------------------------------------------- the report

@lru_cache(maxsize=1)
def outlines() -> dict:
    """resources/outlines.json: report types, their required parts and synonyms."""
    return json.loads(resources.files("jixiao.resources").joinpath("outlines.json").read_text(encoding="utf-8"))


_YEAR_TITLE = re.compile(r"(?<![\d\-－—~～至])(20\d{2})\s*年(?:度)?(?!\s*[\-－—~～至到]\s*20\d{2})")
_YEAR_RANGE = re.compile(r"20\d{2}\s*(?:年度?)?\s*[\-－—~～至到]\s*20\d{2}")
_REPORT_WORD = re.compile(r"(自评|评价|绩效)[^。，,；;]{0,20}(报告|表)|报告$")
_META_LINE = re.compile(r"(发布|印发|成文|更新|颁发|生效)(日期|时间)|索引号|发布机构|来源[:：]|source:", re.I)


@dataclass
class Title:
    text: str
    span: tuple[int, int]
    year: int | None


def report_title(doc: Document) -> Title | None:
    """The report's own title: an early short paragraph that names a 绩效 report or 自评表.
    Its year is the evaluated year when it names exactly one (not "2020-2022年度")."""
    for b in doc.blocks[:25]:
        if not isinstance(b, Paragraph) or b.is_toc:
            continue
        t = b.text
        if len(t) > 120 or _META_LINE.search(t) or not _REPORT_WORD.search(t):
            continue
        if _SENTENCE_END.search(t) or "小编" in t or _ATTACHMENT_LEAD.match(t):
            continue
        years = {int(m.group(1)) for m in _YEAR_TITLE.finditer(t)}
        year = None
        if len(years) == 1 and not _YEAR_RANGE.search(t):
            year = years.pop()
        return Title(t, b.span, year)
    return None


def report_kind(doc: Document) -> str | None:
    """"dept" (部门整体支出绩效自评报告), "project" (项目支出绩效自评报告) or None, from the title
    (and failing that the opening text), by the detection phrases of resources/outlines.json."""
    title = report_title(doc)
    head = title.text if title else doc.text[:300]
    for kind, spec in outlines()["types"].items():
        if any(w in head for w in spec["detect"]):
            return kind
    return None


def top_headings(doc: Document) -> list[Heading]:
    return [c.heading for c in doc.root.children if c.heading is not None and c.heading.number]


def looks_whole(doc: Document) -> bool:
    """Whether the text is a whole report rather than an excerpt: a report title, at least
    four numbered top-level parts starting from 1, and the length of a real report."""
    cfg = outlines()["whole_report"]
    if len(doc.text) < cfg["min_chars"]:
        return False
    if report_title(doc) is None:
        return False
    tops = [h for h in top_headings(doc) if heading_class(h) in ("cn", "part")]
    if len(tops) < cfg["min_top_headings"] or tops[0].value != 1:
        return False
    return ends_cleanly(doc)


_CLEAN_END = re.compile(r"[。！？!?”]\s*$")
# lines a report ends with: a date, an attachment or table name, the unit that signs it
_LAST_LINE = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*$|^\s*附\s*[件表]"
    r"|(?:表|报告|清单|材料|说明|明细)(?:[（(][^）)]{0,20}[）)])?\s*$"
    r"|^[^，,、；;。：:]{2,30}(?:局|委员会|委|办公室|办|厅|院|所|站|队|中心|部|处|室|馆|校|学|园|社|政府|公司|组)\s*$")


def ends_cleanly(doc: Document) -> bool:
    """Whether the text ends where a report ends (a table, a full stop, a short line such as a
    signature, a date or an attachment name) rather than mid-sentence, as excerpts do."""
    for b in reversed(doc.blocks):
        if not isinstance(b, Paragraph):
            return True
        if b.is_toc:
            continue
        t = b.text.strip()
        return bool(_CLEAN_END.search(t) or _LAST_LINE.search(t) or b.heading is not None)
    return False


def compact(s: str) -> str:
    """Text without spaces, for comparing titles across wrapped lines."""
    return _SPACE_RUN.sub("", s)


def unify_brackets(s: str) -> str:
    return s.replace("(", "（").replace(")", "）")


def marker_value(s: str) -> int | None:
    m = parse_marker(s)
    return m.value if m else None


__all__ = ["cn_numeral", "cn_to_int", "heading_class", "raw_number", "template", "has_mixed_brackets",
           "numeral_for", "preferred_forms", "form_for", "toc_zone", "Siblings", "sibling_groups",
           "outlines", "report_title", "report_kind", "looks_whole", "compact", "unify_brackets",
           "top_headings", "text_between", "marker_value", "Title", "numbered_headings", "class_runs",
           "previous_heading", "ends_cleanly"]
