"""Budget checks (JX501 rates, JX801–JX803 budget variance) beyond their catalogue examples:
tables read from Word files, severities, profiles, and the near misses real reports are full of."""
from __future__ import annotations

import docx_factory as f
import pytest
from check_helpers import by_rule, checker

import jixiao
from jixiao.config import Config

CODES = ["JX501", "JX801", "JX802", "JX803"]


findings, text_findings = checker(CODES)



# --------------------------------------------------------------------------- Word tables


def _self_eval_table(total_rate: str, sub_rate: str) -> str:
    """The national 项目支出绩效自评表: a merged 项目资金（万元） label, the funding block and an
    indicator block below it."""
    tc = f.tc
    return f.tbl(
        8,
        f.tr(tc("项目名称", span=2), tc("乡村道路养护", span=6)),
        f.tr(tc("项目资金（万元）", vmerge="restart"), tc(""), tc("年初预算数"), tc("全年预算数（A）"),
             tc("全年执行数（B）"), tc("分值"), tc("执行率（B/A）"), tc("得分")),
        f.tr(tc(vmerge="continue"), tc("年度资金总额"), tc("300"), tc("300"), tc("200"), tc("10"),
             tc(total_rate), tc("6.67")),
        f.tr(tc(vmerge="continue"), tc("其中：当年财政拨款"), tc("300"), tc("300"), tc("200"), tc("—"),
             tc(sub_rate), tc("—")),
        f.tr(tc(vmerge="continue"), tc("上年结转资金"), tc(""), tc(""), tc(""), tc("—"), tc(""), tc("—")),
        f.tr(tc(vmerge="continue"), tc("其他资金"), tc(""), tc(""), tc(""), tc("—"), tc(""), tc("—")),
        f.tr(tc("年度总体目标", span=2), tc("完成道路养护任务", span=6)),
        f.tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("年度指标值"), tc("实际完成值"), tc("分值"),
             tc("得分"), tc("偏差原因分析及改进措施")),
        f.tr(tc("产出指标"), tc("数量指标"), tc("养护里程"), tc("≥120公里"), tc("95公里"), tc("10"), tc("8"),
             tc("部分路段延期")),
    )


def test_self_evaluation_table_rate_checked_against_its_row(tmp_path):
    path = f.build(tmp_path / "t.docx", "项目支出绩效自评表", _self_eval_table("95%", "66.7%"))
    fs = findings(jixiao.read(path))
    rates = by_rule(fs, "JX501")
    assert len(rates) == 1, [x.message for x in fs]
    assert "年度资金总额" in rates[0].message and rates[0].expected == "66.7%"
    # the figures are what the execution rate is about: 200 of 300 is low, whatever the cell says
    low = by_rule(fs, "JX802")
    assert len(low) == 1 and "66.7%" in low[0].message and low[0].severity == "warning"
    # nothing read from the indicator block below (95公里 / 120公里 is not a budget row)
    assert not by_rule(fs, "JX801")


def test_self_evaluation_table_consistent_rates_are_quiet_but_low_execution_is_not(tmp_path):
    path = f.build(tmp_path / "t.docx", "项目支出绩效自评表", _self_eval_table("66.67%", "0.667"))
    fs = findings(jixiao.read(path))
    assert not by_rule(fs, "JX501"), [x.message for x in fs]
    assert [x.rule for x in fs] == ["JX802"]


def test_final_accounts_table_in_word_by_scope_of_rows(tmp_path):
    tc = f.tc
    table = f.tbl(
        4,
        f.tr(tc("项目"), tc("年初预算数"), tc("调整预算数"), tc("决算数")),
        f.tr(tc("本年收入合计"), tc("1000.00"), tc("1010.00"), tc("1005.50")),
        f.tr(tc("本年支出合计"), tc("1000.00"), tc("1010.00"), tc("1480.20")),
    )
    path = f.build(tmp_path / "d.docx", "收入支出决算总表（单位：万元）", table)
    fs = findings(jixiao.read(path))
    far = by_rule(fs, "JX801")
    assert len(far) == 1, [x.message for x in fs]
    assert "本年支出合计" in far[0].message and "146.6%" in far[0].message
    assert "调整预算数" in far[0].message


# --------------------------------------------------------------------------- JX501 in text


@pytest.mark.parametrize("text", [
    # the same figures in 元 and 万元
    "一、资金\n项目预算1000000元，实际支出80万元，执行率80%。\n",
    # a rate of the central part of the funds, whose own pair is in the paragraph
    "一、资金\n项目预算100万元，其中中央资金60万元，已支付60万元，执行率100%。\n",
    # the share of a listed part whose total sits in the previous paragraph
    "一、支出\n2023年度支出合计697.38万元，较上年决算数减少1.12万元，下降0.16%。\n"
    "其中：基本支出676.03万元，占96.94%；项目支出21.35万元，占3.06%。\n",
    # a share of a total the report does not give
    "一、产出\n完成工业总产值224.33亿元，占全市工业总产值的85.1%。\n",
    # a rate in a 绩效目标 section is a target
    "一、绩效目标\n预算100万元，执行80万元，预算执行率≥95%。\n",
    # growth of a figure other than the nearest one
    "一、收入\n本年收入1000万元，其中财政拨款800万元，较上年增加100万元，增长11.1%。\n",
])
def test_rate_near_misses(text):
    assert not by_rule(text_findings(text), "JX501")


@pytest.mark.parametrize("text,expected", [
    ("一、资金\n项目资金共2179万元，已完成拨付2113.63万元，执行率90%。\n", "97.0%"),
    ("一、资金\n实际收到资金495万元。项目共支付470.37万元，到位资金支付率为92.02%。\n", "95.02%"),
    ("一、支出\n本年支出697.38万元，上年支出650.00万元，增长9.5%。\n", "7.3%"),
    ("一、项目\n选取7个项目开展评价，等级为优良的项目有4个，占50%。\n", "57.1%"),
    ("一、支出\n2023年度支出合计697.38万元。\n其中：基本支出676.03万元，占92.94%。\n", "96.94%"),
    ("一、产出\n年度计划培训200人次，实际完成培训180人次，完成率95%。\n", "90.0%"),
])
def test_rate_mismatches(text, expected):
    hits = by_rule(text_findings(text), "JX501")
    assert len(hits) == 1, [x.message for x in hits]
    assert hits[0].expected == expected
    assert hits[0].message.endswith("。") and hits[0].message_en


def test_change_amount_against_the_two_years():
    hits = by_rule(text_findings("一、三公经费\n本年三公经费支出120.00万元，上年支出150.00万元，较上年减少20.00万元。\n"),
                   "JX501")
    assert len(hits) == 1 and hits[0].expected == "30.00万元"


def test_change_columns_of_a_table():
    text = ("一、支出对比（单位：万元）\n项目\t2023年决算数\t2024年决算数\t增减额\t增减率\n"
            "基本支出\t500.00\t550.00\t50.00\t10.0%\n项目支出\t200.00\t150.00\t-30.00\t-25.0%\n")
    hits = by_rule(text_findings(text), "JX501")
    assert len(hits) == 1, [x.message for x in hits]
    assert "项目支出" in hits[0].message and hits[0].expected == "-50.00"


def test_share_column_against_the_total_row():
    text = ("一、支出构成（单位：万元）\n项目\t决算数\t占比\n基本支出\t676.03\t96.94%\n项目支出\t21.35\t5.06%\n"
            "合计\t697.38\t100%\n")
    hits = by_rule(text_findings(text), "JX501")
    assert len(hits) == 1 and "项目支出" in hits[0].message and hits[0].expected == "3.06%"


def test_flattened_row_out_of_line_is_left_alone():
    # a web table flattened with its first cell lost: budget, budget, score, rate… one column off
    text = ("一、资金\n项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t387664.62\t387664.62\t10\t100%\t10\t\n")
    assert text_findings(text) == []


# --------------------------------------------------------------------------- JX801 / JX802 / JX803


def test_variance_explained_nearby_is_info():
    text = ("一、收支情况\n年初预算支出1000万元，支出决算1600万元，主要原因是年中追加专项债券项目。\n")
    far = by_rule(text_findings(text), "JX801")
    assert len(far) == 1 and far[0].severity == "info"


def test_variance_of_a_detail_line_only_when_material():
    text = ("一、支出（单位：万元）\n项目\t支出决算数\t年初预算数\n人员经费\t400.00\t402.00\n"
            "公用经费\t3.00\t8.00\n项目支出\t1100.00\t600.00\n合计\t1503.00\t1010.00\n")
    far = by_rule(text_findings(text), "JX801")
    assert len(far) == 1 and "合计" in far[0].message  # the total, not 公用经费 (3 of 8) or 项目支出 again
    text2 = text.replace("1503.00\t1010.00", "1103.00\t1010.00").replace("1100.00\t600.00", "700.00\t600.00")
    text2 = text2.replace("公用经费\t3.00\t8.00", "公用经费\t3.00\t8.00")
    assert not by_rule(text_findings(text2), "JX801")


def test_last_year_and_income_figures_are_not_paired_with_spending():
    text = ("一、收支\n上年支出决算300万元。年初预算收入100万元，年初预算支出100万元，支出决算110万元。\n")
    assert not by_rule(text_findings(text), "JX801")


def test_execution_explain_below_comes_from_the_profile():
    text = "一、资金使用\n项目资金执行率为85%。\n二、绩效\n目标均已完成。\n"
    assert not text_findings(text)
    strict = Config(profile="strict-execution")
    hits = text_findings(text, config=strict)
    assert [x.rule for x in hits] == ["JX802"] and "90%" in hits[0].message
    explained = "一、资金使用\n项目资金执行率为85%，主要原因是部分工程款未到结算期。\n"
    assert not text_findings(explained, config=strict)


def test_execution_over_budget_explained_is_info():
    hits = text_findings("一、资金\n本项目执行率为105%，主要原因是年中追加应急项目。\n", ["JX802"])
    assert len(hits) == 1 and hits[0].severity == "info"


def test_one_low_rate_stated_twice_is_reported_once():
    text = ("一、资金\n项目资金使用率为51.63%。\n二、结论\n本项目资金使用率51.63%，执行偏慢。\n")
    assert len(by_rule(text_findings(text), "JX802")) == 1


def test_statement_budget_bigger_than_final_reversed():
    text = "一、支出\n年初预算支出500万元，支出决算450万元，年初预算数大于决算数的原因是项目延期。\n"
    assert not by_rule(text_findings(text), "JX803")
    wrong = text.replace("大于", "小于")
    hits = by_rule(text_findings(wrong), "JX803")
    assert len(hits) == 1 and hits[0].severity == "error" and hits[0].expected == "决算数小于预算数"


def test_direction_words_contradicting_each_other():
    hits = by_rule(text_findings("一、收入\n本年收入697.38万元，较上年减少1.12万元，增长0.16%。\n"), "JX803")
    assert len(hits) == 1 and "自相矛盾" in hits[0].message


def test_seed_findings(seeds_dir):
    for name, expect in [("000_4c453b8767b744bc.txt", "477.1%"), ("004_8c83defe9da35b5f.txt", "267.5%")]:
        fs = findings(jixiao.read(seeds_dir / name))
        assert [x.rule for x in fs] == ["JX801"], [x.message for x in fs]
        assert expect in fs[0].message and fs[0].severity == "warning"


# --------------------------------------------------------------------------- a whole 决算说明, right and wrong

FINAL_ACCOUNTS = """某县教育局2023年度部门决算说明

一、收入支出决算总体情况说明
2023年度收入总计5230.18万元，支出总计5230.18万元。与2022年相比，收、支总计各增加312.40万元，增长6.35%。

二、收入决算情况说明
2023年度收入合计5102.36万元，其中：一般公共预算财政拨款收入4890.12万元，占95.84%；事业收入212.24万元，占4.16%。

三、支出决算情况说明
2023年度支出合计5102.36万元，其中：基本支出4300.50万元，占84.29%；项目支出801.86万元，占15.72%。

四、财政拨款支出决算情况说明
（一）财政拨款支出决算总体情况
2023年度财政拨款支出4890.12万元，占本年支出合计的95.84%。与2022年相比，财政拨款支出增加250.00万元，增长5.39%。
（二）财政拨款支出决算具体情况
2023年度财政拨款支出年初预算为4500.00万元，支出决算为4890.12万元，完成年初预算的108.67%。其中：
1.初中教育。年初预算为1500.00万元，支出决算为1380.40万元，完成年初预算的92.03%，决算数小于年初预算数的主要原因是部分项目延期实施。
2.社会保障缴费。年初预算为400.00万元，支出决算为759.42万元，完成年初预算的189.86%，决算数大于年初预算数的主要原因是据实追加养老保险缴费。

五、“三公”经费支出决算情况说明
2023年度“三公”经费财政拨款支出决算为12.30万元，其中：公务接待费3.10万元，占25.20%；公务用车运行维护费9.20万元，占74.80%。“三公”经费较上年减少1.50万元，下降10.87%。
"""


def test_final_accounts_statement_that_adds_up_raises_only_the_explained_variance():
    fs = text_findings(FINAL_ACCOUNTS)
    assert [(x.rule, x.severity) for x in fs] == [("JX801", "info")], [x.message for x in fs]
    assert "189.9%" in fs[0].message


@pytest.mark.parametrize("old,new,code,expected", [
    ("占84.29%", "占86.29%", "JX501", "84.28%"),
    ("完成年初预算的92.03%", "完成年初预算的90.03%", "JX501", "92.03%"),
    ("占本年支出合计的95.84%", "占本年支出合计的93.84%", "JX501", "95.84%"),
    ("下降10.87%", "下降12.20%", "JX501", "10.87%"),  # the change of 三公经费 (12.30), not of the last item
    ("决算数小于年初预算数", "决算数大于年初预算数", "JX803", "决算数小于预算数"),
])
def test_final_accounts_statement_with_one_slip(old, new, code, expected):
    fs = [x for x in text_findings(FINAL_ACCOUNTS.replace(old, new, 1)) if x.rule != "JX801"]
    assert [x.rule for x in fs] == [code], [x.message for x in fs]
    assert fs[0].expected == expected


def test_spending_of_one_project_is_not_the_budget_of_the_unit():
    assert not text_findings("一、资金情况\n本部门年初预算1000万元。A项目实际支出50万元。\n")


def test_statement_about_one_line_of_a_table():
    text = ("一、财政拨款支出（单位：万元）\n科目编码\t科目名称\t年初预算数\t调整预算数\t决算数\n"
            "205\t教育支出\t4500.00\t4800.00\t4690.12\n208\t社会保障和就业支出\t400.00\t500.00\t520.82\n"
            "\t合计\t4900.00\t5300.00\t5210.94\n"
            "教育支出决算数小于调整预算数的主要原因是部分项目延期；社会保障和就业支出决算数大于调整预算数的"
            "主要原因是据实追加养老保险缴费。\n")
    assert not text_findings(text)
    hits = text_findings(text.replace("社会保障和就业支出决算数大于", "社会保障和就业支出决算数小于"))
    assert [x.rule for x in hits] == ["JX803"] and "520.82万元" in hits[0].message
