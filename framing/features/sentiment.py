"""Target-dependent sentiment: how a sentence speaks of one span in it (issue 5, part 3).

Sentence-level VADER cannot tell "Russia bombed Ukraine" for Russia from the same words
for Ukraine. Here VADER's lexicon and negation rule are read relative to the target:
valence left and right of it at several distances, inside its clause, inside vs outside
quotes, whether it is the speaker of a report, plus the words next to it and of the
target itself. Two linear models trained on NewsMTSC (benchmarks/train_sentiment.py), an
NB-weighted one-vs-rest logistic regression and a multinomial one, combine them and their
probabilities are averaged; the coefficients ship as JSON (framing/data/sentiment_model.json) and are applied here
with plain Python dot products, so inference needs neither scikit-learn nor numpy.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Literal

from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

__all__ = [
    "CLASSES",
    "target_sentiment",
    "target_probabilities",
    "classify",
    "score_of",
    "features",
    "load_model",
    "vader_lexicon",
]

Label = Literal["negative", "neutral", "positive"]
CLASSES: tuple[Label, Label, Label] = ("negative", "neutral", "positive")
MODEL_FILE = "sentiment_model.json"

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_QUOTES = frozenset('"“”«»')
# Tokens that open a new clause; valence beyond them says less about the target.
_CLAUSE_BREAKS = frozenset(
    ", ; : — – ( ) [ ] but although though while whereas because after before when since "
    "which who whom whose that if unless despite however and or".split()
)
_REPORT_VERBS = frozenset(
    "said says say told tells stated states added adds wrote writes argued argues claimed "
    "claims noted notes explained explains asked asks replied insisted insists warned warns "
    "announced announces tweeted tweets declared declares testified responded recalled".split()
)
# Verbs of harm (our own list, after Connotation Frames, Rashkin et al. 2016): the doer is
# cast as antagonist, the one it is done to as victim.
_HARM = re.compile(
    r"(?:attack|bomb|shell|kill|invad|invasion|destroy|destruct|strik|struck|shoot|shot|"
    r"murder|tortur|rape|raping|loot|occup|besieg|threat|massacr|execut|abduct|deport|"
    r"pound|raid|seiz|annex|violat|slaughter|assault|wound|injur|terroriz|persecut|"
    r"oppress|abus|harass|intimidat|blockad|starv|aggress)"
)
_PASSIVE = frozenset("was were been being is are be get got".split())
_NEGATORS = frozenset(w.replace("'", "’") for w in NEGATE) | frozenset(NEGATE) | {"no", "not"}
# Distance bins (in tokens) for the left/right valence windows.
_BINS: tuple[tuple[int, str], ...] = ((1, "1"), (3, "3"), (6, "6"), (12, "12"), (10_000, "far"))
_BOW_WINDOW = 4  # words this close to the target become lexical features
_NEGATION_SCALE = -0.74  # VADER's N_SCALAR
_VALENCE_SCALE = 4.0  # VADER ratings run -4..+4


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's token -> mean valence (-4..+4), read from the installed vaderSentiment."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(
        encoding="utf-8"
    )
    lexicon: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            lexicon[parts[0]] = float(parts[1])
    return lexicon


class _Sentence:
    """Tokens of one sentence with their valence, clause and quote membership."""

    __slots__ = ("starts", "ends", "words", "valence", "clause", "quoted", "text")

    def __init__(self, text: str) -> None:
        lexicon = vader_lexicon()
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(m.group().lower())
        n = len(self.words)
        self.valence = [0.0] * n
        self.clause = [0] * n
        self.quoted = [False] * n
        clause, inside = 0, False
        for i, word in enumerate(self.words):
            if word in _QUOTES:
                inside = (not inside) if word == '"' else word in "“«"
                clause += 1
                self.quoted[i] = inside
                self.clause[i] = clause
                continue
            if word in _CLAUSE_BREAKS:
                clause += 1
            self.clause[i] = clause
            self.quoted[i] = inside
            value = lexicon.get(word)
            if value is None and "’" in word:
                value = lexicon.get(word.replace("’", "'"))
            if value:
                window = self.words[max(0, i - 3) : i]
                if any(w in _NEGATORS and w not in lexicon for w in window):
                    value *= _NEGATION_SCALE
                if i and self.words[i - 1] in BOOSTER_DICT:
                    value += math.copysign(abs(BOOSTER_DICT[self.words[i - 1]]), value)
                self.valence[i] = value / _VALENCE_SCALE


@lru_cache(maxsize=4096)
def _sentence(text: str) -> _Sentence:
    return _Sentence(text)


def _check_span(text: str, start: int, end: int) -> None:
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span [{start}, {end}) is outside the text (length {len(text)})")


def _bin(distance: int) -> str:
    for limit, name in _BINS:
        if distance <= limit:
            return name
    return "far"  # pragma: no cover


def _target_range(s: _Sentence, start: int, end: int) -> tuple[int, int, int]:
    """(lo, hi, clause): the target's word indexes s.words[lo:hi] and the clause it sits in.

    An empty or whitespace span is a zero-width target before the first word at `start`."""
    n = len(s.words)
    inside = [i for i in range(n) if s.starts[i] < end and s.ends[i] > start]
    if not inside:
        lo = hi = next((i for i in range(n) if s.starts[i] >= start), n)
    else:
        lo, hi = inside[0], inside[-1] + 1
    return lo, hi, s.clause[lo] if lo < n else (s.clause[-1] if n else 0)


def features(text: str, start: int, end: int) -> dict[str, float]:
    """Named feature values for the span text[start:end] (shared by training and inference)."""
    _check_span(text, start, end)
    s = _sentence(text)
    n = len(s.words)
    lo, hi, anchor_clause = _target_range(s, start, end)
    f: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        if value:
            f[name] = f.get(name, 0.0) + value

    # The target's own words: some mentions are valenced or carry a prior ("terrorists",
    # "the regime", a pronoun); the model learns them as T:word.
    for i in range(lo, hi):
        if s.words[i].isalpha():
            add(f"T:{s.words[i]}")
    target_quoted = lo < n and any(s.quoted[lo:hi])
    add("tq", float(target_quoted))
    total = 0.0
    for i in range(n):
        if lo <= i < hi:
            continue
        v = s.valence[i]
        side, distance = ("L", lo - i) if i < lo else ("R", i - hi + 1)
        word = s.words[i]
        if word.isalpha():
            add(f"W:{word}")
            if s.clause[i] == anchor_clause:
                add(f"C{side}:{word}")
            if distance <= _BOW_WINDOW:
                add(f"{side}:{word}")
                if distance == 1:
                    add(f"{side}1:{word}")
        if not v:
            continue
        total += v
        sign = "p" if v > 0 else "n"
        add(f"{side}{_bin(distance)}{sign}", abs(v))
        add(f"w{sign}", abs(v) / distance)
        if s.clause[i] == anchor_clause:
            add(f"C{side}{sign}", abs(v))
        if s.quoted[i] and not target_quoted:
            add(f"Q{sign}", abs(v))
        elif not s.quoted[i]:
            add(f"O{sign}", abs(v))
        add(f"S{sign}", abs(v))
    add("compound", total / math.sqrt(total * total + 15.0 / 16.0) if total else 0.0)
    right2 = "_".join(s.words[hi : hi + 2])
    left2 = "_".join(s.words[max(0, lo - 2) : lo])
    add(f"R2:{right2}")
    add(f"L2:{left2}")
    # Speaker of a report: "X said", "said X", "according to X".
    right = s.words[hi : hi + 3]
    left = s.words[max(0, lo - 2) : lo]
    if any(w in _REPORT_VERBS for w in right) or (left and left[-1] in _REPORT_VERBS) or (
        left[-2:] == ["according", "to"]
    ):
        add("speaker")
    harm = [i for i in range(n) if not lo <= i < hi and _HARM.match(s.words[i])]
    by_agent = lo > 0 and s.words[lo - 1] == "by"
    for i in harm:
        if i >= hi and i - hi < 6 and s.clause[i] == anchor_clause:
            passive = s.words[i - 1] in _PASSIVE or (i > 1 and s.words[i - 2] in _PASSIVE)
            add("harm_patient" if passive else "harm_agent")
        elif i < lo and lo - i <= 12:
            add("harm_agent" if by_agent and lo - i <= 4 else "harm_patient")
    if by_agent:
        add("by_agent")
        for name in ("CLn", "CLp"):
            if name in f:
                add(f"by_{name}", f[name])
    add("n_tokens_log", math.log1p(n))
    return f


# -- the shipped model -------------------------------------------------------------------------


class _Model:
    """A weighted average of softmax-over-logits linear components over one feature list.

    Component 0 is NB-weighted one-vs-rest logistic regression (Wang & Manning 2012: the
    naive-Bayes log-count ratios are folded into its weights, so it is linear in the raw
    features); component 1 is a plain multinomial logistic regression. Each gives three
    logits; their softmaxes are averaged with the shipped weights. A component whose
    weight is 0 is dropped at load time (one dot product instead of two).
    """

    __slots__ = ("weights", "intercepts", "mix", "thresholds", "meta")

    def __init__(self, data: dict) -> None:
        names: list[str] = data["feature_names"]
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"{MODEL_FILE}: classes must be {CLASSES}")
        comps = data["components"]
        mix = [float(w) for w in data.get("weights", [1.0 / len(comps)] * len(comps))]
        if not 1 <= len(comps) <= 2 or len(mix) != len(comps):
            raise ValueError(f"{MODEL_FILE}: expected one or two components with weights")
        if any(len(comp["coef"]) != 3 or len(comp["intercept"]) != 3 for comp in comps):
            raise ValueError(f"{MODEL_FILE}: each component needs three classes")
        used = [k for k, w in enumerate(mix) if w > 0]
        rows = [row for k in used for row in comps[k]["coef"]]  # 3 rows per component
        self.weights = {name: tuple(row[j] for row in rows) for j, name in enumerate(names)}
        self.intercepts = tuple(v for k in used for v in comps[k]["intercept"])
        self.mix = tuple(mix[k] for k in used)
        lo, hi = data["thresholds"]["negative"], data["thresholds"]["positive"]
        self.thresholds = (float(lo), float(hi))
        self.meta = {k: v for k, v in data.items() if k not in ("components", "feature_names")}

    def probabilities(self, feats: dict[str, float]) -> tuple[float, float, float]:
        weights = self.weights
        if len(self.mix) == 1:
            a, b, c = self.intercepts
            for name, value in feats.items():
                w = weights.get(name)
                if w is not None:
                    a += w[0] * value
                    b += w[1] * value
                    c += w[2] * value
            return _softmax(a, b, c)
        a, b, c, d, e, g = self.intercepts
        for name, value in feats.items():
            w = weights.get(name)
            if w is not None:
                a += w[0] * value
                b += w[1] * value
                c += w[2] * value
                d += w[3] * value
                e += w[4] * value
                g += w[5] * value
        (pa, pb, pc), (pd, pe, pg) = _softmax(a, b, c), _softmax(d, e, g)
        w1, w2 = self.mix
        return pa * w1 + pd * w2, pb * w1 + pe * w2, pc * w1 + pg * w2


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
    return _model().probabilities(features(text, start, end))


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
