"""Plain dataclasses shared by every layer: raw reader output, the Document, quantities.

Readers produce a :class:`RawDocument` (blocks in body order, text as found in the source).
:func:`jixiao.document.build_document` normalises it into a :class:`Document` with one text
whose character offsets every later layer uses, and a map back to the source.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Sequence, Union

Span = tuple[int, int]


# --------------------------------------------------------------------------- source side


@dataclass(frozen=True)
class SourceLoc:
    """Where something sits in the source file (all 0-based except ``page``, which is 1-based)."""

    part: str = "body"  # body | header | footer | footnote | endnote | textbox | comment
    page: int | None = None
    paragraph: int | None = None  # index of the paragraph among the source's paragraphs
    line: int | None = None  # line number in a text source (1-based)
    sheet: str | None = None  # xlsx sheet name
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass
class RawParagraph:
    """One paragraph as a reader found it.

    ``text`` is the source text; an automatic number Word renders (numbering.xml) is put in
    front of it by the docx reader and its length recorded in ``auto_number_len``.
    """

    text: str
    loc: SourceLoc = field(default_factory=SourceLoc)
    style: str | None = None  # style name as in the source ("Heading 2", "标题 1", "toc 1")
    outline_level: int | None = None  # 1-based heading level from style / outline, if any
    auto_number_len: int = 0
    is_toc: bool = False  # the reader knows this line belongs to a table of contents


@dataclass
class RawCell:
    """One grid position. A merged region has its text in its top-left cell (rowspan/colspan
    > 1); the positions it covers are cells with ``origin`` pointing at that top-left cell."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    origin: tuple[int, int] | None = None


@dataclass
class RawTable:
    rows: list[list[RawCell]]  # a full grid: every row has the same number of cells
    loc: SourceLoc = field(default_factory=SourceLoc)
    title: str | None = None  # e.g. an xlsx sheet name


RawBlock = Union[RawParagraph, RawTable]


@dataclass
class RawDocument:
    blocks: list[RawBlock]
    extras: dict[str, list[RawParagraph]] = field(default_factory=dict)  # header/footer/...
    pages: int | None = None
    meta: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- document side


@dataclass
class OffsetMap:
    """Maps each character of a normalised string back to an index in its raw string."""

    raw_index: Sequence[int]  # len(normalised) + 1 entries; the last maps the end (a range: unchanged)

    def to_raw(self, i: int) -> int:
        return self.raw_index[max(0, min(i, len(self.raw_index) - 1))]


@dataclass
class Paragraph:
    index: int  # position among the document's blocks
    text: str  # normalised
    span: Span  # into Document.text
    loc: SourceLoc
    raw_text: str
    offsets: OffsetMap
    style: str | None = None
    outline_level: int | None = None
    is_toc: bool = False
    heading: "Heading | None" = None  # set when this paragraph opens a section

    kind = "paragraph"


@dataclass
class Cell:
    text: str  # normalised
    span: Span  # into Document.text; empty (start == end) for a covered cell
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    origin: tuple[int, int] | None = None  # for a position covered by a merge
    raw_text: str = ""
    offsets: OffsetMap | None = None


@dataclass
class Table:
    index: int  # position among the document's blocks
    table_no: int  # 0-based count of tables in the document
    rows: list[list[Cell]]
    span: Span
    loc: SourceLoc
    title: str | None = None
    is_toc: bool = False  # a table of contents laid out as a table

    kind = "table"

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Cell:
        """The cell at a grid position, resolving merges to the region's top-left cell."""
        cell = self.rows[r][c]
        if cell.origin is not None:
            return self.rows[cell.origin[0]][cell.origin[1]]
        return cell

    def value(self, r: int, c: int) -> str:
        cell = self.rows[r][c]  # self.cell(r, c), inlined: called for every grid position
        if cell.origin is not None:
            cell = self.rows[cell.origin[0]][cell.origin[1]]
        return cell.text

    def grid(self) -> list[list[str]]:
        """Every grid position's text, merged regions repeated over what they cover."""
        return [[self.value(r, c) for c in range(len(row))] for r, row in enumerate(self.rows)]


Block = Union[Paragraph, Table]


@dataclass
class Heading:
    """A section heading: its number as written (``"（一）"``, ``"3、"``), the numbering style
    family it was written in, the value of that number, and the level it was placed at."""

    number: str  # as written, including its punctuation; "" for an unnumbered heading
    title: str
    level: int  # 1 = top level; 0 = document title
    style: str | None  # numbering family: cn | paren_cn | arabic | paren_arabic | circled | ...
    value: int | None  # the number's value (三 -> 3, ③ -> 3), None when unnumbered
    span: Span  # the whole heading (number and title) in Document.text
    number_span: Span
    block: int  # index of its paragraph among the blocks
    source: str = "text"  # text | style | markdown


@dataclass
class Section:
    heading: Heading | None  # None for the root
    level: int
    span: Span
    children: list["Section"] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)  # indices of blocks directly inside

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class TocEntry:
    text: str
    number: str
    title: str
    page: int | None
    span: Span
    block: int


@dataclass
class Location:
    """Where a span of Document.text came from, in the contract's terms plus source detail."""

    section: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    line: int | None = None

    def to_json(self) -> dict:
        return {
            "section": self.section,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "column": self.column,
        }


@dataclass
class Document:
    source: str  # the path as given
    format: str  # docx | pdf | txt | md | xlsx | html
    sha256: str
    text: str  # the normalised text every span indexes into
    blocks: list[Block]
    root: Section
    toc: list[TocEntry] = field(default_factory=list)
    extras: dict[str, list[Paragraph]] = field(default_factory=dict)
    pages: int | None = None
    meta: dict[str, str] = field(default_factory=dict)

    # ---- navigation
    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def headings(self) -> list[Heading]:
        """Every heading, in text order (read from the section tree once: it is fixed once built)."""
        cached = self.__dict__.get("_headings")
        if cached is None:
            cached = self.__dict__["_headings"] = tuple(s.heading for s in self.root.walk() if s.heading is not None)
        return list(cached)

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    def block_at(self, offset: int) -> Block | None:
        """The block whose span contains ``offset`` (None between blocks)."""
        d = self.__dict__
        starts = d.get("_starts")
        if starts is None or len(starts) != len(self.blocks):
            starts = self._block_starts()
        found = d.get("_block_at")  # answers so far, reset with the starts
        if found is None:
            found = d["_block_at"] = {}
        if offset in found:
            return found[offset]
        b = None
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0:
            b = self.blocks[i]
            if not (b.span[0] <= offset < b.span[1] or (b.span[0] == b.span[1] == offset)):
                b = None
        found[offset] = b
        return b

    def section_at(self, offset: int) -> Section:
        """The innermost section containing ``offset``."""
        found = self.__dict__.get("_section_at")
        if found is None:
            found = self.__dict__["_section_at"] = {}
        else:
            s = found.get(offset)
            if s is not None:
                return s
        starts, order, parent, _paths = self._section_index()
        i = bisect.bisect_right(starts, offset) - 1
        s = order[i] if i >= 0 else self.root
        while s is not self.root and not (s.span[0] <= offset < s.span[1]):
            s = parent[id(s)]
        found[offset] = s
        return s

    def section_chain(self, offset: int) -> list[Section]:
        """The sections containing ``offset``, outermost first (the root excluded)."""
        s = self.section_at(offset)
        chains = self.__dict__.setdefault("_chains", {})  # per innermost section
        chain = chains.get(id(s))
        if chain is None:
            parent = self._section_index()[2]
            found = []
            inner = s
            while s is not self.root:
                found.append(s)
                s = parent[id(s)]
            chain = chains[id(inner)] = tuple(reversed(found))
        return list(chain)

    def section_path(self, offset: int) -> str | None:
        """Heading path as numbers written, e.g. ``"二、/（一）/1."``."""
        target = self.section_at(offset)
        if target.heading is None:
            return None
        return self._section_index()[3][id(target)] or None

    def _section_index(self):
        """Sections in text order with their starts, parents and paths (built once)."""
        cached = self.__dict__.get("_sections")
        if cached is None:
            order: list[Section] = []
            parent: dict[int, Section] = {}
            paths: dict[int, str] = {}

            def visit(s: Section, trail: list[str]) -> None:
                for c in s.children:
                    label = c.heading.number or c.heading.title if c.heading else ""
                    parent[id(c)] = s
                    paths[id(c)] = "/".join(trail + [label])
                    order.append(c)
                    visit(c, trail + [label])

            visit(self.root, [])
            order.sort(key=lambda s: s.span[0])  # stable: a parent stays before a child that starts with it
            cached = ([s.span[0] for s in order], order, parent, paths)
            self.__dict__["_sections"] = cached
        return cached

    def locate(self, start: int, end: int | None = None) -> Location:
        """Map a span of ``text`` back to its source location."""
        block = self.block_at(start)
        loc = Location(section=self.section_path(start))
        if isinstance(block, Paragraph):
            loc.page, loc.paragraph, loc.line = block.loc.page, block.loc.paragraph, block.loc.line
        elif isinstance(block, Table):
            loc.page, loc.table = block.loc.page, block.table_no
            found = _cell_at(block, start)
            if found is not None:
                loc.row, loc.column = found
        return loc

    def source_offset(self, offset: int) -> tuple[Block | None, int | None]:
        """The block holding ``offset`` and the matching index into that block's raw text."""
        block = self.block_at(offset)
        if isinstance(block, Paragraph):
            return block, block.offsets.to_raw(offset - block.span[0])
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.offsets and cell.span[0] <= offset < cell.span[1]:
                        return block, cell.offsets.to_raw(offset - cell.span[0])
        return block, None

    def _block_starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None or len(cached) != len(self.blocks):
            cached = [b.span[0] for b in self.blocks]
            self.__dict__["_starts"] = cached
            self.__dict__["_block_at"] = {}
        return cached


def _cell_at(table: Table, offset: int) -> tuple[int, int] | None:
    """(row, column) of the first cell in row order (not a covered position) whose span holds
    ``offset``, an empty cell matching at its own start. Cells laid out by build_document own
    disjoint, increasing spans, so a bisect finds it; anything else is scanned."""
    cached = table.__dict__.get("_cell_index")
    if cached is None:
        cells = [(cell.span[0], cell.span[1], r, c) for r, row in enumerate(table.rows)
                 for c, cell in enumerate(row) if cell.origin is None]
        ordered = all(cells[k][1] <= cells[k + 1][0] and cells[k][0] < cells[k + 1][0] for k in range(len(cells) - 1))
        cached = ([x[0] for x in cells] if ordered else None, cells)
        table.__dict__["_cell_index"] = cached
    starts, cells = cached
    if starts is None:
        for s, e, r, c in cells:
            if s <= offset < e or s == offset == e:
                return r, c
        return None
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0:
        s, e, r, c = cells[i]
        if s <= offset < e or s == offset == e:
            return r, c
    return None


# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit and comparator.

    ``value`` is the number as written (``1211.40`` for "1211.40元"; 3500000 for 三百五十万, whose
    multiplier is part of the numeral; 1.5 with unit "亿元" for "1.5亿元", whose multiplier
    belongs to the unit). For a range, ``value`` is the low end and ``high`` the high end.
    """

    text: str  # verbatim slice of the input
    span: Span
    value: Decimal
    unit: str | None = None  # as written: 万元, %, 个, 人, 亩, 分, 元/m³ ...
    kind: str = "number"  # money | percent | count | area | length | weight | volume | energy | time | score | ratio | rate (元/m³) | number
    comparator: str | None = None  # >= <= > < = ~  (None: none stated)
    high: Decimal | None = None  # the high end of a range
    approximate: bool = False  # 约, 近, 余, 左右, 多
    scale: Decimal = Decimal(1)  # what one unit is worth in the kind's base unit (万元 -> 10000)

    @property
    def is_range(self) -> bool:
        return self.high is not None

    def normalized(self) -> Decimal:
        """The value in the kind's base unit (元 for money, 1 for percent points...)."""
        return self.value * self.scale


# --------------------------------------------------------------------------- claims and findings


@dataclass
class Claim:
    id: str
    role: str  # target | actual | budget | expenditure | rate | weight | score | grade | count | other
    text: str
    span: Span
    metric: str | None = None
    comparator: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    location: Location | None = None
    quantity: Quantity | None = None  # the parsed figure behind the claim (None for a grade)
    period: str | None = None  # 2024年, 1-12月 … when stated next to the figure
    source: str = "text"  # text | table
    column: str | None = None  # the column header of a table cell (年末余额, 年初预算数 …)

    def to_json(self) -> dict:
        return {
            "id": self.id, "role": self.role, "metric": self.metric, "comparator": self.comparator,
            "value": json_number(self.value), "unit": self.unit, "text": self.text, "span": list(self.span),
            "location": self.location.to_json() if self.location else None,
        }


@dataclass
class Evidence:
    text: str
    span: Span
    claim: str | None = None
    location: Location | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "span": list(self.span), "claim": self.claim,
                "location": self.location.to_json() if self.location else None}


@dataclass
class Finding:
    id: str
    rule: str
    category: str
    severity: str
    message: str
    evidence: list[Evidence]
    expected: str | None = None
    suggestion: str | None = None
    message_en: str | None = None  # the same sentence in English (not part of the JSON contract)
    confidence: float | None = None  # how likely an auditor confirms it (the triage model), when one is loaded

    def to_json(self) -> dict:
        d = {"id": self.id, "rule": self.rule, "category": self.category, "severity": self.severity,
             "message": self.message, "evidence": [e.to_json() for e in self.evidence],
             "expected": self.expected, "suggestion": self.suggestion}
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        return d


def json_number(v: Decimal | None):
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() and abs(v) < 2**53 else float(v)
