"""What the boilerplate pre-pass costs on HTML input: a full read against a visible-text read.

`framing analyze` (and compare, inspect) reads a corpus twice when boilerplate detection
is on: a pre-pass counts the lines repeated across each outlet's articles, then the
analysis reads it again. For HTML pages the full read runs trafilatura's main-text
extractor and metadata reader, most of a page's reading time; the pre-pass needs only
each page's outlet and visible text. This times both reads of one folder, alternating,
and checks that they give the same ids, outlets and texts.

    python benchmarks/html_prepass.py PAGES_FOLDER [--rounds 3]

No HTML news corpus ships in ../shared/data; any folder of saved pages will do (with a
manifest.csv or sub-folders per outlet, the visible-text read skips the metadata too).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from framing.config import Config
from framing.ingest import IngestReport, iter_articles


def timed_read(folder: Path, visible_text_only: bool) -> tuple[float, list[tuple[str, str, str]]]:
    start = time.process_time()
    articles = list(iter_articles([folder], Config(), IngestReport(), visible_text_only=visible_text_only))
    return time.process_time() - start, [(a.id, a.outlet, a.text) for a in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"not a folder: {args.folder}")
    full_times, light_times = [], []
    for _ in range(args.rounds):
        full_time, full = timed_read(args.folder, False)
        light_time, light = timed_read(args.folder, True)
        if light != full:
            raise SystemExit("the visible-text read differs from the full read")
        full_times.append(full_time)
        light_times.append(light_time)
    pages = len(full)
    full_ms = statistics.median(full_times) / max(pages, 1) * 1000
    light_ms = statistics.median(light_times) / max(pages, 1) * 1000
    print(f"{pages} pages, median of {args.rounds} rounds (CPU ms per page):")
    print(f"  full read (what the pre-pass did)   {full_ms:8.1f}")
    print(f"  visible-text read (the pre-pass now) {light_ms:8.1f}")
    print(f"  analyze reads HTML {(2 * full_ms) / (full_ms + light_ms):.2f}x faster (both reads, without the analysis)")


if __name__ == "__main__":
    main()
