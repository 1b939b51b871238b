"""Build small PDF fixtures the way Word prints a report: fixed-width lines wrapped wherever
the next character no longer fits (mid-sentence, even between a number and its unit), a
running header, page numbers in the footer, ruled tables.

Uses reportlab with its built-in CID font STSong-Light, so no font file is needed.
Every line drawn is recorded in ``PdfBuilder.drawn`` as (page, text) so a test can check
that a fixture really wraps where it means to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# characters Word never puts at the start of a line (they stay with the previous one)
_NO_LINE_START = set("，。、；：！？）》」』”’%％")
_LATIN = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-+/")


def _units(text: str) -> list[str]:
    """Split text into unbreakable units: a Latin/digit run or one CJK character, each with
    the closing punctuation that follows it."""
    units: list[str] = []
    i = 0
    while i < len(text):
        j = i + 1
        if text[i] in _LATIN:
            while j < len(text) and text[j] in _LATIN:
                j += 1
        while j < len(text) and text[j] in _NO_LINE_START:
            j += 1
        units.append(text[i:j])
        i = j
    return units


@dataclass
class PdfBuilder:
    path: Path
    header: str | None = None  # running header drawn at the top of every page
    page_numbers: str | None = "dash"  # dash: "- 3 -" | of: "第 3 页 共 8 页" | plain: "3" | None
    encrypt: str | None = None  # user password
    size: float = 12.0
    pitch: float = 18.0  # baseline to baseline inside a paragraph
    para_space: float = 0.0  # extra space after a paragraph
    left: float = 80.0
    width: float = 432.0  # 36 CJK characters at 12 pt
    top: float = 760.0
    bottom: float = 80.0
    drawn: list[tuple[int, str]] = field(default_factory=list)
    _ops: list[tuple] = field(default_factory=list)

    # ------------------------------------------------------------------ content
    def heading(self, text: str) -> "PdfBuilder":
        self._ops.append(("para", text, 0.0))
        return self

    def para(self, text: str, indent: bool = True) -> "PdfBuilder":
        self._ops.append(("para", text, 2 * self.size if indent else 0.0))
        return self

    def table(self, data: list[list[str]], spans: list[tuple[tuple[int, int], tuple[int, int]]] = (),
              col_widths: list[float] | None = None, repeat_rows: int = 0) -> "PdfBuilder":
        """A ruled table; ``spans`` are reportlab SPAN commands ((c0, r0), (c1, r1))."""
        self._ops.append(("table", data, list(spans), col_widths, repeat_rows))
        return self

    def page_break(self) -> "PdfBuilder":
        self._ops.append(("break",))
        return self

    def wrap(self, text: str, indent: float = 0.0) -> list[str]:
        lines, cur, avail = [], "", self.width - indent
        for u in _units(text):
            w = pdfmetrics.stringWidth(cur + u, FONT, self.size)
            if cur and w > avail + 0.01:
                lines.append(cur)
                cur, avail = u, self.width
            else:
                cur += u
        if cur:
            lines.append(cur)
        return lines

    # ------------------------------------------------------------------ output
    def build(self) -> Path:
        pages: list[list[tuple]] = [[]]
        y = self.top

        def new_page():
            nonlocal y
            pages.append([])
            y = self.top

        for op in self._ops:
            if op[0] == "break":
                new_page()
            elif op[0] == "para":
                _, text, indent = op
                for k, line in enumerate(self.wrap(text, indent)):
                    if y - self.size < self.bottom:
                        new_page()
                    pages[-1].append(("text", self.left + (indent if k == 0 else 0), y - self.size, line))
                    y -= self.pitch
                y -= self.para_space
            else:
                _, data, spans, col_widths, repeat = op
                t = self._make_table(data, spans, col_widths, repeat)
                while t is not None:
                    _, h = t.wrap(self.width, y - self.bottom)
                    if h <= y - self.bottom:
                        pages[-1].append(("table", self.left, y - h, t))
                        y -= h + self.pitch
                        t = None
                        continue
                    parts = t.split(self.width, y - self.bottom)
                    if len(parts) < 2:  # nothing fits here: start on the next page
                        if pages[-1]:
                            new_page()
                            continue
                        raise ValueError("table too tall for one page")
                    first, t = parts[0], parts[1]
                    _, h = first.wrap(self.width, y - self.bottom)
                    pages[-1].append(("table", self.left, y - h, first))
                    new_page()

        c = canvas.Canvas(str(self.path), pagesize=A4, encrypt=self.encrypt)
        pw, ph = A4
        total = len(pages)
        for n, items in enumerate(pages, start=1):
            c.setFont(FONT, 9)
            if self.header:
                c.drawCentredString(pw / 2, ph - 45, self.header)
                c.line(self.left, ph - 50, self.left + self.width, ph - 50)
            if self.page_numbers:
                label = {"dash": f"- {n} -", "of": f"第 {n} 页 共 {total} 页", "plain": str(n)}[self.page_numbers]
                c.drawCentredString(pw / 2, 40, label)
            c.setFont(FONT, self.size)
            for item in items:
                if item[0] == "text":
                    _, x, y0, line = item
                    c.drawString(x, y0, line)
                    self.drawn.append((n, line))
                else:
                    _, x, y0, t = item
                    t.drawOn(c, x, y0)
            c.showPage()
        c.save()
        return self.path

    def _make_table(self, data, spans, col_widths, repeat):
        t = Table(data, colWidths=col_widths, repeatRows=repeat)
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, 10.5),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        style += [("SPAN", a, b) for a, b in spans]
        t.setStyle(TableStyle(style))
        return t


def image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scanned' PDF: shapes only, no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        for k in range(40):
            c.setFillGray(0.2 + (k % 5) / 10)
            c.rect(80, 780 - k * 17, 200 + (k * 37) % 230, 9, stroke=0, fill=1)
        c.showPage()
    c.save()
    return path
