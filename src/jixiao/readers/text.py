"""Plain text and markdown: encoding detection, hard-wrapped lines, tab and pipe tables."""
from __future__ import annotations

import codecs
import re as _stdre
from pathlib import Path

import regex as re

from ..errors import InputError
from ..model import RawCell, RawDocument, RawParagraph, RawTable, SourceLoc
from ..document import is_continuation
from ..normalize import strip_markdown_line

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CANDIDATES = ["gb18030", "big5", "utf-16-le", "utf-16-be"]
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# control characters (other than tab, newlines, form feed), private-use characters, U+FFFD
# (a plain character class: the standard library scans a long text for it faster)
_BAD_CHAR = _stdre.compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOM, then UTF-8, then the best of GB18030/Big5/UTF-16."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + "-bom"
            except UnicodeDecodeError:
                break
    nul = data.count(b"\x00")
    if nul:
        # UTF-16 without a BOM: NULs at every other byte on ASCII, rarely on CJK.
        even, odd = data[0::2].count(b"\x00"), data[1::2].count(b"\x00")
        for enc in (("utf-16-le",) if odd > even else ("utf-16-be",)):
            try:
                text = data.decode(enc)
                if _looks_like_text(text):
                    return text, enc
            except UnicodeDecodeError:
                pass
        raise InputError("文件不是文本（疑似二进制文件）", "not a text file (looks binary)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES + ["utf-8"]).best()
    encs = ([best.encoding] if best else []) + _CANDIDATES
    for enc in encs:
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030"}.get(enc, enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, enc
    raise InputError("无法识别文件的文字编码（不是 UTF-8/GB18030/UTF-16 文本）",
                     "cannot detect the text encoding (not UTF-8/GB18030/UTF-16)")


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    bad = len(_BAD_CHAR.findall(sample))
    return bad <= len(sample) * 0.01


def read_txt(data: bytes, path: Path) -> RawDocument:
    text, enc = decode(data)
    if not _looks_like_text(text):
        raise InputError("文件不是文本（疑似二进制文件）", "not a text file (looks binary)")
    return _parse_lines(text, markdown=False, encoding=enc)


def read_md(data: bytes, path: Path) -> RawDocument:
    text, enc = decode(data)
    if not _looks_like_text(text):
        raise InputError("文件不是文本（疑似二进制文件）", "not a text file (looks binary)")
    return _parse_lines(text, markdown=True, encoding=enc)


def _parse_lines(text: str, *, markdown: bool, encoding: str) -> RawDocument:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list = []
    para: list[str] = []
    para_line = 0
    para_level: int | None = None
    n_par = n_tab = 0

    def flush():
        nonlocal para, para_level, n_par
        if para:
            blocks.append(RawParagraph(text="\n".join(para), loc=SourceLoc(paragraph=n_par, line=para_line),
                                       outline_level=para_level, style="markdown heading" if para_level else None))
            n_par += 1
        para, para_level = [], None

    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
            i += 1
            continue
        table, j = _table_at(lines, i, markdown)
        if table is not None:
            flush()
            table.loc = SourceLoc(table=n_tab, line=i + 1)
            blocks.append(table)
            n_tab += 1
            i = j
            continue
        body, _, level = strip_markdown_line(line)
        if not markdown:
            level = None
            if line.lstrip().startswith("#"):
                body = line
        if level is not None:
            flush()
            para, para_line, para_level = [body], i + 1, level
            flush()
            i += 1
            continue
        if para and not is_continuation(para[-1], body):
            flush()
        if not para:
            para_line = i + 1
        para.append(body)
        i += 1
    flush()
    return RawDocument(blocks=blocks, meta={"encoding": encoding})


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _table_at(lines: list[str], i: int, markdown: bool) -> tuple[RawTable | None, int]:
    """A tab-separated (≥2 rows) or markdown pipe table starting at line ``i``."""
    line = lines[i]
    if "|" not in line and "\t" not in line:
        return None, i  # every kind of table row holds a pipe or a tab
    if _PIPE_ROW.match(line) and i + 1 < len(lines) and _PIPE_SEP.match(lines[i + 1]):
        rows = [_pipe_cells(line)]
        j = i + 2
        while j < len(lines) and _PIPE_ROW.match(lines[j]):
            rows.append(_pipe_cells(lines[j]))
            j += 1
        return _grid(rows), j
    if line.lstrip().startswith("|") and line.count("|") >= 2:
        return _pipe_block(lines, i)
    if "\t" not in line.strip("\t "):
        return None, i
    rows = []
    j = i
    while j < len(lines):
        cur = lines[j]
        if "\t" in cur.strip("\t ") or (rows and "\t" in cur and cur.strip()):
            rows.append(_cells(cur.strip("\n")))
            j += 1
            continue
        # a blank line inside a table, when the table goes on right after it
        if not cur.strip() and j + 1 < len(lines) and "\t" in lines[j + 1].strip("\t ") and rows:
            j += 1
            continue
        break
    if len(rows) < 2:
        return None, i
    return _grid(rows), j


def _pipe_block(lines: list[str], i: int) -> tuple[RawTable | None, int]:
    """Rows flattened from a web table: each row starts with "|"; a line that does not start
    with "|" continues the cell before it (pages break long cells over lines)."""
    rows: list[str] = []
    j = i
    while j < len(lines) and lines[j].strip() and "|" in lines[j]:
        cur = lines[j].strip()
        if cur.startswith("|") or not rows:
            rows.append(cur)
        else:
            rows[-1] += cur
        j += 1
    cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows if not _PIPE_SEP.match(r)]
    cells = [_trim_empty(r) for r in cells]
    cells = [r for r in cells if any(r)]
    if len(cells) < 2:
        return None, i
    return _grid(cells), j


def _trim_empty(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row.pop()
    return row


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    return [c.strip() for c in s.strip("|").split("|")]


def _grid(rows: list[list[str]]) -> RawTable:
    width = max(len(r) for r in rows)
    return RawTable(rows=[[RawCell(text=t) for t in r] + [RawCell(text="") for _ in range(width - len(r))]
                          for r in rows])
