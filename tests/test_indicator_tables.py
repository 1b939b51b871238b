"""The one reader of 自评表 indicator and funding rows (extract.indicator_tables) and the one
judgement of a target against its actual (extract.indicators.direction / judge)."""
from decimal import Decimal
from io import StringIO

from jixiao.checks.scoring import load_profile
from jixiao.document import build_document
from jixiao.extract.indicator_tables import categorized
from jixiao.extract.indicators import direction, interval, is_reverse, judge
from jixiao.extract.tagger import tag
from jixiao.model import RawCell, RawDocument, RawParagraph, RawTable

WORDS = load_profile("national")


def _doc(*blocks):
    raw = []
    for b in blocks:
        if isinstance(b, str):
            raw.append(RawParagraph(text=b))
        else:
            raw.append(RawTable(rows=[[RawCell(text=c) for c in row] for row in b]))
    return build_document(RawDocument(blocks=raw), source="t.txt", format="txt", sha256="0")


# a national 自评表: the funding block on top, the indicator header (with a second header row
# naming 指标性质 / 指标值 / 度量单位) under it
NATIONAL = _doc(
    "附件 项目支出绩效自评表",
    [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", ""],
     ["年度资金总额", "100", "100", "90", "10", "90%", "9", "", ""],
     ["一级指标", "二级指标", "三级指标", "年度指标值", "年度指标值", "年度指标值", "实际完成值", "分值", "得分"],
     ["", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
     ["产出指标", "数量指标", "安全事故次数", "≤", "2", "次", "3", "20", "15"],
     ["效益指标", "社会效益指标", "回复投诉件数", "", "100", "件", "120", "30", "30"],
     ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "92", "10", "10"],
     ["总分", "", "", "", "", "", "", "100", "94"]],
)


def test_grid_rows_carry_the_comparator_and_unit_columns():
    tg = tag(NATIONAL)
    recs = {i.name: i for i in tg.indicators if i.source == "table"}
    r = recs["安全事故次数"]
    assert (r.comparator, r.unit) == ("<=", "次")
    assert tg.claim(r.actual).value == Decimal("3")
    assert (r.level1, r.level2) == ("产出指标", "数量指标")
    assert recs["群众满意度"].comparator == ">="
    assert [f.value for f in tg.tables.fund_rows] == [Decimal("0.9")]


def test_score_view_reads_rows_blocks_and_funding():
    tables = tag(TABLE).tables
    block = tables.blocks[0]
    assert block.complete and len(block.rows) == 3
    assert [r.score.value for r in block.rows] == [Decimal("20"), Decimal("18"), Decimal("10")]
    assert tables.rows[1].deviation == "部分水源受汛期影响"


def test_categories_come_from_the_profile_and_carry_down():
    tables = categorized(tag(TABLE).tables, WORDS.category_of)
    assert [r.category for r in tables.rows] == ["产出", "效益", "满意度"]
    assert tag(TABLE).tables.rows[0].category is None  # the tagging itself stays profile-free


TABLE = _doc(
    "表1 项目支出绩效自评表",
    [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
     ["产出指标", "数量指标", "改造老旧管网", "≥35公里", "36.5公里", "20", "20", ""],
     ["效益指标", "社会效益指标", "供水水质达标率", "≥99%", "98.5%", "20", "18", "部分水源受汛期影响"],
     ["满意度指标", "服务对象满意度", "居民满意度", "≥90%", "93%", "10", "10", ""]],
)


def test_reverse_words_keep_the_good_side_positive():
    assert is_reverse(["投诉率"], WORDS)
    assert is_reverse(["成本指标", "人均培训费用"], WORDS)
    assert not is_reverse(["回复投诉件数"], WORDS)
    assert not is_reverse(["污染负荷削减量"], WORDS)
    assert not is_reverse(["投诉处理及时率"], WORDS)
    assert direction(None, ["回复投诉件数"], WORDS, kind="count") == ("up", False)
    assert direction(None, ["群众投诉率"], WORDS, kind="percent") == ("down", False)
    assert direction(None, ["污染负荷削减量"], WORDS, kind="weight") == ("up", True)


def test_comparator_wins_over_words():
    assert direction(">=", ["事故发生率"], WORDS)[0] == "up"
    assert direction("=", ["任意"], WORDS)[0] == "eq"
    assert direction(None, ["某事项"], WORDS, kind="money") == (None, False)


def test_judge():
    ge90 = interval(Decimal(90), "%", ">=")
    assert judge(ge90, "up", interval(Decimal(88), "%", None)) == "missed"
    assert judge(ge90, "up", interval(Decimal(90), "%", None)) == "met"
    le2 = interval(Decimal(2), "次", "<=")
    assert judge(le2, "down", interval(Decimal(3), "次", None)) == "missed"
    assert judge(le2, "down", interval(Decimal(3), "次", None, approximate=True)) == "unknown"
    assert judge(interval(Decimal(5), "天", None), "up", interval(Decimal(3), "天", "<=")) == "missed"


def test_tag_shows_the_self_evaluation_tables():
    from jixiao.render.text import render_tagging
    from jixiao.report import Report

    doc = NATIONAL
    tg = tag(doc)
    out = StringIO()
    render_tagging(Report(document=doc, claims=tg.claims, findings=[], tagging=tg), out)
    text = out.getvalue()
    assert "安全事故次数" in text and "性质 <=" in text and "单位 次" in text
    assert "年度资金总额：执行率 90%" in text
