"""Actor mentions with voice and sentiment, their aggregation, and new-actor suggestions.

Issue 5, parts 2, 4, 5. A mention is an actor alias found in the clean body (doc.blocks);
its voice is "quoted" when it lies inside a quote's content span, and its sentiment is
target_sentiment over its sentence. Aggregates keep author and quoted voice apart, and
every mean carries its n and a bootstrap interval -- or None when n < MIN_MENTIONS.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping, Sequence

import numpy as np

from framing.features.actors import ActorLexicon
from framing.features.sentiment import target_sentiment
from framing.text import Segmented, split_sentences

__all__ = [
    "MIN_MENTIONS",
    "BOOTSTRAP_RESAMPLES",
    "BOOTSTRAP_SEED",
    "Mention",
    "Suggestion",
    "find_mentions",
    "mean_with_interval",
    "aggregate_actors",
    "suggest_actors",
]

MIN_MENTIONS = 3  # fewer values than this: no mean, no interval (flagged low_n)
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 0
CONFIDENCE = 0.95
_DECIMALS = 4  # aggregates are rounded so CSV/JSON output is byte-stable

Voice = Literal["author", "quoted"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention: raw-text offsets, voice, sentiment toward it, quoted speaker."""

    actor: str
    start: int
    end: int
    text: str
    voice: Voice
    sentiment: float
    speaker_actor: str | None = None

    def to_json(self) -> dict[str, object]:
        """The JSONL form (docs/output.md): sentiment rounded to 4 decimals."""
        return {
            "actor": self.actor,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "voice": self.voice,
            "sentiment": round(self.sentiment, 4),
            "speaker_actor": self.speaker_actor,
        }


def find_mentions(
    doc: Segmented,
    lexicon: ActorLexicon,
    quoted: Sequence[tuple[int, int, str | None]] = (),
    skip: Sequence[tuple[int, int]] = (),
) -> tuple[Mention, ...]:
    """Actor mentions inside doc.blocks, in text order.

    `quoted` lists quote content spans (start, end, speaker actor or None) from the quotes
    extractor; a mention inside one has voice "quoted" and that speaker_actor. Mentions
    inside a `skip` span (an embedded post's signature, "Name (@handle) Date": page
    furniture, not anyone's sentence) are left out.
    """
    spans = sorted(quoted)
    starts = [s for s, _, _ in spans]
    reach: list[int] = []  # reach[k]: the furthest end of spans[0..k]
    for _, q_end, _ in spans:
        reach.append(max(q_end, reach[-1]) if reach else q_end)
    mentions: list[Mention] = []
    for block in doc.blocks:
        for match in lexicon.find(doc.text, block.start, block.end):
            if skip and any(lo <= match.start and match.end <= hi for lo, hi in skip):
                continue
            voice: Voice = "author"
            speaker: str | None = None
            # The innermost quote that starts at or before the mention and covers it.
            # (no span up to k reaches the mention's end once reach[k] falls short of it)
            k = bisect.bisect_right(starts, match.start) - 1
            while k >= 0 and reach[k] >= match.end:
                q_start, q_end, q_speaker = spans[k]
                if q_start <= match.start and match.end <= q_end:
                    voice, speaker = "quoted", q_speaker
                    break
                k -= 1
            sentence = doc.sentence_at(match.start) or block
            s_end = max(sentence.end, match.end)
            context = doc.text[sentence.start : s_end]
            score = target_sentiment(context, match.start - sentence.start, match.end - sentence.start)
            mentions.append(
                Mention(
                    actor=match.actor,
                    start=match.start,
                    end=match.end,
                    text=doc.text[match.start : match.end],
                    voice=voice,
                    sentiment=round(score, _DECIMALS),
                    speaker_actor=speaker,
                )
            )
    return tuple(mentions)


def mean_with_interval(
    values: Sequence[float],
) -> tuple[float | None, float | None, float | None, int]:
    """(mean, lo, hi, n): the mean with a 95% percentile-bootstrap interval.

    Deterministic (fixed seed, BOOTSTRAP_RESAMPLES resamples). With fewer than
    MIN_MENTIONS values there is no estimate: (None, None, None, n).
    """
    n = len(values)
    if n < MIN_MENTIONS:
        return None, None, None, n
    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = data[rng.integers(0, n, size=(BOOTSTRAP_RESAMPLES, n))].mean(axis=1)
    tail = (1.0 - CONFIDENCE) / 2.0 * 100.0
    lo, hi = np.percentile(means, [tail, 100.0 - tail])
    return (round(float(data.mean()), _DECIMALS), round(float(lo), _DECIMALS),
            round(float(hi), _DECIMALS), n)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), _DECIMALS) if len(values) >= MIN_MENTIONS else None


def aggregate_actors(
    mentions: Iterable[Mention],
    quotes_by_actor: Mapping[str, tuple[int, int]] = {},
) -> dict[str, dict]:
    """Per actor: mentions, author/quoted mean sentiment, author CI, quotes, quoted words.

    Works for one article or for mentions pooled over an outlet's articles. Means are
    None, and `low_n` True, when a voice has fewer than MIN_MENTIONS mentions.
    `quotes_by_actor` maps actor -> (quotes attributed to it, words in those quotes).
    Actors are ordered by mention count (descending), then id.
    """
    author: dict[str, list[float]] = {}
    quoted: dict[str, list[float]] = {}
    for m in mentions:
        (author if m.voice == "author" else quoted).setdefault(m.actor, []).append(m.sentiment)
        (quoted if m.voice == "author" else author).setdefault(m.actor, [])
    for actor in quotes_by_actor:
        author.setdefault(actor, [])
        quoted.setdefault(actor, [])
    table: dict[str, dict] = {}
    order = sorted(author, key=lambda a: (-(len(author[a]) + len(quoted[a])), a))
    for actor in order:
        mean, lo, hi, n_author = mean_with_interval(author[actor])
        quotes, words = quotes_by_actor.get(actor, (0, 0))
        table[actor] = {
            "mentions": n_author + len(quoted[actor]),
            "mentions_author": n_author,
            "mentions_quoted": len(quoted[actor]),
            "sentiment_author": mean,
            "sentiment_quoted": _mean(quoted[actor]),
            "ci_author": None if lo is None else [lo, hi],
            "low_n": n_author < MIN_MENTIONS,
            "quotes": int(quotes),
            "quoted_words": int(words),
        }
    return table


# -- suggestions for new actors ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A frequent name not covered by the loaded actor packs, with one example sentence."""

    name: str
    count: int
    example: str


_NAME_WORD = r"[A-Z][\w’'.-]*[\w]"
_CANDIDATE = re.compile(
    rf"(?<![\w’'-])(?:{_NAME_WORD}(?:\s+(?:(?:of|de|del|da|von|van|der|al|bin|the)\s+)?{_NAME_WORD})+"
    r"|[A-Z]{2,6}s?)(?![\w’'-])"
)
_STOP_CAPITALS = frozenset(
    """
    The A An In On At Of For To And But Or As If When While After Before This That These
    Those It He She We They I His Her Their Our Its Mr Mrs Ms Dr Photo Image Credit Read
    More Also According However Meanwhile Earlier Later Last Next On Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec AM PM GMT UTC CET EST AP AFP UPI EFE TV US UK EU UN
    """.split()
)
_MAX_EXAMPLE = 240


def _clean(candidate: str) -> str:
    """Strip leading/trailing stop-capitals ("On Thursday Kamala Harris" -> "Kamala Harris")."""
    words = candidate.split()
    while words and words[0].strip(".") in _STOP_CAPITALS:
        words.pop(0)
    while words and words[-1].strip(".") in _STOP_CAPITALS:
        words.pop()
    return " ".join(words)


def suggest_actors(
    texts: Iterable[str],
    lexicon: ActorLexicon,
    *,
    min_count: int = 3,
    top: int = 50,
) -> list[Suggestion]:
    """Frequent capitalised multi-word names and acronyms that no loaded pack covers.

    Streams `texts` (one at a time, only counts and one example each are kept). Names at
    sentence start are skipped (capitalised anyway), as are days, months and other
    stop-capitals. Sorted by count (descending), then name.
    """
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}
    for text in texts:
        for sentence in split_sentences(text):
            body = text[sentence.start : sentence.end]
            for m in _CANDIDATE.finditer(body):
                raw = m.group()
                if m.start() == 0 or body[: m.start()].strip() in ('"', "“", "‘", "'", "("):
                    if " " not in raw:
                        continue
                    raw = raw.split(None, 1)[1]  # drop the capitalised sentence opener
                name = _clean(raw)
                if not name or (" " not in name and not name.isupper()):
                    continue
                if name in _STOP_CAPITALS or lexicon.find(name):
                    continue
                counts[name] = counts.get(name, 0) + 1
                if name not in examples:
                    examples[name] = " ".join(body.split())[:_MAX_EXAMPLE]
    ranked = sorted((c, n) for n, c in counts.items() if c >= min_count)
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [Suggestion(name, count, examples[name]) for count, name in ranked[:top]]

