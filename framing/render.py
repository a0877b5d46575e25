"""Terminal output: the comparison table, the inspect view, progress and skip summaries.

The only module that imports rich. Colour follows rich's detection: none when writing to
a pipe or file, none when NO_COLOR is set.
"""

from __future__ import annotations

import errno
import math
import os
import sys
from collections import Counter
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from framing.compare import METRICS, ActorSentiment, Metric, detail
from framing.records import ArticleAnalysis, Comparison, OutletColumn, Skip

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
BAR_WIDTH = 5
MAX_ACTOR_ROWS = 6
TERMS_SHOWN = 6
MAX_VARIANTS = 4
# |z| at or above this is significant at the 5% level (two-sided).
SIGNIFICANT_Z = 1.96
CUE_ORDER = ("neutral", "endorsing", "distancing", "charged")
# Concepts shown even when the corpus uses only one variant (the choice is the point).
ALWAYS_SHOWN_CONCEPTS = frozenset({"capital", "war"})
FRAME_SHORT = {
    "security_and_defense": "security",
    "capacity_and_resources": "capacity",
    "crime_and_punishment": "crime",
    "fairness_and_equality": "fairness",
    "external_regulation_and_reputation": "external",
    "policy_prescription": "policy",
    "health_and_safety": "health",
    "quality_of_life": "quality of life",
    "cultural_identity": "culture",
    "public_opinion": "opinion",
}
KEY_TEXT = (
    "Figures are means over each outlet's articles (n). Quoted words by side: share of all "
    "quoted words spoken by each side; cues = how many quotes of that side are introduced "
    "by neutral/endorsing/distancing/charged verbs, counted over all the outlet's articles. "
    "Sentiment to actors: mean in [-1, 1] over n mentions, with its 95% interval below; '(<3)' = too few mentions. Frames: cues per 1,000 words, bold = "
    "the outlet's top three. Distinctive terms: weighted log-odds vs the other outlets. "
    "`framing inspect ID` shows the evidence behind any number."
)


class _Console(Console):
    """rich's Console, but a closed pipe (`framing compare | head`) raises BrokenPipeError
    for the command line to end quietly with status 0, as `analyze` does, instead of
    rich's own SystemExit(1)."""

    def on_broken_pipe(self) -> None:
        if self.quiet:
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more reaches the closed pipe
        raise BrokenPipeError(errno.EPIPE, "broken pipe")


def make_console(stderr: bool = False, quiet: bool = False, width: int | None = None) -> Console:
    return _Console(stderr=stderr, quiet=quiet, width=width, highlight=False, soft_wrap=False)


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


def _legend(comparison: Comparison, cut: set[str]) -> Text | None:
    """Full names of outlets whose header was shortened (a parenthetical dropped, or a
    word cut with an ellipsis: the outlets in `cut`)."""
    shortened = [c.outlet for c in comparison.columns if _short_outlet(c.outlet) != c.outlet or c.outlet in cut]
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
        f"{outlets}{f' of {comparison.outlets_total}' if comparison.outlets_total else ''} "
        f"outlet{'s' * ((comparison.outlets_total or outlets) != 1)}"
        f"{' shown' if comparison.outlets_total else ''} · {comparison.skipped} skipped",
        style="dim",
    )
    return line


Row = tuple[Text, list[Any]]


def _metric_sections(comparison: Comparison, metrics: Sequence[Metric], columns: Sequence[OutletColumn]) -> list[tuple[str, list[Row]]]:
    sections: dict[str, list[Row]] = {}
    for metric in metrics:
        if metric.key not in comparison.metrics:
            continue
        values = [column.scores.get(metric.key) for column in columns]
        if all(v is None for v in values):
            continue
        sections.setdefault(metric.section, []).append(
            (Text(metric.label), [_format(metric, value) for value in values])
        )
    return list(sections.items())


def _bar(share: float, width: int = BAR_WIDTH) -> Text:
    filled = int(round(share * width))
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f"{share:4.0%}")
    return text


def _voices_rows(columns: Sequence[OutletColumn]) -> list[Row]:
    details = [detail(c) for c in columns]
    totals: Counter[str] = Counter()
    for d in details:
        if d is not None:
            totals.update(d.quotes_by_actor)
    actors = [actor for actor, _ in totals.most_common(MAX_ACTOR_ROWS)]
    rows: list[Row] = []
    for actor in actors:
        cells: list[Any] = []
        for d in details:
            share = d.quoted_share.get(actor) if d is not None else None
            cells.append(_bar(share) if share else Text("–", style="dim"))
        rows.append((Text(_abbreviate(actor)), cells))
    for actor in actors:
        cells = []
        for d in details:
            classes = d.cue_classes_by_actor.get(actor) if d is not None else None
            if not classes:
                cells.append(Text("–", style="dim"))
                continue
            cell = Text()
            for number, cue_class in enumerate(CUE_ORDER):
                count = classes.get(cue_class, 0)
                if number:
                    cell.append("/", style="dim")
                style = "bold yellow" if count and cue_class in ("distancing", "charged") else ""
                cell.append(str(count), style=style)
            cells.append(cell)
        rows.append((Text(f"cues {_abbreviate(actor)}"), cells))
    return rows


def _wrap_header(name: str, width: int) -> str:
    """An outlet name in lines of at most `width`, broken between words or after hyphens,
    never inside a word ("Washingto/n Post"): a longer word is cut with an ellipsis."""
    lines = textwrap.wrap(name, width, break_long_words=False) or ["?"]
    return "\n".join(line if len(line) <= width else line[: width - 1] + "…" for line in lines)


def _abbreviate(actor: str) -> str:
    """Short actor names for row labels."""
    known = {"United States": "US", "United Kingdom": "UK"}
    return known.get(actor, actor)


def _signed(value: float) -> str:
    """+0.35 -> '+.35', -1.0 -> '-1', -0.004 -> '0': compact enough for a 9-character
    column (an interval '-1…-.98' must not fold); a value that rounds to zero is '0', with
    no sign ('-.00' read as negative) and no leading dot ('-.28….00' read as one number)."""
    text = f"{value:+.2f}"
    if text in ("+1.00", "-1.00"):
        return text[:2]
    if text in ("+0.00", "-0.00"):
        return "0"
    return text.replace("0.", ".", 1)


def _sentiment_cell(item: ActorSentiment | None) -> Text:
    if item is None or item.n == 0:
        return Text("–", style="dim")
    if item.mean is None:
        return Text(f"n={item.n}\n(<3)", style="dim")
    text = Text(_signed(item.mean), style=f"bold {_sentiment_style(item.mean)}")
    text.append(f" n={item.n}", style="dim")
    if item.lo is not None and item.hi is not None:
        text.append(f"\n{_signed(item.lo)}…{_signed(item.hi)}", style="dim")
    return text


def _sentiment_rows(columns: Sequence[OutletColumn]) -> list[Row]:
    details = [detail(c) for c in columns]
    mentions: Counter[tuple[str, str]] = Counter()
    for d in details:
        if d is not None:
            for item in d.sentiment:
                mentions[(item.actor, item.voice)] += item.n
    rows: list[Row] = []
    for voice in ("author", "quoted"):
        actors = [a for (a, v), _ in mentions.most_common() if v == voice][:MAX_ACTOR_ROWS]
        for actor in actors:
            cells = []
            for d in details:
                found = None
                if d is not None:
                    found = next((i for i in d.sentiment if i.actor == actor and i.voice == voice), None)
                cells.append(_sentiment_cell(found))
            label = _abbreviate(actor) if voice == "author" else f"{_abbreviate(actor)} (quoted)"
            rows.append((Text(label), cells))
    return rows


def _label_rows(columns: Sequence[OutletColumn]) -> list[Row]:
    """One row per label variant ("capital: kiev"), for concepts where outlets choose."""
    details = [detail(c) for c in columns]
    used: dict[str, Counter[str]] = {}
    for d in details:
        if d is None:
            continue
        for concept, variants in d.labels.items():
            for variant, n in variants.items():
                if n:
                    used.setdefault(concept, Counter())[variant] += n
    rows: list[Row] = []
    for concept, variants in used.items():
        if len(variants) < 2 and concept not in ALWAYS_SHOWN_CONCEPTS:
            continue
        rows.append((Text(concept.replace("_", " "), style="italic"), [""] * len(details)))
        for variant, _ in variants.most_common(MAX_VARIANTS):
            cells: list[Any] = []
            for d in details:
                count = d.labels.get(concept, {}).get(variant, 0) if d is not None else 0
                cells.append(Text(str(count), style="bold" if count else "dim"))
            rows.append((Text(f"  {_variant(variant)}"), cells))
    return rows


def _variant(variant: str) -> str:
    return variant.replace("_", " ")


def _frame_rows(columns: Sequence[OutletColumn]) -> list[Row]:
    """Rows for every frame in some outlet's top three; its rate, bold where it is top."""
    details = [detail(c) for c in columns]
    frames: list[str] = []
    for d in details:
        for frame, _ in (d.dominant_frames if d is not None else ()):
            if frame not in frames:
                frames.append(frame)
    rows: list[Row] = []
    for frame in frames:
        cells: list[Any] = []
        for column, d in zip(columns, details):
            rate = column.scores.get(f"frame_{frame}_per_1k")
            top = d is not None and any(f == frame for f, _ in d.dominant_frames)
            cells.append(Text("–" if rate is None else f"{rate:.1f}", style="bold" if top else "dim"))
        rows.append((Text(FRAME_SHORT.get(frame, frame.replace("_", " "))), cells))
    return rows


def _term_rows(columns: Sequence[OutletColumn]) -> list[Row]:
    cells = []
    for column in columns:
        d = detail(column)
        if d is None or not d.terms:
            cells.append(Text("–", style="dim"))
            continue
        cell = Text()
        for number, term in enumerate(d.terms[:TERMS_SHOWN]):
            if number:
                cell.append("\n")
            cell.append(term.term, style="bold" if term.z >= SIGNIFICANT_Z else "dim")
        cells.append(cell)
    if all(isinstance(c, Text) and c.plain == "–" for c in cells):
        return []
    return [(Text("used more than\nthe others\n(log-odds z)"), cells)]


def render_comparison(
    console: Console,
    comparison: Comparison,
    metrics: Sequence[Metric] = METRICS,
) -> None:
    """Outlets as columns, metrics as rows, split into several tables when too wide."""
    console.print(_header(comparison))
    if not comparison.columns:
        console.print("No articles to compare.")
        return
    per_table = _outlets_per_table(console.width, len(comparison.columns))
    columns = list(comparison.columns)
    chunks = [columns[i : i + per_table] for i in range(0, len(columns), per_table)]
    cut: set[str] = set()
    for index, chunk in enumerate(chunks):
        title = None
        if len(chunks) > 1:
            title = f"outlets {index * per_table + 1}-{index * per_table + len(chunk)} of {len(columns)}"
        table = Table(
            box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False,
            padding=(0, 0), show_edge=False, expand=False,
        )
        table.add_column("metric", min_width=LABEL_WIDTH, max_width=LABEL_WIDTH, overflow="fold")
        outlet_width = max(MIN_OUTLET_WIDTH, min(MAX_OUTLET_WIDTH, (console.width - LABEL_WIDTH - 3) // len(chunk) - 1))
        for column in chunk:
            wrapped = _wrap_header(_short_outlet(column.outlet), outlet_width)
            if "…" in wrapped:
                cut.add(column.outlet)
            header = Text(wrapped, style="bold")
            header.append(f"\nn={column.articles}", style="dim")
            table.add_column(header, justify="right", width=outlet_width, overflow="fold")
        sections = _metric_sections(comparison, metrics, chunk)
        sections.insert(
            next((i + 1 for i, (name, _) in enumerate(sections) if name == "voices"), len(sections)),
            ("quoted words by side", _voices_rows(chunk)),
        )
        sections.append(("sentiment to actors", _sentiment_rows(chunk)))
        sections.append(("labels (author)", _label_rows(chunk)))
        sections.append(("frames / 1k words", _frame_rows(chunk)))
        sections.append(("distinctive terms", _term_rows(chunk)))
        for name, rows in sections:
            if not rows:
                continue
            table.add_row(Text(name.upper(), style="bold cyan"), *[""] * len(chunk), end_section=False)
            for number, (label, cells) in enumerate(rows):
                table.add_row(label, *cells, end_section=number == len(rows) - 1)
        console.print(table)
    legend = _legend(comparison, cut)
    if legend is not None:
        console.print(legend)
    console.print(Text(KEY_TEXT, style="dim"))


# ----------------------------------------------------------------------------- inspect


ACTOR_COLOURS = {
    "Russia": "red",
    "Ukraine": "blue",
    "United States": "magenta",
    "UN": "cyan",
    "NATO": "bright_cyan",
    "EU": "bright_blue",
    "other": "white",
    "unknown": "bright_black",
}
FALLBACK_COLOURS = ("yellow", "bright_magenta", "bright_green", "bright_red", "green")


def actor_colour(actor: str | None) -> str:
    if actor is None:
        return "bright_black"
    if actor in ACTOR_COLOURS:
        return ACTOR_COLOURS[actor]
    return FALLBACK_COLOURS[sum(map(ord, actor)) % len(FALLBACK_COLOURS)]


def _sentiment_style(value: float) -> str:
    return "red" if value <= -0.15 else "green" if value >= 0.15 else "yellow"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_inspect(console: Console, analysis: ArticleAnalysis, *, all_scores: bool = False) -> None:
    """Metadata, scores, the text with its evidence highlighted, and the evidence tables."""
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
    _render_scores(console, analysis, all_scores)
    if not analysis.has_content:
        console.print(Text("no content: the whole text is boilerplate, so no other feature is measured", style="bold yellow"))
    _render_text(console, analysis)
    _render_evidence(console, analysis)


def _render_scores(console: Console, analysis: ArticleAnalysis, all_scores: bool) -> None:
    items = [
        (key, value)
        for key, value in analysis.scores.items()
        if all_scores or (value not in (None, 0, 0.0))
    ]
    grid = Table(box=box.SIMPLE, show_header=False, pad_edge=False, padding=(0, 1))
    per_row = max(1, min(3, console.width // 38))
    for _ in range(per_row):
        grid.add_column(style="dim", no_wrap=True, overflow="ellipsis", max_width=28)
        grid.add_column(justify="right", no_wrap=True)
    cells: list[str] = []
    for key, value in items:
        shown = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else value
        cells.extend([key, "–" if shown is None else str(shown)])
    for i in range(0, len(cells), 2 * per_row):
        row = cells[i : i + 2 * per_row]
        row += [""] * (2 * per_row - len(row))
        grid.add_row(*row)
    hidden = len(analysis.scores) - len(items)
    title = "scores" + (f" (non-zero; {hidden} zero or empty hidden: --all-scores)" if hidden else "")
    console.print(Text(title, style="bold"))
    console.print(grid)


def _render_text(console: Console, analysis: ArticleAnalysis) -> None:
    raw = analysis.article.text
    text = Text(raw)
    doc = analysis.segmented
    for number, sentence in enumerate(doc.sentences, start=1):
        if number % 2 == 0:
            text.stylize("on grey11", sentence.start, sentence.end)
    if analysis.lexical is not None:
        for span in analysis.lexical.label_spans:
            text.stylize("bold reverse", span["start"], span["end"])
        for item in analysis.lexical.loaded:
            text.stylize("italic underline", item["start"], item["end"])
    for mention in analysis.mentions:
        text.stylize(f"underline {_sentiment_style(mention.sentiment)}", mention.start, mention.end)
    for quote in analysis.quotes:
        if quote.kind == "scare":
            text.stylize("bright_black italic", quote.start, quote.end)
            continue
        text.stylize(actor_colour(quote.actor), quote.start, quote.end)
        if quote.speaker_span is not None:
            text.stylize(f"bold {actor_colour(quote.actor)}", *quote.speaker_span)
        if quote.cue_span is not None:
            text.stylize("bold", *quote.cue_span)
    if analysis.boilerplate is not None:
        for block in analysis.boilerplate.blocks:
            text.stylize("dim strike", block.start, block.end)
    marked = _with_markers(raw, text, doc.sentences, analysis)
    key = Text("key: ", style="bold")
    for label, style in (
        ("[n] sentence", "dim"),
        ("boilerplate", "dim strike"),
        ("quote (colour = speaker's side)", "magenta"),
        ("speaker", "bold"),
        ("actor mention (colour = sentiment)", "underline red"),
        ("label variant", "bold reverse"),
        ("loaded/hedge", "italic underline"),
        ("scare quote", "bright_black italic"),
    ):
        key.append(label, style=style)
        key.append("  ")
    console.print(key)
    console.print(marked)


def _render_evidence(console: Console, analysis: ArticleAnalysis) -> None:
    text = analysis.article.text
    if analysis.boilerplate is not None and analysis.boilerplate.blocks:
        table = Table(title="boilerplate blocks", title_justify="left", box=box.SIMPLE, pad_edge=False)
        table.add_column("offsets", no_wrap=True)
        table.add_column("category")
        table.add_column("text")
        for block in analysis.boilerplate.blocks:
            table.add_row(f"{block.start}-{block.end}", block.category, _short(text[block.start : block.end]))
        console.print(table)
    if analysis.quotes:
        table = Table(title="quotes", title_justify="left", box=box.SIMPLE, pad_edge=False)
        for name in ("kind", "speaker", "side", "cue (class)", "text"):
            table.add_column(name, overflow="fold")
        for quote in analysis.quotes:
            speaker = quote.speaker or ("(anonymous)" if quote.anonymous else "–")
            if quote.anonymous and quote.speaker:
                speaker += " (anon.)"
            cue = f"{quote.cue} ({quote.cue_class})" if quote.cue else "–"
            table.add_row(
                quote.kind,
                speaker,
                Text(quote.actor, style=actor_colour(quote.actor)),
                cue,
                _short(quote.text, 50),
            )
        console.print(table)
    if analysis.actors:
        table = Table(title="actors", title_justify="left", box=box.SIMPLE, pad_edge=False)
        for name in ("actor", "mentions", "author voice", "95% interval", "quoted voice", "quotes", "quoted words"):
            table.add_column(name, justify="right" if name != "actor" else "left")
        for actor, entry in analysis.actors.items():
            author = entry.get("sentiment_author")
            quoted = entry.get("sentiment_quoted")
            ci = entry.get("ci_author") or [None, None]
            table.add_row(
                actor,
                str(entry.get("mentions", 0)),
                Text(f"{author:+.2f}", style=_sentiment_style(author)) if author is not None else Text("<3", style="dim"),
                f"[{ci[0]:+.2f}, {ci[1]:+.2f}]" if ci[0] is not None else "–",
                Text(f"{quoted:+.2f}", style=_sentiment_style(quoted)) if quoted is not None else Text("<3", style="dim"),
                str(entry.get("quotes", 0)),
                str(entry.get("quoted_words", 0)),
            )
        console.print(table)
    lexical = analysis.lexical
    if lexical is not None and (lexical.label_spans or lexical.loaded):
        table = Table(title="labels and loaded language", title_justify="left", box=box.SIMPLE, pad_edge=False)
        for name in ("what", "term", "voice / category", "count"):
            table.add_column(name)
        counts: Counter[tuple[str, str, str]] = Counter()
        for span in lexical.label_spans:
            counts[("label " + span["concept"], text[span["start"] : span["end"]].lower(), span["voice"])] += 1
        for item in lexical.loaded:
            counts[("language", item["term"].lower(), item["category"])] += 1
        for (what, term, voice), n in sorted(counts.items()):
            table.add_row(what, term, voice, str(n))
        console.print(table)
        if lexical.dominant_frames:
            frames = ", ".join(f"{f} {lexical.frames[f]:.1f}" for f in lexical.dominant_frames)
            console.print(Text(f"dominant frames (cues per 1,000 words): {frames}"))


def _with_markers(raw: str, styled: Text, sentences: Sequence[Any], analysis: ArticleAnalysis) -> Text:
    """Insert a dim [n] before each sentence and a [category] tag before each boilerplate
    block, keeping the styles of the original text (visible without colour too)."""
    inserts: list[tuple[int, int, str, str]] = []
    for number, sentence in enumerate(sentences, start=1):
        inserts.append((sentence.start, 1, f"[{number}]", "dim"))
    if analysis.boilerplate is not None:
        for block in analysis.boilerplate.blocks:
            inserts.append((block.start, 0, f"[{block.category}] ", "bold yellow"))
    inserts.sort()
    out = Text()
    position = 0
    for offset, _, label, style in inserts:
        out.append_text(styled[position:offset])
        out.append(label, style=style)
        position = offset
    out.append_text(styled[position : len(raw)])
    return out


def render_suggestions(console: Console, suggestions: Sequence[Any], *, articles: int) -> None:
    """`framing actors suggest`: names no pack covers, with counts and an example."""
    if not suggestions:
        console.print(f"No uncovered names found in {articles} article(s).")
        return
    table = Table(
        title=f"names not covered by the loaded actor packs ({articles} articles)",
        title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
    )
    table.add_column("name", style="bold", overflow="fold")
    table.add_column("count", justify="right")
    table.add_column("example", overflow="fold")
    for item in suggestions:
        table.add_row(item.name, str(item.count), _short(item.example, 90))
    console.print(table)
    console.print(Text("Add the ones that matter to a pack (TOML) and pass it with --actors FILE.", style="dim"))


# ----------------------------------------------------------------------------- run chrome


def render_skips(console: Console, skipped: Sequence[Skip], strict: bool) -> None:
    """The end-of-run list of skipped items with reasons (on stderr)."""
    if not skipped:
        return
    what = "could not be read (--strict: exit status 1)" if strict else "skipped"
    console.print(f"[bold yellow]{len(skipped)} input item(s) {what}:[/]")
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
