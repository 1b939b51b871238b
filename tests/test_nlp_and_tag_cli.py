"""The spaCy pipeline assigns quantities and claims; `jixiao tag` prints them."""
import json
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def test_spacy_pipeline_assigns_spans():
    from jixiao.nlp import pipeline

    nlp = pipeline()
    assert nlp.pipe_names[:2] == ["jixiao_quantities", "jixiao_claims"]
    assert nlp.pipe_names[2:] in ([], ["jixiao_claim_roles"])  # the trained textcat, when shipped
    assert nlp.tokenizer.segmenter == "jieba"
    text = "三、绩效目标\n社会公众满意度≥90%。\n四、绩效目标完成情况\n群众满意度达85%，项目支出1200.50万元。"
    doc = nlp(text)
    q = [(s.text, s.label_) for s in doc.spans["quantities"]]
    assert ("≥90%", "percent") in q and ("1200.50万元", "money") in q
    roles = {s.text: s.label_ for s in doc.spans["claims"]}
    assert roles["≥90%"] == "target"
    assert roles["达85%"] == "actual"
    assert roles["1200.50万元"] == "expenditure"
    assert pipeline() is nlp  # built once per process


def test_tag_command_text_and_json(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("一、年度绩效目标\n1.培训人次≥500人次；\n二、完成情况\n全年培训480人次，预算执行率为96.5%。\n",
                 encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "jixiao.cli", "tag", str(p)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "目标" in r.stdout and "≥500人次" in r.stdout and "480人次" in r.stdout
    r = subprocess.run([sys.executable, "-m", "jixiao.cli", "tag", "--format", "json", str(p)],
                       capture_output=True, text=True)
    obj = json.loads(r.stdout)
    roles = {c["text"]: c["role"] for c in obj["claims"]}
    assert roles["≥500人次"] == "target" and roles["480人次"] == "actual" and roles["96.5%"] == "rate"
    links = obj["relations"]["links"]
    ids = {c["id"]: c["text"] for c in obj["claims"]}
    assert any(ids[lk["target"]] == "≥500人次" and ids.get(lk["actual"]) == "480人次" for lk in links)
