"""What one feature family adds to `framing analyze`, in CPU time, articles alternating.

command_costs.py times whole commands, one configuration after another; on this shared
machine the same command's CPU time drifts by 10-30% between runs minutes apart, which
is as large as the share to be measured. Here the two configurations take turns article
by article inside one process, so drift falls on both alike:

- child 0 analyses the even articles with every family and the odd ones without F;
- child 1 does the opposite;
- every article is analysed once in each child, never twice in a row: a second
  analysis of the same text would find its words warm in the CPU caches and memos.

Each article's CPU time (time.process_time, this process only) goes to its arm; F's
share is (all families) / (all but F) - 1 over the two children together, which between
them analyse every article once in each arm. Start-up and the JSONL writing are left out
(the same in both arms). For boilerplate, `analyze_corpus` also reads the corpus a
second time and counts its repeated lines (the pre-pass); each child times that over the
whole corpus and half of it goes to the "all" arm, so the round counts it once.

    python benchmarks/family_time_share.py --family quotes                # the 10k ABP corpus
    python benchmarks/family_time_share.py --family quotes --limit 2000 --rounds 2

With --rounds N the pair of children runs N times; the median share is the figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from framing.config import FEATURES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_costs import DEFAULT_DATA  # noqa: E402


def child(data: Path, limit: int | None, family: str, parity: int) -> dict[str, float]:
    """CPU seconds of each arm in one child: all families on articles of `parity`."""
    from framing.analyze import Resources, analyze
    from framing.config import Config
    from framing.ingest import IngestReport, iter_articles

    config = Config()
    clock = time.process_time
    articles = []
    reading = clock()
    for article in iter_articles([data], config, IngestReport()):
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    reading = clock() - reading
    Resources.load(config, ())  # lexicons loaded and cached: the next load adds the pre-pass
    prepass = clock()
    full = Resources.load(config, articles)
    prepass = clock() - prepass + reading  # the pre-pass reads the corpus a second time
    without = dataclasses.replace(full, config=dataclasses.replace(config, features=config.features - {family}))
    spent = {"all": prepass / 2 if family == "boilerplate" else 0.0, "without": 0.0}
    for index, article in enumerate(articles):
        arm, resources = ("all", full) if index % 2 == parity else ("without", without)
        start = clock()
        analyze(article, resources)
        spent[arm] += clock() - start
    spent["articles"] = len(articles)
    spent["prepass"] = prepass
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", required=True, choices=FEATURES)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N records only")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", type=int, choices=(0, 1), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.data, args.limit, args.family, args.child)))
        return
    if not args.data.exists():
        raise SystemExit(f"no corpus at {args.data} (--data)")
    shares = []
    for round_ in range(1, args.rounds + 1):
        totals = {"all": 0.0, "without": 0.0}
        for parity in (0, 1):
            command = [sys.executable, __file__, "--family", args.family, "--data", str(args.data), "--child", str(parity)]
            if args.limit is not None:
                command += ["--limit", str(args.limit)]
            env = dict(os.environ, PYTHONHASHSEED="0")
            result = subprocess.run(command, capture_output=True, text=True, env=env)
            if result.returncode != 0:
                raise SystemExit(f"child {parity} failed: {result.stderr[-800:]}")
            spent = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"round {round_} child {parity}: {int(spent['articles'])} articles, "
                f"all {spent['all']:.2f} s, without {args.family} {spent['without']:.2f} s"
                + (f" (all includes half of this child's {spent['prepass']:.2f} s pre-pass)" if args.family == "boilerplate" else "")
            )
            totals["all"] += spent["all"]
            totals["without"] += spent["without"]
        share = totals["all"] / totals["without"] - 1
        shares.append(share)
        print(f"round {round_}: all {totals['all']:.2f} s, without {args.family} {totals['without']:.2f} s, share {share:+.1%}")
    print(f"{args.family} adds {statistics.median(shares):+.1%} CPU time (median of {len(shares)} rounds)")


if __name__ == "__main__":
    main()
