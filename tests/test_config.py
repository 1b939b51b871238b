"""Configuration as a user writes it: jixiao.toml / pyproject.toml discovery, select/ignore,
severities, tolerances, scoring profiles, and clear one-line errors."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

import jixiao
from jixiao.cli import main
from jixiao.config import Config, discover, load_file
from jixiao.checks import load_profile
from jixiao.errors import ConfigError

REPORT = "一、基本情况\n完成年度目标。，各项工作有序推进。\n"


@pytest.fixture
def report(tmp_path):
    d = tmp_path / "dept" / "2024"
    d.mkdir(parents=True)
    p = d / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def _rules(path, **kw):
    return [f.rule for f in jixiao.check(path, **kw).findings]


def test_defaults_without_any_config(report):
    assert discover(report) == Config()
    assert "JX1201" in _rules(report)


def test_jixiao_toml_found_upward_from_the_report(report, tmp_path):
    (tmp_path / "jixiao.toml").write_text('ignore = ["JX1201"]\n', encoding="utf-8")
    assert "JX1201" not in _rules(report)


def test_pyproject_without_a_jixiao_table_is_passed_over(report, tmp_path):
    (report.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "jixiao.toml").write_text('[tool.jixiao]\nignore = ["punctuation"]\n', encoding="utf-8")
    assert "JX1201" not in _rules(report)


def test_nearest_config_wins_and_severity_is_overridden(report, tmp_path):
    (tmp_path / "jixiao.toml").write_text('ignore = ["JX1201"]\n', encoding="utf-8")
    (report.parent / "pyproject.toml").write_text(
        '[tool.jixiao]\nselect = ["ALL"]\n[tool.jixiao.severity]\nJX1201 = "error"\n', encoding="utf-8")
    findings = jixiao.check(report).findings
    assert [(f.rule, f.severity) for f in findings if f.rule == "JX1201"] == [("JX1201", "error")]


@pytest.mark.parametrize("select,ignore,enabled", [
    (("ALL",), (), True),
    (("ALL",), ("JX12",), False),
    (("JX1201",), ("JX12",), True),  # the more specific entry wins
    (("JX12",), ("JX1201",), False),
    (("punctuation",), (), True),
    (("numbering",), (), False),
])
def test_select_and_ignore(select, ignore, enabled):
    assert Config(select=select, ignore=ignore).enabled("JX1201", "punctuation") is enabled


def test_tolerances_default_and_override(tmp_path):
    p = tmp_path / "jixiao.toml"
    p.write_text("[tolerances]\nbudget_variance = 0.5\n", encoding="utf-8")
    c = load_file(p)
    assert c.tolerance("budget_variance") == Decimal("0.5")
    assert Config().tolerance("budget_variance") == Decimal("0.3")


@pytest.mark.parametrize("body,needle", [
    ("select = [1, 2]\n", "select"),
    ('[severity]\nJX101 = "fatal"\n', "fatal"),
    ("[tolerances]\nnope = 1\n", "nope"),
    ("colour = true\n", "colour"),
    ("select = [\n", "TOML"),
])
def test_bad_config_is_one_clear_line(tmp_path, report, body, needle):
    p = tmp_path / "bad.toml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_file(p)
    r = CliRunner().invoke(main, ["check", "--config", str(p), str(report)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    line = r.output.strip()
    assert "\n" not in line and needle in line and "配置文件" in line


def test_profiles_are_data_and_selectable(tmp_path):
    nat = load_profile("national")
    assert nat.grade_for(Decimal(90)).label == "优" and nat.grade_for(Decimal("89.99")).label == "良"
    assert nat.grade_for(Decimal(60)).label == "中" and nat.grade_for(Decimal(59)).label == "差"
    assert nat.weights == {"产出": 50, "效益": 30, "满意度": 10, "预算执行率": 10}
    assert nat.cap_for(Decimal("0.65")) is None
    strict = load_profile("strict-execution")
    assert strict.cap_for(Decimal("0.65")).max_total == 79
    assert strict.grades == nat.grades  # inherited
    own = tmp_path / "mine.toml"
    own.write_text('extends = "national"\nname = "mine"\n[[grades]]\nlabel = "A"\nmin = 85\n'
                   '[[grades]]\nlabel = "B"\nmin = 0\n', encoding="utf-8")
    mine = load_profile(str(own))
    assert mine.name == "mine" and mine.grade_for(Decimal(86)).label == "A"
    assert mine.weights == nat.weights


def test_unknown_profile_is_one_line(report):
    r = CliRunner().invoke(main, ["check", "--profile", "atlantis", str(report)])
    assert r.exit_code == 2 and "atlantis" in r.output and "national" in r.output


def test_cli_select_and_ignore(report):
    r = CliRunner().invoke(main, ["check", "--format", "json", "--ignore", "JX1201", str(report)])
    assert r.exit_code == 0
    assert all(f["rule"] != "JX1201" for f in json.loads(r.output)["findings"])
    r = CliRunner().invoke(main, ["check", "--format", "json", "--select", "JX1201", str(report)])
    assert {f["rule"] for f in json.loads(r.output)["findings"]} == {"JX1201"}


def test_rules_and_explain():
    r = CliRunner().invoke(main, ["rules", "--format", "json"])
    table = json.loads(r.output)
    assert any(x["code"] == "JX1201" and x["category"] == "punctuation" for x in table)
    r = CliRunner().invoke(main, ["explain", "jx1201"])
    assert r.exit_code == 0 and "检查内容" in r.output and "。，" in r.output
    r = CliRunner().invoke(main, ["explain", "JX9999"])
    assert r.exit_code == 2 and "JX9999" in r.output
