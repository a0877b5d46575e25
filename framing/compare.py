"""Aggregate article analyses per outlet: the statistics behind `framing compare`.

No rendering here (that is render.py); this module only computes numbers with their n.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from framing.records import ArticleAnalysis, Comparison, OutletColumn, Score

__all__ = ["Metric", "METRICS", "build_comparison", "OutletAccumulator"]


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
    Metric("words_per_sentence", "words / sentence", "readability", "{:.1f}"),
    Metric("flesch_reading_ease", "Flesch reading ease", "readability", "{:.1f}", "0-100, higher is easier"),
    Metric("flesch_kincaid_grade", "Flesch-Kincaid grade", "readability", "{:.1f}", "US school grade"),
    Metric("gunning_fog", "Gunning fog", "readability", "{:.1f}", "years of schooling"),
)


class OutletAccumulator:
    """Running sums per outlet and metric, so compare streams instead of holding records."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._articles: dict[str, int] = {}
        self._sums: dict[str, dict[str, float]] = {}
        self._counts: dict[str, dict[str, int]] = {}

    def add(self, analysis: ArticleAnalysis) -> None:
        outlet = analysis.article.outlet
        if outlet not in self._articles:
            self._order.append(outlet)
            self._articles[outlet] = 0
            self._sums[outlet] = {}
            self._counts[outlet] = {}
        self._articles[outlet] += 1
        sums, counts = self._sums[outlet], self._counts[outlet]
        for key, value in analysis.scores.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sums[key] = sums.get(key, 0.0) + float(value)
                counts[key] = counts.get(key, 0) + 1

    def columns(self) -> tuple[OutletColumn, ...]:
        columns = []
        for outlet in self._order:
            sums, counts = self._sums[outlet], self._counts[outlet]
            means: dict[str, Score] = {key: sums[key] / counts[key] for key in sums}
            columns.append(OutletColumn(outlet, self._articles[outlet], means))
        return tuple(columns)


def build_comparison(
    analyses: Iterable[ArticleAnalysis],
    *,
    corpus: str,
    skipped: int = 0,
    metrics: Sequence[Metric] = METRICS,
    is_default_corpus: bool = False,
) -> Comparison:
    """Mean of every score per outlet (outlets in order of first appearance)."""
    accumulator = OutletAccumulator()
    total = 0
    for analysis in analyses:
        accumulator.add(analysis)
        total += 1
    return Comparison(
        corpus=corpus,
        articles=total,
        skipped=skipped,
        columns=accumulator.columns(),
        metrics=tuple(m.key for m in metrics),
        is_default_corpus=is_default_corpus,
    )
