"""Writers for the documented outputs: JSONL records and CSV score tables (docs/output.md).

Files are written atomically (a temporary file in the target folder, then a rename), so
an interrupted run never leaves a half-written output behind. Output is deterministic:
the same input gives byte-identical files.
"""

from __future__ import annotations

import csv
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

import orjson

from framing.analyze import SCHEMA
from framing.records import ArticleAnalysis, Comparison

__all__ = ["article_record", "csv_row", "atomic_writer", "OutputError", "JsonlWriter", "CsvWriter", "META_COLUMNS", "write_comparison_csv", "write_terms_csv"]

META_COLUMNS: tuple[str, ...] = ("id", "outlet", "title", "date", "event", "text_length")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def article_record(analysis: ArticleAnalysis) -> dict[str, Any]:
    """The JSONL record of one article (schema in docs/output.md)."""
    article = analysis.article
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "source": article.source,
        "event": None,
        "text_length": len(article.text),
        "scores": dict(analysis.scores),
        "content": bool(analysis.has_content),
        "boilerplate": analysis.boilerplate.to_json() if analysis.boilerplate is not None else None,
        "quotes": [quote.to_json() for quote in analysis.quotes],
        "quote_scores": dict(analysis.quote_scores),
        "mentions": [mention.to_json() for mention in analysis.mentions],
        "actors": {actor: dict(entry) for actor, entry in analysis.actors.items()},
        "lexical": analysis.lexical.to_json() if analysis.lexical is not None else None,
    }
    return record


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(analysis: ArticleAnalysis) -> dict[str, Any]:
    article = analysis.article
    row: dict[str, Any] = {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date,
        "event": None,
        "text_length": len(article.text),
    }
    row.update(analysis.scores)
    return {key: _safe_cell(value) for key, value in row.items()}


def _umask() -> int:
    """The process umask (read by setting it, then restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class OutputError(Exception):
    """An output file that cannot be written (missing folder, no permission, disk full)."""


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside `path`; rename it over `path` only on success.

    Failing to create, write or rename the file raises OutputError naming the path."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the permissions a plain open()
        # would (0666 less the umask), keeping an existing file's own.
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.filename in (tmp, str(path), None):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


class JsonlWriter:
    """One compact JSON object per line, keys in record order, UTF-8 text unescaped
    (orjson: about 8x faster than the standard library's encoder on these records)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, analysis: ArticleAnalysis) -> None:
        self.handle.write(orjson.dumps(article_record(analysis)).decode() + "\n")


class CsvWriter:
    """A wide CSV: metadata columns then every score column; header from the first row."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self._writer: csv.DictWriter[str] | None = None

    def write(self, analysis: ArticleAnalysis) -> None:
        row = csv_row(analysis)
        if self._writer is None:
            self._writer = csv.DictWriter(self.handle, fieldnames=list(row), lineterminator="\n")
            self._writer.writeheader()
        self._writer.writerow(row)


def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per (outlet, metric) pair: the figures `framing compare` shows."""
    rows = []
    for column in comparison.columns:
        for metric in comparison.metrics:
            rows.append(
                {
                    "outlet": _safe_cell(column.outlet),
                    "articles": column.articles,
                    "metric": metric,
                    "value": column.scores.get(metric),
                }
            )
    return rows


def write_comparison_csv(comparison: Comparison, path: Path) -> None:
    with atomic_writer(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=["outlet", "articles", "metric", "value"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(comparison_rows(comparison))


def write_terms_csv(comparison: Comparison, path: Path) -> None:
    """Distinctive terms per outlet: outlet, rank, term, z, log_odds, count_outlet, count_rest."""
    with atomic_writer(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["outlet", "rank", "term", "z", "log_odds", "count_outlet", "count_rest"])
        for column in comparison.columns:
            terms = getattr(column.detail, "terms", ()) or ()
            for rank, term in enumerate(terms, start=1):
                writer.writerow(
                    [_safe_cell(column.outlet), rank, _safe_cell(term.term), round(term.z, 4),
                     round(term.log_odds, 4), term.count_group, term.count_rest]
                )
