"""Indicator records: 一级/二级/三级指标, 指标值, 实际值, 分值, 得分, 偏差原因 — from 自评表 tables
and from their text equivalents (a target set in 绩效目标 and the actual reported on it)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Claim, Document, Location, Span, Table
from .claims import role_of_header
from .relations import Link
from .tables import table_layout

_REASON_HEADERS = ("偏差原因", "原因分析", "改进措施", "偏差")


@dataclass
class Indicator:
    name: str
    source: str  # table | text
    span: Span
    location: Location | None = None
    level1: str | None = None
    level2: str | None = None
    target: str | None = None  # claim ids
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    target_text: str | None = None  # the 指标值 as written (also for qualitative targets)
    actual_text: str | None = None
    deviation: str | None = None  # 偏差原因分析及改进措施

    def to_json(self) -> dict:
        return {k: (v.to_json() if isinstance(v, Location) else list(v) if k == "span" else v)
                for k, v in self.__dict__.items()}


def is_indicator_table(headers: list[str]) -> bool:
    joined = "".join(headers)
    return "指标" in joined and any(w in joined for w in ("指标值", "目标值", "实际", "完成值", "分值", "得分"))


def indicators(doc: Document, claims: list[Claim], links: list[Link]) -> list[Indicator]:
    out: list[Indicator] = []
    by_cell: dict[tuple[int, int, int], Claim] = {}
    for c in claims:
        loc = c.location
        if c.source == "table" and loc is not None and loc.table is not None:
            by_cell.setdefault((loc.table, loc.row, loc.column), c)
    for t in doc.tables:
        if not t.is_toc:
            out.extend(_table_indicators(doc, t, by_cell))
    in_tables = {i.target for i in out if i.target}
    claim_by_id = {c.id: c for c in claims}
    for link in links:
        if link.target in in_tables:
            continue
        t = claim_by_id[link.target]
        if t.source != "text":
            continue
        a = claim_by_id.get(link.actual) if link.actual else None
        out.append(Indicator(name=t.metric or "", source="text", span=t.span, location=t.location, target=t.id,
                             actual=a.id if a else None, target_text=t.text, actual_text=a.text if a else None))
    return out


def _table_indicators(doc: Document, t: Table, by_cell) -> list[Indicator]:
    layout = table_layout(t)
    if not is_indicator_table(layout.headers):
        return []
    roles = [role_of_header(h) for h in layout.headers]
    reason_cols = [c for c, h in enumerate(layout.headers) if any(w in h for w in _REASON_HEADERS)]
    out = []
    for r in range(layout.header_rows, t.n_rows):
        names = [t.value(r, c).strip() for c in layout.label_cols]
        name = next((n for n in reversed(names) if n), "")
        if not name:
            continue
        rec = Indicator(name=name, source="table", span=(t.rows[r][0].span[0], t.rows[r][-1].span[1]),
                        location=doc.locate(t.rows[r][0].span[0]))
        levels = [n for n in names[:-1] if n]
        rec.level1 = levels[0] if levels else None
        rec.level2 = levels[1] if len(levels) > 1 else None
        for c, role in enumerate(roles):
            claim = by_cell.get((t.table_no, r, c))
            text = t.value(r, c).strip() or None
            if role == "target":
                rec.target, rec.target_text = (claim.id if claim else None), text
            elif role == "actual":
                rec.actual, rec.actual_text = (claim.id if claim else None), text
            elif role == "weight" and claim:
                rec.weight = claim.id
            elif role == "score" and claim:
                rec.score = claim.id
        if reason_cols:
            rec.deviation = t.value(r, reason_cols[0]).strip() or None
        out.append(rec)
    return out
