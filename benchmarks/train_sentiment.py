"""Train the target-sentiment model and write framing/data/sentiment_model.json.

Reproducible: fixed folds and seeds; the same train.jsonl gives the same JSON. Uses only
NewsMTSC train (MIT licence, Hamborg & Donnay 2021): the regularisation strength and the
score -> label thresholds are chosen by 5-fold cross-validation on train; dev is never
read here (benchmarks/eval_sentiment.py reports it).

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
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from framing.features.sentiment import CLASSES, MODEL_FILE, features, score_of

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
C_GRID = (0.05, 0.1, 0.2)
MIN_COUNT = 3  # a feature must fire on this many training targets to be kept
SEED = 0


def load(path: Path) -> tuple[list[dict[str, float]], np.ndarray]:
    feats, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            feats.append(features(row["sentence"], int(row["target_start"]), int(row["target_end"])))
            labels.append(CLASSES.index(row["polarity"]))
    return feats, np.array(labels)


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


def model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, random_state=SEED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=REPO / "framing" / "data" / MODEL_FILE)
    args = parser.parse_args(argv)
    train_path = args.data / "train.jsonl"
    started = time.perf_counter()
    feats, y = load(train_path)
    feats = prune(feats)
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(feats)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(X, y))

    def oof(c: float) -> np.ndarray:
        proba = np.zeros((len(y), 3))
        for tr, te in folds:
            proba[te] = model(c).fit(X[tr], y[tr]).predict_proba(X[te])
        return proba

    results = {}
    for c in C_GRID:
        proba = oof(c)
        results[c] = (f1_score(y, proba.argmax(1), average="macro"), proba)
        print(f"C={c}: CV macro-F1 (argmax) {results[c][0]:.4f}", file=sys.stderr)
    best_c = max(C_GRID, key=lambda c: results[c][0])
    proba = results[best_c][1]
    scores = np.array([score_of(tuple(row)) for row in proba])
    lo, hi, cv_f1 = best_thresholds(scores, y)
    print(f"best C={best_c}; thresholds ({lo}, {hi}) CV macro-F1 {cv_f1:.4f}", file=sys.stderr)

    final = model(best_c).fit(X, y)
    names = list(vec.get_feature_names_out())
    coef = final.coef_  # (3, n_features), rows in CLASSES order (labels 0, 1, 2)
    keep = [j for j in range(len(names)) if np.abs(coef[:, j]).max() >= 1e-4]
    data = {
        "model": "multinomial logistic regression over target-relative VADER features",
        "classes": list(CLASSES),
        "score": "sign(P(pos) - P(neg)) * (1 + max(P(pos), P(neg)) - P(neutral)) / 2",
        "thresholds": {"negative": lo, "positive": hi},
        "intercept": [round(float(v), 6) for v in final.intercept_],
        "feature_names": [names[j] for j in keep],
        "coef": [[round(float(coef[k, j]), 6) for j in keep] for k in range(3)],
        "training": {
            "data": "NewsMTSC train.jsonl (MIT licence; Hamborg & Donnay, EACL 2021)",
            "rows": int(len(y)),
            "sha256": hashlib.sha256(train_path.read_bytes()).hexdigest(),
            "C": best_c,
            "cv_folds": 5,
            "cv_macro_f1": round(cv_f1, 4),
            "min_feature_count": MIN_COUNT,
            "seed": SEED,
            "sklearn": sklearn.__version__,
            "script": "benchmarks/train_sentiment.py",
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(keep)} features) in {time.perf_counter() - started:.0f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
