"""CV of a one-hidden-layer MLP (and its average with the shipped NB-LR) on NewsMTSC train.

Research script for benchmarks/RESULTS-sentiment.md ("fifth session: non-linear models");
nothing here ships. It uses the trainer's featuriser, feature pruning, folds
(StratifiedGroupKFold, 5 folds grouped by sentence, seed 0) and threshold grid, and
reads train.jsonl only (never dev). Per configuration it prints: name, CV macro-F1
argmax, CV macro-F1 with thresholds (chosen on the out-of-fold scores), the thresholds,
and the per-fold argmax macro-F1; then the same for w * NB-LR + (1 - w) * MLP.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/sentiment_mlp_cv.py \
        --inp raw --hidden 64 --alpha 1e-3 --seeds 8
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as T  # noqa: E402



def nb_ratios(X, y: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """The trainer's one-vs-rest NB log-count ratios, one row per class (1 on numeric)."""
    binary = (X > 0).astype(np.float64)
    rows = []
    for k in range(3):
        p = T.ALPHA + np.asarray(binary[y == k].sum(0)).ravel()
        q = T.ALPHA + np.asarray(binary[y != k].sum(0)).ravel()
        rows.append(np.where(lexical, np.log((p / p.sum()) / (q / q.sum())), 1.0))
    return np.array(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    ap.add_argument("--inp", default="raw", choices=("raw", "bin", "nbmax", "nb3"),
                    help="raw: the trainer's matrix; bin: lexical counts clipped to 1, "
                    "n_tokens_log / 7; nbmax: bin x max_k |NB ratio_k|; nb3: bin x each "
                    "class's NB ratios, three copies side by side")
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--alpha", type=float, default=1e-3, help="L2 penalty")
    ap.add_argument("--seeds", type=int, default=3, help="nets averaged per fold")
    ap.add_argument("--es", type=int, default=1, help="early stopping (10%% of the fold)")
    ap.add_argument("--iters", type=int, default=200, help="max epochs")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=200)
    a = ap.parse_args(argv)
    warnings.filterwarnings("ignore")  # ConvergenceWarning when --es 0

    started = time.perf_counter()
    # the fifth session's feature set (before Hu & Liu and harm x3), as in RESULTS-sentiment.md
    X, y, _, names, lexical, folds = T.training_set(a.data / "train.jsonl", hu_liu=False, harm=1.0)
    ntok = names.index("n_tokens_log")

    def transform(M, rs):
        M = M.tocsr().astype(np.float64)
        if a.inp == "raw":
            return M
        B = M.copy()
        B.data = np.where(lexical[B.indices], np.minimum(B.data, 1.0), B.data)
        B.data = np.where(B.indices == ntok, B.data / 7.0, B.data)
        if a.inp == "bin":
            return B
        if a.inp == "nbmax":
            return (B @ sp.diags(np.abs(rs).max(0))).tocsr()
        return sp.hstack([B @ sp.diags(r) for r in rs]).tocsr()

    nb = np.zeros((len(y), 3))
    mlp = np.zeros((len(y), 3))
    for tr, te in folds:
        nb[te] = T.NBLR(0.1, lexical).fit(X[tr], y[tr]).predict_proba(X[te])
        rs = nb_ratios(X[tr], y[tr], lexical) if a.inp.startswith("nb") else None
        Xtr, Xte = transform(X[tr], rs), transform(X[te], rs)
        for seed in range(a.seeds):
            m = MLPClassifier(hidden_layer_sizes=(a.hidden,), alpha=a.alpha,
                              early_stopping=bool(a.es), max_iter=a.iters,
                              learning_rate_init=a.lr, batch_size=a.batch, random_state=seed,
                              n_iter_no_change=10, validation_fraction=0.1)
            mlp[te] += m.fit(Xtr, y[tr]).predict_proba(Xte) / a.seeds

    def report(name: str, proba: np.ndarray) -> None:
        print(T.cv_row(name, proba, y, folds), flush=True)

    config = (f"inp={a.inp} h={a.hidden} alpha={a.alpha} es={a.es} seeds={a.seeds} "
              f"lr={a.lr} batch={a.batch}")
    report("NB-LR C=0.1 (shipped)", nb)
    report(f"MLP {config}", mlp)
    for w in (0.25, 0.5, 0.75):
        report(f"{w} NB-LR + {1 - w} MLP", w * nb + (1 - w) * mlp)
    print(f"{time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
