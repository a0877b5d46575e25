"""Evaluate target_sentiment on NewsMTSC dev against sentence-level VADER.

Prints macro-F1 and per-class F1 for the shipped model and, on the same rows, for VADER's
compound score of the whole sentence with the standard +-0.05 thresholds; then the speed
of target_sentiment in calls per second (one core, warm caches off: every call sees a
new sentence object key only when the dev sentence changes, as in real use).

    .venv/bin/python benchmarks/eval_sentiment.py [--data ../shared/data/newsmtsc]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sklearn.metrics import f1_score
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.features import sentiment_features
from framing.features.sentiment import CLASSES, classify, target_sentiment

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"


def report(name: str, gold: list[str], pred: list[str]) -> float:
    macro = f1_score(gold, pred, average="macro")
    per = f1_score(gold, pred, average=None, labels=list(CLASSES))
    classes = "  ".join(f"{c} {v:.3f}" for c, v in zip(CLASSES, per))
    print(f"{name:<28} macro-F1 {macro:.4f}   {classes}")
    return float(macro)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev", help="file name without .jsonl")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in (args.data / f"{args.split}.jsonl").open(encoding="utf-8")]
    gold = [r["polarity"] for r in rows]
    spans = [(r["sentence"], int(r["target_start"]), int(r["target_end"])) for r in rows]
    print(f"NewsMTSC {args.split}: {len(rows)} targets")

    ours = [classify(target_sentiment(*span)) for span in spans]
    report("target_sentiment (ours)", gold, ours)

    analyzer = SentimentIntensityAnalyzer()
    vader = []
    for text, _, _ in spans:
        c = analyzer.polarity_scores(text)["compound"]
        vader.append("positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral")
    report("sentence VADER (+-0.05)", gold, vader)

    # Speed: cold caches (every sentence tokenised afresh), then warm (several targets
    # per sentence, as when an article sentence names several actors).
    for label in ("cold", "warm"):
        if label == "cold":
            sentiment_features._sentence.cache_clear()
        rounds = 3
        started = time.perf_counter()
        for _ in range(rounds):
            if label == "cold":
                sentiment_features._sentence.cache_clear()
            for span in spans:
                target_sentiment(*span)
        elapsed = time.perf_counter() - started
        print(f"speed ({label} sentence cache): {rounds * len(spans) / elapsed:,.0f} calls/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
