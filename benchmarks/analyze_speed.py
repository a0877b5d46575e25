"""Speed and memory of `framing analyze` on a real corpus (default: the 10k ABP articles).

Runs the CLI as a child process (as a user would), then reports articles/s, words/s
(clean-body words, read from the output) and the child's peak RSS. `--limit N` first
writes the first N records to a temporary .jsonl.gz, to check that memory does not grow
with corpus size.

    python benchmarks/analyze_speed.py                      # 10,000 articles
    python benchmarks/analyze_speed.py --limit 1000
    python benchmarks/analyze_speed.py --features none     # counts + readability only
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL(.gz) corpus")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N records")
    parser.add_argument("--features", default=None, help="passed to framing analyze --features (e.g. none)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if args.limit:
            data = Path(tmp) / f"first-{args.limit}.jsonl.gz"
            with gzip.open(args.data, "rt", encoding="utf-8") as src, gzip.open(data, "wt", encoding="utf-8") as dst:
                for number, line in enumerate(src):
                    if number >= args.limit:
                        break
                    dst.write(line)
        out = Path(tmp) / "out.jsonl"
        command = [sys.executable, "-m", "framing", "analyze", str(data), "-o", str(out), "-q"]
        if args.features is not None:
            command += ["--features", args.features]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return result.returncode
        articles = words = 0
        with out.open(encoding="utf-8") as handle:
            for line in handle:
                articles += 1
                words += json.loads(line)["scores"].get("words") or 0
    print("| corpus | articles | words (clean body) | wall s | articles/s | words/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    features = f", --features {args.features}" if args.features is not None else ""
    print(f"| {args.data.name}{f' (first {args.limit})' if args.limit else ''}{features} | {articles:,} | {words:,} | {wall:.1f} | {articles / wall:,.0f} | {words / wall:,.0f} | {peak_mb:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
