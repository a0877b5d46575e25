"""Frozen records passed between stages: ingest -> analyze -> compare."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from framing.text import Segmented, Span

if TYPE_CHECKING:  # feature records, imported for annotations only (no import cycle)
    from framing.features.boilerplate import BoilerplateResult
    from framing.features.lexical import LexicalResult
    from framing.features.mentions import Mention
    from framing.features.quotes import Quote

__all__ = ["Article", "Skip", "ArticleAnalysis", "Comparison", "OutletColumn", "Score"]

Score = float | int | None


@dataclass(frozen=True)
class Article:
    """One article as loaded: decoded raw text plus its metadata.

    `text` is the raw text all offsets index (line endings normalised to "\\n", a leading
    metadata line removed). For HTML input, `text` is all visible text of the page and
    `html_content` the lines the HTML extractor took as the main text.
    """

    id: str
    outlet: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str = ""
    language_note: str | None = None
    html_content: tuple[Span, ...] | None = None


@dataclass(frozen=True)
class Skip:
    """An input item that was not analysed, and why (listed at the end of every run)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything computed for one article: evidence spans per feature, and flat scores.

    `scores` keys are exactly the CSV columns, in a stable order. The feature records
    (boilerplate blocks, quotes, mentions, lexical spans) keep raw-text offsets, so every
    score can be traced to the characters it came from (`framing inspect` shows them).
    """

    article: Article
    segmented: Segmented
    scores: Mapping[str, Score]
    boilerplate: "BoilerplateResult | None" = None
    quotes: "tuple[Quote, ...]" = ()
    mentions: "tuple[Mention, ...]" = ()
    actors: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    quote_scores: Mapping[str, Any] = field(default_factory=dict)
    lexical: "LexicalResult | None" = None

    @property
    def has_content(self) -> bool:
        return bool(self.segmented.tokens)


@dataclass(frozen=True)
class OutletColumn:
    """One outlet's aggregated scores (mean over its articles) with the article count.

    `detail` holds the non-scalar sections (compare.OutletDetail: voices, sentiment,
    labels, frames, distinctive terms).
    """

    outlet: str
    articles: int
    scores: Mapping[str, Score]
    detail: Any = None


@dataclass(frozen=True)
class Comparison:
    """Per-outlet aggregates for one corpus (or one event), ready to render or export."""

    corpus: str
    articles: int
    skipped: int
    columns: tuple[OutletColumn, ...]
    metrics: tuple[str, ...]
    is_default_corpus: bool = False
    outlets_total: int | None = None  # outlets in the corpus when `columns` is a selection
