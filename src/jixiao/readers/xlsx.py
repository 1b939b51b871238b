"""xlsx reader: every visible, non-empty sheet becomes one table (a 自评表 layout).

A 自评表 sheet usually opens with title rows merged across the whole width ("项目支出绩效自评表",
"（2024年度）") and ends with notes ("填表人：…"). Those rows become paragraphs around the
table; the rest of the sheet, trimmed of empty edges, is the table with merges resolved.
Cell values are rendered the way Excel shows them (number formats, percentages, dates).
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import RawCell, RawDocument, RawParagraph, RawTable, SourceLoc
from ._zip import open_zip

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CORRUPT = ("xlsx 文件已损坏或格式不正确，无法读取", "corrupt or malformed xlsx file")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_CELLS = 2_000_000  # a sheet with more used positions than this is refused (pathological)
MAX_LISTED = 50  # uncached formula addresses listed in meta

# Rows at the end of a sheet that are notes, not table rows.
_NOTE_ROW = re.compile(r"^\s*(填表人|填报人|填报单位|填报日期|填表日期|制表人|制表|审核人|复核人|单位负责人|"
                       r"财务负责人|项目负责人|负责人|联系人|联系电话|注[:：释1１]|说明[:：]|备注[:：])")


def read_xlsx(data: bytes, path: Path) -> RawDocument:
    """Read an .xlsx workbook's visible sheets into paragraphs and one table per sheet."""
    if data[:8] == _OLE_MAGIC or data[:4] == _OLE_MAGIC[:4]:
        raise InputError("文件已加密或为旧版 Excel 格式，无法读取；请去除密码并另存为 .xlsx",
                         "encrypted workbook or old Excel (.xls) format; remove the password and save as .xlsx")
    if not data.startswith(b"PK"):
        raise InputError(*_CORRUPT)
    try:
        zf = open_zip(data, "xlsx")
    except InputError as e:
        if "损坏" in e.zh:  # one wording for every kind of damage; bombs/DTDs keep their own
            raise InputError(_CORRUPT[0], e.en) from None
        raise
    names = set(zf.namelist())
    workbook_part = _workbook_part(zf, names)
    if workbook_part is None:
        if any(n.startswith("word/") for n in names) or any(n.startswith("ppt/") for n in names):
            raise InputError("不是有效的 Excel (.xlsx) 文件", "not an Excel (.xlsx) file (looks like another Office format)")
        raise InputError("不是有效的 Excel (.xlsx) 文件", "not an Excel (.xlsx) file (no workbook part)")
    try:
        uncached = _uncached_formulas(zf, workbook_part)
    except InputError:
        raise
    except Exception:  # the scan is a courtesy; openpyxl below decides whether the file is readable
        uncached = {}
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except InputError:
        raise
    except MemoryError:
        raise InputError("xlsx 文件过大，无法读取", "xlsx file too large to read")
    except Exception as e:
        raise InputError(_CORRUPT[0], f"{_CORRUPT[1]} ({type(e).__name__}: {e})")
    try:
        return _read_workbook(wb, uncached)
    except InputError:
        raise
    except Exception as e:  # never let a library error escape as a traceback
        raise InputError(_CORRUPT[0], f"{_CORRUPT[1]} ({type(e).__name__}: {e})")
    finally:
        try:
            wb.close()
        except Exception:
            pass


# --------------------------------------------------------------------------- package parts


def _xml(zf: zipfile.ZipFile, name: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    with zf.open(name) as fh:
        return etree.fromstring(fh.read(), parser)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _rels(zf: zipfile.ZipFile, names: set[str], part: str) -> dict[str, str]:
    """Relationship id -> target part name for ``part``."""
    p = PurePosixPath(part)
    rels_name = str(p.parent / "_rels" / (p.name + ".rels")) if str(p.parent) != "." else f"_rels/{p.name}.rels"
    if rels_name not in names:
        return {}
    out: dict[str, str] = {}
    for el in _xml(zf, rels_name):
        if _local(el.tag) != "Relationship" or el.get("TargetMode") == "External":
            continue
        target = el.get("Target") or ""
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            base = p.parent if str(p.parent) != "." else PurePosixPath("")
            parts: list[str] = []
            for seg in (base / target).parts:
                if seg == "..":
                    if parts:
                        parts.pop()
                elif seg != ".":
                    parts.append(seg)
            resolved = "/".join(parts)
        out[el.get("Id") or ""] = resolved
        out.setdefault("type:" + (el.get("Type") or "").rsplit("/", 1)[-1], resolved)
    return out


def _workbook_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    try:
        rels = _rels(zf, names, ".rels") if "_rels/.rels" in names else {}
    except Exception:
        rels = {}
    target = rels.get("type:officeDocument")
    if target and target in names and "workbook" in target.lower():
        return target
    for cand in ("xl/workbook.xml", "xl/workbook.bin"):
        if cand in names:
            return cand
    return None


def _uncached_formulas(zf: zipfile.ZipFile, workbook_part: str) -> dict[str, list[str]]:
    """Sheet name -> addresses of formula cells that carry no cached value."""
    from lxml import etree

    names = set(zf.namelist())
    rels = _rels(zf, names, workbook_part)
    out: dict[str, list[str]] = {}
    for el in _xml(zf, workbook_part).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = el.get(f"{{{_REL_NS}}}id") or next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        part = rels.get(rid or "")
        if not part or part not in names:
            continue
        found: list[str] = []
        with zf.open(part) as fh:
            for _, c in etree.iterparse(fh, events=("end",), tag="{*}c", resolve_entities=False,
                                        no_network=True, load_dtd=False):
                f = v = None
                for child in c:
                    name = _local(child.tag)
                    if name == "f":
                        f = child
                    elif name == "v":
                        v = child
                # a formula that evaluates to "" is saved as t="str" with an empty <v>: that is cached
                if f is not None and (v is None or (not (v.text or "").strip() and c.get("t") not in ("str", "s", "inlineStr"))):
                    found.append(c.get("r") or "?")
                c.clear()
        if found:
            out[el.get("name") or ""] = found
    return out


# --------------------------------------------------------------------------- sheets


def _read_workbook(wb, uncached: dict[str, list[str]]) -> RawDocument:
    blocks: list = []
    hidden: list[str] = []
    empty: list[str] = []
    uncached_shown: list[str] = []
    n_par = 0
    n_tab = 0
    for ws in wb.worksheets:
        name = ws.title
        if getattr(ws, "sheet_state", "visible") != "visible":
            hidden.append(name)
            continue
        uncached_here = {a.upper() for a in uncached.get(name, [])}
        uncached_shown.extend(f"{name}!{a}" for a in uncached.get(name, []))
        paras_before, grid, paras_after = _sheet_blocks(ws, uncached_here)
        if not paras_before and grid is None and not paras_after:
            empty.append(name)
            continue
        for row_no, text in paras_before:
            blocks.append(RawParagraph(text=text, loc=SourceLoc(part="body", sheet=name, paragraph=n_par, row=row_no)))
            n_par += 1
        if grid is not None:
            blocks.append(RawTable(rows=grid, loc=SourceLoc(part="body", sheet=name, table=n_tab), title=name))
            n_tab += 1
        for row_no, text in paras_after:
            blocks.append(RawParagraph(text=text, loc=SourceLoc(part="body", sheet=name, paragraph=n_par, row=row_no)))
            n_par += 1
    meta: dict[str, str] = {"sheets": str(len(wb.worksheets)), "tables": str(n_tab)}
    if hidden:
        meta["hidden_sheets"] = "、".join(hidden)
    if empty:
        meta["empty_sheets"] = "、".join(empty)
    if uncached_shown:
        listed = ", ".join(uncached_shown[:MAX_LISTED])
        more = len(uncached_shown) - MAX_LISTED
        meta["uncached_formulas"] = listed + (f" …（另有 {more} 个）" if more > 0 else "")
        meta["uncached_formula_count"] = str(len(uncached_shown))
    title = getattr(getattr(wb, "properties", None), "title", None)
    if title and str(title).strip():
        meta["title"] = str(title).strip()
    return RawDocument(blocks=blocks, meta=meta)


def _sheet_blocks(ws, uncached: set[str]):
    """(paragraphs before, table grid or None, paragraphs after) for one sheet.

    Paragraphs are (0-based sheet row, text)."""
    cells = getattr(ws, "_cells", None)
    if cells is None:  # pragma: no cover - openpyxl internals changed
        cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row}
    if len(cells) > MAX_CELLS:
        raise InputError("xlsx 工作表过大，无法读取", f"sheet {ws.title!r} has too many cells ({len(cells)})")
    text: dict[tuple[int, int], str] = {}
    for (r, c), cell in cells.items():
        value = getattr(cell, "value", None)
        if value is None:
            continue
        t = render_cell(cell)
        if t.strip():
            text[(r, c)] = t
    if uncached:
        for addr in uncached:  # the cell shows nothing until Excel recalculates: keep it empty
            m = re.match(r"([A-Z]+)(\d+)$", addr)
            if m:
                from openpyxl.utils import column_index_from_string

                text.pop((int(m.group(2)), column_index_from_string(m.group(1))), None)
    if not text:
        return [], None, []

    # merged regions (absolute 1-based coordinates), keyed by anchor
    merges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in getattr(ws.merged_cells, "ranges", []):
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        if (r0, c0) in covered or (r0, c0) in merges:
            continue  # overlapping merges in a damaged file: keep the first
        merges[(r0, c0)] = (r0, c0, r1, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.setdefault((r, c), (r0, c0))

    rows = sorted({r for r, _ in text})
    R0, R1 = rows[0], rows[-1]
    cols = [c for _, c in text]
    C0, C1 = min(cols), max(cols)
    # a merge anchored inside the content widens it (a title merged over an empty last column)
    for (r, c), (r0, c0, r1, c1) in merges.items():
        if (r, c) in text:
            C1 = max(C1, c1)
            R1 = max(R1, r1)
    width = C1 - C0 + 1
    by_row: dict[int, list[int]] = {}
    for (r, c) in text:
        by_row.setdefault(r, []).append(c)

    def single_wide(r: int) -> tuple[int, int] | None:
        """The (anchor column, last row) when row r is one cell spanning (nearly) the width."""
        cs = by_row.get(r, [])
        if len(cs) != 1:
            return None
        c = cs[0]
        if any((r, cc) in covered and covered[(r, cc)][0] < r for cc in range(C0, C1 + 1)):
            return None  # a merge from the row above runs through this row
        m = merges.get((r, c))
        if m is not None:
            span = min(m[3], C1) - max(m[1], C0) + 1
            if span >= 2 and span >= min(width - 1, math.ceil(0.8 * width)):
                return c, m[2]
            return None
        # an unmerged lone cell ("附件1", a title centred across the selection)
        if width >= 3 and not any((r, cc) in covered for cc in range(C0, C1 + 1)):
            return c, r
        return None

    before: list[tuple[int, str]] = []
    r = R0
    while r <= R1:
        if r not in by_row:
            r += 1
            continue
        hit = single_wide(r)
        if hit is None:
            break
        before.append((r - 1, text[(r, hit[0])]))
        r = hit[1] + 1
    top = r

    after: list[tuple[int, str]] = []
    r = R1
    while r >= top:
        if r not in by_row:
            r -= 1
            continue
        if any((r, cc) in covered and covered[(r, cc)][0] < r for cc in range(C0, C1 + 1)):
            break
        cs = sorted(by_row[r])
        first = text[(r, cs[0])]
        merged_wide = single_wide(r)
        if merged_wide is not None and (merges.get((r, cs[0])) is not None or _NOTE_ROW.match(first)):
            after.append((r - 1, text[(r, cs[0])]))
        elif _NOTE_ROW.match(first) and r > top:
            after.append((r - 1, "  ".join(text[(r, c)].strip() for c in cs)))
        else:
            break
        r -= 1
    bottom = r
    after.reverse()

    if bottom < top:
        return before, None, after
    # the table's own bounding box
    tcells = [(rr, cc) for (rr, cc) in text if top <= rr <= bottom]
    if not tcells:
        return before, None, after
    tr0 = min(rr for rr, _ in tcells)
    tr1 = max(rr for rr, _ in tcells)
    tc0 = min(cc for _, cc in tcells)
    tc1 = max(cc for _, cc in tcells)
    for (ar, ac), (r0, c0, r1, c1) in merges.items():
        if (ar, ac) in text and tr0 <= ar <= tr1 and tc0 <= ac <= tc1:
            tr1 = max(tr1, min(r1, bottom))
            tc1 = max(tc1, c1)
    nrows, ncols = tr1 - tr0 + 1, tc1 - tc0 + 1
    grid: list[list[RawCell | None]] = [[None] * ncols for _ in range(nrows)]
    for (ar, ac), (r0, c0, r1, c1) in merges.items():
        if not (tr0 <= ar <= tr1 and tc0 <= ac <= tc1):
            continue
        r1, c1 = min(r1, tr1), min(c1, tc1)
        gr, gc = ar - tr0, ac - tc0
        grid[gr][gc] = RawCell(text=text.get((ar, ac), ""), rowspan=r1 - ar + 1, colspan=c1 - ac + 1)
        for rr in range(ar, r1 + 1):
            for cc in range(ac, c1 + 1):
                if (rr, cc) != (ar, ac) and grid[rr - tr0][cc - tc0] is None:
                    grid[rr - tr0][cc - tc0] = RawCell(text="", origin=(gr, gc))
    for rr in range(nrows):
        for cc in range(ncols):
            if grid[rr][cc] is None:
                grid[rr][cc] = RawCell(text=text.get((rr + tr0, cc + tc0), ""))
    return before, grid, after


# --------------------------------------------------------------------------- values


_CJK_DATE_IDS = {27: "ym", 28: "md", 29: "md", 30: "mdy", 31: "ymd", 32: "hm", 33: "hms", 34: "hm", 35: "hms",
                 36: "ym", 50: "ym", 51: "md", 52: "ym", 53: "md", 54: "md", 55: "hm", 56: "hms", 57: "ym",
                 58: "md"}


def render_cell(cell) -> str:
    """A cell's value as Excel shows it."""
    value = cell.value
    fmt = getattr(cell, "number_format", None) or "General"
    try:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, str):
            return value
        if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
            return format_date(value, fmt)
        if isinstance(value, _dt.timedelta):
            secs = int(value.total_seconds())
            sign = "-" if secs < 0 else ""
            secs = abs(secs)
            return f"{sign}{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
        if isinstance(value, (int, float, Decimal)):
            fmt_id = getattr(getattr(cell, "_style", None), "numFmtId", None)
            if fmt_id in _CJK_DATE_IDS and fmt in ("General", None):
                return _cjk_builtin_date(value, _CJK_DATE_IDS[fmt_id])
            return format_number(value, fmt)
        return str(value)
    except Exception:
        return str(value) if value is not None else ""


def _cjk_builtin_date(value, kind: str) -> str:
    from openpyxl.utils.datetime import from_excel

    d = from_excel(value)
    if isinstance(d, _dt.timedelta):
        return str(d)
    if kind == "ym":
        return f"{d.year}年{d.month}月"
    if kind == "md":
        return f"{d.month}月{d.day}日"
    if kind == "mdy":
        return f"{d.month}-{d.day}-{d.year % 100:02d}"
    if kind == "ymd":
        return f"{d.year}年{d.month}月{d.day}日"
    if kind == "hm":
        return f"{d.hour}时{d.minute:02d}分"
    return f"{d.hour}时{d.minute:02d}分{d.second:02d}秒"


def format_date(value, fmt: str) -> str:
    """A date/time as 2024-12-31 or 2024年12月31日, following the cell's format."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', lambda m: m.group(0)[1:-1] if m.group(0).startswith('"') else
                  (m.group(0)[1:] if m.group(0).startswith("\\") else ""), fmt or "")
    low = bare.lower()
    chinese = "年" in bare or "月" in bare or "日" in bare
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M:%S" if "s" in low else "%H:%M")
    d = value
    has_time = isinstance(d, _dt.datetime) and ("h" in low or (low in ("", "general") and d.time() != _dt.time(0)))
    if chinese:
        if "y" in low and "d" in low:
            s = f"{d.year}年{d.month}月{d.day}日"
        elif "y" in low:
            s = f"{d.year}年{d.month}月"
        else:
            s = f"{d.month}月{d.day}日"
    else:
        s = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if has_time:
        s += f" {d.hour:02d}:{d.minute:02d}" + (f":{d.second:02d}" if ":s" in low else "")
    return s


def _general(v) -> str:
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        v = float(v)
    if math.isnan(v) or math.isinf(v):
        return "#NUM!"
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    s = format(v, ".15g")
    if "e" in s:
        exp = int(s.split("e")[1])
        if -10 <= exp < 15:
            s = format(Decimal(s), "f")
            if "." in s:
                s = s.rstrip("0").rstrip(".")
        else:
            s = s.upper()
    return s


def _split_sections(fmt: str) -> list[str]:
    out, cur, i, quoted = [], [], 0, False
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(fmt):
            cur.append(fmt[i : i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _parse_section(sec: str):
    """(prefix, numeric pattern, suffix, percent count, sci) or None when not a plain number format."""
    prefix: list[str] = []
    suffix: list[str] = []
    numeric: list[str] = []
    percent = 0
    sci = None
    state = 0  # 0 before the number, 1 inside it, 2 after it
    i = 0
    while i < len(sec):
        ch = sec[i]
        lit = None
        if ch == '"':
            j = sec.find('"', i + 1)
            j = len(sec) if j < 0 else j
            lit = sec[i + 1 : j]
            i = j + 1
        elif ch == "\\":
            lit = sec[i + 1 : i + 2]
            i += 2
        elif ch in "_*":
            i += 2
            continue
        elif ch == "[":
            j = sec.find("]", i)
            j = len(sec) if j < 0 else j
            inner = sec[i + 1 : j]
            i = j + 1
            if inner.startswith("$"):
                lit = inner[1:].split("-")[0]
            elif re.match(r"^[<>=]", inner):
                return None  # conditional sections: leave to the general rendering
            else:
                continue
        elif ch in "0#?.," and state < 2:
            if state == 0:
                state = 1
            numeric.append(ch)
            i += 1
            continue
        elif ch in "Ee" and state == 1 and i + 1 < len(sec) and sec[i + 1] in "+-":
            j = i + 2
            while j < len(sec) and sec[j] in "0#?":
                j += 1
            sci = sec[i:j]
            i = j
            state = 2
            continue
        elif ch == "%":
            percent += 1
            lit = "%"
            i += 1
        elif ch == "@" or ch.lower() in "ymdhs" or ch in "0#?":
            return None  # text placeholder, a date code, or a second number run
        else:
            lit = ch
            i += 1
        if lit is not None:
            if state == 0:
                prefix.append(lit)
            else:
                state = 2
                suffix.append(lit)
    if not numeric:
        return None
    return "".join(prefix), "".join(numeric), "".join(suffix), percent, sci


def format_number(v, fmt: str) -> str:
    """Render a number with an Excel number format (the common subset: decimals, thousands,
    percent, literal prefixes/suffixes, scientific); anything else in General style."""
    if fmt is None or fmt.strip().lower() in ("", "general", "@", "常规", "g/通用格式"):
        return _general(v)
    sections = _split_sections(fmt)
    neg_section = False
    sec = sections[0]
    if v < 0 and len(sections) >= 2 and sections[1].strip():
        sec, neg_section = sections[1], True
    elif v == 0 and len(sections) >= 3 and sections[2].strip():
        sec = sections[2]
    parsed = _parse_section(sec)
    if parsed is None:
        return _general(v)
    prefix, pattern, suffix, percent, sci = parsed
    try:
        d = Decimal(repr(float(v))) if isinstance(v, float) else Decimal(v)
    except (InvalidOperation, ValueError):
        return _general(v)
    if neg_section:
        d = abs(d)
    d = d * (Decimal(100) ** percent)
    int_spec, _, frac_spec = pattern.partition(".")
    scale_commas = 0
    spec = frac_spec if "." in pattern else int_spec
    while spec.endswith(","):
        spec = spec[:-1]
        scale_commas += 1
    if "." in pattern:
        frac_spec = spec
    else:
        int_spec = spec
    d = d / (Decimal(1000) ** scale_commas)
    thousands = "," in int_spec.strip(",")
    frac_ph = [ch for ch in frac_spec if ch in "0#?"]
    dmax = len(frac_ph)
    dmin = max((i + 1 for i, ch in enumerate(frac_ph) if ch in "0?"), default=0)
    int_min = sum(1 for ch in int_spec if ch == "0")
    if sci:
        mant = format(float(d), f".{dmax}E")
        m, _, e = mant.partition("E")
        exp_digits = max(1, sum(1 for ch in sci if ch in "0#?"))
        ev = int(e)
        body = f"{m}E{'-' if ev < 0 else ('+' if '+' in sci else '')}{abs(ev):0{exp_digits}d}"
        return f"{prefix}{body}{suffix}"
    q = d.quantize(Decimal(1).scaleb(-dmax), rounding=ROUND_HALF_UP)
    negative = q < 0
    s = format(abs(q), "f")
    ipart, _, fpart = s.partition(".")
    fpart = fpart.ljust(dmax, "0")[:dmax]
    while len(fpart) > dmin and fpart.endswith("0"):
        fpart = fpart[:-1]
    if ipart == "0" and int_min == 0:
        ipart = ""
    ipart = ipart.zfill(int_min) if ipart or int_min else ipart
    if thousands and ipart:
        ipart = f"{int(ipart):,}".rjust(int_min, "0")
    number = ipart + ("." + fpart if fpart else "")
    if not number:
        number = "0" if not prefix and not suffix else ""
    sign = "-" if negative else ""
    return f"{sign}{prefix}{number}{suffix}"
