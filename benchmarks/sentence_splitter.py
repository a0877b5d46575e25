"""Sentence splitters compared on real news text: boundary agreement and speed.

Data: the PAC articles (../shared/data/pac/articles.jsonl), whose `sentence_offsets`
give the dataset authors' sentence boundaries (a pipeline's output, reviewed by them —
not hand-marked, so agreement, not accuracy). For each splitter: boundary precision,
recall and F1 against those offsets, and ms per article. pysbd and syntok are measured
when installed (`pip install pysbd syntok`); they are not dependencies of framing.

    python benchmarks/sentence_splitter.py
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Callable

from framing.text import split_sentences

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "pac" / "articles.jsonl"


def ours(text: str) -> list[int]:
    return [s.start for s in split_sentences(text)]


def make_pysbd() -> Callable[[str], list[int]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.start for span in segmenter.segment(text)]


def make_syntok() -> Callable[[str], list[int]] | None:
    try:
        import syntok.segmenter as segmenter
    except ImportError:
        return None

    def split(text: str) -> list[int]:
        starts = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                starts.append(sentence[0].offset)
        return starts

    return split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    splitters = {"framing regex splitter": ours, "pysbd": make_pysbd(), "syntok": make_syntok()}
    print(f"{len(articles)} PAC articles, {sum(len(a['sentence_offsets']) for a in articles):,} reference sentences\n")
    print("| splitter | boundary precision | recall | F1 | ms/article |")
    print("|---|---:|---:|---:|---:|")
    for name, split in splitters.items():
        if split is None:
            print(f"| {name} | not installed | | | |")
            continue
        tp = fp = fn = 0
        elapsed = 0.0
        for article in articles:
            text = article["text"]
            gold = {o for o in article["sentence_offsets"] if o > 0}
            start = time.process_time()
            found = split(text)
            elapsed += time.process_time() - start
            # a boundary is where a sentence starts; compare after skipping whitespace
            predicted = {o for o in found if o > 0}
            tp += len(predicted & gold)
            fp += len(predicted - gold)
            fn += len(gold - predicted)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {elapsed / len(articles) * 1000:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
