"""Lexical features: competing labels, frame cues, loaded and epistemic language.

One pass of regexes for the label lexicon (one combined regex per concept) and one pass
over the segmenter's tokens with a memoised word -> entries lookup for everything else,
so the cost per article does not grow with the size of the lexicons. Every count is
backed by spans (raw-text offsets). Loaded/epistemic language is counted in the author's
voice only: tokens inside `quoted` (speech) or `scare` (term/scare quotes) spans are the
speaker's or somebody else's words, not the outlet's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from framing.lexicons import LexiconError, read_csv, read_toml, read_wordlist
from framing.text import Segmented

__all__ = [
    "FRAMES",
    "LOADED_CATEGORIES",
    "RATE_KEYS",
    "VALENCE_THRESHOLD",
    "Concept",
    "LabelLexicon",
    "LexicalResult",
    "load_labels",
    "lexical_features",
    "flat_scores",
]

# VADER mean valence (-4..+4) at or beyond which a word counts as strongly valenced.
VALENCE_THRESHOLD = 2.0
# Number of dominant frames reported.
DOMINANT_FRAMES = 3
# Hedges that count only when written in lower case ("May" is a month or a name).
HEDGE_CASE_SENSITIVE = frozenset({"may"})
# Their written forms that do not count: every capitalisation other than all lower case.
_HEDGE_CASE_WORDS = frozenset(
    form for w in HEDGE_CASE_SENSITIVE for form in (w.capitalize(), w.upper(), w.title()) if form != w
)
# The memo of word -> entries is cleared when it grows past this many distinct words.
_MEMO_LIMIT = 500_000

FRAMES: tuple[str, ...] = (
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality",
    "policy_prescription",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
)
# In order of precedence: a word in several lists gets the first category.
LOADED_CATEGORIES: tuple[str, ...] = (
    "so_called",
    "hedge",
    "assertive",
    "factive",
    "intensifier",
    "loaded_positive",
    "loaded_negative",
)
_RATE_OF = {
    "loaded_positive": "loaded_positive_per_1k",
    "loaded_negative": "loaded_negative_per_1k",
    "intensifier": "intensifiers_per_1k",
    "hedge": "hedges_per_1k",
    "assertive": "assertives_per_1k",
    "factive": "factives_per_1k",
    "so_called": "so_called_per_1k",
}
RATE_KEYS: tuple[str, ...] = (
    "loaded_positive_per_1k",
    "loaded_negative_per_1k",
    "intensifiers_per_1k",
    "hedges_per_1k",
    "assertives_per_1k",
    "factives_per_1k",
    "so_called_per_1k",
    "scare_quotes_per_1k",
)
DEFAULT_LABELS = "labels/ukraine-war.toml"


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class Concept:
    """One thing outlets name differently, with its variants and one combined regex."""

    name: str
    variants: tuple[str, ...]
    regex: re.Pattern[str]
    triggers: tuple[str, ...]
    description: str = ""
    provenance: str = ""


@dataclass(frozen=True)
class LabelLexicon:
    """Concepts -> competing variants (lexicons/labels/*.toml)."""

    name: str
    concepts: tuple[Concept, ...]


_NAME = re.compile(r"[a-z][a-z0-9_]*")
_TRIGGER = re.compile(r"[a-z0-9][a-z0-9.]*\*?")


def _concept(entry: Any, where: str) -> Concept:
    if not isinstance(entry, dict) or not _NAME.fullmatch(str(entry.get("name", ""))):
        raise LexiconError(f"{where}: needs a snake_case `name`")
    name = entry["name"]
    variants = entry.get("variant")
    if not isinstance(variants, list) or not variants:
        raise LexiconError(f"{where} ({name}): needs at least one [[concept.variant]]")
    names: list[str] = []
    groups: list[str] = []
    for variant in variants:
        vname = variant.get("name", "") if isinstance(variant, dict) else ""
        patterns = variant.get("patterns") if isinstance(variant, dict) else None
        if not _NAME.fullmatch(vname) or vname in names:
            raise LexiconError(f"{where} ({name}): variant name {vname!r} is missing or repeated")
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise LexiconError(f"{where} ({name}.{vname}): `patterns` must be a list of regexes")
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise LexiconError(f"{where} ({name}.{vname}): bad regex {pattern!r}: {exc}") from exc
            if compiled.groups:
                raise LexiconError(f"{where} ({name}.{vname}): use (?:...) not capturing groups in {pattern!r}")
        body = "|".join(f"(?:{p})" for p in patterns)
        if not variant.get("case_sensitive", False):
            body = f"(?i:{body})"
        names.append(vname)
        groups.append(f"({body})")
    regex = re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")
    triggers = entry.get("triggers")
    if not isinstance(triggers, list) or not triggers or not all(
        isinstance(t, str) and _TRIGGER.fullmatch(t) for t in triggers
    ):
        raise LexiconError(f"{where} ({name}): `triggers` must list lower-case words (a trailing * for a stem)")
    return Concept(name, tuple(names), regex, tuple(triggers), str(entry.get("description", "")),
                   str(entry.get("provenance", "")))


@lru_cache(maxsize=8)
def load_labels(source: str | Path = DEFAULT_LABELS) -> LabelLexicon:
    """Read and compile a label lexicon (bundled name or a user path); cached."""
    bundled_name = isinstance(source, str) and not Path(source).is_absolute() and not Path(source).exists()
    data = read_toml(source if bundled_name else Path(source))
    where = f"lexicons/{source}" if bundled_name else str(source)
    concepts = data.get("concept")
    if not isinstance(concepts, list) or not concepts:
        raise LexiconError(f"{where}: no [[concept]] tables")
    built = tuple(_concept(entry, f"{where} concept {i + 1}") for i, entry in enumerate(concepts))
    if len({c.name for c in built}) != len(built):
        raise LexiconError(f"{where}: concept names repeat")
    return LabelLexicon(str(data.get("meta", {}).get("name", Path(str(source)).stem)), built)


# ------------------------------------------------------------------ word lexicons

# What one matched term means: (frames it cues, loaded category or None, label concepts
# whose trigger words it contains).
_Entry = tuple[tuple[str, ...], "str | None", tuple[int, ...]]
_SPLIT = re.compile(r"[^\w.]+")
_BEHIND = r"(?<!\w)"  # how the trie regex starts


def _normal(word: str) -> str:
    """Lower-cased word without a possessive 's."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _trie_regex(terms: Iterable[str]) -> str:
    """One regex for many terms, as a character trie: longer continuations are tried first,
    a trailing * matches the rest of the word, a space matches any run of whitespace."""
    root: dict[str, Any] = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            if ch == "*":
                alts.append(r"\w*(?!\w)")
            else:
                alts.append((r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]))
        if "" in node:
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return _BEHIND + emit(root)


class _Lexicon(dict):  # type: ignore[type-arg]
    """All word-level lexicons as one trie regex plus a memo: matched text -> _Entry."""

    def __init__(self, single: dict[str, tuple[list[str], str | None]],
                 stems: list[tuple[str, str | None, str | None]],
                 triggers: dict[str, set[int]], trigger_stems: list[tuple[str, int]]) -> None:
        super().__init__()
        self.single = single  # word or phrase -> (frames, category)
        self.stems = stems  # (stem, frame, category)
        self.triggers = triggers  # word -> label concept indexes (default label lexicon)
        self.trigger_stems = trigger_stems
        terms = set(single) | {stem + "*" for stem, _, _ in stems}
        terms |= set(triggers) | {stem + "*" for stem, _ in trigger_stems}
        self.regex = re.compile(_trie_regex(terms))
        self.regex_ci: re.Pattern[str] | None = None
        # The same trie led by the non-word character before the term (no look-behind),
        # so that `re` skips to candidates with its character-set scan; see _match_spans.
        self.regex_led = re.compile(r"\W(" + self.regex.pattern[len(_BEHIND) :] + ")")

    def __missing__(self, match: str) -> _Entry:
        key = " ".join(match.split())
        word = _normal(key)
        frames, category = self.single.get(word, ([], None))
        frames = list(frames)
        if " " not in word:
            for stem, frame, cat in self.stems:
                if word.startswith(stem):
                    if frame is not None and frame not in frames:
                        frames.append(frame)
                    if cat is not None and category is None:
                        category = cat
        concepts: set[int] = set()
        for part in _SPLIT.split(word):
            part = _normal(part)
            concepts |= self.triggers.get(part, set())
            concepts |= {c for stem, c in self.trigger_stems if part.startswith(stem)}
        entry: _Entry = (tuple(sorted(frames, key=FRAMES.index)), category, tuple(sorted(concepts)))
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[match] = entry
        return entry


@lru_cache(maxsize=1)
def _vader() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's word valences and its positive boosters (intensifiers); loaded once."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer().lexicon
    boosters = frozenset(w for w, v in BOOSTER_DICT.items() if v > 0)
    return dict(lexicon), boosters


@lru_cache(maxsize=8)
def _lexicon(labels: "LabelLexicon | None" = None) -> _Lexicon:
    """Build the combined word lexicon (frames, loaded categories, label triggers) once."""
    single: dict[str, tuple[list[str], str | None]] = {}
    stems: list[tuple[str, str | None, str | None]] = []

    def add(term: str, frame: str | None, category: str | None) -> None:
        term = " ".join(term.lower().split())
        if not term:
            return
        if term.endswith("*") and " " not in term:
            stems.append((term[:-1], frame, category))
            return
        if "*" in term:
            raise LexiconError(f"a stem (*) is allowed only in a one-word term: {term!r}")
        frames, cat = single.setdefault(term, ([], None))
        if frame is not None and frame not in frames:
            frames.append(frame)
        if category is not None and cat is None:
            single[term] = (frames, category)

    for row in read_csv("frames.csv"):
        if row.get("frame") not in FRAMES:
            raise LexiconError(f"lexicons/frames.csv: unknown frame {row.get('frame')!r} for {row.get('term')!r}")
        add(row["term"], row["frame"], None)
    exclude = read_wordlist("loaded-exclude.txt")
    files = {"so_called": "so-called.txt", "hedge": "hedges.txt", "assertive": "assertives.txt",
             "factive": "factives.txt", "intensifier": "intensifiers.txt"}
    for category in LOADED_CATEGORIES[:5]:  # precedence: earlier lists claim a word first
        for term in sorted(read_wordlist(files[category])):
            add(term, None, category)
    valence, boosters = _vader()
    for word in sorted(boosters - exclude):
        add(word, None, "intensifier")
    for word, value in sorted(valence.items()):
        if abs(value) >= VALENCE_THRESHOLD and word not in exclude and word.replace("-", "").isalpha():
            add(word, None, "loaded_positive" if value > 0 else "loaded_negative")
    triggers: dict[str, set[int]] = {}
    trigger_stems: list[tuple[str, int]] = []
    for index, concept in enumerate((labels or load_labels()).concepts):
        for trigger in concept.triggers:
            if trigger.endswith("*"):
                trigger_stems.append((trigger[:-1], index))
            else:
                triggers.setdefault(trigger, set()).add(index)
    return _Lexicon(single, stems, triggers, trigger_stems)


# -------------------------------------------------------------------- the result


@dataclass(frozen=True)
class LexicalResult:
    """Labels (by voice), frame rates, author-voice loaded/epistemic language, with spans."""

    labels: dict[str, dict[str, dict[str, int]]]
    label_spans: list[dict[str, Any]]
    frames: dict[str, float]
    dominant_frames: list[str]
    loaded: list[dict[str, Any]]
    rates: dict[str, float]
    word_count: int = 0
    author_word_count: int = 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (plain types, stable key order)."""
        return {
            "labels": {c: {v: dict(n) for v, n in vs.items()} for c, vs in self.labels.items()},
            "label_spans": [dict(s) for s in self.label_spans],
            "frames": dict(self.frames),
            "dominant_frames": list(self.dominant_frames),
            "loaded": [dict(s) for s in self.loaded],
            "rates": dict(self.rates),
            "word_count": self.word_count,
            "author_word_count": self.author_word_count,
        }


class _Spans:
    """Merged, sorted spans with O(log n) membership of an offset."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((int(s), int(e)) for s, e in spans):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)


def _per_1k(count: int, words: int) -> float:
    return round(count * 1000.0 / words, 4) if words else 0.0


def _labels(
    doc: Segmented,
    lexicon: LabelLexicon,
    triggered: set[tuple[int, int]],
    quoted: _Spans,
    scare: _Spans,
    skip: _Spans,
) -> tuple[dict[str, dict[str, dict[str, int]]], list[dict[str, Any]]]:
    """Run each concept's regex over the sentences where one of its trigger words occurs."""
    text = doc.text
    counts = {c.name: {v: {"author": 0, "quoted": 0} for v in c.variants} for c in lexicon.concepts}
    spans: list[dict[str, Any]] = []
    scanned: set[tuple[int, int]] = set()
    for index, offset in sorted(triggered):
        sentence = doc.sentence_at(offset)
        if sentence is None or (index, sentence.start) in scanned:
            continue
        scanned.add((index, sentence.start))
        concept = lexicon.concepts[index]
        slot = counts[concept.name]
        for match in concept.regex.finditer(text, sentence.start, sentence.end):
            start, end = match.span()
            if skip and start in skip:
                continue
            variant = concept.variants[match.lastindex - 1]  # type: ignore[operator]
            voice = "quoted" if start in quoted else "scare" if start in scare else "author"
            slot[variant]["author" if voice == "author" else "quoted"] += 1
            spans.append({"start": start, "end": end, "concept": concept.name, "variant": variant, "voice": voice})
    spans.sort(key=lambda s: (s["start"], s["end"], s["concept"]))
    return counts, spans


def _author_words(doc: Segmented, quoted: _Spans) -> int:
    inside = 0
    tokens = doc.tokens
    # Tokens are (start, end) tuples in text order, so (offset, -1) sorts just before the
    # first token starting at or after offset (a tuple bisect needs no key function).
    for start, end in zip(quoted.starts, quoted.ends):
        inside += bisect_left(tokens, (end, -1)) - bisect_left(tokens, (start, -1))
    return len(doc.tokens) - inside


def _match_spans(lexicon: _Lexicon, regex: re.Pattern[str], low: str, blocks: Sequence[Any]) -> list[tuple[int, int]]:
    """(start, end) of the matches of `regex.finditer` in each block, in order; for the
    trie, its non-word-led twin over " " + low (group 1, shifted by the added space)."""
    if regex is not lexicon.regex:  # the case-insensitive fallback, over the original text
        return [m.span() for block in blocks for m in regex.finditer(low, block.start, block.end)]
    padded, finditer = " " + low, lexicon.regex_led.finditer
    return [(m.start(1) - 1, m.end(1) - 1) for block in blocks for m in finditer(padded, block.start, block.end + 1)]


def lexical_features(
    doc: Segmented,
    *,
    quoted: Sequence[tuple[int, int]] = (),
    scare: Sequence[tuple[int, int]] = (),
    labels: LabelLexicon | None = None,
    skip: Sequence[tuple[int, int]] = (),
) -> LexicalResult:
    """Labels by voice, frame cue rates, and author-voice loaded language of one article.

    Frame rates use all content words (quotes an outlet chooses to print frame the story
    too); loaded/epistemic rates use the author's words only (outside `quoted`); the scare
    quote rate uses all words. Everything is counted inside `doc.blocks` only. Labels and
    loaded terms starting inside a `skip` span (an embedded post's signature, "— Name
    (@handle) Date": page furniture, in nobody's voice) are not counted.
    """
    label_lexicon = labels if labels is not None else load_labels()
    lexicon = _lexicon(labels)
    quoted_spans, scare_spans, skip_spans = _Spans(quoted), _Spans(scare), _Spans(skip)
    text = doc.text
    low = text.lower()
    regex = lexicon.regex
    if len(low) != len(text):  # a few characters change length when lower-cased
        if lexicon.regex_ci is None:
            lexicon.regex_ci = re.compile(regex.pattern, re.IGNORECASE)
        low, regex = text, lexicon.regex_ci
    n = len(doc.tokens)

    frame_counts = dict.fromkeys(FRAMES, 0)
    loaded: list[dict[str, Any]] = []
    triggered: set[tuple[int, int]] = set()  # (concept index, offset of the trigger)
    for start, end in _match_spans(lexicon, regex, low, doc.blocks):
        frames, category, concepts = lexicon[low[start:end]]
        for frame in frames:
            frame_counts[frame] += 1
        for concept in concepts:
            triggered.add((concept, start))
        if category is None or (quoted_spans and start in quoted_spans) or (scare_spans and start in scare_spans):
            continue
        if skip_spans and start in skip_spans:
            continue
        term = text[start:end]
        if category == "hedge" and term in _HEDGE_CASE_WORDS:
            continue
        loaded.append({"start": start, "end": end, "term": term, "category": category})

    label_counts, label_spans = _labels(doc, label_lexicon, triggered, quoted_spans, scare_spans, skip_spans)
    author_words = _author_words(doc, quoted_spans) if quoted_spans else n
    frames_per_1k = {f: _per_1k(c, n) for f, c in frame_counts.items()}
    ranked = sorted((f for f in FRAMES if frames_per_1k[f] > 0), key=lambda f: (-frames_per_1k[f], FRAMES.index(f)))
    by_category = dict.fromkeys(LOADED_CATEGORIES, 0)
    for item in loaded:
        by_category[item["category"]] += 1
    rates = {_RATE_OF[c]: _per_1k(by_category[c], author_words) for c in LOADED_CATEGORIES}
    rates = {key: rates.get(key, 0.0) for key in RATE_KEYS}
    rates["scare_quotes_per_1k"] = _per_1k(len(scare), n)
    return LexicalResult(
        labels=label_counts,
        label_spans=label_spans,
        frames=frames_per_1k,
        dominant_frames=ranked[:DOMINANT_FRAMES],
        loaded=loaded,
        rates=rates,
        word_count=n,
        author_word_count=author_words,
    )


def flat_scores(result: LexicalResult) -> dict[str, float | int]:
    """CSV columns in a stable order; every column present (0 when absent)."""
    row: dict[str, float | int] = {}
    for concept, variants in result.labels.items():
        for variant, voices in variants.items():
            row[f"label_{concept}_{variant}"] = voices.get("author", 0)
            row[f"label_{concept}_{variant}_quoted"] = voices.get("quoted", 0)
    for frame in FRAMES:
        row[f"frame_{frame}_per_1k"] = result.frames.get(frame, 0.0)
    for key in RATE_KEYS:
        row[key] = result.rates.get(key, 0.0)
    return row
