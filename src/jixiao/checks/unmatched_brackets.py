"""JX1202 括号、引号、书名号不配对

检查内容
  同一段落或同一表格单元格内：括号全半角混配（"(二）""（1)"）；两种括号配成一对
  （"〔2025】"）；有开无合或有合无开的括号
  （"中发〔201834号" 丢了"〕"，"…8号)" 前面没有"("）；引号"“"没有"”"；书名号"《"没有"》"。
  被转换拆成两段的文字（上一段末尾开、下一段开头合）、同一行相邻单元格之间拆开的括号
  视为配对；"1)""a)"这类列举序号不算括号。

为何重要
  括号、书名号不配对常是删改文字或转换格式时丢了字符，文号、文件名可能随之残缺（如
  "〔2018〕34号"变成"〔201834号"），审核时需要对照原件核实。

应报示例
  "(二）产出指标"；"《关于开展绩效自评工作的通知（财预〔2020〕10号"；"根据…8号)文件"。

不报示例
  "（一）"“(一)”这类配对的括号；"1)成立工作组"这类列举序号；一段末尾"（含"与下一段开头
  "结转）"被拆开的括号。

依据
  GB/T 15834—2011《标点符号用法》4.9（括号）、4.15（书名号）、4.1（引号）。
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph, Table
from .base import Context, rule

_OPEN = {"(": "paren", "（": "paren", "[": "square", "【": "lent", "〔": "tort", "﹝": "tort",
         "《": "book", "〈": "angle", "“": "quote", "「": "corner", "『": "wcorner", "{": "curly"}
_CLOSE = {")": "paren", "）": "paren", "]": "square", "】": "lent", "〕": "tort", "﹞": "tort",
          "》": "book", "〉": "angle", "”": "quote", "」": "corner", "』": "wcorner", "}": "curly"}
_PAIR_OF = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕", "﹝": "﹞", "《": "》", "〈": "〉",
            "“": "”", "「": "」", "『": "』", "{": "}"}
_NAME = {"(": "括号", "（": "括号", ")": "括号", "）": "括号", "[": "方括号", "]": "方括号", "【": "方头括号",
         "】": "方头括号", "〔": "六角括号", "〕": "六角括号", "﹝": "六角括号", "﹞": "六角括号", "《": "书名号",
         "》": "书名号", "〈": "书名号", "〉": "书名号", "“": "引号", "”": "引号", "「": "引号", "」": "引号",
         "『": "引号", "』": "引号", "{": "花括号", "}": "花括号"}
# a document number whose closing bracket was lost: 〔201834号 -> 〔2018〕34号
_CLOSED_END = re.compile(r"[。！？；.!?;]\s*$")
_REACH_STOP = re.compile(r"[\s，,。；;：:、！？]")
_LOST_DOCNO = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<n>\d{1,4})号")
_BRACKET_CHAR = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_HALF, _FULL = "()", "（）"
_BRACKETS = {"paren", "square", "lent", "tort"}
# a closing bracket that is a list marker: "1)" "a)" "一)" at a line start or after a separator
_MARKER_CLOSE = re.compile(r"(?:^|(?<=[\s，,；;。：:、]))(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十])[)）]")


def _scan(text: str):
    """Mixed-width pairs (and pairs of two different brackets, "〔2025】"), unmatched openers and
    unmatched closers of one unit of text; indices are into ``text``."""
    if not _BRACKET_CHAR.search(text):
        return [], [], []
    markers = {m.end() - 1 for m in _MARKER_CLOSE.finditer(text)}
    stack: list[int] = []
    mixed: list[tuple[int, int]] = []
    lone_close: list[int] = []
    lone_open: list[int] = []
    for m in _BRACKET_CHAR.finditer(text):  # only brackets matter
        i, ch = m.start(), m.group()
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE:
            kind = _CLOSE[ch]
            if i in markers and not (stack and _OPEN[text[stack[-1]]] == kind):
                continue
            j = next((k for k in range(len(stack) - 1, -1, -1) if _OPEN[text[stack[k]]] == kind), None)
            if j is None:
                if stack and kind in _BRACKETS and _OPEN[text[stack[-1]]] in _BRACKETS:
                    mixed.append((stack.pop(), i))  # "〔2025】": opened with one bracket, closed with another
                else:
                    lone_close.append(i)
                continue
            # openers above the match were never closed
            for k in stack[j + 1:]:
                lone_open.append(k)
            o = stack[j]
            del stack[j:]
            if kind == "paren" and ((text[o] in _HALF) != (ch in _HALF)):
                mixed.append((o, i))
    lone_open.extend(stack)
    return mixed, sorted(lone_open), lone_close


# text that is not the report's: web-page chrome (【字体：】【阅读：), rows of a table flattened
# into one line with "|", and mis-decoded text ("非?鄲")
_CHROME = re.compile(r"字体|字号|浏览|阅读|打印|收藏|分享|发布(时间|日期)|来源[:：]|当前位置|索引号")
_DEBRIS = re.compile(r"\|.*\||\p{Han}\?\p{Han}|\ufffd")


def _ignored(text: str) -> bool:
    return bool(_DEBRIS.search(text)) or (len(text) <= 120 and bool(_CHROME.search(text)))


def _units(doc):
    """(text, start offset, group) per paragraph or cell; units of one group are adjacent
    pieces of one flow (paragraphs in order; the cells of one table row)."""
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            yield b.text, b.span[0], ("p",)
        elif isinstance(b, Table):
            for r, row in enumerate(b.rows):
                for cell in row:
                    if cell.origin is None and cell.text:
                        yield cell.text, cell.span[0], ("t", b.index, r)


@rule("JX1202", "unmatched-brackets", category="punctuation", severity="warning",
      fire=["一、基本情况\n(二）产出指标完成情况良好。\n",
            "一、基本情况\n根据《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔201834号）要求开展自评。\n",
            "一、基本情况\n根据《关于下达资金的通知》（财预〔2024〕8号)、闽财〔2024〕9号)文件，下达资金。\n",
            "一、基本情况\n坚持“花钱必问效，无效必问责的理念。\n",
            "一、基本情况\n根据《关于开展自评工作的通知》（某财绩〔2025】3号）要求开展自评。\n"],
      nofire=["一、基本情况\n（一）机构\n根据《通知》（财预〔2020〕10号）要求。\n",
              "一、基本情况\n1)成立自评小组；2)拟定工作方案。\n",
              "一、基本情况\n支出合计100万元（含上年结\n转资金20万元）。\n",
              "项目\t金额(万\t元)\n支出\t100\t\n"])
def check(ctx: Context):
    doc = ctx.doc
    units = list(_units(doc))
    results = [_scan(t) for t, _, _ in units]
    # a bracket opened at the end of one unit and closed at the start of the next one of the same
    # flow is a pair split by the converter (or by a cell border)
    for i in range(len(units) - 1):
        if units[i][2] != units[i + 1][2] and not (units[i][2][0] == "p" and units[i + 1][2][0] == "p"):
            continue
        _, opens, _ = results[i]
        _, _, closes = results[i + 1]
        t1, t2 = units[i][0], units[i + 1][0]
        while opens and closes and _OPEN[t1[opens[-1]]] == _CLOSE[t2[closes[0]]]:
            opens.pop()
            closes.pop(0)
    last_para = max((k for k, u in enumerate(units) if u[2] == ("p",)), default=-1)
    opening = {k for k, u in enumerate(units) if u[2] == ("p",)}
    opening = set(sorted(opening)[:3])
    for k, ((text, base, group), (mixed, opens, closes)) in enumerate(zip(units, results)):
        if not (mixed or opens or closes) or group == ("p",) and _ignored(text):
            continue
        for o, c in mixed:
            pair = text[o] + "…" + text[c]
            if _OPEN[text[o]] != _CLOSE[text[c]]:
                expected = text[o] + text[o + 1:c] + _PAIR_OF[text[o]]
                yield ctx.hit(f"{_NAME[text[o]]}“{text[o]}”与{_NAME[text[c]]}“{text[c]}”配成了一对（{_quote(text, o, c)}），"
                              f"应为“{expected if len(expected) <= 20 else _PAIR_OF[text[o]]}”。",
                              _pair_evidence(base, o, c), expected=_PAIR_OF[text[o]],
                              suggestion="改用同一种括号；涉及文号的请对照原文核实。",
                              message_en=f"“{text[o]}” is closed by a different bracket “{text[c]}”.")
                continue
            expected = "（…）" if text[c] in _FULL or text[o] in _FULL else "(…)"
            yield ctx.hit(f"括号“{text[o]}”与“{text[c]}”全角半角不一致（{_quote(text, o, c)}），应成对使用“（）”。",
                          _pair_evidence(base, o, c), expected=expected,
                          severity="info", suggestion="将这对括号统一为全角“（）”。",
                          message_en=f"Brackets “{pair}” mix full-width and half-width forms; use a matching pair.")
        for o in opens:
            # an excerpt cut off mid-sentence leaves its last bracket open
            if k == last_para and not _CLOSED_END.search(text):
                continue
            close = _PAIR_OF[text[o]]
            expected, guess = close, ""
            m = _LOST_DOCNO.match(text, o + 1)
            if _OPEN[text[o]] in ("square", "lent", "tort") and m:
                expected = f"{text[o]}{m.group('year')}{close}{m.group('n')}号"
                guess = f"，疑为“{expected}”"
            yield ctx.hit(f"{_NAME[text[o]]}“{text[o]}”没有对应的“{close}”（{_context(text, o)}）{guess}。",
                          [(base + o, base + o + 1 + _reach(text, o + 1, 1))], expected=expected,
                          suggestion=f"补上“{_PAIR_OF[text[o]]}”，或删去多余的“{text[o]}”；涉及文号、文件名的请对照原文核实。",
                          message_en=f"Opening “{text[o]}” has no matching closing mark.")
        for c in closes:
            if k in opening and c < 20:
                continue  # an excerpt that starts mid-sentence
            opener = next(o for o, v in _PAIR_OF.items() if v == text[c])
            yield ctx.hit(f"{_NAME[text[c]]}“{text[c]}”前面没有对应的“{opener}”（{_context(text, c)}）。",
                          [(base + c - _reach(text, c - 1, -1), base + c + 1)], expected=opener,
                          suggestion=f"补上“{opener}”，或删去多余的“{text[c]}”。",
                          message_en=f"Closing “{text[c]}” has no matching opening mark.")


def _pair_evidence(base: int, o: int, c: int) -> list[tuple[int, int]]:
    """The whole pair when short ("(二）"), else its two marks."""
    if c - o <= 20:
        return [(base + o, base + c + 1)]
    return [(base + o, base + o + 1), (base + c, base + c + 1)]


def _reach(text: str, i: int, step: int, most: int = 4) -> int:
    """How many characters next to a lone mark to quote with it (up to four, within the clause)."""
    n = 0
    while n < most and 0 <= i < len(text) and not _REACH_STOP.match(text[i]) \
            and text[i] not in _OPEN and text[i] not in _CLOSE:
        n += 1
        i += step
    return n


def _quote(text: str, o: int, c: int) -> str:
    s = text[o:c + 1]
    return s if len(s) <= 20 else s[:9] + "…" + s[-9:]


def _context(text: str, i: int) -> str:
    a, b = max(0, i - 10), min(len(text), i + 11)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")
