"""jixiao (绩效): an auditing assistant for Chinese budget-performance self-evaluation reports.

    >>> import jixiao
    >>> doc = jixiao.read("report.docx")          # file -> Document
    >>> jixiao.extract_quantities("满意度达85%")   # text -> quantities
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, JixiaoError
from .model import Document, Quantity

__all__ = ["read", "extract_quantities", "Document", "Quantity", "JixiaoError", "InputError", "__version__"]


def read(path, data: bytes | None = None) -> Document:
    """Read a report (docx, pdf, xlsx, txt, md, html) into a normalised Document."""
    from .readers import read as _read

    return _read(path, data)


def extract_quantities(text: str, default_unit: str | None = None) -> list[Quantity]:
    """All quantities in ``text``: value, unit, comparator and span. ``default_unit`` is the unit
    a table column declares ("（单位：万元）") for bare numbers."""
    from .extract.quantities import extract_quantities as _extract

    return _extract(text, default_unit=default_unit)
