"""Terminal output: the comparison table, the inspect view, progress and skip summaries.

The only module that imports rich. Colour follows rich's detection: none when writing to
a pipe or file, none when NO_COLOR is set.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from framing.compare import METRICS, Metric
from framing.records import ArticleAnalysis, Comparison, Skip

__all__ = [
    "make_console",
    "render_comparison",
    "render_inspect",
    "render_skips",
    "ProgressReporter",
    "PROGRESS_AFTER",
]

# Show a progress bar only once a run has processed this many articles.
PROGRESS_AFTER = 30
# Width of the metric-label column, and the narrowest an outlet column may get.
LABEL_WIDTH = 20
MIN_OUTLET_WIDTH = 9
MAX_OUTLET_WIDTH = 16
MAX_SKIPS_SHOWN = 30


def make_console(stderr: bool = False, quiet: bool = False, width: int | None = None) -> Console:
    return Console(stderr=stderr, quiet=quiet, width=width, highlight=False, soft_wrap=False)


# ----------------------------------------------------------------------------- compare


def _format(metric: Metric, value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, (int, float)):
        return metric.fmt.format(value)
    return str(value)


def _outlets_per_table(width: int, outlets: int) -> int:
    """How many outlet columns fit beside the label column at this console width."""
    usable = width - LABEL_WIDTH - 3
    fit = max(1, usable // (MIN_OUTLET_WIDTH + 1))
    return min(outlets, fit) if outlets else 1


def _short_outlet(outlet: str) -> str:
    """Header label: the outlet name without a trailing parenthetical (kept in the legend)."""
    short = re.sub(r"\s*\([^)]*\)\s*$", "", outlet).strip()
    return short or outlet


def _legend(comparison: Comparison) -> Text | None:
    """Full names of outlets whose header was shortened."""
    shortened = [c.outlet for c in comparison.columns if _short_outlet(c.outlet) != c.outlet]
    if not shortened:
        return None
    return Text("full outlet names: " + "; ".join(shortened), style="dim")


def _header(comparison: Comparison) -> Text:
    source = "bundled seeds (no PATH given)" if comparison.is_default_corpus else comparison.corpus
    outlets = len(comparison.columns)
    line = Text()
    line.append("framing compare", style="bold")
    line.append(f" · {source}\n")
    line.append(
        f"{comparison.articles} article{'s' * (comparison.articles != 1)} · "
        f"{outlets} outlet{'s' * (outlets != 1)} · {comparison.skipped} skipped",
        style="dim",
    )
    return line


def render_comparison(
    console: Console,
    comparison: Comparison,
    metrics: Sequence[Metric] = METRICS,
    extra_sections: Sequence[Callable[[Console, Comparison], None]] = (),
) -> None:
    """Outlets as columns, metrics as rows, split into several tables when too wide."""
    console.print(_header(comparison))
    if not comparison.columns:
        console.print("No articles to compare.")
        return
    shown = [m for m in metrics if m.key in comparison.metrics]
    per_table = _outlets_per_table(console.width, len(comparison.columns))
    columns = list(comparison.columns)
    chunks = [columns[i : i + per_table] for i in range(0, len(columns), per_table)]
    for index, chunk in enumerate(chunks):
        title = None
        if len(chunks) > 1:
            title = f"outlets {index * per_table + 1}-{index * per_table + len(chunk)} of {len(columns)}"
        table = Table(
            box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False,
            padding=(0, 0), show_edge=False, expand=False,
        )
        table.add_column("metric", min_width=LABEL_WIDTH, max_width=LABEL_WIDTH, no_wrap=True, overflow="ellipsis")
        outlet_width = max(MIN_OUTLET_WIDTH, min(MAX_OUTLET_WIDTH, (console.width - LABEL_WIDTH - 3) // len(chunk) - 1))
        for column in chunk:
            wrapped = "\n".join(textwrap.wrap(_short_outlet(column.outlet), outlet_width)) or "?"
            header = Text(wrapped, style="bold")
            header.append(f"\nn={column.articles}", style="dim")
            table.add_column(
                header, justify="right", width=outlet_width, overflow="fold",
            )
        section = None
        for metric in shown:
            if metric.section != section:
                section = metric.section
                table.add_row(Text(section.upper(), style="bold cyan"), *[""] * len(chunk))
            table.add_row(
                Text(metric.label),
                *[_format(metric, column.scores.get(metric.key)) for column in chunk],
            )
        console.print(table)
    legend = _legend(comparison)
    if legend is not None:
        console.print(legend)
    for section_renderer in extra_sections:
        section_renderer(console, comparison)


# ----------------------------------------------------------------------------- inspect


@dataclass(frozen=True)
class Highlight:
    """A styled span of the raw text with an optional label shown after it."""

    start: int
    end: int
    style: str
    label: str | None = None


def render_inspect(
    console: Console,
    analysis: ArticleAnalysis,
    highlights: Sequence[Highlight] = (),
    legend: Sequence[tuple[str, str]] = (),
) -> None:
    """Metadata, scores, and the text with sentence boundaries and evidence highlighted."""
    article = analysis.article
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for key, value in (
        ("id", article.id),
        ("outlet", article.outlet),
        ("title", article.title),
        ("date", article.date),
        ("url", article.url),
        ("source", article.source),
        ("note", article.language_note),
    ):
        if value:
            meta.add_row(key, str(value))
    console.print(Panel(meta, title="article", title_align="left", expand=False))

    scores = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
    scores.add_column("score")
    scores.add_column("value", justify="right")
    for key, value in analysis.scores.items():
        if isinstance(value, float):
            value = f"{value:.3f}".rstrip("0").rstrip(".")
        scores.add_row(key, "–" if value is None else str(value))
    console.print(scores)

    text = Text(article.text)
    doc = analysis.segmented
    for number, sentence in enumerate(doc.sentences, start=1):
        text.stylize("default" if number % 2 else "blue", sentence.start, sentence.end)
    for highlight in highlights:
        text.stylize(highlight.style, highlight.start, highlight.end)
    marked = _with_markers(article.text, text, doc.sentences)
    if legend:
        key = Text("key: ", style="bold")
        for label, style in legend:
            key.append(label, style=style)
            key.append("  ")
        console.print(key)
    console.print(
        Text(
            f"{len(doc.sentences)} sentences; each starts at a dim [n] marker, "
            "alternate sentences in blue.",
            style="dim",
        )
    )
    console.print(marked)


def _with_markers(raw: str, styled: Text, sentences: Sequence[Any]) -> Text:
    """Insert a dim [n] before each sentence, keeping the styles of the original text."""
    out = Text()
    position = 0
    for number, sentence in enumerate(sentences, start=1):
        out.append_text(styled[position : sentence.start])
        out.append(f"[{number}]", style="dim")
        position = sentence.start
    out.append_text(styled[position : len(raw)])
    return out


# ----------------------------------------------------------------------------- run chrome


def render_skips(console: Console, skipped: Sequence[Skip], strict: bool) -> None:
    """The end-of-run list of skipped items with reasons (on stderr)."""
    if not skipped:
        return
    verb = "error" if strict else "skipped"
    console.print(f"[bold yellow]{len(skipped)} input item(s) {verb}:[/]")
    for skip in skipped[:MAX_SKIPS_SHOWN]:
        console.print(f"  {skip}", markup=False, highlight=False)
    if len(skipped) > MAX_SKIPS_SHOWN:
        console.print(
            f"  … and {len(skipped) - MAX_SKIPS_SHOWN} more (use --skip-log FILE to write them all)"
        )


@dataclass
class ProgressReporter:
    """A progress bar on stderr that appears only for long runs on a terminal."""

    console: Console
    total: int | None = None
    description: str = "analysing"
    enabled: bool = True
    _progress: Progress | None = field(default=None, init=False)
    _task: Any = field(default=None, init=False)
    _count: int = field(default=0, init=False)

    def __enter__(self) -> "ProgressReporter":
        return self

    def advance(self, n: int = 1) -> None:
        self._count += n
        if not self.enabled or not self.console.is_terminal:
            return
        if self._progress is None:
            if self._count < PROGRESS_AFTER:
                return
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total, rate="")
            self._started = self._progress.get_time()
            self._progress.update(self._task, completed=self._count)
            return
        elapsed = max(self._progress.get_time() - self._started, 1e-9)
        self._progress.update(self._task, completed=self._count, rate=f"{self._count / elapsed:,.0f} art/s")

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def iter_with_progress(items: Iterable[Any], reporter: ProgressReporter) -> Iterable[Any]:
    with reporter:
        for item in items:
            yield item
            reporter.advance()
