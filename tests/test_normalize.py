"""The normaliser cleans conversion debris and keeps a faithful map back to the raw text."""
import pytest
from hypothesis import given, settings, strategies as st

from jixiao.normalize import normalize, strip_markdown_line

CASES = [
    # LaTeX remnants from PDF converters
    ("社会公众满意度 $\\geq 90\\%$ 。", "社会公众满意度≥90%。"),
    ("回收闲置土地 \\geqslant 77亩", "回收闲置土地≥77亩"),
    ("投诉率 $\\leq 5\\%$", "投诉率≤5%"),
    ("事故率\\leqslant 1\\%", "事故率≤1%"),
    # decimals split by a space, but not a heading number followed by a year
    ("基本支出\t924. 03万元", "基本支出924.03万元"),
    ("1. 2024年度工作", "1. 2024年度工作"),
    # full-width digits and letters; Chinese punctuation kept
    ("完成１２３项，ＡＢ级，比例９５．５％。", "完成123项，AB级，比例95.5％。"),
    # markdown emphasis, bookmarks, stray asterisks
    ("**重点**任务完成", "重点任务完成"),
    ("[bookmark: _Hlk1234]年末实有人数40人", "年末实有人数40人"),
    ("(1) 保障人员支出。**", "(1) 保障人员支出。"),
    # thousands separators
    ("收入1,234,567.89元", "收入1234567.89元"),
    # odd spaces
    ("资金\u00a0100\u3000万元\u200b", "资金100万元"),
    ("税收金额 ≥ 5.52 亿元", "税收金额≥5.52亿元"),
    ("一、 部门概况", "一、部门概况"),
    # lines wrapped inside a paragraph
    ("决算支出46810.34万\n元", "决算支出46810.34万元"),
    ("in English\ntext", "in English text"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_normalize_cases(raw, expected):
    assert normalize(raw)[0] == expected


def test_offsets_point_back_to_the_source_figure():
    raw = "[bookmark: x]决算数 924. 03万元"
    text, omap = normalize(raw)
    i = text.index("924.03")
    assert raw[omap.to_raw(i)] == "9"
    assert raw[omap.to_raw(i + len("924.03") - 1)] == "3"


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_offset_map_is_total_and_monotone(raw):
    text, omap = normalize(raw)
    assert len(omap.raw_index) == len(text) + 1
    assert all(0 <= i <= len(raw) for i in omap.raw_index)
    # characters that survive unchanged map onto themselves
    for k, ch in enumerate(text):
        if ch.isalnum() and not ch.isdigit() and ord(ch) < 0xFF00:
            src = raw[omap.to_raw(k)]
            # a full-width letter (Ａ) becomes its ASCII form; anything else maps onto itself
            assert src == ch or (ch.isascii() and src == chr(ord(ch) + 0xFEE0))


def test_markdown_line_markers():
    assert strip_markdown_line("## 一、概况") == ("一、概况", 3, 2)
    assert strip_markdown_line("- (1) 保障运转")[0] == "(1) 保障运转"
    assert strip_markdown_line("-3.2%的降幅")[0] == "-3.2%的降幅"
