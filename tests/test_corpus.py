"""The labelled corpus (jixiao.learn.corpus) and the report generator (jixiao.learn.generate):
format round trips, one-line validation errors, Label Studio and doccano round trips, generated
reports that are reproducible, varied and labelled where the problems are, and jixiao finding the
planted problems without raising anything on the clean ones."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import jixiao
from jixiao.cli import main
from jixiao.errors import InputError
from jixiao.learn.corpus import (
    CATEGORIES,
    DocumentRef,
    ExpectedFinding,
    Provenance,
    Record,
    Relation,
    Span,
    from_doccano,
    from_label_studio,
    read_corpus,
    record_from_json,
    to_doccano,
    to_label_studio,
    validate,
    write_corpus,
)
from jixiao.learn.evaluate import evaluate, scores
from jixiao.learn.generate import docx_bytes, generate, generate_one, txt_bytes

ROOT = Path(__file__).parent.parent
GOLD_FILES = [ROOT / "corpora" / "seeds" / "labels.jsonl", ROOT / "corpora" / "real" / "labels.jsonl",
              ROOT / "examples" / "sample_report.gold.jsonl"]


def _record() -> Record:
    text = "服务对象满意度目标≥90%，实际为86%。项目支出100.00万元，其中A 60.00万元、B 40.00万元。"
    t, a = text.index("≥90%"), text.index("86%")
    return Record(
        DocumentRef(path="own/report.txt", kind="项目支出绩效自评报告", form="narrative"), text,
        [Span(t, t + 4, "target", "≥90%", "服务对象满意度", "s0"), Span(a, a + 3, "actual", "86%", "服务对象满意度", "s1")],
        [Relation("target-actual", "s0", "s1")],
        [ExpectedFinding("target-not-met", "error", ["86%", "≥90%"], [(a, a + 3), (t, t + 4)], "JX101", True, "未达标")],
        Provenance(source="own writing", licence="MIT", labelled_by="test", note="invented"), "r1")


# --------------------------------------------------------------------------- the format

@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.parent.name)
def test_existing_gold_files_read_and_write_back_unchanged(path):
    for line, rec in zip([x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()], read_corpus(path)):
        orig = json.loads(line)
        for f in orig["findings"]:
            f.setdefault("required", True)  # the default, written out
        assert rec.to_json() == orig


def test_jsonl_round_trip(tmp_path):
    rec = _record()
    write_corpus([rec, rec], tmp_path / "c.jsonl")
    back = read_corpus(tmp_path / "c.jsonl")
    assert back == [rec, rec]
    assert back[0].provenance.licence == "MIT" and back[0].relations[0].head == "s0"


def test_one_file_per_report(tmp_path):
    (tmp_path / "c").mkdir()
    for i in range(3):
        rec = _record()
        rec.id = f"r{i}"
        (tmp_path / "c" / f"r{i}.json").write_text(json.dumps(rec.to_json(), ensure_ascii=False, indent=1),
                                                   encoding="utf-8")
    assert [r.id for r in read_corpus(tmp_path / "c")] == ["r0", "r1", "r2"]


def test_string_provenance_stays_a_string():
    rec = record_from_json({"document": {"path": "a.txt"}, "provenance": "谁标注的", "findings": []})
    assert rec.provenance.note == "谁标注的" and rec.to_json()["provenance"] == "谁标注的"


BAD_LINES = [
    ("{not json", "不是合法的 JSON"),
    ("[1, 2]", "应为一个 JSON 对象"),
    ('{"findings": []}', "缺少“document”或“text”"),
    ('{"document": {"path": "a.txt"}, "findings": [{"category": "typo", "evidence": ["1"]}]}', "类别“typo”"),
    (('{"document": {"path": "a.txt"}, "findings": [{"category": "sum-mismatch", "severity": "fatal", '
     '"evidence": ["1"]}]}'), "严重程度“fatal”"),
    ('{"document": {"path": "a.txt"}, "findings": [{"category": "sum-mismatch"}]}', "既无 evidence 也无 spans"),
    ('{"document": {"path": "a.txt"}, "findings": [], "extra": 1}', "未知字段 extra"),
    ('{"document": {"path": "a.txt", "sha256": "abc"}, "findings": []}', "sha256"),
    ('{"document": {"path": "a.txt", "root": "home"}, "findings": []}', "root"),
    ('{"text": "满意度86%", "spans": [{"start": 4, "end": 7, "label": "nonsense"}]}', "标签“nonsense”"),
    ('{"text": "满意度86%", "spans": [{"start": 3, "end": 6, "label": "actual", "text": "85%"}]}', "而不是“85%”"),
    ('{"text": "满意度86%", "spans": [{"start": 3, "end": 60, "label": "actual"}]}', "超出正文长度"),
    (('{"text": "满意度86%", "spans": [{"id": "a", "start": 3, "end": 6, "label": "actual"}], '
     '"relations": [{"type": "target-actual", "head": "b", "tail": "a"}]}'), "不存在的 span"),
    ('{"text": "x", "provenance": {"seed": "one"}}', "seed"),
]


@pytest.mark.parametrize("line,why", BAD_LINES, ids=[w for _, w in BAD_LINES])
def test_bad_line_is_one_clear_line(tmp_path, line, why):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"document": {"path": "ok.txt"}, "findings": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_corpus(p)
    msg = str(e.value)
    assert "第 2 行" in msg and "line 2" in msg and why in msg and "\n" not in msg
    assert msg.index(" / ") > msg.index(why)  # Chinese first, then English


def test_evaluate_reads_inline_text(tmp_path):
    """A record with its text inline (as imported from Label Studio) is checked like a file."""
    write_corpus([_record()], tmp_path / "inline.jsonl")
    outcomes, skipped = evaluate(tmp_path / "inline.jsonl")
    assert not skipped and [lb.category for o in outcomes for lb, _ in o.found] == ["target-not-met"]


# --------------------------------------------------------------------------- Label Studio and doccano

def _generated_records(n=6, seed=3) -> list[Record]:
    out = []
    for i in range(n):
        g = generate_one(seed, i)
        g.record.text = g.text
        out.append(g.record)
    return out


def test_label_studio_round_trip():
    recs = _generated_records() + [_record()]
    tasks = json.loads(json.dumps(to_label_studio(recs)))
    assert tasks[0]["annotations"][0]["result"][0]["type"] == "labels"
    assert any(r["type"] == "relation" for t in tasks for r in t["annotations"][0]["result"])
    assert from_label_studio(tasks) == recs


def test_label_studio_export_made_by_label_studio_imports():
    """A task as Label Studio exports it: regions with labels, a relation, a finding region."""
    text = "满意度目标≥90%，实际86%。"
    task = {"id": 7, "data": {"text": text}, "annotations": [{"was_cancelled": False, "result": [
        {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 5, "end": 9, "text": "≥90%", "labels": ["target"]}},
        {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 12, "end": 15, "text": "86%", "labels": ["actual"]}},
        {"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "right", "labels": ["target-actual"]},
        {"id": "f1", "from_name": "finding", "to_name": "text", "type": "labels",
         "value": {"start": 12, "end": 15, "text": "86%", "labels": ["target-not-met"]}}]}]}
    rec = from_label_studio([task])[0]
    assert [(s.label, s.text) for s in rec.spans] == [("target", "≥90%"), ("actual", "86%")]
    assert rec.relations == [Relation("target-actual", "a1", "a2")]
    assert [(f.category, f.evidence) for f in rec.findings] == [("target-not-met", ["86%"])]


def test_doccano_round_trip():
    recs = _generated_records() + [_record()]
    lines = [json.loads(json.dumps(x)) for x in to_doccano(recs)]
    assert lines[0]["label"][0][2] in ("target", "actual", "budget", "expenditure", "rate", "count", "other")
    assert all(r.keys() >= {"from_id", "to_id", "type"} for x in lines for r in x["relations"])
    assert from_doccano(lines) == recs


def test_doccano_plain_sequence_labels_import():
    line = {"id": 1, "text": "执行率95%，得分9.5分。", "label": [[3, 6, "rate"], [9, 12, "score"]]}
    rec = from_doccano([line])[0]
    assert [(s.label, s.text) for s in rec.spans] == [("rate", "95%"), ("score", "9.5")]


# --------------------------------------------------------------------------- the generator

def test_generator_is_reproducible_for_a_seed():
    a, b = generate_one(5, 17), generate_one(5, 17)
    assert a.text == b.text and a.record == b.record
    assert generate_one(6, 17).text != a.text


def test_generator_is_varied():
    gs = [generate_one(9, i) for i in range(240)]
    docs = [g.record.document for g in gs]
    assert {d.kind for d in docs} == {"部门整体支出绩效自评报告", "项目支出绩效自评报告"}
    assert {d.form for d in docs} == {"narrative", "table"}
    assert len({d.style for d in docs}) >= 6 and len({g.text for g in gs}) == len(gs)
    assert len({g.text.splitlines()[0] for g in gs}) >= 0.6 * len(gs)
    clean = sum(1 for g in gs if not g.record.findings)
    assert 0.25 <= clean / len(gs) <= 0.55
    assert {f.category for g in gs for f in g.record.findings} == set(CATEGORIES)


def test_labels_point_at_the_text_jixiao_reads():
    for i in range(120):
        g = generate_one(2, i)
        for s in g.record.spans:
            assert g.text[s.start:s.end] == s.text
        ids = {s.id for s in g.record.spans}
        assert all(r.head in ids and r.tail in ids for r in g.record.relations)
        for f in g.record.findings:
            assert [g.text[a:b] for a, b in f.spans] == f.evidence or f.rule == "JX1301"
            assert all(e in g.text for e in f.evidence)
    for i in range(4):  # the files read back as exactly that text
        g = generate_one(2, i)
        assert jixiao.read("x.txt", txt_bytes(g.blocks)).text.rstrip("\n") == g.text
        assert jixiao.read("x.docx", docx_bytes(g.blocks, "t")).text.rstrip("\n") == g.text


# sha256 of the .txt of a few reports, and of the texts, spans and findings of 80 reports of two
# seeds, computed with generator version 1 before the fuller narrative was added: ``full=False``
# must keep giving exactly these reports.
SHORT_TXT_SHA256 = {
    (1, 0): "cc3356e2e9fe6ee790c684b71adb59ad166a099c7138d8cee707ca30d52ceaab",  # project, narrative
    (1, 2): "fa61721d14354b4939c954b02e99ae5e9f5aa6343e4db975cde1529a043f1bf1",  # department
    (3, 5): "86bd2b5653e4b7006fe72b0533f108a4f4c6cd8a2950390490892c4b255ddc27",
    (7, 12): "5443d29baedf07c44f894cb860ca7e33c64507a7f700466a509b85a97664cb5f",  # 自评表
    (11, 40): "5c3314f65c461105ae3ce14e824993c9c939b06a3f529035d5d4635707193ac9",  # 自评表
    (1, 3): "0f52f8ad63c822da2465f85c79360fc7fd4c0148459def883bdcd75d63343152",  # department
}
SHORT_SERIES_SHA256 = {1: "f1fc79155d529c7cac0b6fe61189b1ae22e4f7cab075cf2e0a2378b7d24b1563",
                       11: "2630dbe45848662dd06c51d4cc80725369c6694de2a9139cf6e05be5bbda2c63"}


def test_short_reports_are_byte_for_byte_those_of_version_1():
    import dataclasses
    import hashlib

    for (seed, i), want in SHORT_TXT_SHA256.items():
        assert hashlib.sha256(txt_bytes(generate_one(seed, i, full=False).blocks)).hexdigest() == want, (seed, i)
    for seed, want in SHORT_SERIES_SHA256.items():
        h = hashlib.sha256()
        for i in range(80):
            g = generate_one(seed, i, full=False)
            h.update(txt_bytes(g.blocks))
            for items in (g.record.spans, g.record.findings):
                h.update(json.dumps([dataclasses.asdict(x) for x in items], ensure_ascii=False, sort_keys=True,
                                    default=str).encode())
        assert h.hexdigest() == want, seed


def test_full_reports_keep_the_short_reports_labels():
    """The narrative comes from its own random stream: the indicators, funds, planted problems
    and every label of the short report are in the full one, only moved."""
    for i in range(30):
        short, full = generate_one(4, i, full=False), generate_one(4, i)
        assert [(f.category, f.rule, f.evidence, f.note) for f in full.record.findings] == \
               [(f.category, f.rule, f.evidence, f.note) for f in short.record.findings]
        texts = [(s.label, s.text, s.metric) for s in full.record.spans]
        assert all(t in texts for t in [(s.label, s.text, s.metric) for s in short.record.spans])
        assert [(r.type) for r in full.record.relations] == [(r.type) for r in short.record.relations]
        assert len(full.text) > 1.4 * len(short.text)


def _length_and_density(gs) -> tuple[float, float]:
    import statistics

    lengths = [len(g.text) for g in gs]
    density = [1000 * len(jixiao.extract_quantities(g.text)) / len(g.text) for g in gs]
    return statistics.median(lengths), statistics.median(density)


def test_full_reports_have_the_length_and_figure_density_of_real_reports():
    """Real whole reports (the seeds) run to ~5,300 characters at ~24 quantities per 1,000, real
    excerpts ~22 per 1,000; the short reports are ~1,200 characters at ~37. Measured on 500 full
    reports (seeds 1, 2, 3, 5, 11): median 3,866 characters and 24.5 per 1,000 (部门 3,970 / 24.4,
    项目 narrative 3,906 / 23.2, 自评表 2,457 / 27.9)."""
    gs = [generate_one(seed, i) for seed in (2, 13) for i in range(60)]
    length, density = _length_and_density(gs)
    assert 3500 <= length <= 6500 and 20 <= density <= 28, (length, density)
    narrative = [g for g in gs if g.record.document.form == "narrative"]
    for kind in ("部门整体支出绩效自评报告", "项目支出绩效自评报告"):
        length, density = _length_and_density([g for g in narrative if g.record.document.kind == kind])
        assert 3500 <= length <= 6500 and 20 <= density <= 28, (kind, length, density)
    tables = [g for g in gs if g.record.document.form == "table"]
    length, density = _length_and_density(tables)
    assert length >= 2200 and density <= 30, (length, density)  # a table, with its 项目概况 text
    short_length, short_density = _length_and_density([generate_one(2, i, full=False) for i in range(60)])
    assert short_length < 2000 and short_density > 30


def test_full_reports_do_not_repeat_themselves():
    for i in range(60):
        g = generate_one(8, i)
        sentences = [t for t in g.text.replace("\n", "。").split("。") if len(t) > 25 and "\t" not in t]
        assert len(sentences) == len(set(sentences)), [t for t in sentences if sentences.count(t) > 1][:3]


def test_full_reports_label_every_figure_they_add():
    """Every quantity in the added narrative is a labelled span (dates are marks without a role,
    as in the short reports): the full report leaves no more figures unlabelled than the short."""
    def unlabelled(g) -> int:
        spans = [(s.start, s.end) for s in g.record.spans]
        return sum(1 for q in jixiao.extract_quantities(g.text)
                   if not any(a < q.span[1] and q.span[0] < b for a, b in spans))

    for i in range(40):
        assert unlabelled(generate_one(6, i)) == unlabelled(generate_one(6, i, full=False)), i


def test_full_reports_read_back_as_their_text():
    """The added paragraphs end their sentences, so no reader joins them to the next line and the
    labels' offsets hold in the files too."""
    for i in range(150):
        g = generate_one(7, i)
        assert jixiao.read("x.txt", txt_bytes(g.blocks)).text.rstrip("\n") == g.text, i
    for i in range(8):
        g = generate_one(7, i)
        assert jixiao.read("x.docx", docx_bytes(g.blocks, "t")).text.rstrip("\n") == g.text, i


def test_generate_writes_files_and_valid_labels(tmp_path):
    path = generate(3, 4, tmp_path, ("txt", "docx"))
    assert sorted(p.suffix for p in tmp_path.iterdir()).count(".docx") == 3
    records, warnings = validate(path)  # reads every report and checks sha256 and offsets
    assert not warnings and len(records) == 6
    assert {r.document.format for r in records} == {"txt", "docx"}


def test_generate_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        generate(1, 1, tmp_path, ("pdf",))


# --------------------------------------------------------------------------- calibrated against jixiao

def test_clean_generated_reports_raise_no_error_or_warning():
    raised = []
    for i in range(14):
        g = generate_one(21, i, clean=True)
        assert not g.record.findings
        for f in jixiao.check(jixiao.read_text(g.text, f"{g.name}.txt")).findings:
            if f.severity != "info":
                raised.append(f"{g.name} {f.rule}: {f.message}")
    assert raised == []


# Recall measured on 400 generated reports (seed 11): 98% overall, 100% in 11 categories;
# date-inconsistent 89% (a 填报日期 in a 自评表 cell is not read), target-without-actual 71% (some
# unreported targets not flagged), other 97%, target-not-met 99%. Floors leave room for sampling.
RECALL_FLOORS = {"date-inconsistent": 0.5, "target-without-actual": 0.5}
DEFAULT_FLOOR = 0.85


@lru_cache(maxsize=1)
def _planted_outcomes(tmp: str):
    path = generate(60, 1, tmp, ("txt",))
    outcomes, skipped = evaluate(path)
    assert not skipped
    return outcomes


def test_planted_problems_are_found(tmp_path_factory):
    outcomes = _planted_outcomes(str(tmp_path_factory.mktemp("planted")))
    table = scores(outcomes, "category")
    assert sum(v["labels"] for v in table.values()) >= 60
    low = {k: v["recall"] for k, v in table.items()
           if v["labels"] and v["recall"] < RECALL_FLOORS.get(k, DEFAULT_FLOOR)}
    assert low == {}
    found = sum(v["found"] for v in table.values())
    assert found / sum(v["labels"] for v in table.values()) >= 0.95
    alarms = [(Path(o.doc).name, f.rule, f.message) for o in outcomes for f in o.false_alarms]
    confirmed = sum(len(o.confirmed) for o in outcomes)
    assert len(alarms) <= 0.02 * (confirmed + len(alarms)), alarms


# --------------------------------------------------------------------------- the command line

def test_cli_generate_validate_export_import(tmp_path):
    r = CliRunner()
    out = tmp_path / "gen"
    res = r.invoke(main, ["corpus", "generate", "-n", "3", "--seed", "2", "--out", str(out), "--format", "txt"])
    assert res.exit_code == 0, res.output
    labels = out / "labels.jsonl"
    assert len(read_corpus(labels)) == 3 and not list(out.glob("*.docx"))
    short = tmp_path / "short"
    res = r.invoke(main, ["corpus", "generate", "-n", "3", "--seed", "2", "--out", str(short), "--format", "txt", "--short"])
    assert res.exit_code == 0, res.output
    for name in ("gen-2-00000.txt", "gen-2-00002.txt"):
        assert (short / name).read_bytes() == txt_bytes(generate_one(2, int(name[6:11]), full=False).blocks)
        assert len((short / name).read_bytes()) < len((out / name).read_bytes())
    assert r.invoke(main, ["corpus", "validate", str(labels)]).exit_code == 0
    for fmt, ext in (("label-studio", "json"), ("doccano", "jsonl")):
        exp = tmp_path / f"x.{ext}"
        res = r.invoke(main, ["corpus", "export", "--to", fmt, str(labels), "-o", str(exp)])
        assert res.exit_code == 0, res.output
        back = tmp_path / f"back-{fmt}.jsonl"
        res = r.invoke(main, ["corpus", "import", "--from", fmt, str(exp), "-o", str(back)])
        assert res.exit_code == 0, res.output
        orig, again = read_corpus(labels), read_corpus(back)
        assert [(x.spans, x.relations, x.findings) for x in again] == [(x.spans, x.relations, x.findings) for x in orig]


@pytest.mark.parametrize("args", [
    ["corpus", "validate", "BAD"],
    ["corpus", "export", "--to", "doccano", "BAD", "-o", "OUT"],
    ["corpus", "import", "--from", "doccano", "BAD", "-o", "OUT"],
    ["corpus", "import", "--from", "label-studio", "BAD", "-o", "OUT"],
])
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, args):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": {"path": "a.txt"}, "findings": [{"category": "nope", "evidence": ["1"]}]}\n',
                   encoding="utf-8")
    args = [str(bad) if a == "BAD" else str(tmp_path / "out") if a == "OUT" else a for a in args]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert len(lines) == 1 and " / " in lines[0]
