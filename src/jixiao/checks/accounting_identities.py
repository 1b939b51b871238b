"""JX303 会计恒等关系不成立

检查内容
  报告在正文或表格中同时给出某一恒等关系的全部各项时，核对其是否成立：
  编制数 = 行政编制 + 事业编制（+ 工勤编制）；实有人数 = 各类人员之和；
  资产总额 = 负债总额 + 净资产；基本支出 = 人员经费 + 公用经费；
  支出合计 = 基本支出 + 项目支出；预算收入（+ 年初结转）= 预算支出；
  收入合计 + 年初结转和结余 = 支出合计 + 年末结转和结余；
  实施项目总数 = 年初项目数 + 年中新增项目数。
  各项须为同一口径（同为预算数或同为决算数）、同一年度，在同一句（“其中”列举）、同一段落或
  同一表格列中；某一项未写明时，只在缺项无论取何值都无法平衡时报告（年初结转不会为负）。
  关系式及各项的提示词保存在 resources/identities.json 中，可按地区口径增补。
  分列在收入表与支出表中的预算合计是否平衡由 JX401 比较，本检查不重复。
  已由 JX301 / JX302 按“其中”列举或表格合计核对过的同一组数字不再重复报告。

为何重要
  恒等关系是审核人员最常用的勾稽手段：编制与实有人数、资产负债、收支结余任何一项抄错，
  都会使部门概况和预算执行分析失真。

应报示例
  “资产总额520.30万元，负债总额120.00万元，净资产410.30万元。”（120.00 + 410.30 = 530.30）
  “核定编制45人，其中行政编制35人、事业编制12人。”（35 + 12 = 47）
  “实施项目共15个，年初批复8个项目，年中增加8个项目。”（8 + 8 = 16，警告）

不报示例
  各项相符；只给出部分项（只有资产总额和净资产）；“编制数75人，其中事业编制50名、
  事业编制25名”（没有行政编制一项，不套用编制恒等式）；预算数与决算数混在一起的各项。

依据
  《政府会计制度——行政事业单位会计科目和报表》（资产 = 负债 + 净资产）；财政部部门决算
  报表编制说明（收入 + 年初结转和结余 = 支出 + 年末结转和结余；基本支出 = 人员经费 +
  公用经费）；机构编制管理规定（编制按行政、事业、工勤分类核定）。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..model import Claim, Paragraph, Table
from ._sums import (ZERO, base_value, bracketed, decimals, half_ulp, identity_data, is_exact, kind, num, scale,
                    settled_lists, words_of)
from .base import Context, rule


def identities() -> list[dict]:
    """The identities (resources/identities.json)."""
    return identity_data()["identities"]


@rule("JX303", "accounting-identity-broken", category="sum-mismatch", severity="error",
      fire=[
          "一、部门基本情况\n截至2024年12月31日，资产总额520.30万元，负债总额120.00万元，净资产410.30万元。\n",
          "一、部门基本情况\n2024年核定编制45人，其中行政编制35人、事业编制12人；实有在职人数40人。\n",
          "一、基本情况\n2024年实施项目共15个，年初批复预算8个项目985万元，年中增加8个项目。\n",
          "一、预算情况\n2024年年初部门预算收入1300.00万元，年初部门预算支出1250.00万元。\n",
      ],
      nofire=[
          "一、部门基本情况\n截至2024年12月31日，资产总额520.30万元，固定资产300.00万元，负债总额120.00万元，"
          "净资产400.30万元。\n",
          "一、部门基本情况\n编制数75人，其中核定事业编制50名，代管单位事业编制25名；年末实有人数74人。\n",
          "一、基本情况\n2024年实施项目共15个，年初批复预算8个项目，年中增加8个项目，调减1个项目。\n",
          "一、预算情况\n2024年年初部门预算收入1300.00万元，部门决算支出1250.00万元。\n",
          "一、预算情况\n2024年年初部门预算收入1200.00万元，年初部门预算支出1250.00万元（含上年结转50.00万元）。\n",
      ])
def check(ctx: Context):
    settled = settled_lists(ctx)
    seen: set[frozenset[str]] = set()
    for ident in identities():
        for inst in _instances(ctx, ident):
            key = frozenset(c.id for c in inst.claims)
            if key in seen or _settled(inst, settled):
                continue
            seen.add(key)
            hit = _judge(ctx, ident, inst)
            if hit is not None:
                yield hit


# --------------------------------------------------------------------------- finding terms


class _Instance:
    def __init__(self, whole: Claim, lhs: list[tuple[dict, Claim | None]], rhs: list[tuple[dict, Claim | None]]):
        self.whole, self.lhs, self.rhs = whole, lhs, rhs

    @property
    def claims(self) -> list[Claim]:
        return [c for _, c in self.lhs + self.rhs if c is not None]


def _matches(term: dict, words: str) -> bool:
    return (any(w in words for w in term["cues"]) and not any(w in words for w in term.get("not", ()))
            and all(w in words for w in term.get("needs", ())))


def _stage(c: Claim) -> str:
    col = c.column or ""
    if "决算" in col or "执行" in col or "实际" in col:
        return "final"
    if c.role == "budget" or "预算" in col or "调整" in col:
        return "budget"
    return "final"


def _fits(ident: dict, c: Claim) -> bool:
    if not is_exact(c):
        return False
    if ident["kind"] == "money":
        return kind(c) == "money"
    return kind(c) == "count" and c.unit in ident.get("units", (c.unit,))


def _window(ctx: Context, ident: dict, w: Claim) -> tuple[list[Claim], str] | None:
    """The claims an instance may draw on, and the text they sit in."""
    b = ctx.doc.block_at(w.span[0])
    if isinstance(b, Table):
        col = w.location.column if w.location else None
        cs = [c for c in ctx.claims if c.location is not None and c.location.table == b.table_no
              and c.location.column == col and c.source == "table"]
        return cs, ""
    if not isinstance(b, Paragraph):
        return None
    lo, hi = b.span
    if ident.get("window") == "list":
        text = ctx.text
        s = w.span[0]
        while s > lo and text[s - 1] not in "。；;\n":
            s -= 1
        e = w.span[1]
        while e < hi and text[e] not in "。；;\n":
            e += 1
        if e < hi and text[e + 1:e + 3] == "其中":
            e += 1
            while e < hi and text[e] not in "。；;\n":
                e += 1
        lo, hi = s, e
    cs = [c for c in ctx.claims if lo <= c.span[0] and c.span[1] <= hi and c.source == "text"
          and not bracketed(ctx, c)]
    return cs, ctx.text[lo:hi]


def _instances(ctx: Context, ident: dict):
    terms = ident["lhs"] + ident["rhs"]
    first = ident["lhs"][0]
    fitting = [c for c in ctx.claims if _fits(ident, c)]  # once per identity, not once per term
    fits = {id(c) for c in fitting}
    for w in fitting:
        if not _matches(first, words_of(ctx, w)):
            continue
        if w.source == "text" and bracketed(ctx, w):
            continue
        win = _window(ctx, ident, w)
        if win is None:
            continue
        pool, text = win
        if any(x in text for x in ident.get("blockers", ())):
            continue
        stage = _stage(w)
        if ident["kind"] == "money" and ident.get("stage") in ("budget", "final") and stage != ident["stage"]:
            continue
        chosen: dict[int, Claim | None] = {0: w}
        used = {w.id}
        ok = True
        for i, term in enumerate(terms[1:], 1):
            cands = [c for c in pool if c.id not in used and id(c) in fits and _matches(term, words_of(ctx, c))
                     and _same_scope(ctx, ident, w, c)]
            if not cands:
                if term.get("optional"):
                    chosen[i] = None
                    continue
                ok = False
                break
            if w.source == "table" and len({c.value for c in cands}) > 1:
                ok = False  # two rows answer to one term: ambiguous
                break
            after = [c for c in cands if c.span[0] > w.span[0]]
            c = after[0] if after else cands[-1]
            chosen[i] = c
            used.add(c.id)
        if not ok:
            continue
        n_lhs = len(ident["lhs"])
        yield _Instance(w, [(terms[i], chosen[i]) for i in range(n_lhs)],
                        [(terms[i], chosen[i]) for i in range(n_lhs, len(terms))])


_YEAR = re.compile(r"(?:19|20)\d\d(?=\s*年)")


def _year(ctx: Context, c: Claim) -> str | None:
    """The year named in the figure's own clause ("2023年决算支出…"), if any."""
    if c.source != "text":
        return None
    found = _YEAR.findall(words_of(ctx, c).split("|")[1])
    return found[-1] if found else None


def _same_scope(ctx: Context, ident: dict, w: Claim, c: Claim) -> bool:
    yw, yc = _year(ctx, w), _year(ctx, c)
    if yw and yc and yw != yc:
        return False
    if ident["kind"] == "money" and ident.get("stage") and _stage(c) != _stage(w):
        return False
    return True


def _settled(inst: _Instance, settled: set[tuple[str, frozenset[str]]]) -> bool:
    """The same whole and parts were already compared as a 其中 list or a table total."""
    parts = {c.id for _, c in inst.rhs if c is not None} | {c.id for _, c in inst.lhs[1:] if c is not None}
    return any(w == inst.whole.id and parts <= ps for w, ps in settled)


# --------------------------------------------------------------------------- judging


def _judge(ctx: Context, ident: dict, inst: _Instance):
    present = inst.claims
    lsum = sum((base_value(c) for _, c in inst.lhs if c is not None), ZERO)
    rsum = sum((base_value(c) for _, c in inst.rhs if c is not None), ZERO)
    l_missing = [t["name"] for t, c in inst.lhs if c is None]
    r_missing = [t["name"] for t, c in inst.rhs if c is None]
    if l_missing and r_missing:
        return None
    w = inst.whole
    tol = max(sum((half_ulp(c) for c in present), ZERO), ctx.tolerance("rounding") * scale(w))
    diff = lsum - rsum
    if diff == 0:
        return None
    if (l_missing and diff < 0) or (r_missing and diff > 0):
        noted = [t["name"] for t, c in inst.lhs + inst.rhs if c is None and t.get("note_when_missing")]
        return _unlisted_hit(ctx, ident, inst, lsum, rsum, noted) if noted else None
    if l_missing and diff <= tol or r_missing and diff >= -tol:
        return None
    places = max(decimals(c) for c in present)
    unit = w.unit or ""
    sc = scale(w)

    def fig(v: Decimal) -> str:
        return num((v / sc).quantize(Decimal(1).scaleb(-places))) + unit

    def side(terms, total: Decimal) -> str:
        named = [f"{t['name']}{c.text if c.source == 'text' else fig(base_value(c))}" for t, c in terms if c is not None]
        return named[0] if len(named) == 1 else "、".join(named[:-1]) + f"与{named[-1]}之和{fig(total)}"

    def side_en(terms) -> str:
        return " + ".join(c.text for _, c in terms if c is not None)

    lhs, rhs = side(inst.lhs, lsum), side(inst.rhs, rsum)
    d = fig(abs(diff))
    title = ident["title"]
    if abs(diff) <= tol:
        return ctx.hit(f"{lhs}，{rhs}，相差{d}，在四舍五入误差范围内（{title}）。", present,
                       severity="info", message_en=f"{side_en(inst.lhs)} vs {side_en(inst.rhs)}: {d} apart, "
                                                   f"within rounding ({ident['title_en']}).")
    missing = l_missing or r_missing
    if missing:
        msg = (f"{lhs}{'超过' if diff > 0 else '少于'}{rhs}，即使计入未列明的{'、'.join(missing)}也无法平衡"
               f"（{title}）。")
    else:
        msg = f"{lhs}，而{rhs}，相差{d}（{title}）。"
    return ctx.hit(msg, present, severity=ident.get("severity", "error"),
                   expected=fig(rsum) if not missing and len(inst.lhs) == 1 else None,
                   suggestion="核对关系式中各项数字，更正有误的一项。",
                   message_en=f"{side_en(inst.lhs)} ({fig(lsum)}) does not equal {side_en(inst.rhs)} ({fig(rsum)}): "
                              f"{d} apart ({ident['title_en']}).")


def _unlisted_hit(ctx: Context, ident: dict, inst: _Instance, lsum: Decimal, rsum: Decimal, missing: list[str]):
    """The stated terms fall short and an unstated optional term (工勤编制, 年初结转) would have to
    make up the difference: worth a note, not an error."""
    w = inst.whole
    places = max(decimals(c) for c in inst.claims)

    def fig(v: Decimal) -> str:
        return num((v / scale(w)).quantize(Decimal(1).scaleb(-places))) + (w.unit or "")

    small, big = (inst.lhs, inst.rhs) if lsum < rsum else (inst.rhs, inst.lhs)
    named = "、".join(f"{t['name']}{c.text}" for t, c in small if c is not None)
    big_named = "、".join(f"{t['name']}{c.text}" for t, c in big if c is not None)
    gap = fig(abs(lsum - rsum))
    return ctx.hit(f"{named}比{big_named}少{gap}，差额应为未列明的{'、'.join(missing)}，请核实（{ident['title']}）。",
                   inst.claims, severity="info", suggestion=f"列明{'、'.join(missing)}，或核对各项数字。",
                   message_en=f"The stated terms leave {gap} unexplained; it would have to be the unstated "
                              f"{', '.join(missing)} ({ident['title_en']}).")
