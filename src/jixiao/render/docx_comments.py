"""Word comments (批注) on the flagged text: ``jixiao check report.docx --annotate out.docx``.

A .docx input is copied as it is, with one comment per finding anchored on the exact words of
its first evidence; evidence away from it (another sentence or table row) gets a short companion
comment ("【相关】"). Runs are split only where an anchor starts or ends, every part keeping the
run's properties (rPr); the reviewer's own comments stay.

Spans of Document.text are mapped back to the source by running the docx reader itself over the
document tree python-docx loaded, recording which ``w:r`` produced each character of each
paragraph (automatic numbers, nested tables and the like produce characters no run holds).

Any other input (pdf, txt, md, html, xlsx, or a .docx changed since it was checked) becomes a
new .docx of the normalised text: headings as Word headings, paragraphs, tables, with the same
comments.
"""
from __future__ import annotations

import bisect
import contextlib
import copy
import hashlib
from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from ..checks import get_rule
from ..errors import JixiaoError
from ..model import Cell, Document, Finding, Paragraph, Table
from ..normalize import normalize
from ..readers import docx as rd
from ..readers._zip import open_zip
from .context import category_name, message, passage
from .text import SEVERITY_EN, SEVERITY_ZH

AUTHOR = "jixiao"
INITIALS = "JX"
MAX_RELATED = 5  # companion comments per finding, on evidence away from the first
MAX_LISTED = 8  # evidence texts listed in a comment
RELATED_ZH, RELATED_EN = "【相关】", "[Related]"

# containers in which a comment range marker may stand beside a run
_RUN_PARENTS = frozenset(rd._w(t) for t in (
    "p", "hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdtContent", "dir", "bdo"))

Pos = tuple  # (w:r element, unit index in that run, or None when the run cannot be split)
Locate = Callable[[int], Pos | None]


# --------------------------------------------------------------------------- entry point


def annotate(report, out_path: str | Path, *, lang: str = "zh") -> Path:
    """Write ``out_path``: the report's .docx (or a .docx of its text) with a comment per finding.
    Raises JixiaoError when the file cannot be written."""
    doc: Document = report.document
    built = _open_original(doc) if doc.format == "docx" else None
    if built is None:
        built = _rebuild(doc, lang)
    wd, locate, span = built
    anchors = _Anchors(wd, locate, doc.text, span)
    for f in report.findings:
        spans = [e.span for e in f.evidence] or [(0, 0)]
        anchors.comment(spans[0], comment_text(f, lang))
        seen = [_passage(doc, spans[0])]  # evidence beside a comment needs no comment of its own
        for i, span in enumerate(spans[1:], start=2):
            if len(seen) > MAX_RELATED:
                break
            if any(a <= span[0] and span[1] <= b for a, b in seen):
                continue
            anchors.comment(span, related_text(f, i, len(spans), lang), fallback=False)
            seen.append(_passage(doc, span))
    out = Path(out_path)
    try:
        wd.save(str(out))
    except OSError as e:
        raise JixiaoError(f"无法写入带批注的文档 {out}", f"cannot write the annotated copy {out} ({e.strerror or e})")
    return out


def _passage(doc: Document, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence or table row around a span (what a reader sees beside its comment)."""
    try:
        return passage(doc, *span)
    except Exception:  # noqa: BLE001 - a span outside the text: just the span
        return span


def comment_text(f: Finding, lang: str = "zh") -> str:
    """The comment on a finding's first evidence: severity and message, rule and category,
    the figures involved, what was expected and a suggestion (one line each)."""
    rule = get_rule(f.rule)
    shown = [e.text for e in f.evidence[:MAX_LISTED]]
    listed = "、".join(_short(t, 30) for t in shown) + ("……" if len(f.evidence) > MAX_LISTED else "")
    if lang == "en":
        lines = [f"[{SEVERITY_EN.get(f.severity, f.severity)}] {message(f, 'en')}",
                 f"Rule {f.rule} · category {category_name(f.category, 'en')}"]
        if len(f.evidence) > 1:
            lines.append(f"Evidence: {listed}")
        if f.expected:
            lines.append(f"Expected: {f.expected}")
        if f.suggestion:
            lines.append(f"Suggestion: {f.suggestion}")
    else:
        title = f" {rule.title}" if rule and rule.title else ""
        lines = [f"【{SEVERITY_ZH.get(f.severity, f.severity)}】{f.message}",
                 f"规则 {f.rule}{title} · 类别 {category_name(f.category)}"]
        if len(f.evidence) > 1:
            lines.append(f"涉及：{listed}")
        if f.expected:
            lines.append(f"应为：{f.expected}")
        if f.suggestion:
            lines.append(f"建议：{f.suggestion}")
    return "\n".join(lines)


def related_text(f: Finding, i: int, n: int, lang: str = "zh") -> str:
    """The short companion comment on evidence ``i`` of ``n`` (1-based) beyond the first."""
    if lang == "en":
        return f"{RELATED_EN} {f.rule} {_short(message(f, 'en'), 40)} (evidence {i}/{n})"
    return f"{RELATED_ZH}{f.rule} {_short(f.message, 40)}（证据 {i}/{n}）"


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- anchoring


class _Anchors:
    """Places comment ranges, splitting runs at anchor boundaries (each split once)."""

    def __init__(self, wd, locate: Locate, text: str, span=None):
        self.wd = wd
        self.text = text
        self.locate = locate
        self.span = span  # (s, e) -> (first Pos, last Pos) | None: a sharper locate for one span
        self.segments: dict = {}  # original w:r -> [(first unit, element)], in order
        self.units: dict = {}  # original w:r -> its number of units before any split

    def comment(self, span: tuple[int, int], text: str, *, fallback: bool = True) -> bool:
        """Add a comment on ``span`` of Document.text; False when nothing could carry it."""
        s, e = span
        e = max(e, s + 1)
        found = self.span(s, e) if self.span is not None else None
        if found is not None:
            start, end = found
        else:
            start = next((p for p in map(self.locate, range(s, e)) if p is not None), None)
            end = next((p for p in map(self.locate, range(e - 1, s - 1, -1)) if p is not None), None)
        if start is None or end is None:
            if not fallback:
                return False
            first = last = self._fallback_run(s, e)
        else:
            first = self._start_at(*start)  # boundaries are in original units: order is free
            last = self._end_at(*end)
        if first is None:
            return False
        first, last = _promote(first), _promote(last)
        if first is not last and _doc_index(last) < _doc_index(first):
            last = first  # a range must not end before it starts
        if first.tag == rd.R and last.tag == rd.R:
            self.wd.add_comment([Run(first, self.wd), Run(last, self.wd)], text=text,
                                author=AUTHOR, initials=INITIALS)
        else:
            c = self.wd.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
            _mark(first, last, c.comment_id)
        return True

    def _fallback_run(self, s: int, e: int):
        """The run nearest [s, e) when no run holds the evidence itself (an automatic number):
        first what follows it in its paragraph or cell, then what precedes it."""
        stop = self.text.find("\n", e)
        stop = len(self.text) if stop < 0 else stop
        tab = self.text.find("\t", e)
        if 0 <= tab < stop:
            stop = tab
        for o in [*range(e, stop), *range(s - 1, max(s - 200, 0) - 1, -1)]:
            p = self.locate(o)
            if p is not None:
                return self._start_at(p[0], None)
        return next(self.wd.element.body.iter(rd.R), None)

    def _segs(self, run) -> list:
        if run not in self.segments:
            self.segments[run] = [(0, run)]
            self.units[run] = len(_run_units(run))
        return self.segments[run]

    def _boundary(self, run, k: int):
        """Make unit ``k`` of original run ``run`` start an element; return that element."""
        segs = self._segs(run)
        i = bisect.bisect_right([s for s, _ in segs], k) - 1
        start, el = segs[max(i, 0)]
        if start == k or k >= self.units[run]:
            return el
        new = _split_run(el, k - start)
        if new is None:
            return el
        segs.insert(i + 1, (k, new))
        return new

    def _start_at(self, run, k: int | None):
        if k is None:
            return self._segs(run)[0][1]
        return self._boundary(run, k)

    def _end_at(self, run, k: int | None):
        segs = self._segs(run)
        if k is None:
            return segs[-1][1]
        self._boundary(run, k + 1)
        segs = self.segments[run]
        i = bisect.bisect_right([s for s, _ in segs], k) - 1
        return segs[max(i, 0)][1]


def _promote(el):
    """The element itself, or its ancestor that stands directly in a paragraph-like container
    (a run inside a ruby or an mc:AlternateContent cannot carry a range marker beside it)."""
    cur = el
    while cur.getparent() is not None and cur.getparent().tag not in _RUN_PARENTS:
        cur = cur.getparent()
    return cur if cur.getparent() is not None else el


def _doc_index(el) -> int:
    return int(el.xpath("count(preceding::*) + count(ancestor::*)"))


def _mark(first, last, comment_id: int) -> None:
    """Range markers and the reference run around ``first`` .. ``last`` (any inline elements)."""
    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)}))
    ref = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    ref.append(rpr)
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    last.addnext(ref)
    last.addnext(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))


# --------------------------------------------------------------------------- runs


def _child_text(c) -> str:
    """What one child of a w:r shows, as the docx reader renders it (visible text)."""
    tag = c.tag
    if tag == rd.T:
        return c.text or ""
    if tag in (rd.TAB, rd.PTAB):
        return "\t"
    if tag in (rd.BR, rd.CR):
        return "\n"
    if tag == rd.NBHYPHEN:
        return "-"
    if tag == rd.SYM:
        return rd._sym(c)
    return ""


def _run_units(run) -> str:
    return "".join(_child_text(c) for c in run)


def _split_run(run, k: int):
    """Split ``run`` before its unit ``k``: the run keeps units [0, k), a copy with the same
    properties (rPr) placed right after it gets the rest. Returns the copy, None if not split."""
    count = 0
    children = [c for c in run if c.tag != rd.RPR]
    for i, c in enumerate(children):
        n = len(_child_text(c))
        if count + n > k:
            cut = k - count
            break
        count += n
    else:
        return None
    if cut and c.tag != rd.T:
        return None
    new = copy.deepcopy(run)
    new_children = [x for x in new if x.tag != rd.RPR]
    for x in children[i + 1:] if cut else children[i:]:
        run.remove(x)
    for x in new_children[:i]:
        new.remove(x)
    if cut:
        text = c.text or ""
        c.text = text[:cut]
        new_children[i].text = text[cut:]
        for t in (c, new_children[i]):
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(new)
    return new


# --------------------------------------------------------------------------- the original .docx


class _Recorder(list):
    """The reader's list of text pieces, noting which run each piece came from."""

    def __init__(self, tracer: _Tracer):
        super().__init__()
        self.tracer = tracer
        self.log: list[tuple] = []

    def append(self, piece: str) -> None:
        super().append(piece)
        self.log.append((self.tracer.current, piece))


class _Tracer(rd._Reader):
    """The docx reader, run over python-docx's tree, recording for each paragraph which run
    produced each character of its text (None for automatic numbers and the like)."""

    def __init__(self, zf, main: str, root):
        super().__init__(zf)
        self.current = None
        self.pmaps: dict = {}  # w:p -> (text, [Pos | None per character])
        self._logs: dict = {}
        base = self.pkg.xml
        self.pkg.xml = lambda name: root if name.lower() == main.lower() else base(name)

    def _run(self, run, out, story, flags):
        if run.tag != rd.R:
            return super()._run(run, out, story, flags)
        prev, self.current = self.current, run
        try:
            super()._run(run, out, story, flags)
        finally:
            self.current = prev

    def _inline(self, el, out, story, flags):
        if isinstance(out, _Recorder):
            return super()._inline(el, out, story, flags)
        rec = _Recorder(self)
        super()._inline(el, rec, story, flags)
        out.extend(rec)
        self._logs[el] = rec.log

    def _paragraph(self, p, story, loc):
        rp = super()._paragraph(p, story, loc)
        log = self._logs.pop(p, None)
        if rp is not None and log is not None:
            self.pmaps[p] = (rp.text, _char_map(rp.auto_number_len, log, len(rp.text)))
        return rp


def _char_map(number_len: int, log: list[tuple], total: int) -> list:
    chars: list = [None] * number_len
    seen: dict = {}
    for run, piece in log:
        for ch in piece:
            if run is None:
                chars.append(None)
            else:
                chars.append((run, len(seen.setdefault(run, []))))
                seen[run].append(ch)
    if len(chars) != total:
        return [None] * total
    bad = {run for run, got in seen.items() if "".join(got) != _run_units(run)}
    return [(c[0], None) if c is not None and c[0] in bad else c for c in chars]


class _Geo:
    """One grid position of a source table: its own cell's w:tc elements (merge continuations
    included), or the top-left position of the merged region covering it."""

    __slots__ = ("origin", "tcs")

    def __init__(self, origin=None, tcs=None):
        self.origin = origin
        self.tcs = tcs or []


def _geometry(tbl) -> list[list[_Geo]]:
    """The grid the docx reader builds for a table (same rules), with w:tc elements kept."""
    grid = tbl.find(rd.TBLGRID)
    grid_cols = sum(1 for _ in grid.iter(rd.GRIDCOL)) if grid is not None else 0
    rows: list[list[_Geo]] = []
    for tr in rd._iter_children(tbl, rd.TR):
        trpr = tr.find(rd.TRPR)
        before = after = 0
        if trpr is not None:
            if trpr.find(rd.DEL) is not None:
                continue
            before = min(max(0, rd._int(trpr.find(rd.GRIDBEFORE), 0)), rd._MAX_COLS)
            after = max(0, rd._int(trpr.find(rd.GRIDAFTER), 0))
        r = len(rows)
        row = [_Geo() for _ in range(before)]
        above = rows[r - 1] if r else None
        for tc in rd._iter_children(tr, rd.TC):
            tcpr = tc.find(rd.TCPR)
            span, vmerge, hmerge = 1, None, None
            if tcpr is not None:
                span = max(1, min(rd._int(tcpr.find(rd.GRIDSPAN), 1) or 1, rd._MAX_COLS - len(row)))
                vm, hm = tcpr.find(rd.VMERGE), tcpr.find(rd.HMERGE)
                vmerge = vm.get(rd.W_VAL, "continue") if vm is not None else None
                hmerge = hm.get(rd.W_VAL, "continue") if hm is not None else None
            col = len(row)
            if vmerge == "continue" and above is not None and col < len(above):
                r0, c0 = above[col].origin or (r - 1, col)
                rows[r0][c0].tcs.append(tc)
                row.extend(_Geo((r0, c0)) for _ in range(span))
                continue
            if hmerge == "continue" and row and col > before:
                r0, c0 = row[-1].origin or (r, col - 1)
                if r0 == r:
                    row[c0].tcs.append(tc)
                    row.extend(_Geo((r0, c0)) for _ in range(span))
                    continue
            row.append(_Geo(tcs=[tc]))
            row.extend(_Geo((r, col)) for _ in range(span - 1))
        row.extend(_Geo() for _ in range(min(after, rd._MAX_COLS - len(row))))
        rows.append(row)
    width = max([min(grid_cols, rd._MAX_COLS)] + [len(row) for row in rows])
    for row in rows:
        row.extend(_Geo() for _ in range(width - len(row)))
    return rows


def _align(raw: str, segments: list[tuple[str, list]]) -> list:
    """Place each source paragraph's characters on ``raw`` (the block's raw text), in order;
    paragraphs joined by the document builder lost their outer whitespace."""
    out: list = [None] * (len(raw) + 1)
    cur = 0
    for text, chars in segments:
        core = text.strip()
        if not core:
            continue
        i = raw.find(core, cur)
        if i < 0:
            continue
        lead = len(text) - len(text.lstrip())
        out[i:i + len(core)] = chars[lead:lead + len(core)]
        cur = i + len(core)
    return out


class _SourceMap:
    """Document.text offsets -> positions in the runs of the original document's tree."""

    def __init__(self, doc: Document, tracer: _Tracer, body):
        self.doc = doc
        self.pmaps = tracer.pmaps
        story = rd._Story("body", None)
        blocks = list(tracer._iter_blocks(body, story)) if body is not None else []
        self.paras = [el for kind, el in blocks if kind == "p"]
        self.tables = [el for kind, el in blocks if kind == "tbl"]
        self._geo: dict[int, list] = {}
        self._maps: dict = {}
        self.row_base: dict[int, tuple[int, int]] = {}  # Table.index -> (source table, first row)
        cursor: dict[int, int] = {}
        for t in doc.tables:
            if t.loc.table is not None:
                off = cursor.get(t.loc.table, 0)
                cursor[t.loc.table] = off + t.n_rows
                self.row_base[t.index] = (t.loc.table, off)

    def geometry(self, k: int) -> list:
        if k not in self._geo:
            self._geo[k] = _geometry(self.tables[k]) if 0 <= k < len(self.tables) else []
        return self._geo[k]

    def source_row(self, k: int, r: int) -> list | None:
        """Row ``r`` of source table ``k`` and the tables merged after it."""
        while 0 <= k < len(self.tables):
            g = self.geometry(k)
            if r < len(g):
                return g[r]
            r -= len(g)
            k += 1
        return None

    def _tc_paragraphs(self, tcs) -> list[tuple[str, list]]:
        out = []
        for tc in tcs:
            for p in tc.iter(rd.P):
                if p in self.pmaps and not any(a.tag == rd.TXBXCONTENT for a in p.iterancestors()):
                    out.append(self.pmaps[p])
        return out

    def paragraph_map(self, b: Paragraph) -> list:
        key = ("p", b.index)
        if key not in self._maps:
            segs: list = []
            if b.loc.part == "body" and b.loc.paragraph is not None:
                first = True
                for p in self.paras[b.loc.paragraph:]:
                    if p not in self.pmaps:
                        continue
                    if not first and b.raw_text.find(self.pmaps[p][0].strip()) < 0:
                        break
                    segs.append(self.pmaps[p])
                    first = False
                    if sum(len(t.strip()) + 1 for t, _ in segs) - 1 >= len(b.raw_text.strip()):
                        break
            elif b.loc.part == "body" and b.loc.table is not None:  # a one-row layout table
                row = self.source_row(b.loc.table, 0) or []
                segs = self._tc_paragraphs([tc for g in row if g.origin is None for tc in g.tcs])
            self._maps[key] = _align(b.raw_text, segs)
        return self._maps[key]

    def cell_map(self, t: Table, cell: Cell) -> list:
        key = ("c", t.index, cell.row, cell.column)
        if key not in self._maps:
            segs: list = []
            base = self.row_base.get(t.index)
            row = self.source_row(base[0], base[1] + cell.row) if base else None
            if row is not None and cell.column < len(row) and row[cell.column].origin is None:
                segs = self._tc_paragraphs(row[cell.column].tcs)
            self._maps[key] = _align(cell.raw_text, segs)
        return self._maps[key]

    def _unit(self, offset: int):
        """(raw text, offset map, start in Document.text, end, character map) of the paragraph
        or table cell holding ``offset``, or None."""
        b = self.doc.block_at(offset)
        if isinstance(b, Paragraph) and b.span[0] <= offset < b.span[1]:
            return b.raw_text, b.offsets, b.span[0], b.span[1], self.paragraph_map(b)
        if isinstance(b, Table):
            cell = _cell_at(b, offset)
            if cell is not None and cell.offsets is not None:
                return cell.raw_text, cell.offsets, cell.span[0], cell.span[1], self.cell_map(b, cell)
        return None

    def locate(self, offset: int) -> Pos | None:
        u = self._unit(offset)
        return u[4][u[1].to_raw(offset - u[2])] if u is not None else None

    def span(self, s: int, e: int):
        """First and last run positions of [s, e) when it lies in one paragraph or cell: the raw
        range is checked against the evidence, as normalising may have moved characters
        ("1,234.56" -> "1234.56" maps proportionally)."""
        u = self._unit(s)
        if u is None or e > u[3] or e <= s:
            return None
        raw, omap, base, _end, chars = u
        ra, rb = _refine(raw, omap.to_raw(s - base), omap.to_raw(e - 1 - base) + 1, self.doc.text[s:e])
        found = [p for p in chars[ra:rb] if p is not None]
        return (found[0], found[-1]) if found else None


def _squash(s: str) -> str:
    return "".join(s.split())


def _refine(raw: str, ra: int, rb: int, want: str) -> tuple[int, int]:
    """The raw range [ra, rb) moved by a few characters, if need be, so that it normalises to
    ``want`` (whitespace aside); unchanged when nothing nearby does."""
    target = _squash(want)

    def ok(a: int, b: int) -> bool:
        return _squash(normalize(raw[a:b])[0]) == target

    if not target or ok(ra, rb):
        return ra, rb
    for d in range(1, 4):
        best = None
        for a in range(max(0, ra - d), min(len(raw), ra + d) + 1):
            for b in range(max(a + 1, rb - d), min(len(raw), rb + d) + 1):
                if (best is None or abs(a - ra) + abs(b - rb) < best[0]) and ok(a, b):
                    best = (abs(a - ra) + abs(b - rb), a, b)
        if best:
            return best[1], best[2]
    return ra, rb


def _cell_at(t: Table, offset: int) -> Cell | None:
    for row in t.rows:
        for c in row:
            if c.origin is None and c.span[0] <= offset < c.span[1]:
                return c
    return None


def _open_original(doc: Document):
    """(python-docx Document of the original file, locate) or None when it cannot be used."""
    try:
        data = Path(doc.source).read_bytes()
        if hashlib.sha256(data).hexdigest() != doc.sha256:
            return None  # changed since it was checked: spans would not match
        wd = docx.Document(doc.source)
        main = wd.part.partname.lstrip("/")
        zf = open_zip(data, "docx")
        try:
            tracer = _Tracer(zf, main, wd.element)
            tracer.read()
        finally:
            zf.close()
    except Exception:  # noqa: BLE001 - unreadable by python-docx: annotate a rebuilt copy
        return None
    smap = _SourceMap(doc, tracer, wd.element.find(rd._w("body")))
    return wd, smap.locate, smap.span


# --------------------------------------------------------------------------- a new .docx


def _rebuild(doc: Document, lang: str):
    """A new .docx of the normalised text (each block or cell one run) and its locate."""
    wd = docx.Document()
    _east_asian_fonts(wd)
    body = wd.element.body
    for p in list(body.iterchildren(rd.P)):
        body.remove(p)
    name = Path(doc.source).name
    note = (f"Text of {name} as read by jixiao; comments mark the findings." if lang == "en"
            else f"本文件由 jixiao 根据 {name} 的文字生成，批注标出检查发现的问题。")
    run = wd.add_paragraph().add_run(note)
    run.italic = True
    if doc.title:
        wd.core_properties.title = doc.title
    runs: dict = {}
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if b.heading is not None:
                para = wd.add_heading(level=min(max(b.heading.level, 0), 9))
            else:
                para = wd.add_paragraph()
            runs[("p", b.index)] = para.add_run(b.text)._r
        else:
            if b.title:  # an xlsx sheet name
                wd.add_paragraph(b.title, style="Caption" if _has_style(wd, "Caption") else None)
            runs.update(_add_table(wd, b))

    def locate(offset: int) -> Pos | None:
        b = doc.block_at(offset)
        if isinstance(b, Paragraph) and b.span[0] <= offset < b.span[1]:
            return runs[("p", b.index)], offset - b.span[0]
        if isinstance(b, Table):
            cell = _cell_at(b, offset)
            r = runs.get(("c", b.index, cell.row, cell.column)) if cell is not None else None
            if r is not None:
                return r, offset - cell.span[0]
        return None

    return wd, locate, None


def _add_table(wd, t: Table) -> dict:
    out: dict = {}
    wt = wd.add_table(rows=t.n_rows, cols=t.n_cols)
    try:
        wt.style = "Table Grid"
    except (KeyError, ValueError):
        pass
    for row in t.rows:
        for c in row:
            if c.origin is None and (c.rowspan > 1 or c.colspan > 1):
                with contextlib.suppress(Exception):  # an overlapping merge in a damaged source
                    wt.cell(c.row, c.column).merge(
                        wt.cell(min(c.row + c.rowspan, t.n_rows) - 1, min(c.column + c.colspan, t.n_cols) - 1))
    cells = wt._cells  # the grid, row by row (Table.cell would rebuild it for every call)
    for row in t.rows:
        for c in row:
            if c.origin is None and c.text:
                cell = cells[c.row * t.n_cols + c.column]
                out[("c", t.index, c.row, c.column)] = cell.paragraphs[0].add_run(c.text)._r
    return out


def _has_style(wd, name: str) -> bool:
    try:
        wd.styles[name]
    except KeyError:
        return False
    return True


def _east_asian_fonts(wd) -> None:
    """Chinese fonts for body text (宋体) and headings (黑体) in the new document."""
    for name, font in (("Normal", "宋体"), ("Title", "黑体"), *((f"Heading {i}", "黑体") for i in range(1, 10))):
        try:
            style = wd.styles[name]
        except KeyError:
            continue
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
