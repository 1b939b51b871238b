"""Quantity parser: golden cases (tests/fixtures/quantities_golden.json), numerals, column
units, header units, robustness (hypothesis)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jixiao
from jixiao.extract.numerals import cn2num
from jixiao.extract.quantities import extract_quantities, header_unit, unit_info

GOLDEN = json.loads((Path(__file__).parent / "fixtures" / "quantities_golden.json").read_text("utf-8"))


def _row(q):
    return {
        "text": q.text,
        "value": str(q.value),
        "unit": q.unit,
        "kind": q.kind,
        "comparator": q.comparator,
        "high": None if q.high is None else str(q.high),
        "approximate": bool(q.approximate),
    }


def test_golden_has_enough_cases():
    assert len(GOLDEN) >= 120
    assert sum(1 for c in GOLDEN if not c["expected"]) >= 30  # not-quantity cases


@pytest.mark.parametrize("case", GOLDEN, ids=[c["text"][:24] for c in GOLDEN])
def test_golden(case):
    text = case["text"]
    got = extract_quantities(text)
    for q in got:
        assert text[q.span[0] : q.span[1]] == q.text
        assert isinstance(q.value, Decimal)
    want = []
    for e in case["expected"]:
        e = dict(e)
        e["approximate"] = bool(e.get("approximate"))
        want.append(e)
    got_rows = [_row(q) for q in got]
    # values compare as numbers (Decimal("1211.40") == Decimal("1211.4")) but keep the written form
    for g, w in zip(got_rows, want):
        assert Decimal(g["value"]) == Decimal(w["value"]), (text, got_rows)
        g["value"] = w["value"]
    assert got_rows == want, case.get("note") or text


def test_public_entry_point():
    (q,) = jixiao.extract_quantities("满意度达85%")
    assert (q.value, q.unit, q.comparator) == (Decimal(85), "%", ">=")


@pytest.mark.parametrize(
    "text,value",
    [
        ("三百五十万", "3500000"), ("一千二百", "1200"), ("两", "2"), ("零点五", "0.5"), ("十二", "12"),
        ("二十三", "23"), ("一万零五百", "10500"), ("两千四百五", "2450"), ("一万三", "13000"), ("百三", "130"),
        ("四万万", "400000000"), ("五兆六十二亿四万五千二", "5006200045200"), ("负三十二", "-32"),
        ("壹佰壹拾壹圆整", "111"), ("壹拾壹元壹角壹分", "11.11"), ("二〇二四", "2024"), ("廿二", "22"),
        ("10.1万", "101000"), ("3万4000", "34000"), ("2千零30万", "20300000"), ("一千六点五", "1600.5"),
        ("１，２３４", "1234"), ("1,234.5", "1234.5"),
    ],
)
def test_cn2num(text, value):
    assert cn2num(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "万", "负", "零点", "点零", "元整", "10..1万", "abc"])
def test_cn2num_rejects(text):
    with pytest.raises(ValueError):
        cn2num(text)


def test_scale_and_normalized():
    (q,) = extract_quantities("总投资1.5亿元")
    assert q.normalized() == Decimal(150000000)
    (q,) = extract_quantities("服务12.5万人")
    assert (q.scale, q.normalized()) == (Decimal(10000), Decimal(125000))
    assert unit_info("万元") == ("money", Decimal(10000))
    assert unit_info("亿元")[1] == Decimal(100000000)
    assert unit_info("分") == ("score", Decimal(1))
    assert unit_info(None) == ("number", Decimal(1))


def test_default_unit_for_bare_cells():
    (q,) = extract_quantities("1234.56", default_unit="万元")
    assert (q.text, q.value, q.unit, q.kind, q.scale) == ("1234.56", Decimal("1234.56"), "万元", "money", Decimal(10000))
    (q,) = extract_quantities("98.5", default_unit="%")
    assert (q.unit, q.kind) == ("%", "percent")
    # a written unit wins over the column's
    (q,) = extract_quantities("12个", default_unit="万元")
    assert q.unit == "个"
    assert extract_quantities("2024年", default_unit="万元") == []


@pytest.mark.parametrize(
    "text,unit",
    [
        ("（单位：万元）", "万元"), ("单位：元", "元"), ("金额（万元）", "万元"), ("年末余额（万元）", "万元"),
        ("（金额：万元）", "万元"), ("(%)", "%"), ("完成率(%)", "%"), ("面积（平方米）", "平方米"),
        ("项目名称", None), ("", None), ("（一）基本情况", None),
    ],
)
def test_header_unit(text, unit):
    assert header_unit(text) == unit


@pytest.mark.parametrize("text", ["（单位：万元）", "金额（万元）", "年末余额（万元）", "(%)"])
def test_header_is_not_a_quantity(text):
    assert extract_quantities(text) == []


def test_longest_unit_wins():
    cases = {"5万元": "万元", "3平方公里": "平方公里", "30个工作日": "个工作日", "200人次": "人次", "2个百分点": "个百分点"}
    for text, unit in cases.items():
        (q,) = extract_quantities(text)
        assert q.unit == unit, text


def test_multiline_report_text():
    text = "一、部门概况\n（一）基本情况\n2024年实有人数40人。\n1.预算执行率95.5%。\n"
    got = [(q.text, q.value) for q in extract_quantities(text)]
    assert got == [("40人", Decimal(40)), ("95.5%", Decimal("95.5"))]


def test_seeds_smoke(seeds_dir):
    """Every quantity in the real seed reports is a verbatim slice; money is common."""
    n_money = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        for q in extract_quantities(text):
            assert text[q.span[0] : q.span[1]] == q.text
            n_money += q.kind == "money"
            assert not (q.unit == "分" and q.kind == "money")
    assert n_money > 0


REPORT_ALPHABET = "0123456789０１２３４５６７８９.,，。、%％‰≥≤><=＞＜~～-—至到万元亿千百十一二三四五六七八九零两个人次项户分年月日度方米吨亩以上下内约余多近达不低于超过第（）()〔〕号“”\"' \n\tabcGkmMB/㎡m³点负之"


def _check(text):
    for q in extract_quantities(text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0] : q.span[1]] == q.text
        assert isinstance(q.value, Decimal)
        assert q.high is None or isinstance(q.high, Decimal)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_never_crashes(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=REPORT_ALPHABET, max_size=60))
def test_report_like_text_never_crashes(text):
    _check(text)
    header_unit(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十百千万亿零两点负壹贰叁拾佰仟余多几 123", min_size=1, max_size=20))
def test_numeral_scanner_never_crashes(text):
    try:
        cn2num(text)
    except ValueError:
        pass
    _check(text)


def test_a_cell_amount_that_looks_like_a_year_and_month():
    """1902.07 alone in a 万元 column is money; in running text a bare 2024.12 stays a date."""
    (q,) = extract_quantities("1902.07", default_unit="万元")
    assert q.value == Decimal("1902.07") and q.unit == "万元"
    assert extract_quantities("截至2024.12，完成") == []


@pytest.mark.parametrize("text,quoted", [("配置医疗设备55台（套）", "55台（套）"), ("培训300人(次)", "300人(次)"),
                                         ("达到≥60台（套）", "≥60台（套）")])
def test_bracketed_alternative_counter_is_part_of_the_quantity(text, quoted):
    (q,) = extract_quantities(text)
    assert text[q.span[0]:q.span[1]] == quoted and q.unit in ("台", "人")


def test_a_bracketed_note_after_a_count_is_not_a_unit():
    q = extract_quantities("共5个（详见附件）")[0]
    assert q.span == (1, 3)
