"""Readers: one module per format, each turning file bytes into a RawDocument.

``read(path)`` picks the reader by extension (checked against the content), guards against
bad input and builds the normalised :class:`~jixiao.model.Document`.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from ..errors import InputError
from ..model import Document, RawDocument

# extension -> (format name in the contract, module, function)
READERS: dict[str, tuple[str, str, str]] = {
    ".docx": ("docx", "docx", "read_docx"),
    ".pdf": ("pdf", "pdf", "read_pdf"),
    ".xlsx": ("xlsx", "xlsx", "read_xlsx"),
    ".xlsm": ("xlsx", "xlsx", "read_xlsx"),
    ".txt": ("txt", "text", "read_txt"),
    ".text": ("txt", "text", "read_txt"),
    ".md": ("md", "text", "read_md"),
    ".markdown": ("md", "text", "read_md"),
    ".html": ("html", "html", "read_html"),
    ".htm": ("html", "html", "read_html"),
}
_OLD_FORMATS = {".doc": "Word 97-2003 (.doc)", ".xls": "Excel 97-2003 (.xls)", ".wps": "WPS (.wps)", ".et": "WPS (.et)"}
MAX_FILE_BYTES = 100 * 1024 * 1024


def supported_extensions() -> list[str]:
    return sorted(READERS)


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, turning every OS problem into a one-line InputError."""
    p = Path(path)
    if not p.exists():
        raise InputError("文件不存在", "file not found")
    if p.is_dir():
        raise InputError("这是一个文件夹，不是文件", "is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError("文件过大（超过 100 MB）", "file too large (over 100 MB)")
        data = p.read_bytes()
    except PermissionError:
        raise InputError("没有读取该文件的权限", "permission denied")
    except OSError as e:
        raise InputError("无法读取文件", f"cannot read file ({e.strerror or e})")
    if not data.strip():
        raise InputError("文件为空", "file is empty")
    return data


def detect_format(path: str | Path) -> str:
    ext = Path(path).suffix.lower()
    if ext in _OLD_FORMATS:
        raise InputError(f"不支持旧版 {_OLD_FORMATS[ext]} 格式，请另存为 .docx 或 .xlsx 后再检查",
                         f"old {_OLD_FORMATS[ext]} format is not supported; save as .docx/.xlsx")
    if ext not in READERS:
        shown = ext or "（无扩展名）"
        raise InputError(f"不支持的文件类型 {shown}，支持：{' '.join(supported_extensions())}",
                         f"unsupported file type {ext or '(none)'}")
    return READERS[ext][0]


def read_raw(path: str | Path, data: bytes | None = None) -> tuple[RawDocument, str, str]:
    """Read a file into a RawDocument; returns (raw, format, sha256 of the bytes)."""
    fmt = detect_format(path)
    if data is None:
        data = read_bytes(path)
    elif not data.strip():
        raise InputError("文件为空", "file is empty")
    _, module, func = READERS[Path(path).suffix.lower()]
    reader = getattr(importlib.import_module(f"{__name__}.{module}"), func)
    raw = reader(data, Path(path))
    if not any(_has_text(b) for b in raw.blocks):
        raise InputError("文件中没有可读的文字", "no readable text in the file")
    return raw, fmt, hashlib.sha256(data).hexdigest()


def read(path: str | Path, data: bytes | None = None) -> Document:
    """Read a report file (docx, pdf, xlsx, txt, md, html) into a Document."""
    from ..document import build_document

    raw, fmt, digest = read_raw(path, data)
    return build_document(raw, source=str(path), format=fmt, sha256=digest)


def _has_text(block) -> bool:
    if hasattr(block, "rows"):
        return any(c.text.strip() for row in block.rows for c in row)
    return bool(block.text.strip())
