"""What each feature family adds to the cost of `analyze`, measured A/B in one process.

For each family F, times `analyze` with all families and with all but F on the same
articles, alternating the two configurations over several rounds (so machine noise hits
both alike), in CPU time (time.process_time). Reports ms/article and F's cost as a
share of analyze without F — the form of the issues' targets ("adds no more than 10%
to framing analyze"). Also reports the core alone (segmentation, counts, readability).

    python benchmarks/feature_costs.py --limit 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from framing.analyze import Resources, analyze
from framing.config import FEATURES, Config
from framing.records import Article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def load(path: Path, limit: int) -> list[Article]:
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            record = json.loads(line)
            articles.append(Article(id=record["id"], outlet=record["source"], text=record["content"], title=record.get("title")))
    return articles


def cpu_ms(articles: list[Article], resources: Resources) -> float:
    start = time.process_time()
    for article in articles:
        analyze(article, resources)
    return (time.process_time() - start) / len(articles) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = load(args.data, args.limit)
    full = frozenset(FEATURES)
    configs = {"all": full, "core only": frozenset()}
    configs.update({f"all but {f}": full - {f} for f in FEATURES})
    # One pre-pass for all configurations (the boilerplate detector's repeated lines).
    prepass = Resources.load(Config(), articles)
    resources = {name: Resources(**{**prepass.__dict__, "config": Config(features=feats)}) for name, feats in configs.items()}
    for res in resources.values():  # warm caches (syllables, lexicon memos) once
        cpu_ms(articles[:50], res)
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(args.rounds):
        for name in configs:
            times[name].append(cpu_ms(articles, resources[name]))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{len(articles)} articles from {args.data.name}, {args.rounds} rounds, CPU ms/article (median)\n")
    print("| configuration | ms/article | articles/s |")
    print("|---|---:|---:|")
    for name in configs:
        print(f"| {name} | {median[name]:.2f} | {1000 / median[name]:,.0f} |")
    print("\n| family | adds (ms/article) | adds (% of analyze without it) |")
    print("|---|---:|---:|")
    for family in FEATURES:
        without = median[f"all but {family}"]
        added = median["all"] - without
        print(f"| {family} | {added:.2f} | {added / without:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
