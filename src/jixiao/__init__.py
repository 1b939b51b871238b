"""jixiao (绩效): an auditing assistant for Chinese budget-performance self-evaluation reports.

    >>> import jixiao
    >>> doc = jixiao.read("report.docx")          # file -> Document
    >>> report = jixiao.check(doc)                # Document or path -> Report (claims, findings)
    >>> report.to_json()                          # the JSON contract
    >>> jixiao.extract_quantities("满意度达85%")   # text -> quantities
"""
from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

from .errors import InputError, JixiaoError
from .model import Document, Quantity

__all__ = ["read", "read_text", "check", "extract_quantities", "Document", "Quantity", "JixiaoError",
           "InputError", "__version__"]


def read(path, data: bytes | None = None) -> Document:
    """Read a report (docx, pdf, xlsx, txt, md, html) into a normalised Document."""
    from .readers import read as _read

    return _read(path, data)


def read_text(text: str, name: str = "<text>.txt") -> Document:
    """Read a report given as a string (plain text or markdown) into a Document."""
    from .readers import read as _read

    return _read(name if "." in Path(name).name else name + ".txt", text.encode("utf-8"))


def check(target, config=None, **options):
    """Check a report (a path or a Document) into a Report: claims, findings, to_json().
    Options: ``select``, ``ignore`` (rule codes, prefixes or categories), ``profile``, ``models``
    (False: no learned triage confidence)."""
    from .report import check as _check

    return _check(target, config, **options)


def extract_quantities(text: str, default_unit: str | None = None) -> list[Quantity]:
    """All quantities in ``text``: value, unit, comparator and span. ``default_unit`` is the unit
    a table column declares ("（单位：万元）") for bare numbers."""
    from .extract.quantities import extract_quantities as _extract

    return _extract(text, default_unit=default_unit)
