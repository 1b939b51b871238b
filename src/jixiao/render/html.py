"""HTML view of checked reports (`jixiao check --format html`): one self-contained page, inline CSS
and JS, no network. The report text and tables as read, every claim underlined by role, every
finding highlighted on its evidence and listed beside the text with severity/category filters.

Text is cut into segments at every claim and evidence boundary, so overlapping marks (a claim
inside an evidence span, two findings on one figure) give segments that each carry a set of marks.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from html import escape
from pathlib import PurePath

from ..model import Claim, Document, Finding, Paragraph, Table
from .context import CATEGORY_ZH, message, where
from .html_assets import CSS, JS
from .text import ROLE_ZH, SEVERITY_EN, SEVERITY_ZH

__all__ = ["render_html"]

SEVERITIES = ("error", "warning", "info")
ROLES = ("target", "actual", "budget", "expenditure", "rate", "weight", "score", "grade", "count", "other")
ROLE_EN = {"target": "Target", "actual": "Actual", "budget": "Budget", "expenditure": "Expenditure",
           "rate": "Rate", "weight": "Weight", "score": "Score", "grade": "Grade", "count": "Count",
           "other": "Other"}
_CMP = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "~": "约"}

_UI = {
    "zh": {
        "app": "绩效自评报告审核", "findings": "审核发现", "severity": "严重程度", "category": "类别",
        "expected": "应为", "suggestion": "建议", "chars": "字符", "pages": "页", "tables": "个表格",
        "headings": "个标题", "claims": "项数字声明", "format": "格式", "legend": "数字声明（下划线）",
        "shown": "显示 {n} / {total} 项", "none": "未发现问题。", "filtered_out": "没有符合筛选条件的发现。",
        "table": "表", "page": "第 {n} 页", "reports": "报告", "evidence": "证据", "all": "全选",
        "no_evidence": "无定位", "hint": "点击发现可定位到原文中的全部相关数字",
    },
    "en": {
        "app": "Performance self-evaluation review", "findings": "Findings", "severity": "Severity",
        "category": "Category", "expected": "Expected", "suggestion": "Suggestion", "chars": "chars",
        "pages": "pages", "tables": "tables", "headings": "headings", "claims": "claims", "format": "Format",
        "legend": "Claims (underlined)", "shown": "Showing {n} of {total}", "none": "No findings.",
        "filtered_out": "No finding matches the filters.", "table": "Table ", "page": "Page {n}",
        "reports": "Reports", "evidence": "Evidence", "all": "All", "no_evidence": "no location",
        "hint": "Click a finding to show every figure it names",
    },
}
_SEV_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def render_html(reports: list, *, lang: str = "zh") -> str:
    """One complete HTML document for one or several checked reports (one section each)."""
    lang = "en" if lang == "en" else "zh"
    ui = _UI[lang]
    reports = list(reports)
    sections = [_report_section(r, i, lang, hidden=i > 0) for i, r in enumerate(reports)]
    title = ui["app"]
    if len(reports) == 1:
        title = f"{PurePath(reports[0].document.source).name} · {title}"
    tabs = _switcher(reports, lang) if len(reports) > 1 else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="jixiao">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f'<header class="app-bar"><div class="brand"><span class="logo" aria-hidden="true">绩</span>'
        f'{escape(ui["app"])}<span class="tool">jixiao</span></div>{tabs}</header>\n'
        + "\n".join(sections)
        + '\n<div id="jx-tip" class="tip" role="tooltip" hidden></div>\n'
        f"<script>\n{JS}\n</script>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- marks and segments


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # claim | ev
    key: str  # claim id, or "<finding id>:<evidence index>"
    finding: str = ""  # finding id (ev)
    tag: str = ""  # role (claim) or severity (ev)


def _marks(report) -> list[_Mark]:
    n = len(report.document.text)
    out = []
    for c in report.claims:
        a, b = _clamp(c.span, n)
        if b > a:
            out.append(_Mark(a, b, "claim", c.id, tag=c.role if c.role in ROLES else "other"))
    for f in report.findings:
        for i, e in enumerate(f.evidence):
            a, b = _clamp(e.span, n)
            out.append(_Mark(a, b, "ev", f"{f.id}:{i}", f.id, f.severity))
    return out


def _clamp(span, n: int) -> tuple[int, int]:
    a, b = int(span[0]), int(span[1])
    a = max(0, min(a, n))
    return a, max(a, min(b, n))


def _containers(doc: Document) -> list[tuple[int, int]]:
    """Every stretch of text the page shows (paragraphs and non-empty cells), in text order."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.append(b.span)
        else:
            out.extend(c.span for row in b.rows for c in row if c.origin is None and c.span[1] > c.span[0])
    return sorted(out)


def _assign(marks: list[_Mark], containers: list[tuple[int, int]]) -> dict[tuple[int, int], list[_Mark]]:
    """The marks each container shows. A mark that covers no shown character (empty, or only
    separators between blocks) becomes an empty anchor at the nearest following shown position."""
    starts = [s for s, _ in containers]
    by: dict[tuple[int, int], list[_Mark]] = {c: [] for c in containers}
    for m in marks:
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        hit = False
        for s, e in containers[i:]:
            if s >= m.end:
                break
            if e > m.start and s < m.end and m.end > m.start:
                by[(s, e)].append(m)
                hit = True
        if not hit and containers:
            j = bisect.bisect_left(starts, m.start)
            if i < len(containers) and containers[i][0] <= m.start < containers[i][1]:
                pos, box = m.start, containers[i]
            elif j < len(containers):
                pos, box = containers[j][0], containers[j]
            else:
                pos, box = containers[-1][1], containers[-1]
            by[box].append(_Mark(pos, pos, m.kind, m.key, m.finding, m.tag))
    return by


def _segments(text: str, s: int, e: int, marks: list[_Mark]) -> str:
    """Escaped HTML of text[s:e], cut at every mark boundary; marked pieces wrapped in a span."""
    if not marks:
        return escape(text[s:e])
    cuts = sorted({s, e} | {min(max(p, s), e) for m in marks for p in (m.start, m.end)})
    anchors: dict[int, list[_Mark]] = {}
    for m in marks:
        if m.start == m.end:
            anchors.setdefault(m.start, []).append(m)
    out = []
    for x, y in zip(cuts, cuts[1:]):
        out.extend(_seg([a], "") for a in anchors.pop(x, []))
        active = [m for m in marks if m.start <= x and m.end >= y and m.end > m.start]
        piece = escape(text[x:y])
        out.append(_seg(active, piece) if active else piece)
    for group in anchors.values():
        out.extend(_seg([a], "") for a in group)
    return "".join(out)


def _seg(active: list[_Mark], inner: str) -> str:
    claims = [m for m in active if m.kind == "claim"]
    evs = [m for m in active if m.kind == "ev"]
    cls = ["m"]
    attrs = []
    if claims:
        cls += ["cl", f"r-{claims[0].tag}"]
        attrs.append(f'data-c="{escape(" ".join(m.key for m in claims))}"')
    if evs:
        sev = min((m.tag for m in evs), key=lambda t: _SEV_ORDER.get(t, 9))
        cls += ["fx", f"s-{sev}"]
        fids = list(dict.fromkeys(m.finding for m in evs))
        attrs.append(f'data-f="{escape(" ".join(fids))}"')
        attrs.append(f'data-ev="{escape(" ".join(m.key for m in evs))}"')
    if not inner:
        cls.append("anchor")
    return f'<span class="{" ".join(cls)}" {" ".join(attrs)}>{inner}</span>'


# --------------------------------------------------------------------------- the document pane


def _document_html(report, lang: str) -> str:
    doc: Document = report.document
    ui = _UI[lang]
    by = _assign(_marks(report), _containers(doc))
    text = doc.text
    out = []
    page = None
    for b in doc.blocks:
        if b.loc.page is not None and b.loc.page != page:
            if page is not None:
                out.append(f'<div class="page-break"><span>{escape(ui["page"].format(n=b.loc.page))}</span></div>')
            page = b.loc.page
        if isinstance(b, Paragraph):
            inner = _segments(text, *b.span, by.get(b.span, []))
            cls = " toc" if b.is_toc else ""
            if b.heading is None and b.index < 5 and doc.title and b.text.strip() == doc.title.strip():
                out.append(f'<h1 class="hd lv0" data-b="{b.index}">{inner}</h1>')
            elif b.heading is not None:
                lv = b.heading.level
                tag = "h1" if lv <= 0 else f"h{min(lv + 1, 6)}"
                out.append(f'<{tag} class="hd lv{max(lv, 0)}{cls}" data-b="{b.index}">{inner}</{tag}>')
            else:
                out.append(f'<p class="para{cls}" data-b="{b.index}">{inner}</p>')
        elif isinstance(b, Table):
            out.append(_table_html(b, text, by, ui))
    return "\n".join(out)


def _table_html(t: Table, text: str, by: dict, ui: dict) -> str:
    """A real HTML table; merged regions as laid out by the cells' origins (rowspan/colspan)."""
    caption = f'{ui["table"]}{t.table_no + 1}' + (f" · {escape(t.title)}" if t.title else "")
    rows = []
    for r, row in enumerate(t.rows):
        cells = [f'<th class="rn" scope="row">{r + 1}</th>']
        for c, cell in enumerate(row):
            if cell.origin is not None:
                continue
            colspan = 1
            while c + colspan < len(row) and row[c + colspan].origin == (r, c):
                colspan += 1
            rowspan = 1
            while (r + rowspan < len(t.rows) and c < len(t.rows[r + rowspan])
                   and t.rows[r + rowspan][c].origin == (r, c)):
                rowspan += 1
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            if cell.span[1] > cell.span[0]:
                inner = _segments(text, *cell.span, by.get(cell.span, []))
                cells.append(f'<td{attrs} data-rc="{r},{c}">{inner}</td>')
            else:
                cells.append(f'<td{attrs} class="empty" data-rc="{r},{c}"></td>')
        first = ' class="first"' if r == 0 else ""
        rows.append(f'<tr{first}>{"".join(cells)}</tr>')
    toc = " toc" if t.is_toc else ""
    return (f'<figure class="tbl-wrap{toc}" data-b="{t.index}" data-t="{t.table_no}">'
            f'<figcaption>{caption}<span class="dim"> · {t.n_rows}×{t.n_cols}</span></figcaption>'
            f'<div class="tbl-scroll"><table class="tbl"><tbody>{"".join(rows)}</tbody></table></div></figure>')


# --------------------------------------------------------------------------- header, findings, data


def _report_section(report, i: int, lang: str, *, hidden: bool) -> str:
    doc: Document = report.document
    ui = _UI[lang]
    sid = f"r{i}"
    return (
        f'<section class="report" id="{sid}" data-report="{i}"{" hidden" if hidden else ""}>\n'
        f"{_report_head(report, lang)}\n"
        f'<div class="split">\n<main class="doc-pane" aria-label="{escape(PurePath(doc.source).name)}">'
        f'{_legend(report, lang)}<article class="paper">\n{_document_html(report, lang)}\n</article></main>\n'
        f'<aside class="side" aria-label="{escape(ui["findings"])}">{_side(report, sid, lang)}</aside>\n</div>\n'
        f'<script type="application/json" class="jx-data">{_json_for_script(_data(report, lang))}</script>\n'
        "</section>"
    )


def _report_head(report, lang: str) -> str:
    doc: Document = report.document
    ui = _UI[lang]
    name = PurePath(doc.source).name
    meta = [f'<span class="fmt">{escape(doc.format.upper())}</span>',
            f"{len(doc.text)} {ui['chars']}"]
    if doc.pages:
        meta.append(f"{doc.pages} {ui['pages']}")
    meta += [f"{len(doc.headings)} {ui['headings']}", f"{len(doc.tables)} {ui['tables']}",
             f"{len(report.claims)} {ui['claims']}"]
    counts = _summary(report)
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    pills = "".join(f'<span class="pill s-{s}"><b>{counts[s]}</b> '
                    f'{escape(plural[s] if lang == "en" else _sev_name(s, lang))}</span>' for s in SEVERITIES)
    title = f'<div class="doc-title">{escape(doc.title)}</div>' if doc.title else ""
    return (f'<div class="report-head"><div class="file"><h1 class="fname" title="{escape(doc.source)}">'
            f'{escape(name)}</h1>{title}<div class="meta">{" · ".join(meta)}'
            f'<span class="path" title="{escape(doc.source)}">{escape(doc.source)}</span></div></div>'
            f'<div class="summary" aria-label="summary">{pills}</div></div>')


def _legend(report, lang: str) -> str:
    ui = _UI[lang]
    counts: dict[str, int] = {}
    for c in report.claims:
        role = c.role if c.role in ROLES else "other"
        counts[role] = counts.get(role, 0) + 1
    if not counts:
        return ""
    items = "".join(
        f'<label class="lg r-{r}"><input type="checkbox" checked data-role="{r}">'
        f'<span class="sw"></span>{escape(_role_name(r, lang))} <b>{counts[r]}</b></label>'
        for r in ROLES if r in counts)
    return f'<div class="legend"><span class="lg-title">{escape(ui["legend"])}</span>{items}</div>'


def _side(report, sid: str, lang: str) -> str:
    ui = _UI[lang]
    doc = report.document
    findings = sorted(report.findings, key=lambda f: (_SEV_ORDER.get(f.severity, 9), _first(f)))
    counts = _summary(report)
    cats: dict[str, int] = {}
    for f in findings:
        cats[f.category] = cats.get(f.category, 0) + 1
    sev_chips = "".join(
        f'<label class="chip s-{s}"><input type="checkbox" checked data-filter="sev" value="{s}">'
        f'<span class="dot"></span>{escape(_sev_name(s, lang))}<b>{counts[s]}</b></label>' for s in SEVERITIES)
    order = list(CATEGORY_ZH)
    cat_chips = "".join(
        f'<label class="chip cat"><input type="checkbox" checked data-filter="cat" value="{escape(c)}">'
        f'{escape(_cat_name(c, lang))}<b>{cats[c]}</b></label>'
        for c in sorted(cats, key=lambda c: (order.index(c) if c in order else len(order), c)))
    cards = "\n".join(_card(f, doc, sid, lang) for f in findings)
    total = len(findings)
    empty = (f'<p class="empty-state">{escape(ui["none"])}</p>' if not findings else
             f'<p class="empty-state filtered" hidden>{escape(ui["filtered_out"])}</p>')
    filters = "" if not findings else (
        f'<div class="hint">{escape(ui["hint"])}</div>'
        f'<div class="fgroup" data-group="sev"><span class="flabel">{escape(ui["severity"])}</span>{sev_chips}</div>'
        f'<div class="fgroup" data-group="cat"><span class="flabel">{escape(ui["category"])}</span>{cat_chips}'
        f'<button type="button" class="all-cats">{escape(ui["all"])}</button></div>'
        f'<div class="shown" data-template="{escape(ui["shown"])}" data-total="{total}">'
        f'{escape(ui["shown"].format(n=total, total=total))}</div>')
    return (f'<div class="side-head"><h2>{escape(ui["findings"])} <span class="total">{total}</span></h2>{filters}</div>'
            f'<ol class="flist">\n{cards}\n</ol>{empty}')


def _card(f: Finding, doc: Document, sid: str, lang: str) -> str:
    ui = _UI[lang]
    rule_title = _rule_title(f.rule, lang)
    chips = []
    for i, e in enumerate(f.evidence):
        label = e.text.strip() or "¶"
        chips.append(f'<button type="button" class="ev-chip" data-ev="{escape(f"{f.id}:{i}")}" '
                     f'title="{escape(_where(doc, e.span[0]))}">{escape(_short(label, 24))}</button>')
    loc = _where(doc, f.evidence[0].span[0]) if f.evidence else ui["no_evidence"]
    conf = "" if f.confidence is None else (
        f'<span class="conf" title="{"likelihood an auditor confirms it (triage model)" if lang == "en" else "审核人员确认此问题的可能性（分诊模型）"}">'
        f'{"confidence" if lang == "en" else "可信度"} {f.confidence:.0%}</span>')
    extra = ""
    if f.expected:
        extra += f'<div class="kv"><span class="k">{escape(ui["expected"])}</span><span class="v">{escape(f.expected)}</span></div>'
    if f.suggestion:
        extra += f'<div class="kv"><span class="k">{escape(ui["suggestion"])}</span><span class="v">{escape(f.suggestion)}</span></div>'
    return (
        f'<li class="finding s-{escape(f.severity)}" id="{sid}-{escape(f.id)}" data-fid="{escape(f.id)}" '
        f'data-sev="{escape(f.severity)}" data-cat="{escape(f.category)}" data-n="{len(f.evidence)}" '
        f'tabindex="0" role="button" aria-pressed="false">'
        f'<div class="f-top"><span class="badge s-{escape(f.severity)}">{escape(_sev_name(f.severity, lang))}</span>'
        f'<span class="code">{escape(f.rule)}</span><span class="rtitle">{escape(rule_title)}</span>{conf}</div>'
        f'<div class="msg">{escape(message(f, lang))}</div>{extra}'
        f'<div class="f-foot"><span class="catname">{escape(_cat_name(f.category, lang))}</span>'
        f'<span class="loc">{escape(loc)}</span></div>'
        + (f'<div class="evs"><span class="k">{escape(ui["evidence"])}</span>{"".join(chips)}</div>' if chips else "")
        + "</li>"
    )


def _data(report, lang: str) -> dict:
    """What the page script needs for tooltips: claims and findings by id."""
    claims = {c.id: [_role_name(c.role, lang), c.metric or "", _claim_value(c), c.text] for c in report.claims}
    findings = {f.id: [f.severity, f.rule, _sev_name(f.severity, lang), message(f, lang)] for f in report.findings}
    return {"claims": claims, "findings": findings}


def _json_for_script(data: dict) -> str:
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _switcher(reports: list, lang: str) -> str:
    ui = _UI[lang]
    tabs = []
    for i, r in enumerate(reports):
        s = _summary(r)
        counts = "".join(f'<span class="tc s-{k}">{s[k]}</span>' for k in SEVERITIES if s[k]) \
            or '<span class="tc ok" aria-label="0">✓</span>'
        tabs.append(f'<button type="button" class="tab" role="tab" data-target="r{i}" '
                    f'aria-selected="{"true" if i == 0 else "false"}" title="{escape(r.document.source)}">'
                    f'{escape(PurePath(r.document.source).name)}{counts}</button>')
    return f'<nav class="tabs" role="tablist" aria-label="{escape(ui["reports"])}">{"".join(tabs)}</nav>'


# --------------------------------------------------------------------------- small helpers


def _summary(report) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def _first(f: Finding) -> int:
    return min((e.span[0] for e in f.evidence), default=1 << 60)


def _where(doc: Document, offset: int) -> str:
    try:
        return where(doc, max(0, min(offset, max(len(doc.text) - 1, 0))))
    except Exception:  # a location is a convenience; never fail the page for it
        return ""


def _sev_name(s: str, lang: str) -> str:
    return (SEVERITY_EN if lang == "en" else SEVERITY_ZH).get(s, s)


def _role_name(r: str, lang: str) -> str:
    return (ROLE_EN if lang == "en" else ROLE_ZH).get(r, r)


def _cat_name(c: str, lang: str) -> str:
    return c if lang == "en" else CATEGORY_ZH.get(c, c)


def _rule_title(code: str, lang: str) -> str:
    try:
        from ..checks import get_rule
        r = get_rule(code)
    except Exception:
        r = None
    if r is None:
        return ""
    return r.name if lang == "en" else r.title


def _claim_value(c: Claim) -> str:
    if c.value is None:
        return c.text
    return f"{_CMP.get(c.comparator or '', '')}{c.value}{c.unit or ''}"


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
