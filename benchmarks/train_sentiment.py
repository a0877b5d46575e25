"""Train the target-sentiment model and write framing/data/sentiment_model.json.

Reproducible: fixed folds and seeds; the same train.jsonl gives the same JSON. Uses only
NewsMTSC train (MIT licence, Hamborg & Donnay 2021): the score -> label thresholds are
chosen by 5-fold cross-validation on train, with folds grouped by sentence (targets of one
sentence never straddle folds); dev is never read here (benchmarks/eval_sentiment.py
reports it).

The model is NB-LR (Wang & Manning, ACL 2012): per class, one-vs-rest logistic regression
(C 0.1) over the featuriser's features (framing.features.sentiment.features: VADER- and
Hu & Liu-relative valence, words, harm verbs x HARM_SCALE), the lexical (name:word) ones
scaled by naive-Bayes log-count ratios (binarised counts, smoothing ALPHA); the ratios are
folded into the shipped weights. Plus dense columns: PPMI-SVD word vectors (Levy, Goldberg
& Dagan 2015; window +-WINDOW with 1/distance weights, context smoothing 0.75, DIMS
dimensions, words seen VEC_MIN_COUNT times) learnt from the distinct train sentences (no
labels), averaged over the five word groups of framing.features.sentiment.word_groups and
times VEC_SCALE. In the CV the vectors are rebuilt per fold from the training folds'
sentences only (inductive); the final model's come from all of train. The dense weights
are folded into a per-word table of logit contributions (`vectors.table` in the JSON).
The configuration is the one benchmarks/sentiment_vectors_cv.py scored (`--harm 3
--window 10 --huliu`); see benchmarks/RESULTS-sentiment.md.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/train_sentiment.py [--data ../shared/data/newsmtsc] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from scipy.sparse.linalg import svds
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold

from framing.features.sentiment import (
    CLASSES,
    HARM_SCALE,
    MODEL_FILE,
    WORD_GROUPS,
    features,
    hu_liu_lexicon,
    score_of,
    word_groups,
)
from framing.features.sentiment_features import _TOKEN

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
NB_C = 0.1  # NB-LR regularisation (the value every research CV row uses)
ALPHA = 1.0  # naive-Bayes smoothing of the log-count ratios
TOL = 1e-3
MIN_COUNT = 3  # a feature must fire on this many training targets to be kept
SEED = 0
# Word vectors (PPMI-SVD) and their dense columns.
DIMS = 100
WINDOW = 10
VEC_MIN_COUNT = 3
CDS = 0.75  # context distribution smoothing
EIG = 0.5  # singular value exponent
VEC_SCALE = 2.0  # the group means are multiplied by this before the fit


def load(path: Path, **options) -> tuple[list[dict[str, float]], np.ndarray, list[str]]:
    """Features (features(..., **options); default: the shipped set), labels, sentences."""
    feats, labels, sentences = [], [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            feats.append(features(row["sentence"], int(row["target_start"]), int(row["target_end"]),
                                  **options))
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


def cv_row(name: str, proba: np.ndarray, y: np.ndarray, folds) -> str:
    """One CV table row of the research scripts: name, macro-F1 argmax, macro-F1 with the
    thresholds chosen on these out-of-fold probabilities, the thresholds, per-fold argmax."""
    argmax = f1_score(y, proba.argmax(1), average="macro")
    per_fold = [f1_score(y[te], proba[te].argmax(1), average="macro") for _, te in folds]
    lo, hi, f1 = best_thresholds(np.array([score_of(tuple(r)) for r in proba]), y)
    return f"{name}\t{argmax:.4f}\t{f1:.4f}\t({lo}, {hi})\t" + " ".join(f"{v:.3f}" for v in per_fold)


def training_set(train_path: Path, fold_seed: int = SEED, **options):
    """(X, y, sentences, feature names, lexical-feature mask, CV folds) of train.jsonl:
    the pruned features (features(..., **options), default the shipped set) as a CSR
    matrix and the 5 folds, stratified and grouped by sentence, that every CV figure in
    RESULTS-sentiment.md uses (fold_seed 0)."""
    feats, y, sentences = load(train_path, **options)
    feats = prune(feats)
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(feats).tocsr()
    names = list(vec.get_feature_names_out())
    lexical = np.array([":" in name for name in names])
    groups = np.unique(sentences, return_inverse=True)[1]
    cv = StratifiedGroupKFold(5, shuffle=True, random_state=fold_seed)
    folds = list(cv.split(X, y, groups))
    return X, y, sentences, names, lexical, folds


def tokens(sentence: str) -> list[str]:
    """The featuriser's tokens of a sentence, lower-cased (punctuation included)."""
    return [m.group().lower() for m in _TOKEN.finditer(sentence)]


def distinct_sentences(sentences: list[str], toks: list[list[str]], idx) -> list[list[str]]:
    """Token lists of the distinct sentences among rows `idx`, in first-seen order."""
    seen, out = set(), []
    for i in idx:
        if sentences[i] not in seen:
            seen.add(sentences[i])
            out.append(toks[i])
    return out


def ppmi_svd(sentences: list[list[str]], window: int = WINDOW, dims: int = DIMS,
             min_count: int = VEC_MIN_COUNT, cds: float = CDS,
             eig: float = EIG) -> dict[str, np.ndarray]:
    """Unit-length PPMI-SVD vectors of words seen >= min_count times in `sentences`."""
    counts: dict[str, int] = {}
    for toks in sentences:
        for w in toks:
            counts[w] = counts.get(w, 0) + 1
    vocab = sorted(w for w, c in counts.items() if c >= min_count)
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for toks in sentences:
        ids = np.array([index.get(w, -1) for w in toks])
        for d in range(1, window + 1):
            if len(ids) <= d:
                break
            a, b = ids[:-d], ids[d:]
            ok = (a >= 0) & (b >= 0)
            if ok.any():
                w = np.full(int(ok.sum()), 1.0 / d)
                rows += [a[ok], b[ok]]
                cols += [b[ok], a[ok]]
                vals += [w, w]
    n = len(vocab)
    M = sp.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                      shape=(n, n)).tocsr()
    M.sum_duplicates()
    total = M.sum()
    pw = np.asarray(M.sum(1)).ravel() / total
    cc = np.asarray(M.sum(0)).ravel() ** cds
    pc = cc / cc.sum()
    M = M.tocoo()
    pmi = np.log((M.data / total) / (pw[M.row] * pc[M.col]))
    keep = pmi > 0
    P = sp.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=(n, n))
    rng = np.random.RandomState(0)
    U, s, _ = svds(P, k=dims, v0=rng.uniform(-1, 1, n))
    order = np.argsort(-s)
    V = U[:, order] * (s[order] ** eig)
    V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    return {w: V[i] for i, w in enumerate(vocab)}


def dense(groups: list[dict[str, list[str]]], vecs: dict[str, np.ndarray], dims: int = DIMS,
          scale: float = VEC_SCALE) -> np.ndarray:
    """Rows x (5 * dims): per group (WORD_GROUPS order), scale x the mean vector of its
    words that have one (zeros when none has)."""
    out = np.zeros((len(groups), len(WORD_GROUPS) * dims))
    for r, g in enumerate(groups):
        for j, k in enumerate(WORD_GROUPS):
            vs = [vecs[w] for w in g[k] if w in vecs]
            if vs:
                out[r, j * dims:(j + 1) * dims] = scale * np.mean(vs, axis=0)
    return out


def fold_table(coef_dense: np.ndarray, vecs: dict[str, np.ndarray], dims: int = DIMS,
               scale: float = VEC_SCALE) -> dict[str, list[float]]:
    """word -> 15 logit contributions scale * w[c, g] . v_word, group-major (WORD_GROUPS),
    rounded to 5 decimals; only alphabetic words (the only ones in word groups)."""
    W = coef_dense.reshape(3, len(WORD_GROUPS), dims)  # class x group x dim
    words = sorted(w for w in vecs if w.isalpha())
    V = np.array([vecs[w] for w in words])  # words x dim
    T = scale * np.einsum("cgd,wd->wgc", W, V).reshape(len(words), 3 * len(WORD_GROUPS))
    return {w: [round(float(v), 5) for v in T[i]] for i, w in enumerate(words)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=REPO / "framing" / "data" / MODEL_FILE)
    args = parser.parse_args(argv)
    train_path = args.data / "train.jsonl"
    started = time.perf_counter()
    X, y, sentences, names, lexical, folds = training_set(train_path)
    rows = [json.loads(line) for line in train_path.open(encoding="utf-8")]
    wg = [word_groups(r["sentence"], int(r["target_start"]), int(r["target_end"])) for r in rows]
    toks = [tokens(t) for t in sentences]
    lexical_full = np.concatenate([lexical, np.zeros(len(WORD_GROUPS) * DIMS, dtype=bool)])
    n_hl = sum(name.startswith(("hl", "by_hl")) for name in names)
    print(f"{len(names)} features ({n_hl} hl) on {len(y)} targets", file=sys.stderr)

    # Inductive CV: the vectors of each fold come from its training sentences only.
    proba = np.zeros((len(y), 3))
    for f, (tr, te) in enumerate(folds):
        vecs = ppmi_svd(distinct_sentences(sentences, toks, tr))
        Xf = sp.hstack([X, sp.csr_matrix(dense(wg, vecs))]).tocsr()
        proba[te] = NBLR(NB_C, lexical_full).fit(Xf[tr], y[tr]).predict_proba(Xf[te])
        print(f"fold {f} done {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    print(cv_row("NB-LR + Hu&Liu + vectors (CV)", proba, y, folds), file=sys.stderr)
    argmax_f1 = float(f1_score(y, proba.argmax(1), average="macro"))
    per_fold = [round(float(f1_score(y[te], proba[te].argmax(1), average="macro")), 4)
                for _, te in folds]
    lo, hi, cv_f1 = best_thresholds(np.array([score_of(tuple(row)) for row in proba]), y)
    print(f"NB-LR C={NB_C}; thresholds ({lo}, {hi}) CV macro-F1 {cv_f1:.4f} "
          f"(argmax {argmax_f1:.4f})", file=sys.stderr)

    # Final model: vectors from all train sentences.
    vecs = ppmi_svd(distinct_sentences(sentences, toks, range(len(y))))
    Xf = sp.hstack([X, sp.csr_matrix(dense(wg, vecs))]).tocsr()
    final = NBLR(NB_C, lexical_full).fit(Xf, y)
    n_sparse = len(names)
    coef_sparse, coef_dense = final.coef_[:, :n_sparse], final.coef_[:, n_sparse:]
    keep = [j for j in range(n_sparse) if np.abs(coef_sparse[:, j]).max() >= 1e-4]
    table = fold_table(coef_dense, vecs)
    hl = hu_liu_lexicon()
    data = {
        "model": "NB-weighted one-vs-rest LR over target-relative VADER and Hu & Liu "
        "valence, word and harm-verb (x3) features, plus NewsMTSC-train PPMI-SVD word "
        "vectors averaged over five word groups (folded into a per-word logit table)",
        "classes": list(CLASSES),
        "score": "sign(P(pos) - P(neg)) * (1 + max(P(pos), P(neg)) - P(neutral)) / 2",
        "thresholds": {"negative": lo, "positive": hi},
        "weights": [1.0],
        "feature_names": [names[j] for j in keep],
        "components": [
            {
                "name": "nb-lr (one-vs-rest logits)",
                "intercept": [round(float(v), 5) for v in final.intercept_],
                "coef": [[round(float(coef_sparse[k, j]), 5) for j in keep] for k in range(3)],
            }
        ],
        "vectors": {
            "about": "logit_c += sum over groups g of the mean of table[w][3*g + c] over the "
            "words w of group g that have a row (framing.features.sentiment.word_groups); "
            "table[w][3*g + c] = scale * w[c, g] . v_w",
            "groups": list(WORD_GROUPS),
            "method": "PPMI-SVD (Levy, Goldberg & Dagan 2015) on the distinct NewsMTSC "
            "train sentences, lower-cased featuriser tokens",
            "dims": DIMS,
            "window": WINDOW,
            "weighting": "1/distance",
            "min_count": VEC_MIN_COUNT,
            "cds": CDS,
            "eig": EIG,
            "scale": VEC_SCALE,
            "words": len(table),
            "table": table,
        },
        "training": {
            "data": "NewsMTSC train.jsonl (MIT licence; Hamborg & Donnay, EACL 2021)",
            "rows": int(len(y)),
            "sha256": hashlib.sha256(train_path.read_bytes()).hexdigest(),
            "C": {"nb-lr": NB_C},
            "nb_alpha": ALPHA,
            "harm_scale": HARM_SCALE,
            "lexicons": {
                "vader": "vaderSentiment (MIT), read at run time",
                "hu_liu": f"lexicons/sentiment/hu-liu-*.txt (CC BY 4.0; Hu & Liu, KDD 2004), "
                f"{sum(v > 0 for v in hl.values())} positive, "
                f"{sum(v < 0 for v in hl.values())} negative, "
                f"{sum(v == 0 for v in hl.values())} in both",
            },
            "cv_folds": "5, stratified, grouped by sentence; vectors rebuilt per fold "
            "from the training folds (inductive)",
            "cv_macro_f1_argmax": round(argmax_f1, 4),
            "cv_macro_f1": round(cv_f1, 4),
            "cv_macro_f1_argmax_per_fold": per_fold,
            "min_feature_count": MIN_COUNT,
            "seed": SEED,
            "sklearn": sklearn.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "script": "benchmarks/train_sentiment.py",
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(keep)} features, {len(table)} words in the vector table, "
          f"{args.out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
