"""Build .docx fixtures in a test's tmp_path.

python-docx makes the package (styles, core properties, headers, footers, comments, merged
cells through its API); raw WordprocessingML is injected where it has no API: numbering.xml
definitions, numbered paragraphs, text boxes, footnotes, tracked changes, fields, content
controls, gridBefore and hand-written merges.

Typical use::

    doc = new_document()
    doc.add_heading("一、部门概况", level=1)
    append_xml(doc, p("本部门共有内设机构5个。"))
    path = save(doc, tmp_path / "r.docx", numbering=NUMBERING_XML)
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


# --------------------------------------------------------------------------- XML snippets


def r(text: str, *, tag: str = "t") -> str:
    """A run with one text element (tag="delText" for deleted text, "instrText" for a field)."""
    return f'<w:r><w:{tag} xml:space="preserve">{escape(text)}</w:{tag}></w:r>'


def p(*content: str, style: str | None = None, num: tuple[int, int] | None = None,
      outline: int | None = None, raw: bool = False) -> str:
    """A paragraph; plain strings become runs unless ``raw`` (already XML)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    body = "".join(c if raw or c.startswith("<") else r(c) for c in content)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


def tc(*paras: str, span: int = 1, vmerge: str | None = None) -> str:
    """A table cell; ``vmerge`` is "restart", "continue" or None."""
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    inner = "".join(x if x.startswith("<") else p(x) for x in paras) or "<w:p/>"
    return f"<w:tc>{'<w:tcPr>' + pr + '</w:tcPr>' if pr else ''}{inner}</w:tc>"


def tr(*cells: str, before: int = 0, after: int = 0) -> str:
    pr = ""
    if before:
        pr += f'<w:gridBefore w:val="{before}"/>'
    if after:
        pr += f'<w:gridAfter w:val="{after}"/>'
    return f"<w:tr>{'<w:trPr>' + pr + '</w:trPr>' if pr else ''}{''.join(cells)}</w:tr>"


def tbl(n_cols: int, *rows: str) -> str:
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(n_cols))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def textbox_run(*paras: str) -> str:
    """A run holding a floating text box, written as Word does: DrawingML choice + VML fallback."""
    inner = "".join(x if x.startswith("<") else p(x) for x in paras)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
        "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def field(instr: str, result: str) -> str:
    """A complex field: instruction (hidden) and its result (shown)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def footnote_ref(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def footnotes_xml(*notes: str, kind: str = "footnote") -> str:
    """footnotes.xml (kind="endnote": endnotes.xml) with Word's two separator notes first."""
    root = "footnotes" if kind == "footnote" else "endnotes"
    seps = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )
    body = "".join(f'<w:{kind} w:id="{i}">{p(" " + text)}</w:{kind}>' for i, text in enumerate(notes, start=1))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NSDECL}>{seps}{body}</w:{root}>'


# --------------------------------------------------------------------------- numbering


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, restart: int | None = None,
        suff: str | None = None, is_lgl: bool = False, pstyle: str | None = None) -> str:
    extra = ""
    if restart is not None:
        extra += f'<w:lvlRestart w:val="{restart}"/>'
    if pstyle:
        extra += f'<w:pStyle w:val="{pstyle}"/>'
    if is_lgl:
        extra += "<w:isLgl/>"
    if suff:
        extra += f'<w:suff w:val="{suff}"/>'
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/></w:lvl>')


def abstract_num(aid: int, *levels: str, style_link: str | None = None, num_style_link: str | None = None) -> str:
    links = ""
    if style_link:
        links += f'<w:styleLink w:val="{style_link}"/>'
    if num_style_link:
        links += f'<w:numStyleLink w:val="{num_style_link}"/>'
    return (f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
            f'{links}{"".join(levels)}</w:abstractNum>')


def num(num_id: int, aid: int, start_overrides: dict[int, int] | None = None) -> str:
    ov = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                 for i, v in (start_overrides or {}).items())
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'


def numbering_xml(*items: str) -> str:
    """numbering.xml from abstract_num(...) and num(...) snippets (abstracts must come first)."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NSDECL}>{"".join(items)}</w:numbering>'


def style_xml(style_id: str, name: str, *, based_on: str | None = None, outline: int | None = None,
              num: tuple[int, int | None] | None = None, kind: str = "paragraph") -> str:
    ppr = ""
    if num is not None:
        ilvl = f'<w:ilvl w:val="{num[1]}"/>' if num[1] is not None else ""
        ppr += f'<w:numPr>{ilvl}<w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{escape(name)}"/>{based}'
            f'{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}</w:style>')


# --------------------------------------------------------------------------- documents


def new_document() -> docx.document.Document:
    return docx.Document()


def append_xml(doc, *xml: str) -> None:
    """Append raw body blocks (w:p, w:tbl, w:sdt...) before the final sectPr."""
    body = doc.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    for fragment in xml:
        el = parse_xml(f"<w:wrap {NSDECL}>{fragment}</w:wrap>")
        for child in list(el):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)


def add_styles(doc, *styles: str) -> None:
    root = doc.styles.element
    for s in styles:
        root.append(parse_xml(f"<w:wrap {NSDECL}>{s}</w:wrap>")[0])


def save(doc, path: Path, *, numbering: str | None = None, footnotes: str | None = None,
         endnotes: str | None = None, document_xml: bytes | None = None) -> Path:
    """Save a python-docx Document, then inject parts python-docx cannot write."""
    buf = io.BytesIO()
    doc.save(buf)
    replace: dict[str, bytes] = {}
    add: dict[str, tuple[bytes, str, str]] = {}  # name -> (data, rel type, content type)
    if numbering is not None:
        replace["word/numbering.xml"] = numbering.encode("utf-8")
    if footnotes is not None:
        add["word/footnotes.xml"] = (footnotes.encode("utf-8"), "footnotes", f"{CT_WML}.footnotes+xml")
    if endnotes is not None:
        add["word/endnotes.xml"] = (endnotes.encode("utf-8"), "endnotes", f"{CT_WML}.endnotes+xml")
    if document_xml is not None:
        replace["word/document.xml"] = document_xml
    path.write_bytes(patch_zip(buf.getvalue(), replace, add))
    return path


def patch_zip(data: bytes, replace: dict[str, bytes], add: dict[str, tuple[bytes, str, str]]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = replace.get(info.filename, src.read(info.filename))
            if info.filename == "word/_rels/document.xml.rels" and add:
                rels = "".join(f'<Relationship Id="rIdX{i}" Type="{REL}/{rtype}" Target="{name.split("/", 1)[1]}"/>'
                               for i, (name, (_, rtype, _ct)) in enumerate(add.items()))
                blob = blob.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if info.filename == "[Content_Types].xml" and add:
                cts = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, (_, _r, ct) in add.items())
                blob = blob.replace(b"</Types>", cts.encode() + b"</Types>")
            dst.writestr(info.filename, blob)
        for name, (blob, _r, _ct) in add.items():
            dst.writestr(name, blob)
    return out.getvalue()


def build(path: Path, *blocks: str, numbering: str | None = None, styles: tuple[str, ...] = (),
          footnotes: str | None = None, endnotes: str | None = None) -> Path:
    """A document whose body is exactly ``blocks`` (raw XML snippets or plain paragraph texts)."""
    doc = new_document()
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    if styles:
        add_styles(doc, *styles)
    append_xml(doc, *(b if b.startswith("<") else p(b) for b in blocks))
    return save(doc, path, numbering=numbering, footnotes=footnotes, endnotes=endnotes)
