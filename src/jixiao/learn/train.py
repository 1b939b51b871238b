"""Training and cross-validating the learned models: claim roles and finding triage.

* claim roles: every labelled span of a corpus (jixiao.learn.corpus) becomes one example, its
  marked context (:func:`~jixiao.learn.features.claim_context`) and its label;
* triage: every review decision (jixiao.learn.decisions) becomes one example, the finding's
  features and confirmed (1) or rejected (0). Decisions come from the workbench, or from a gold
  corpus (:func:`gold_decisions`: a finding matching a label is confirmed, any other rejected).

Cross-validation folds are grouped by report, so no report is both trained and tested on.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..model import Document
from .corpus import Record, read_corpus
from .decisions import Decision
from .features import claim_features, finding_context, finding_features


@dataclass
class Examples:
    """Texts, labels, the report each came from (for grouped folds) and its corpus (``origin``)."""
    X: list[str] = field(default_factory=list)
    y: list = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)
    baseline: list = field(default_factory=list)  # the rules' answer for each example, when known

    def add(self, x: str, y, group: str, origin: str, baseline=None) -> None:
        self.X.append(x)
        self.y.append(y)
        self.groups.append(group)
        self.origin.append(origin)
        self.baseline.append(baseline)

    def extend(self, other: "Examples") -> "Examples":
        for name in ("X", "y", "groups", "origin", "baseline"):
            getattr(self, name).extend(getattr(other, name))
        return self

    def sha256(self) -> str:
        h = hashlib.sha256()
        for x, y, g in zip(self.X, self.y, self.groups):
            h.update(f"{g}\t{y}\t{x}\n".encode("utf-8"))
        return h.hexdigest()

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(str(v) for v in self.y).items()))

    def origins(self) -> dict[str, int]:
        return dict(Counter(self.origin))


# --------------------------------------------------------------------------- where examples come from

def generated_documents(n: int, seed: int) -> Iterator[tuple[Record, Document]]:
    """``n`` generated reports (seed ``seed``), read as .txt, with their labels."""
    from .. import read_text
    from .generate import generate_one

    for i in range(n):
        g = generate_one(seed, i)
        yield g.record, read_text(g.text, g.name if g.name.endswith(".txt") else g.name + ".txt")


def corpus_documents(path: str | Path) -> Iterator[tuple[Record, Document]]:
    """The records of a corpus file with their documents; unreadable reports are skipped."""
    from .. import read, read_text

    for rec in read_corpus(path):
        if rec.text is not None:
            yield rec, read_text(rec.text, Path(rec.name).stem + ".txt")
            continue
        p = rec.path(path)
        if p is not None and p.is_file():
            yield rec, read(p)


def claim_examples(pairs: Iterable[tuple[Record, Document]], origin: str) -> Examples:
    """One example per labelled span whose text is where the record says, with the rule
    tagger's role for it (the claim overlapping it most; ``other`` when none does): the baseline
    a learned model must beat."""
    from ..extract.claims import tag_claims

    ex = Examples()
    for rec, doc in pairs:
        group = f"{origin}:{rec.id or rec.name}"
        claims = tag_claims(doc)
        for s in rec.spans:
            if s.text and doc.text[s.start:s.end] != s.text:
                continue  # the report changed since it was labelled
            best, overlap = "other", 0
            for c in claims:
                o = min(c.span[1], s.end) - max(c.span[0], s.start)
                if o > overlap:
                    best, overlap = c.role, o
            ex.add(claim_features(doc, s.start, s.end, best), s.label, group, origin, best)
    return ex


def gold_decisions(gold_path: str | Path, config=None) -> list[Decision]:
    """Decisions read off a gold corpus: each finding of a checked report is confirmed when it
    matches a label, rejected otherwise (the gold lists every problem worth a finding)."""
    from .evaluate import checked_gold, matches

    out = []
    for g, report in checked_gold(gold_path, config):
        doc = report.document
        for f in report.findings:
            ok = any(matches(lb, f) for lb in g.labels)
            out.append(Decision(finding=f.to_json(), decision="confirmed" if ok else "rejected",
                                report={"source": str(g.path), "sha256": doc.sha256, "format": doc.format},
                                context=finding_context(doc, f), reviewer="gold", jixiao_version=__version__))
    return out


def triage_examples(decisions: Iterable[Decision], origin: str) -> Examples:
    ex = Examples()
    for d in decisions:
        if d.label is None:
            continue
        group = f"{origin}:{d.report.get('sha256') or d.report.get('source') or '?'}"
        ex.add(finding_features(d.finding, d.context or ""), d.label, group, origin)
    return ex


# --------------------------------------------------------------------------- cross-validation

def _folds(ex: Examples, k: int):
    from sklearn.model_selection import GroupKFold

    k = max(2, min(k, len(set(ex.groups))))
    return list(GroupKFold(n_splits=k).split(ex.X, ex.y, ex.groups))


def cross_validate_claims(ex: Examples, folds: int = 5, **params) -> dict:
    """Grouped k-fold scores (accuracy, macro F1, per label), over all examples and per origin,
    of the classifier alone (``model``), the rule tagger (``rules``) and the two as ``check``
    combines them (``rules+model``: the model fills the rules' ``other`` when confident)."""
    from .estimators import TextLinearClassifier
    from .models import ROLE_THRESHOLD

    pred, conf = [None] * len(ex.X), [0.0] * len(ex.X)
    for tr, te in _folds(ex, folds):
        est = TextLinearClassifier(**params).fit([ex.X[i] for i in tr], [ex.y[i] for i in tr])
        for i, p in zip(te, est.predict_proba([ex.X[i] for i in te])):
            pred[i], conf[i] = est.classes_[p.argmax()], float(p.max())
    out = {}
    for name in ["all", *sorted(set(ex.origin))]:
        idx = [i for i in range(len(ex.X)) if name == "all" or ex.origin[i] == name]
        gold = [ex.y[i] for i in idx]
        out[name] = {"model": _class_scores(gold, [pred[i] for i in idx])}
        if all(ex.baseline[i] is not None for i in idx):
            out[name]["rules"] = _class_scores(gold, [ex.baseline[i] for i in idx])
            out[name]["rules+model"] = _class_scores(gold, [
                pred[i] if ex.baseline[i] == "other" and conf[i] >= ROLE_THRESHOLD else ex.baseline[i] for i in idx])
    return out


def _class_scores(y_true, y_pred, classification_report=None) -> dict:
    if classification_report is None:
        from sklearn.metrics import classification_report
    rep = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    labels = sorted(set(y_true))
    return {"n": len(y_true), "accuracy": round(rep["accuracy"], 4), "macro_f1": round(rep["macro avg"]["f1-score"], 4),
            "per_label": {lb: {"precision": round(rep[lb]["precision"], 4), "recall": round(rep[lb]["recall"], 4),
                               "f1": round(rep[lb]["f1-score"], 4), "support": int(rep[lb]["support"])}
                          for lb in labels if lb in rep}}


def cross_validate_triage(ex: Examples, folds: int = 5, **params) -> dict:
    """Grouped k-fold scores of the triage model (ROC AUC, average precision, accuracy at 0.5),
    over all decisions and per origin, beside the baseline of each rule's confirmation rate in the
    training folds."""
    import numpy as np

    from .estimators import TextLinearClassifier

    p_model, p_rule = [None] * len(ex.X), [None] * len(ex.X)
    for tr, te in _folds(ex, folds):
        ytr = [ex.y[i] for i in tr]
        if len(set(ytr)) < 2:
            continue
        est = TextLinearClassifier(**params).fit([ex.X[i] for i in tr], ytr)
        pos = list(est.classes_).index(1)
        rate, prior = _rule_rates([ex.X[i] for i in tr], ytr), float(np.mean(ytr))
        for i, p in zip(te, est.predict_proba([ex.X[i] for i in te])[:, pos]):
            p_model[i], p_rule[i] = float(p), rate.get(_rule_of(ex.X[i]), prior)
    out = {}
    for name in ["all", *sorted(set(ex.origin))]:
        idx = [i for i in range(len(ex.X)) if (name == "all" or ex.origin[i] == name) and p_model[i] is not None]
        out[name] = _binary_scores([ex.y[i] for i in idx], [p_model[i] for i in idx], [p_rule[i] for i in idx])
    return out


def _binary_scores(y, p, baseline) -> dict:
    import numpy as np
    from sklearn.metrics import average_precision_score, roc_auc_score

    if len(set(y)) < 2:
        return {"n": len(y), "note": "只有一类决定，无法评分 / one class only: nothing to score"}
    yt, pm = np.asarray(y), np.asarray(p)
    return {"n": len(y), "confirmed_share": round(float(yt.mean()), 4),
            "roc_auc": round(float(roc_auc_score(yt, pm)), 4),
            "average_precision": round(float(average_precision_score(yt, pm)), 4),
            "accuracy": round(float(((pm >= 0.5) == yt).mean()), 4),
            "baseline_rule_rate_roc_auc": round(float(roc_auc_score(yt, baseline)), 4)}


def _rule_of(x: str) -> str:
    return x.split(" ", 1)[0]


def _rule_rates(X: list[str], y: list[int]) -> dict[str, float]:
    tot, pos = Counter(), Counter()
    for x, v in zip(X, y):
        tot[_rule_of(x)] += 1
        pos[_rule_of(x)] += v
    return {k: pos[k] / tot[k] for k in tot}


# --------------------------------------------------------------------------- fitting and saving

def fit_and_save(ex: Examples, out: str | Path, *, task: str, scores: dict, sources: list[str], **params) -> Path:
    """Fit on every example and save the model with its card (JSON and Markdown)."""
    from .estimators import TextLinearClassifier
    from .models import save_model

    est = TextLinearClassifier(**params).fit(ex.X, ex.y)
    card = make_card(ex, Path(out).name, task, "character n-gram TF-IDF + logistic regression "
                     "(jixiao.learn.estimators.TextLinearClassifier)", est.get_params(), scores, sources,
                     features=len(est.vectorizer_.vocabulary_))
    folder = save_model(est.to_dict(), out, card)
    (folder / "README.md").write_text(card_markdown(card), encoding="utf-8")
    return folder


def make_card(ex: Examples, name: str, task: str, model: str, params: dict, scores: dict, sources: list[str],
              features: int | None = None) -> dict:
    """A model card: task, model, parameters, training data (sources, counts, SHA-256), scores."""
    import sklearn

    return {"name": name, "task": task, "created": _dt.date.today().isoformat(), "jixiao_version": __version__,
            "scikit_learn": sklearn.__version__, "python": platform.python_version(), "model": model,
            "params": params, "classes": sorted({str(v) for v in ex.y}),
            "data": {"sources": sources, "examples": len(ex.X), "reports": len(set(ex.groups)),
                     "by_origin": ex.origins(), "labels": ex.counts(), "sha256": ex.sha256()},
            "scores": scores, "features": features}


def card_markdown(card: dict) -> str:
    """A model card for people: what it does, what it learned from, how well it does."""
    lines = [f"# 模型卡 / model card: `{card['name']}`", "", f"- 任务 / task: {card['task']}",
             f"- 模型 / model: {card['model']}", f"- 训练日期 / trained: {card['created']} "
             f"(jixiao {card['jixiao_version']}, scikit-learn {card['scikit_learn']}, Python {card['python']})",
             f"- 参数 / parameters: `{json.dumps(card['params'], ensure_ascii=False)}`",
             f"- 特征数 / features: {card['features'] or '—'}", "", "## 训练数据 / training data", ""]
    d = card["data"]
    lines += [f"- {s}" for s in d["sources"]]
    lines += [f"- 样本 / examples: {d['examples']}，报告 / reports: {d['reports']}，"
              f"来源 / by origin: `{json.dumps(d.get('by_origin', {}), ensure_ascii=False)}`",
              f"- 标签分布 / labels: `{json.dumps(d['labels'], ensure_ascii=False)}`",
              f"- 数据哈希 / data sha256: `{d['sha256']}`", "", "## 评估 / scores", "",
              "```json", json.dumps(card["scores"], ensure_ascii=False, indent=2), "```", ""]
    return "\n".join(lines)
