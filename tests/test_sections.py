"""Headings keep their number as written and land on the level they belong to."""
import pytest

from jixiao.document import build_document
from jixiao.model import RawDocument, RawParagraph
from jixiao.sections import cn_to_int, parse_marker


def _doc(lines, levels=None):
    blocks = [RawParagraph(text=t, outline_level=(levels or {}).get(i)) for i, t in enumerate(lines)]
    return build_document(RawDocument(blocks=blocks), source="x.txt", format="txt", sha256="0")


def _outline(doc):
    return [(h.level, h.number) for h in doc.headings]


@pytest.mark.parametrize("s,n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105)])
def test_cn_to_int(s, n):
    assert cn_to_int(s) == n


@pytest.mark.parametrize("text,number,value,family", [
    ("一、部门概况", "一、", 1, "cn"),
    ("（三）绩效目标", "（三）", 3, "paren_cn"),
    ("(二）产出指标", "(二）", 2, "paren_cn"),
    ("3、部门整体支出", "3、", 3, "arabic"),
    ("2.质量指标。", "2.", 2, "arabic_dot"),
    ("（10）社会公众满意度≥90%", "（10）", 10, "paren_arabic"),
    ("③放贷≥190户", "③", 3, "circled"),
    ("第二部分 项目支出", "第二部分", 2, "part"),
    ("1.2 资金管理", "1.2", 2, "decimal"),
])
def test_parse_marker(text, number, value, family):
    m = parse_marker(text)
    assert (m.number, m.value, m.family) == (number, value, family)


@pytest.mark.parametrize("text", ["1.5亿元用于建设", "2024年工作总结", "12个项目", "一是加强管理", "10", "1-12月累计"])
def test_not_a_marker(text):
    assert parse_marker(text) is None


def test_standard_outline_levels():
    doc = _doc(["一、概况", "（一）职责", "1.主要职责", "（1）统一领导", "①分项", "（二）机构", "二、支出", "1、基本支出"])
    assert _outline(doc) == [(1, "一、"), (2, "（一）"), (3, "1."), (4, "（1）"), (5, "①"), (2, "（二）"), (1, "二、"), (2, "1、")]


def test_slips_land_on_the_level_they_continue():
    # "3、" among 一、二、四、 is a top-level heading; "(1）" then "(二）" continue one level below
    doc = _doc(["一、基本情况", "（一）机构", "1.人员", "2.资产", "（二）职责", "二、支出情况", "（一）一般公共预算",
                "3、绩效情况", "(1）成本指标", "1.经济成本", "(二）产出指标", "(三）效益指标", "四、存在问题"])
    assert _outline(doc) == [(1, "一、"), (2, "（一）"), (3, "1."), (3, "2."), (2, "（二）"), (1, "二、"), (2, "（一）"),
                             (1, "3、"), (2, "(1）"), (3, "1."), (2, "(二）"), (2, "(三）"), (1, "四、")]


def test_style_levels_are_trusted():
    doc = _doc(["项目概况", "资金情况", "一、绩效目标"], levels={0: 1, 1: 2})
    assert [(h.level, h.title) for h in doc.headings] == [(1, "项目概况"), (2, "资金情况"), (1, "绩效目标")]


def test_section_spans_and_paths():
    doc = _doc(["一、概况", "（一）人员", "年末实有人数40人。", "二、支出", "支出100万元。"])
    off = doc.text.index("40人")
    assert doc.section_path(off) == "一、/（一）"
    assert doc.section_at(doc.text.index("100万元")).heading.number == "二、"
    top = doc.root.children
    assert top[0].span[1] == doc.text.index("二、支出")


def test_heading_title_stops_at_sentence_end():
    doc = _doc(["1.数量指标。全年新签约项目12个。"])
    assert doc.headings[0].title == "数量指标"


def test_toc_lines_are_not_headings():
    doc = _doc(["目录", "一、部门概况\t1", "（一）基本情况 ........ 2", "二、绩效实现情况\t8", "一、部门概况", "正文。"])
    assert [e.page for e in doc.toc] == [1, 2, 8]
    assert _outline(doc) == [(1, "一、")]


def test_title_joined_from_wrapped_lines():
    doc = _doc(["某某县文化局2024年度部门整体支出", "绩效自评报告", "一、概况"])
    assert doc.title == "某某县文化局2024年度部门整体支出绩效自评报告"
