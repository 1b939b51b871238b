"""Training, the shipped models, triage confidence in `check`, and the evaluation floors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from sklearn.utils.estimator_checks import parametrize_with_checks

import jixiao
from jixiao.cli import main
from jixiao.learn import train as T
from jixiao.learn.decisions import read_decisions, write_decisions
from jixiao.learn.estimators import TextLinearClassifier
from jixiao.learn.features import analyze, claim_context
from jixiao.learn.models import LinearTextModel, apply_triage, load_card, load_model, models_dir

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample_report.docx"


@parametrize_with_checks([TextLinearClassifier(max_iter=300)])
def test_sklearn_conventions(estimator, check):
    check(estimator)


def test_context_marks_the_claim_and_names_table_cells():
    doc = jixiao.read_text("一、目标\n群众满意度目标≥90%，实际达到86.5%。\n\n指标\t目标值\t实际完成值\n满意度\t≥90%\t86.5%\n")
    i = doc.text.index("86.5%")
    ctx = claim_context(doc, i, i + 5)
    assert ctx.endswith("⟦86.5%⟧。") and "实际达到" in ctx
    j = doc.text.rindex("86.5%")
    cell = claim_context(doc, j, j + 5)
    assert cell.startswith("表满意度") and "实际完成值⟦86.5%⟧" in cell
    feats = analyze(ctx)
    assert "N实际达到" in feats and "V0%" in feats  # the cue next to the figure; digits generalised


def _fit_saved(tmp_path, X, y):
    est = TextLinearClassifier(C=2.0).fit(X, y)
    from jixiao.learn.models import save_model

    save_model(est.to_dict(), tmp_path / "m", {"name": "m"})
    return est, load_model(tmp_path / "m")


def test_saved_model_predicts_like_the_estimator_without_sklearn(tmp_path):
    X = ["目标值⟦≥90%⟧", "实际完成⟦86%⟧", "年初预算⟦100万元⟧", "全年执行⟦95万元⟧", "得分⟦9分⟧"] * 4
    y = ["target", "actual", "budget", "expenditure", "score"] * 4
    est, saved = _fit_saved(tmp_path, X, y)
    probe = ["年度目标⟦≥95%⟧", "实际完成率⟦97%⟧", "决算支出⟦80万元⟧"]
    assert np.allclose(est.predict_proba(probe), saved.predict_proba(probe), atol=1e-4)
    assert list(est.predict(probe)) == saved.predict(probe)
    # binary (triage) models too
    est2, saved2 = _fit_saved(tmp_path / "b", ["#JX101 #error|未达标"] * 5 + ["#JX1301 #info|标点"] * 5, [1] * 5 + [0] * 5)
    assert np.allclose(est2.predict_proba(["#JX101 #error|未达到目标"]), saved2.predict_proba(["#JX101 #error|未达到目标"]),
                       atol=1e-4)


def test_shipped_models_have_cards_and_load_offline_without_sklearn():
    base = models_dir()
    assert base is not None and base == ROOT / "models"
    for name in ("claims", "triage"):
        card = load_card(name)
        assert card is not None, f"models/{name} has no card"
        assert len(card["data"]["sha256"]) == 64 and card["data"]["examples"] > 100
        assert card["created"] and card["params"]["C"] > 0 and card["scores"]["cv"]["all"]
        assert (base / name / "README.md").read_text(encoding="utf-8").startswith("# 模型卡")
    code = ("import sys; sys.modules['sklearn'] = None; import socket; socket.socket = None\n"
            "from jixiao.learn.models import load_model\n"
            "m = load_model('claims'); print(m.predict(['实际完成⟦86.5%⟧', '年初预算⟦120.00万元⟧']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "actual" in out.stdout and "budget" in out.stdout


def _gen_decisions(tmp_path, n=40, seed=3):
    from jixiao.learn.generate import generate

    generate(n, seed, tmp_path / "gen", formats=("txt",))
    return T.gold_decisions(tmp_path / "gen" / "labels.jsonl")


def test_gold_decisions_round_trip_and_train_triage_cli(tmp_path):
    ds = _gen_decisions(tmp_path)
    assert {d.decision for d in ds} >= {"confirmed", "rejected"}
    assert all(d.finding["rule"].startswith("JX") and d.context is not None for d in ds)
    path = tmp_path / "decisions.jsonl"
    write_decisions(ds, path)
    again = read_decisions(path)
    assert [d.to_json() for d in again] == [d.to_json() for d in ds]

    out = tmp_path / "triage"
    r = CliRunner().invoke(main, ["train", "triage", "--decisions", str(path), "--generate", "0", "--folds", "3",
                                  "-o", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output.strip().splitlines()[-1])
    assert res["scores"]["cv"]["all"]["roc_auc"] > 0.8  # generated decisions are easy to separate
    card = json.loads((out / "card.json").read_text(encoding="utf-8"))
    assert card["data"]["examples"] == res["examples"] == sum(d.label is not None for d in ds)


def test_bad_decisions_file_is_one_line(tmp_path):
    bad = tmp_path / "d.jsonl"
    bad.write_text('{"finding": {"rule": "JX101"}, "decision": "maybe"}\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["train", "triage", "--decisions", str(bad), "--generate", "0"])
    assert r.exit_code == 2
    assert "第 1 行" in r.output and "line 1" in r.output and "Traceback" not in r.output


def test_train_claims_cli_reports_model_and_rules_scores(tmp_path):
    (tmp_path / "none.jsonl").write_text("", encoding="utf-8")  # no hand-labelled corpus: generated only
    r = CliRunner().invoke(main, ["train", "claims", "--generate", "25", "--corpus", str(tmp_path / "none.jsonl"),
                                  "--folds", "3", "-o", str(tmp_path / "claims"), "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.output.strip().splitlines()[-1])
    cv = res["scores"]["cv"]["generated"]
    assert cv["model"]["accuracy"] > cv["rules"]["accuracy"] > 0.5
    model = load_model(tmp_path / "claims")
    assert model.predict(["年初预算⟦120.00万元⟧"]) == ["budget"]


def test_check_gives_confidence_sorts_and_filters(tmp_path, monkeypatch):
    ds = _gen_decisions(tmp_path)
    ex = T.triage_examples(ds, "generated")
    T.fit_and_save(ex, tmp_path / "models" / "triage", task="t", scores={"cv": {}}, sources=[])
    monkeypatch.setenv("JIXIAO_MODELS", str(tmp_path / "models"))
    report = jixiao.check(SAMPLE)
    confs = [f.confidence for f in report.findings]
    assert confs and all(0.0 <= c <= 1.0 for c in confs)
    assert all("confidence" in f for f in report.to_json()["findings"])
    assert all(f.confidence is None for f in jixiao.check(SAMPLE, models=False).findings)

    runner = CliRunner()
    r = runner.invoke(main, ["check", str(SAMPLE), "--format", "json", "--sort", "confidence"])
    got = [f["confidence"] for f in json.loads(r.output)["findings"]]
    assert got == sorted(got, reverse=True)
    cut = sorted(confs)[len(confs) // 2]
    r = runner.invoke(main, ["check", str(SAMPLE), "--format", "json", "--min-confidence", str(cut)])
    kept = json.loads(r.output)["findings"]
    assert 0 < len(kept) < len(confs) and all(f["confidence"] >= cut - 5e-4 for f in kept)
    r = runner.invoke(main, ["check", str(SAMPLE), "--no-color"])
    assert "可信度" in r.output
    r = runner.invoke(main, ["check", str(SAMPLE), "--format", "json", "--no-models"])
    assert all("confidence" not in f for f in json.loads(r.output)["findings"])


def test_check_works_without_models(monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_MODELS", str(tmp_path / "empty"))
    report = jixiao.check(SAMPLE)
    assert report.findings and all(f.confidence is None for f in report.findings)
    assert apply_triage(report) is False


def test_triage_model_applies_to_a_report_directly(tmp_path):
    ds = _gen_decisions(tmp_path, n=30, seed=4)
    est = TextLinearClassifier().fit(*[list(v) for v in zip(*[(x, y) for x, y in zip(
        T.triage_examples(ds, "g").X, T.triage_examples(ds, "g").y)])])
    report = jixiao.check(SAMPLE, models=False)
    assert apply_triage(report, LinearTextModel(est.to_dict()))
    assert all(f.confidence is not None for f in report.findings)


def test_evaluate_floors_on_the_project_corpus():
    """CI's quality gate: the project's corpus (seeds and real when ../shared is there, the
    sample, 300 generated reports) must stay above corpora/floors.json."""
    args = ["evaluate", "--gold", str(ROOT / "corpora/seeds/labels.jsonl"), "--gold", str(ROOT / "corpora/real/labels.jsonl"),
            "--gold", str(ROOT / "examples/sample_report.gold.jsonl"), "--generate", "300", "--seed", "11",
            "--floors", str(ROOT / "corpora/floors.json"), "--format", "json"]
    r = CliRunner().invoke(main, args)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["below_floors"] == [], res["below_floors"]
    assert r.exit_code == 0
    assert res["documents"] >= 301


def test_floors_fail_with_the_shortfall(tmp_path):
    floors = tmp_path / "f.json"
    floors.write_text(json.dumps({"overall": {"recall": 1.01}, "by_category": {"unit-mismatch": {"recall": 1.01}}}))
    r = CliRunner().invoke(main, ["evaluate", "--gold", str(ROOT / "examples/sample_report.gold.jsonl"),
                                  "--floors", str(floors)])
    assert r.exit_code == 1
    assert "below floor: overall recall" in r.stderr and "unit-mismatch recall" in r.stderr


def test_role_model_fills_only_what_the_rules_left_as_other():
    from jixiao.extract.claims import tag_claims
    from jixiao.learn.models import refine_roles

    doc = jixiao.read_text("一、概况\n下达资金50万元，到位资金45万元，全年预算100万元。\n")
    rules = {c.id: c.role for c in tag_claims(doc)}
    assert "other" in rules.values() and set(rules.values()) != {"other"}
    X = ["#r_other|到位资金⟦0万元⟧", "#r_other|拨付⟦3万元⟧", "#r_budget|预算⟦1万元⟧", "#r_expenditure|支出⟦2万元⟧"] * 3
    y = ["budget", "budget", "budget", "expenditure"] * 3
    model = LinearTextModel(TextLinearClassifier(C=10.0).fit(X, y).to_dict())
    claims = tag_claims(doc)
    assert refine_roles(doc, claims, model, threshold=1.01) == 0  # nothing is that sure
    n = refine_roles(doc, claims, model)
    assert n == list(rules.values()).count("other")
    for c in claims:
        assert c.role == (rules[c.id] if rules[c.id] != "other" else "budget")


def test_spacy_component_ships_with_a_card_and_fills_other_roles():
    folder = ROOT / "models" / "claims-spacy"
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    cv = card["scores"]
    assert cv["spacy_textcat_cv"]["all"]["model"]["macro_f1"] > cv["cv"]["all"]["model"]["macro_f1"]  # why it ships
    assert len(card["data"]["sha256"]) == 64
    from jixiao.nlp import pipeline

    nlp = pipeline()
    assert nlp.pipe_names[-1] == "jixiao_claim_roles"
    sdoc = nlp("一、概况\n下达资金50万元，到位资金45万元，全年预算100万元。")
    roles = {s.text: s.label_ for s in sdoc.spans["claims"]}
    assert roles["100万元"] == "budget" and roles["45万元"] != "other"


def test_html_page_shows_the_confidence():
    from jixiao.render.html import render_html

    report = jixiao.check(SAMPLE, models=False)
    assert "可信度" not in render_html([report])
    for i, f in enumerate(report.findings):
        f.confidence = 0.5 + i / (2 * len(report.findings))
    page = render_html([report])
    assert page.count('class="conf"') == len(report.findings) and "可信度 50%" in page
