"""Word (.docx) reader: body paragraphs and tables in order, with Word's automatic numbering.

The package is read with :mod:`zipfile` (through :func:`._zip.open_zip`, which refuses corrupt
zips, zip bombs and XML with a DTD) and every part is parsed with lxml; nothing else is loaded,
so a long report reads in a few milliseconds.

What a reader of the printed report sees is what ends up in the text:

* runs: ``w:t`` text, tabs, breaks, no-break hyphens and symbols; inserted revisions kept,
  deleted ones dropped; field instructions dropped, field results kept;
* automatic numbers (``numbering.xml``) rendered and put in front of the paragraph text, their
  length recorded in ``auto_number_len``;
* tables as full rectangular grids, merged regions resolved (text in the top-left cell, the
  positions it covers pointing back at it);
* text boxes, headers, footers, foot/endnotes and comments kept out of the body, in ``extras``.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import RawCell, RawDocument, RawParagraph, RawTable, SourceLoc
from ._zip import open_zip

# --------------------------------------------------------------------------- names

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", M_NS.encode()),
)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = _w("val")
P, R, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, TCPR, TRPR, TBLGRID, GRIDCOL = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr"), _w("tblGrid"), _w("gridCol")
SDT, SDTPR, SDTCONTENT, CUSTOMXML = _w("sdt"), _w("sdtPr"), _w("sdtContent"), _w("customXml")
TAB, PTAB, BR, CR, NBHYPHEN, SOFTHYPHEN, SYM = _w("tab"), _w("ptab"), _w("br"), _w("cr"), _w("noBreakHyphen"), _w("softHyphen"), _w("sym")
FLDCHAR, INSTRTEXT, FLDSIMPLE = _w("fldChar"), _w("instrText"), _w("fldSimple")
DRAWING, PICT, OBJECT, TXBXCONTENT = _w("drawing"), _w("pict"), _w("object"), _w("txbxContent")
RUBY, RUBYBASE = _w("ruby"), _w("rubyBase")
DEL, MOVEFROM = _w("del"), _w("moveFrom")
NUMPR, NUMID, ILVL, PSTYLE, OUTLINELVL = _w("numPr"), _w("numId"), _w("ilvl"), _w("pStyle"), _w("outlineLvl")
GRIDSPAN, VMERGE, HMERGE, GRIDBEFORE, GRIDAFTER = _w("gridSpan"), _w("vMerge"), _w("hMerge"), _w("gridBefore"), _w("gridAfter")
SECTPR = _w("sectPr")
ALTERNATE, CHOICE, FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
OMATH, OMATHPARA, M_T = f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara", f"{{{M_NS}}}t"
R_ID = f"{{{R_NS}}}id"

# inline containers whose content is shown as-is
_INLINE_DESCEND = frozenset(
    _w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "dir", "bdo")
)
_UI_NAMES = {
    "caption": "Caption", "footer": "Footer", "header": "Header",
    **{f"heading {i}": f"Heading {i}" for i in range(1, 10)},
}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*[1-9]$", re.IGNORECASE)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_MAX_COLS = 256  # Word allows 63 columns; a bigger span or grid is damage, not content
_SEPARATOR_NOTES = {"separator", "continuationSeparator", "continuationNotice"}

# Symbol font code points (w:sym w:char="F0B3" ...) that carry meaning in a report
_SYMBOL_FONT = {
    0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xB9: "≠", 0xBB: "≈",
    0xA5: "∞", 0xD6: "√", 0xAE: "→", 0xAC: "←", 0xB7: "•", 0x25: "%", 0x2D: "−", 0x2B: "+",
    0x3C: "<", 0x3E: ">", 0x3D: "=",
}


def _on(el) -> bool:
    """An OOXML on/off property: present and not val=0/false/off."""
    if el is None:
        return False
    return el.get(W_VAL, "true").lower() not in ("0", "false", "off")


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL))
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- entry point


def read_docx(data: bytes, path: Path) -> RawDocument:
    """Read a .docx file's bytes into a RawDocument (raises InputError, never anything else)."""
    if data[:4] == _OLE_MAGIC:
        raise InputError("文件已加密或为旧版 Word 格式，无法读取；请去除密码并另存为 .docx",
                         "encrypted or legacy Word file; remove the password and save as .docx")
    zf = None
    try:
        zf = open_zip(data, "docx")
        return _Reader(zf).read()
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - every failure becomes a one-line user error
        raise InputError("docx 文件已损坏或格式不正确，无法读取", f"malformed docx ({type(e).__name__}: {e})")
    finally:
        if zf is not None:
            zf.close()


# --------------------------------------------------------------------------- package


class _Package:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.names = {n.lower(): n for n in zf.namelist()}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def xml(self, name: str):
        real = self.names.get(name.lower())
        if real is None:
            return None
        data = self.zf.read(real)
        if b"purl.oclc.org/ooxml" in data[:4096]:
            for strict, transitional in _STRICT:
                data = data.replace(strict, transitional)
        return etree.fromstring(data, _PARSER)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship type suffix, target part name) for a part ("" = the package)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root:
            if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
        return out


# --------------------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str
    based_on: str | None = None
    outline: int | None = None  # raw w:outlineLvl value (0-9)
    num_id: int | None = None
    ilvl: int | None = None
    has_numpr: bool = False


class _Styles:
    def __init__(self, root):
        self.by_id: dict[str, _Style] = {}
        self.numbering_styles: dict[str, int | None] = {}  # styleId of a numbering style -> numId
        self.default: str | None = None
        self._cache: dict[str, tuple] = {}
        if root is None:
            return
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if not sid:
                continue
            stype = st.get(_w("type"), "paragraph")
            ppr = st.find(PPR)
            numpr = ppr.find(NUMPR) if ppr is not None else None
            if stype == "numbering":
                self.numbering_styles[sid] = _int(numpr.find(NUMID)) if numpr is not None else None
                continue
            if stype != "paragraph":
                continue
            name_el = st.find(_w("name"))
            name = name_el.get(W_VAL) if name_el is not None else None
            name = _UI_NAMES.get((name or "").lower(), name) or sid
            based = st.find(_w("basedOn"))
            style = _Style(name=name, based_on=based.get(W_VAL) if based is not None else None)
            if ppr is not None:
                style.outline = _int(ppr.find(OUTLINELVL))
            if numpr is not None:
                style.has_numpr = True
                style.num_id = _int(numpr.find(NUMID))
                style.ilvl = _int(numpr.find(ILVL))
            self.by_id[sid] = style
            if self.default is None and st.get(_w("default")) in ("1", "true", "on"):
                self.default = sid

    def name(self, sid: str | None) -> str | None:
        if sid is None:
            return None
        st = self.by_id.get(sid)
        return st.name if st else sid

    def resolved(self, sid: str | None) -> tuple[int | None, tuple[int | None, int | None, str] | None]:
        """(outline level 1-based or None, (numId, ilvl, styleId that holds numPr) or None)."""
        if sid is None:
            return None, None
        hit = self._cache.get(sid)
        if hit is not None:
            return hit
        outline: int | None = None
        outline_found = False
        num: tuple[int | None, int | None, str] | None = None
        name_level: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            st = self.by_id.get(cur)
            if st is None:
                break
            if not outline_found and st.outline is not None:
                outline_found = True
                outline = st.outline + 1 if 0 <= st.outline <= 8 else None
            if name_level is None:
                m = _HEADING_NAME.match(st.name.strip())
                if m:
                    name_level = int(m.group(1))
            if num is None and st.has_numpr:
                num = (st.num_id, st.ilvl, cur)
            cur = st.based_on
        if not outline_found:
            outline = name_level
        result = (outline, num)
        self._cache[sid] = result
        return result


# --------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart (1-based level; 0 = never)
    is_lgl: bool = False
    suff: str = "tab"
    pstyle: str | None = None


def _parse_level(el) -> _Level:
    lv = _Level()
    lv.start = _int(el.find(_w("start")), 1)
    fmt = el.find(_w("numFmt"))
    if fmt is not None:
        lv.fmt = fmt.get(W_VAL, "decimal")
    txt = el.find(_w("lvlText"))
    if txt is not None:
        lv.text = txt.get(W_VAL)
    lv.restart = _int(el.find(_w("lvlRestart")))
    lv.is_lgl = _on(el.find(_w("isLgl")))
    suff = el.find(_w("suff"))
    if suff is not None:
        lv.suff = suff.get(W_VAL, "tab")
    ps = el.find(PSTYLE)
    if ps is not None:
        lv.pstyle = ps.get(W_VAL)
    return lv


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, _Level] = field(default_factory=dict)  # full w:lvl overrides


class _Numbering:
    """numbering.xml definitions; counters live in a :class:`_Counters` per story."""

    def __init__(self, root, styles: _Styles):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink target style
        self.nums: dict[int, _Num] = {}
        self.styles = styles
        self._cache: dict[int, tuple[str, dict[int, _Level], dict[int, int]] | None] = {}
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in an.findall(_w("lvl")):
                try:
                    levels[int(lvl.get(_w("ilvl"), "0"))] = _parse_level(lvl)
                except ValueError:
                    continue
            self.abstracts[aid] = levels
            link = an.find(_w("numStyleLink"))
            if link is not None and link.get(W_VAL):
                self.style_link[aid] = link.get(W_VAL)
        for num in root.iter(_w("num")):
            try:
                nid = int(num.get(_w("numId")))
            except (TypeError, ValueError):
                continue
            aid_el = num.find(_w("abstractNumId"))
            if aid_el is None:
                continue
            n = _Num(abstract=aid_el.get(W_VAL, ""))
            for ov in num.findall(_w("lvlOverride")):
                try:
                    ilvl = int(ov.get(_w("ilvl"), "0"))
                except ValueError:
                    continue
                so = ov.find(_w("startOverride"))
                if so is not None:
                    n.starts[ilvl] = _int(so, 1)
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    n.levels[ilvl] = _parse_level(lvl)
            self.nums[nid] = n

    def definition(self, num_id: int) -> tuple[str, dict[int, _Level], dict[int, int]] | None:
        """(counter key, levels, start overrides) for a numId, following numStyleLink."""
        if num_id not in self._cache:
            self._cache[num_id] = self._definition(num_id)
        return self._cache[num_id]

    def _definition(self, num_id: int) -> tuple[str, dict[int, _Level], dict[int, int]] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        seen = set()
        while aid in self.style_link and aid not in seen:  # abstractNum -> numbering style -> num
            seen.add(aid)
            linked_num = self.styles.numbering_styles.get(self.style_link[aid])
            target = self.nums.get(linked_num) if linked_num is not None else None
            if target is None:
                break
            aid = target.abstract
        levels = self.abstracts.get(aid)
        if levels is None:
            return None
        if num.levels:
            levels = {**levels, **num.levels}
        # nums sharing an abstractNum share counters, except one that restarts by an override
        key = f"num:{num_id}" if (num.starts or num.levels) else f"abs:{aid}"
        return key, levels, num.starts

    def level_for_style(self, num_id: int, style_id: str) -> int:
        d = self.definition(num_id)
        if d:
            for ilvl, lv in d[1].items():
                if lv.pstyle == style_id:
                    return ilvl
        return 0


class _Counters:
    def __init__(self, numbering: _Numbering):
        self.numbering = numbering
        self.lists: dict[str, dict[int, int]] = {}

    def next(self, num_id: int, ilvl: int) -> str:
        d = self.numbering.definition(num_id)
        if d is None:
            return ""
        key, levels, starts = d
        ilvl = max(0, min(ilvl, 8))
        lv = levels.get(ilvl)
        if lv is None:
            return ""
        counters = self.lists.setdefault(key, {})

        def start(i: int) -> int:
            if i in starts:
                return starts[i]
            return levels[i].start if i in levels else 1

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            other = levels.get(deeper)
            restart = other.restart if other is not None and other.restart is not None else deeper
            if restart != 0 and ilvl < restart:
                del counters[deeper]
        if lv.fmt == "bullet" or not lv.text:
            return ""

        def sub(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if i not in levels:
                return ""
            value = counters.get(i, start(i))
            fmt = "decimal" if lv.is_lgl and levels[i].fmt not in ("none", "bullet") else levels[i].fmt
            return format_number(value, fmt)

        number = re.sub(r"%([1-9])", sub, lv.text)
        if not number.strip():
            return ""
        if lv.suff == "space":
            return number + " "
        if lv.suff == "nothing":
            return number
        return number if number[-1] in "、.．。)）:：,，]】" or number[-1].isspace() else number + " "


# --------------------------------------------------------------------------- number formats

_CN_SMALL = ("零一二三四五六七八九", ("", "十", "百", "千"))
_CN_LEGAL = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))
_CN_LEGAL_TRAD = ("零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟"))
_BIG = ("", "万", "亿", "兆")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str, units: tuple[str, ...], short_ten: bool) -> str:
    """Chinese counting: 1 一, 10 十 (壹拾 when not short_ten), 21 二十一, 101 一百零一, 10010 一万零一十."""
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 10000 ** len(_BIG):
        return str(n)
    groups: list[int] = []
    rest = n
    while rest:
        groups.append(rest % 10000)
        rest //= 10000
    out: list[str] = []
    gap = False  # a zero group was skipped since the last output
    for gi in range(len(groups) - 1, -1, -1):
        g = groups[gi]
        if g == 0:
            gap = True
            continue
        if out and (gap or g < 1000):
            out.append(digits[0])
        gap = False
        s = ""
        zero = False
        for pos in (3, 2, 1, 0):
            d = g // 10 ** pos % 10
            if d == 0:
                zero = zero or bool(s)
                continue
            if zero:
                s += digits[0]
                zero = False
            s += digits[d] + units[pos]
        out.append(s + _BIG[gi])
    result = "".join(out)
    if short_ten and result.startswith(digits[1] + units[1]):  # 十一, 十万 rather than 一十一
        result = result[1:]
    return result


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    if not 0 < n <= 26 * 30:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _circled(n: int) -> str:
    if n == 0:
        return "⓪"
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEO_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def format_number(n: int, fmt: str) -> str:
    """Render a list counter in a w:numFmt format (unknown formats render as decimal)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n, *_CN_SMALL, short_ten=True)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, *_CN_LEGAL, short_ten=False)
    if fmt == "ideographLegalTraditional":
        return _chinese(n, *_CN_LEGAL_TRAD, short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return str(n).translate(_IDEO_DIGITS)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _circled(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


# --------------------------------------------------------------------------- stories


class _Story:
    """Running state while reading one story (body, a header, a note, a text box)."""

    def __init__(self, part: str, counters: _Counters):
        self.part = part
        self.counters = counters
        self.fields: list[list] = []  # [instruction, in_result]
        self.toc_sdt = 0

    def visible(self) -> bool:
        return all(f[1] for f in self.fields)

    def in_toc_field(self) -> bool:
        return any(f[0].lstrip().upper().startswith("TOC") for f in self.fields)


def _pick_branch(alt):
    """One branch of an mc:AlternateContent: the first Choice with content, else the Fallback."""
    choice = alt.find(CHOICE)
    if choice is not None and len(choice):
        return choice
    fb = alt.find(FALLBACK)
    return fb if fb is not None else choice


class _Reader:
    def __init__(self, zf: zipfile.ZipFile):
        self.pkg = _Package(zf)
        self.extras: dict[str, list[RawParagraph]] = {}
        self.textbox_counters: _Counters | None = None

    # ---- top level
    def read(self) -> RawDocument:
        pkg = self.pkg
        main = None
        core = None
        for rtype, target in pkg.rels("").values():
            if rtype == "officeDocument" and main is None:
                main = target
            elif rtype == "core-properties":
                core = target
        if main is None or not pkg.has(main):
            main = "word/document.xml"
        if not pkg.has(main):
            raise InputError("不是有效的 Word (.docx) 文件", "not a valid Word .docx file")
        root = pkg.xml(main)
        if root.tag != _w("document"):
            raise InputError("不是有效的 Word (.docx) 文件", "not a valid Word .docx file")
        body = root.find(_w("body"))
        rels = pkg.rels(main)
        by_type: dict[str, list[str]] = {}
        for rtype, target in rels.values():
            by_type.setdefault(rtype, []).append(target)

        self.styles = _Styles(self._first(by_type, "styles"))
        self.numbering = _Numbering(self._first(by_type, "numbering"), self.styles)
        self.textbox_counters = _Counters(self.numbering)

        blocks: list = []
        if body is not None:
            blocks = self._body(body)

        self._headers_footers(root, rels)
        for kind in ("footnotes", "endnotes"):
            note_root = self._first(by_type, kind)
            if note_root is not None:
                self._notes(note_root, kind[:-1])
        comments = self._first(by_type, "comments")
        if comments is not None:
            self._comments(comments)
        meta = self._meta(core or "docProps/core.xml")
        return RawDocument(blocks=blocks, extras={k: v for k, v in self.extras.items() if v}, meta=meta)

    def _first(self, by_type: dict[str, list[str]], rtype: str):
        for target in by_type.get(rtype, ()):
            if self.pkg.has(target):
                return self.pkg.xml(target)
        return None

    # ---- body
    def _body(self, body) -> list:
        story = _Story("body", _Counters(self.numbering))
        blocks: list = []
        n_par = n_tbl = 0
        for kind, el in self._iter_blocks(body, story):
            if kind == "p":
                rp = self._paragraph(el, story, SourceLoc(part="body", paragraph=n_par))
                n_par += 1
                if rp is not None:
                    blocks.append(rp)
            else:
                blocks.append(RawTable(rows=self._table(el, story), loc=SourceLoc(part="body", table=n_tbl)))
                n_tbl += 1
        return blocks

    def _iter_blocks(self, container, story: _Story):
        """Yield ("p", el) / ("tbl", el) in reading order, through content controls."""
        for child in container:
            tag = child.tag
            if tag == P:
                yield "p", child
            elif tag == TBL:
                yield "tbl", child
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is None:
                    continue
                is_toc = _sdt_is_toc(child)
                story.toc_sdt += is_toc
                try:
                    yield from self._iter_blocks(content, story)
                finally:
                    story.toc_sdt -= is_toc
            elif tag == CUSTOMXML or tag == _w("ins") or tag == _w("moveTo"):
                yield from self._iter_blocks(child, story)
            elif tag == ALTERNATE:
                branch = _pick_branch(child)
                if branch is not None:
                    yield from self._iter_blocks(branch, story)

    def _paragraph(self, p, story: _Story, loc: SourceLoc) -> RawParagraph | None:
        ppr = p.find(PPR)
        sid = None
        direct_num = None
        direct_outline = None
        if ppr is not None:
            ps = ppr.find(PSTYLE)
            if ps is not None:
                sid = ps.get(W_VAL)
            direct_num = ppr.find(NUMPR)
            ol = ppr.find(OUTLINELVL)
            if ol is not None:
                direct_outline = _int(ol)
        if sid is None:
            sid = self.styles.default
        style_name = self.styles.name(sid)
        style_outline, style_num = self.styles.resolved(sid)

        toc = story.toc_sdt > 0 or story.in_toc_field() or bool(style_name and _TOC_NAME.match(style_name.strip()))
        parts: list[str] = []
        flags = {"toc": False}
        self._inline(p, parts, story, flags)
        text = "".join(parts)
        toc = toc or flags["toc"] or story.in_toc_field()

        # automatic number
        number = ""
        num_id = ilvl = None
        if direct_num is not None:
            num_id = _int(direct_num.find(NUMID))
            ilvl = _int(direct_num.find(ILVL))
        if style_num is not None:
            if num_id is None:
                num_id = style_num[0]
            if ilvl is None:
                ilvl = style_num[1]
            if ilvl is None and num_id:
                ilvl = self.numbering.level_for_style(num_id, style_num[2])
        if num_id:  # numId 0 switches numbering off
            number = story.counters.next(num_id, ilvl or 0)

        if direct_outline is not None:
            level = direct_outline + 1 if 0 <= direct_outline <= 8 else None
        else:
            level = style_outline

        if not text.strip():
            return None
        return RawParagraph(text=number + text, loc=loc, style=style_name, outline_level=level,
                            auto_number_len=len(number), is_toc=toc)

    # ---- runs
    def _inline(self, el, out: list[str], story: _Story, flags: dict) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, out, story, flags)
            elif tag in _INLINE_DESCEND:
                self._inline(child, out, story, flags)
            elif tag == FLDSIMPLE:
                if (child.get(_w("instr")) or "").lstrip().upper().startswith("TOC"):
                    flags["toc"] = True
                self._inline(child, out, story, flags)
            elif tag == SDT:
                if _sdt_is_toc(child):
                    flags["toc"] = True
                content = child.find(SDTCONTENT)
                if content is not None:
                    self._inline(content, out, story, flags)
            elif tag == ALTERNATE:
                branch = _pick_branch(child)
                if branch is not None:
                    self._inline(branch, out, story, flags)
            elif tag == OMATHPARA or tag == OMATH:
                if story.visible():
                    out.append("".join(t.text or "" for t in child.iter(M_T)))
            # w:del, w:moveFrom, w:pPr, bookmarks, comment ranges, proofErr: nothing shown

    def _run(self, run, out: list[str], story: _Story, flags: dict) -> None:
        for c in run:
            tag = c.tag
            if tag == T:
                if story.visible():
                    out.append(c.text or "")
            elif tag == FLDCHAR:
                kind = c.get(_w("fldCharType"))
                if kind == "begin":
                    story.fields.append(["", False])
                elif kind == "separate" and story.fields:
                    story.fields[-1][1] = True
                elif kind == "end" and story.fields:
                    if story.in_toc_field():
                        flags["toc"] = True
                    story.fields.pop()
            elif tag == INSTRTEXT:
                if story.fields and not story.fields[-1][1]:
                    story.fields[-1][0] += c.text or ""
                    if story.in_toc_field():
                        flags["toc"] = True
            elif not story.visible():
                continue
            elif tag == TAB or tag == PTAB:
                out.append("\t")
            elif tag == BR or tag == CR:
                out.append("\n")
            elif tag == NBHYPHEN:
                out.append("-")
            elif tag == SYM:
                out.append(_sym(c))
            elif tag == DRAWING or tag == PICT or tag == OBJECT:
                self._textboxes(c)
            elif tag == ALTERNATE:
                branch = _pick_branch(c)
                if branch is not None:
                    self._run(branch, out, story, flags)
            elif tag == RUBY:
                base = c.find(RUBYBASE)
                if base is not None:
                    self._inline(base, out, story, flags)

    # ---- text boxes
    def _textboxes(self, el) -> None:
        for box in _find_txbx(el):
            story = _Story("textbox", self.textbox_counters)
            sink = self.extras.setdefault("textbox", [])
            self._story_paragraphs(box, story, "textbox", sink)

    def _story_paragraphs(self, container, story: _Story, part: str, sink: list[RawParagraph]) -> None:
        """Paragraphs of a side story (text box, header...); a table becomes one line per row."""
        for kind, el in self._iter_blocks(container, story):
            if kind == "p":
                rp = self._paragraph(el, story, SourceLoc(part=part, paragraph=len(sink)))
                if rp is not None:
                    sink.append(rp)
            else:
                for row in self._table(el, story):
                    line = "\t".join(c.text for c in row if c.origin is None and c.text)
                    if line.strip():
                        sink.append(RawParagraph(text=line, loc=SourceLoc(part=part, paragraph=len(sink))))

    # ---- tables
    def _table(self, tbl, story: _Story) -> list[list[RawCell]]:
        grid_cols = 0
        grid = tbl.find(TBLGRID)
        if grid is not None:
            grid_cols = sum(1 for _ in grid.iter(GRIDCOL))
        rows: list[list[RawCell | None]] = []
        for tr in _iter_children(tbl, TR):
            trpr = tr.find(TRPR)
            before = after = 0
            if trpr is not None:
                if trpr.find(DEL) is not None:  # a deleted row (tracked change)
                    continue
                before = min(max(0, _int(trpr.find(GRIDBEFORE), 0)), _MAX_COLS)
                after = max(0, _int(trpr.find(GRIDAFTER), 0))
            r = len(rows)
            row: list[RawCell | None] = [RawCell("") for _ in range(before)]
            above = rows[r - 1] if r else None
            for tc in _iter_children(tr, TC):
                tcpr = tc.find(TCPR)
                span = 1
                vmerge = None
                hmerge = None
                if tcpr is not None:
                    span = max(1, min(_int(tcpr.find(GRIDSPAN), 1) or 1, _MAX_COLS - len(row)))
                    vm = tcpr.find(VMERGE)
                    if vm is not None:
                        vmerge = vm.get(W_VAL, "continue")
                    hm = tcpr.find(HMERGE)
                    if hm is not None:
                        hmerge = hm.get(W_VAL, "continue")
                text = self._cell_text(tc, story)
                col = len(row)
                if vmerge == "continue" and above is not None and col < len(above) and above[col] is not None:
                    top = above[col]
                    r0, c0 = top.origin if top.origin is not None else (r - 1, col)
                    origin = rows[r0][c0]
                    origin.rowspan = max(origin.rowspan, r - r0 + 1)
                    if text.strip():
                        origin.text = f"{origin.text}\n{text}" if origin.text else text
                    row.extend(RawCell("", origin=(r0, c0)) for _ in range(span))
                    continue
                if hmerge == "continue" and row and col > before:
                    left = row[-1]
                    r0, c0 = left.origin if left.origin is not None else (r, col - 1)
                    if r0 == r:
                        origin = row[c0]
                        origin.colspan += span
                        if text.strip():
                            origin.text = f"{origin.text}\n{text}" if origin.text else text
                        row.extend(RawCell("", origin=(r0, c0)) for _ in range(span))
                        continue
                row.append(RawCell(text, colspan=span))
                row.extend(RawCell("", origin=(r, col)) for _ in range(span - 1))
            row.extend(RawCell("") for _ in range(min(after, _MAX_COLS - len(row))))
            rows.append(row)
        width = max([min(grid_cols, _MAX_COLS)] + [len(row) for row in rows])
        for row in rows:
            while len(row) < width:
                row.append(RawCell(""))
        return rows  # type: ignore[return-value]

    def _cell_text(self, tc, story: _Story) -> str:
        lines: list[str] = []
        for kind, el in self._iter_blocks(tc, story):
            if kind == "p":
                rp = self._paragraph(el, story, SourceLoc(part=story.part))
                if rp is not None:
                    lines.append(rp.text)
            else:
                for row in self._table(el, story):
                    line = "\t".join(c.text for c in row if c.origin is None and c.text)
                    if line.strip():
                        lines.append(line)
        return "\n".join(lines)

    # ---- side parts
    def _headers_footers(self, root, rels: dict[str, tuple[str, str]]) -> None:
        order: list[str] = []
        for sect in root.iter(SECTPR):
            for ref in sect:
                if ref.tag in (_w("headerReference"), _w("footerReference")):
                    rid = ref.get(R_ID)
                    if rid in rels and rid not in order:
                        order.append(rid)
        for rid, (rtype, target) in rels.items():  # parts no section names (rare)
            if rtype in ("header", "footer") and rid not in order:
                order.append(rid)
        seen: dict[str, set[str]] = {"header": set(), "footer": set()}
        for rid in order:
            rtype, target = rels[rid]
            if rtype not in seen or not self.pkg.has(target):
                continue
            part_root = self.pkg.xml(target)
            story = _Story(rtype, _Counters(self.numbering))
            found: list[RawParagraph] = []
            self._story_paragraphs(part_root, story, rtype, found)
            sink = self.extras.setdefault(rtype, [])
            for rp in found:
                if rp.text not in seen[rtype]:
                    seen[rtype].add(rp.text)
                    sink.append(RawParagraph(text=rp.text, loc=SourceLoc(part=rtype, paragraph=len(sink)),
                                             style=rp.style, auto_number_len=rp.auto_number_len))

    def _notes(self, root, kind: str) -> None:
        sink = self.extras.setdefault(kind, [])
        counters = _Counters(self.numbering)
        for note in root.iter(_w(kind)):
            if note.get(_w("type")) in _SEPARATOR_NOTES or note.get(_w("id")) in ("-1", "0"):
                continue
            found: list[RawParagraph] = []
            self._story_paragraphs(note, _Story(kind, counters), kind, found)
            text = "\n".join(rp.text for rp in found).strip()
            if text:
                sink.append(RawParagraph(text=text, loc=SourceLoc(part=kind, paragraph=len(sink))))

    def _comments(self, root) -> None:
        sink = self.extras.setdefault("comment", [])
        counters = _Counters(self.numbering)
        for comment in root.iter(_w("comment")):
            found: list[RawParagraph] = []
            self._story_paragraphs(comment, _Story("comment", counters), "comment", found)
            text = "\n".join(rp.text for rp in found).strip()
            if text:
                sink.append(RawParagraph(text=text, loc=SourceLoc(part="comment", paragraph=len(sink))))

    def _meta(self, core_name: str) -> dict[str, str]:
        root = self.pkg.xml(core_name) if self.pkg.has(core_name) else None
        meta: dict[str, str] = {}
        if root is None:
            return meta
        wanted = {
            "{http://purl.org/dc/elements/1.1/}title": "title",
            "{http://purl.org/dc/elements/1.1/}creator": "author",
            "{http://purl.org/dc/terms/}created": "created",
        }
        for el in root:
            key = wanted.get(el.tag) if isinstance(el.tag, str) else None
            if key and el.text and el.text.strip():
                meta[key] = el.text.strip()
        return meta


# --------------------------------------------------------------------------- helpers


def _iter_children(el, tag: str):
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from _iter_children(content, tag)
        elif child.tag == CUSTOMXML:
            yield from _iter_children(child, tag)
        elif child.tag == ALTERNATE:
            branch = _pick_branch(child)
            if branch is not None:
                yield from _iter_children(branch, tag)


def _sdt_is_toc(sdt) -> bool:
    pr = sdt.find(SDTPR)
    if pr is None:
        return False
    for gallery in pr.iter(_w("docPartGallery")):
        if (gallery.get(W_VAL) or "").strip().lower() == "table of contents":
            return True
    return False


def _find_txbx(el):
    """Text box contents under a drawing, one branch of each mc:AlternateContent only."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == TXBXCONTENT:
            yield child
        elif child.tag == ALTERNATE:
            branch = _pick_branch(child)
            if branch is not None:
                yield from _find_txbx(branch)
        else:
            yield from _find_txbx(child)


def _sym(el) -> str:
    code = el.get(_w("char")) or ""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    font = (el.get(_w("font")) or "").lower()
    if 0xF000 <= n <= 0xF0FF:
        n -= 0xF000
        if "symbol" in font:
            return _SYMBOL_FONT.get(n, "")
        if "wingdings" in font or "webdings" in font:
            return ""
        return chr(n) if 0x20 <= n < 0x7F else ""
    if "symbol" in font and n in _SYMBOL_FONT:
        return _SYMBOL_FONT[n]
    if 0xE000 <= n <= 0xF8FF or n < 0x20:
        return ""
    return chr(n)
