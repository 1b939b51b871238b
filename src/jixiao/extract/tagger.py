"""One call that tags a Document: claims, their relations and the indicator records."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Claim, Document
from .claims import tag_claims
from .indicator_tables import IndicatorTables, read_tables
from .indicators import Indicator, indicators
from .relations import Link, MentionGroup, PartWhole, link_targets, mention_groups, part_wholes


@dataclass
class Tagging:
    claims: list[Claim]
    part_wholes: list[PartWhole] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    groups: list[MentionGroup] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tables: IndicatorTables = field(default_factory=IndicatorTables)  # 自评表 rows, funding rows

    def claim(self, claim_id: str) -> Claim:
        return self._index()[claim_id]

    def _index(self) -> dict[str, Claim]:
        idx = self.__dict__.get("_idx")
        if idx is None or len(idx) != len(self.claims):
            idx = {c.id: c for c in self.claims}
            self.__dict__["_idx"] = idx
        return idx

    def relations_json(self) -> dict:
        return {
            "part_wholes": [pw.__dict__ for pw in self.part_wholes],
            "links": [lk.__dict__ for lk in self.links],
            "groups": [g.__dict__ for g in self.groups],
            "indicators": [i.to_json() for i in self.indicators],
            "indicator_blocks": [{"table": b.table, "source": b.source, "rows": len(b.rows), "unread": b.unread,
                                  "complete": b.complete} for b in self.tables.blocks],
        }


def tag(doc: Document, role_model=None) -> Tagging:
    """Tag every claim of ``doc`` and relate them. ``role_model`` (a claim-role model, see
    jixiao.learn.models) gives a role to the claims the rules leave as ``other``."""
    claims = tag_claims(doc)
    if role_model is not None:
        from ..learn.models import refine_roles

        refine_roles(doc, claims, role_model)
    pws = part_wholes(doc, claims)
    inherit_list_roles(claims, pws)
    links = link_targets(claims)
    tables = read_tables(doc, claims)
    return Tagging(claims=claims, part_wholes=pws, links=links, groups=mention_groups(claims),
                   indicators=indicators(doc, claims, links, tables), tables=tables)


_MONEY_ROLES = ("budget", "expenditure")


def inherit_list_roles(claims, part_wholes) -> None:
    """Items listed under a budget or spending total share its role (其中 A 万元、B 万元 …)
    unless their own words say otherwise."""
    by_id = {c.id: c for c in claims}
    for pw in part_wholes:
        whole = by_id[pw.whole]
        if whole.role not in _MONEY_ROLES:
            continue
        for pid in pw.parts:
            part = by_id[pid]
            if part.source == "text" and part.role in ("actual", "other", "target", "expenditure", "budget"):
                part.role = whole.role
