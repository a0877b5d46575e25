"""Target-dependent sentiment: how a sentence speaks of one span in it (issue 5, part 3).

Sentence-level VADER cannot tell "Russia bombed Ukraine" for Russia from the same words
for Ukraine. The target-relative features (VADER and Hu & Liu valence around the target,
nearby words, harm verbs) are made in sentiment_features.py; this module holds the model
that scores them.

The model (benchmarks/train_sentiment.py, NewsMTSC train) is an NB-weighted one-vs-rest
logistic regression (Wang & Manning 2012) over these features plus dense word-vector
columns: PPMI-SVD vectors learnt from the NewsMTSC train sentences, averaged over five
word groups around the target (`word_groups`: 4 words left, 4 right, the target, its
clause, the sentence). The average is linear in the vectors, so the shipped JSON
(framing/data/sentiment_model.json) holds, per word and group, the three logit
contributions of its vector (`vectors.table`); inference adds, per group, the mean of the
table rows of the group's words that have one. Everything is applied with plain Python
arithmetic, so inference needs neither scikit-learn nor numpy.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Literal

from framing.features.sentiment_features import (
    HARM_SCALE,
    WORD_GROUPS,
    _BOW_WINDOW,
    _check_span,
    _features,
    _sentence,
    _Sentence,
    _target_range,
    features,
    hu_liu_lexicon,
    vader_lexicon,
    word_groups,
)

__all__ = [
    "CLASSES",
    "target_sentiment",
    "target_probabilities",
    "classify",
    "score_of",
    "features",
    "word_groups",
    "load_model",
    "vader_lexicon",
    "hu_liu_lexicon",
    "HARM_SCALE",
    "WORD_GROUPS",
]

Label = Literal["negative", "neutral", "positive"]
CLASSES: tuple[Label, Label, Label] = ("negative", "neutral", "positive")
MODEL_FILE = "sentiment_model.json"


class _Model:
    """One linear component over the feature list, softmax over its three logits, plus
    (optionally) the folded word-vector table added to those logits.

    The component is NB-weighted one-vs-rest logistic regression (Wang & Manning 2012: the
    naive-Bayes log-count ratios are folded into its weights, so it is linear in the raw
    features). The JSON keeps a `components` list with `weights` (earlier models averaged
    two); exactly one may have a weight above 0, and the others are dropped at load time.

    `vectors.table` maps a word to 15 numbers, group-major (WORD_GROUPS order), three
    classes each: scale * w[c, g] . v_word. For each group with n >= 1 words that have a
    row, the logit c gains the mean of their entries for (g, c).
    """

    __slots__ = ("weights", "intercepts", "thresholds", "meta", "table")

    def __init__(self, data: dict) -> None:
        names: list[str] = data["feature_names"]
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"{MODEL_FILE}: classes must be {CLASSES}")
        comps = data["components"]
        mix = [float(w) for w in data.get("weights", [1.0 / len(comps)] * len(comps))]
        if not comps or len(mix) != len(comps):
            raise ValueError(f"{MODEL_FILE}: expected components with one weight each")
        if any(len(comp["coef"]) != 3 or len(comp["intercept"]) != 3 for comp in comps):
            raise ValueError(f"{MODEL_FILE}: each component needs three classes")
        used = [k for k, w in enumerate(mix) if w > 0]
        if len(used) != 1:
            raise ValueError(f"{MODEL_FILE}: exactly one component must have a weight above 0")
        vectors = data.get("vectors")
        self.table: dict[str, tuple[float, ...]] = {}
        if vectors is not None:
            if tuple(vectors["groups"]) != WORD_GROUPS or used[0] != 0:
                raise ValueError(f"{MODEL_FILE}: vectors need groups {WORD_GROUPS} and component 0")
            width = 3 * len(WORD_GROUPS)
            # only alphabetic words form groups (_word_groups); skip anything else
            self.table = {w: tuple(row) for w, row in vectors["table"].items() if w.isalpha()}
            if any(len(row) != width for row in self.table.values()):
                raise ValueError(f"{MODEL_FILE}: each vectors.table row needs {width} numbers")
        rows = comps[used[0]]["coef"]
        self.weights = {name: tuple(row[j] for row in rows) for j, name in enumerate(names)}
        self.intercepts = tuple(comps[used[0]]["intercept"])
        lo, hi = data["thresholds"]["negative"], data["thresholds"]["positive"]
        self.thresholds = (float(lo), float(hi))
        self.meta = {
            k: v for k, v in data.items() if k not in ("components", "feature_names", "vectors")
        }

    def dense_logits(self, s: _Sentence, lo: int, hi: int, anchor_clause: int) -> tuple[float, float, float]:
        """The word-vector part of the logits (0 without a table); the groups
        are those of _word_groups, walked in one pass."""
        table = self.table
        if not table:
            return 0.0, 0.0, 0.0
        # per group: number of words with a row, and the three sums (L R T C S)
        count = [0, 0, 0, 0, 0]
        sums = [0.0] * 15
        clause = s.clause
        cached = s.vector_rows
        if cached is None or cached[0] is not table:
            # tokens without a row have no vector (or are not alphabetic: the table has
            # only words), so they are in no group's mean
            found = tuple([(i, row) for i, row in enumerate(map(table.get, s.words)) if row is not None])
            cached = s.vector_rows = (table, found)
        for i, row in cached[1]:
            if lo <= i < hi:
                count[2] += 1
                sums[6] += row[6]
                sums[7] += row[7]
                sums[8] += row[8]
                continue
            if i < lo:
                if lo - i <= _BOW_WINDOW:
                    count[0] += 1
                    sums[0] += row[0]
                    sums[1] += row[1]
                    sums[2] += row[2]
            elif i - hi + 1 <= _BOW_WINDOW:
                count[1] += 1
                sums[3] += row[3]
                sums[4] += row[4]
                sums[5] += row[5]
            if clause[i] == anchor_clause:
                count[3] += 1
                sums[9] += row[9]
                sums[10] += row[10]
                sums[11] += row[11]
            count[4] += 1
            sums[12] += row[12]
            sums[13] += row[13]
            sums[14] += row[14]
        a = b = c = 0.0
        for g in range(5):
            if count[g]:
                k = 3 * g
                a += sums[k] / count[g]
                b += sums[k + 1] / count[g]
                c += sums[k + 2] / count[g]
        return a, b, c

    def probabilities(
        self, feats: dict[str, float], dense: tuple[float, float, float] = (0.0, 0.0, 0.0)
    ) -> tuple[float, float, float]:
        """Class probabilities from the features and the dense (word-vector) logits."""
        weights = self.weights
        a, b, c = self.intercepts
        a, b, c = a + dense[0], b + dense[1], c + dense[2]
        for name, value in feats.items():
            w = weights.get(name)
            if w is not None:
                a += w[0] * value
                b += w[1] * value
                c += w[2] * value
        return _softmax(a, b, c)


def _softmax(a: float, b: float, c: float) -> tuple[float, float, float]:
    top = max(a, b, c)
    ea, eb, ec = math.exp(a - top), math.exp(b - top), math.exp(c - top)
    total = ea + eb + ec
    return ea / total, eb / total, ec / total


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model(load_model())


def load_model() -> dict:
    """The shipped model as plain data (coefficients, thresholds, provenance)."""
    text = resources.files("framing").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def target_probabilities(text: str, start: int, end: int) -> tuple[float, float, float]:
    """P(negative), P(neutral), P(positive) of the sentiment toward text[start:end]."""
    _check_span(text, start, end)
    s = _sentence(text)
    lo, hi, anchor_clause = _target_range(s, start, end)
    model = _model()
    feats = _features(s, lo, hi, anchor_clause, True, HARM_SCALE)
    return model.probabilities(feats, model.dense_logits(s, lo, hi, anchor_clause))


def target_sentiment(text: str, start: int, end: int) -> float:
    """Sentiment in [-1, 1] toward the span text[start:end] within `text` (a sentence).

    The score is the signed margin of the shipped model (`score_of`): its sign is the
    likelier polarity, and its size passes 0.5 when that polarity beats neutral; `classify`
    maps it to a label with thresholds chosen on the training data. Raises ValueError when the span
    lies outside `text`; an empty span scores the context around its position.
    """
    return score_of(target_probabilities(text, start, end))


def score_of(probabilities: tuple[float, float, float]) -> float:
    """Signed margin: direction of P(pos) vs P(neg), size (1 + P(polar) - P(neutral)) / 2.

    |score| > 0.5 exactly when the stronger polar class beats neutral, so one pair of
    thresholds reproduces the model's 3-way decision (P(pos) - P(neg) lost ~5 points of
    macro-F1 under thresholds, see benchmarks/RESULTS-sentiment.md).
    """
    negative, neutral, positive = probabilities
    if positive == negative:
        return 0.0
    polar = max(positive, negative)
    size = (1.0 + polar - neutral) / 2.0
    return max(-1.0, min(1.0, size if positive > negative else -size))


def classify(score: float) -> Label:
    """"negative" / "neutral" / "positive" for a target_sentiment score (shipped thresholds)."""
    lo, hi = _model().thresholds
    if score <= lo:
        return "negative"
    if score >= hi:
        return "positive"
    return "neutral"
