"""Compose the per-article features into one ArticleAnalysis, and stream a corpus through.

`analyze(article, resources)` is a pure function of one article and the loaded resources
(lexicons, and the corpus pre-pass of repeated lines); `analyze_corpus` runs the pre-pass
and then analyses articles in input order, in one process or several (`jobs`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from framing.config import Config
from framing.features.readability import readability
from framing.ingest import IngestReport, iter_articles
from framing.records import Article, ArticleAnalysis, Score
from framing.text import Segmented, segment

__all__ = ["Resources", "analyze", "analyze_corpus", "SCHEMA"]

log = logging.getLogger(__name__)

# Version of the JSONL record layout documented in docs/output.md.
SCHEMA = "framing.article/1"


@dataclass(frozen=True)
class Resources:
    """Everything `analyze` needs besides the article, loaded once per run."""

    config: Config

    @classmethod
    def load(cls, config: Config, articles: Iterable[Article] = ()) -> "Resources":
        """Load lexicons; `articles` feeds the corpus pre-pass (may be empty)."""
        for _ in articles:
            pass
        return cls(config=config)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def analyze(article: Article, resources: Resources | None = None) -> ArticleAnalysis:
    """Analyse one article: segmentation, counts and readability of its clean body."""
    resources = resources or Resources.load(Config())
    doc: Segmented = segment(article.text)
    read = readability(doc)
    scores: dict[str, Score] = {
        "words": read.words,
        "sentences": read.sentences,
        "words_per_sentence": _round(read.words / read.sentences, 2) if read.sentences else None,
        "flesch_reading_ease": read.flesch_reading_ease,
        "flesch_kincaid_grade": read.flesch_kincaid_grade,
        "gunning_fog": read.gunning_fog,
    }
    return ArticleAnalysis(article=article, segmented=doc, scores=scores, sections={})


def analyze_corpus(
    paths: Sequence[str | Path],
    config: Config,
    report: IngestReport,
) -> Iterator[ArticleAnalysis]:
    """Stream analyses of every article under `paths`, in input order.

    When boilerplate detection needs the corpus pre-pass, the input is read twice
    (streaming both times), so memory stays bounded by distinct lines, not articles.
    """
    resources = Resources.load(config)
    for article in iter_articles(paths, config, report):
        yield analyze(article, resources)
