"""The shipped models: plain-JSON files read without scikit-learn, pickles or network access.

A model folder holds ``model.json.gz`` (vocabulary, idf, coefficients of a
:class:`~jixiao.learn.estimators.TextLinearClassifier`) and ``card.json`` (training data and its
hash, date, parameters, scores). :class:`LinearTextModel` computes the same probabilities as the
fitted estimator with numpy alone, so ``check`` stays quick to start.
"""
from __future__ import annotations

import gzip
import json
import os
from functools import lru_cache
from pathlib import Path

from .features import feature_parts

MODEL_FILE = "model.json.gz"
CARD_FILE = "card.json"
NAMES = ("claims", "triage")


class LinearTextModel:
    """Predict with a saved TF-IDF + logistic regression model (numpy only)."""

    def __init__(self, d: dict):
        import numpy as np

        self.classes_ = list(d["classes"])
        self.index = {f: i for i, f in enumerate(d["features"])}
        self.idf = np.asarray(d["idf"], dtype=np.float64)
        self.coef = np.asarray(d["coef"], dtype=np.float64)
        self.intercept = np.asarray(d["intercept"], dtype=np.float64)
        self.params = d.get("params", {})
        self._by_tag: dict[str, dict[str, int]] = {}
        self._gram_tables: dict[tuple[str, int], tuple] = {}

    def _ids(self, doc: str) -> list[int]:
        """The ids of :func:`analyze`'s features of ``doc`` in the vocabulary, one per occurrence
        (n-grams looked up in per-tag tables, so no tagged strings are built)."""
        tokens, parts = feature_parts(doc)
        out = [i for i in map(self.index.get, tokens) if i is not None]
        for tag, s, lo, hi in parts:
            get = self._tagged(tag).get
            for n in range(lo, hi + 1):
                out += [i for k in range(len(s) - n + 1) if (i := get(s[k:k + n])) is not None]
        return out

    def _tagged(self, tag: str) -> dict[str, int]:
        """``{n-gram: id}`` of the vocabulary's features tagged ``tag`` (a tag is one character;
        the tables are built on first use, in one pass over the vocabulary)."""
        if not self._by_tag:
            by_tag: dict[str, dict[str, int]] = {}
            for f, i in self.index.items():
                table = by_tag.get(f[:1])
                if table is None:
                    table = by_tag[f[:1]] = {}
                table[f[1:]] = i
            self._by_tag = by_tag
        return self._by_tag.get(tag, {})

    def _gram_table(self, tag: str, n: int):
        """The vocabulary's ``n``-grams tagged ``tag`` as sorted 64-bit keys (16 bits a character,
        characters of the Basic Multilingual Plane only) and their ids."""
        import numpy as np

        key = (tag, n)
        table = self._gram_tables.get(key)
        if table is None:
            grams = [(g, i) for g, i in self._tagged(tag).items() if len(g) == n and max(g) <= "\uffff"]
            keys = np.zeros(len(grams), dtype=np.uint64)
            for j in range(n):
                keys = (keys << np.uint64(16)) | np.fromiter((ord(g[j]) for g, _ in grams), dtype=np.uint64,
                                                              count=len(grams))
            ids = np.fromiter((i for _, i in grams), dtype=np.int64, count=len(grams))
            order = np.argsort(keys, kind="stable")
            table = self._gram_tables[key] = (keys[order], ids[order])
        return table

    def _batch_ids(self, X: list[str]):
        """(row, feature id) of every feature occurrence of the documents ``X``: the same pairs as
        :meth:`_ids` of each, the character n-grams looked up for the whole batch at once with
        numpy (documents with characters outside the Basic Multilingual Plane take :meth:`_ids`)."""
        import numpy as np

        rows: list = []
        cols: list = []
        by_tag: dict[tuple[str, int, int], tuple[list[str], list[int]]] = {}
        for r, doc in enumerate(X):
            tokens, parts = feature_parts(doc)
            if any(max(s, default="") > "\uffff" for _, s, _, _ in parts):
                ids = self._ids(doc)
                rows.append(np.full(len(ids), r, dtype=np.int64))
                cols.append(np.asarray(ids, dtype=np.int64))
                continue
            ids = [i for i in map(self.index.get, tokens) if i is not None]
            rows.append(np.full(len(ids), r, dtype=np.int64))
            cols.append(np.asarray(ids, dtype=np.int64))
            for tag, s, lo, hi in parts:
                strings, owners = by_tag.setdefault((tag, lo, hi), ([], []))
                strings.append(s)
                owners.append(r)
        for (tag, lo, hi), (strings, owners) in by_tag.items():
            joined = "".join(strings)
            if not joined:
                continue
            chars = np.frombuffer(joined.encode("utf-16-le"), dtype=np.uint16).astype(np.uint64)
            lens = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
            ends = np.repeat(np.cumsum(lens), lens)  # where each character's string ends
            owner = np.repeat(np.asarray(owners, dtype=np.int64), lens)
            keys = np.zeros(len(chars), dtype=np.uint64)
            for n in range(1, hi + 1):
                m = len(chars) - n + 1
                if m <= 0:
                    break
                keys = (keys[:m] << np.uint64(16)) | chars[n - 1:]
                if n < lo:
                    continue
                vk, vid = self._gram_table(tag, n)
                if not len(vk):
                    continue
                at = np.searchsorted(vk, keys)
                np.minimum(at, len(vk) - 1, out=at)
                hit = (vk[at] == keys) & (np.arange(m) + n <= ends[:m])
                rows.append(owner[:m][hit])
                cols.append(vid[at[hit]])
        return (np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64),
                np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64))

    def decision_function(self, X: list[str]):
        """Linear scores of ``X`` (rows) for each row of coefficients: the documents' TF-IDF
        vectors (sublinear tf, l2-normalised) computed for the whole batch at once."""
        import numpy as np

        n = len(X)
        rows, cols = self._batch_ids(X)
        width = len(self.idf)
        keys, counts = np.unique(rows * width + cols, return_counts=True)  # one entry per (doc, feature)
        rows, cols = np.divmod(keys, width)
        val = (1.0 + np.log(counts)) * self.idf[cols]
        norm = np.sqrt(np.bincount(rows, weights=val * val, minlength=n))
        val /= np.where(norm > 0, norm, 1.0)[rows]
        z = np.empty((n, self.coef.shape[0]))
        for k, coef in enumerate(self.coef):
            z[:, k] = np.bincount(rows, weights=val * coef[cols], minlength=n)
        return z + self.intercept

    def predict_proba(self, X: list[str]):
        import numpy as np

        z = self.decision_function(X)
        if len(self.classes_) == 2:  # binary: one row of coefficients for the second class
            p = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.column_stack((1.0 - p, p))
        e = np.exp(z - z.max(axis=1, keepdims=True)) if len(z) else z
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X: list[str]) -> list[str]:
        return [self.classes_[i] for i in self.predict_proba(X).argmax(axis=1)]


def models_dir() -> Path | None:
    """Where the shipped models are: $JIXIAO_MODELS ("" for none), else models/ of the checkout."""
    return _models_dir(os.environ.get("JIXIAO_MODELS"))


@lru_cache(maxsize=8)
def _models_dir(env: str | None) -> Path | None:
    if env is not None:
        return Path(env) if env else None
    from .corpus import repo_root

    root = repo_root()
    return root / "models" if root and (root / "models").is_dir() else None


def save_model(model_dict: dict, folder: str | Path, card: dict) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(folder / MODEL_FILE, "wb", compresslevel=9, mtime=0) as fh:  # reproducible bytes
        fh.write(json.dumps(model_dict, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    (folder / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder


_CACHE: dict[Path, LinearTextModel] = {}


_FOLDERS: dict[tuple[str, str | None], Path] = {}


def model_folder(name_or_folder: str | Path) -> Path | None:
    """The folder of a saved model (given, or shipped by name); found folders are remembered."""
    key = (str(name_or_folder), os.environ.get("JIXIAO_MODELS"))
    hit = _FOLDERS.get(key)
    if hit is not None:
        return hit
    p = Path(name_or_folder)
    found = None
    if (p / MODEL_FILE).is_file():
        found = p.resolve()
    else:
        base = models_dir()
        if str(name_or_folder) in NAMES and base is not None and (base / str(name_or_folder) / MODEL_FILE).is_file():
            found = (base / str(name_or_folder)).resolve()
    if found is not None:
        _FOLDERS[key] = found
    return found


def load_model(name_or_folder: str | Path) -> LinearTextModel | None:
    """A saved model folder, or a shipped model by name (``claims``, ``triage``); None if absent."""
    p = model_folder(name_or_folder)
    if p is None:
        return None
    if p not in _CACHE:
        from ..errors import InputError

        try:
            with gzip.open(p / MODEL_FILE, "rt", encoding="utf-8") as fh:
                _CACHE[p] = LinearTextModel(json.load(fh))
        except (OSError, ValueError, KeyError) as e:
            raise InputError(f"无法读取模型 {p}：{e}", f"cannot read the model in {p}: {e}") from e
    return _CACHE[p]


def load_card(name_or_folder: str | Path) -> dict | None:
    p = model_folder(name_or_folder)
    if p is None or not (p / CARD_FILE).is_file():
        return None
    return json.loads((p / CARD_FILE).read_text(encoding="utf-8"))


ROLE_THRESHOLD = 0.5  # grouped CV on generated, real and seed text: filling the rules' "other" at
# this confidence raised role accuracy on all three (models/claims/README.md)


def refine_roles(doc, claims, model: LinearTextModel | None = None, threshold: float = ROLE_THRESHOLD) -> int:
    """Give claims the rule tagger left as ``other`` the role the claim-role model predicts with
    at least ``threshold`` confidence (the shipped model by default). Returns how many changed."""
    from .features import claim_features

    todo = [c for c in claims if c.role == "other"]
    model = model or (load_model("claims") if todo else None)
    if model is None or not todo:
        return 0
    changed = 0
    for c, p in zip(todo, model.predict_proba([claim_features(doc, c.span[0], c.span[1], "other") for c in todo])):
        k = int(p.argmax())
        if p[k] >= threshold and model.classes_[k] != "other":
            c.role = model.classes_[k]
            changed += 1
    return changed


def apply_triage(report, model: LinearTextModel | None = None) -> bool:
    """Set each finding's ``confidence`` (how likely an auditor confirms it) from the triage
    model (the shipped one by default). Returns whether a model was applied."""
    from .features import finding_context, finding_features

    model = model or load_model("triage")
    if model is None or not report.findings or 1 not in _int_classes(model):
        return False
    pos = _int_classes(model).index(1)
    X = [finding_features(f, finding_context(report.document, f)) for f in report.findings]
    for f, p in zip(report.findings, model.predict_proba(X)[:, pos]):
        f.confidence = float(p)
    return True


def _int_classes(model: LinearTextModel) -> list:
    return [int(c) if str(c).lstrip("-").isdigit() else c for c in model.classes_]
