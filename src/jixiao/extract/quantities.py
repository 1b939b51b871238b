"""Quantities in report text: number, unit, comparator, range, span.

One left-to-right pass per text with one precompiled scanner. At each candidate the scanner
either skips something that only looks numeric (dates, document numbers, phone numbers, codes,
section numbers, ordinals, names) or reads a quantity:

    [prefix comparator] number [余/多] [unit] [range separator number [unit]] [suffix comparator]

Decisions (see tests/fixtures/quantities_golden.json for the cases):

* ``text``/``span`` cover the comparator words too: "≥90%", "95%以上", "不低于95%",
  "30个工作日内", "60余项". A range covers both ends: "20%～30%".
* An Arabic number followed by a multiplier keeps the multiplier in the unit (1.5亿元 -> 1.5,
  "亿元", scale 1e8; 2.3万 -> 2.3, "万", kind "number", scale 1e4); a Chinese numeral keeps
  it in the value (三百五十万元 -> 3500000, "元").
* 百分之九十五 -> 95 "%"; 个百分点 -> kind "ratio"; 分 is always a score, never money.
* Fractions: X分之Y (三分之二, 5分之1, 十分之三, 3 分 之 1), mixed numbers with 又
  (三百五十又三分之一) and slash fractions of small integers (1/3, ３／５, -3/2) whose
  neighbours are Han text, spaces, punctuation or the ends of the text (not 2024/12, not paths)
  -> value rounded to 10 places, unit None, kind "number". 十分重要 / 一分之差 / 得10分 are not.
* Compound units (元/m³, 万元/公里, 人/年) have kind "rate" (scale of their numerator).
* Ordinals (第3名, 第一季度) are skipped, not returned.
* Years, months, dates, times of day, document numbers (〔2022〕5号), phone numbers, ID-like
  digit runs (>= 12 digits), anything glued to Latin letters (5G, 11430781MB...), section
  numbers (1. / （一） / 2、 at the start of a clause), numerals in quotes ("987"), names (“6+3+1”,
  1269行动计划, 十四五, 三公经费), dotted numbers (1.2.3) produce nothing.
* A bare number (12) is returned with kind "number", unit None.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .._fastre import searcher
from ..model import Quantity
from . import numerals as N

__all__ = ["extract_quantities", "header_unit", "unit_info", "UNITS"]


def _load() -> dict:
    return json.loads(resources.files("jixiao").joinpath("resources/units.json").read_text("utf-8"))


_DATA = _load()
_MULT: dict[str, Decimal] = {k: Decimal(v) for k, v in _DATA["multipliers"].items()}
_BASE: dict[str, tuple[str, Decimal]] = {}
for _kind, _units in _DATA["units"].items():
    for _u, _sc in _units.items():
        _BASE[_u] = (_kind, Decimal(_sc))
_COMPOSE = set(_DATA["compose_kinds"])
_NFB: dict[str, str] = _DATA["not_followed_by"]
_AR_ONLY = set(_DATA["arabic_only"])
_CMP = _DATA["comparators"]
_PRE: dict[str, str] = _CMP["prefix"]
_PRE_NPB: dict[str, str] = _CMP["prefix_not_preceded_by"]
_SUF: dict[str, str] = _CMP["suffix"]
_RANGE_SEPS: list[str] = _DATA["range_separators"]
_NAME_SUFFIXES: tuple[str, ...] = tuple(_DATA["name_suffixes"])

UNITS = dict(_BASE)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_COMPOSABLE = [u for u, (k, _) in _BASE.items() if k in _COMPOSE]
_UNIT_RE = re.compile(
    r"[ \t]*(?P<ap1>[余多])?[ \t]*(?:"
    rf"(?P<m1>{_alt(_MULT)})(?P<ap2>[余多])?(?P<b1>{_alt(_COMPOSABLE)})"
    rf"|(?P<b2>{_alt(_BASE)})"
    rf"|(?P<m2>{_alt(_MULT)})"
    r")?"
)
_SUF_RE = re.compile(rf"[ \t]*(?P<ap>余)?(?P<cmp>{_alt(_SUF)})?")
_PRE_RE = re.compile(rf"(?P<cmp>{_alt(_PRE)})[ \t]*$")
_RANGE_RE = re.compile(rf"[ \t]*(?:{_alt(_RANGE_SEPS)})[ \t]*")

_LEX_SETS: dict[str, dict[tuple[int, int], set[str]]] = {}
for _w in _DATA["not_numbers"]:
    for _k, _ch in enumerate(_w):
        if _ch in N.CN_START:
            _LEX_SETS.setdefault(_ch, {}).setdefault((_k, len(_w)), set()).add(_w)
# per numeral character: (offset of the character in the word, word length, words), longest first
_LEX: dict[str, list[tuple[int, int, frozenset[str]]]] = {
    ch: sorted(((k, L, frozenset(ws)) for (k, L), ws in d.items()), key=lambda t: -t[1])
    for ch, d in _LEX_SETS.items()
}

_CN = "零〇○一二三四五六七八九十两"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_MON = r"(?:1[0-2]|0?[1-9])"
_CNDAY = r"(?:三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CNMON = r"(?:十[一二]?|[一二三四五六七八九])"
_SEP = r"[-—–~～〜至到]"
_SKIP = "|".join(
    [
        # years and year ranges: 2024年, 2024年度, 2021-2023年
        rf"(?<![\d.．])(?:19|20)\d\d[ \t]*(?:{_SEP}[ \t]*(?:(?:19|20)\d\d|\d\d)[ \t]*)?年度?",
        # months, month ranges, days, day ranges: 12月31日, 1-12月, 3月份, 12月底, 12月6日至8日
        rf"(?<![\d.．])(?<!个){_MON}[ \t]*(?:{_SEP}[ \t]*{_MON}[ \t]*)?月份?"
        rf"(?:[ \t]*{_DAY}[ \t]*[日号](?:[ \t]*{_SEP}[ \t]*{_DAY}[ \t]*[日号](?![\d]))?)?",
        # ISO-like dates: 2024-12-31, 2024.12.31, 2024/12
        rf"(?<![\d.])(?:19|20)\d\d[-/.．]{_MON}(?:[-/.．]{_DAY})?(?![\d.]|[ \t]*[万亿千元%％])",  # not 1996.5万元
        # Chinese dates: 二〇二四年, 十二月三十一日
        r"[零〇○一二三四五六七八九]{4}[ \t]*年度?",
        rf"(?<![{_CN}]){_CNMON}月份?(?:{_CNDAY}[日号])?",
        # times of day
        r"(?<![\d.])(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d)",
        # document numbers: 〔2022〕5号, [2023]12号
        r"[〔\[［【(（][ \t]*(?:19|20)\d\d[ \t]*[〕\]］】)）](?:[ \t]*第?[ \t]*\d+[ \t]*号?)?",
        # phone numbers
        r"(?<!\d)0\d{2,3}[-－—][ \t]?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|(?<![\d.])\d{3,4}[-－]\d{3,4}[-－]\d{4}(?!\d)",
        # URLs and paths
        r"(?:https?://|www\.)[^\s，。；、）)\]]+|(?<=[/\\])\d[\w.\-]*|\d+(?=[/\\]\d)",
        # ID-like digit runs
        r"(?<![\d.,])\d{12,}(?![\d.])",
        # codes: letters then digits (MB02753976, G20, COVID-19)
        r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9_\-]*\d[A-Za-z0-9_]*",
        # names built from numbers: 6+3+1; dotted section/version numbers 1.2.3
        r"\d+(?:[ \t]*[+＋][ \t]*\d+)+",
        r"(?<![\d.])\d+(?:\.\d+){2,}",
        # labels of tables, figures and attachments: 表1, 附件2, 图3-1 (not 代表3人)
        rf"(?:(?<![代报列发外仪手钟])表|图|附件|附表|附图)[ \t]*(?:\d{{1,3}}|[{_CN}]{{1,3}})(?:[-—.．]\d{{1,2}})?(?![\d.．%])",
        # ordinals: 第3名, 第一季度
        rf"第[ \t]*(?:[0-9０-９]+|[{_CN}百千万]+)",
        # enumerators: （1） （一） and 1、 / 一、 at the start of a clause
        rf"[（(][ \t]*(?:\d{{1,2}}|[{_CN}]{{1,3}})[ \t]*[）)]",
        rf"(?<![^\s。；;：:，,！？!?）)])(?:\d{{1,2}}|[{_CN}]{{1,3}})[ \t]*[、]",
        # section numbers at the start of a line: 1. / 1.1 / 2.3.
        r"(?m:^)[ \t\u3000]*(?:\d{1,2}(?:[.．]\d{1,2})*[.．](?![\d])|\d{1,2}(?:[.．]\d{1,2})+(?=[ \t\u3000]))",
        # numerals in quotes are names: “987”工作模式
        r"[“\"「『‘'][ \t]*[0-9０-９.．+＋\-零〇一二三四五六七八九十百千万两]+[ \t]*[”\"」』’']",
    ]
)
_NUM_START = (
    r"百分之|千分之|(?<![0-9A-Za-z０-９.．\-－−])[-－−](?=[.．]?[0-9０-９])"
    rf"|[负負](?=[0-9０-９{re.escape(N.CN_START)}.])"
    r"|(?<![\d.．])[.．](?=\d)|\d"
    rf"|[{re.escape(N.CN_START)}]"
)
# 1/3, ３／５, -3/2: small integers on both sides; whether the neighbours are Han text, spaces
# or punctuation is checked in code (paths, dates and codes are not fractions)
_SLASH = r"(?<![0-9０-９A-Za-z/／\\.．:：_\-－−%])[-－−]?[0-9０-９]{1,3}[ \t]*[/／][ \t]*[0-9０-９]{1,3}(?![0-9０-９A-Za-z/／\\.．:：_%])"
_SCAN = re.compile(rf"(?P<slash>{_SLASH})|(?P<skip>{_SKIP})|(?P<num>{_NUM_START})")
_SCAN_SEARCH = searcher(_SCAN)  # _SCAN.search, trying the pattern only where a match can start
_SLASH_PARTS = re.compile(r"([-－−]?[0-9０-９]+)[ \t]*[/／][ \t]*([0-9０-９]+)")
_SLASH_NEIGHBOURS = frozenset(" \t\u3000\n\r，。；、：！？（）【】“”‘’,;!?()")
_FRAC_MID = re.compile(r"[ \t\u3000]*分[ \t\u3000]*之[ \t\u3000]*")
_YOU = re.compile(r"[ \t\u3000]*又[ \t\u3000]*")
_Q10 = Decimal("1e-10")

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_OPEN_Q = frozenset("“\"「『‘'")
_CLOSE_Q = frozenset("”\"」』’'")
_MONEY_MULTS = ("万", "亿", "千", "萬", "億")
_ONE = Decimal(1)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=512)
def unit_info(unit: str | None) -> tuple[str, Decimal]:
    """(kind, scale) of a unit as written: "万元" -> ("money", 10000); unknown -> ("number", 1)."""
    if not unit:
        return "number", _ONE
    if unit in _BASE:
        return _BASE[unit]
    for m in sorted(_MULT, key=len, reverse=True):
        if unit.startswith(m):
            rest = unit[len(m) :]
            if not rest:
                return "number", _MULT[m]
            if rest in _BASE:
                kind, sc = _BASE[rest]
                return kind, _MULT[m] * sc
    if unit in ("万", "亿"):
        return "number", _MULT[unit]
    return "number", _ONE


def _new(text, s, e, value, unit, kind, cmp, high, approx, scale) -> Quantity:
    # Quantity(...) for a frozen dataclass without __post_init__, field by field, a few times faster
    q = _NEW_OBJECT(Quantity)
    q.__dict__.update(text=text[s:e], span=(s, e), value=value, unit=unit, kind=kind, comparator=cmp, high=high,
                      approximate=approx, scale=scale)
    return q


_NEW_OBJECT = object.__new__


def _read_unit(text: str, pos: int, n: int, chinese: bool):
    """Unit after a number at pos: (unit, kind, scale, end, approx) — unit None when absent."""
    m = _UNIT_RE.match(text, pos)
    approx = False
    if m is None:  # pragma: no cover - the pattern always matches
        return None, "number", _ONE, pos, False
    g = m.group
    if g("m1"):
        mult, base = g("m1"), g("b1")
        unit = mult + base
        kind, sc = _BASE[base]
        scale = _MULT[mult] * sc
        approx = bool(g("ap2"))
    elif g("b2"):
        unit = base = g("b2")
        kind, scale = _BASE[base]
    elif g("m2"):
        unit = base = g("m2")
        kind, scale = "number", _MULT[base]
    else:
        unit = base = None
        kind, scale = "number", _ONE
    end = m.end()
    if unit is None:
        end = m.end("ap1") if g("ap1") else pos
    if g("ap1"):
        if unit is None and end < n and _is_cjk(text[end]):
            # "多" starting a word: 12多部门 -> no approx marker
            return None, "number", _ONE, pos, False
        approx = True
    if unit is not None:
        nfb = _NFB.get(base)
        if (nfb and end < n and text[end] in nfb) or (chinese and base in _AR_ONLY):
            # 三方面, 3分之1, 一度: not this unit
            if g("ap1") and not _is_cjk(text[m.end("ap1")] if m.end("ap1") < n else ""):
                return None, "number", _ONE, m.end("ap1"), True
            return None, "number", _ONE, pos, False
        if base[-1] in _LATIN and end < n and text[end] in _LATIN:
            return "CODE", "number", _ONE, end, False
    return unit, kind, scale, end, approx


def _lexicon_hit(text: str, p: int) -> int:
    """End of a not-a-number word covering the numeral character at p, or -1."""
    cands = _LEX.get(text[p])
    if cands:
        for k, L, words in cands:
            s = p - k
            if s >= 0 and text[s : s + L] in words:
                return s + L
    return -1


def _number_at(text: str, p: int, n: int):
    """(value, end, flags) of an acceptable number at p, or (None, resume)."""
    r = N.scan(text, p, n)
    if r is None:
        return None, p + 1
    value, end, flags = r
    if flags & N.SEQ and not flags & N.HAS_ZERO:
        return None, end  # 九九, 一二: not a number in running text
    if not flags & N.ARABIC:
        lit = text[p:end]
        if lit in ("百", "千", "佰", "仟", "万", "亿"):
            return None, end  # 千方百计, 百姓
    return (value, end, flags), end


def _ratio(num: Decimal, den: Decimal) -> Decimal | None:
    if den == 0:
        return None
    try:
        return (num / den).quantize(_Q10)
    except ArithmeticError:  # too many digits for the context
        return None


def _fraction_at(text: str, p: int, n: int):
    """(value, end) of "X分之Y" at p (三分之二, 5分之1, 十分之三, 一万分之三, 3 分 之 1), or None."""
    r = N.scan(text, p, n)
    if r is None or (r[2] & N.SEQ and not r[2] & N.HAS_ZERO):
        return None
    den, e1, _ = r
    m = _FRAC_MID.match(text, e1)
    if m is None:
        return None
    r2 = N.scan(text, m.end(), n)
    if r2 is None or (r2[2] & N.SEQ and not r2[2] & N.HAS_ZERO):
        return None
    num, e2, f2 = r2
    if f2 & N.ARABIC and e2 < n and text[e2] in _LATIN:
        return None
    v = _ratio(num, den)
    if v is None:
        return None
    if den < 0 and num < 0:
        v = -v if v < 0 else v
    return v, e2


def _slash_at(text: str, s: int, e: int):
    """(value, end) of a slash fraction matched at [s, e) when its neighbours allow, or None."""
    if s > 0 and not (text[s - 1] in _SLASH_NEIGHBOURS or _is_cjk(text[s - 1])):
        return None
    if e < len(text) and not (text[e] in _SLASH_NEIGHBOURS or _is_cjk(text[e])):
        return None
    m = _SLASH_PARTS.match(text, s)
    num = N.ascii_number(m.group(1).lstrip("-－−"))
    if m.group(1)[0] in "-－−":
        num = -num
    v = _ratio(num, N.ascii_number(m.group(2)))
    return None if v is None else (v, e)


# "1902.07" alone in a cell whose column declares a unit is an amount, not a year and month
_DOT_DATE = re.compile(r"(?:19|20)\d\d[.．]\d{1,2}")


_CACHED_CHARS = 200  # short texts (cells, headings, list items) recur within and across reports


def extract_quantities(text: str, default_unit: str | None = None) -> list[Quantity]:
    """All quantities in ``text``, in order. ``default_unit`` (from a column header such as
    "（单位：万元）") is given to numbers written without a unit; their span stays the number."""
    if not text:
        return []
    if len(text) <= _CACHED_CHARS:
        return list(_cached_quantities(text, default_unit))
    return scan_quantities(text, default_unit)


@lru_cache(maxsize=8192)
def _cached_quantities(text: str, default_unit: str | None) -> tuple[Quantity, ...]:
    return tuple(scan_quantities(text, default_unit))  # Quantity is frozen: the same objects can be shared


def scan_quantities(text: str, default_unit: str | None = None) -> list[Quantity]:
    """:func:`extract_quantities` without its cache of short texts (for timing the scanner)."""
    out: list[Quantity] = []
    n = len(text)
    pos = 0
    prev_end = 0
    search = _SCAN_SEARCH
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        if m.lastgroup == "slash":
            fr = _slash_at(text, m.start(), m.end())
            if fr is not None:
                q = _finish(text, m.start(), fr[1], n, prev_end, fr[0], None, "number", _ONE, None, False)
                out.append(q)
                prev_end = pos = q.span[1]
            else:
                prev_end = pos = m.end()
            continue
        if m.lastgroup == "skip" and not (default_unit and _DOT_DATE.fullmatch(m.group())
                                          and text.strip() == m.group()):
            pos = m.end()
            if pos == m.start():
                pos += 1
            prev_end = pos
            continue
        s = m.start()
        q, resume = _quantity_at(text, s, n, prev_end, default_unit)
        if q is not None:
            out.append(q)
            prev_end = q.span[1]
        pos = max(resume, s + 1)
    return out


def _quantity_at(text: str, s: int, n: int, prev_end: int, default_unit: str | None):
    p = s
    pct = None
    if text.startswith("百分之", s):
        pct, p = "%", s + 3
    elif text.startswith("千分之", s):
        pct, p = "‰", s + 3
    if p >= n:
        return None, s + 1
    if pct is None and text.find("分", p + 1, p + 16) > 0:
        fr = _fraction_at(text, p, n)
        if fr is not None:
            q = _finish(text, s, fr[1], n, prev_end, fr[0], None, "number", _ONE, None, False)
            return q, q.span[1]
    ch = text[p]
    if ch in N.CN_START or (ch in N.NEG and p + 1 < n and text[p + 1] in N.CN_START):
        hit = _lexicon_hit(text, p if ch not in N.NEG else p + 1)
        if hit >= 0:
            return None, hit
    num, resume = _number_at(text, p, n)
    if num is None:
        return None, resume if pct is None else s + 1
    value, end, flags = num
    chinese = not flags & N.ARABIC
    approx = bool(flags & N.APPROX)
    # --- mixed numbers: 三百五十又三分之一, 3又一千分之23
    if not pct and end < n and text[end] in "又 \t\u3000":
        ym = _YOU.match(text, end)
        if ym is not None:
            fr = _fraction_at(text, ym.end(), n)
            if fr is not None:
                v = value - fr[0] if value < 0 else value + fr[0]
                q = _finish(text, s, fr[1], n, prev_end, v, None, "number", _ONE, None, False)
                return q, q.span[1]
    # --- glued to Latin letters / codes
    if s > 0 and text[s - 1] in _LATIN and not chinese:
        return None, end
    if pct:
        unit, kind, scale = pct, "percent", _BASE[pct][1]
        uend = end
    else:
        unit, kind, scale, uend, ap = _read_unit(text, end, n, chinese)
        if unit == "CODE":
            return None, uend
        approx = approx or ap
        if kind == "count" and uend < n and text[uend] in "（(":
            uend = _alt_counter_end(text, uend, n)  # 55台（套）, 300人(次): the bracket is part of the unit
        if unit is None:
            if uend < n and text[uend] in _LATIN and not chinese:
                return None, uend  # 5G, 4K
            if text.startswith(_NAME_SUFFIXES, uend):
                return None, uend  # 1269行动计划, 987工作模式
            lit = text[p:end]
            if lit in ("零", "〇", "○") and uend < n and _is_cjk(text[uend]):
                return None, uend  # 零星, 零售
    # --- quoted names
    if s > 0 and text[s - 1] in _OPEN_Q and uend < n and text[uend] in _CLOSE_Q:
        return None, uend
    # --- years / months that slipped past the skip patterns (约2024年, 三月)
    if unit == "年" and flags & (N.ARABIC | N.SEQ) and value == value.to_integral_value() and 1900 <= value <= 2100 and end - p == 4:
        return None, uend
    if unit == "月" and value == value.to_integral_value() and 1 <= value <= 12:
        return None, uend
    e = uend
    high = None
    # --- range: 8%～10%, 3至5天, 20-30%
    rm = _RANGE_RE.match(text, e)
    if rm is not None and not pct:
        p2 = rm.end()
        if p2 < n and text[p2] not in "-－−负負":
            pct2 = None
            if text.startswith("百分之", p2):
                pct2, p2 = "%", p2 + 3
            r2 = N.scan(text, p2, n) if p2 < n else None
            if r2 is not None and not (r2[2] & N.SEQ and not r2[2] & N.HAS_ZERO):
                v2, end2, f2 = r2
                if pct2:
                    u2, k2, sc2, ue2, ap2 = pct2, "percent", _ONE, end2, False
                else:
                    u2, k2, sc2, ue2, ap2 = _read_unit(text, end2, n, not f2 & N.ARABIC)
                ok = u2 != "CODE" and not (ue2 < n and text[ue2] in _LATIN and u2 is None and f2 & N.ARABIC)
                if ok and unit is not None and u2 is not None:
                    ok = k2 == kind or (unit in _MULT or u2.startswith(unit))
                if ok and (u2 == "年" and v2 >= 1900 or u2 == "月" and v2 <= 12 and value <= 12):
                    return None, ue2  # year / month ranges are dates
                if ok and (unit is not None or u2 is not None):
                    if unit is None or (u2 is not None and unit in _MULT and u2 != unit):
                        unit, kind, scale = u2, k2, sc2
                    value = _shared_multiplier(text[p:end], text[p2:end2], value)
                    high = v2
                    e = ue2
                    approx = approx or ap2
                elif ok and unit is None and u2 is None and rm.group().strip() not in ("-", "－", "—", "–"):
                    high = v2  # 3至5
                    e = end2
    return _finish(text, s, e, n, prev_end, value, unit, kind, scale, high, approx, default_unit), e


_ALT_COUNTER = re.compile(r"[（(]\s*([\u4e00-\u9fff]{1,2})\s*[）)]")


def _alt_counter_end(text: str, pos: int, n: int) -> int:
    """End of a bracketed alternative counter after a count unit (台（套）, 人(次), 个（项）), else pos."""
    m = _ALT_COUNTER.match(text, pos)
    if m is None:
        return pos
    u, kind, _, ue, _ = _read_unit(m.group(1), 0, len(m.group(1)), True)
    return m.end() if kind == "count" and ue == len(m.group(1)) else pos


_TRAILING_MULT = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def _shared_multiplier(low_text: str, high_text: str, low: Decimal) -> Decimal:
    """一百二十到一百五十万: the high end's trailing 万 belongs to the low end too."""
    for mult, factor in _TRAILING_MULT:
        if high_text.endswith(mult) and not low_text.endswith(("万", "亿")) and not low_text[-1:].isdigit():
            return low * factor
    return low


def _finish(text, s, e, n, prev_end, value, unit, kind, scale, high, approx, default_unit=None) -> Quantity:
    """Comparators around the quantity read at [s, e), then the Quantity."""
    # --- suffix comparator
    cmp = None
    sm = _SUF_RE.match(text, e)
    if sm is not None and sm.end() > e:
        sc_word = sm.group("cmp")
        if sc_word:
            nfb = _NFB.get(sc_word)
            ce = sm.end()
            if not (nfb and ce < n and text[ce] in nfb):
                cmp = _SUF[sc_word]
                e = ce
        if sm.group("ap") and (cmp is not None or e == sm.start("ap")):
            approx = True
            if cmp is None:
                e = sm.end("ap")
    # --- prefix comparator
    start = s
    pre = None
    lo = max(prev_end, s - 6)
    if lo < s:
        pm = _PRE_RE.search(text, lo, s)
        if pm is not None:
            w = pm.group("cmp")
            npb = _PRE_NPB.get(w)
            b = pm.start()
            if not (npb and b > 0 and text[b - 1] in npb):
                pre = _PRE[w]
                start = b
    if cmp is None or cmp == "~":
        if pre is not None and pre != "~":
            cmp = pre
        elif pre == "~":
            cmp = "~"
    if pre == "~" or (cmp == "~"):
        approx = True
    if approx and cmp is None:
        cmp = "~"
    if unit is None and default_unit:
        unit = default_unit
        kind, scale = unit_info(default_unit)
    return _new(text, start, e, value, unit, kind, cmp, high, approx, scale)


# --------------------------------------------------------------------------- header units

_HDR_RE = re.compile(
    rf"(?:单位|计量单位|金额单位|金额|币种)[ \t]*[:：][ \t]*(?P<u1>{_alt(list(_BASE) + [m + b for m in ('万', '亿', '千') for b in ('元',)])})"
    rf"|[（(][ \t]*(?P<u2>{_alt(list(_BASE) + ['万元', '亿元', '千元'])})[ \t]*[)）]"
)


def header_unit(text: str) -> str | None:
    """The unit a table header or caption declares: "（单位：万元）" -> "万元", "金额（万元）" ->
    "万元", "(%)" -> "%"; None when it declares none. A header unit is not a quantity."""
    if not text:
        return None
    m = _HDR_RE.search(text)
    if m is None:
        return None
    return m.group("u1") or m.group("u2")
