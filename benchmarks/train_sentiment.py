"""Train the target-sentiment model and write framing/data/sentiment_model.json.

Reproducible: fixed folds and seeds; the same train.jsonl gives the same JSON. Uses only
NewsMTSC train (MIT licence, Hamborg & Donnay 2021): the regularisation strengths and the
score -> label thresholds are chosen by 5-fold cross-validation on train, with folds
grouped by sentence (targets of one sentence never straddle folds); dev is never read here
(benchmarks/eval_sentiment.py reports it).

The model is the average of two linear models over the same features:
- NB-LR (Wang & Manning, ACL 2012): per class, one-vs-rest logistic regression over the
  lexical (name:word) features scaled by naive-Bayes log-count ratios (binarised counts,
  smoothing ALPHA); the ratios are folded into the shipped weights;
- plain multinomial logistic regression.
Their three logits each go through a softmax, and the probabilities are averaged with a
weight chosen (with the thresholds) by the same CV.

    .venv/bin/python benchmarks/train_sentiment.py [--data ../shared/data/newsmtsc]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold

from framing.features.sentiment import CLASSES, MODEL_FILE, features, score_of

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
NB_C_GRID = (0.1, 0.2, 0.3)
LR_C_GRID = (0.05, 0.1)
ALPHA = 1.0  # naive-Bayes smoothing of the log-count ratios
TOL = 1e-3
MIX_GRID = (0.5, 0.75, 1.0)  # weight of NB-LR in the average with the multinomial LR
MIN_COUNT = 3  # a feature must fire on this many training targets to be kept
SEED = 0


def load(path: Path) -> tuple[list[dict[str, float]], np.ndarray, list[str]]:
    feats, labels, sentences = [], [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            feats.append(features(row["sentence"], int(row["target_start"]), int(row["target_end"])))
            labels.append(CLASSES.index(row["polarity"]))
            sentences.append(row["sentence"])
    return feats, np.array(labels), sentences


def prune(feats: list[dict[str, float]]) -> list[dict[str, float]]:
    counts: dict[str, int] = {}
    for f in feats:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    keep = {name for name, c in counts.items() if c >= MIN_COUNT}
    return [{k: v for k, v in f.items() if k in keep} for f in feats]


def best_thresholds(score: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Thresholds (lo, hi) on the score maximising macro-F1; returns (lo, hi, f1)."""
    best = (-0.1, 0.1, -1.0)
    grid = np.round(np.arange(-0.9, 0.91, 0.02), 2)
    for lo in grid:
        for hi in grid[grid > lo]:
            pred = np.where(score <= lo, 0, np.where(score >= hi, 2, 1))
            f1 = f1_score(y, pred, average="macro")
            if f1 > best[2] + 1e-12:
                best = (float(lo), float(hi), float(f1))
    return best


def softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


class NBLR:
    """One-vs-rest logistic regression on NB-scaled features; linear in the raw features."""

    def __init__(self, c: float, lexical: np.ndarray) -> None:
        self.c, self.lexical = c, lexical

    def fit(self, X, y: np.ndarray) -> "NBLR":
        binary = (X > 0).astype(np.float64)
        coef, intercept = [], []
        for k in range(3):
            p = ALPHA + np.asarray(binary[y == k].sum(0)).ravel()
            q = ALPHA + np.asarray(binary[y != k].sum(0)).ravel()
            r = np.where(self.lexical, np.log((p / p.sum()) / (q / q.sum())), 1.0)
            m = LogisticRegression(C=self.c, max_iter=3000, tol=TOL, random_state=SEED)
            m.fit(X @ sp.diags(r), (y == k).astype(int))
            coef.append(m.coef_[0] * r)  # fold the ratios into the weights
            intercept.append(m.intercept_[0])
        self.coef_, self.intercept_ = np.array(coef), np.array(intercept)
        return self

    def predict_proba(self, X) -> np.ndarray:
        return softmax(np.asarray(X @ self.coef_.T) + self.intercept_)


class LR:
    def __init__(self, c: float) -> None:
        self.m = LogisticRegression(C=c, max_iter=3000, tol=TOL, random_state=SEED)

    def fit(self, X, y: np.ndarray) -> "LR":
        self.m.fit(X, y)
        self.coef_, self.intercept_ = self.m.coef_, self.m.intercept_
        return self

    def predict_proba(self, X) -> np.ndarray:
        return softmax(np.asarray(X @ self.coef_.T) + self.intercept_)


def cv_row(name: str, proba: np.ndarray, y: np.ndarray, folds) -> str:
    """One CV table row of the research scripts: name, macro-F1 argmax, macro-F1 with the
    thresholds chosen on these out-of-fold probabilities, the thresholds, per-fold argmax."""
    argmax = f1_score(y, proba.argmax(1), average="macro")
    per_fold = [f1_score(y[te], proba[te].argmax(1), average="macro") for _, te in folds]
    lo, hi, f1 = best_thresholds(np.array([score_of(tuple(r)) for r in proba]), y)
    return f"{name}\t{argmax:.4f}\t{f1:.4f}\t({lo}, {hi})\t" + " ".join(f"{v:.3f}" for v in per_fold)


def training_set(train_path: Path):
    """(X, y, sentences, feature names, lexical-feature mask, CV folds) of train.jsonl:
    the pruned features as a CSR matrix and the 5 folds, stratified and grouped by
    sentence, that every CV figure in RESULTS-sentiment.md uses."""
    feats, y, sentences = load(train_path)
    feats = prune(feats)
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(feats).tocsr()
    names = list(vec.get_feature_names_out())
    lexical = np.array([":" in name for name in names])
    groups = np.unique(sentences, return_inverse=True)[1]
    cv = StratifiedGroupKFold(5, shuffle=True, random_state=SEED)
    folds = list(cv.split(X, y, groups))
    return X, y, sentences, names, lexical, folds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=REPO / "framing" / "data" / MODEL_FILE)
    args = parser.parse_args(argv)
    train_path = args.data / "train.jsonl"
    started = time.perf_counter()
    X, y, _, names, lexical, folds = training_set(train_path)

    def oof(make) -> np.ndarray:
        proba = np.zeros((len(y), 3))
        for tr, te in folds:
            proba[te] = make().fit(X[tr], y[tr]).predict_proba(X[te])
        return proba

    def best(grid, make, label):
        scored = {}
        for c in grid:
            proba = oof(lambda: make(c))
            scored[c] = (f1_score(y, proba.argmax(1), average="macro"), proba)
            print(f"{label} C={c}: CV macro-F1 (argmax) {scored[c][0]:.4f}", file=sys.stderr)
        c = max(grid, key=lambda c: scored[c][0])
        return c, scored[c][1]

    nb_c, nb_proba = best(NB_C_GRID, lambda c: NBLR(c, lexical), "NB-LR")
    lr_c, lr_proba = best(LR_C_GRID, LR, "LR")
    # Mixing weight of the NB-LR component, with its thresholds, by CV macro-F1.
    choice = None
    for weight in MIX_GRID:
        proba = weight * nb_proba + (1 - weight) * lr_proba
        scores = np.array([score_of(tuple(row)) for row in proba])
        lo, hi, f1 = best_thresholds(scores, y)
        argmax_f1 = float(f1_score(y, proba.argmax(1), average="macro"))
        print(f"weight {weight}: CV macro-F1 argmax {argmax_f1:.4f}, thresholds ({lo}, {hi}) "
              f"{f1:.4f}", file=sys.stderr)
        if choice is None or f1 > choice[3] + 1e-12:
            choice = (weight, lo, hi, f1, argmax_f1)
    weight, lo, hi, cv_f1, argmax_f1 = choice
    print(f"NB-LR C={nb_c}, LR C={lr_c}, weight {weight}; thresholds ({lo}, {hi}) "
          f"CV macro-F1 {cv_f1:.4f}", file=sys.stderr)

    finals = [NBLR(nb_c, lexical).fit(X, y), LR(lr_c).fit(X, y)]
    coefs = np.vstack([m.coef_ for m in finals])  # (6, n_features)
    keep = [j for j in range(len(names)) if np.abs(coefs[:, j]).max() >= 1e-4]
    data = {
        "model": "average of NB-weighted one-vs-rest LR and multinomial LR over "
        "target-relative VADER and word features",
        "classes": list(CLASSES),
        "score": "sign(P(pos) - P(neg)) * (1 + max(P(pos), P(neg)) - P(neutral)) / 2",
        "thresholds": {"negative": lo, "positive": hi},
        "weights": [weight, round(1 - weight, 6)],
        "feature_names": [names[j] for j in keep],
        "components": [
            {
                "name": name,
                "intercept": [round(float(v), 5) for v in m.intercept_],
                "coef": [[round(float(m.coef_[k, j]), 5) for j in keep] for k in range(3)],
            }
            for name, m in zip(("nb-lr (one-vs-rest logits)", "multinomial lr"), finals)
        ],
        "training": {
            "data": "NewsMTSC train.jsonl (MIT licence; Hamborg & Donnay, EACL 2021)",
            "rows": int(len(y)),
            "sha256": hashlib.sha256(train_path.read_bytes()).hexdigest(),
            "C": {"nb-lr": nb_c, "lr": lr_c},
            "nb_alpha": ALPHA,
            "cv_folds": "5, stratified, grouped by sentence",
            "cv_macro_f1_argmax": round(argmax_f1, 4),
            "cv_macro_f1": round(cv_f1, 4),
            "min_feature_count": MIN_COUNT,
            "seed": SEED,
            "sklearn": sklearn.__version__,
            "script": "benchmarks/train_sentiment.py",
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(keep)} features) in {time.perf_counter() - started:.0f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
