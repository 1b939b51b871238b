"""The scikit-learn estimator behind jixiao's learned models."""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .features import analyze


def _is_text(X) -> bool:
    return isinstance(X, (list, tuple)) and len(X) > 0 and all(isinstance(x, str) for x in X)


class TextLinearClassifier(ClassifierMixin, BaseEstimator):
    """Character n-gram TF-IDF (:func:`jixiao.learn.features.analyze`) and logistic regression,
    on marked context strings.

    Parameters are set in ``__init__``; learned attributes end in ``_``; ``fit`` returns self.
    Given a numeric 2-D array instead of strings it skips the text features and is a plain linear
    classifier (which is what scikit-learn's estimator checks exercise).
    """

    def __init__(self, C: float = 4.0, max_features: int | None = 30000, min_df: int = 1,
                 class_weight: str | None = "balanced", max_iter: int = 2000):
        self.C = C
        self.max_features = max_features
        self.min_df = min_df
        self.class_weight = class_weight
        self.max_iter = max_iter

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.sparse = True
        return tags

    def fit(self, X, y):
        if _is_text(X):
            y = np.asarray(y)
            if len(y) != len(X):
                raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
            self.vectorizer_ = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=self.min_df,
                                               max_features=self.max_features, dtype=np.float64)
            Xm = self.vectorizer_.fit_transform(X)
        else:
            Xm, y = validate_data(self, X, y, accept_sparse=("csr", "csc"))
            self.vectorizer_ = None
        check_classification_targets(y)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter)
        self.model_.fit(Xm, y)
        self.classes_ = self.model_.classes_
        self.n_iter_ = self.model_.n_iter_
        return self

    def _features(self, X):
        check_is_fitted(self, "model_")
        if self.vectorizer_ is not None:
            if isinstance(X, str) or not all(isinstance(x, str) for x in X):
                raise ValueError("this model was fitted on text: X must be a list of strings")
            return self.vectorizer_.transform(list(X))
        return validate_data(self, X, accept_sparse=("csr", "csc"), reset=False)

    def decision_function(self, X):
        Xm = self._features(X)
        return self.model_.decision_function(Xm)

    def predict_proba(self, X):
        Xm = self._features(X)
        return self.model_.predict_proba(Xm)

    def predict(self, X):
        Xm = self._features(X)
        return self.model_.predict(Xm)

    def to_dict(self) -> dict:
        """The fitted text model as plain data (see jixiao.learn.models.LinearTextModel)."""
        check_is_fitted(self, "model_")
        if self.vectorizer_ is None:
            raise ValueError("only a model fitted on text can be saved")
        vocab = sorted(self.vectorizer_.vocabulary_.items(), key=lambda kv: kv[1])
        return {"kind": "tfidf-logreg", "params": self.get_params(), "classes": [str(c) for c in self.classes_],
                "features": [k for k, _ in vocab], "idf": self.vectorizer_.idf_.round(5).tolist(),
                "coef": self.model_.coef_.round(5).tolist(), "intercept": self.model_.intercept_.round(5).tolist()}
