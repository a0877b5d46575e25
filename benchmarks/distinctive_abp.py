"""Distinctive terms (Fightin' Words log-odds) across the largest ABP outlets.

Prints a markdown table of the top terms per outlet, the wall time (split into reading,
boilerplate removal and `distinctive_terms` itself) and the peak RSS. With --clean (the
default) each article is first reduced to its content blocks, as `framing compare` does:
the RepeatedLines corpus pre-pass, then `detect_boilerplate`, content blocks joined by "\\n".
Usage: .venv/bin/python benchmarks/distinctive_abp.py [--data PATH] [--outlets 10] [--top 15]
       [--no-clean] [--all]   (--all: every outlet is a group; the table shows --outlets of them)
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import resource
import time
from pathlib import Path
from typing import Iterator

from framing.config import Config
from framing.distinctive import distinctive_terms
from framing.features.boilerplate import RepeatedLines, detect_boilerplate

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def records(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--outlets", type=int, default=10, help="outlets in the table (and the groups, unless --all)")
    parser.add_argument("--all", action="store_true", help="use every outlet as a group")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--min-count", type=int, default=10)
    parser.add_argument("--clean", action=argparse.BooleanOptionalAction, default=True,
                        help="remove boilerplate first, as `framing compare` does (default: on)")
    args = parser.parse_args()

    start = time.perf_counter()
    sizes: collections.Counter[str] = collections.Counter()
    repeated = RepeatedLines(min_articles=Config().repeated_line_min_articles)
    for r in records(args.data):
        sizes[r["source"]] += 1
        if args.clean:
            repeated.add(r["source"], r["content"])
    prepass = time.perf_counter() - start
    shown = [name for name, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[: args.outlets]]
    chosen = set(sizes) if args.all else set(shown)
    words = 0
    outside = 0.0  # seconds spent reading and cleaning inside the stream

    def stream() -> Iterator[tuple[str, str]]:
        nonlocal words, outside
        began = time.perf_counter()
        for r in records(args.data):
            if r["source"] in chosen:
                text = r["content"]
                if args.clean:
                    result = detect_boilerplate(text, outlet=r["source"], repeated=repeated)
                    text = "\n".join(text[b.start : b.end] for b in result.content)
                words += len(text.split())
                outside += time.perf_counter() - began
                yield r["source"], text
                began = time.perf_counter()
        outside += time.perf_counter() - began

    began = time.perf_counter()
    result = distinctive_terms(stream(), min_count=args.min_count, top=args.top)
    own = time.perf_counter() - began - outside
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print("| rank | " + " | ".join(f"{n} ({sizes[n]})" for n in shown) + " |")
    print("|---:|" + "---|" * len(shown))
    for rank in range(args.top):
        cells = []
        for n in shown:
            terms = result[n]
            cells.append(f"{terms[rank].term} ({terms[rank].z:.1f})" if rank < len(terms) else "")
        print(f"| {rank + 1} | " + " | ".join(cells) + " |")
    print()
    print(f"groups: {len(chosen)} outlets, {sum(sizes[n] for n in chosen)} of {sum(sizes.values())} articles, "
          f"~{words:,} words (whitespace, {'after' if args.clean else 'without'} boilerplate removal)")
    print(f"wall time: {wall:.1f} s = pre-pass (read{' + RepeatedLines' if args.clean else ''}) {prepass:.1f} s"
          f" + read{' + detect_boilerplate' if args.clean else ''} {outside:.1f} s + distinctive_terms {own:.1f} s;"
          f" peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
