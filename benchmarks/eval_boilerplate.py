"""Accuracy and speed of the plain-text boilerplate detector on trafilatura's eval set.

Each page's `visible_lines` are joined by "\\n" and run through `detect_boilerplate`. A
`with` snippet (main text) counts as kept when most of its characters lie in content
blocks; a `without` snippet (boilerplate) counts as removed when most of its characters
lie in boilerplate blocks. Snippets that cannot be located in the visible text are
skipped and counted. The data has no language field (`meta.region` is a country, often
empty), so the language is guessed from stopword shares (bundled en/de/fr/es lists).

    .venv/bin/python benchmarks/eval_boilerplate.py [--data PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import ast
import bisect
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from framing.features.boilerplate import detect_boilerplate
from framing.lexicons import read_wordlist
from framing.text import Span

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "boilerplate" / "trafilatura_eval.jsonl"
_WORD = re.compile(r"[^\W\d_]+")
_WS = re.compile(r"\s+")


def _as_list(value: Any) -> list[Any]:
    """Fields are lists, or strings holding a Python-literal list."""
    if isinstance(value, str):
        value = ast.literal_eval(value) if value.strip() else []
    return list(value or [])


def load_pages(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                for key in ("visible_lines", "with", "without"):
                    row[key] = [str(x) for x in _as_list(row.get(key))]
                yield row


def guess_language(text: str) -> str:
    """'en', 'de', 'fr', 'es' by highest stopword share (>= 0.15), else 'other'."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return "other"
    best, share = "other", 0.15
    for code in ("en", "de", "fr", "es"):
        stop = read_wordlist(f"stopwords/{code}.txt")
        s = sum(1 for w in words if w in stop) / len(words)
        if s > share:
            best, share = code, s
    return best


def _locate(text: str, snippet: str, collapsed: list[Any]) -> tuple[int, int] | None:
    """(start, end) of snippet in text, exactly or modulo whitespace."""
    snippet = snippet.strip()
    if not snippet:
        return None
    pos = text.find(snippet)
    if pos >= 0:
        return pos, pos + len(snippet)
    if not collapsed:
        chars: list[str] = []
        index: list[int] = []
        prev_space = True
        for i, ch in enumerate(text):
            if ch.isspace():
                if not prev_space:
                    chars.append(" ")
                    index.append(i)
                prev_space = True
            else:
                chars.append(ch)
                index.append(i)
                prev_space = False
        collapsed.extend(["".join(chars), index])
    flat, index = collapsed
    needle = _WS.sub(" ", snippet)
    pos = flat.find(needle)
    if pos < 0:
        return None
    return index[pos], index[pos + len(needle) - 1] + 1


def _covered(start: int, end: int, spans: Sequence[Span], starts: list[int]) -> int:
    """Characters of [start, end) inside the sorted, disjoint spans."""
    total = 0
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    while i < len(spans) and spans[i].start < end:
        lo, hi = max(start, spans[i].start), min(end, spans[i].end)
        if hi > lo:
            total += hi - lo
        i += 1
    return total


@dataclass
class Tally:
    kept: int = 0
    with_total: int = 0
    removed: int = 0
    without_total: int = 0
    pages: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    leaked: list[tuple[str, str]] = field(default_factory=list)

    def row(self, name: str) -> str:
        k = self.kept / self.with_total if self.with_total else 0.0
        r = self.removed / self.without_total if self.without_total else 0.0
        return (
            f"| {name} | {self.pages} | {self.with_total} | {k:.3f} | "
            f"{self.without_total} | {r:.3f} |"
        )


def evaluate(path: Path, limit: int | None = None) -> tuple[dict[str, Tally], float, int, int]:
    tallies: dict[str, Tally] = {}
    elapsed = 0.0
    pages = unlocated = 0
    for row in load_pages(path):
        if limit is not None and pages >= limit:
            break
        pages += 1
        text = "\n".join(row["visible_lines"])
        t0 = time.perf_counter()
        result = detect_boilerplate(text)
        elapsed += time.perf_counter() - t0
        content = list(result.content)
        starts = [s.start for s in content]
        lang = guess_language(text)
        groups = [tallies.setdefault("all", Tally()), tallies.setdefault(lang, Tally())]
        for g in groups:
            g.pages += 1
        collapsed: list[Any] = []
        for kind in ("with", "without"):
            for snippet in row[kind]:
                where = _locate(text, snippet, collapsed)
                if where is None:
                    unlocated += 1
                    continue
                start, end = where
                inside = _covered(start, end, content, starts)
                in_content = inside * 2 > (end - start)
                for g in groups:
                    if kind == "with":
                        g.with_total += 1
                        g.kept += in_content
                        if not in_content and g is groups[0]:
                            g.missed.append((row["id"], snippet))
                    else:
                        g.without_total += 1
                        g.removed += not in_content
                        if in_content and g is groups[0]:
                            g.leaked.append((row["id"], snippet))
    return tallies, elapsed, pages, unlocated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="trafilatura_eval.jsonl")
    parser.add_argument("--errors", type=int, default=0, help="print N missed and N leaked snippets")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--seed", type=int, default=0, help="seed for the error sample")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"data file not found: {args.data}", file=sys.stderr)
        return 2
    tallies, elapsed, pages, unlocated = evaluate(args.data, args.limit)
    print("| pages | n | with | kept | without | removed |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ["all", "en", "de", "fr", "es", "other"]:
        if name in tallies:
            print(tallies[name].row(name))
    print()
    print(f"language: guessed from stopword shares; {unlocated} snippets not found in visible text")
    print(f"timing: {1000 * elapsed / max(pages, 1):.3f} ms/page over {pages} pages")
    if args.errors:
        rng = random.Random(args.seed)
        overall = tallies["all"]
        for label, items in (("MISSED (with, dropped)", overall.missed), ("LEAKED (without, kept)", overall.leaked)):
            print(f"\n## {label}: {len(items)}")
            for page, snippet in rng.sample(items, min(args.errors, len(items))):
                print(f"- [{page[:60]}] {snippet[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
