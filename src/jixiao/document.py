"""Build the one document model every later layer uses, from any reader's RawDocument."""
from __future__ import annotations

import regex as re

from .model import (
    Cell, RawCell, Document, Heading, Paragraph, RawDocument, RawParagraph, RawTable,
    Section, Table, TocEntry,
)
from .normalize import normalize
from .sections import assign_levels, heading_title, parse_marker

# A table-of-contents line: text, then a leader (dots, tab or wide space), then a page number.
_TOC_LINE = re.compile(r"^(?P<entry>.{2,120}?)(?:\s*[.…·．\-_]{2,}\s*|\t+\s*|\s{2,}|\s+(?=\d{1,3}$))(?P<page>\d{1,3})\s*$")
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_DOC_TITLE = re.compile(r"(绩效|自评|评价).*(报告|表)|报告$")
_COMMA = re.compile(r"[，,；;]")
_SENTENCE_PUNCT = re.compile(r"[。；，]")
_PAGE_NO = re.compile(r"\s*\d{1,3}\s*")
_ENDS_IN_DIGIT = re.compile(r"\d\s*$")
_LEADER_END = re.compile(r"[.…]{2,}\s*$")
_TITLE_PUNCT = re.compile(r"[。：:，,]")
# characters that are neither white space nor a digit: a line ending in one is no TOC entry
_NOT_PAGE_END = frozenset("。，；：！？、）)」”’》】")
# the characters a leader can end in (besides white space)
_LEADER_CHARS = frozenset(".…·．-_")


def _toc_line(text: str):
    """``_TOC_LINE.match(text)``, skipping the regex (which tries up to 120 entry lengths) where
    it cannot match: on lines ending in a CJK character or punctuation (an entry ends in its
    page number), and on lines where none of the three characters before the last is white
    space or a leader character (a page number of one to three digits follows the leader)."""
    if not text:
        return None
    last = text[-1]
    if last in _NOT_PAGE_END or "\u4e00" <= last <= "\u9fff":
        return None
    if not last.isspace() and not any(ch.isspace() or ch in _LEADER_CHARS for ch in text[-4:-1]):
        return None
    return _TOC_LINE.match(text)


def build_document(raw: RawDocument, *, source: str, format: str, sha256: str) -> Document:
    """Normalise every block, lay out one text, find the table of contents and the sections."""
    blocks = _join_wrapped(_split_tables(_merge_split_tables(raw.blocks)))
    raw = RawDocument(blocks=blocks, extras=raw.extras, pages=raw.pages, meta=raw.meta)
    toc_tables = {i for i, b in enumerate(raw.blocks) if isinstance(b, RawTable) and _is_toc_table(b)}
    toc_paras = _toc_paragraphs(raw.blocks)
    parts: list[str] = []
    pos = 0
    blocks: list = []
    table_no = 0
    for i, rb in enumerate(raw.blocks):
        if isinstance(rb, RawTable) and _is_layout_row(rb):
            rb = RawParagraph(text="\t".join(c.text for c in rb.rows[0] if c.origin is None), loc=rb.loc)
        if isinstance(rb, RawParagraph):
            text, omap = normalize(rb.text)
            if not text:
                continue
            para = Paragraph(index=len(blocks), text=text, span=(pos, pos + len(text)), loc=rb.loc,
                             raw_text=rb.text, offsets=omap, style=rb.style,
                             outline_level=rb.outline_level, is_toc=rb.is_toc or i in toc_paras)
            parts.append(text + "\n")
            pos += len(text) + 1
            blocks.append(para)
        else:
            table, layout = _build_table(rb, len(blocks), table_no, pos)
            if table is None:
                continue
            table.is_toc = i in toc_tables
            parts.append(layout)
            pos += len(layout)
            blocks.append(table)
            table_no += 1
    text = "".join(parts)
    extras = {k: [_extra_paragraph(p, n) for n, p in enumerate(v)] for k, v in raw.extras.items() if v}
    root = Section(heading=None, level=0, span=(0, len(text)))
    doc = Document(source=source, format=format, sha256=sha256, text=text, blocks=blocks, root=root,
                   extras=extras, pages=raw.pages, meta=dict(raw.meta))
    _build_sections(doc)
    doc.toc = _toc_entries(doc)
    title = _find_title(doc)
    if title:
        doc.meta["title"] = title
    return doc


# --------------------------------------------------------------------------- wrapped paragraphs

_TERMINAL = "。！？；：!?;:"
_FIELD_LABEL = re.compile(r"^[\p{Han}]{2,10}(?:[（(][\p{Han}]{1,6}[)）])?\s*[:：]")
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?\s*$")
_TITLE_END = re.compile(r"(报告|目录|附件|(?<!代)表|清单|一览)\s*$")  # titles and attachment lists
# the last characters of _TITLE_END's words: on a right-stripped line its match ends the line
_TITLE_LAST = frozenset("告录件表单览")


def is_continuation(prev: str, nxt: str) -> bool:
    """Whether paragraph ``nxt`` continues ``prev``, broken mid-sentence by a converter."""
    p, n = prev.rstrip(), nxt.strip()
    if not p or not n or p[-1] in _TERMINAL:
        return False
    if (parse_marker(n) or n.startswith(("附件", "附表")) or ((":" in n or "：" in n) and _FIELD_LABEL.match(n))
            or ("年" in n and _DATE_LINE.match(n))):
        return False
    if ("年" in p and _DATE_LINE.match(p)) or (p[-1] in _TITLE_LAST and _TITLE_END.search(p)) or _toc_line(p):
        return False
    if len(p) <= 40:
        m = parse_marker(p.lstrip())
        if m is not None and not _COMMA.search(p[m.end:]):
            return False  # a heading on its own line
    return True


def _join_wrapped(blocks: list) -> list:
    out: list = []
    for b in blocks:
        prev = out[-1] if out else None
        if (isinstance(b, RawParagraph) and isinstance(prev, RawParagraph) and not b.is_toc and not prev.is_toc
                and b.loc.part == prev.loc.part and prev.outline_level is None and b.outline_level is None
                and is_continuation(prev.text, b.text)):
            out[-1] = RawParagraph(text=prev.text.rstrip() + "\n" + b.text.lstrip(), loc=prev.loc, style=prev.style,
                                   auto_number_len=prev.auto_number_len)
            continue
        out.append(b)
    return out


# --------------------------------------------------------------------------- tables


def _build_table(rt: RawTable, index: int, table_no: int, pos: int) -> tuple[Table | None, str]:
    width = max((len(r) for r in rt.rows), default=0)
    if width == 0:
        return None, ""
    start = pos
    last = width - 1
    rows: list[list[Cell]] = []
    out: list[str] = []
    for r, raw_row in enumerate(rt.rows):
        row: list[Cell] = []
        n_raw = len(raw_row)
        for c in range(width):
            rc = raw_row[c] if c < n_raw else None
            if rc is None or rc.origin is not None:
                row.append(Cell(text="", span=(pos, pos), row=r, column=c,
                                origin=rc.origin if rc is not None else None))
            else:
                t, omap = normalize(rc.text)
                end = pos + len(t)
                row.append(Cell(text=t, span=(pos, end), row=r, column=c, rowspan=rc.rowspan,
                                colspan=rc.colspan, raw_text=rc.text, offsets=omap))
                out.append(t)
                pos = end
            out.append("\t" if c < last else "\n")
            pos += 1
        rows.append(row)
    layout = "".join(out)
    table = Table(index=index, table_no=table_no, rows=rows, span=(start, pos), loc=rt.loc, title=rt.title)
    return table, layout


def _merge_split_tables(blocks: list) -> list:
    """Join a table with the one right after it when nothing but empty paragraphs stands between
    them and they have the same columns (a header row split off by an empty line or a page)."""
    out: list = []
    pending_blank: list = []
    for b in blocks:
        if isinstance(b, RawParagraph) and not b.text.strip():
            pending_blank.append(b)
            continue
        prev = out[-1] if out else None
        if (isinstance(b, RawTable) and isinstance(prev, RawTable) and b.rows and prev.rows
                and len(b.rows[0]) == len(prev.rows[0]) and not _is_layout_row(prev)):
            offset = len(prev.rows)
            rows = [[RawCell(c.text, c.rowspan, c.colspan, (c.origin[0] + offset, c.origin[1]) if c.origin else None)
                     for c in row] for row in b.rows]
            out[-1] = RawTable(rows=prev.rows + rows, loc=prev.loc, title=prev.title)
            pending_blank.clear()
            continue
        out.extend(pending_blank)
        pending_blank.clear()
        out.append(b)
    out.extend(pending_blank)
    return out


def _split_tables(blocks: list) -> list:
    """``blocks`` with every table split by :func:`_split_blocks` (paragraphs pass as they are)."""
    out: list = []
    for b in blocks:
        if isinstance(b, RawTable):
            out.extend(_split_blocks(b))
        else:
            out.append(b)
    return out


_BLOCK_HEADER = re.compile(r"年初预算数|全年预算数|调整预算数|全年执行数|决算数|执行率|分值|得分|一级指标|二级指标|"
                           r"三级指标|年度指标值|指标值|实际完成值|预期目标|实际完成情况|偏差原因")


def _split_blocks(b):
    """A 自评表 often stacks blocks in one table, each under its own header row (资金: 年初预算数 …
    执行率 得分; 年度总体目标: 预期目标 实际完成情况; 指标: 一级指标 … 年度指标值 实际完成值 分值 得分).
    Split such a table before each inner header row so that every block has its own columns."""
    if not isinstance(b, RawTable) or len(b.rows) < 3:
        return [b]
    from .extract.tables import is_numeric

    cuts = []
    for r in range(1, len(b.rows)):
        row = b.rows[r]
        cells = [t for t in (c.text.strip() for c in row if c.origin is None) if t]
        if len(cells) < 2:
            continue
        # the header words in the short cells, found in one pass (no word holds a newline, so
        # none spans two cells)
        found = set(_BLOCK_HEADER.findall("\n".join(t for t in cells if len(t) <= 16)))
        if (len(found) >= 2 and not any(is_numeric(t) for t in cells)
                and not any(c.origin is not None and c.origin[0] < r for c in row)):
            cuts.append(r)
    if not cuts:
        return [b]
    out, start = [], 0
    for cut in cuts + [len(b.rows)]:
        if cut > start:
            rows = [[RawCell(c.text, min(c.rowspan, cut - r0), c.colspan,
                             (c.origin[0] - start, c.origin[1]) if c.origin else None)
                     for c in row] for r0, row in enumerate(b.rows[start:cut], start)]
            out.append(RawTable(rows=rows, loc=b.loc, title=b.title))
        start = cut
    return out


def _is_layout_row(t: RawTable) -> bool:
    """A one-row 'table' holding a sentence is layout (a tab turned into a table), not data."""
    if len(t.rows) != 1:
        return False
    text = "".join(c.text for c in t.rows[0])
    return len(text) > 30 and bool(_SENTENCE_PUNCT.search(text))


def _is_toc_table(t: RawTable) -> bool:
    """A two-column table of entries and page numbers (Word TOCs pasted as tables, txt TOCs)."""
    rows = [r for r in t.rows if any(c.text.strip() for c in r)]
    if len(rows) < 3 or len(rows[0]) != 2:
        return False
    paged = sum(1 for r in rows if _PAGE_NO.fullmatch(r[1].text or "")
                and not _ENDS_IN_DIGIT.search(r[0].text.strip().rstrip(".… ")))
    if paged < 0.8 * len(rows):
        return False  # (before normalising every entry)
    marked = sum(1 for r in rows if parse_marker(normalize(r[0].text)[0]) or _LEADER_END.search(r[0].text))
    return marked >= 0.5 * len(rows)


# --------------------------------------------------------------------------- table of contents


def _toc_paragraphs(blocks: list) -> set[int]:
    """Indices of paragraphs that form a table of contents (runs of ≥3 entry lines)."""
    found: set[int] = set()
    run: list[int] = []
    after_title = False

    def close():
        if len(run) >= 3 or (after_title and run):
            found.update(run)
        run.clear()

    for i, b in enumerate(blocks):
        if not isinstance(b, RawParagraph):
            close()
            after_title = False
            continue
        text = b.text.strip()
        if not text:
            continue
        if "录" in text and _TOC_TITLE.match(text):
            close()
            after_title = True
            found.add(i)
            continue
        if b.is_toc or _toc_line(text):
            run.append(i)
        else:
            close()
            after_title = False
    close()
    return found


def _toc_entries(doc: Document) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph) and b.is_toc:
            m = _TOC_LINE.match(b.raw_text.strip())
            if not m:
                continue
            entry = normalize(m.group("entry"))[0].rstrip(" .…·")
            entries.append(_toc_entry(entry, int(m.group("page")), b.span, b.index))
        elif isinstance(b, Table) and b.is_toc:
            for row in b.rows:
                if len(row) >= 2 and row[0].text:
                    page = row[1].text.strip()
                    entry = row[0].text.rstrip(" .…·")
                    entries.append(_toc_entry(entry, int(page) if page.isdigit() else None,
                                              (row[0].span[0], row[-1].span[1]), b.index))
    return entries


def _toc_entry(entry: str, page: int | None, span, block: int) -> TocEntry:
    m = parse_marker(entry)
    number = m.number if m else ""
    title = entry[m.end:].strip() if m else entry.strip()
    return TocEntry(text=entry, number=number, title=title, page=page, span=span, block=block)


# --------------------------------------------------------------------------- sections


def _heading_candidate(p: Paragraph):
    """(marker, style level, title) when the paragraph opens a section, else None."""
    if p.is_toc:
        return None
    marker = parse_marker(p.text)
    style_level = p.outline_level if p.outline_level and p.outline_level > 0 else None
    if marker is None and style_level is None:
        return None
    start = marker.end if marker else 0
    title, _only = heading_title(p.text, start)
    if not title and marker is None:
        return None
    return marker, style_level, title


def _build_sections(doc: Document) -> None:
    cands = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            c = _heading_candidate(b)
            if c:
                cands.append((b, c))
    levels = assign_levels([(m, sl) for _, (m, sl, _) in cands])
    for (p, (m, sl, title)), level in zip(cands, levels):
        number = m.number if m else ""
        p.heading = Heading(number=number, title=title, level=level, style=m.family if m else None,
                            value=m.value if m else None,
                            span=(p.span[0], p.span[0] + (m.end if m else 0) + len(title)) if title else p.span,
                            number_span=(p.span[0], p.span[0] + len(number)), block=p.index,
                            source="style" if sl is not None else "text")

    end = len(doc.text)
    stack: list[Section] = [doc.root]
    inside = doc.root.blocks  # the block list of the innermost open section
    for b in doc.blocks:
        h = b.heading if isinstance(b, Paragraph) else None
        if h is not None:
            while len(stack) > 1 and stack[-1].level >= h.level:
                closed = stack.pop()
                closed.span = (closed.span[0], b.span[0])
            sec = Section(heading=h, level=h.level, span=(b.span[0], end))
            stack[-1].children.append(sec)
            stack.append(sec)
            inside = sec.blocks
        inside.append(b.index)
    while len(stack) > 1:
        closed = stack.pop()
        closed.span = (closed.span[0], end)


def _find_title(doc: Document) -> str | None:
    """The report's title: the first paragraphs before any heading that name a report."""
    lead: list[Paragraph] = []
    for b in doc.blocks[:20]:
        if isinstance(b, Paragraph) and b.heading is not None and not lead and not b.heading.number:
            lead.append(b)  # an unnumbered first heading ("# …报告" in markdown, a Title style)
            continue
        if not isinstance(b, Paragraph) or b.heading is not None:
            break
        if b.is_toc:
            continue
        lead.append(b)
    for i, p in enumerate(lead):
        if _DOC_TITLE.search(p.text) and len(p.text) <= 80:
            prev = lead[i - 1].text if i > 0 else ""
            if prev and len(prev) <= 40 and not _TITLE_PUNCT.search(prev) and not _DOC_TITLE.search(prev):
                return prev + p.text
            return p.text
    return None


def _extra_paragraph(p: RawParagraph, n: int) -> Paragraph:
    text, omap = normalize(p.text)
    return Paragraph(index=n, text=text, span=(0, len(text)), loc=p.loc, raw_text=p.text,
                     offsets=omap, style=p.style)
