"""Find, read and cache the language data in lexicons/ (installed as the package framing.lexicon_data).

Lexicons are plain CSV/TOML/TXT files with their provenance in lexicons/SOURCES.md.
User-supplied files are read through the same functions, so they are validated alike.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["LexiconError", "data_root", "trie_pattern", "read_text", "read_csv", "read_toml", "read_wordlist", "bundled"]


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file, line and problem."""


def data_root(package: str, folder: str) -> Any:
    """The installed data package `framing.<package>`, or the checkout's `<folder>/`.

    An installed framing (wheel or editable) maps lexicons/ and seeds/ to the packages
    framing.lexicon_data and framing.seeds. Code imported straight from a source checkout
    (tests run in the repo, `python -m framing` from the repo root) has no such packages;
    then the folders beside the framing/ source are used.
    """
    try:
        return resources.files(f"framing.{package}")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / folder


def bundled(name: str) -> Any:
    """A Traversable for a file shipped in lexicons/ (e.g. "actors/ukraine-war.toml")."""
    node = data_root("lexicon_data", "lexicons")
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def _read(source: str | Path) -> tuple[str, str]:
    """Text of a bundled lexicon (a str such as "cues.csv") or a user's file (a Path),
    with a display name for error messages."""
    if isinstance(source, Path):  # a user's file; a str names a bundled lexicon
        path = source
        try:
            return path.read_text(encoding="utf-8-sig"), str(path)
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: lexicon is not UTF-8 text") from exc
    node = bundled(str(source))
    try:
        return node.read_text(encoding="utf-8"), f"lexicons/{source}"
    except (OSError, FileNotFoundError) as exc:
        raise LexiconError(f"lexicons/{source}: bundled lexicon not found") from exc


def trie_pattern(words: Iterable[str]) -> str:
    """A regex body matching any of `words`, longest first, shaped as a character trie.

    Equivalent to a longest-first alternation (all words matching at one position are
    prefixes of each other, so they lie on one trie path and the deepest wins), but `re`
    tests one character class per position instead of trying every alternative: about
    10x faster for lexicons of hundreds of entries.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


@lru_cache(maxsize=64)
def read_text(source: str | Path) -> str:
    return _read(source)[0]


@lru_cache(maxsize=64)
def read_csv(source: str | Path) -> tuple[dict[str, str], ...]:
    """Rows of a CSV lexicon as dicts; lines starting with '#' are comments."""
    text, name = _read(source)
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise LexiconError(f"{name}: row {number} has the wrong number of fields")
        rows.append({k.strip(): v.strip() for k, v in row.items()})
    return tuple(rows)


@lru_cache(maxsize=64)
def read_toml(source: str | Path) -> dict[str, Any]:
    """A TOML lexicon; a syntax error becomes a one-line LexiconError with file and line."""
    text, name = _read(source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: {exc}") from exc


@lru_cache(maxsize=64)
def read_wordlist(source: str | Path) -> frozenset[str]:
    """One entry per line, lower-cased; '#' starts a comment."""
    text, _ = _read(source)
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(word for word in words if word)
