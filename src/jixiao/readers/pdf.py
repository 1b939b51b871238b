"""PDF reader: text-layer PDFs through pdfplumber.

A PDF has no paragraphs, only positioned characters. This reader

1. groups each page's characters into lines (spaces only where the PDF has a space glyph or
   a real gap, so Chinese text printed from Word gets no spurious spaces);
2. finds ruled tables (pdfplumber ``find_tables``, lines strategy), turns them into full
   grids with merged regions, and keeps their text out of the paragraphs; a table that runs
   on at the top of the next page, with the same columns, is joined to the previous one;
3. drops running headers/footers and page numbers (kept in ``extras``);
4. rebuilds paragraphs: a line is joined to the next when the next line's first unbreakable
   unit would not have fitted on it (it was wrapped) and nothing marks a new paragraph
   (first-line indent, a heading/list number, extra vertical space, another font size).

Text is returned as found (no normalisation), only with wrapped lines joined.
"""
from __future__ import annotations

import bisect
import io
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import RawCell, RawDocument, RawParagraph, RawTable, SourceLoc

MAX_PAGES = 2000

_CORRUPT = ("PDF 文件已损坏或格式不正确，无法读取", "PDF file is corrupt or not a valid PDF")
_ENCRYPTED = ("PDF 文件已加密，请先解除密码", "PDF file is encrypted; remove the password first")
_NO_TEXT = ("该 PDF 没有文字层（可能是扫描件），需要先进行 OCR 文字识别",
            "PDF has no text layer (scanned?); OCR is needed")
_NO_UNICODE = ("该 PDF 的文字无法提取（字体缺少编码信息），需要先进行 OCR 文字识别",
               "PDF text cannot be extracted (fonts lack a Unicode map); OCR is needed")


def read_pdf(data: bytes, path: Path) -> RawDocument:
    """Read a text-layer PDF into a RawDocument; every failure is an InputError."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(*_CORRUPT)
    try:
        return _read(data)
    except InputError:
        raise
    except Exception as e:  # pdfminer/pdfplumber raise many kinds; none may escape
        if _is_encryption_error(e):
            raise InputError(*_ENCRYPTED) from None
        raise InputError(*_CORRUPT) from None


def _is_encryption_error(e: BaseException) -> bool:
    seen = 0
    while e is not None and seen < 5:
        names = {c.__name__ for c in type(e).__mro__}
        if names & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
            return True
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else None
        e = inner or e.__cause__ or e.__context__
        seen += 1
    return False


# --------------------------------------------------------------------------- characters


def _is_wordchar(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# never at the start of a line (they stay with what precedes them)
_CLOSING = set("，。、；：！？）》」』”’〕】%％,.;:!?)]}…·—")
# never at the end of a line (they go with what follows)
_OPENING = set("（《「『“‘〔【([{")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    first_unit: float  # width of the first unbreakable unit (what Word would move down)
    text_x: float  # x where the text after a leading list/heading number starts
    has_marker: bool = False


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list["FoundTable"] = field(default_factory=list)
    n_chars: int = 0
    n_cid: int = 0
    image_cover: float = 0.0
    left: float = 0.0
    right: float = 0.0


@dataclass
class FoundTable:
    top: float
    bottom: float
    xs: list[float]  # column boundaries (left edges, then the right edge)
    rows: list[list[RawCell]]
    page: int


def _group_lines(chars: list[dict]) -> list[list[dict]]:
    """Cluster characters into lines by vertical position, each sorted left to right."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[dict]] = []
    cur: list[dict] = []
    ref = 0.0
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        h = max(c["bottom"] - c["top"], 1.0)
        if cur and mid - ref > 0.5 * h:
            lines.append(cur)
            cur = []
        if not cur:
            ref = mid
        cur.append(c)
    lines.append(cur)
    out = []
    for ln in lines:
        ln.sort(key=lambda c: c["x0"])
        out.append(ln)
    return out


def _line_text(chars: list[dict]) -> tuple[str, list[dict]]:
    """Text of one line and the non-space characters kept, in order.

    A space is kept where the PDF has a space glyph, or inserted where two Latin/digit
    characters are clearly apart (PDFs that position words instead of drawing spaces). Word's
    automatic gap between Chinese and Latin text is not a space.
    """
    out: list[str] = []
    kept: list[dict] = []
    prev = None
    pending = False
    for c in chars:
        t = c["text"]
        if not t or t.isspace():
            pending = prev is not None
            continue
        if prev is not None:
            if t == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * max(c["x1"] - c["x0"], 1) \
                    and abs(c["top"] - prev["top"]) < 1:
                continue  # overprinted (fake bold) duplicate
            gap = c["x0"] - prev["x1"]
            size = max(prev["size"], c["size"], 1.0)
            a, b = prev["text"][-1], t[0]
            if pending:
                out.append(" ")
            elif a.isascii() and b.isascii():
                if gap > 0.2 * size:  # Latin words positioned apart, without a space glyph
                    out.append(" ")
            elif gap > 0.8 * size:
                out.append(" ")
        out.append(t)
        kept.append(c)
        prev = c
        pending = False
    return "".join(out), kept


_MARKER = re.compile(
    r"""^(?:
        第[一二三四五六七八九十百千零〇两\d]{1,4}[章节条篇部]
      | [一二三四五六七八九十百]{1,3}[、.．]
      | [（(][一二三四五六七八九十百]{1,3}[）)]
      | \d{1,2}(?:[.．]\d{1,2}){0,3}[、.．](?![\d%])
      | [（(]\d{1,2}[）)]
      | \d{1,2}[）)]
      | [①-⑳㉑-㉟❶-❿➀-➉]
      | 附件 | 附表 | 附录
    )\s*""",
    re.X,
)


_QUOTES = set("“”‘’\"'")
_CLOSE_BRACKETS = set("）〕】》」』〉)]")
_NUMBER_JOINERS = set(".,-/:%％+=×÷~～*")


def _can_break(a: dict, b: dict) -> bool:
    """Whether a line may break between characters ``a`` and ``b`` (CJK line-breaking rules
    as Word and LibreOffice apply them, leaning towards 'no' where they differ)."""
    x, y = a["text"][-1], b["text"][0]
    if x in _OPENING or x in _QUOTES or y in _CLOSING or y in _QUOTES:
        return False
    if b["x0"] - a["x1"] > 0.2 * max(a["size"], 1.0) and (x.isascii() or y.isascii()):
        return True  # a space between Latin words
    if (_is_wordchar(x) or x in _NUMBER_JOINERS) and (_is_wordchar(y) or y in _NUMBER_JOINERS):
        return False  # inside a Latin word or a number
    if x in _CLOSE_BRACKETS and _is_wordchar(y):
        return False  # 〔2018〕34号
    return True


def _first_unit_width(kept: list[dict]) -> float:
    """Width of the start of a line up to its first break opportunity: what the line before
    would have had to hold for this line not to have been wrapped."""
    j = 0
    while j + 1 < len(kept) and not _can_break(kept[j], kept[j + 1]):
        j += 1
    return kept[j]["x1"] - kept[0]["x0"]


def _make_line(chars: list[dict], page: int) -> Line | None:
    text, kept = _line_text(chars)
    if not kept:
        return None
    sizes = [round(c["size"], 1) for c in kept]
    size = statistics.mode(sizes)
    m = _MARKER.match(text)
    text_x = kept[0]["x0"]
    if m:
        # the marker's length in characters (without spaces) -> the first char after it
        n = len(m.group(0).replace(" ", "").replace("\u3000", ""))
        if n < len(kept):
            text_x = kept[n]["x0"]
    return Line(
        text=text,
        x0=kept[0]["x0"],
        x1=kept[-1]["x1"],
        top=min(c["top"] for c in kept),
        bottom=max(c["bottom"] for c in kept),
        size=size,
        page=page,
        first_unit=_first_unit_width(kept),
        text_x=text_x,
        has_marker=bool(m),
    )


# --------------------------------------------------------------------------- tables


def _cell_text(chars: list[dict], x0: float, x1: float) -> str:
    """Text of one cell: its lines joined, wrapped lines without a break, others with "\\n"."""
    lines = [ln for ln in (_make_line(g, 0) for g in _group_lines(chars)) if ln]
    if not lines:
        return ""
    pad = max(0.0, min(ln.x0 for ln in lines) - x0)
    right = x1 - pad
    parts = [lines[0].text]
    for prev, nxt in zip(lines, lines[1:]):
        wrapped = prev.x1 + nxt.first_unit > right - 0.3 * prev.size and not nxt.has_marker
        parts.append(_joiner(prev.text, nxt.text) if wrapped else "\n")
        parts.append(nxt.text)
    return "".join(parts)


def _index(edges: list[float], v: float) -> int:
    """Index of the edge nearest ``v`` (edges sorted)."""
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - v < v - edges[i - 1] else i - 1


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _build_table(cells: list[tuple], chars: list[dict], page: int) -> FoundTable | None:
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None  # a single framed box is not a table
    # each cell: grid region [r0, r1) x [c0, c1)
    regions = []
    owner: dict[tuple[int, int], int] = {}
    for k, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        regions.append((r0, c0, r1, c1, (x0, top, x1, bottom)))
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), len(regions) - 1)
    buckets: list[list[dict]] = [[] for _ in regions]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c = bisect.bisect_right(xs, cx) - 1
        r = bisect.bisect_right(ys, cy) - 1
        k = owner.get((r, c))
        if k is not None:
            buckets[k].append(ch)
    grid: list[list[RawCell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for k, (r0, c0, r1, c1, bbox) in enumerate(regions):
        if grid[r0][c0] is not None:
            continue
        grid[r0][c0] = RawCell(_cell_text(buckets[k], bbox[0], bbox[2]), rowspan=r1 - r0, colspan=c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0) and grid[r][c] is None:
                    grid[r][c] = RawCell("", origin=(r0, c0))
    rows = [[cell if cell is not None else RawCell("") for cell in row] for row in grid]
    return FoundTable(top=ys[0], bottom=ys[-1], xs=xs, rows=rows, page=page)


# --------------------------------------------------------------------------- pages


def _scan_page(page, number: int) -> PageLayout:
    width, height = float(page.width), float(page.height)
    layout = PageLayout(number=number, width=width, height=height)
    chars = [c for c in page.chars
             if c.get("upright", True) and c["x1"] > 0 and c["x0"] < width
             and c["bottom"] > 0 and c["top"] < height and c.get("size", 0) > 0]
    layout.n_chars = sum(1 for c in chars if c["text"].strip())
    layout.n_cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    area = width * height or 1.0
    layout.image_cover = sum(
        max(0.0, (min(i["x1"], width) - max(i["x0"], 0))) * max(0.0, (min(i["bottom"], height) - max(i["top"], 0)))
        for i in page.images) / area
    if not chars:
        return layout

    boxes = []
    if page.lines or page.rects or page.edges:
        for t in page.find_tables():
            ft = _table_from_pdfplumber(t, chars, number)
            if ft is not None:
                layout.tables.append(ft)
                boxes.append(t.bbox)
    if boxes:
        def outside(c):
            cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)
        chars = [c for c in chars if outside(c)]
    for group in _group_lines(chars):
        ln = _make_line(group, number)
        if ln is not None:
            layout.lines.append(ln)
    return layout


def _table_from_pdfplumber(t, chars: list[dict], page: int) -> FoundTable | None:
    x0, top, x1, bottom = t.bbox
    inside = [c for c in chars
              if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1]
    return _build_table(list(t.cells), inside, page)


def _percentile(values: list[float], q: float) -> float:
    v = sorted(values)
    if not v:
        return 0.0
    k = min(len(v) - 1, max(0, int(round(q * (len(v) - 1)))))
    return v[k]


def _set_margins(pages: list[PageLayout]) -> None:
    """Body left/right text edges per page; pages with few lines borrow from pages of the
    same size."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for p in pages:
        groups.setdefault((round(p.width), round(p.height)), []).extend(p.lines)
    for p in pages:
        g = groups[(round(p.width), round(p.height))]
        g_left, g_right = _percentile([ln.x0 for ln in g], 0.1), _percentile([ln.x1 for ln in g], 0.95)
        if len(p.lines) >= 8:
            left, right = _percentile([ln.x0 for ln in p.lines], 0.1), _percentile([ln.x1 for ln in p.lines], 0.95)
            size = statistics.median(ln.size for ln in p.lines)
            if right < g_right - 2 * size:
                right = g_right
            if left > g_left + 2 * size:
                left = g_left
        else:
            left, right = g_left, g_right
        p.left, p.right = left, right


# --------------------------------------------------------------------------- headers, footers

_PAGE_NO = re.compile(
    r"""^(?:
        [-–—－_~·•\s]*\d{1,4}[-–—－_~·•\s]*
      | 第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?
      | 共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页
      | \d{1,4}\s*/\s*\d{1,4}
      | [Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
      | [-–—\s]*[IVXLivxl]{1,6}[-–—\s]*
    )$""",
    re.X,
)


def _strip_running(pages: list[PageLayout]) -> dict[str, list[RawParagraph]]:
    """Remove running headers/footers and page numbers from the pages' lines."""
    candidates: list[tuple[str, PageLayout, Line]] = []
    for p in pages:
        if not p.lines:
            continue
        table_top = min((t.top for t in p.tables), default=p.height)
        table_bottom = max((t.bottom for t in p.tables), default=0.0)
        by_top = sorted(p.lines, key=lambda ln: ln.top)
        for ln in by_top[:3]:
            if ln.bottom < 0.15 * p.height and ln.bottom <= table_top:
                candidates.append(("header", p, ln))
        for ln in by_top[-3:]:
            if ln.top > 0.85 * p.height and ln.top >= table_bottom:
                candidates.append(("footer", p, ln))

    groups: dict[tuple[str, str], list[tuple[PageLayout, Line]]] = {}
    for band, p, ln in candidates:
        key = re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))
        groups.setdefault((band, key), []).append((p, ln))
    n_pages = sum(1 for p in pages if p.lines)
    remove: dict[int, str] = {}  # id(line) -> band
    for (band, key), members in groups.items():
        # the same text at the same height on several pages (a title repeated lower down on
        # the first page is not a running header)
        members.sort(key=lambda m: m[1].top)
        clusters: list[list[tuple[PageLayout, Line]]] = []
        for m in members:
            if clusters and m[1].top - clusters[-1][0][1].top <= 0.02 * m[0].height:
                clusters[-1].append(m)
            else:
                clusters.append([m])
        for cl in clusters:
            page_set = {p.number for p, _ in cl}
            if len(page_set) >= 2 and len(page_set) >= 0.3 * n_pages:
                for _, ln in cl:
                    remove[id(ln)] = band
    for band, p, ln in candidates:
        if _PAGE_NO.match(ln.text.strip()) and ln.x1 - ln.x0 < 0.4 * p.width:
            remove[id(ln)] = band

    extras: dict[str, list[RawParagraph]] = {}
    for p in pages:
        kept = []
        for ln in p.lines:
            band = remove.get(id(ln))
            if band is None:
                kept.append(ln)
            else:
                extras.setdefault(band, []).append(
                    RawParagraph(ln.text, loc=SourceLoc(part=band, page=p.number)))
        p.lines = kept
    return extras


# --------------------------------------------------------------------------- paragraphs


def _joiner(a: str, b: str) -> str:
    """What goes between two wrapped lines: nothing for Chinese; a space where Latin words
    or numbers would otherwise fuse."""
    if not a or not b:
        return ""
    x, y = a[-1], b[0]
    if _is_wordchar(x) and _is_wordchar(y):
        return " "
    if x in ",;:!?" and y.isascii() and y.isalpha():
        return " "
    if x == "." and y.isascii() and y.isupper() and len(a) > 1 and a[-2].isascii() and a[-2].isalpha():
        return " "
    return ""


def _base_pitch(pages: list[PageLayout]) -> dict[float, float]:
    """Usual baseline-to-baseline distance inside a paragraph, per font size."""
    wraps: dict[float, list[float]] = {}
    alls: dict[float, list[float]] = {}
    for p in pages:
        ls = sorted(p.lines, key=lambda ln: ln.top)
        for a, b in zip(ls, ls[1:]):
            if abs(a.size - b.size) > 0.5:
                continue
            d = b.bottom - a.bottom
            if d <= 0.5 * a.size:
                continue
            alls.setdefault(a.size, []).append(d)
            if a.x1 >= p.right - 1.5 * a.size and b.x0 <= p.left + 0.5 * a.size:
                wraps.setdefault(a.size, []).append(d)
    out = {}
    for size, ds in alls.items():
        w = wraps.get(size, [])
        out[size] = statistics.median(w) if len(w) >= 3 else _percentile(ds, 0.2)
    return out


def _continues(para: list[Line], nxt: Line, pages: dict[int, PageLayout], pitch: dict[float, float]) -> bool:
    prev = para[-1]
    size = prev.size
    if abs(nxt.size - size) > 0.6:
        return False
    if nxt.has_marker:
        return False
    pp, np_ = pages[prev.page], pages[nxt.page]
    if nxt.page == prev.page:
        if nxt.top < prev.bottom - 0.3 * size:
            return False  # overlapping or out of order (columns, text boxes)
        base = pitch.get(size, 1.5 * size)
        if nxt.bottom - prev.bottom > base + max(0.35 * size, 2.0):
            return False
    elif nxt.page != prev.page + 1:
        return False
    # the previous line must be a full body line: wrapped where the next unit did not fit
    if prev.x1 + nxt.first_unit <= pp.right - 0.3 * size:
        return False
    # ... and start at the body's left edge (or its first-line indent, or a hanging indent)
    cont_x = para[1].x0 if len(para) >= 2 else para[0].text_x if para[0].has_marker else pp.left
    if prev.x0 > max(pp.left + 2.6 * size, cont_x + 0.5 * size):
        return False  # centred or right-aligned text (titles, signatures, dates)
    # the next line must not be indented (a first-line indent opens a paragraph)
    if len(para) >= 2 and prev.page == nxt.page:
        if nxt.x0 > para[1].x0 + 0.8 * size:
            return False
    else:
        hang = para[0].has_marker and abs(nxt.x0 - para[0].text_x) < 0.6 * size
        if nxt.x0 > np_.left + 0.8 * size and not hang:
            return False
    return True


# --------------------------------------------------------------------------- document


def _page_count(pdf) -> int:
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int):
            return count
    except Exception:
        pass
    return len(pdf.pages)


def _read(data: bytes) -> RawDocument:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        declared = _page_count(pdf)
        if declared > MAX_PAGES:
            raise InputError(f"PDF 页数过多（{declared} 页，上限 {MAX_PAGES} 页）",
                             f"PDF has too many pages ({declared}; the limit is {MAX_PAGES})")
        pages: list[PageLayout] = []
        for i, page in enumerate(pdf.pages):
            if i >= MAX_PAGES:
                raise InputError(f"PDF 页数过多（上限 {MAX_PAGES} 页）",
                                 f"PDF has too many pages (the limit is {MAX_PAGES})")
            pages.append(_scan_page(page, i + 1))
            page.close()
        meta = {}
        for k in ("Title", "Author", "Producer", "Creator"):
            v = pdf.metadata.get(k) if isinstance(pdf.metadata, dict) else None
            if isinstance(v, str) and v.strip():
                meta[f"pdf_{k.lower()}"] = v.strip()
    if not pages:
        raise InputError(*_CORRUPT)

    total = sum(p.n_chars for p in pages)
    n = len(pages)
    scanned = sum(1 for p in pages if p.image_cover > 0.5)
    if total == 0 or total < 5 * n or (total < 50 * n and scanned >= n / 2):
        raise InputError(*_NO_TEXT)
    if sum(p.n_cid for p in pages) > 0.5 * total:
        raise InputError(*_NO_UNICODE)
    blank = [str(p.number) for p in pages if p.n_chars < 20 and p.image_cover > 0.5]
    if blank:  # scanned pages inside a text PDF (a stamped form, say): their text is missing
        meta["pdf_pages_without_text"] = ",".join(blank)

    _set_margins(pages)
    extras = _strip_running(pages)
    pitch = _base_pitch(pages)
    by_number = {p.number: p for p in pages}

    blocks: list = []
    n_par = n_tab = 0
    para: list[Line] = []
    last_table: tuple[FoundTable, RawTable] | None = None  # table that may run on

    def flush():
        nonlocal para, n_par
        if para:
            text = para[0].text
            for a, b in zip(para, para[1:]):
                text += _joiner(text, b.text) + b.text
            blocks.append(RawParagraph(text, loc=SourceLoc(part="body", page=para[0].page, paragraph=n_par)))
            n_par += 1
            para = []

    for p in pages:
        items: list[tuple[float, int, object]] = [(ln.top, 1, ln) for ln in p.lines]
        items += [(t.top, 0, t) for t in p.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        for k, (_, kind, obj) in enumerate(items):
            if kind == 1:
                if para and not _continues(para, obj, by_number, pitch):
                    flush()
                para.append(obj)
                last_table = None
                continue
            flush()
            ft: FoundTable = obj
            if (k == 0 and last_table is not None and last_table[0].page == p.number - 1
                    and _same_columns(last_table[0], ft)):
                _append_rows(last_table, ft)
                last_table = (ft, last_table[1]) if k == len(items) - 1 else None
                continue
            raw = RawTable(ft.rows, loc=SourceLoc(part="body", page=p.number, table=n_tab))
            n_tab += 1
            blocks.append(raw)
            last_table = (ft, raw) if k == len(items) - 1 else None
        if last_table is not None and last_table[0].page != p.number:
            last_table = None
    flush()
    return RawDocument(blocks=blocks, extras=extras, pages=len(pages), meta=meta)


def _same_columns(a: FoundTable, b: FoundTable) -> bool:
    if len(a.xs) != len(b.xs):
        return False
    return all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs))


def _append_rows(prev: tuple[FoundTable, RawTable], ft: FoundTable) -> None:
    """Append a table continued on the next page, without its repeated header row."""
    raw = prev[1]
    rows = ft.rows
    if (rows and raw.rows and all(c.rowspan == 1 for c in rows[0])
            and [c.text for c in rows[0]] == [c.text for c in raw.rows[0]]):
        rows = rows[1:]
        rows = [[RawCell(c.text, c.rowspan, c.colspan,
                         (c.origin[0] - 1, c.origin[1]) if c.origin else None) for c in row] for row in rows]
    offset = len(raw.rows)
    for row in rows:
        raw.rows.append([RawCell(c.text, c.rowspan, c.colspan,
                                 (c.origin[0] + offset, c.origin[1]) if c.origin else None) for c in row])
