"""`jixiao batch` with the process-pool engine: outputs, summary rows, failures, resume, time
limit, dashboard and the command line."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED
from openpyxl import load_workbook

import jixiao
from jixiao.batch import collect_files, run_batch
from jixiao.cli import main
from jixiao.learn.generate import generate

# A report written here for its known figures: its unit, year, self-score and a grade off its band.
KNOWN = """某某县审计局2024年度部门整体支出绩效自评报告

编制单位：某某县审计局

一、部门概况
本局内设机构5个，在职人员42人。

二、部门预算执行情况
年初预算500万元，全年支出480万元，预算执行率96%。

三、绩效目标完成情况
审计项目数目标≥20个，实际完成22个。

四、自评结论
经自评，本局2024年度部门整体支出绩效自评得分88分，评价等级为优。

某某县审计局
2025年3月1日
"""

# A report whose unit and text carry markup that must come out escaped.
HOSTILE = KNOWN.replace("某某县审计局", "<script>alert(1)</script>局")


def slow_check_one(source, config=None, data=None, **kw):
    """Test hook for the time limit: never finishes on a file named slow*, kills its own worker
    on crash*, checks the rest."""
    if Path(source).name.startswith("slow"):
        while True:
            time.sleep(0.05)
    if Path(source).name.startswith("crash"):
        os._exit(3)
    from jixiao.batch.worker import check_one

    return check_one(source, config, data, **kw)


HOOK = f"{Path(__file__).stem}:slow_check_one"


def _make_inputs(folder: Path) -> Path:
    src = folder / "in"
    generate(3, 11, src / "gen", ("txt",))
    (src / "gen" / "labels.jsonl").unlink()
    (src / "known.txt").write_text(KNOWN, encoding="utf-8")
    (src / "bad").mkdir()
    (src / "bad" / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a docx")
    (src / "bad" / "empty.txt").write_bytes(b"")
    (src / "~$known.docx").write_bytes(b"lock")  # Word's lock file: never a report
    (src / ".hidden.txt").write_text(KNOWN, encoding="utf-8")
    (src / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return src


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """One batch run over the inputs, shared by the tests that only read its outputs."""
    root = tmp_path_factory.mktemp("batch")
    src = _make_inputs(root)
    out = root / "out"
    res = run_batch([str(src)], out, jobs=2, progress=False)
    return src, out, res


def test_collect_files_walks_folders_and_skips_what_is_no_report(first, tmp_path):
    src, _, _ = first
    files = collect_files([str(src), str(src / "known.txt")])
    names = [Path(f).name for f in files]
    assert names.count("known.txt") == 1  # named twice, listed once
    assert "corrupt.docx" in names and "empty.txt" in names
    assert not any(n.startswith(("~$", ".")) or n.endswith(".csv") for n in names)
    inside = src / "out-inside"
    inside.mkdir(exist_ok=True)
    (inside / "x.txt").write_text(KNOWN, encoding="utf-8")
    assert not any("out-inside" in f for f in collect_files([str(src)], exclude=inside))
    shutil.rmtree(inside)


def test_outputs_written_and_findings_are_the_contract(first):
    src, out, res = first
    for name in ("findings.jsonl", "summary.csv", "summary.xlsx", "errors.csv", "dashboard.html", "run.json"):
        assert (out / name).is_file(), name
    ok = [r for r in res.rows if r["status"] == "ok"]
    assert len(ok) == 4 and len(res.rows) == 6
    lines = (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    reports = [json.loads(line) for line in lines]
    # one contract object per checked report, in the order of the summary
    assert [r["document"]["source"] for r in reports] == [r["file"] for r in ok]
    # the same object `jixiao check --format json` gives
    known = next(r for r in reports if r["document"]["source"].endswith("known.txt"))
    assert known == jixiao.check(str(src / "known.txt")).to_json()
    schema_path = SHARED / "contract" / "report.schema.json"
    if schema_path.is_file():
        import jsonschema

        validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
        for r in reports:
            assert not list(validator.iter_errors(r)), r["document"]["source"]
    else:
        for r in reports:
            assert {"schema", "tool", "document", "claims", "findings", "summary"} <= set(r)
    for r in ok:
        assert (out / r["html"]).is_file()
        assert r["html"] == f"reports/{Path(r['file']).name}.html"


def test_summary_row_of_a_known_report(first):
    src, out, _ = first
    row = next(r for r in _rows(out / "summary.csv") if r["文件"].endswith("known.txt"))
    direct = jixiao.check(str(src / "known.txt"))
    assert row["状态"] == "已检查"
    assert row["单位"] == "某某县审计局"
    assert row["年度"] == "2024"
    assert row["自评得分"] == "88"
    assert row["自评等级"] == "优"
    assert int(row["等级不符"]) >= 1  # 88 points is 良, not 优
    assert int(row["错误"]) == direct.summary["error"]
    assert int(row["警告"]) == direct.summary["warning"]
    assert int(row["问题数"]) == len(direct.findings)
    by_cat = {}
    for f in direct.findings:
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
    assert int(row["等级不符"]) == by_cat["grade-mismatch"]
    assert row["标注页面"] == "reports/known.txt.html"
    wb = load_workbook(out / "summary.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    assert head[:4] == ["文件", "状态", "单位", "年度"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    assert ws[1][0].font.bold
    xrow = next(r for r in ws.iter_rows(min_row=2, values_only=True) if str(r[0]).endswith("known.txt"))
    assert xrow[2] == "某某县审计局" and xrow[4] == 88 and xrow[5] == "优"


def test_bad_files_are_listed_with_their_error_and_the_rest_go_on(first):
    _, out, res = first
    errors = {Path(r["文件"]).name: r for r in _rows(out / "errors.csv")}
    assert set(errors) == {"corrupt.docx", "empty.txt"}
    assert "docx" in errors["corrupt.docx"]["错误信息"] and " / " in errors["corrupt.docx"]["错误信息"]
    assert "文件为空" in errors["empty.txt"]["错误信息"]
    summary = {Path(r["文件"]).name: r["状态"] for r in _rows(out / "summary.csv")}
    assert summary["corrupt.docx"] == "未能检查" and summary["empty.txt"] == "未能检查"
    assert sum(1 for s in summary.values() if s == "已检查") == 4
    assert res.exit_code() == 2
    wb = load_workbook(out / "summary.xlsx")
    assert wb.worksheets[1].max_row == 3  # the header and the two failures


def test_dashboard_has_charts_links_and_escapes_report_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "a<b>.txt").write_text(KNOWN, encoding="utf-8")
    for sub in ("x", "y"):  # the same file name in two folders: two pages
        (src / sub).mkdir()
        (src / sub / "same.txt").write_text(KNOWN, encoding="utf-8")
    res = run_batch([str(src)], tmp_path / "out", jobs=1, progress=False)
    assert not res.failed
    same = [r["html"] for r in res.rows if r["name"] == "same.txt"]
    assert len(set(same)) == 2 and all((tmp_path / "out" / p).is_file() for p in same)
    page = (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8")
    assert '<svg class="chart bars"' in page and '<svg class="chart scatter"' in page
    assert '<table id="ranked">' in page
    assert 'href="reports/hostile.txt.html"' in page
    assert 'href="reports/a%3Cb%3E.txt.html"' in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;局" in page
    assert "a&lt;b&gt;.txt" in page
    assert page.count("<script") == 1  # only the page's own script
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing fetched
    assert (tmp_path / "out" / "reports" / "a<b>.txt.html").is_file()


def test_resume_skips_unchanged_reports_and_outputs_stay_the_same(first, tmp_path):
    src, out0, _ = first
    out = tmp_path / "out"
    shutil.copytree(out0, out)
    before = {n: (out / n).read_bytes() for n in ("findings.jsonl", "summary.csv", "errors.csv", "dashboard.html")}
    xlsx_before = [list(r) for r in load_workbook(out / "summary.xlsx").worksheets[0].iter_rows(values_only=True)]
    res = run_batch([str(src)], out, jobs=2, progress=False)
    assert res.checked == 0 and res.reused == 6  # unreadable files are remembered too
    for n, data in before.items():
        assert (out / n).read_bytes() == data, n
    assert [list(r) for r in load_workbook(out / "summary.xlsx").worksheets[0].iter_rows(values_only=True)] == xlsx_before
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["reused"] == 6


def test_a_changed_file_or_configuration_is_checked_again(first, tmp_path):
    src0, _, _ = first
    src, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(src0, src)
    run_batch([str(src)], out, jobs=2, progress=False)
    (src / "known.txt").write_text(KNOWN.replace("88分", "92分"), encoding="utf-8")
    res = run_batch([str(src)], out, jobs=2, progress=False)
    assert res.checked == 1 and res.reused == 5
    row = next(r for r in res.rows if r["file"].endswith("known.txt"))
    assert row["self_score"] == 92 and row["cat:grade-mismatch"] == 0
    res = run_batch([str(src)], out, jobs=2, progress=False, ignore=["JX651"])
    assert res.checked == 6 and res.reused == 0
    res = run_batch([str(src)], out, jobs=2, progress=False, resume=False, ignore=["JX651"])
    assert res.checked == 6


def test_a_report_over_its_time_limit_is_stopped_and_the_rest_finish(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "known.txt").write_text(KNOWN, encoding="utf-8")
    (src / "slow.txt").write_text(KNOWN, encoding="utf-8")
    (src / "crash.txt").write_text(KNOWN, encoding="utf-8")
    (src / "other.txt").write_text(KNOWN.replace("88分", "95分"), encoding="utf-8")
    t = time.perf_counter()
    res = run_batch([str(src)], tmp_path / "out", jobs=2, timeout=3, progress=False, func=HOOK)
    assert time.perf_counter() - t < 60  # stopped, not waited for
    by = {Path(r["file"]).name: r for r in res.rows}
    assert by["slow.txt"]["status"] == "timeout"
    assert "3 秒" in by["slow.txt"]["error_message"] and "time limit" in by["slow.txt"]["error_message"]
    assert by["crash.txt"]["status"] == "crash" and "died" in by["crash.txt"]["error_message"]
    assert by["known.txt"]["status"] == "ok" and by["other.txt"]["status"] == "ok"
    assert res.exit_code() == 2
    # neither is remembered: the next run tries those two again, and only those
    res = run_batch([str(src)], tmp_path / "out", jobs=2, timeout=3, progress=False, func=HOOK)
    assert (res.checked, res.reused) == (2, 2), [(r['name'], r['status']) for r in res.rows]


def test_cli_exit_codes_and_messages(first, tmp_path):
    src, out0, _ = first
    out = tmp_path / "out"
    shutil.copytree(out0, out)  # so these runs reuse the checked reports
    runner = CliRunner()
    r = runner.invoke(main, ["batch", str(src), "--out", str(out), "--no-progress", "-j", "1"])
    assert r.exit_code == 2, r.output
    assert "corrupt.docx" in r.output and "跳过未改动的 6 份" in r.output
    good = [str(src / "known.txt"), str(src / "gen")]
    r = runner.invoke(main, ["batch", *good, "--out", str(out), "--no-progress", "--fail-on", "error"])
    assert r.exit_code == 1, r.output  # known.txt has a grade off its band (an error)
    r = runner.invoke(main, ["batch", *good, "--out", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert len((out / "findings.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    r = runner.invoke(main, ["batch", str(tmp_path / "nowhere.docx"), "--out", str(out), "--no-progress"])
    assert r.exit_code == 2 and "文件不存在" in r.output
    (tmp_path / "empty-folder").mkdir()
    r = runner.invoke(main, ["batch", str(tmp_path / "empty-folder"), "--out", str(out), "--no-progress"])
    assert r.exit_code == 2 and "没有找到报告文件" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["batch", *good, "--out", str(out), "--profile", "no-such-profile"])
    assert r.exit_code == 2 and "no-such-profile" in r.output and "Traceback" not in r.output


def test_cli_dask_engine_without_dask_is_one_line(first, tmp_path, monkeypatch):
    src, _, _ = first
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    r = CliRunner().invoke(main, ["batch", str(src / "known.txt"), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0 and "dask" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize(("text", "unit"), [
    ("清河县图书馆2023年度部门整体支出绩效自评报告\n一、部门概况\n内设机构3个。\n", "清河县图书馆"),
    ("2022年度长岭市市场监督管理局部门整体支出绩效自评报告\n一、部门概况\n内设机构3个。\n", "长岭市市场监督管理局"),
    ("2023年度某县农田建设项目支出绩效自评报告\n一、项目概况\n建设农田1万亩。\n", None),  # a project, not a unit
    ("2023年度某县农田建设项目支出绩效自评报告\n一、项目概况\n建设农田1万亩。\n\n某县农业农村局\n2024年3月1日\n",
     "某县农业农村局"),  # the signature above the date
    ("2023年度某县农田建设项目支出绩效自评报告\n项目名称\t农田建设\n实施单位\t某县农业农村局\n", "某县农业农村局"),
])
def test_summary_unit_from_fields_signature_or_title(text, unit):
    from jixiao.batch.summary import unit_of

    assert unit_of(jixiao.read_text(text)) == unit
