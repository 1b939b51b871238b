"""Chinese and mixed numerals -> Decimal.

:func:`scan` reads the longest well-formed number starting at an index of a text and says where
it ends; :func:`cn2num` converts a whole string (raises ``ValueError`` when it is not a number).

Handled: Arabic digits (full-width too) with ``1,234.5`` / ``４，５６５`` thousands separators,
leading-dot decimals (``.5``); Chinese numerals in ordinary, financial (壹贰叁…) and traditional
forms (萬 億 兩 點 負); 两 / 俩 / 廿; 零-gaps (一万零五百); abbreviations (两千四百五 = 2450,
一万三 = 13000, 百三 = 130); 万万 = 亿, 万亿, 兆 (= 10^12); decimals with 点 (零点五, 两千万点五五);
negative 负; digit strings (一七二零 = 1720, 二〇二四 = 2024); mixed Arabic + Chinese units
(5万4千6百, 3万4000, 2千零30万); approximate markers inside a numeral (十余万, 一千多万, 二十几万);
single spaces between the parts of a numeral (一百 五 十 二, 7 万5 千4 百); money in 元角分
(only in :func:`cn2num`, never in running text: 分 is a score there).

An Arabic number followed only by multipliers (2.3万, 1.5亿) stops before them: the caller
makes the multiplier part of the unit. Chinese numerals keep their multiplier (三百五十万 ->
3500000).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS: dict[str, int] = {}
for _chars, _v in (
    ("零〇○", 0), ("一壹幺弌", 1), ("二贰貳两兩俩倆弍", 2), ("三叁弎", 3), ("四肆", 4),
    ("五伍", 5), ("六陆陸", 6), ("七柒", 7), ("八捌", 8), ("九玖", 9),
):
    for _c in _chars:
        DIGITS[_c] = _v
ZEROS = "零〇○"
TWO_ONLY = "两兩俩倆"  # 两 reads 2 before a unit or alone, never inside a digit string or after 点
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "陌": 100, "千": 1000, "仟": 1000, "阡": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
TENS = {"廿": 20, "卅": 30, "卌": 40}
POINT = "点點"
APPROX_INNER = "余多"  # only before a unit char: 十余万, 一千多万
APPROX_DIGIT = "几幾"  # stands for an unknown digit: 二十几万
NEG = "负負"
SIGNS = "-－−"
SPACES = " \u3000"

CN_START = "".join(DIGITS) + "".join(SMALL) + "".join(BIG) + "".join(TENS)
UNIT_CHARS = "".join(SMALL) + "".join(BIG)
CN_TOKEN = CN_START + POINT + APPROX_INNER + APPROX_DIGIT

_FW = str.maketrans("０１２３４５６７８９．，－−", "0123456789.,--")
_AR_RE = re.compile(
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[０-９]{1,3}(?:[，,][０-９]{3})+(?![０-９])|\d+)(?:[.．]\d+)?"
    r"|(?<![\d.．])[.．]\d+"
)
_INT_RE = re.compile(r"\d+")

APPROX = 1  # a 余/多/几 inside the numeral
SEQ = 2  # a digit string (一七二零): no units
ARABIC = 4  # a plain Arabic number (maybe followed by a multiplier left to the caller)
CHINESE = 8  # contains Chinese numeral characters
HAS_ZERO = 16  # contains 零/〇


def ascii_number(s: str) -> Decimal:
    """'１，２３４．５' / '1,234.5' / '.5' -> Decimal."""
    s = s.translate(_FW).replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:  # other Unicode digits
        return Decimal("".join(str(int(c)) if c.isdigit() else c for c in s))


def _int_value(s: str) -> int:
    try:
        return int(s)
    except ValueError:  # pragma: no cover - \d matched something int() refuses
        return int("".join(str(int(c)) for c in s))


def scan(text: str, i: int, n: int | None = None) -> tuple[Decimal, int, int] | None:
    """The number starting at ``text[i]``: (value, end, flags), or None.

    A sign (负, -) at ``i`` is read as part of the number; the caller decides whether a "-"
    there is a sign at all.
    """
    if n is None:
        n = len(text)
    if i >= n:
        return None
    neg = False
    c = text[i]
    if c in NEG or c in SIGNS:
        neg = True
        i += 1
        if i >= n:
            return None
        c = text[i]
    m = _AR_RE.match(text, i)
    if m is not None:
        j = m.end()
        ar = m.group()
        # mixed Arabic + Chinese units: 5万4千6百, 3万4000, 2千零30万, 1百01
        if ar.isdigit():
            k = j
            while k < n and text[k] in SPACES:
                k += 1
            if k < n and text[k] in UNIT_CHARS:
                r = _parse_cn(text, i, n, True)
                if r is not None and r[3]:
                    value, end, flags, _ = r
                    return (-value if neg else value), end, flags | ARABIC
        v = ascii_number(ar)
        return (-v if neg else v), j, ARABIC
    if c in CN_TOKEN or c in TENS:
        r = _parse_cn(text, i, n, False)
        if r is None:
            return None
        value, end, flags, _ = r
        if end <= i:
            return None
        return (-value if neg else value), end, flags
    return None


def _frac_digits(text: str, k: int, n: int) -> tuple[str, int]:
    """Digits after 点: Chinese (not 两) or Arabic; returns (digit string, end)."""
    out = []
    while k < n:
        ch = text[k]
        if ch in DIGITS and ch not in TWO_ONLY:
            out.append(str(DIGITS[ch]))
        elif "0" <= ch <= "9":
            out.append(ch)
        elif "０" <= ch <= "９":
            out.append(chr(ord(ch) - 0xFEE0))
        else:
            break
        k += 1
    return "".join(out), k


def _parse_seq(text: str, i: int, n: int) -> tuple[Decimal, int, int, bool] | None:
    """A digit string such as 一七二零 / 二〇二四 / 一二点三零."""
    digits, k = [], i
    flags = SEQ | CHINESE
    while k < n and text[k] in DIGITS and text[k] not in TWO_ONLY:
        if text[k] in ZEROS:
            flags |= HAS_ZERO
        digits.append(str(DIGITS[text[k]]))
        k += 1
    if len(digits) < 2:
        return None
    s = "".join(digits)
    if k < n and text[k] in POINT:
        frac, k2 = _frac_digits(text, k + 1, n)
        if frac:
            return Decimal(s + "." + frac), k2, flags, False
    return Decimal(s), k, flags, False


def _parse_cn(text: str, i: int, n: int, allow_arabic: bool) -> tuple[Decimal, int, int, bool] | None:
    """Chinese (or mixed) numeral at i -> (value, end, flags, digit_after_unit)."""
    c = text[i]
    if c in DIGITS and c not in TWO_ONLY and i + 1 < n and text[i + 1] in DIGITS and text[i + 1] not in TWO_ONLY:
        return _parse_seq(text, i, n)
    flags = CHINESE
    total = 0  # completed big groups
    recent_big = 0  # most recent big unit
    section = 0  # value below the current big unit
    last_small = 10**9  # small units must decrease inside a section
    num: int | None = None  # pending digit
    num_ar = False
    num_after_unit = 0  # the unit right before the pending digit (0: none / after 零)
    prev_unit = 0  # unit of the previous token, 0 when the previous token was not a unit
    zero = False
    units_seen = False
    digit_after_unit = False
    consumed_digit = False
    end = i
    k = i
    frac = ""
    # committed state at ``end`` (to roll back to when a later token turns out invalid)
    while k < n:
        ch = text[k]
        if ch in SPACES:
            q = k
            while q < n and text[q] in SPACES:
                q += 1
            if end == i or q >= n:
                break
            nc = text[q]
            if nc in UNIT_CHARS or nc in POINT or nc in APPROX_INNER:
                k = q
                continue
            if nc in DIGITS or nc in APPROX_DIGIT:
                if num_ar:
                    break
                k = q
                continue
            if "0" <= nc <= "9" and prev_unit and allow_arabic:
                k = q
                continue
            break
        if ch in ZEROS:
            if num is not None:
                break  # 一零 is a digit string, handled elsewhere
            zero = True
            flags |= HAS_ZERO
            if end == i:
                # a leading 零: 零 alone, 零点五, 零十
                num, num_ar, num_after_unit = 0, False, 0
                end = k + 1
            k += 1
            continue
        if ch in DIGITS or ch in APPROX_DIGIT or (allow_arabic and ("0" <= ch <= "9" or "０" <= ch <= "９")):
            if num is not None and not (num == 0 and end == i + 1 and not units_seen and text[i] in ZEROS):
                break
            if ch in DIGITS:
                num, num_ar, step = DIGITS[ch], False, 1
            elif ch in APPROX_DIGIT:
                if end == i:
                    break
                num, num_ar, step = 0, False, 1
                flags |= APPROX
            else:
                mm = _INT_RE.match(text, k)
                if mm is None:  # pragma: no cover
                    break
                if mm.end() < n and text[mm.end()] in ".．":
                    break  # 10.1万零100: not a numeral we trust
                num, num_ar, step = _int_value(mm.group()), True, mm.end() - k
            num_after_unit = 0 if zero else prev_unit
            if units_seen:
                digit_after_unit = True
            consumed_digit = True
            prev_unit = 0
            zero = False
            k += step
            end = k
            continue
        if ch in TENS:
            if num is not None:
                break
            section += TENS[ch]
            last_small = 10
            prev_unit = 10
            units_seen = True
            consumed_digit = True
            k += 1
            end = k
            continue
        if ch in SMALL:
            u = SMALL[ch]
            if u >= last_small:
                break
            if num is None:
                num = 1
            elif num == 0 and not num_ar:
                num = 1  # 零十 = 10
            section += num * u
            num = None
            last_small = u
            prev_unit = u
            zero = False
            units_seen = True
            k += 1
            end = k
            continue
        if ch in BIG:
            u = BIG[ch]
            cur = section + (num or 0)
            if cur == 0:
                if total and prev_unit and prev_unit >= 10**4:  # 万万
                    total *= u
                    recent_big = prev_unit * u
                    prev_unit = recent_big
                    k += 1
                    end = k
                    continue
                break
            if u == recent_big:
                break
            if u > recent_big:
                total = (total + cur) * u
            else:
                total += cur * u
            recent_big = u
            section, num, last_small, prev_unit, zero = 0, None, 10**9, u, False
            units_seen = True
            k += 1
            end = k
            continue
        if ch in APPROX_INNER:
            q = k + 1
            while q < n and text[q] in SPACES:
                q += 1
            if end > i and q < n and text[q] in UNIT_CHARS:
                flags |= APPROX
                k = q
                continue
            break
        if ch in POINT:
            if end == i:
                break
            k1 = k + 1
            while k1 < n and text[k1] in SPACES and k1 - k < 3:
                k1 += 1
            f, k2 = _frac_digits(text, k1, n)
            if not f:
                break
            frac = f
            k = k2
            end = k
            break
        break
    if end == i or not consumed_digit and not units_seen and num is None:
        return None
    if num is not None:
        if not num_ar and num_after_unit >= 100:
            num *= num_after_unit // 10  # 两千四百五 = 2450, 一万三 = 13000
        section += num
    value = Decimal(total + section)
    if frac:
        value += Decimal("0." + frac)
        # 三点五万: a decimal digit group followed by a big unit
        q = end
        if not units_seen and q < n and text[q] in BIG:
            mult = 1
            while q < n and text[q] in BIG and mult < 10**16:
                mult *= BIG[text[q]]
                q += 1
            value *= mult
            end = q
    return value, end, flags, digit_after_unit


# --------------------------------------------------------------------------- whole strings

_MONEY_RE = re.compile(r"^(?P<num>.+?)[元圆](?:(?P<jiao>.)角)?(?:(?P<fen>.)分)?[整正]?$")
_AR_MULT_RE = re.compile(r"^(?P<num>[-－−]?(?:\d[\d,，]*)?(?:[.．]\d+)?)(?P<mult>[十百千万萬亿億兆]+)$")


def cn2num(s: str) -> Decimal:
    """Convert a whole string written as a number ("三百五十万", "10.1万", "壹拾壹元壹角") to Decimal.

    Raises ValueError when ``s`` is not entirely one number.
    """
    s = s.strip()
    if not s:
        raise ValueError("empty")
    m = _MONEY_RE.match(s)
    if m:
        base = cn2num(m.group("num"))
        for part, scale in ((m.group("jiao"), Decimal("0.1")), (m.group("fen"), Decimal("0.01"))):
            if part:
                if part not in DIGITS:
                    raise ValueError(s)
                base += DIGITS[part] * scale
        return base
    r = scan(s, 0, len(s))
    if r is not None and r[1] == len(s):
        return r[0]
    m = _AR_MULT_RE.match(s)
    if m and m.group("num") not in ("", "-", "－", "−"):
        v = ascii_number(m.group("num").lstrip("-－−"))
        if m.group("num")[0] in "-－−":
            v = -v
        for ch in m.group("mult"):
            v *= SMALL.get(ch) or BIG[ch]
        return v
    raise ValueError(f"not a number: {s!r}")
