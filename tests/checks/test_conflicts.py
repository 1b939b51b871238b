"""Value conflicts (JX401) and units against their column or total (JX202) beyond their catalogue
examples: the seed reports, the real excerpts, Word tables, and the near misses that look alike."""
from __future__ import annotations

from pathlib import Path

import docx_factory as f
import pytest
from check_helpers import checker  # noqa: E402

import jixiao

CODES = ["JX401", "JX202"]


findings, text_findings = checker(CODES)


def quotes(fs) -> list[list[str]]:
    return [[e.text for e in x.evidence] for x in fs]


# --------------------------------------------------------------------------- seeds and excerpts


def _seed(seeds_dir: Path, prefix: str, fmt: str = "txt") -> Path:
    folder = seeds_dir if fmt == "txt" else seeds_dir / "formats"
    found = sorted(folder.glob(f"{prefix}_*.{fmt}"))
    if not found:
        pytest.skip(f"seed {prefix}.{fmt} absent")
    return found[0]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_seed_conflicts_found_in_every_form(seeds_dir, fmt):
    fs = findings(jixiao.read(_seed(seeds_dir, "004", fmt)))
    assert [x.rule for x in fs] == ["JX401", "JX401"], [x.message for x in fs]
    staff, balance = fs
    assert quotes([staff]) == [["74人", "97人"]] and "在编在岗人员" in staff.message
    assert "19431.38" in balance.evidence[0].text and "61757.62" in balance.evidence[1].text
    assert "53841.33" in balance.message  # the adjusted budget is unbalanced too, in the same finding
    fs = findings(jixiao.read(_seed(seeds_dir, "000", fmt)))
    assert len(fs) == 1, [x.message for x in fs]
    assert quotes(fs) == [["642.02万元", "831.26万元"]]
    assert "预算数相同" in fs[0].message  # 831.26 repeats the 年初预算 基础支出
    assert fs[0].severity == "warning"


def test_reported_figures_are_not_actuals(seeds_dir):
    """Seed 000 gives 上报认定数 in brackets beside the actual counts: no conflict."""
    fs = findings(jixiao.read(_seed(seeds_dir, "000")))
    assert not any("项目" in x.message and "个" in x.message for x in fs)


def test_real_excerpts_raise_only_agreed_findings(shared_dir):
    files = sorted((shared_dir / "corpora" / "real").glob("[0-9]*.txt"))
    if not files:
        pytest.skip("no real excerpts")
    raised = {}
    for p in files:
        serious = [x for x in findings(jixiao.read(p)) if x.severity != "info"]
        if serious:
            raised[p.name] = quotes(serious)
    # 045: 中央财政资金 30.9万元 in one part, "中央下达资金61.8万元" in the next
    assert raised == {"045.txt": [["30.9万元", "61.8万元"]]}


# --------------------------------------------------------------------------- JX401 near misses


@pytest.mark.parametrize("text", [
    # year-end and start-of-year balances are two quantities
    "一、决算情况\n收入决算表（单位：万元）\n项目\t决算数\n本年收入合计\t697.38\n年初结转和结余\t10.00\n"
    "收入总计\t707.38\n支出决算表（单位：万元）\n项目\t决算数\n本年支出合计\t690.00\n年末结转和结余\t17.38\n"
    "支出总计\t707.38\n",
    # sibling subsections that report on two projects
    "一、项目绩效情况\n（一）农技推广\n实际支出95.00万元，培训农民3265人次，群众满意度95%。\n"
    "（二）耕地监测\n实际支出78.00万元，培训农民1200人次，群众满意度92%。\n",
    # another year, last year, an approximation
    "一、人员情况\n2024年末在职人员36人。\n二、对比\n2023年末在职人员34人，上年在职人员34人。\n"
    "三、效益\n受益人口约1.2万人。\n四、其他\n受益人口12500人。\n",
    # income and spending of one year differ by the carry-over: no 结转 row, no comparison
    "一、预算情况\n收入预算表（单位：万元）\n项目\t年初预算数\n本年收入合计\t1200.00\n"
    "支出预算表（单位：万元）\n项目\t年初预算数\n本年支出合计\t1500.00\n",
    # 人员经费 is money, 在职人员 a head count
    "一、人员\n在职人员35人。\n二、支出\n人员经费651.20万元。\n",
    # a part of the 决算 named by its fund type is smaller than the whole: no conflict
    "一、决算\n2024年决算项目支出4600.00万元。\n二、分项\n（一）政府性基金预算支出情况\n项目支出3880.00万元。\n",
])
def test_near_misses_are_quiet(text):
    fs = text_findings(text, ["JX401"])
    assert fs == [], [x.message for x in fs]


def test_target_stated_twice_differently_and_table_actual_against_text():
    text = ("一、绩效目标\n群众满意度不低于90%，培训农民不少于3000人次。\n二、实现情况\n"
            "全年培训农民3265人次，群众满意度95%。\n三、附表\n绩效指标完成情况\n"
            "三级指标\t年度指标值\t实际完成值\t分值\t得分\n培训农民\t≥3000人次\t3256人次\t10\t10\n"
            "群众满意度\t≥95%\t95%\t10\t10\n")
    fs = text_findings(text, ["JX401"])
    msgs = [x.message for x in fs]
    assert any("目标值" in m and "不低于90%" in m and "≥95%" in m for m in msgs), msgs
    assert any("3265人次" in m and "3256人次" in m for m in msgs), msgs
    assert len(fs) == 2  # 95% and 95%: no conflict on the actual satisfaction


def test_one_table_income_and_spending_totals(tmp_path):
    tc = f.tc
    table = f.tbl(
        3,
        f.tr(tc("项目"), tc("年初预算数"), tc("决算数")),
        f.tr(tc("收入总计"), tc("1000.00"), tc("1005.50")),
        f.tr(tc("支出总计"), tc("1100.00"), tc("1005.50")),
    )
    fs = findings(jixiao.read(f.build(tmp_path / "d.docx", "收支预算总表（单位：万元）", table)), ["JX401"])
    assert len(fs) == 1 and quotes(fs) == [["1000.00", "1100.00"]], [x.message for x in fs]


# --------------------------------------------------------------------------- JX202 in Word tables


def _self_eval_table(spent: str) -> str:
    """The national 项目支出绩效自评表 as one Word table: the funding block in 万元 and an indicator
    block below it whose targets carry units of their own (元/户, 万元, %)."""
    tc = f.tc
    return f.tbl(
        8,
        f.tr(tc("项目名称", span=2), tc("乡村道路养护", span=6)),
        f.tr(tc("项目资金（万元）", vmerge="restart"), tc(""), tc("年初预算数"), tc("全年预算数（A）"),
             tc("全年执行数（B）"), tc("分值"), tc("执行率（B/A）"), tc("得分")),
        f.tr(tc(vmerge="continue"), tc("年度资金总额"), tc("300.00"), tc("300.00"), tc("290.00"), tc("10"),
             tc("96.67%"), tc("9.67")),
        f.tr(tc(vmerge="continue"), tc("其中：当年财政拨款"), tc("300.00"), tc("300.00"), tc(spent), tc("—"),
             tc("96.67%"), tc("—")),
        f.tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("年度指标值"), tc("实际完成值"), tc("分值"),
             tc("得分"), tc("偏差原因分析及改进措施")),
        f.tr(tc("产出指标"), tc("成本指标"), tc("每公里养护成本"), tc("≤5300元"), tc("5100元"), tc("10"),
             tc("10"), tc("无")),
        f.tr(tc("效益指标"), tc("经济效益指标"), tc("带动农户增收"), tc("≥20万元"), tc("25万元"), tc("10"),
             tc("10"), tc("无")),
    )


def test_word_self_evaluation_table_indicator_units_are_not_column_slips(tmp_path):
    path = f.build(tmp_path / "t.docx", "项目支出绩效自评表", _self_eval_table("290.00"))
    fs = findings(jixiao.read(path), ["JX202"])
    assert fs == [], [x.message for x in fs]


def test_word_self_evaluation_table_cell_in_yuan(tmp_path):
    path = f.build(tmp_path / "t.docx", "项目支出绩效自评表", _self_eval_table("290.00元"))
    fs = findings(jixiao.read(path), ["JX202"])
    assert len(fs) == 1, [x.message for x in fs]
    assert quotes(fs) == [["290.00元"]] and fs[0].expected == "290.00万元"


# --------------------------------------------------------------------------- JX202 near misses


@pytest.mark.parametrize("text", [
    # a column of its own in 元
    "一、采购\n采购明细（金额单位：万元）\n项目\t单价（元）\t金额（万元）\n办公桌\t1200\t3.60\n电脑\t5600\t11.20\n",
    # a standard per person beside the total
    "一、补助\n每人补助标准1200元，共发放补助资金120万元。\n",
    # the 元 item is part of a list with a stated total: JX201's case
    "一、支出\n政府性基金支出38671.40万元，其中：债券安排的支出37400.00万元、其他支出60.00万元、"
    "污水处理费安排的支出1211.40元。\n",
    # the economy counts in 亿元, the department in 万元
    "一、收支\n2024年部门决算支出500.00万元。\n二、效益\n带动社会投资3.5亿元，园区营业收入228亿元。\n",
    # budget raised mid-year: the rows differ by a few times, not by a unit factor
    "一、资金\n资金使用情况（单位：万元）\n项目资金\t年初预算数\t全年预算数\t全年执行数\n"
    "应急防控\t5.00\t90.50\t88.00\n",
])
def test_unit_near_misses_are_quiet(text):
    fs = text_findings(text, ["JX202"])
    assert fs == [], [x.message for x in fs]
