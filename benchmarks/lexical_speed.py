"""ms/article of framing.features.lexical.lexical_features over the first N ABP articles.

Segmentation (`segment(text)`) is timed separately and not included in the lexical time.
Usage: .venv/bin/python benchmarks/lexical_speed.py [--data PATH] [--n 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from framing.features.lexical import _lexicon, lexical_features, load_labels
from framing.text import segment

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many passes")
    args = parser.parse_args()

    docs = []
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(docs) >= args.n:
                break
            docs.append(segment(json.loads(line)["content"]))
    chars = sum(len(d.text) for d in docs)
    words = sum(d.word_count for d in docs)

    start = time.perf_counter()
    _lexicon()
    load_labels()
    load_s = time.perf_counter() - start

    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            lexical_features(doc)
        best = min(best, time.perf_counter() - start)
    print(f"articles: {len(docs)}  mean chars: {chars / len(docs):.0f}  mean words: {words / len(docs):.0f}")
    print(f"lexicon load (once): {load_s * 1000:.1f} ms")
    print(f"lexical_features: {best / len(docs) * 1000:.3f} ms/article (best of {args.repeat})")


if __name__ == "__main__":
    main()
