"""The one configuration object: every tunable of a run, with named defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Config", "FEATURES", "TEXT_FIELDS", "OUTLET_FIELDS", "DATE_FIELDS", "TITLE_FIELDS", "URL_FIELDS", "ID_FIELDS"]

# Column/field names recognised in JSONL and CSV input, in order of preference.
TEXT_FIELDS: tuple[str, ...] = ("text", "content", "body")
OUTLET_FIELDS: tuple[str, ...] = ("outlet", "source", "media_name", "publisher")
DATE_FIELDS: tuple[str, ...] = ("date", "publish_date", "published")
TITLE_FIELDS: tuple[str, ...] = ("title",)
URL_FIELDS: tuple[str, ...] = ("url",)
ID_FIELDS: tuple[str, ...] = ("id",)
HTML_FIELDS: tuple[str, ...] = ("html",)

# Feature families of `analyze` (segmentation, counts and readability always run).
FEATURES: tuple[str, ...] = ("boilerplate", "quotes", "actors", "lexical")


@dataclass(frozen=True)
class Config:
    """Settings for ingestion and analysis; built once by the CLI (or by API users)."""

    text_field: str | None = None
    outlet_field: str | None = None
    strict: bool = False
    actor_packs: tuple[Path, ...] = ()
    cue_file: Path | None = None
    # Feature families to compute (FEATURES); the others are skipped, with their scores.
    features: frozenset[str] = frozenset(FEATURES)
    # A line seen in at least this many articles of one outlet is boilerplate.
    repeated_line_min_articles: int = 3
    max_text_chars: int = 20_000_000

    def text_fields(self) -> tuple[str, ...]:
        return (self.text_field,) if self.text_field else TEXT_FIELDS

    def outlet_fields(self) -> tuple[str, ...]:
        return (self.outlet_field,) if self.outlet_field else OUTLET_FIELDS
