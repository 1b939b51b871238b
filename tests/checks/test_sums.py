"""Sum checks (JX201 unit slips, JX301 text lists, JX302 table totals, JX303 identities, JX902
subsets) beyond their catalogue examples: the seeds, the real excerpts, rounding, Word tables,
and the near misses real reports are full of."""
from __future__ import annotations

from decimal import Decimal

import docx_factory as f
import pytest
from check_helpers import by_rule, checker

import jixiao
from jixiao.config import Config

CODES = ["JX201", "JX301", "JX302", "JX303", "JX902"]


findings, text_findings = checker(CODES)



def alarms(fs):
    return [x for x in fs if x.severity in ("error", "warning")]


def quoted(finding) -> set[str]:
    return {e.text for e in finding.evidence}


# --------------------------------------------------------------------------- seeds

SEED_000 = "000_4c453b8767b744bc"
SEED_004 = "004_8c83defe9da35b5f"


@pytest.fixture(scope="module")
def seed000(seeds_dir):
    return (seeds_dir / f"{SEED_000}.txt").read_text(encoding="utf-8")


def test_seed_unit_slip_is_one_error_with_the_figure_it_should_be(seed000):
    fs = text_findings(seed000)
    slips = by_rule(fs, "JX201")
    assert len(slips) == 1, [x.message for x in fs]
    s = slips[0]
    assert s.severity == "error" and s.expected == "1211.40万元"
    assert {"1211.40元", "38671.40万元", "60.00万元", "37400.00万元"} <= quoted(s)
    # the slip explains the sum: JX301 does not report it again
    assert not [x for x in by_rule(fs, "JX301") if "38671.40万元" in quoted(x)]


def test_seed_000_raises_no_other_sum_alarm(seed000):
    fs = text_findings(seed000)
    assert [x.rule for x in alarms(fs)] == ["JX201"], [x.message for x in alarms(fs)]
    # 14 project items two decimals each: 7289.93 against 7289.90 is within rounding
    info = [x for x in by_rule(fs, "JX301") if x.severity == "info"]
    assert any("7289.90万元" in quoted(x) and "0.03万元" in x.message for x in info)


@pytest.mark.parametrize("old,new,figure", [
    ("事业编制10人", "事业编制11人", "45人"),  # 编制 45 = 35 + 10
    ("事业编制9人", "事业编制10人", "40人"),  # 实有在职 40 = 31 + 9
    ("净资产349.07万元", "净资产339.07万元", "349.07万元"),  # 资产 = 负债 + 净资产
])
def test_seed_identities_hold_and_fire_once_a_term_is_changed(seed000, old, new, figure):
    assert by_rule(text_findings(seed000, ["JX303"]), "JX303") == []
    assert seed000.count(old) == 1
    fs = by_rule(text_findings(seed000.replace(old, new), ["JX303"]), "JX303")
    assert len(fs) == 1 and fs[0].severity == "error", [x.message for x in fs]
    assert figure in quoted(fs[0])


def test_seed_headcount_short_of_its_total_may_be_unlisted_staff(seed000):
    fs = by_rule(text_findings(seed000.replace("事业编制9人", "事业编制8人"), ["JX303"]), "JX303")
    assert [x.severity for x in fs] == ["info"] and "工勤" in fs[0].message


def test_seed_004_partial_income_lists_are_at_most_info(seeds_dir):
    fs = text_findings((seeds_dir / f"{SEED_004}.txt").read_text(encoding="utf-8"))
    assert alarms(fs) == [], [x.message for x in alarms(fs)]
    subsets = by_rule(fs, "JX302")
    assert subsets and all(x.severity == "info" and "未列明" in x.message for x in subsets)


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_seed_formats_find_the_same_slip(seeds_dir, ext):
    path = seeds_dir / "formats" / f"{SEED_000}.{ext}"
    if not path.exists():
        pytest.skip(f"{path.name} absent")
    slips = by_rule(findings(jixiao.read(path)), "JX201")
    assert [(x.severity, x.expected) for x in slips] == [("error", "1211.40万元")]


# --------------------------------------------------------------------------- real excerpts

# what an auditor agrees with in the development excerpts; everything else there adds up
KNOWN = {
    ("001.txt", "JX303"),  # 实施项目共15个 while 年初 8 + 年中增加 8 = 16
    ("077.txt", "JX201"),  # 1709.98元 among 1650万元 and 1996.5万元
    ("077.txt", "JX301"),  # 1650 + 1996.5 + 1709.98 = 5356.48 against 实际支出共计 5353.48
}


def test_real_excerpts_raise_only_the_sum_problems_an_auditor_agrees_with(shared_dir):
    raised = set()
    for path in sorted((shared_dir / "corpora" / "real").glob("*.txt")):
        for x in alarms(findings(jixiao.read(path))):
            raised.add((path.name, x.rule))
    assert raised == KNOWN


# --------------------------------------------------------------------------- rounding


def _items(values: list[str]) -> str:
    return "、".join(f"第{i + 1}项支出{v}万元" for i, v in enumerate(values))


def test_rounding_tolerance_grows_with_the_number_of_parts():
    many = ["100.01"] * 13 + ["100.02"]  # 1400.15
    fs = by_rule(text_findings(f"一、支出\n项目支出1400.12万元，其中：{_items(many)}。\n"), "JX301")
    assert [x.severity for x in fs] == ["info"]
    fs = by_rule(text_findings("一、支出\n项目支出300.00万元，其中：甲项目支出200.01万元、乙项目支出100.00万元。\n"), "JX301")
    assert [x.severity for x in fs] == ["info"]  # two parts may drift by 2 × 0.005
    fs = by_rule(text_findings("一、支出\n项目支出300.00万元，其中：甲项目支出200.02万元、乙项目支出100.02万元。\n"), "JX301")
    assert [x.severity for x in fs] == ["error"] and fs[0].expected == "300.04万元"


def test_rounding_floor_is_configurable():
    text = "一、支出\n项目支出300.00万元，其中：甲项目支出200.02万元、乙项目支出100.02万元。\n"
    cfg = Config(tolerances={"rounding": Decimal("0.05")})
    assert [x.severity for x in by_rule(text_findings(text, config=cfg), "JX301")] == ["info"]


def test_integers_are_compared_with_half_a_unit_each():
    fs = by_rule(text_findings("一、资金\n项目总投资660万元，其中：中央资金495万元、市级配套99万元、区级配套67万元。\n"), "JX301")
    assert [x.severity for x in fs] == ["info"]  # 661 vs 660: three rounded integers may drift 1.5
    fs = by_rule(text_findings("一、资金\n项目总投资660万元，其中：中央资金495万元、市级配套99万元、区级配套76万元。\n"), "JX301")
    assert [x.severity for x in fs] == ["error"]


# --------------------------------------------------------------------------- lists in text


def test_a_slip_that_leaves_a_residual_is_reported_once_each():
    text = ("一、项目概况\n年初预算为5430万元，实际支出共计5353.48万元。扶持项目主要包括三大类。"
            "其中支持专精特新资金1650万元、支持融资服务资金1996.5万元、支持服务体系建设资金1709.98元。\n")
    fs = text_findings(text)
    slip, sums = by_rule(fs, "JX201"), by_rule(fs, "JX301")
    assert [x.severity for x in slip] == ["warning"] and slip[0].expected == "1709.98万元"
    assert [x.severity for x in sums] == ["error"] and "3.00万元" in sums[0].message
    assert "5353.48万元" in quoted(sums[0])


def test_a_part_in_another_unit_that_adds_up_as_written_is_fine():
    ok = "一、支出\n政府性基金支出38671.40万元，其中：A支出60.00万元、B支出3.74亿元、C支出1211.40万元。\n"
    assert text_findings(ok) == []
    slip = "一、支出\n政府性基金支出38671.40万元，其中：A支出60.00万元、B支出37400.00亿元、C支出1211.40万元。\n"
    fs = by_rule(text_findings(slip), "JX201")
    assert [(x.severity, x.expected) for x in fs] == [("error", "37400.00万元")]


def test_unit_ratio_is_configurable():
    text = "一、资金\n下达资金分别为：道路维修资金850.00万元、管网改造资金1200.50万元、绿化提升资金630.20元。\n"
    assert [x.severity for x in by_rule(text_findings(text), "JX201")] == ["warning"]
    cfg = Config(tolerances={"unit_ratio": Decimal("100000")})
    assert by_rule(text_findings(text, config=cfg), "JX201") == []


@pytest.mark.parametrize("text", [
    # change figures are neither totals nor parts
    "一、收入\n收入792.22万元。同比上年度增加189.25万元，增加31.39%。其中：财政拨款收入792.22万元，"
    "同比上年度增加209.28万元，增加35.9%。\n",
    # the list adds up after two items; an adjustment and a new statement follow
    "一、资金\n下达我区111万元，其中低保资金100万元，孤儿保障金11万元，调减40万元，全年实际下达71万元。\n",
    # a bracketed detail of one item
    "一、资金\n资金已使用36948.11万元，其中：中央资金9965.68万元（含待支付合同款1436.8万元），"
    "地方配套资金21106.24万元，其他资金5876.19万元。\n",
    # a restated total ends the list
    "一、资金\n项目批复总投资61.8万元，其中中央财政资金30.9万元，县财政资金30.9万元，共计下达61.8万元。\n",
    # 其中 of counts in overlapping categories; hierarchy levels of indicators
    "一、指标\n该项目共编制12个绩效指标，其中一级指标3个，二级指标9个，三级指标12个。\n",
    # a budget total and a spending total are not parts of each other
    "一、资金\n年初预算100万元，调整预算120万元，实际支出共计110万元。\n",
    # 分别为 after the names: no total is listed
    "一、资金\n人员培训、宣传印刷两项支出分别为12.50万元、8.30万元。\n",
])
def test_near_misses_in_text(text):
    fs = text_findings(text)
    assert alarms(fs) == [], [x.message for x in fs]


def test_semicolon_separated_enumeration_after_a_total():
    ok = ("一、项目概况\n2021年批复项目9个，项目资金1950万元。分别为：甲项目1000万元；乙项目40万元；丙项目20万元；"
          "丁项目230万元；戊项目220万元；己项目20万元；庚项目200万元；辛项目150万元；壬项目70万元。\n")
    assert text_findings(ok) == []
    bad = ok.replace("壬项目70万元", "壬项目80万元")
    fs = by_rule(text_findings(bad), "JX301")
    assert [x.severity for x in fs] == ["error"] and "1960万元" in fs[0].message


# --------------------------------------------------------------------------- Word tables

tc = f.tc


def _spending_table(personnel: str) -> str:
    return f.tbl(
        4,
        f.tr(tc("项目", vmerge="restart"), tc("金额（万元）", span=3)),
        f.tr(tc(vmerge="continue"), tc("年初预算数"), tc("调整预算数"), tc("决算数")),
        f.tr(tc("1、基本支出"), tc("300.00"), tc("300.00"), tc("296.40")),
        f.tr(tc("（1）人员经费"), tc("250.00"), tc("250.00"), tc(personnel)),
        f.tr(tc("（2）公用经费"), tc("50.00"), tc("50.00"), tc("48.30")),
        f.tr(tc("2、项目支出"), tc("700.00"), tc("760.00"), tc("701.00")),
        f.tr(tc("合计"), tc("1000.00"), tc("1060.00"), tc("997.40")),
    )


def test_word_table_subtotals_under_a_merged_header(tmp_path):
    ok = f.build(tmp_path / "ok.docx", "二、支出情况", _spending_table("248.10"))
    assert findings(jixiao.read(ok)) == []
    above = f.build(tmp_path / "above.docx", "二、支出情况", _spending_table("258.10"))
    fs = by_rule(findings(jixiao.read(above)), "JX302")
    assert [x.severity for x in fs] == ["error"], [x.message for x in fs]
    assert "基本支出" in fs[0].message and "决算数" in fs[0].message and fs[0].expected == "306.40万元"
    assert {"296.40", "258.10", "48.30"} <= quoted(fs[0])
    # sub-rows short of their parent may leave an item out: a warning
    below = f.build(tmp_path / "below.docx", "二、支出情况", _spending_table("238.10"))
    assert [x.severity for x in by_rule(findings(jixiao.read(below)), "JX302")] == ["warning"]


def _final_accounts_table(out_total: str) -> str:
    row = f.tr
    return f.tbl(
        6,
        row(tc("收入", span=3), tc("支出", span=3)),
        row(tc("项目"), tc("行次"), tc("金额"), tc("项目"), tc("行次"), tc("金额")),
        row(tc("一、财政拨款收入"), tc("1"), tc("690.08"), tc("一、基本支出"), tc("4"), tc("676.03")),
        row(tc("二、事业收入"), tc("2"), tc("7.30"), tc("二、项目支出"), tc("5"), tc("21.35")),
        row(tc("本年收入合计"), tc("3"), tc("697.38"), tc("本年支出合计"), tc("6"), tc("697.38")),
        row(tc("年初结转和结余"), tc("7"), tc("12.00"), tc("年末结转和结余"), tc("8"), tc("12.00")),
        row(tc("总计"), tc("9"), tc("709.38"), tc("总计"), tc("10"), tc(out_total)),
    )


def test_final_accounts_table_both_sides_balance(tmp_path):
    ok = f.build(tmp_path / "ok.docx", "收入支出决算总表（单位：万元）", _final_accounts_table("709.38"))
    assert alarms(findings(jixiao.read(ok))) == []
    bad = f.build(tmp_path / "bad.docx", "收入支出决算总表（单位：万元）", _final_accounts_table("719.38"))
    fs = by_rule(findings(jixiao.read(bad)), "JX302")
    assert [x.severity for x in fs] == ["error"], [x.message for x in fs]
    assert {"709.38", "719.38"} <= quoted(fs[0]) and "收支不平衡" in fs[0].message


def test_score_and_rate_columns_are_not_summed(tmp_path):
    table = f.tbl(
        5,
        f.tr(tc("指标"), tc("分值"), tc("得分"), tc("完成率"), tc("行次")),
        f.tr(tc("数量指标"), tc("30"), tc("28"), tc("95%"), tc("1")),
        f.tr(tc("质量指标"), tc("30"), tc("30"), tc("100%"), tc("2")),
        f.tr(tc("合计"), tc("100"), tc("90"), tc("97%"), tc("4")),
    )
    path = f.build(tmp_path / "t.docx", "绩效指标得分表", table)
    assert by_rule(findings(jixiao.read(path)), "JX302") == []


def test_subset_row_larger_than_its_set(tmp_path):
    table = f.tbl(
        2,
        f.tr(tc("人员情况"), tc("人数")),
        f.tr(tc("年末在职人员"), tc("40人")),
        f.tr(tc("其中：女职工"), tc("50人")),
    )
    path = f.build(tmp_path / "t.docx", "一、基本情况", table)
    fs = by_rule(findings(jixiao.read(path)), "JX902")
    assert len(fs) == 1 and {"40人", "50人"} <= quoted(fs[0])


# --------------------------------------------------------------------------- identities


def test_identity_from_a_table_column(tmp_path):
    def table(net: str) -> str:
        return f.tbl(2, f.tr(tc("项目"), tc("年末数（万元）")), f.tr(tc("资产总额"), tc("520.30")),
                     f.tr(tc("负债总额"), tc("120.00")), f.tr(tc("净资产"), tc(net)))

    ok = f.build(tmp_path / "ok.docx", "一、资产情况", table("400.30"))
    assert by_rule(findings(jixiao.read(ok)), "JX303") == []
    bad = f.build(tmp_path / "bad.docx", "一、资产情况", table("410.30"))
    fs = by_rule(findings(jixiao.read(bad)), "JX303")
    assert len(fs) == 1 and fs[0].expected == "530.30万元", [x.message for x in fs]


@pytest.mark.parametrize("text,fires", [
    # 年初结转 unstated: 500 + x = 450 + 60 holds with x = 10
    ("一、收支\n2024年本年收入合计500.00万元，本年支出合计450.00万元，年末结转和结余60.00万元。\n", False),
    # no opening balance can make 500 + x equal 450 + 40
    ("一、收支\n2024年本年收入合计500.00万元，本年支出合计450.00万元，年末结转和结余40.00万元。\n", True),
    # budget figures beside final figures are not one identity
    ("一、支出\n年初预算基本支出300.00万元，决算人员经费250.00万元，决算公用经费48.30万元。\n", False),
    # terms of different years
    ("一、资产\n2023年资产总额520.30万元，2024年负债总额120.00万元，2024年净资产410.30万元。\n", False),
])
def test_identity_scope_and_one_sided_terms(text, fires):
    fs = by_rule(text_findings(text, ["JX303"]), "JX303")
    assert bool(fs) is fires, [x.message for x in fs]


def test_subset_in_persons_and_names():
    fs = by_rule(text_findings("一、人员\n核定编制45人，其中行政编制50名。\n"), "JX902")
    assert len(fs) == 1
