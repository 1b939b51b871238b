"""HTML reader: a report published as a web page (often a GBK government site page).

The bytes are decoded (BOM, ``<meta charset>``, else charset detection), site chrome is removed
(navigation, breadcrumbs, share bars, footers with 主办单位/ICP备, related links), and when the
page had such chrome the main content container is chosen by text density. Headings,
paragraphs and data tables (rowspan/colspan resolved) come out in document order; tables used
for page layout are descended into rather than emitted.
"""
from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from ..errors import InputError
from ..model import RawCell, RawDocument, RawParagraph, RawTable, SourceLoc

# ---------------------------------------------------------------------- decoding

_GB = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "gb_2312", "csgb2312",
       "chinese", "euc-cn", "euccn", "iso-ir-58", "csiso58gb231280", "gb18030", "x-euc-cn", "hz-gb-2312"}
_LATIN = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_\-.]+)", re.I)
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
_UNDECODABLE = ("网页文件的文字编码无法识别，无法读取", "cannot decode the HTML file (unknown or broken character encoding)")
_NOT_HTML = ("不是有效的网页 (HTML) 文件", "not an HTML file")


def _canonical(name: str) -> str | None:
    n = name.strip().lower().replace("_", "-") if name else ""
    if not n:
        return None
    if n in _GB or n.replace("-", "_") in _GB:
        return "gb18030"
    if n in ("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"):
        return "big5hkscs"
    if n in _LATIN:
        return "cp1252"
    if n in ("utf8", "unicode-1-1-utf-8", "unicode"):
        return "utf-8"
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def sniff_declared(data: bytes) -> str | None:
    """The encoding a page declares in its first bytes (<meta charset>, http-equiv, <?xml?>)."""
    head = data[:8192]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return _canonical(m.group(1).decode("ascii", "ignore"))


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Raises InputError when the bytes are not text in any encoding."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(*_UNDECODABLE)
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0" or data[:5] == b"%PDF-":
        raise InputError(*_NOT_HTML)
    if data.count(b"\x00") > max(2, len(data) // 100):
        raise InputError(*_UNDECODABLE)
    declared = sniff_declared(data)
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = None  # an 8-bit file cannot really be UTF-16 without a BOM
    non_ascii = any(b > 0x7F for b in data)
    if declared == "cp1252" and non_ascii:
        declared = None  # a Latin-1 declaration on a Chinese page is nearly always wrong
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= max(1, len(text) // 2000):
            return text, declared  # a few broken bytes (a truncated character) in a declared page
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:
        best = None
    if best is not None and best.encoding:
        enc = _canonical(best.encoding) or best.encoding
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            try:
                return str(best), best.encoding
            except Exception:
                pass
    raise InputError(*_UNDECODABLE)


# ---------------------------------------------------------------------- chrome

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
              "svg", "canvas", "select", "option", "button", "input", "textarea", "link", "meta", "head",
              "map", "audio", "video", "source", "param", "applet"}
_STRONG_HINTS = ("nav", "menu", "breadcrumb", "crumb", "footer", "share", "sidebar", "copyright", "banner",
                 "toolbar", "topbar", "friendlink", "friend", "weizhi", "dqwz", "location", "position",
                 "related", "xgxx", "xgwz", "xglj", "print", "login", "search", "bshare", "jiathis", "qrcode",
                 "erweima", "pager", "pagination", "fenxiang", "dayin", "guanbi", "advert", "gotop", "backtop")
_SUFFIX_HINTS = ("nav", "menu", "footer", "share", "crumb", "sidebar", "copyright")  # topnav, leftmenu
_WEAK_HINTS = {"header", "head", "top", "foot", "bottom", "side", "tools", "tool", "links", "link", "sitemap"}
_CONTENT_HINTS = re.compile(r"(^|[^a-z])(content|article|trs_?editor|zoom|main|detail|text|zw|wzy|con|"
                            r"custom_unionstyle|news_?con|info_?con|body_?text)([^a-z]|$)", re.I)
_CHROME_TEXT = re.compile(
    r"当前位置|您的位置|您现在的位置|您所在的位置|所在位置|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|"
    r"\[\s*关闭\s*\]|打印此页|保存本页|分享到|网站地图|主办单位|承办单位|技术支持[:：]|ICP备|公网安备|网站标识码|版权所有|"
    r"Copyright|扫一扫在手机|字[号体][:：]?\s*[【\[]?\s*大\s*中\s*小|上一篇[:：]|下一篇[:：]|相关链接|相关文章|相关阅读|"
    r"友情链接|浏览次数[:：]|访问次数|收藏本页|设为首页|加入收藏|无障碍|长者模式|返回顶部", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt", "blockquote",
          "center", "address", "figure", "figcaption", "hr", "tr", "td", "th", "tbody", "thead", "tfoot",
          "caption", "table", "form", "fieldset", "legend", "details", "summary", "header", "footer", "nav",
          "aside", "body", "html", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "menu", "dir"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _tokens(tag) -> list[str]:
    vals = []
    for attr in ("id", "class"):
        v = tag.get(attr)
        if isinstance(v, list):
            vals.extend(v)
        elif v:
            vals.append(v)
    out: list[str] = []
    for v in vals:
        v = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(v))
        out.extend(t for t in re.split(r"[^A-Za-z0-9]+", v.lower()) if t)
    return out


def _hint(tag) -> str | None:
    """'strong' / 'weak' when the element's id/class names it as page chrome."""
    toks = _tokens(tag)
    joined = "".join(toks)
    if any(t.startswith(h) for t in toks for h in _STRONG_HINTS) or "breadcrumb" in joined or \
            any(t.endswith(h) for t in toks for h in _SUFFIX_HINTS):
        return "strong"
    if any(t in _WEAK_HINTS for t in toks):
        return "weak"
    return None


class _Stats:
    """Per-element character counts: CJK text outside links, and all text inside links."""

    def __init__(self):
        self.cache: dict[int, tuple[int, int]] = {}

    def of(self, tag) -> tuple[int, int]:
        key = id(tag)
        if key in self.cache:
            return self.cache[key]
        from bs4 import NavigableString, Tag

        text_cjk = link = 0
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name == "a":
                    s = child.get_text()
                    link += len(re.sub(r"\s+", "", s))
                else:
                    a, b = self.of(child)
                    text_cjk += a
                    link += b
            elif type(child) is NavigableString:
                text_cjk += len(_CJK.findall(str(child)))
        self.cache[key] = (text_cjk, link)
        return text_cjk, link


def _gone(el) -> bool:
    return bool(getattr(el, "decomposed", False))


def _has_plain_heading(tag) -> bool:
    for h in tag.find_all(list(_HEADINGS)):
        if h.find("a") is None and _CJK.search(h.get_text() or ""):
            return True
    return False


def _strip_chrome(soup, body) -> bool:
    """Remove navigation, footers, share bars... Returns True when anything looked like chrome."""
    from bs4 import NavigableString, Tag

    found = False
    stats = _Stats()
    total = max(stats.of(body)[0], 1)

    def too_big(el) -> bool:
        cjk = stats.of(el)[0]
        return cjk > 200 and cjk > 0.5 * total

    # structural chrome tags
    for el in list(body.find_all(["nav", "aside", "footer", "header", "form"])):
        if _gone(el):
            continue
        if el.name == "form":
            if stats.of(el)[0] >= 0.5 * total or el.find("table") is not None:
                el.unwrap()  # ASP.NET pages wrap the whole page in one form
            else:
                found = True
                el.decompose()
            continue
        if el.name == "header" and (el.find_parent(["article", "main"]) is not None or _has_plain_heading(el)):
            continue  # an article's own header holds its title
        if too_big(el):
            continue
        found = True
        el.decompose()
    stats = _Stats()
    # id/class hints
    for el in list(body.find_all(True)):
        if _gone(el) or el is body:
            continue
        kind = _hint(el)
        if kind is None:
            continue
        if too_big(el) or _CONTENT_HINTS.search(" ".join(_tokens(el))) and kind == "weak":
            continue
        cjk, link = stats.of(el)
        if kind == "weak":
            if _has_plain_heading(el):
                continue
            if not (link >= 0.3 * max(cjk + link, 1) or cjk < 40):
                continue
        found = True
        el.decompose()
    stats = _Stats()
    # boilerplate text: climb to the largest small ancestor and drop it
    for s in list(body.find_all(string=_CHROME_TEXT)):
        if not isinstance(s, NavigableString) or _gone(s) or s.parent is None or _gone(s.parent):
            continue
        node = s.parent
        if node is None or node.name in ("body", "html"):
            continue
        best = None
        cur = node
        while isinstance(cur, Tag) and cur.name not in ("body", "html"):
            txt = cur.get_text()
            if len(re.sub(r"\s+", "", txt)) > 200 or cur.name in ("table", "tbody", "tr"):
                break
            if cur.find("table") is not None or (cur is not node and _has_plain_heading(cur)):
                break  # never take the article title or a data table along with the chrome
            best = cur
            cur = cur.parent
        if best is not None and not _gone(best) and best.parent is not None:
            found = True
            best.decompose()
    return found


def _choose_container(body):
    """The deepest element holding most of the non-link Chinese text (or None: keep the body)."""
    from bs4 import Tag

    stats = _Stats()
    total = stats.of(body)[0]
    if total < 20:
        return None
    node = body
    while True:
        nxt = None
        for child in node.children:
            if isinstance(child, Tag) and stats.of(child)[0] >= 0.8 * total:
                nxt = child
                break
        if nxt is None:
            break
        node = nxt
    if node is not body:
        return node
    # no single dominant child: fall back on a conventional content container
    best, best_cjk = None, 0
    for el in body.find_all(True):
        if _CONTENT_HINTS.search(" ".join(_tokens(el))):
            cjk = stats.of(el)[0]
            if cjk >= 0.5 * total and (best is None or cjk < best_cjk):
                best, best_cjk = el, cjk
    return best


def _title_outside(container, body):
    """A heading just before the chosen container (the article title above its body)."""
    from bs4 import Tag

    order = {id(el): i for i, el in enumerate(body.find_all(True))}
    start = order.get(id(container), 0)
    anc = container.parent
    for _ in range(3):
        if anc is None or not isinstance(anc, Tag):
            break
        cands = []
        for el in anc.find_all(True):
            i = order.get(id(el))
            if i is None or i >= start:
                continue
            is_heading = el.name in _HEADINGS
            is_title = any("title" in t or t in ("bt", "tit", "biaoti") for t in _tokens(el))
            if not (is_heading or is_title) or el.find("a") is not None:
                continue
            text = _collapse(el.get_text(" ")).strip()
            if 4 <= len(_CJK.findall(text)) and len(text) <= 150:
                cands.append((i, el, text))
        if cands:
            _, el, text = max(cands, key=lambda x: x[0])
            return text, _HEADINGS.get(el.name, 1), el.name
        if anc is body:
            break
        anc = anc.parent
    return None


# ---------------------------------------------------------------------- text

_CJK_OR_PUNCT = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_NL_BETWEEN_CJK = re.compile(rf"(?<={_CJK_OR_PUNCT})[ \t\r\f]*\n[ \t\r\n\f]*(?={_CJK_OR_PUNCT})")
_WS = re.compile(r"[ \t\r\n\f\v]+")


def _collapse(s: str) -> str:
    """Collapse inline whitespace the way a browser does (a line break between Chinese characters
    disappears); &nbsp; and ideographic spaces are kept."""
    s = _NL_BETWEEN_CJK.sub("", s)
    return _WS.sub(" ", s)


def _is_layout_table(table) -> bool:
    if table.find("table") is not None:
        return True
    if (table.get("role") or "").lower() == "presentation":
        return True
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    cells = [c for tr in rows for c in tr.find_all(["td", "th"], recursive=False)]
    if not cells:
        return True
    ncols = max(sum(_span(c.get("colspan")) for c in tr.find_all(["td", "th"], recursive=False)) for tr in rows) if rows else 0
    for c in cells:
        blocks = c.find_all(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"])
        cjk = len(_CJK.findall(c.get_text()))
        if cjk >= 300 and len(blocks) >= 3:
            return True
        if ncols == 1 and (c.find(list(_HEADINGS)) is not None or len(blocks) >= 3):
            return True
    return False


def _span(v) -> int:
    m = re.match(r"\s*(\d+)", str(v)) if v is not None else None
    if not m:
        return 1
    return min(int(m.group(1)), 1000)


class _Extractor:
    def __init__(self):
        self.blocks: list = []
        self.buf: list[str] = []
        self.n_par = 0
        self.n_tab = 0

    # paragraphs
    def flush(self):
        if not self.buf:
            return
        text = _collapse("".join(self.buf)).strip(" \t\r\n\f")
        self.buf = []
        self.emit(text)

    def emit(self, text: str, level: int | None = None, style: str | None = None):
        if not text.replace("\xa0", "").replace("\u3000", "").strip():
            return
        bare = re.sub(r"\s+", "", text)
        if len(bare) <= 60 and _CHROME_TEXT.search(bare) and not level:
            return
        self.blocks.append(RawParagraph(text=text, loc=SourceLoc(part="body", paragraph=self.n_par),
                                        style=style, outline_level=level))
        self.n_par += 1

    # walking
    def walk(self, node):
        from bs4 import NavigableString, Tag

        for child in node.children:
            if isinstance(child, Tag):
                name = child.name
                if name == "br":
                    self.flush()
                elif name in _HEADINGS:
                    self.flush()
                    if child.find("table") is not None:
                        self.walk(child)
                        self.flush()
                        continue
                    text = _collapse(_text_lines(child, " ")).strip(" \t\r\n\f")
                    self.emit(text, level=_HEADINGS[name], style=name)
                elif name == "table":
                    self.flush()
                    if _is_layout_table(child):
                        self.walk(child)
                        self.flush()
                    else:
                        self.table(child)
                elif name == "pre":
                    self.flush()
                    for line in child.get_text().splitlines():
                        self.emit(line.rstrip())
                elif name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)
            elif type(child) is NavigableString:
                self.buf.append(str(child))

    # tables
    def table(self, table):
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        nrows = len(rows)
        grid: dict[tuple[int, int], RawCell] = {}
        width = 0
        for r, tr in enumerate(rows):
            c = 0
            for td in tr.find_all(["td", "th"], recursive=False):
                while (r, c) in grid:
                    c += 1
                rs = _span(td.get("rowspan"))
                if rs == 0:
                    rs = nrows - r
                rs = max(1, min(rs, nrows - r))
                cs = max(1, _span(td.get("colspan")))
                free = 0
                while free < cs and (r, c + free) not in grid:
                    free += 1
                cs = max(1, free)
                grid[(r, c)] = RawCell(text=_cell_text(td), rowspan=rs, colspan=cs)
                for dr in range(rs):
                    for dc in range(cs):
                        if (dr, dc) != (0, 0):
                            grid.setdefault((r + dr, c + dc), RawCell(text="", origin=(r, c)))
                c += cs
                width = max(width, c)
        if not grid:
            return
        out = [[grid.get((r, c)) or RawCell(text="") for c in range(width)] for r in range(nrows)]
        # drop trailing empty rows and columns (spacer rows Word writes into exported tables)
        def empty(cell: RawCell) -> bool:
            return cell.origin is None and cell.rowspan == 1 and cell.colspan == 1 and not cell.text.strip()

        while out and all(empty(c) for c in out[-1]):
            out.pop()
        while out and out[0] and all(empty(row[-1]) for row in out):
            for row in out:
                row.pop()
        if not out or not any(c.text.strip() for row in out for c in row):
            return
        caption = table.find("caption")
        title = _collapse(caption.get_text(" ")).strip() if caption is not None and caption.find_parent("table") is table else None
        self.blocks.append(RawTable(rows=out, loc=SourceLoc(part="body", table=self.n_tab), title=title or None))
        self.n_tab += 1


def _text_lines(tag, sep: str = "\n") -> str:
    """A tag's text with block boundaries and <br> as ``sep``; nested tables row by row."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    lines: list[str] = []

    def flush():
        if parts:
            t = _collapse("".join(parts)).strip(" \t\r\n\f")
            if t.replace("\xa0", "").replace("\u3000", "").strip():
                lines.append(t)
            parts.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, Tag):
                if child.name == "br":
                    flush()
                elif child.name in ("td", "th"):
                    walk(child)
                    parts.append(" ")
                elif child.name in _BLOCK:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            elif type(child) is NavigableString:
                parts.append(str(child))

    walk(tag)
    flush()
    return sep.join(lines)


def _cell_text(td) -> str:
    return _text_lines(td, "\n")


# ---------------------------------------------------------------------- entry point


def read_html(data: bytes, path: Path) -> RawDocument:
    """Read an HTML page's main text and tables."""
    text, encoding = decode_html(data)
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "lxml")
    except Exception as e:
        raise InputError("网页文件无法解析", f"cannot parse the HTML file ({type(e).__name__})")
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(old, 5000))
        return _read_soup(soup, encoding)
    except InputError:
        raise
    except RecursionError:
        raise InputError("网页结构嵌套过深，无法读取", "HTML nesting too deep to read")
    except Exception as e:  # never let a parser quirk escape as a traceback
        raise InputError("网页文件无法解析", f"cannot parse the HTML file ({type(e).__name__}: {e})")
    finally:
        sys.setrecursionlimit(old)


def _read_soup(soup, encoding: str) -> RawDocument:
    from bs4 import Comment

    meta: dict[str, str] = {"encoding": encoding}
    if soup.title is not None:
        title = _collapse(soup.title.get_text()).strip()
        if title:
            meta["title"] = title
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for el in soup.find_all(list(_DROP_TAGS)):
        if el.parent is not None:
            el.decompose()
    for el in soup.find_all(True):
        if _gone(el) or el.parent is None:
            continue
        if el.has_attr("hidden") or _HIDDEN_STYLE.search(str(el.get("style") or "")) or \
                (el.get("aria-hidden") == "true" and not _CJK.search(el.get_text())):
            el.decompose()
    body = soup.body or soup
    if body is None:
        return RawDocument(blocks=[], meta=meta)
    had_chrome = _strip_chrome(soup, body)
    root = body
    ex = _Extractor()
    if had_chrome:
        chosen = _choose_container(body)
        if chosen is not None and chosen is not body:
            root = chosen
            desc = chosen.name + "".join(f"#{chosen.get('id')}" for _ in [0] if chosen.get("id"))
            cls = chosen.get("class")
            if cls:
                desc += "." + ".".join(cls if isinstance(cls, list) else [str(cls)])
            meta["main_container"] = desc
            title = _title_outside(chosen, body)
            if title is not None:
                ex.emit(title[0], level=title[1], style=title[2] if title[2] in _HEADINGS else None)
        meta["chrome_removed"] = "yes"
    ex.walk(root)
    ex.flush()
    return RawDocument(blocks=ex.blocks, meta=meta)
