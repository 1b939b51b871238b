"""Scoring checks (JX601–JX606, JX651) beyond their catalogue examples: the national 自评表 read
from a Word file with merged cells, web tables flattened into shifted rows or one paragraph,
profiles, and the near misses real reports are full of."""
from __future__ import annotations

from pathlib import Path

import docx_factory as f
import pytest
from check_helpers import by_rule, checker

import jixiao
from jixiao.config import Config

CODES = ["JX601", "JX602", "JX603", "JX604", "JX605", "JX606", "JX651"]


findings, text_findings = checker(CODES)



def _msgs(fs):
    return [(x.rule, x.severity, x.message) for x in fs]


# --------------------------------------------------------------------------- the Word 自评表


def _form(*, exec_score="9", sat_actual="93%", sat_score="10", qual_score="20", total_score="99",
          grade="优") -> str:
    """The national 项目支出绩效自评表: the funding block, then indicators with the 一级指标 cell
    merged down its rows, then 总分."""
    tc = f.tc
    return f.tbl(
        9,
        f.tr(tc("项目名称", span=2), tc("职业技能培训补助", span=7)),
        f.tr(tc("项目资金（万元）", span=2), tc("年初预算数"), tc("全年预算数（A）"), tc("全年执行数（B）"),
             tc("分值"), tc("执行率（B/A）"), tc("得分"), tc("")),
        f.tr(tc("年度资金总额", span=2), tc("100.00"), tc("100.00"), tc("90.00"), tc("10"), tc("90%"),
             tc(exec_score), tc("")),
        f.tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("年度指标值"), tc("实际完成值"), tc("分值"),
             tc("得分"), tc("偏差原因分析及改进措施", span=2)),
        f.tr(tc("产出指标（50分）", vmerge="restart"), tc("数量指标"), tc("培训人次"), tc("≥500人次"),
             tc("520人次"), tc("20"), tc("20"), tc("", span=2)),
        f.tr(tc(vmerge="continue"), tc("质量指标"), tc("考核合格率"), tc("≥95%"), tc("96%"), tc("20"),
             tc(qual_score), tc("", span=2)),
        f.tr(tc(vmerge="continue"), tc("时效指标"), tc("按时完成率"), tc("100%"), tc("100%"), tc("10"),
             tc("10"), tc("", span=2)),
        f.tr(tc("效益指标（30分）"), tc("社会效益指标"), tc("就业率"), tc("≥80%"), tc("82%"), tc("30"),
             tc("30"), tc("", span=2)),
        f.tr(tc("满意度指标（10分）"), tc("服务对象满意度指标"), tc("学员满意度"), tc("≥90%"), tc(sat_actual),
             tc("10"), tc(sat_score), tc("", span=2)),
        f.tr(tc("总分", span=5), tc("100"), tc(total_score), tc(grade, span=2)),
    )


def test_a_consistent_word_form_is_quiet(tmp_path):
    path = f.build(tmp_path / "ok.docx", "项目支出绩效自评表", _form())
    assert _msgs(findings(jixiao.read(path))) == []


def test_word_form_mistakes_are_each_found_once(tmp_path):
    form = _form(exec_score="10", sat_actual="85%", qual_score="22", total_score="102", grade="良")
    path = f.build(tmp_path / "bad.docx", "项目支出绩效自评表", form)
    fs = findings(jixiao.read(path))
    rules = sorted(x.rule for x in fs)
    # 执行率 90% scored 10; 考核合格率 22 of 20; 满意度 85% < 90% with full marks;
    # 10+20+22+10+30+10 = 102 is consistent with 总分 102, which is above 100; 102 is 优, not 良
    assert rules == ["JX601", "JX601", "JX602", "JX603", "JX651"], _msgs(fs)
    exec_hit = by_rule(fs, "JX602")[0]
    assert exec_hit.expected == "9分" and exec_hit.severity == "error"
    sat = by_rule(fs, "JX603")[0]
    assert "85%" in sat.message and "≥90%" in sat.message and sat.expected == "9.44分"
    assert {e.text for e in sat.evidence} == {"≥90%", "85%", "10"}


def test_word_form_total_not_the_sum(tmp_path):
    path = f.build(tmp_path / "sum.docx", "项目支出绩效自评表", _form(total_score="95", grade="优"))
    fs = findings(jixiao.read(path))
    assert [x.rule for x in fs] == ["JX604"], _msgs(fs)
    assert "99分" in fs[0].message and "95分" in fs[0].message


# --------------------------------------------------------------------------- flattened web tables

_PIPE = (
    "| 项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 7.29 | 7.29 | 7.29 | 10.00 | 100% | 10.00 |\n"
    "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |\n"
    "| 产出指标 | 数量指标 | 检查次数 | ≥ | 12 | 次 | 12 | 20 | 18 |\n"
    "| 质量指标 | 整改完成率 | ≥ | 95 | % | 96 | 30 | 30 |\n"
    "| 效益指标 | 社会效益指标 | 违法行为制止率 | ≥ | 95 | % | 90 | 30 | 28.42 |\n"
    "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95 | % | 95 | 10.00 |\n"
)


def test_pipe_table_with_shifted_rows():
    fs = text_findings("2023年度项目支出绩效自评表\n" + _PIPE)
    # 12 of ≥12 scored 18 of 20 with no reason; 90 of ≥95 scored 28.42 (formula 28.42) is right;
    # the truncated 满意度 row (no 得分) is not read as 分值 95 / 得分 10
    assert _msgs(fs) == [("JX602", "warning",
                          "“检查次数”实际完成12次已达到目标≥12次，却只得18分（分值20分），且未说明扣分原因。")]


def test_pipe_table_incomplete_block_is_not_summed():
    text = "2023年度项目支出绩效自评表\n" + _PIPE + "| 总分 | 100 | 96.42 |\n"
    assert not by_rule(text_findings(text), "JX604")


def test_flattened_paragraph_rows():
    text = ("市级文物保护专项经费绩效自评表\n项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分(万元) "
            "年度资金总额50 50 40 10 80% 9\n绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 "
            "偏差原因分析及改进措施指标值 完成值产出指标 数量指标 指标1:修缮面积 1200平方米 1200平方米 10 10"
            "指标2:验收通过率 100% 90% 10 8指标3:完成时间 2023年10月底前 2023年10月底前 10 9"
            "成本指标 控制在预算内 100% 10 10\n")
    fs = text_findings(text)
    msgs = [x.message for x in fs]
    assert len(fs) == 3, msgs
    assert "预算执行率80%，按分值10分×执行率应得8分，实际得9分。" in msgs
    assert any("验收通过率" in m and "应得9分" in m for m in msgs)
    assert any("完成时间" in m and "与年度指标值相同" in m for m in msgs)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("text", [
    # 总分 100 is the full score, 88 the score
    "一、自评结论\n本次评价总分100分，自评得分88分，评价等级为良。\n",
    # counts of projects by grade, an award, the annual assessment of staff
    "一、总体情况\n经第三方评审，等级为优良（80分以上）的项目有4个，等级为中（70-80分）的项目有3个。\n",
    "一、基本情况\n本单位被评为全省优秀单位，连续三年年度考核等级为优秀等次。\n",
    # an external ranking's score beside the evaluation's total
    "一、自评结论\n全省开发区综合考评得分95.6分，排名第三。自评得分90分，评价等级为“优”。\n",
    # a partial list of first-level scores
    "一、自评结论\n自评总分92分，其中产出指标得分46分、效益指标得分28分。\n",
    # scores of a 决策/过程/产出/效益 system: weights other than the self-evaluation defaults
    "二、评价情况\n项目决策（20分）得18分，项目过程（20分）得19分，产出指标（40分）得38分，效益指标（20分）得18分。\n",
    # a part's score then 自评得分 of that part (投入25分，自评得分25分) is not the total
    "二、绩效评价情况（分值100分，自评得分97分）\n1、投入25分，自评得分25分。\n",
])
def test_text_near_misses(text):
    assert _msgs(text_findings(text)) == []


def test_grade_without_total_is_info_only():
    fs = text_findings("六、结果应用\n本年度部门整体支出绩效自评被评为优秀。\n")
    assert [(x.rule, x.severity) for x in fs] == [("JX651", "info")]


def test_grade_paired_with_the_only_total_elsewhere_is_a_warning():
    fs = text_findings("一、自评情况\n自评得分86分。\n二、结果应用\n部门整体支出绩效自评等级为优秀。\n")
    assert [(x.rule, x.severity) for x in fs] == [("JX651", "warning")]


def test_text_first_level_scores_against_total():
    fs = text_findings("一、自评结论\n产出指标得分48分，效益指标得分28分，满意度指标得分9分，预算执行率得分9分，"
                       "自评总分90分，评价等级为优。\n")
    assert [x.rule for x in fs] == ["JX604"] and fs[0].expected == "94分"


def test_heading_weight_exceeded_by_its_scores():
    text = ("二、绩效实现情况\n（二）效益指标（30分）\n1.经济效益\n带动投资10亿元，得10分。\n"
            "2.社会效益\n新增就业500人，得15分。\n3.生态效益\n污水达标排放率95%，得10分。\n")
    fs = by_rule(text_findings(text), "JX604")
    assert len(fs) == 1 and "35分" in fs[0].message and "30分" in fs[0].message


def test_target_in_goals_actual_and_score_in_results():
    text = ("一、绩效目标\n群众满意度≥90%。\n二、完成情况\n（一）满意度指标（10分）\n"
            "调查显示群众满意度为85%，完成目标，得10分。\n")
    fs = text_findings(text)
    assert [x.rule for x in fs] == ["JX603"]
    assert [e.text for e in fs[0].evidence] == ["≥90%", "85%", "10分", "10分"]


def test_reverse_indicator_by_name_and_fraction_against_percentage():
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    text = ("附表\n" + header
            + "产出指标\t成本指标\t人均培训成本\t500元\t450元\t10\t10\t\n"  # no ≤, 成本 wants less
            + "效益指标\t社会效益指标\t安全事故发生率\t0%\t0%\t10\t10\t\n"
            + "产出指标\t质量指标\t合格率\t≥95%\t0.96\t10\t10\t\n")  # 0.96 is a fraction, not 0.96%
    assert _msgs(text_findings(text)) == []


# --------------------------------------------------------------------------- profiles


def test_strict_profile_caps_and_national_does_not(tmp_path):
    text = "一、自评结论\n本项目预算执行率为65%，自评总分85分，评价等级为良。\n"
    assert _msgs(text_findings(text)) == []
    fs = text_findings(text, config=Config(profile="strict-execution"))
    assert [x.rule for x in fs] == ["JX606"] and fs[0].expected == "≤79分"


def test_own_profile_with_other_bands_and_weights(tmp_path):
    own = tmp_path / "mine.toml"
    own.write_text('extends = "national"\nname = "mine"\n'
                   '[[grades]]\nlabel = "优"\naliases = ["优秀"]\nmin = 85\n'
                   '[[grades]]\nlabel = "良"\naliases = ["良好"]\nmin = 75\n'
                   '[[grades]]\nlabel = "中"\nmin = 60\n[[grades]]\nlabel = "差"\nmin = 0\n'
                   '[weights]\n"产出" = 60\n"效益" = 20\n', encoding="utf-8")
    cfg = Config(profile=str(own))
    assert not text_findings("一、自评结论\n自评得分86分，评价等级为优。\n", config=cfg)
    assert [x.rule for x in text_findings("一、自评结论\n自评得分86分，评价等级为优。\n")] == ["JX651"]
    weights = "二、指标体系\n产出指标（60分）、效益指标（20分）、满意度指标（10分）、预算执行率（10分）。\n"
    assert not text_findings(weights, config=cfg)
    national = text_findings(weights)
    assert [(x.rule, x.severity) for x in national] == [("JX605", "info")]
    assert "产出60分（默认50分）" in national[0].message


# --------------------------------------------------------------------------- seeds and real excerpts


def _check_file(path: Path):
    return findings(jixiao.read(path))


@pytest.mark.shared
def test_seeds(seeds_dir):
    dept_hunan = _msgs(_check_file(seeds_dir / "000_4c453b8767b744bc.txt"))
    assert dept_hunan == [("JX651", "info", "报告评为“优秀”，但未写明自评总分，无法核对等级与得分是否相符。")]
    dept_jiangxi = _check_file(seeds_dir / "004_8c83defe9da35b5f.txt")
    assert [(x.rule, x.severity) for x in dept_jiangxi] == [("JX605", "info")]
    assert "40分" in dept_jiangxi[0].message and "30分" in dept_jiangxi[0].message
    for name in ("000_4c453b8767b744bc", "004_8c83defe9da35b5f"):
        for ext in ("docx", "pdf"):
            other = _check_file(seeds_dir / "formats" / f"{name}.{ext}")
            txt = _check_file(seeds_dir / f"{name}.txt")
            assert [x.message for x in other] == [x.message for x in txt], (name, ext)


@pytest.mark.shared
def test_real_excerpts_raise_no_errors(shared_dir):
    real = sorted((shared_dir / "corpora" / "real").glob("*.txt"))
    if not real:
        pytest.skip("no real excerpts")
    errors = [(p.name, x.message) for p in real for x in _check_file(p) if x.severity == "error"]
    assert errors == []


def test_grade_row_of_the_table_and_a_reason_cell_that_says_nothing():
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    text = ("附表：项目支出绩效自评表\n" + header
            + "产出指标\t数量指标\t新建供水工程\t3处\t3处\t50\t46\t无\n"
            + "效益指标\t社会效益指标\t自来水普及率\t≥92%\t93.5%\t40\t40\t无\n"
            + "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t96%\t10\t10\t无\n"
            + "总分\t\t\t\t\t100\t96\t\n自评等级\t良\n")
    fs = text_findings(text)
    assert sorted(x.rule for x in fs) == ["JX602", "JX605", "JX651"], _msgs(fs)
    assert "3处" in by_rule(fs, "JX602")[0].message
    assert by_rule(fs, "JX651")[0].expected == "优"


@pytest.mark.parametrize("text,fires", [
    ("一、自评结论\n评价等级为优（得分82分）。\n", True),
    ("一、自评结论\n评价等级为优，得分92分。\n", False),
    ("一、自评结论\n评价等级为“良好”（自评得分79.5分）。\n", True),
    ("一、自评结论\n经评价，本项目自评得分60分，评价等级为“中”。\n", False),
])
def test_total_written_after_the_grade(text, fires):
    assert bool(by_rule(text_findings(text), "JX651")) is fires
