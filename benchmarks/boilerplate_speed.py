"""CPU ms/article of detect_boilerplate on real news text (the first N ABP articles).

A `RepeatedLines` pre-pass is built over the same articles outside the timed region, then
`detect_boilerplate(content, outlet=source, repeated=prepass)` is timed per article. CPU
time (time.process_time), median of --reps passes: the machine is shared and loaded, so
CPU time is steadier than wall time. The first pass is reported on its own: it also fills
the detector's memos (first words of lines, tokens), as the first articles of a corpus do.
`split_blocks` alone is timed too, as a floor.

    .venv/bin/python benchmarks/boilerplate_speed.py [--data PATH] [--limit 2000]
    .venv/bin/python benchmarks/boilerplate_speed.py --module /tmp/old_boilerplate.py

Recorded 2026-11-21 on the shared 2-core machine (load ~3-4), 2,000 ABP articles (avg
6,042 chars), CPU ms/article, same output before and after (checked on 3,000 ABP articles
and the 990 trafilatura eval pages):

    before (lexicon: whole-line alternation on every line, a substring search per
            trigger word per document)             1.44-1.84 (first pass 1.48)
    after  (screens from each pattern's parse tree, boilerplate_patterns.py)
                                                   0.82 (first pass 0.98)
    both in one process, alternating, warm:        0.75 vs 1.39 (ratio 0.54)

framing analyze itself costs ~10-11 CPU ms/article on this machine (300 articles), so
the detector adds ~8% (before: ~14%). The remaining cost is spread over per-line
work that is not pattern matching (splitting words for stopword density, hashing lines
for the repeated-line look-up, classes and context revision) and the token set that
gates the floating patterns.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from framing.text import split_blocks

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def load_articles(path: Path, limit: int) -> list[tuple[str, str]]:
    """(content, source) of the first `limit` articles with non-empty content."""
    out: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(out) >= limit:
                break
            row = json.loads(line)
            if row.get("content"):
                out.append((row["content"], row.get("source") or ""))
    return out


def load_module(path: Path | None) -> ModuleType:
    """The detector module: the installed one, or a copy at `path` (for before/after)."""
    if path is None:
        from framing.features import boilerplate

        return boilerplate
    spec = importlib.util.spec_from_file_location("boilerplate_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    return module


def cpu_ms_per_article(fn: Any, items: list[Any], reps: int) -> tuple[float, list[float]]:
    """Median (and all) CPU ms/article over `reps` passes of fn(*item) for every item."""
    runs = []
    for _ in range(reps):
        start = time.process_time()
        for item in items:
            fn(*item)
        runs.append((time.process_time() - start) * 1000 / len(items))
    return statistics.median(runs), runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ABP articles-10k.jsonl.gz")
    parser.add_argument("--limit", type=int, default=2000, help="first N articles")
    parser.add_argument("--reps", type=int, default=3, help="timed passes (median reported)")
    parser.add_argument("--module", type=Path, default=None, help="time a copy of the module instead")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"data file not found: {args.data}", file=sys.stderr)
        return 2
    bp = load_module(args.module)
    articles = load_articles(args.data, args.limit)
    chars = sum(len(c) for c, _ in articles)

    start = time.process_time()
    prepass = bp.RepeatedLines()
    for content, source in articles:
        prepass.add(source, content)
    prepass_ms = (time.process_time() - start) * 1000 / len(articles)
    bp.detect_boilerplate(articles[0][0])  # compile the lexicon outside the timed region

    def run(content: str, source: str) -> None:
        bp.detect_boilerplate(content, outlet=source, repeated=prepass)

    first, _ = cpu_ms_per_article(run, articles, 1)
    median, runs = cpu_ms_per_article(run, articles, args.reps)
    floor, _ = cpu_ms_per_article(lambda c, _s: split_blocks(c), articles, args.reps)
    print(f"module: {bp.__file__}")
    print(f"articles: {len(articles)}  mean chars: {chars / len(articles):.0f}")
    print(f"RepeatedLines pre-pass (untimed below): {prepass_ms:.3f} CPU ms/article")
    print(f"split_blocks alone: {floor:.3f} CPU ms/article")
    print(f"detect_boilerplate, first pass: {first:.3f} CPU ms/article")
    print(
        f"detect_boilerplate: {median:.3f} CPU ms/article "
        f"(median of {args.reps}: {', '.join(f'{r:.3f}' for r in runs)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
