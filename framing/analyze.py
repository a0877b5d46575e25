"""Compose the per-article features into one ArticleAnalysis, and stream a corpus through.

One pass per article: blocks (boilerplate) -> clean segments -> sentences/tokens ->
quotes -> actor mentions + sentiment -> lexical features -> readability -> flat scores.
`analyze(article, resources)` is a pure function of the article and the loaded resources
(lexicons and the corpus pre-pass of repeated lines). `analyze_corpus` runs the pre-pass
and then analyses the articles in input order.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from framing.config import Config
from framing.features.actors import ActorLexicon, load_actor_lexicon
from framing.features.boilerplate import CATEGORIES, RepeatedLines, detect_boilerplate
from framing.features.embedded_posts import find_embedded_posts
from framing.features.lexical import LabelLexicon, flat_scores, lexical_features, load_labels
from framing.features.mentions import Mention, aggregate_actors, find_mentions
from framing.features.quotes import Quote, extract_quotes, quote_scores, quotes_by_actor
from framing.features.readability import readability
from framing.features.speakers import CUE_CLASSES, CueLexicon, load_cues
from framing.ingest import IngestReport, iter_articles
from framing.records import Article, ArticleAnalysis, Score
from framing.text import segment

__all__ = ["Resources", "analyze", "analyze_corpus", "clean_bodies", "SCHEMA", "slug"]

log = logging.getLogger(__name__)

# Version of the JSONL record layout documented in docs/output.md.
SCHEMA = "framing.article/1"


@lru_cache(maxsize=4096)  # called for every actor column of every article
def slug(name: str) -> str:
    """A column-name-safe form of an actor or category id ("United States" -> "united_states")."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class Resources:
    """Everything `analyze` needs besides the article, loaded once per run."""

    config: Config
    actors: ActorLexicon
    cues: CueLexicon
    labels: LabelLexicon
    repeated: RepeatedLines | None = None

    @classmethod
    def load(cls, config: Config, prepass: Iterable[Article] = ()) -> "Resources":
        """Load lexicons (raising LexiconError on a malformed one) and run the pre-pass."""
        repeated = RepeatedLines(min_articles=config.repeated_line_min_articles)
        for article in prepass:
            repeated.add(article.outlet, article.text)
        repeated.prune()
        return cls(
            config=config,
            actors=load_actor_lexicon(config.actor_packs),
            cues=load_cues(config.cue_file),
            labels=load_labels(),
            repeated=repeated if len(repeated) else None,
        )

    @property
    def actor_columns(self) -> tuple[str, ...]:
        """Actors that get CSV columns: every actor of the loaded packs, then other/unknown."""
        return self.actors.actors + ("other", "unknown")

    @cached_property
    def quoted_share_columns(self) -> dict[str, str]:
        """actor -> its quoted-share column name, for every actor column."""
        return {actor: f"quoted_share_{slug(actor)}" for actor in self.actor_columns}


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def analyze(article: Article, resources: Resources | None = None) -> ArticleAnalysis:
    """Analyse one article; every score comes from spans kept in the result.

    Feature families switched off in `Config.features` are skipped (their scores absent).
    """
    resources = resources or Resources.load(Config())
    features = resources.config.features
    text = article.text
    boilerplate = None
    if "boilerplate" in features:
        boilerplate = detect_boilerplate(
            text,
            title=article.title,
            outlet=article.outlet,
            repeated=resources.repeated,
            html_content=article.html_content,
        )
        doc = segment(text, boilerplate.content)
    else:
        doc = segment(text)
    posts = find_embedded_posts(text, doc.blocks)  # for the quotes, and the signatures mentions skip
    quotes = (
        extract_quotes(doc, actor_of=resources.actors.actor_of, cues=resources.cues, posts=posts)
        if "quotes" in features
        else ()
    )
    speech = [q for q in quotes if q.kind != "scare"]
    spoken = [(q.start, q.end, q.actor) for q in speech if q.kind in ("direct", "partial")]
    by_actor = quotes_by_actor(speech, doc)
    signatures = [(p.name_start, p.signature_end) for p in posts]  # in nobody's voice
    mentions: tuple[Mention, ...] = ()
    actors: dict[str, dict] = {}
    if "actors" in features:
        mentions = find_mentions(doc, resources.actors, quoted=spoken, skip=signatures)
        actors = aggregate_actors(mentions, by_actor)
    lexical = None
    if "lexical" in features:
        lexical = lexical_features(
            doc,
            quoted=[(start, end) for start, end, _ in spoken],
            scare=[(q.start, q.end) for q in quotes if q.kind == "scare"],
            labels=resources.labels,
            skip=signatures,
        )
    read = readability(doc)
    qscores = quote_scores(quotes, doc, by_actor) if "quotes" in features else {}

    scores: dict[str, Score] = {}
    if boilerplate is not None:
        scores["boilerplate_ratio"] = round(boilerplate.ratio, 4)
        for category in CATEGORIES:
            scores[f"boilerplate_{category}"] = round(boilerplate.by_category.get(category, 0.0), 4)
    scores.update(
        {
            "words": read.words,
            "sentences": read.sentences,
            "words_per_sentence": _round(read.words / read.sentences, 2) if read.sentences else None,
            "flesch_reading_ease": read.flesch_reading_ease,
            "flesch_kincaid_grade": read.flesch_kincaid_grade,
            "gunning_fog": read.gunning_fog,
        }
    )
    content = read.words > 0
    if "quotes" in features:
        scores.update(_quote_columns(quotes, speech, qscores, resources, content))
    if "actors" in features:
        for actor in resources.actors.actors:
            entry = actors.get(actor, {})
            key = slug(actor)
            scores[f"mentions_{key}"] = entry.get("mentions", 0)
            scores[f"sentiment_author_{key}"] = _round(entry.get("sentiment_author"))
            scores[f"sentiment_quoted_{key}"] = _round(entry.get("sentiment_quoted"))
    if lexical is not None:
        for key, value in flat_scores(lexical).items():
            # rates of an article without content are "not measurable", not zero
            if not content and key.endswith("_per_1k"):
                scores[key] = None
            else:
                scores[key] = _round(value) if isinstance(value, float) else value
    return ArticleAnalysis(
        article=article,
        segmented=doc,
        scores=scores,
        boilerplate=boilerplate,
        quotes=quotes,
        mentions=mentions,
        actors=actors,
        quote_scores=qscores,
        lexical=lexical,
    )


def _quote_columns(
    quotes: Sequence[Quote],
    speech: Sequence[Quote],
    qscores: dict,
    resources: Resources,
    content: bool,
) -> dict[str, Score]:
    columns: dict[str, Score] = {}
    columns["quotes_per_1k"] = _round(qscores["quotes_per_1k_words"]) if content else None
    kinds = Counter(q.kind for q in quotes)
    for kind in ("direct", "partial", "indirect", "scare"):
        columns[f"quotes_{kind}"] = kinds[kind]
    columns["scare_quotes_per_1k"] = _round(qscores["scare_quotes_per_1k_words"]) if content else None
    columns["anonymous_share"] = _round(qscores["anonymous_share"])
    classes = Counter(q.cue_class for q in speech)
    for cue_class in CUE_CLASSES:
        columns[f"cue_{cue_class}"] = classes[cue_class]
    shares = qscores["quoted_words_share_by_actor"]
    if not speech:
        columns.update(dict.fromkeys(resources.quoted_share_columns.values()))
        return columns
    for actor, column in resources.quoted_share_columns.items():
        share = shares.get(actor)
        columns[column] = round(share, 4) if share is not None else 0.0
    return columns


def analyze_corpus(
    paths: Sequence[str | Path],
    config: Config,
    report: IngestReport,
    *,
    on_prepass: Callable[[], None] | None = None,
    on_prepass_done: Callable[[], None] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Stream analyses of every article under `paths`, in input order.

    With boilerplate detection on, the input is read twice, streaming both times: first
    to count lines repeated across each outlet's articles (memory bounded by distinct
    lines), then to analyse. Skips are reported once (from the second pass).
    """
    prepass: Iterable[Article] = ()
    if "boilerplate" in config.features:
        prepass = iter_articles(paths, config, IngestReport(), visible_text_only=True)
        if on_prepass is not None:
            prepass = _tap(prepass, on_prepass)
    resources = Resources.load(config, prepass)
    if on_prepass_done is not None:
        on_prepass_done()
    for article in iter_articles(paths, config, report):
        yield analyze(article, resources)


def clean_bodies(paths: Sequence[str | Path], config: Config, report: IngestReport) -> Iterator[str]:
    """The clean body (content blocks joined by newlines) of every article, streaming."""
    repeated = RepeatedLines(min_articles=config.repeated_line_min_articles)
    for article in iter_articles(paths, config, IngestReport(), visible_text_only=True):
        repeated.add(article.outlet, article.text)
    repeated.prune()
    for article in iter_articles(paths, config, report):
        result = detect_boilerplate(
            article.text, title=article.title, outlet=article.outlet, repeated=repeated,
            html_content=article.html_content,
        )
        yield "\n".join(article.text[b.start : b.end] for b in result.content)


def _tap(items: Iterable[Article], callback: Callable[[], None]) -> Iterator[Article]:
    for item in items:
        callback()
        yield item
