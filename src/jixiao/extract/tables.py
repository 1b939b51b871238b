"""How a table is laid out: header rows, column headers and units, row labels."""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..model import Table
from ..sections import parse_marker

_NUMERIC = re.compile(r"^[\s≥≤<>=＞＜约]*[-+]?\d[\d.,]*\s*(%|％|‰|万元|千元|亿元|元|分|万亩|亩|人|个|项|次|家|户)?\s*$")
_AMONG = re.compile(r"^其中[:：]?\s*")
_INDICATOR_NAME = ("三级指标", "指标名称", "绩效指标", "具体指标", "指标内容", "二级指标", "指标")


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text or ""))


@dataclass
class TableLayout:
    table: Table
    header_rows: int
    headers: list[str]  # per column: header texts of the header rows, joined by "/"
    units: list[str | None]  # per column: unit declared by its header or the table caption
    label_cols: list[int]  # columns whose text names the row (most specific last)

    def row_label(self, r: int) -> str | None:
        for c in reversed(self.label_cols):
            v = self.table.value(r, c).strip()
            if v and not is_numeric(v):
                label = _AMONG.sub("", v)
                marker = parse_marker(label)
                return (label[marker.end:] if marker else label).strip("：: ") or v
        return None


def table_layout(t: Table, caption: str | None = None) -> TableLayout:
    """The layout of ``t`` (computed once per table; the caption only adds a table-wide unit)."""
    cached = t.__dict__.get("_layout")
    if cached is not None and (caption is None or cached[0] == caption):
        return cached[1]
    layout = _layout(t, caption)
    t.__dict__["_layout"] = (caption, layout)
    return layout


_NOT_MONEY_COLUMN = re.compile(r"分值|得分|权重|执行率|完成率|比例|占比|%|％|人数|个数|序号|指标值|完成值")


def _layout(t: Table, caption: str | None) -> TableLayout:
    from .quantities import header_unit

    n_cols = t.n_cols
    header_rows = 0
    for r in range(min(3, t.n_rows - 1)):
        vals = [t.value(r, c) for c in range(n_cols)]
        if any(is_numeric(v) for v in vals if v):
            break
        header_rows = r + 1
        # a single header row is the norm; continue only while the next row is still all text
    headers = []
    for c in range(n_cols):
        parts = []
        for r in range(header_rows):
            v = t.value(r, c).strip()
            if v and v not in parts:
                parts.append(v)
        headers.append("/".join(parts))
    table_unit = header_unit(caption) if caption else None
    if table_unit is None and header_rows:
        for c in range(n_cols):
            u = header_unit(t.value(0, c)) if c == 0 else None
            if u:
                table_unit = u
    units = [header_unit(h) if h else None for h in headers]
    # a table-wide money unit is not the unit of its score, weight, rate or count columns
    units = [u or (None if _NOT_MONEY_COLUMN.search(h or "") else table_unit) for u, h in zip(units, headers)]
    label_cols = _label_columns(t, header_rows, headers)
    return TableLayout(t, header_rows, headers, units, label_cols)


def _label_columns(t: Table, header_rows: int, headers: list[str]) -> list[int]:
    for name in _INDICATOR_NAME:
        cols = [c for c, h in enumerate(headers) if name in h]
        if cols:
            first = cols[0]
            return [c for c in range(first + 1) if "指标" in headers[c] or c == first] or [first]
    # otherwise: the leading columns that hold text, not figures, in the body rows
    cols = []
    for c in range(t.n_cols):
        body = [t.value(r, c) for r in range(header_rows, t.n_rows) if t.value(r, c)]
        if body and sum(is_numeric(v) for v in body) <= len(body) * 0.3:
            cols.append(c)
        else:
            break
    return cols or [0]
