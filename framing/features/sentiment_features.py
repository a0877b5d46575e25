"""Target-relative sentiment features: how a sentence speaks of one span in it.

The featuriser of the target-dependent sentiment model (sentiment.py holds the model).
VADER's lexicon and negation rule are read relative to the target: valence left and right
of it at several distances, inside its clause, inside vs outside quotes, whether it is
the speaker of a report, plus the words next to it and of the target itself; the Hu & Liu
opinion lexicon (KDD 2004, lexicons/sentiment/) gives a second set of the same
target-relative valence features (prefix `hl`), and the harm-verb features
(`harm_agent`, `harm_patient`, `by_agent`) count three times (HARM_SCALE). `word_groups`
gives the five word groups of the dense word-vector part (WORD_GROUPS).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from typing import Sequence

from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

__all__ = ["features", "word_groups", "vader_lexicon", "hu_liu_lexicon", "HARM_SCALE", "WORD_GROUPS"]

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
# Hu & Liu opinion lexicon (bundled, lexicons/sentiment/; see lexicons/SOURCES.md).
HU_LIU_FILES = ("sentiment/hu-liu-positive.txt", "sentiment/hu-liu-negative.txt")
HU_LIU_COUNTS = (2006, 4783)  # the published list sizes
# The harm features count this many times (they carry the agent/victim contrast).
HARM_SCALE = 3.0
_HARM_FEATURES = ("harm_agent", "harm_patient", "by_agent")
# Word groups of the dense (word-vector) part: left window, right window, target, the
# target's clause, the sentence (the last two without the target's words).
WORD_GROUPS = ("L", "R", "T", "C", "S")


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


def _word_list(name: str) -> list[str]:
    """Words of a bundled Hu & Liu list, one a line; `;` comments and blank lines skipped."""
    from framing.lexicons import bundled

    text = bundled(name).read_bytes().decode("utf-8", errors="replace")
    return [w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith(";")]


@lru_cache(maxsize=1)
def hu_liu_lexicon() -> dict[str, float]:
    """Hu & Liu opinion lexicon: word -> +1.0 (positive list) / -1.0 (negative list); the
    three words in both lists ("envious", "enviously", "enviousness") get 0.0."""
    pos, neg = (set(_word_list(name)) for name in HU_LIU_FILES)
    return {w: float((w in pos) - (w in neg)) for w in pos | neg if " " not in w}


class _Sentence:
    """Tokens of one sentence with their valence, clause and quote membership."""

    __slots__ = (
        "starts", "ends", "words", "valence", "hu_liu", "clause", "quoted", "text", "vector_rows"
    )

    def __init__(self, text: str) -> None:
        lexicon = vader_lexicon()
        opinion = hu_liu_lexicon()
        self.text = text
        starts: list[int] = []
        ends: list[int] = []
        words: list[str] = []
        for m in _TOKEN.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            words.append(m.group().lower())
        n = len(words)
        valence = [0.0] * n
        hu_liu = [0.0] * n
        clause_of = [0] * n
        quoted = [False] * n
        clause, inside = 0, False
        for i, word in enumerate(words):
            if word in _QUOTES:
                inside = (not inside) if word == '"' else word in "“«"
                clause += 1
                quoted[i] = inside
                clause_of[i] = clause
                continue
            if word in _CLAUSE_BREAKS:
                clause += 1
            clause_of[i] = clause
            quoted[i] = inside
            value = lexicon.get(word)
            if value is None and "’" in word:
                value = lexicon.get(word.replace("’", "'"))
            if value:
                window = words[max(0, i - 3) : i]
                if any(w in _NEGATORS and w not in lexicon for w in window):
                    value *= _NEGATION_SCALE
                if i and words[i - 1] in BOOSTER_DICT:
                    value += math.copysign(abs(BOOSTER_DICT[words[i - 1]]), value)
                valence[i] = value / _VALENCE_SCALE
            # Hu & Liu: +1 / -1, times VADER's negation factor after any negator in the 3
            # words before (no lexicon exemption, unlike VADER's rule above).
            opinion_value = opinion.get(word.replace("’", "'"))
            if opinion_value:
                if any(w in _NEGATORS for w in words[max(0, i - 3) : i]):
                    opinion_value *= _NEGATION_SCALE
                hu_liu[i] = opinion_value
        # Tuples, not lists: up to 4,096 sentences stay cached (_sentence), and the garbage
        # collector stops visiting a tuple of numbers or strings after its first pass, but
        # visits every item of a list in every full collection (about 1M items in all).
        self.starts: tuple[int, ...] = tuple(starts)
        self.ends: tuple[int, ...] = tuple(ends)
        self.words: tuple[str, ...] = tuple(words)
        self.valence: tuple[float, ...] = tuple(valence)
        self.hu_liu: tuple[float, ...] = tuple(hu_liu)
        self.clause: tuple[int, ...] = tuple(clause_of)
        self.quoted: tuple[bool, ...] = tuple(quoted)
        # (table, ((i, row), ...)): the tokens with a row in a model's vector table, filled
        # in by _Model.dense_logits on first use (several targets share a sentence)
        self.vector_rows: tuple[dict, tuple[tuple[int, tuple[float, ...]], ...]] | None = None


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


def features(
    text: str, start: int, end: int, *, hu_liu: bool = True, harm: float = HARM_SCALE
) -> dict[str, float]:
    """Named feature values for the span text[start:end] (shared by training and inference).

    The defaults are the shipped model's features; `hu_liu=False, harm=1.0` gives the
    earlier VADER-only feature set (research scripts compare against it)."""
    _check_span(text, start, end)
    s = _sentence(text)
    lo, hi, anchor_clause = _target_range(s, start, end)
    return _features(s, lo, hi, anchor_clause, hu_liu, harm)


def _features(
    s: _Sentence, lo: int, hi: int, anchor_clause: int, hu_liu: bool, harm_scale: float
) -> dict[str, float]:
    n = len(s.words)
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
        left[-2:] == ("according", "to")
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
    if hu_liu:
        _add_relative_valence(f, s, lo, hi, anchor_clause, s.hu_liu, "hl")
    if harm_scale != 1.0:
        for name in _HARM_FEATURES:
            if name in f:
                f[name] *= harm_scale
    return f


def _add_relative_valence(
    f: dict[str, float],
    s: _Sentence,
    lo: int,
    hi: int,
    anchor_clause: int,
    values: Sequence[float],
    prefix: str,
    signed: bool = True,
) -> None:
    """Add to `f` target-relative features of one series of per-token values (a lexicon's
    valences), named `prefix` + the VADER feature names: side x distance bin x sign
    (`hlL3n`), 1/distance sums (`hlwp`), same clause (`hlCLp`), quoted / outside quotes
    (`hlQn`, `hlOp`), sentence (`hlSp`), the target's own words (`hlTn`), a compound of
    the sentence sum, and the `by_` copies of the clause-left sums after "by". Unsigned
    series (`signed=False`, e.g. subjectivity) get no sign letter, compound or `by_`."""
    n = len(s.words)
    target_quoted = lo < n and any(s.quoted[lo:hi])

    def add(name: str, value: float) -> None:
        if value:
            f[name] = f.get(name, 0.0) + value

    total = 0.0
    for i in range(n):
        v = values[i]
        if not v:
            continue
        sign = ("p" if v > 0 else "n") if signed else ""
        if lo <= i < hi:
            add(f"{prefix}T{sign}", abs(v))
            continue
        total += v
        side, distance = ("L", lo - i) if i < lo else ("R", i - hi + 1)
        add(f"{prefix}{side}{_bin(distance)}{sign}", abs(v))
        add(f"{prefix}w{sign}", abs(v) / distance)
        if s.clause[i] == anchor_clause:
            add(f"{prefix}C{side}{sign}", abs(v))
        if s.quoted[i] and not target_quoted:
            add(f"{prefix}Q{sign}", abs(v))
        elif not s.quoted[i]:
            add(f"{prefix}O{sign}", abs(v))
        add(f"{prefix}S{sign}", abs(v))
    if signed:
        add(f"{prefix}compound", total / math.sqrt(total * total + 1.0) if total else 0.0)
        if lo > 0 and s.words[lo - 1] == "by":
            for sign in "np":
                add(f"by_{prefix}CL{sign}", f.get(f"{prefix}CL{sign}", 0.0))


def word_groups(text: str, start: int, end: int) -> dict[str, list[str]]:
    """The words (lower-cased, alphabetic only) of the five groups of the dense part, keyed
    by WORD_GROUPS: "L" / "R" up to 4 words left / right of the target, "T" the target's
    words, "C" the target's clause and "S" the sentence (both without the target). A word
    is listed once per occurrence."""
    _check_span(text, start, end)
    s = _sentence(text)
    lo, hi, anchor_clause = _target_range(s, start, end)
    return _word_groups(s, lo, hi, anchor_clause)


def _word_groups(s: _Sentence, lo: int, hi: int, anchor_clause: int) -> dict[str, list[str]]:
    g: dict[str, list[str]] = {k: [] for k in WORD_GROUPS}
    for i, w in enumerate(s.words):
        if not w.isalpha():
            continue
        if lo <= i < hi:
            g["T"].append(w)
            continue
        d = lo - i if i < lo else i - hi + 1
        if d <= _BOW_WINDOW:
            g["L" if i < lo else "R"].append(w)
        if s.clause[i] == anchor_clause:
            g["C"].append(w)
        g["S"].append(w)
    return g


# -- the shipped model -------------------------------------------------------------------------
