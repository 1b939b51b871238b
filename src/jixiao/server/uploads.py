"""Uploaded files: the type told by the content (never by the name), and storage under a
generated name in the data folder."""
from __future__ import annotations

import io
import os
import re
import unicodedata
import uuid
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import InputError

FORMATS = ("docx", "xlsx", "pdf", "html", "txt", "md")
_MARKUP = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|table|div|p|h[1-6])\b",
                     re.IGNORECASE | re.DOTALL)
_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def sniff(data: bytes, name: str = "") -> str:
    """The report format of ``data`` judged by its content: docx / xlsx (a zip holding the Word or
    Excel main part), pdf (%PDF), html (markup), txt or md (decodable text; md when so named).
    Anything else raises InputError."""
    if not data.strip():
        raise InputError("文件为空", "the file is empty")
    if data[:4] == b"PK\x03\x04":
        return _ooxml(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError("不支持旧版 Word/Excel（.doc/.xls）文件，请另存为 .docx 或 .xlsx 后上传",
                         "old Word/Excel (.doc/.xls) files are not supported; save as .docx/.xlsx")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    text = _decode(data)
    if text is None:
        raise InputError("不支持的文件类型：只接受 docx、pdf、xlsx、txt、html 报告",
                         "unsupported file type: only docx, pdf, xlsx, txt and html reports are accepted")
    if _MARKUP.match(text[:4096]):
        return "html"
    if name.lower().endswith((".md", ".markdown")):
        return "md"
    return "txt"


def _ooxml(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" not in names:
                raise InputError("压缩包不是 Word 或 Excel 文档", "a zip archive that is not a Word or Excel document")
            types = zf.read("[Content_Types].xml")[:200_000]
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError) as e:
        raise InputError("文件已损坏或不完整，无法打开", f"corrupt or truncated archive ({e})") from e
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names or b"spreadsheetml.sheet.main" in types:
        return "xlsx"
    raise InputError("不支持的 Office 文档：只接受 Word（.docx）和 Excel（.xlsx）",
                     "unsupported Office document: only Word (.docx) and Excel (.xlsx)")


def _decode(data: bytes) -> str | None:
    """The text of ``data`` when it is text (UTF-8/UTF-16 with BOM, GB18030 …), else None."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in head:
        return None
    for enc in _TEXT_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text[:20000]):
            return text
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        return None
    text = str(best)
    return text if _mostly_printable(text[:20000]) else None


def _mostly_printable(text: str) -> bool:
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\f")
    return bad <= max(2, len(text) // 200)


def clean_name(name: str | None) -> str:
    """An uploaded file's name as data to show: its last path part, no control characters, at most
    200 characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 2] + "…" + dot + ext) if dot and len(ext) <= 10 else base[:200]
    return base or "未命名"


def store(data: bytes, fmt: str, folder: Path) -> str:
    """Write ``data`` under a generated name in ``folder`` (durably) and return that name."""
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.{fmt}"
    tmp = folder / f".{stored}.part"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / stored)
    return stored


def stored_path(folder: Path, stored_name: str) -> Path:
    """The path of a stored file; refuses any name that is not one this module generated."""
    if not re.fullmatch(r"[0-9a-f]{32}\.(docx|xlsx|pdf|html|txt|md)", stored_name):
        raise InputError("存储文件名无效", "invalid stored file name")
    return folder / stored_name
