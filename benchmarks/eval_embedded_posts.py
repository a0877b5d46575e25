"""Embedded posts ("text — Name (@handle) Date") in the ABP corpus: coverage, and a sample
to check by hand.

Counts, over every article of the corpus:
- signatures: "(@handle) Mon D, YYYY" matched by a looser pattern than the extractor's
  (any capitalised month-like word), so misses show up;
- posts: what `find_embedded_posts` finds (a dash before the handle, some words before it);
- own quotes: posts that `extract_quotes` returns as a direct quote with exactly the post's
  span (the rest lie mostly inside a quote in marks, already attributed by the "“…” — X"
  rule, or the display name gave no mention).
With `--sample N`, prints N random posts (fixed seed) with the quote's text, speaker and
actor, for the hand check recorded in RESULTS.md.

    python benchmarks/eval_embedded_posts.py [--sample 40 --seed 0]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

from framing.features.actors import load_actor_lexicon
from framing.features.embedded_posts import find_embedded_posts
from framing.features.quotes import extract_quotes
from framing.text import segment

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"
LOOSE_SIGNATURE = re.compile(r"\(@\w+\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--sample", type=int, default=0, help="print this many random posts")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: corpus not found: {args.data}", file=sys.stderr)
        return 2
    actor_of = load_actor_lexicon().actor_of
    articles = with_signature = signatures = posts = own = 0
    rows = []
    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record["content"]
            articles += 1
            if "(@" not in text:
                continue
            doc = segment(text)
            n = sum(len(LOOSE_SIGNATURE.findall(text, b.start, b.end)) for b in doc.blocks)
            if not n:
                continue
            with_signature += 1
            signatures += n
            found = find_embedded_posts(doc.text, doc.blocks)
            posts += len(found)
            by_span = {(q.start, q.end): q for q in extract_quotes(doc, actor_of=actor_of) if q.kind == "direct"}
            for post in found:
                quote = by_span.get((post.start, post.end))
                own += quote is not None
                rows.append((record["id"], post, quote, text))
    print(f"articles {articles}, with a signature {with_signature} ({with_signature / articles:.1%})")
    print(f"signatures {signatures}, posts found {posts} ({posts / signatures:.1%}), "
          f"as their own direct quote {own} ({own / signatures:.1%})")
    rng = random.Random(args.seed)
    for article_id, post, quote, text in rng.sample(rows, min(args.sample, len(rows))):
        tail = text[post.end : post.name_start].strip()
        print(f"\n{article_id}  post: {text[post.start : post.end]!r}\n  then: {tail!r}  name: {text[post.name_start : post.name_end]!r}")
        if quote is None:
            print("  (no own quote: inside a quote in marks)")
        else:
            print(f"  speaker: {quote.speaker!r}  actor: {quote.actor}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
