"""A spaCy textcat on the blank zh pipeline (jieba segmenter) for claim roles.

`jixiao train claims --spacy` cross-validates it on the same examples as the scikit-learn model
and, when it scores better there, saves it beside it (``models/claims-spacy``, spaCy's own
``to_disk`` format: config and weights, no pickles). The text it classifies is the same feature
string (rule role token, marked context ``left⟦value⟧right``). ``jixiao.nlp.pipeline()`` adds it
as the ``jixiao_claim_roles`` component when it is shipped; ``check`` keeps the numpy model,
which starts in a fraction of the time."""
from __future__ import annotations

import random

from .train import Examples, _class_scores, _folds

EPOCHS = 6


def _nlp(labels: list[str]):
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                         "exclusive_classes": True, "ngram_size": 2,
                                                         "no_output_layer": False, "length": 2 ** 16}})
    for lb in labels:
        textcat.add_label(lb)
    return nlp


def fit_textcat(X: list[str], y: list[str], seed: int = 0):
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    labels = sorted(set(y))
    nlp = _nlp(labels)
    docs = list(nlp.tokenizer.pipe(X))
    examples = [Example.from_dict(d, {"cats": {lb: float(lb == t) for lb in labels}}) for d, t in zip(docs, y)]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=64):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def _predict_conf(nlp, X: list[str]) -> list[tuple[str, float]]:
    out = []
    for d in nlp.pipe(X, batch_size=256):
        k = max(d.cats, key=d.cats.get)
        out.append((k, float(d.cats[k])))
    return out


def cross_validate_textcat(ex: Examples, folds: int = 5) -> dict:
    """Grouped k-fold scores of the textcat alone (``model``) and combined with the rules as
    ``check`` combines them (``rules+model``), over all examples and per origin."""
    from .models import ROLE_THRESHOLD

    pred: list = [None] * len(ex.X)
    for tr, te in _folds(ex, folds):
        nlp = fit_textcat([ex.X[i] for i in tr], [ex.y[i] for i in tr])
        for i, p in zip(te, _predict_conf(nlp, [ex.X[i] for i in te])):
            pred[i] = p
    out = {}
    for name in ["all", *sorted(set(ex.origin))]:
        idx = [i for i in range(len(ex.X)) if name == "all" or ex.origin[i] == name]
        gold = [ex.y[i] for i in idx]
        out[name] = {"model": _class_scores(gold, [pred[i][0] for i in idx]),
                     "rules+model": _class_scores(gold, [
                         pred[i][0] if ex.baseline[i] == "other" and pred[i][1] >= ROLE_THRESHOLD else ex.baseline[i]
                         for i in idx])}
    return out


SPACY_DIR = "spacy"


def save_textcat(ex: Examples, folder, card: dict):
    """Fit on every example and save the pipeline (spaCy's to_disk) with the card."""
    import json
    from pathlib import Path

    from .train import card_markdown

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nlp = fit_textcat(ex.X, ex.y)
    nlp.to_disk(folder / SPACY_DIR)
    (folder / "card.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(card_markdown(card), encoding="utf-8")
    return folder


def load_textcat(name_or_folder="claims-spacy"):
    """The saved textcat pipeline (a folder, or the shipped ``claims-spacy``); None if absent."""
    from pathlib import Path

    import spacy

    from .models import models_dir

    p = Path(name_or_folder)
    if not (p / SPACY_DIR).is_dir():
        base = models_dir()
        p = base / str(name_or_folder) if base is not None else p
    if not (p / SPACY_DIR).is_dir():
        return None
    return spacy.load(p / SPACY_DIR)
