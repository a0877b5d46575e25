"""Inductive CV of NB-LR + NewsMTSC-only word vectors (PPMI-SVD) on NewsMTSC train.

Research script for benchmarks/RESULTS-sentiment.md ("fifth session, second try");
nothing here ships. It rebuilds the "NewsMTSC-only vectors" candidate: PPMI-SVD word
vectors (Levy, Goldberg & Dagan 2015: window +-5 with 1/distance weights, context
distribution smoothing 0.75, `--dims` dimensions, min count 3) learnt from the distinct
sentences only (no labels). For each target, five word groups (alphabetic words, as in the
featuriser): 4 words left, 4 words right, the target's words, its clause and the sentence
(the last two without the target); the mean of the group's unit-length word vectors,
times `--scale`, becomes dense (non-NB-scaled) columns of the trainer's NB-LR. The mean
is linear in the word vectors, so at inference this would fold into a per-word table of
logit contributions.

Inductive (default): per fold, the vectors are rebuilt from the training folds' sentences
only. `--transductive` builds them once from all train sentences. Uses the trainer's
featuriser, pruning, folds (StratifiedGroupKFold, 5 folds grouped by sentence, seed 0),
NB-LR and threshold grid; reads train.jsonl only (never dev).

`--huliu [DIR]` also adds the target-relative Hu & Liu opinion-lexicon features (prefix
`hl`; now the package's: framing.features.sentiment.features(..., hu_liu=True), lists in
lexicons/sentiment/, provenance and licence in lexicons/SOURCES.md) to the featuriser's
features before pruning; a DIR is only checked to hold the same lists (see
benchmarks/sentiment_lexicons_cv.py). Without `--huliu` the features are the earlier set
(`hu_liu=False`); the harm columns are always computed x1 and multiplied by `--harm`
after vectorising. The PPMI-SVD vectors (`ppmi_svd`), the dense group means (`dense`)
come from benchmarks/train_sentiment.py and the word groups from the package
(`word_groups`); `--harm 3 --window 10 --huliu` is the configuration the trainer ships.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/sentiment_vectors_cv.py --harm 3 --window 10
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/sentiment_vectors_cv.py --harm 3 --window 10 \
        --huliu /tmp/huliu
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sentiment_lexicons_cv as L  # noqa: E402
import train_sentiment as T  # noqa: E402

from framing.features import sentiment_features as S  # noqa: E402

GROUPS = S.WORD_GROUPS
ppmi_svd = T.ppmi_svd
word_groups = S.word_groups
dense = T.dense


def training_set(train_path: Path, huliu: bool, fold_seed: int):
    """T.training_set with the earlier features (harm x1), optionally with the Hu & Liu
    `hl` features, and with the folds' seed as a parameter (T.SEED gives the trainer's)."""
    return T.training_set(train_path, fold_seed, hu_liu=huliu, harm=1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--eig", type=float, default=0.5, help="singular value exponent")
    ap.add_argument("--scale", type=float, default=2.0)
    ap.add_argument("--harm", type=float, default=1.0,
                    help="multiplier on harm_agent/harm_patient/by_agent columns")
    ap.add_argument("--transductive", action="store_true")
    ap.add_argument("--second", action="store_true",
                    help="also average with a second NB-LR (alpha 0.25) on the same inputs")
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--huliu", type=Path, nargs="?", const=Path(), default=None, metavar="DIR",
                    help="also add the Hu & Liu `hl` features (bundled lists; a DIR is "
                    "checked to hold the same lists)")
    ap.add_argument("--fold-seed", type=int, default=T.SEED,
                    help="seed of the grouped folds (default: the trainer's 0); other seeds "
                    "are a robustness check of a difference, not a new comparison")
    a = ap.parse_args(argv)
    if a.huliu is not None and a.huliu != Path():
        error = L.check_hu_liu(a.huliu)
        if error:
            print(error, file=sys.stderr)
            return 2

    started = time.perf_counter()
    rows = [json.loads(line) for line in (a.data / "train.jsonl").open(encoding="utf-8")]
    X, y, sentences, names, lexical, folds = training_set(
        a.data / "train.jsonl", a.huliu is not None, a.fold_seed)
    n_hl = sum(n.startswith(("hl", "by_hl")) for n in names)
    print(f"{len(names)} features ({n_hl} hl)", file=sys.stderr)
    if a.harm != 1.0:
        mult = np.ones(len(names))
        for nm in ("harm_agent", "harm_patient", "by_agent"):
            mult[names.index(nm)] = a.harm
        X = (X @ sp.diags(mult)).tocsr()
    wg = [word_groups(r["sentence"], int(r["target_start"]), int(r["target_end"])) for r in rows]
    toks = [[m.group().lower() for m in S._TOKEN.finditer(t)] for t in sentences]

    def corpus(idx) -> list[list[str]]:
        return T.distinct_sentences(sentences, toks, idx)

    lexical_full = np.concatenate([lexical, np.zeros(len(GROUPS) * a.dims, dtype=bool)])
    if a.transductive and not a.no_vectors:
        vecs = ppmi_svd(corpus(range(len(y))), a.window, a.dims, a.min_count, eig=a.eig)
        D_all = dense(wg, vecs, a.dims, a.scale)
    nb = np.zeros((len(y), 3))
    nb2 = np.zeros((len(y), 3))
    for f, (tr, te) in enumerate(folds):
        if a.no_vectors:
            Xf, lex = X, lexical
        else:
            if a.transductive:
                D = D_all
            else:
                vecs = ppmi_svd(corpus(tr), a.window, a.dims, a.min_count, eig=a.eig)
                D = dense(wg, vecs, a.dims, a.scale)
            Xf, lex = sp.hstack([X, sp.csr_matrix(D)]).tocsr(), lexical_full
        nb[te] = T.NBLR(0.1, lex).fit(Xf[tr], y[tr]).predict_proba(Xf[te])
        if a.second:
            old = T.ALPHA
            T.ALPHA = 0.25
            nb2[te] = T.NBLR(0.1, lex).fit(Xf[tr], y[tr]).predict_proba(Xf[te])
            T.ALPHA = old
        print(f"fold {f} done {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)

    def report(name: str, proba: np.ndarray) -> None:
        print(T.cv_row(name, proba, y, folds), flush=True)

    config = ("no vectors" if a.no_vectors else
              f"{'transductive' if a.transductive else 'inductive'} d={a.dims} "
              f"win={a.window} min={a.min_count} eig={a.eig} x{a.scale}") + f" harm x{a.harm}"
    if a.huliu is not None:
        config += " + Hu&Liu"
    if a.fold_seed != T.SEED:
        config += f" fold seed {a.fold_seed}"
    report(f"NB-LR [{config}]", nb)
    if a.second:
        for w in (0.5, 0.75):
            report(f"{w} NB-LR + {1 - w} NB-LR(alpha .25) [{config}]", w * nb + (1 - w) * nb2)
    print(f"{time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
