"""Mention sentiment vs sentence-level VADER: cost per article on real news.

The sentiment issue's budget: "full mention sentiment adds no more than VADER over every
sentence would". This times, on the same clean bodies (boilerplate removed, as analyze
does), (a) VADER's polarity_scores over every sentence and (b) find_mentions (actor
matching + target_sentiment for every mention), alternating over rounds, in CPU time.

    python benchmarks/sentiment_cost.py --limit 1000
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.features.actors import load_actor_lexicon
from framing.features.boilerplate import RepeatedLines, detect_boilerplate
from framing.features.mentions import find_mentions
from framing.text import segment

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    records = []
    with gzip.open(args.data, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= args.limit:
                break
            records.append(json.loads(line))
    repeated = RepeatedLines()
    for record in records:
        repeated.add(record["source"], record["content"])
    docs = []
    for record in records:
        result = detect_boilerplate(record["content"], outlet=record["source"], repeated=repeated)
        docs.append(segment(record["content"], result.content))
    vader = SentimentIntensityAnalyzer()
    lexicon = load_actor_lexicon()

    def run_vader() -> float:
        start = time.process_time()
        for doc in docs:
            for sentence in doc.sentences:
                vader.polarity_scores(doc.text[sentence.start : sentence.end])
        return (time.process_time() - start) / len(docs) * 1000

    mentions = 0

    def run_mentions() -> float:
        nonlocal mentions
        mentions = 0
        start = time.process_time()
        for doc in docs:
            mentions += len(find_mentions(doc, lexicon))
        return (time.process_time() - start) / len(docs) * 1000

    run_vader(), run_mentions()  # warm caches
    a, b = [], []
    for _ in range(args.rounds):
        a.append(run_vader())
        b.append(run_mentions())
    sentences = sum(len(d.sentences) for d in docs)
    va, mb = statistics.median(a), statistics.median(b)
    print(f"{len(docs)} articles, {sentences / len(docs):.1f} sentences and {mentions / len(docs):.1f} actor mentions per article\n")
    print("| work | CPU ms/article |")
    print("|---|---:|")
    print(f"| VADER polarity_scores on every sentence | {va:.2f} |")
    print(f"| find_mentions (matching + target_sentiment per mention) | {mb:.2f} |")
    print(f"\nratio mentions/VADER: {mb / va:.2f} (target: <= 1.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
