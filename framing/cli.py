"""The `framing` command line: parse flags -> Config -> one library call -> render/export.

Exit codes: 0 success; 1 --strict and something was skipped; 2 unusable arguments or no
articles found (a one-line error, never a traceback).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import click

from framing import __version__
from framing.analyze import Resources, analyze, analyze_corpus, clean_bodies
from framing.features.actors import load_actor_lexicon
from framing.features.mentions import suggest_actors
from framing.compare import UnknownOutlet, build_comparison, select_outlets, unknown_outlet_message
from framing.config import FEATURES, Config
from framing.export import CsvWriter, JsonlWriter, OutputError, atomic_writer, write_comparison_csv, write_terms_csv
from framing.ingest import IngestReport, InputError, iter_articles
from framing.lexicons import LexiconError, data_root
from framing.render import (
    ProgressReporter,
    iter_with_progress,
    make_console,
    render_comparison,
    render_inspect,
    render_skips,
    render_suggestions,
)

__all__ = ["main", "cli"]

log = logging.getLogger("framing")


def seeds_path() -> Path:
    """The bundled sample corpus (works for wheel, sdist and editable installs)."""
    return Path(str(data_root("seeds", "seeds")))


class Failure(click.ClickException):
    """A one-line error with exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"framing: error: {self.format_message()}", err=True)


class OutputPath(click.Path):
    """A file to write: its folder must exist and be writable, checked before any work."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        folder = Path(os.fsdecode(path)).parent
        if not folder.is_dir():
            self.fail(f"folder {str(folder)!r} does not exist", param, ctx)
        if not os.access(folder, os.W_OK | os.X_OK):
            self.fail(f"folder {str(folder)!r} is not writable", param, ctx)
        return path


def _input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a corpus."""
    options = [
        click.option("--text-field", metavar="NAME", help="JSONL/CSV field holding the article text (default: text|content|body)."),
        click.option("--outlet-field", metavar="NAME", help="JSONL/CSV field naming the outlet (default: outlet|source|media_name|publisher)."),
        click.option("--actors", "actor_packs", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="An actor pack (TOML) to load besides the bundled ukraine-war pack. Repeatable."),
        click.option("--cues", "cue_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A CSV of extra reporting cues (cue,class,provenance) merged over the bundled list."),
        click.option("--features", "features", metavar="LIST", callback=_parse_features, help=f"Comma-separated feature families to compute (default: all of {','.join(FEATURES)}; 'none' for counts and readability only, which always run)."),
        click.option("--strict", is_flag=True, help="Exit with status 1 if any input file or record is skipped."),
        click.option("--skip-log", type=OutputPath(), help="Write every skipped item with its reason to this file."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar, no skip summary (errors still print)."),
        click.option("-v", "--verbose", count=True, help="More logging on stderr (-vv for debug)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _parse_features(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    chosen = {item.strip() for item in value.split(",") if item.strip()}
    if chosen == {"none"}:
        return frozenset()
    unknown = chosen - set(FEATURES)
    if unknown:
        raise click.BadParameter(f"unknown feature(s) {', '.join(sorted(unknown))}; choose from {', '.join(FEATURES)}")
    return frozenset(chosen)


def _prepass_progress(console: Any, quiet: bool) -> dict[str, Callable[[], None]]:
    """Progress callbacks for the boilerplate pre-pass (the corpus is read once first)."""
    reporter = ProgressReporter(console, enabled=not quiet, description="reading (repeated-line pass)")
    return {"on_prepass": reporter.advance, "on_prepass_done": lambda: reporter.__exit__(None, None, None)}


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING
    if verbose == 1:
        level = logging.INFO
    elif verbose >= 2:
        level = logging.DEBUG
    if quiet:
        level = logging.ERROR
    logging.basicConfig(level=level, format="framing: %(levelname)s: %(message)s", stream=sys.stderr)


def _config(options: dict[str, Any]) -> Config:
    return Config(
        text_field=options.get("text_field"),
        outlet_field=options.get("outlet_field"),
        strict=bool(options.get("strict")),
        actor_packs=tuple(options.get("actor_packs") or ()),
        cue_file=options.get("cue_file"),
        features=frozenset(FEATURES) if options.get("features") is None else options["features"],
    )


def _finish(report: IngestReport, *, strict: bool, quiet: bool, skip_log: Path | None) -> None:
    """List skips on stderr, write the skip log, and fail under --strict."""
    err = make_console(stderr=True, quiet=quiet and not strict)
    render_skips(err, report.skipped, strict)
    if skip_log is not None:
        with atomic_writer(skip_log) as handle:
            for skip in report.skipped:
                handle.write(f"{skip.source}\t{skip.reason}\n")
    if strict and report.skipped:
        raise click.exceptions.Exit(1)


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one-line errors with exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (InputError, LexiconError, OutputError) as exc:
            raise Failure(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(0)
        except KeyboardInterrupt:
            click.echo("framing: interrupted", err=True)
            raise click.exceptions.Exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="framing")
def cli() -> None:
    """Show side by side how news outlets frame the same events.

    \b
    Start here:
      framing compare                 compare the five bundled sample articles
      framing inspect 001             one article with the evidence behind its numbers
      framing analyze corpus/ -o scores.jsonl
    """


# ----------------------------------------------------------------------------- analyze


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputPath(), help="Write here (atomically) instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None, help="Output format (default: from the -o suffix, else jsonl).")
@_input_options
@_guard
def analyze_cmd(
    paths: Sequence[Path],
    output: Path | None,
    fmt: str | None,
    skip_log: Path | None,
    quiet: bool,
    verbose: int,
    **options: Any,
) -> None:
    """Analyse every article under PATHS and stream one record per article.

    PATHS may be folders of .txt/.md/.html files (with an optional manifest.csv), JSON
    Lines, JSON or CSV files, optionally .gz-compressed. The JSONL record format is
    documented in docs/output.md; the CSV has one row per article with every score.

    \b
    Examples:
      framing analyze seeds/ -o scores.jsonl
      framing analyze export.csv.gz --text-field body --format csv > scores.csv
    """
    _setup_logging(verbose, quiet)
    if fmt is None:
        fmt = "csv" if output is not None and output.suffix.lower() == ".csv" else "jsonl"
    config = _config(options)
    strict = config.strict
    report = IngestReport()
    err = make_console(stderr=True, quiet=quiet)
    analyses = analyze_corpus(paths, config, report, **_prepass_progress(err, quiet))
    count = 0

    def write_all(handle: Any) -> None:
        nonlocal count
        writer = CsvWriter(handle) if fmt == "csv" else JsonlWriter(handle)
        for analysis in iter_with_progress(analyses, ProgressReporter(err, enabled=not quiet)):
            writer.write(analysis)
            count += 1

    if output is None:
        write_all(sys.stdout)
    else:
        with atomic_writer(output) as handle:
            write_all(handle)
    if count == 0:
        _finish(report, strict=strict, quiet=quiet, skip_log=skip_log)
        raise Failure(f"no articles found in {', '.join(map(str, paths))}")
    if output is not None and not quiet:
        err.print(f"wrote {count} record(s) to {output}")
    _finish(report, strict=strict, quiet=quiet, skip_log=skip_log)


analyze_cmd.name = "analyze"


# ----------------------------------------------------------------------------- compare


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--csv", "csv_path", type=OutputPath(), help="Also export the figures shown (outlet, articles, metric, value) to this CSV.")
@click.option("--terms", "terms_path", type=OutputPath(), help="Also export each outlet's distinctive terms (with z-scores and counts) to this CSV.")
@click.option("--width", type=click.IntRange(40, 400), help="Table width in columns (default: the terminal's, 80 in a pipe).")
@click.option(
    "--by",
    type=click.Choice(["outlet"]),
    default="outlet",
    show_default=True,
    help="Columns and the distinctive-terms contrast: each outlet against all the others over the whole corpus (grouping articles into events comes in a later release).",
)
@click.option("--outlet", "outlets", metavar="NAME", multiple=True, help="Show only this outlet (case-insensitive; repeatable, columns in the order given). Figures and terms are still computed over the whole corpus.")
@click.option("--top", type=click.IntRange(1), metavar="N", help="Show only the N outlets with the most articles.")
@_input_options
@_guard
def compare(
    paths: Sequence[Path],
    csv_path: Path | None,
    terms_path: Path | None,
    width: int | None,
    by: str,
    outlets: Sequence[str],
    top: int | None,
    skip_log: Path | None,
    quiet: bool,
    verbose: int,
    **options: Any,
) -> None:
    """Compare outlets side by side: one column per outlet, one row per metric.

    With no PATHS, runs on the five bundled sample articles (the war in Ukraine, five
    very different outlets). Each figure is the mean over the outlet's articles; n is
    the number of articles.

    \b
    Examples:
      framing compare
      framing compare corpus/ --csv comparison.csv --terms terms.csv
      framing compare export.jsonl.gz --text-field body --actors my-pack.toml
      framing compare export.jsonl.gz --top 5
      framing compare export.jsonl.gz --outlet "Fox News" --outlet CNN
    """
    _setup_logging(verbose, quiet)
    if outlets and top is not None:
        raise click.UsageError("use --outlet or --top, not both")
    default = not paths
    inputs: Sequence[Path] = [seeds_path()] if default else paths
    config = _config(options)
    strict = config.strict
    if outlets:
        _check_outlets(outlets, inputs, config)
    report = IngestReport()
    err = make_console(stderr=True, quiet=quiet)
    analyses = iter_with_progress(
        analyze_corpus(inputs, config, report, **_prepass_progress(err, quiet)),
        ProgressReporter(err, enabled=not quiet),
    )
    corpus = "bundled seeds" if default else ", ".join(map(str, paths))
    comparison = build_comparison(analyses, corpus=corpus, is_default_corpus=default)
    comparison = replace(comparison, skipped=len(report.skipped))
    if comparison.articles == 0:
        _finish(report, strict=strict, quiet=quiet, skip_log=skip_log)
        raise Failure(f"no articles found in {corpus}")
    try:
        comparison = select_outlets(comparison, outlets, top)
    except UnknownOutlet as error:  # a name of a skipped article's outlet only
        raise Failure(str(error)) from None
    out = make_console(width=width)
    render_comparison(out, comparison)
    if csv_path is not None:
        write_comparison_csv(comparison, csv_path)
        if not quiet:
            err.print(f"wrote {csv_path}")
    if terms_path is not None:
        write_terms_csv(comparison, terms_path)
        if not quiet:
            err.print(f"wrote {terms_path}")
    _finish(report, strict=strict, quiet=quiet, skip_log=skip_log)


def _check_outlets(names: Sequence[str], inputs: Sequence[Path], config: Config) -> None:
    """Fail before any analysis when an --outlet name is not in the corpus (one quick
    read of the input; a typo should not cost a whole run)."""
    known = {article.outlet for article in iter_articles(inputs, config, IngestReport(), visible_text_only=True)}
    folded = {name.casefold() for name in known}
    for name in names:
        if name.strip().casefold() not in folded:
            raise Failure(unknown_outlet_message(name, sorted(known)))


# ----------------------------------------------------------------------------- inspect


def _find_article(target: str, corpus: Sequence[Path], config: Config, report: IngestReport) -> Any:
    """An article by file path, exact id, or unique id prefix within the corpus."""
    path = Path(target)
    if path.is_file():
        found = list(iter_articles([path], config, report))
        if not found:
            reasons = "; ".join(s.reason for s in report.skipped) or "no article in it"
            raise Failure(f"cannot read {target}: {reasons}")
        return found[0]
    matches = []
    for article in iter_articles(corpus, config, report):
        if article.id == target:
            return article
        if article.id.startswith(target):
            matches.append(article)
    if len(matches) == 1:
        return matches[0]
    where = ", ".join(map(str, corpus))
    if not matches:
        raise Failure(f"no article with id {target!r} in {where} (give a file path or an id)")
    ids = ", ".join(a.id for a in matches[:5])
    raise Failure(f"id prefix {target!r} is ambiguous in {where}: {ids}")


@cli.command()
@click.argument("target", metavar="ID|FILE")
@click.option("--corpus", "corpus", multiple=True, type=click.Path(exists=True, path_type=Path), help="Where to look up ID (default: the bundled seeds). Repeatable.")
@click.option("--width", type=click.IntRange(40, 400), help="Output width in columns.")
@click.option("--all-scores", is_flag=True, help="List every score, including zero and empty ones.")
@_input_options
@_guard
def inspect(
    target: str,
    corpus: Sequence[Path],
    width: int | None,
    all_scores: bool,
    skip_log: Path | None,
    quiet: bool,
    verbose: int,
    **options: Any,
) -> None:
    """Show one article with its metadata, scores and the evidence behind them.

    ID|FILE is a file path, an article id, or a unique prefix of an id in the corpus.

    \b
    Examples:
      framing inspect 003                        (a bundled seed, by id prefix)
      framing inspect my-article.txt
      framing inspect 1GLe2ySN --corpus articles.jsonl.gz
    """
    _setup_logging(verbose, quiet)
    config = _config(options)
    strict = config.strict
    report = IngestReport()
    paths = list(corpus) or [seeds_path()]
    article = _find_article(target, paths, config, report)
    # The same pre-pass as analyze/compare, so the article gets the same numbers here.
    prepass = iter_articles(
        paths if not Path(target).is_file() else [Path(target)], config, IngestReport(), visible_text_only=True
    )
    analysis = analyze(article, Resources.load(config, prepass if "boilerplate" in config.features else ()))
    render_inspect(make_console(width=width), analysis, all_scores=all_scores)
    _finish(report, strict=strict, quiet=quiet, skip_log=skip_log)


# ----------------------------------------------------------------------------- actors


@cli.group()
def actors() -> None:
    """Show the loaded actor packs, or find names a pack does not cover yet.

    \b
    Examples:
      framing actors show
      framing actors show --actors my-conflict.toml
      framing actors suggest corpus/ --min-count 5
    """


@actors.command("show")
@click.option("--actors", "actor_packs", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="An actor pack (TOML) to load besides the bundled one. Repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="Only the one-line summary.")
@_guard
def actors_show(actor_packs: Sequence[Path], quiet: bool) -> None:
    """Print every actor of the loaded packs with its aliases by kind.

    \b
    Example:
      framing actors show --actors extra.toml
    """
    lexicon = load_actor_lexicon(tuple(actor_packs))
    listing = lexicon.describe()
    click.echo(listing.splitlines()[0] if quiet else listing)


@actors.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True, help="Only names seen at least this often.")
@click.option("--top", type=click.IntRange(1), default=40, show_default=True, help="How many names to list.")
@_input_options
@_guard
def actors_suggest(
    paths: Sequence[Path],
    min_count: int,
    top: int,
    skip_log: Path | None,
    quiet: bool,
    verbose: int,
    **options: Any,
) -> None:
    """List frequent person and organisation names no loaded actor pack covers.

    Reads the clean body of every article (boilerplate removed) and prints each name
    with its count and one example sentence, so a pack for a new topic can be written
    in minutes (see lexicons/actors/ukraine-war.toml for the format).

    \b
    Example:
      framing actors suggest corpus/ --min-count 5 --actors my-pack.toml
    """
    _setup_logging(verbose, quiet)
    config = _config(options)
    report = IngestReport()
    err = make_console(stderr=True, quiet=quiet)
    lexicon = load_actor_lexicon(config.actor_packs)
    bodies = iter_with_progress(clean_bodies(paths, config, report), ProgressReporter(err, enabled=not quiet, description="reading"))
    suggestions = suggest_actors(bodies, lexicon, min_count=min_count, top=top)
    if report.articles == 0:
        _finish(report, strict=config.strict, quiet=quiet, skip_log=skip_log)
        raise Failure(f"no articles found in {', '.join(map(str, paths))}")
    render_suggestions(make_console(), suggestions, articles=report.articles)
    _finish(report, strict=config.strict, quiet=quiet, skip_log=skip_log)


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point: usage errors are one line on stderr with exit status 2."""
    try:
        # Outside standalone mode click *returns* the code of a raised Exit (--strict's 1,
        # an interrupt's 130) instead of exiting with it; commands themselves return None.
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="framing", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("framing: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        message = exc.format_message()
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            message += f" (see '{exc.ctx.command_path} --help')"
        click.echo(f"framing: error: {message}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
