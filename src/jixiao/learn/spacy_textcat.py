"""A spaCy textcat on the blank zh pipeline (jieba segmenter), cross-validated on the same
claim-role examples as the scikit-learn model, so `jixiao train claims --spacy` can say which
is better. The marked context ``left⟦value⟧right`` is the text it classifies."""
from __future__ import annotations

import random

from .train import Examples, _class_scores, _folds

EPOCHS = 6


def _nlp(labels: list[str]):
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                         "exclusive_classes": True, "ngram_size": 2,
                                                         "no_output_layer": False}})
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


def predict_textcat(nlp, X: list[str]) -> list[str]:
    return [max(d.cats, key=d.cats.get) for d in nlp.pipe(X, batch_size=256)]


def cross_validate_textcat(ex: Examples, folds: int = 5) -> dict:
    """Grouped k-fold accuracy and macro F1 of the textcat, over all examples and per origin."""
    pred = [None] * len(ex.X)
    for tr, te in _folds(ex, folds):
        nlp = fit_textcat([ex.X[i] for i in tr], [ex.y[i] for i in tr])
        for i, p in zip(te, predict_textcat(nlp, [ex.X[i] for i in te])):
            pred[i] = p
    out = {}
    for name in ["all", *sorted(set(ex.origin))]:
        idx = [i for i in range(len(ex.X)) if name == "all" or ex.origin[i] == name]
        out[name] = _class_scores([ex.y[i] for i in idx], [pred[i] for i in idx])
    return out
