"""Claims: role, metric, comparator, value and unit for figures in text and tables; relations."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from jixiao.document import build_document
from jixiao.extract.tagger import tag
from jixiao.model import RawCell, RawDocument, RawParagraph, RawTable


def _doc(*blocks):
    raw = []
    for b in blocks:
        if isinstance(b, str):
            raw.append(RawParagraph(text=b))
        else:
            raw.append(RawTable(rows=[[RawCell(text=c) for c in row] for row in b]))
    return build_document(RawDocument(blocks=raw), source="t.txt", format="txt", sha256="0")


REPORT = _doc(
    "某县市场监督管理局2024年度部门整体支出绩效自评报告",
    "一、部门基本情况",
    "本局核定编制48人，其中行政编制40人、事业编制8人；年末实有在职人数45人。",
    "二、部门预算及执行情况",
    "2024年年初预算2350.00万元，调整预算2600.00万元，全年决算支出2412.36万元，预算执行率92.78%。",
    "决算支出2412.36万元，其中：基本支出1630.20万元、项目支出782.16万元。",
    "三、年度绩效目标",
    "1.食品安全抽检批次≥1200批次；",
    "2.投诉举报处理率≥98%；",
    "3.社会公众满意度≥90%。",
    "四、绩效目标完成情况",
    "（一）产出指标完成情况",
    "全年完成食品安全抽检1260批次，投诉举报处理率99.2%，得20分。",
    "（二）满意度指标完成情况",
    "经问卷调查，群众满意度达88%，得8分。",
    "五、自评结论",
    "综合评价，本局自评得分91分，评价等级为“优”。",
)


def _find(tg, text, role=None):
    hits = [c for c in tg.claims if c.text == text and (role is None or c.role == role)]
    assert hits, f"no claim {text!r} ({role}) among {[(c.text, c.role) for c in tg.claims]}"
    return hits[0]


@pytest.fixture(scope="module")
def tg():
    return tag(REPORT)


@pytest.mark.parametrize("text,role,metric,comparator,value,unit", [
    ("48人", "count", "编制", None, "48", "人"),
    ("2350.00万元", "budget", "年初预算", None, "2350.00", "万元"),
    ("2600.00万元", "budget", "调整预算", None, "2600.00", "万元"),
    ("92.78%", "rate", "预算执行率", None, "92.78", "%"),
    ("≥1200批次", "target", "食品安全抽检批次", ">=", "1200", "批次"),
    ("≥90%", "target", "社会公众满意度", ">=", "90", "%"),
    ("1260批次", "actual", "食品安全抽检", None, "1260", "批次"),
    ("88%", "actual", "群众满意度", None, "88", "%"),
    ("20分", "score", "产出指标完成情况", None, "20", "分"),
    ("91分", "score", "自评得分", None, "91", "分"),
])
def test_roles_and_metrics_in_text(tg, text, role, metric, comparator, value, unit):
    c = next((c for c in tg.claims if c.text.endswith(text) or c.text == text), None)
    assert c is not None, text
    assert (c.role, c.comparator, c.value, c.unit) == (role, comparator, Decimal(value), unit)
    assert metric in (c.metric or ""), (c.metric, metric)


def test_grade_is_a_claim(tg):
    g = [c for c in tg.claims if c.role == "grade"]
    assert [c.text for c in g] == ["优"]


def test_expenditure_role(tg):
    c = [c for c in tg.claims if c.text == "2412.36万元"]
    assert {x.role for x in c} == {"expenditure"}


def test_spans_quote_the_text(tg):
    for c in tg.claims:
        assert REPORT.text[c.span[0]:c.span[1]] == c.text


def test_part_whole_from_qizhong(tg):
    pw = {(tg.claim(p.whole).text, tuple(tg.claim(x).text for x in p.parts), p.completeness) for p in tg.part_wholes}
    assert ("48人", ("40人", "8人"), "unknown") in pw
    assert ("2412.36万元", ("1630.20万元", "782.16万元"), "unknown") in pw


def test_target_actual_links_across_sections_and_names(tg):
    links = {tg.claim(lk.target).text: (tg.claim(lk.actual).text if lk.actual else None) for lk in tg.links}
    assert links["≥90%"] == "达88%"  # 社会公众满意度 … 群众满意度
    assert links["≥1200批次"] == "1260批次"
    assert links["≥98%"] == "99.2%"


def test_same_quantity_mentions_grouped(tg):
    groups = [sorted(tg.claim(i).text for i in g.claims) for g in tg.groups]
    assert ["2412.36万元", "2412.36万元"] in groups  # 决算支出 stated twice
    assert not any("2350.00万元" in g and "2412.36万元" in g for g in groups)  # 年初预算 ≠ 决算


TABLE = _doc(
    "表1 项目支出绩效自评表",
    [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
     ["产出指标", "数量指标", "改造老旧管网", "≥35公里", "36.5公里", "20", "20", ""],
     ["效益指标", "社会效益指标", "供水水质达标率", "≥99%", "98.5%", "20", "18", "部分水源受汛期影响"],
     ["满意度指标", "服务对象满意度", "居民满意度", "≥90%", "93%", "10", "10", ""]],
    "表2 资金情况（单位：万元）",
    [["项目", "年初预算数", "全年预算数", "全年执行数"],
     ["1、基本支出", "300.00", "300.00", "296.40"],
     ["（1）人员经费", "250.00", "250.00", "248.10"],
     ["（2）公用经费", "50.00", "50.00", "48.30"],
     ["2、项目支出", "700.00", "760.00", "701.00"],
     ["合计", "1000.00", "1060.00", "997.40"]],
)


def test_indicator_records_from_a_self_evaluation_table():
    tg = tag(TABLE)
    recs = {i.name: i for i in tg.indicators if i.source == "table"}
    r = recs["供水水质达标率"]
    assert (r.level1, r.level2) == ("效益指标", "社会效益指标")
    assert tg.claim(r.target).comparator == ">=" and tg.claim(r.target).value == Decimal("99")
    assert tg.claim(r.actual).value == Decimal("98.5")
    assert tg.claim(r.weight).value == Decimal("20") and tg.claim(r.score).value == Decimal("18")
    assert r.deviation == "部分水源受汛期影响"
    assert [lk for lk in tg.links if lk.target == r.target][0].actual == r.actual


def test_column_units_and_table_roles():
    tg = tag(TABLE)
    cell = [c for c in tg.claims if c.text == "296.40"][0]
    assert (cell.unit, cell.role, cell.metric) == ("万元", "expenditure", "基本支出")
    budget = [c for c in tg.claims if c.text == "760.00"][0]
    assert budget.role == "budget"


def test_table_totals_and_subtotals():
    tg = tag(TABLE)
    pw = {(tg.claim(p.whole).text, tuple(tg.claim(x).text for x in p.parts), p.cue) for p in tg.part_wholes}
    assert ("1000.00", ("300.00", "700.00"), "table-total") in pw
    assert ("296.40", ("248.10", "48.30"), "table-subtotal") in pw


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tagger_never_breaks_on_arbitrary_text(s):
    doc = _doc(*[line for line in s.split("\n")] or [""]) if s.strip() else None
    if doc is None:
        return
    tg = tag(doc)
    for c in tg.claims:
        assert 0 <= c.span[0] <= c.span[1] <= len(doc.text)
        assert doc.text[c.span[0]:c.span[1]] == c.text


REPORTISH = st.text(alphabet="0123456789.%万元亿≥≤其中合计，。、：（）一二三四五六七八九十百千人个项目标完成达实际得分预算决算执行率满意度\n", max_size=200)


@given(REPORTISH)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_tagger_on_report_like_text(s):
    if not s.strip():
        return
    doc = _doc(*s.split("\n"))
    tg = tag(doc)
    for c in tg.claims:
        assert doc.text[c.span[0]:c.span[1]] == c.text
