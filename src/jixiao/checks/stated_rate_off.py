"""JX501 写明的比率与其分子分母不符

检查内容
  报告写明一个比率，而算出这个比率所需的两个数就在旁边（同一句、同一段，或表格同一行），
  按这两个数重新计算，与写明的比率不符：
  - 执行率 / 支付率 / 使用率 / 拨付率 / 到位率：执行（支付、使用、到位）数 ÷ 预算（到位、资金
    总额）数，如"预算100万元，执行80万元，执行率95%"应为 80%；自评表同一行的全年执行数(B) ÷
    全年预算数(A) 与"执行率(B/A)"栏；
  - 增长率 / 增幅 / 同比增长（下降）：本年数与上年数，或本年数与"比上年增加（减少）X"的增减额，
    算出的增减幅度；以及写明的增减额与两数之差不符；
  - 占比：部分数 ÷ 总数（"其中：财政拨款收入690.08万元，占98.95%"的总数取前文的收入合计）；
    表格"占比"栏 ÷ 合计行；
  - 完成率：实际完成数 ÷ 目标（计划）数。
  允许误差为容差 rate_points（默认 0.5 个百分点）加上所写比率末位的舍入误差及分子分母的舍入
  误差。分子分母只取用词对得上的数（执行率的分子必须是执行、支出、支付类数字，分母是预算、
  资金总额类数字；"到位资金支付率"的分母是到位资金）。若段落中另有一对数字在舍入误差内恰好
  算出写明的比率，说明配对可能有歧义，不报告。

  严重程度：分子分母由用词或表格栏目明确对上的为 error；分母只是"资金共……"一类未带预算用词的
  数、占比的总数没有"合计""总额"等字样、完成率、只由增减额推算上年数的增减幅度，为 warning。

为何重要
  比率是审核者最先看、也最容易复核的数字。比率与其分子分母不符，要么比率算错，要么分子或
  分母录错，两者都会影响执行率得分、结论和公开数据的可信度。

应报示例
  "项目预算100万元，实际执行80万元，执行率95%。"（应为 80.0%）；
  "收入792.22万元，同比增加189.25万元，增长21.4%。"（应为 31.4%）；
  自评表年度资金总额行 全年预算数 29、全年执行数 27.8、执行率 85%（应为 95.9%）。

不报示例
  "项目资金共2179万元，已完成拨付2113.63万元，执行率97%"（97.0%）；执行率写作 0.958
  （小数形式）；"较上年决算数减少1.12万元，下降0.16%"（以上年 698.50 为基数）；
  "占全市规模工业总产值的85.1%"（总数不在报告中，无从核对）；同一数字以元和万元分别写出。

依据
  财预〔2020〕10号《项目支出绩效评价管理办法》附件自评表"执行率(B/A)"的定义；
  《统计法》相关统计指标口径（增长率 = 本期 ÷ 上期 − 1，占比 = 部分 ÷ 总体）。
"""
from __future__ import annotations

from decimal import Decimal

import regex as re

from ..extract.claims import section_part
from ..model import Claim
from . import _budget as B
from .base import Context, rule

_RATE_NAME = re.compile(
    r"(?P<name>(?P<exec>(?:预算|资金|支出|项目)?执行率|执行进度|预算完成率|完成(?:年初|调整后?|全年)?预算(?:数)?的"
    r"|为(?:年初|调整后?|全年)?预算(?:数)?的)"
    r"|(?P<pay>(?P<payden>到位资金|到位)?(?:资金)?(?:支付|拨付|使用|兑付)率)"
    r"|(?P<arrive>(?:资金)?到位率)"
    r"|(?P<complete>完成率|完成比例)"
    r"|(?P<share>占(?P<den>[^，,；;。占]{0,24}?)的?(?:比例|比重)?|占比|所占比例|比重))"
    r"\s*(?:为|达到?|是|仅为|仅|约|达到了|只有)?\s*$")
_NAMED_TOTAL = re.compile(r"^(本年|全年|当年|本单位|部门)?(?P<scope>收入|支出|资金)?(总额|合计|总计|总数|总支出|总收入)$|"
                          r"^(本年|全年|当年)?(?P<scope2>总支出|总收入|支出总额|收入总额|支出合计|收入合计)$")
_PLAN = re.compile(r"目标|指标值|计划|预计|预期|力争|确保|要求")
_PERIOD_LEAD = re.compile(r"^(本年|全年|当年|本单位|本部门)")
_TOTAL_WORD = re.compile(r"合计|总计|总额|共计|全部")
_SCOPE_TOTAL = re.compile(r"(收入|支出)(合计|总计|总额)|总(收入|支出)")
_QUOTES_SPACE = re.compile(r"[\s“”\"']")
_WHOLE_WORD = re.compile(r"合计|总计|总额|总|收入|支出|全部")
_BRACKETED_QUOTES = re.compile(r"[（(][^）)]*[）)]|[“”\"'‘’]")
_OWNER_LEAD = re.compile(r"^.*(?:中|的)(?=[^中的]{2,}$)")
_SHARE_AFTER = re.compile(r"\s*[，,]?\s*(占|所占)")
_AMONG_LEAD = re.compile(r"\s*(其中|包括)")
_BRACKETED = re.compile(r"[（(].*?[）)]")
_NUM_CLASSES = {"exec": ("spent", "final"), "pay": ("spent",), "arrive": ("arrived",)}
_DEN_PREF = {"exec": ("budget",), "pay": ("arrived", "budget"), "arrive": ("budget",)}
_CLASS_NAME = {"spent": "执行数", "final": "决算数", "arrived": "到位资金", "budget": "预算数", "other": "资金总额"}


def _name(f: B.Fig) -> str:
    if f.cls == "budget" and f.stage:
        return B.STAGE_LABEL[f.stage]
    return _CLASS_NAME[f.cls]


def _tol_points(ctx: Context, stated: Claim, num: Claim | None = None, den: Claim | None = None,
                expected: Decimal | None = None, written_as_fraction: bool = False, slack: bool = True) -> Decimal:
    """Allowed difference in percentage points: rate_points + rounding of the written rate and of
    the numerator and denominator. Without ``slack`` only the rounding: how closely another pairing
    must reproduce a rate to make the first pairing doubtful."""
    hu = B.half_ulp(stated.text) * (100 if written_as_fraction else 1)
    tol = (ctx.tolerance("rate_points") if slack else Decimal(0)) + hu
    if expected is not None:
        for c in (num, den):
            if c is not None and c.value:
                tol += abs(expected) * _operand_rounding(c) / abs(c.value)
    return tol


def _operand_rounding(c: Claim) -> Decimal:
    """How far a written figure may be from the true one: half its last decimal; nothing for a
    whole count (4个 is exactly four)."""
    if B.decimals_of(c.text) == 0 and c.quantity is not None and c.quantity.kind == "count":
        return Decimal(0)
    return B.half_ulp(c.text)


def _places(stated: Claim) -> int:
    return max(1, B.decimals_of(stated.text))


def _fits(ctx: Context, stated: Claim, num: Claim, den: Claim, points: Decimal | None = None,
          fraction: bool = False) -> bool:
    """Whether num ÷ den reproduces the stated rate to within rounding alone."""
    n, d = B.value_of(num), B.value_of(den)
    if n is None or d is None or d <= 0:
        return False
    e = n / d * 100
    points = stated.value if points is None else points
    return abs(e - points) <= _tol_points(ctx, stated, num, den, e, fraction, slack=False)


def _any_pair_gives(ctx: Context, figs: list[B.Fig], stated: Claim) -> bool:
    """Whether some other pair of the figures reproduces the stated rate exactly (the pairing we
    chose is then doubtful)."""
    for x in figs:
        for y in figs:
            if x is not y and y.value > 0 and _fits(ctx, stated, x.claim, y.claim):
                return True
    return False


@rule("JX501", "stated-rate-off", category="rate-mismatch", severity="error",
      fire=[
          "一、资金使用情况\n项目预算100万元，实际执行80万元，执行率95%。\n",
          "一、收支情况\n1、收入：792.22万元。同比上年度增加189.25万元，增长21.4%。\n",
          "一、资金情况\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t29\t29\t27.8\t10\t85%\t8.5\n",
          "一、收入情况\n2023年度收入合计697.38万元。\n其中：财政拨款收入690.08万元，占89.95%；事业收入7.30万元，占1.05%。\n",
      ],
      nofire=[
          "一、资金使用情况\n项目资金共2179万元，截止12月8日，已完成拨付2113.63万元，执行率97%。\n",
          "一、资金情况\n项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
          "年度资金总额\t29\t29\t27.8\t9\t0.958\t8\n",
          "一、收支情况\n2023年度支出合计697.38万元，较上年决算数减少1.12万元，下降0.16%。\n",
          "一、质量指标\n完成规模工业总产值224.33亿元，同比增速9.4%，占全市规模工业总产值的85.1%。\n",
          "一、收入情况\n2023年度收入合计697.38万元。\n其中：财政拨款收入690.08万元，占98.95%；事业收入73000元，占1.05%。\n",
      ])
def check(ctx: Context):
    yield from _text_rates(ctx)
    yield from _text_changes(ctx)
    yield from _table_rates(ctx)
    yield from _table_changes(ctx)
    yield from _table_shares(ctx)


# --------------------------------------------------------------------------- text: 执行率, 占比, 完成率


def _text_rates(ctx: Context):
    idx = B.text_index(ctx)
    doc = ctx.doc
    for c in ctx.claims:
        if c.source != "text" or not B.is_percent(c) or c.role == "target":
            continue
        if c.comparator and c.comparator != "=":
            continue
        clause, sentence = B.rate_clause(ctx, c)
        m = _RATE_NAME.search(clause)
        if not m:
            continue
        blk = doc.block_at(c.span[0])
        figs = [f for f in idx.by_block.get(blk.index, []) if f.claim.span[1] <= c.span[0]]
        if m.group("exec") or m.group("pay") or m.group("arrive"):
            if section_part(doc, c.span[0]) == "target" or _PLAN.search(clause[: m.start()]):
                continue
            kind = "exec" if m.group("exec") else "pay" if m.group("pay") else "arrive"
            h = _execution_like(ctx, c, kind, m, figs, blk)
        elif m.group("share"):
            h = _share(ctx, c, m, figs, blk, idx)
        else:
            h = _completion(ctx, c, blk)
        if h is not None:
            yield h


def _execution_like(ctx, c: Claim, kind: str, m, figs: list[B.Fig], blk):
    base = blk.span[0]
    s, _ = B.sentence_bounds(blk.text, c.span[0] - base)
    prev_s = B.sentence_bounds(blk.text, s - 1)[0] if s > 0 else s
    money = [f for f in figs if f.family == "money" and not f.paren]
    nums = [f for f in money if f.cls in _NUM_CLASSES[kind] and f.claim.span[0] - base >= prev_s]
    if not nums:
        return None
    # the total spent, not the last item of the list that follows it (其中基本支出…，项目支出…)
    num = next((f for f in reversed(nums) if not f.part), nums[-1])
    before = [f for f in money if f.claim.span[0] < num.claim.span[0]
              and f.cls not in _NUM_CLASSES[kind] and f.cls not in ("change", "last")]
    pref = _DEN_PREF[kind]
    if kind == "pay" and m.group("payden"):
        pref = ("arrived",)
    den = next((f for f in reversed(before) if f.cls in pref), None)
    if den is None:
        den = next((f for f in reversed(before) if f.cls == "other" and not f.part), None)
    if den is None or den.value <= 0:
        return None
    expected = num.value / den.value * 100
    tol = _tol_points(ctx, c, num.claim, den.claim, expected)
    if abs(expected - c.value) <= tol:
        return None
    if _any_pair_gives(ctx, money, c):
        return None
    name = m.group("name")
    if name.endswith("的"):
        name = name[:-1] + "比例"
    e = f"{expected.quantize(Decimal(1).scaleb(-_places(c)))}%"
    n_name, d_name = _name(num), _name(den)
    msg = f"按{n_name}{B.written(num.claim)}、{d_name}{B.written(den.claim)}计算，{name}应为{e}，报告写为{B.written(c)}。"
    en = (f"From {B.written(num.claim)} ({n_name}) and {B.written(den.claim)} ({d_name}) the {name} is {e}, "
          f"but the report states {B.written(c)}.")
    return ctx.hit(msg, sorted([den.claim, num.claim, c], key=lambda x: x.span), expected=e, message_en=en,
                   severity=None if den.cls in pref else "warning",
                   suggestion="请核对比率及其分子、分母，改正写错的数字。")


def _share(ctx, c: Claim, m, figs: list[B.Fig], blk, idx: B.TextIndex):
    base = blk.span[0]
    s, _ = B.sentence_bounds(blk.text, c.span[0] - base)
    parts = [f for f in figs if f.claim.span[0] - base >= s and f.cls not in ("change", "last") and not f.paren]
    if not parts:
        return None
    x = parts[-1]
    named = _PERIOD_LEAD.sub("", (m.group("den") or "").strip())
    scope = None
    if named:
        nm = _NAMED_TOTAL.match(named)
        if nm and _scope_total_named(named):
            w = _named_figure(ctx, named, x, figs, blk, idx, whole_doc=True)
            if w is not None:
                return _share_hit(ctx, c, x, w, [w], True, (m.group("den") or "").strip())
        if not nm:
            w = _named_figure(ctx, named, x, figs, blk, idx)
            if w is None:
                return None  # a denominator named but not given here (占全市规模工业总产值的…)
            return _share_hit(ctx, c, x, w, [w], True, named)
        word = nm.group("scope") or nm.group("scope2") or ""
        scope = "收入" if "收入" in word else "支出" if "支出" in word else None
    # the total: the nearest earlier figure of the same kind that is not itself a share-bearing part
    pool = list(figs)
    prev = _previous_paragraph(ctx, blk)
    if prev is not None:
        pool = [f for f in idx.by_block.get(prev.index, [])] + pool
    cands = []
    for f in reversed(pool):
        if f.claim.span[0] >= x.claim.span[0] or f.cls in ("change", "last") or f.paren:
            continue
        if not B.same_family(f.family, x.family) or f.value < x.value:
            continue
        if _followed_by_share(ctx, f.claim):
            continue
        if scope and f.scope and f.scope != scope:
            continue
        cands.append(f)
    if not cands:
        return None
    w = cands[0]
    sure = bool(_TOTAL_WORD.search(w.clause)) or idx.whole_of.get(x.claim.id) == w.claim.id
    return _share_hit(ctx, c, x, w, cands, sure)


def _scope_total_named(name: str) -> bool:
    """收入合计 / 支出合计 / 总支出: a total the report states once, often in another section."""
    return bool(_SCOPE_TOTAL.fullmatch(name))


def _named_figure(ctx, name: str, x: B.Fig, figs: list[B.Fig], blk, idx: B.TextIndex,
                  whole_doc: bool = False) -> B.Fig | None:
    """The figure a named denominator (占基本支出的…) refers to: one earlier figure of the
    paragraph (or the one before a 其中 paragraph; or, for 收入合计 / 支出合计, anywhere in the
    report) whose own name is that name, with one value."""
    canon = B.canonical_item(name)
    if whole_doc:
        pool = [f for fs in idx.by_block.values() for f in fs]
    else:
        pool = list(figs)
        prev = _previous_paragraph(ctx, blk)
        if prev is not None:
            pool = idx.by_block.get(prev.index, []) + pool
    found = []
    for f in pool:
        if f is x or f.cls in ("change", "last") or f.paren:
            continue
        if not whole_doc and f.claim.span[0] >= x.claim.span[0]:
            continue
        if not B.same_family(f.family, x.family) or f.part:
            continue
        metric = _QUOTES_SPACE.sub("", f.claim.metric or "")
        clause = _QUOTES_SPACE.sub("", f.clause)
        if (canon and f.item == canon and metric.endswith(name)) or metric == name or metric.endswith("的" + name) \
                or (_scope_total_named(name) and clause.endswith(name)):
            found.append(f)
    values = {f.value for f in found}
    return found[-1] if len(values) == 1 else None


def _share_hit(ctx, c: Claim, x: B.Fig, w: B.Fig, cands: list[B.Fig], sure: bool, w_name: str | None = None):
    if w.value <= 0:
        return None
    expected = x.value / w.value * 100
    tol = _tol_points(ctx, c, x.claim, w.claim, expected)
    if abs(expected - c.value) <= tol:
        return None
    if any(_fits(ctx, c, x.claim, f.claim) for f in cands[1:]):
        return None
    e = f"{expected.quantize(Decimal(1).scaleb(-_places(c)))}%"
    xn = _short(x.claim.metric) or ""
    wn = w_name or _short(w.claim.metric) or ""
    if not _WHOLE_WORD.search(wn) and not w_name:
        wn = "总数"
    msg = f"{xn}{B.written(x.claim)}占{wn}{B.written(w.claim)}的{e}，报告写为{B.written(c)}。"
    en = (f"{B.written(x.claim)} of {B.written(w.claim)} is a share of {e}, but the report states "
          f"{B.written(c)}.")
    return ctx.hit(msg, sorted([w.claim, x.claim, c], key=lambda y: y.span), expected=e, message_en=en,
                   severity=None if sure else "warning", suggestion="请核对占比及其部分数、总数。")


def _short(name: str | None) -> str | None:
    """A metric name fit for a message: brackets and quotes dropped, at most 16 characters."""
    if not name:
        return None
    s = _BRACKETED_QUOTES.sub("", name)
    s = _OWNER_LEAD.sub("", s) if len(s) > 16 else s
    return s if len(s) <= 16 else s[-12:]


def _followed_by_share(ctx: Context, c: Claim) -> bool:
    after = ctx.doc.text[c.span[1]: c.span[1] + 4]
    return bool(_SHARE_AFTER.match(after))


def _previous_paragraph(ctx: Context, blk):
    """The paragraph before ``blk`` when ``blk`` continues it (starts with 其中 / 包括)."""
    if not _AMONG_LEAD.match(blk.text) or blk.index == 0:
        return None
    prev = ctx.doc.blocks[blk.index - 1]
    return prev if hasattr(prev, "heading") and prev.heading is None else None


def _completion(ctx, c: Claim, blk):
    """完成率: the actual and the target it is about, in the same sentence."""
    base = blk.span[0]
    s, _ = B.sentence_bounds(blk.text, c.span[0] - base)
    inside = [x for x in ctx.claims if x.source == "text" and base + s <= x.span[0] and x.span[1] <= c.span[0]
              and x.quantity is not None and B.amount(x) is not None and x.role != "rate"]
    targets = [x for x in inside if x.role == "target"]
    actuals = [x for x in inside if x.role in ("actual", "count")]
    if len(targets) != 1 or not actuals:
        return None
    t, a = targets[0], actuals[-1]
    fa, fb = B.amount(a), B.amount(t)
    if not B.same_family(fa[0], fb[0]) or fb[1] <= 0:
        return None
    expected = fa[1] / fb[1] * 100
    tol = _tol_points(ctx, c, a, t, expected)
    if abs(expected - c.value) <= tol:
        return None
    e = f"{expected.quantize(Decimal(1).scaleb(-_places(c)))}%"
    msg = f"按实际完成{B.written(a)}、目标{B.written(t)}计算，完成率应为{e}，报告写为{B.written(c)}。"
    en = f"{B.written(a)} done of a {B.written(t)} target is {e} complete, but the report states {B.written(c)}."
    return ctx.hit(msg, sorted([t, a, c], key=lambda y: y.span), expected=e, message_en=en, severity="warning",
                   suggestion="请核对完成率及实际完成数、目标数。")


# --------------------------------------------------------------------------- text: changes against last year


def _text_changes(ctx: Context):
    for ch in B.changes(ctx):
        cur, last, amt, rate = ch.current, ch.last, ch.amount, ch.rate
        if cur is None:
            continue
        # the amount against the two figures
        if amt is not None and last is not None:
            diff = abs(cur.value - last.value)
            tol = (B.half_ulp(amt.claim.text) + B.half_ulp(cur.claim.text) + B.half_ulp(last.claim.text)) \
                * (amt.claim.quantity.scale if amt.claim.quantity else 1)
            tol = max(tol, ctx.tolerance("rounding") * (amt.claim.quantity.scale if amt.claim.quantity else 1))
            if abs(diff - amt.value) > tol:
                word = ch.amount_word or "增减"
                e = _money(diff, amt.claim)
                msg = (f"本年{B.written(cur.claim)}、上年{B.written(last.claim)}，两者相差{e}，"
                       f"报告写为{word}{B.written(amt.claim)}。")
                en = (f"This year {B.written(cur.claim)} against last year {B.written(last.claim)} is a "
                      f"difference of {e}, but the report states {B.written(amt.claim)}.")
                yield ctx.hit(msg, sorted([cur.claim, last.claim, amt.claim], key=lambda y: y.span), expected=e,
                              message_en=en, suggestion="请核对增减额及本年、上年数。")
        if rate is None:
            continue
        if last is not None and last.value > 0:
            expected = abs(cur.value - last.value) / last.value * 100
            ev = [cur.claim, last.claim, rate]
            basis = f"本年{B.written(cur.claim)}、上年{B.written(last.claim)}"
            basis_en = f"this year {B.written(cur.claim)} and last year {B.written(last.claim)}"
            num, den = cur.claim, last.claim
        elif amt is not None:
            prior = cur.value - amt.value * amt.direction
            if prior <= 0:
                continue
            expected = amt.value / prior * 100
            ev = [cur.claim, amt.claim, rate]
            basis = f"本年{B.written(cur.claim)}、{ch.amount_word}{B.written(amt.claim)}（上年约{_money(prior, cur.claim)}）"
            basis_en = f"this year {B.written(cur.claim)} and a change of {B.written(amt.claim)}"
            num, den = amt.claim, cur.claim
        else:
            continue
        tol = _tol_points(ctx, rate, num, den, expected)
        if abs(expected - abs(rate.value)) <= tol:
            continue
        if last is None and _other_current_fits(ctx, ch, rate):
            continue  # the change may be of another figure of the paragraph: unsure
        e = f"{expected.quantize(Decimal(1).scaleb(-_places(rate)))}%"
        word = ch.rate_word or "增减"
        msg = f"按{basis}计算，{word}幅度应为{e}，报告写为{B.written(rate)}。"
        en = f"From {basis_en} the change is {e}, but the report states {B.written(rate)}."
        yield ctx.hit(msg, sorted(ev, key=lambda y: y.span), expected=e, message_en=en,
                      severity=None if last is not None else "warning",
                      suggestion="请核对增减幅度（以上年数为基数）及本年、上年数。")


def _other_current_fits(ctx: Context, ch: B.Change, rate: Claim) -> bool:
    idx = B.text_index(ctx)
    amt = ch.amount
    for g in idx.by_block.get(ch.block, []):
        if g is ch.current or g.claim.span[0] >= amt.claim.span[0] or g.cls in ("change", "last"):
            continue
        if not B.same_family(g.family, amt.family):
            continue
        prior = g.value - amt.value * amt.direction
        if prior <= 0:
            continue
        e = amt.value / prior * 100
        if abs(e - abs(rate.value)) <= _tol_points(ctx, rate, amt.claim, g.claim, e, slack=False):
            return True
    return False


def _money(v: Decimal, like: Claim) -> str:
    """An amount in 元 written in the unit of ``like`` (万元 …) with its decimals."""
    q = like.quantity
    scale = q.scale if q is not None else Decimal(1)
    places = max(2, B.decimals_of(like.text))
    return f"{(v / scale).quantize(Decimal(1).scaleb(-places))}{like.unit or ''}"


# --------------------------------------------------------------------------- tables


def _table_rates(ctx: Context):
    """执行率 (B/A) and 决算数为预算数的% columns against their row."""
    for row in B.table_rows(ctx):
        num_role = "spent" if "spent" in row.cells else "final" if "final" in row.cells else None
        if B.row_misaligned(row) or "rate" not in row.cells or num_role is None:
            continue
        stated = B.row_fraction(row)
        if stated is None:
            continue
        frac, how = stated
        num = row.value(num_role)
        header = row.headers.get("rate", "")
        order = ("initial", "adjusted", "budget") if "年初" in header else \
            ("adjusted", "budget", "initial") if "调整" in header else ("budget", "adjusted", "initial")
        options = [(ro, row.value(ro)) for ro in order if row.value(ro)]
        if num is None or not options:
            continue
        ro, bud = options[0]
        if bud <= 0:
            continue
        rate = row.cells["rate"]
        expected = num / bud * 100
        tol = _tol_points(ctx, rate, row.cells[num_role], row.cells[ro], expected, how == "fraction")
        if abs(expected - frac * 100) <= tol:
            continue
        if any(_fits(ctx, rate, row.cells[num_role], row.cells[r2], frac * 100, how == "fraction")
               for r2, _ in options[1:]):
            continue
        places = max(1, B.decimals_of(rate.text) - (2 if how == "fraction" else 0))
        e = f"{expected.quantize(Decimal(1).scaleb(-places))}%"
        sn = row.headers.get(num_role, "执行数")
        bn = row.headers.get(ro, "预算数")
        col = _BRACKETED.sub("", header).strip() or "比率"
        shown = B.written(rate) if how == "percent" and rate.unit else rate.text
        label = row.label.strip("：: ")
        msg = f"{label}：{sn}{row.figure(num_role)} ÷ {bn}{row.figure(ro)} = {e}，{col}栏写为{shown}。"
        en = (f"{label}: {row.figure(num_role)} against {row.figure(ro)} is {e}, "
              f"but the rate column states {shown}.")
        yield ctx.hit(msg, [row.cells[ro], row.cells[num_role], rate], expected=e, message_en=en,
                      suggestion=f"请核对{col}栏及{bn}、{sn}。")


def _table_changes(ctx: Context):
    for row in B.table_rows(ctx):
        last = row.cells.get("last")
        cur = row.cells.get("current") or row.cells.get("final") or row.cells.get("spent")
        if last is None or cur is None or B.row_misaligned(row):
            continue
        lv, cv = row.value("last"), B.value_of(cur)
        if lv is None or cv is None:
            continue
        label = row.label.strip("：: ")
        chg = row.cells.get("change")
        if chg is not None and chg.quantity is not None and not B.is_percent(chg):
            stated = chg.value
            diff = cv - lv
            unit_scale = chg.quantity.scale if chg.unit else Decimal(1)
            tol = (B.half_ulp(chg.text) + B.half_ulp(cur.text) + B.half_ulp(last.text)) * unit_scale
            sv = stated * unit_scale
            if abs(sv - diff) > tol and abs(abs(sv) - abs(diff)) > tol:
                e = str((diff / unit_scale).quantize(Decimal(1).scaleb(-B.decimals_of(chg.text))))
                msg = f"{label}：本年{cur.text}减上年{last.text}为{e}，增减额栏写为{chg.text}。"
                en = (f"{label}: {cur.text} less last year's {last.text} is {e}, "
                      f"but the change column states {chg.text}.")
                yield ctx.hit(msg, [last, cur, chg], expected=e, message_en=en,
                              suggestion="请核对增减额及本年、上年数。")
        cr = row.cells.get("change_rate")
        if cr is not None and cr.quantity is not None and lv > 0:
            stated = cr.value if cr.unit in ("%", "％") or abs(cr.value) > Decimal("1.5") else cr.value * 100
            expected = (cv - lv) / lv * 100
            tol = _tol_points(ctx, cr, cur, last, expected)
            if abs(abs(expected) - abs(stated)) > tol:
                e = f"{expected.quantize(Decimal(1).scaleb(-max(1, B.decimals_of(cr.text))))}%"
                msg = f"{label}：按本年{cur.text}、上年{last.text}计算增减率为{e}，增减率栏写为{cr.text}。"
                en = (f"{label}: {cur.text} against last year's {last.text} is a change of {e}, "
                      f"but the column states {cr.text}.")
                yield ctx.hit(msg, [last, cur, cr], expected=e, message_en=en,
                              suggestion="请核对增减率及本年、上年数。")


def _table_shares(ctx: Context):
    """占比 columns: each row's amount over the total row's amount in the same column."""
    by_block: dict[tuple, list[B.Row]] = {}
    for row in B.table_rows(ctx):
        if "share" in row.columns:
            by_block.setdefault((row.table.table_no, row.columns["share"]), []).append(row)
    for (tno, share_col), rows in by_block.items():
        totals = [r for r in rows if r.total]
        if len(totals) != 1:
            continue
        total = totals[0]
        money_cols = [col for ro, col in total.columns.items()
                      if ro in B.MONEY_ROLES + ("current",) and col < share_col]
        if not money_cols:
            continue
        col = max(money_cols)
        by_cell = {(c.location.row, c.location.column): c for c in ctx.claims
                   if c.source == "table" and c.location and c.location.table == tno}
        tot = by_cell.get((total.row, col))
        tot_share = by_cell.get((total.row, share_col))
        if tot is None or B.value_of(tot) is None or B.value_of(tot) <= 0:
            continue
        if tot_share is not None and not (B.is_percent(tot_share) and tot_share.value == 100) \
                and not (tot_share.unit is None and tot_share.value in (1, 100)):
            continue  # the total row's share is not 100%: shares of something else
        for r in rows:
            if r is total:
                continue
            amt, sh = by_cell.get((r.row, col)), by_cell.get((r.row, share_col))
            if amt is None or sh is None or B.value_of(amt) is None or sh.quantity is None:
                continue
            if sh.unit in ("%", "％"):
                stated = sh.value
            elif sh.unit is None and sh.value <= 1 and tot_share is not None and tot_share.value == 1:
                stated = sh.value * 100
            elif sh.unit is None:
                stated = sh.value
            else:
                continue
            expected = B.value_of(amt) / B.value_of(tot) * 100
            tol = _tol_points(ctx, sh, amt, tot, expected)
            if abs(expected - stated) <= tol:
                continue
            e = f"{expected.quantize(Decimal(1).scaleb(-max(1, B.decimals_of(sh.text))))}%"
            label = r.label.strip("：: ")
            msg = f"{label}：{amt.text} ÷ 合计{tot.text} = {e}，占比栏写为{sh.text}。"
            en = f"{label}: {amt.text} of the total {tot.text} is {e}, but the share column states {sh.text}."
            yield ctx.hit(msg, [amt, tot, sh], expected=e, message_en=en, suggestion="请核对占比及金额、合计数。")
