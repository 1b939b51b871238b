"""Safety guard for zip-based formats (docx, xlsx): zip bombs and XML entity tricks."""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # 200 MB across all members
MAX_MEMBER_RATIO = 200  # uncompressed / compressed for any sizeable member
MAX_MEMBERS = 10_000
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """Open an OOXML package after checking it is a sane zip.

    Raises InputError for a corrupt/truncated file, a zip bomb or XML with a DTD/entities.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as e:
        raise InputError(f"{kind} 文件已损坏或不完整，无法打开", f"corrupt or truncated {kind} file ({e})")
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{kind} 文件包含的部件过多，拒绝处理", f"{kind} has too many parts ({len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise InputError(f"{kind} 文件疑似压缩炸弹（压缩比过高），拒绝处理",
                             f"{kind} looks like a zip bomb (compression ratio too high)")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(f"{kind} 文件解压后过大，拒绝处理", f"{kind} expands to {total} bytes, over the limit")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except Exception as e:  # CRC errors, truncated members
                raise InputError(f"{kind} 文件已损坏或不完整，无法打开", f"corrupt {kind} part {info.filename} ({e})")
            if _DTD.search(head):
                raise InputError(f"{kind} 文件含有 XML 实体声明（DTD），出于安全原因拒绝处理",
                                 f"{kind} part {info.filename} declares a DTD/entities; refused for safety")
    return zf
