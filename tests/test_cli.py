"""The command line as a user meets it: output, exit codes, one-line errors, batches."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_report.docx"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture()
def good_txt(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text("某局2024年度部门整体支出绩效自评报告\n一、基本情况\n年末实有人数40人，支出1200.50万元。\n", encoding="utf-8")
    return p


def test_json_is_one_object_per_file_per_line(good_txt):
    r = run("check", "--format", "json", good_txt, SAMPLE)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    reps = [json.loads(line) for line in lines]
    assert reps[0]["schema"] == "jixiao/report/v1"
    assert reps[0]["document"]["format"] == "txt" and reps[1]["document"]["format"] == "docx"
    for rep in reps:
        assert rep["document"]["chars"] > 0 and len(rep["document"]["sha256"]) == 64
        assert set(rep["summary"]) == {"error", "warning", "info"}


def test_json_validates_against_the_contract(shared_dir, good_txt):
    schema = json.loads((shared_dir / "contract" / "report.schema.json").read_text(encoding="utf-8"))
    import jsonschema

    r = run("check", "--format", "json", good_txt, SAMPLE)
    for line in r.stdout.splitlines():
        rep = json.loads(line)
        jsonschema.Draft202012Validator(schema).validate(rep)
    v = subprocess.run([sys.executable, str(shared_dir / "tools" / "validate_report.py")], input=r.stdout,
                       capture_output=True, text=True)
    assert v.returncode == 0 and "0 invalid" in v.stdout, v.stdout


def test_spans_quote_the_normalised_text(good_txt):
    from jixiao.report import check

    rep = check(good_txt)
    assert rep.claims, "figures in the text become claims"
    for c in rep.claims:
        assert rep.document.text[c.span[0]:c.span[1]] == c.text


def test_output_file(tmp_path, good_txt):
    out = tmp_path / "out.jsonl"
    r = run("check", "--format", "json", "-o", out, good_txt)
    assert r.returncode == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["source"] == str(good_txt)


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "notes.xyz").write_text("x")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    good = SAMPLE.read_bytes()
    (tmp_path / "truncated.docx").write_bytes(good[: len(good) // 2])
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n garbage garbage")
    (tmp_path / "garbage.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    return ["missing.docx", "empty.txt", "folder.docx", "notes.xyz", "old.doc", "binary.txt", "truncated.docx",
            "garbage.pdf", "garbage.xlsx"]


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path, good_txt):
    names = _bad_inputs(tmp_path)
    r = run("check", "--format", "json", *[tmp_path / n for n in names], good_txt)
    assert r.returncode == 2
    assert len(r.stdout.strip().splitlines()) == 1  # the good file was still checked
    err = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr
    assert len(err) == len(names) + 1  # one line per bad file, then the count
    for name, line in zip(names, err):
        assert name in line
        zh, _, en = line.partition(" / ")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), line  # Chinese first
        assert en and en.isascii(), line  # then English
    assert "9/10" in err[-1]


def test_single_bad_file_exit_code(tmp_path):
    r = run("check", tmp_path / "nope.txt")
    assert r.returncode == 2 and "文件不存在" in r.stderr and "file not found" in r.stderr


def test_show_prints_sections_and_tables():
    r = run("show", SAMPLE)
    assert r.returncode == 0, r.stderr
    assert "一、" in r.stdout and "（二）" in r.stdout and "第2级" in r.stdout
    assert "年度资金总额" in r.stdout  # a table cell
    assert "\x1b[" not in r.stdout  # no colour codes when piped


def test_text_format_summary(good_txt):
    r = run("check", good_txt)
    assert r.returncode == 0
    assert "错误" in r.stdout and "警告" in r.stdout and "提示" in r.stdout


# --------------------------------------------------------------------------- findings on the terminal, the gate

BROKEN = ("某局2024年度项目支出绩效自评报告\n一、项目概况\n项目支出100.00万元，其中：设备费60.00万元、材料费30.00万元。\n"
          "二、绩效目标\n服务对象满意度≥90%。\n三、完成情况\n服务对象满意度为85%。。\n")


@pytest.fixture()
def broken_txt(tmp_path):
    p = tmp_path / "broken.txt"
    p.write_text(BROKEN, encoding="utf-8")
    return p


def test_text_groups_by_severity_and_marks_the_figures(broken_txt):
    r = run("check", broken_txt)
    out = r.stdout
    assert r.returncode == 0
    assert out.index("错误（") < out.index("提示（")  # errors first, infos last
    assert "【85%】" in out and "【≥90%】" in out  # the figures of the sentence, marked when piped
    assert "JX101" in out and "JX1201" in out
    assert "\x1b[" not in out  # no colour codes when piped


def test_english_messages(broken_txt):
    r = run("check", "--lang", "en", broken_txt)
    assert "errors" in r.stdout and "target" in r.stdout
    assert "未达到" not in r.stdout  # messages of checks in English


@pytest.mark.parametrize("level,code", [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_sets_the_exit_code(broken_txt, level, code):
    assert run("check", "--fail-on", level, broken_txt).returncode == code


def test_fail_on_passes_a_clean_report(good_txt):
    assert run("check", "--fail-on", "info", good_txt).returncode == 0


def test_fail_on_input_error_is_2(tmp_path, broken_txt):
    assert run("check", "--fail-on", "error", broken_txt, tmp_path / "missing.docx").returncode == 2


def test_xlsx_needs_an_output_file(broken_txt):
    r = run("check", "--format", "xlsx", broken_txt)
    assert r.returncode == 2 and "-o" in r.stderr and "Traceback" not in r.stderr


def test_pre_commit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: jixiao\n" in text and "entry: jixiao check --fail-on error" in text
    assert "language: python" in text
