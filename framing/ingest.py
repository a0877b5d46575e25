"""Paths -> Article records, one loader for every command.

Reads a directory of .txt/.md/.html files (metadata from a manifest.csv beside them, or a
sub-folder per outlet), JSON Lines, JSON arrays and CSV files (optionally .gz). Anything
unusable is skipped with its reason in an `IngestReport`, never raised: the CLI lists the
skips at the end of the run and `--strict` turns them into a failing exit.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from framing.config import (
    DATE_FIELDS,
    HTML_FIELDS,
    ID_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
    Config,
)
from framing.records import Article, Skip

__all__ = ["IngestReport", "InputError", "iter_articles", "decode_bytes", "TEXT_SUFFIXES"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv"})
MANIFEST_NAME = "manifest.csv"
UNKNOWN_OUTLET = "unknown"
# Files that sit in corpus folders but are not articles (package markers, OS litter).
_IGNORED_NAMES = frozenset({MANIFEST_NAME, "__init__.py", ".DS_Store", "Thumbs.db"})
# A leading metadata line such as " date 2022-04-26 " (seeds 001 and 004).
_METADATA_PREFIX = re.compile(r"\A\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})(?:[ \t]+|\s*\n)")
_BINARY_SNIFF = 8192
_WESTERN = "cp1252"
_WESTERN_TIE_BREAK = True


class InputError(Exception):
    """A path argument that cannot be used at all (the CLI prints it as a one-line error)."""


@dataclass
class IngestReport:
    """What ingestion read and what it skipped, with reasons (collected while streaming)."""

    articles: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def skip(self, source: str, reason: str) -> None:
        log.debug("skipped %s: %s", source, reason)
        self.skipped.append(Skip(source, reason))


# --------------------------------------------------------------------------- decoding


def _looks_utf16(data: bytes) -> str | None:
    """Name of a BOM-less UTF-16 codec when NULs sit at alternating positions, else None."""
    sample = data[:_BINARY_SNIFF]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode file bytes to text. Returns (text, encoding) or (None, reason) when unusable.

    Order: BOMs (UTF-8/16/32), strict UTF-8, BOM-less UTF-16, then charset-normalizer for
    legacy single-byte encodings (cp1252, latin-1, ...). Data with NUL bytes that is not
    UTF-16 is binary.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None, f"invalid {codec} despite its byte-order mark"
    utf16 = _looks_utf16(data)
    if utf16 is not None:
        try:
            decoded = data.decode(utf16)
            if _control_share(decoded) <= 0.05:
                return decoded, utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:_BINARY_SNIFF]:
        return None, "binary file (contains NUL bytes)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only legacy files need it

    best = from_bytes(data).best()
    if best is None:
        return None, "binary or undecodable file (no text encoding fits)"
    text, encoding = str(best), best.encoding
    if encoding != _WESTERN and _WESTERN_TIE_BREAK:
        # Short texts often fit several code pages equally well (cp1250 reads "très" as
        # "trčs"); on a tie, prefer Windows-1252, the legacy encoding of Western news.
        western = from_bytes(data, cp_isolation=[_WESTERN]).best()
        if western is not None and western.chaos <= best.chaos:
            text, encoding = str(western), _WESTERN
    if _control_share(text) > 0.05:
        return None, "binary file (mostly control characters)"
    return text, encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:_BINARY_SNIFF]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / len(sample)


def normalise_text(text: str) -> str:
    """Line endings to "\\n"; a leading BOM dropped. Offsets index the result."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_metadata_prefix(text: str) -> tuple[str, str | None]:
    """Remove a leading " date YYYY-MM-DD " metadata line; return (text, date)."""
    match = _METADATA_PREFIX.match(text)
    if match is None:
        return text, None
    return text[match.end() :], match.group(1)


# --------------------------------------------------------------------------- paths


def iter_articles(
    paths: Iterable[str | Path], config: Config, report: IngestReport, *, visible_text_only: bool = False
) -> Iterator[Article]:
    """Stream articles from every path; raise InputError only for unusable arguments.

    `visible_text_only` is for the corpus pre-pass, which needs each article's outlet and
    text only: an HTML page then gives its visible text without the main-text extractor
    (`html_content` empty, no title or date), and its metadata is read only when the
    outlet must come from it. Text, outlet, ids and skips are those of a full read."""
    seen_ids: set[str] = set()
    resolved = [Path(p) for p in paths]
    for path in resolved:
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
    for path in resolved:
        items = _iter_directory(path, config, report, visible_text_only) if path.is_dir() else _iter_file(
            path, config, report, outlet=None, manifest=_manifest_beside(path), visible_text_only=visible_text_only
        )
        for article in items:
            if article.id in seen_ids:
                report.skip(article.source, f"duplicate id {article.id!r}")
                continue
            seen_ids.add(article.id)
            report.articles += 1
            yield article


@dataclass(frozen=True)
class _ManifestRow:
    outlet: str | None
    date: str | None
    title: str | None
    url: str | None
    language_note: str | None


def _read_manifest(folder: Path, report: IngestReport) -> dict[str, _ManifestRow]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    text, why = decode_bytes(path.read_bytes())
    if text is None:
        report.skip(str(path), f"manifest unreadable: {why}")
        return {}
    rows: dict[str, _ManifestRow] = {}
    reader = csv.DictReader(io.StringIO(normalise_text(text)))
    if reader.fieldnames is None or "file" not in reader.fieldnames:
        report.skip(str(path), "manifest has no 'file' column; ignored")
        return {}
    for number, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            report.skip(f"{path}:{number}", "manifest row without a file name")
            continue
        if not (folder / name).is_file():
            report.skip(f"{path}:{number}", f"manifest names a missing file {name!r}")
            continue

        def cell(key: str) -> str | None:
            value = (row.get(key) or "").strip()
            return value or None

        rows[name] = _ManifestRow(
            cell("outlet"), cell("date"), cell("title"), cell("url"), cell("language_note")
        )
    return rows


def _manifest_beside(path: Path) -> dict[str, _ManifestRow] | None:
    """The manifest.csv row of a single text/HTML file named on its own, when the folder
    holding it has one: `framing inspect seeds/003_x.txt` gets the outlet and date that the
    folder's run gives it. The rest of the manifest is not checked (its problems belong to a
    run over the folder)."""
    suffix, _ = _suffixes(path)
    if suffix in RECORD_SUFFIXES or not (path.parent / MANIFEST_NAME).is_file():
        return None
    row = _read_manifest(path.parent, IngestReport()).get(path.name)
    return {path.name: row} if row is not None else None


def _iter_directory(root: Path, config: Config, report: IngestReport, visible_text_only: bool) -> Iterator[Article]:
    """Walk a folder in sorted order; a sub-folder's name is the outlet of its files."""
    for folder, outlet in _folders(root):
        manifest = _read_manifest(folder, report)
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            if path.name in _IGNORED_NAMES or path.name.startswith("."):
                continue
            article_id = _strip_suffixes(path.relative_to(root).as_posix())
            yield from _iter_file(
                path, config, report, outlet=outlet, manifest=manifest, article_id=article_id,
                visible_text_only=visible_text_only,
            )


def _folders(root: Path) -> Iterator[tuple[Path, str | None]]:
    yield root, None
    for sub in sorted(p for p in root.rglob("*") if p.is_dir()):
        rel = sub.relative_to(root)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        yield sub, rel.parts[0]


def _suffixes(path: Path) -> tuple[str, bool]:
    """(format suffix, gzipped?) e.g. 'x.jsonl.gz' -> ('.jsonl', True)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _strip_suffixes(name: str) -> str:
    """'Press TV/a.txt.gz' -> 'Press TV/a' (an id stable across runs and machines)."""
    for _ in range(2):
        stem, dot, suffix = name.rpartition(".")
        if dot and "/" not in suffix and suffix.lower() in {"gz", "txt", "md", "html", "htm"}:
            name = stem
    return name


def _read_bytes(path: Path, gz: bool, report: IngestReport) -> bytes | None:
    try:
        if gz:
            with gzip.open(path, "rb") as handle:
                return handle.read()
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        report.skip(str(path), f"unreadable file ({getattr(exc, 'strerror', None) or exc})")
        return None


def _iter_file(
    path: Path,
    config: Config,
    report: IngestReport,
    *,
    outlet: str | None,
    manifest: Mapping[str, _ManifestRow] | None,
    article_id: str | None = None,
    visible_text_only: bool = False,
) -> Iterator[Article]:
    """Articles of one file; `article_id` (default: the file name without suffixes)."""
    suffix, gz = _suffixes(path)
    if suffix in RECORD_SUFFIXES:
        yield from _iter_records(path, suffix, gz, config, report, outlet, visible_text_only)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        report.skip(str(path), f"unsupported file type {''.join(path.suffixes) or '(none)'}")
        return
    data = _read_bytes(path, gz, report)
    if data is None:
        return
    text, why = decode_bytes(data)
    if text is None:
        report.skip(str(path), why)
        return
    meta = (manifest or {}).get(path.name)
    article_id = article_id or _strip_suffixes(path.name)
    if suffix in HTML_SUFFIXES:
        article = _html_article(text, article_id, str(path), outlet, meta, None, visible_text_only)
    else:
        body, prefix_date = split_metadata_prefix(normalise_text(text))
        article = Article(
            id=article_id,
            outlet=(meta and meta.outlet) or outlet or UNKNOWN_OUTLET,
            text=body,
            title=meta.title if meta else None,
            date=(meta and meta.date) or prefix_date,
            url=meta.url if meta else None,
            source=str(path),
            language_note=meta.language_note if meta else None,
        )
    if article is None:
        report.skip(str(path), "HTML page without visible text")
    elif not article.text.strip():
        report.skip(str(path), "empty or whitespace-only text")
    elif len(article.text) > config.max_text_chars:
        report.skip(str(path), f"text longer than {config.max_text_chars:,} characters")
    else:
        yield article


def _html_article(
    html: str,
    article_id: str,
    source: str,
    outlet: str | None,
    meta: _ManifestRow | None,
    url: str | None,
    visible_text_only: bool = False,
) -> Article | None:
    from framing.html import read_html, read_sitename, read_visible_text  # trafilatura: HTML input only

    if visible_text_only:
        text = read_visible_text(html)
        if not text.strip():
            return None
        name = (meta and meta.outlet) or outlet or read_sitename(html, url) or UNKNOWN_OUTLET
        return Article(id=article_id, outlet=name, text=text, source=source)
    page = read_html(html, url=url)
    if not page.text.strip():
        return None
    return Article(
        id=article_id,
        outlet=(meta and meta.outlet) or outlet or page.sitename or UNKNOWN_OUTLET,
        text=page.text,
        title=(meta and meta.title) or page.title,
        date=(meta and meta.date) or page.date,
        url=(meta and meta.url) or page.url or url,
        source=source,
        language_note=meta.language_note if meta else None,
        html_content=tuple(page.content),
    )


# --------------------------------------------------------------------------- records


def _iter_records(
    path: Path,
    suffix: str,
    gz: bool,
    config: Config,
    report: IngestReport,
    outlet: str | None,
    visible_text_only: bool = False,
) -> Iterator[Article]:
    try:
        raw = gzip.open(path, "rb") if gz else open(path, "rb")
    except OSError as exc:
        report.skip(str(path), f"unreadable file ({exc.strerror or exc})")
        return
    with raw:
        try:
            head = raw.peek(_BINARY_SNIFF)[:_BINARY_SNIFF] if hasattr(raw, "peek") else b""
        except (OSError, EOFError) as exc:
            report.skip(str(path), f"unreadable file ({exc})")
            return
        encoding = "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
            encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else (_looks_utf16(head) or "utf-16")
        elif b"\x00" in head:
            report.skip(str(path), "binary file (contains NUL bytes)")
            return
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        try:
            if suffix == ".csv":
                records = _csv_records(stream, path, report)
            elif suffix == ".json" and _starts_with_array(stream):
                records = _json_array_records(stream, path, report)
            else:
                records = _jsonl_records(stream, path, report)
            seen = 0
            for where, record in records:
                seen += 1
                article = _record_article(record, where, path, config, report, outlet, visible_text_only)
                if article is not None:
                    yield article
            if seen == 0 and not any(s.source.startswith(str(path)) for s in report.skipped[-5:]):
                report.skip(str(path), "no records in file")
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            report.skip(str(path), f"read failed part-way ({exc}); records before it were kept")


def _starts_with_array(stream: io.TextIOWrapper) -> bool:
    head = stream.read(1)
    while head and head.isspace():
        head = stream.read(1)
    stream.seek(0)
    return head == "["


def _jsonl_records(
    stream: Iterable[str], path: Path, report: IngestReport
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(where, f"malformed JSON on line {number} ({exc.msg})")
            continue
        if not isinstance(record, dict):
            report.skip(where, f"line {number} is not a JSON object")
            continue
        yield where, record


def _json_array_records(
    stream: io.TextIOWrapper, path: Path, report: IngestReport
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        report.skip(str(path), f"malformed JSON ({exc.msg} at line {exc.lineno})")
        return
    for index, record in enumerate(data, start=1):
        where = f"{path}[{index}]"
        if isinstance(record, dict):
            yield where, record
        else:
            report.skip(where, f"item {index} is not a JSON object")


def _csv_records(
    stream: io.TextIOWrapper, path: Path, report: IngestReport
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(stream)
    try:
        for row in reader:
            yield f"{path}:{reader.line_num}", row
    except csv.Error as exc:
        report.skip(f"{path}:{reader.line_num}", f"malformed CSV ({exc}); rows after it not read")


def _first(record: Mapping[str, Any], names: Iterable[str]) -> Any:
    """The first present, non-empty value among `names` (exact, then case-insensitive)."""
    lowered: dict[str, Any] | None = None
    for name in names:
        value = record.get(name)
        if value is None:
            if lowered is None:
                lowered = {str(k).lower(): v for k, v in record.items()}
            value = lowered.get(name.lower())
        if value not in (None, ""):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict) and "name" in value:  # e.g. {"source": {"name": ...}}
        return _as_text(value["name"])
    return None


def _record_article(
    record: Mapping[str, Any],
    where: str,
    path: Path,
    config: Config,
    report: IngestReport,
    outlet: str | None,
    visible_text_only: bool = False,
) -> Article | None:
    text = _first(record, config.text_fields())
    html = _first(record, HTML_FIELDS) if text is None else None
    fields = "|".join(config.text_fields())
    if text is not None and not isinstance(text, str):
        report.skip(where, f"text field is not a string ({type(text).__name__})")
        return None
    record_id = _as_text(_first(record, ID_FIELDS)) or where.replace(str(path), path.name)
    meta_outlet = _as_text(_first(record, config.outlet_fields())) or outlet or UNKNOWN_OUTLET
    title = _as_text(_first(record, TITLE_FIELDS))
    date = _as_text(_first(record, DATE_FIELDS))
    url = _as_text(_first(record, URL_FIELDS))
    if text is None and isinstance(html, str):
        meta = _ManifestRow(meta_outlet if meta_outlet != UNKNOWN_OUTLET else None, date, title, url, None)
        article = _html_article(html, record_id, where, None, meta, url, visible_text_only)
        if article is None:
            report.skip(where, "HTML record without visible text")
        return article
    if text is None:
        report.skip(where, f"no text (looked for fields {fields})")
        return None
    body, prefix_date = split_metadata_prefix(normalise_text(text))
    if not body.strip():
        report.skip(where, "empty or whitespace-only text")
        return None
    if len(body) > config.max_text_chars:
        report.skip(where, f"text longer than {config.max_text_chars:,} characters")
        return None
    return Article(
        id=record_id,
        outlet=meta_outlet,
        text=body,
        title=title,
        date=date or prefix_date,
        url=url,
        source=where,
    )
