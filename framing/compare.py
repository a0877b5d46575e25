"""Aggregate article analyses per outlet: the statistics behind `framing compare`.

No rendering here (that is render.py): means of every flat score with their n, pooled
quote and sentiment statistics per actor, label choices, dominant frames, and distinctive
terms (weighted log-odds, framing/distinctive.py). Streaming: one pass over the analyses;
clean bodies for distinctive terms are spooled to a temporary file, not held in memory.
"""

from __future__ import annotations

import difflib
import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping, Sequence

from framing.distinctive import DistinctiveTerm, distinctive_terms
from framing.features.mentions import mean_with_interval
from framing.features.quotes import quotes_by_actor
from framing.records import ArticleAnalysis, Comparison, OutletColumn, Score

__all__ = [
    "Metric",
    "METRICS",
    "ActorSentiment",
    "OutletDetail",
    "build_comparison",
    "select_outlets",
    "unknown_outlet_message",
    "UnknownOutlet",
    "OutletAccumulator",
]


@dataclass(frozen=True)
class Metric:
    """A row of the comparison table: score key, label, section, and number format."""

    key: str
    label: str
    section: str
    fmt: str = "{:.1f}"
    help: str = ""


METRICS: tuple[Metric, ...] = (
    Metric("words", "words (clean body)", "coverage", "{:.0f}", "mean words per article in the clean body"),
    Metric("sentences", "sentences", "coverage", "{:.0f}", "mean sentences per article"),
    Metric("boilerplate_ratio", "boilerplate %", "coverage", "{:.0%}", "share of characters that are navigation, teasers, captions, credits ..."),
    Metric("quotes_per_1k", "quotes / 1k words", "voices", "{:.1f}", "direct + partial + indirect quotes per 1,000 words"),
    Metric("quotes_direct", "direct quotes", "voices", "{:.1f}"),
    Metric("quotes_indirect", "indirect quotes", "voices", "{:.1f}"),
    Metric("anonymous_share", "anonymous sources", "voices", "{:.0%}", "share of quotes from unnamed sources"),
    Metric("scare_quotes_per_1k", "scare quotes / 1k", "language", "{:.1f}", "quoted terms with no speaker"),
    Metric("loaded_negative_per_1k", "loaded neg. / 1k", "language", "{:.1f}", "strongly negative words in the author's voice"),
    Metric("loaded_positive_per_1k", "loaded pos. / 1k", "language", "{:.1f}", "strongly positive words in the author's voice"),
    Metric("intensifiers_per_1k", "intensifiers / 1k", "language", "{:.1f}"),
    Metric("hedges_per_1k", "hedges / 1k", "language", "{:.1f}"),
    Metric("assertives_per_1k", "certainty / 1k", "language", "{:.1f}"),
    Metric("so_called_per_1k", "so-called / 1k", "language", "{:.1f}"),
    Metric("words_per_sentence", "words / sentence", "readability", "{:.1f}"),
    Metric("flesch_reading_ease", "Flesch reading ease", "readability", "{:.1f}", "0-100, higher is easier"),
    Metric("flesch_kincaid_grade", "Flesch-Kincaid grade", "readability", "{:.1f}", "US school grade"),
    Metric("gunning_fog", "Gunning fog", "readability", "{:.1f}", "years of schooling"),
)

# Distinctive terms: a term must occur at least this often in the outlet's articles ...
TERMS_MIN_COUNT = 10
# ... or, for small corpora (under this many clean-body words), this often.
TERMS_MIN_COUNT_SMALL = 3
SMALL_CORPUS_WORDS = 50_000
# ... and occur in at least this many of its articles (1 in small corpora: one article per
# outlet is the common case for a single event).
TERMS_MIN_DOCS = 5
TERMS_MIN_DOCS_SMALL = 1
TERMS_TOP = 10
FRAMES_TOP = 3


@dataclass(frozen=True)
class ActorSentiment:
    """Mean sentiment toward one actor in one voice, pooled over an outlet's mentions."""

    actor: str
    voice: str
    n: int
    mean: float | None
    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class OutletDetail:
    """The non-scalar comparison sections for one outlet."""

    quoted_share: Mapping[str, float]
    quotes_by_actor: Mapping[str, int]
    cue_classes_by_actor: Mapping[str, Mapping[str, int]]
    anonymous_share: float | None
    speech_quotes: int
    sentiment: tuple[ActorSentiment, ...]
    labels: Mapping[str, Mapping[str, int]]
    dominant_frames: tuple[tuple[str, float], ...]
    terms: tuple[DistinctiveTerm, ...] = ()


@dataclass
class _Outlet:
    articles: int = 0
    sums: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    quoted_words: Counter[str] = field(default_factory=Counter)
    quotes: Counter[str] = field(default_factory=Counter)
    cue_classes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    anonymous: int = 0
    speech: int = 0
    sentiments: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    frame_sums: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))


class OutletAccumulator:
    """Running sums per outlet, so compare streams instead of holding records."""

    def __init__(self) -> None:
        self._outlets: dict[str, _Outlet] = {}
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.words = 0

    def add(self, analysis: ArticleAnalysis) -> None:
        outlet = self._outlets.setdefault(analysis.article.outlet, _Outlet())
        outlet.articles += 1
        for key, value in analysis.scores.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                outlet.sums[key] = outlet.sums.get(key, 0.0) + float(value)
                outlet.counts[key] = outlet.counts.get(key, 0) + 1
        text = analysis.article.text
        for actor, (count, words) in quotes_by_actor(analysis.quotes, analysis.segmented).items():
            outlet.quotes[actor] += count
            outlet.quoted_words[actor] += words
        for quote in analysis.quotes:
            if quote.kind == "scare":
                continue
            outlet.speech += 1
            outlet.anonymous += bool(quote.anonymous)
            if quote.cue_class:
                outlet.cue_classes[quote.actor][quote.cue_class] += 1
        for mention in analysis.mentions:
            outlet.sentiments[(mention.actor, mention.voice)].append(mention.sentiment)
        if analysis.lexical is not None:
            for concept, variants in analysis.lexical.labels.items():
                for variant, voices in variants.items():
                    outlet.labels[concept][variant] += voices.get("author", 0)
            for frame, rate in analysis.lexical.frames.items():
                outlet.frame_sums[frame] += rate
        body = "\n".join(text[b.start : b.end] for b in analysis.segmented.blocks)
        self.words += analysis.segmented.word_count
        self._spool.write(json.dumps([analysis.article.outlet, body]) + "\n")

    def _clean_bodies(self) -> Iterator[tuple[str, str]]:
        self._spool.seek(0)
        for line in self._spool:
            outlet, body = json.loads(line)
            yield outlet, body

    def columns(self, *, terms: bool = True) -> tuple[OutletColumn, ...]:
        distinct: dict[str, list[DistinctiveTerm]] = {}
        if terms and len(self._outlets) > 1:
            small = self.words < SMALL_CORPUS_WORDS
            distinct = distinctive_terms(
                self._clean_bodies(),
                min_count=TERMS_MIN_COUNT_SMALL if small else TERMS_MIN_COUNT,
                min_docs=TERMS_MIN_DOCS_SMALL if small else TERMS_MIN_DOCS,
                top=TERMS_TOP,
            )
        self._spool.close()
        columns = []
        for name, outlet in self._outlets.items():
            means: dict[str, Score] = {key: outlet.sums[key] / outlet.counts[key] for key in outlet.sums}
            total_words = sum(outlet.quoted_words.values())
            sentiment = []
            for (actor, voice), values in sorted(outlet.sentiments.items()):
                mean, lo, hi, n = mean_with_interval(values)
                sentiment.append(ActorSentiment(actor, voice, n, mean, lo, hi))
            frames = sorted(
                ((f, s / outlet.articles) for f, s in outlet.frame_sums.items() if s > 0),
                key=lambda item: (-item[1], item[0]),
            )[:FRAMES_TOP]
            detail = OutletDetail(
                quoted_share={a: n / total_words for a, n in outlet.quoted_words.most_common()} if total_words else {},
                quotes_by_actor=dict(outlet.quotes.most_common()),
                cue_classes_by_actor={a: dict(c) for a, c in outlet.cue_classes.items()},
                anonymous_share=outlet.anonymous / outlet.speech if outlet.speech else None,
                speech_quotes=outlet.speech,
                sentiment=tuple(sentiment),
                labels={c: dict(v) for c, v in outlet.labels.items()},
                dominant_frames=tuple(frames),
                terms=tuple(distinct.get(name, ())),
            )
            columns.append(OutletColumn(name, outlet.articles, means, detail))
        return tuple(columns)


def build_comparison(
    analyses: Iterable[ArticleAnalysis],
    *,
    corpus: str,
    skipped: int = 0,
    metrics: Sequence[Metric] = METRICS,
    is_default_corpus: bool = False,
    terms: bool = True,
) -> Comparison:
    """Per-outlet aggregates (outlets in order of first appearance)."""
    accumulator = OutletAccumulator()
    total = 0
    for analysis in analyses:
        accumulator.add(analysis)
        total += 1
    return Comparison(
        corpus=corpus,
        articles=total,
        skipped=skipped,
        columns=accumulator.columns(terms=terms),
        metrics=tuple(m.key for m in metrics),
        is_default_corpus=is_default_corpus,
    )


class UnknownOutlet(ValueError):
    """An outlet asked for by name is not in the corpus."""


def unknown_outlet_message(name: str, outlets: Sequence[str]) -> str:
    """'no outlet 'Fox' in the corpus (67 outlets); did you mean 'Fox News'?'"""
    close = difflib.get_close_matches(name, sorted(outlets), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return f"no outlet {name!r} in the corpus ({len(outlets)} outlets){hint}"


def select_outlets(comparison: Comparison, names: Sequence[str] = (), top: int | None = None) -> Comparison:
    """Only some columns: the outlets named (case-insensitive, in the order given), or the
    `top` outlets with the most articles (ties in order of first appearance). Figures and
    distinctive terms are unchanged: each outlet is still contrasted with the whole corpus.
    Raises UnknownOutlet naming the closest outlets when a name is not in the corpus."""
    columns = comparison.columns
    if names:
        by_name = {c.outlet.casefold(): c for c in columns}
        chosen = []
        for name in names:
            column = by_name.get(name.strip().casefold())
            if column is None:
                raise UnknownOutlet(unknown_outlet_message(name, [c.outlet for c in columns]))
            if column not in chosen:
                chosen.append(column)
        columns = tuple(chosen)
    elif top is not None:
        order = sorted(range(len(columns)), key=lambda i: (-columns[i].articles, i))
        columns = tuple(columns[i] for i in sorted(order[:top]))
    if len(columns) == len(comparison.columns):
        return comparison
    return replace(comparison, columns=columns, outlets_total=len(comparison.columns))


def detail(column: OutletColumn) -> OutletDetail | None:
    """The typed detail of a column built by build_comparison (None for bare columns)."""
    value: Any = column.detail
    return value if isinstance(value, OutletDetail) else None
