"""What each feature family adds to `framing analyze`, counted in CPU instructions.

The noise-free companion of command_costs.py: on this shared machine the same command's
CPU time moves by +-10% from run to run, too much to tell 8% from 12% without many
rounds. Here each configuration runs once under valgrind's callgrind, which counts the
instructions the whole command executes (start-up, lexicon loading, the input read twice
with boilerplate detection on, analysis, JSONL output). Instructions leave out what
memory and cache misses cost, so they are a floor for the time share, not a substitute:
report both.

    python benchmarks/command_instructions.py --limit 1000 --jobs 2 --families boilerplate,quotes

Start-up (about a second of lexicon loading and pattern compiling) would weigh far more
in a short run than in the 10k run the issues name, so each configuration runs twice, on
one record and on `--limit` records: the difference gives the instructions per article,
and the figures are stated for a 10k run (start + 9,999 articles). An article costs less
the later it comes, as memos of words and tokens warm up (the boilerplate detector: 5.02M
instructions per article over the first 400 ABP articles, 4.72M over the first 1,600), so
the average over the first `--limit` articles overstates a 10k run: a bound from above,
closer the longer the run. Child processes get PYTHONHASHSEED=0, so a count repeats
exactly. Needs `valgrind` on PATH (about 50x slower than a plain run: 1,000 articles take
10-20 minutes per configuration; `--jobs` runs configurations side by side).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from framing.config import FEATURES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_costs import DEFAULT_DATA, subset  # noqa: E402

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(features: str, corpus: Path, out: Path) -> int:
    """Instructions executed by one `framing analyze` child process (callgrind's count)."""
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, "-m", "framing", "analyze", "-q", "--features", features, str(corpus), "-o", str(out),
    ]
    env = dict(os.environ, PYTHONHASHSEED="0")  # set and dict layouts, so counts repeat
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000, help="first N records (default 1000)")
    parser.add_argument("--families", default=",".join(FEATURES), help="families to price (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="runs under callgrind at once (default 1)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    families = [f for f in args.families.split(",") if f]
    unknown = sorted(set(families) - set(FEATURES))
    if unknown:
        raise SystemExit(f"unknown families: {', '.join(unknown)}")
    configs = {"all": ",".join(FEATURES)}
    for family in families:
        configs[f"all but {family}"] = ",".join(f for f in FEATURES if f != family) or "none"
    with tempfile.TemporaryDirectory() as folder:
        big = subset(args.data, args.limit, Path(folder))
        small = subset(args.data, 1, Path(folder))
        runs = [(name, corpus) for name in configs for corpus in (small, big)]
        # Counts do not depend on what else runs, so runs may share the cores.
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            counts = list(
                pool.map(
                    lambda run: instructions(configs[run[0]], run[1], Path(folder) / f"out-{runs.index(run)}.jsonl"),
                    runs,
                )
            )
        counted = dict(zip(runs, counts))
        start: dict[str, int] = {}  # one article: start-up, lexicons, one analysis
        per: dict[str, float] = {}  # each further article
        for name in configs:
            start[name] = counted[(name, small)]
            per[name] = (counted[(name, big)] - start[name]) / (args.limit - 1)
            print(f"{name}: start {start[name] / 1e9:.2f} G, {per[name] / 1e6:.2f} M per article", file=sys.stderr, flush=True)
    print(f"`framing analyze`, instructions counted by callgrind: a run on 1 record and one on the first {args.limit} records")
    print(f"of {args.data.name}; per article = the difference / {args.limit - 1}; a 10k run = start + 9,999 x per article\n")
    print("| configuration | start-up + 1 article (G) | per article (M) | a 10k run (G) |")
    print("|---|---:|---:|---:|")
    total = {name: start[name] + 9_999 * per[name] for name in configs}
    for name in configs:
        print(f"| {name} | {start[name] / 1e9:.2f} | {per[name] / 1e6:.2f} | {total[name] / 1e9:.0f} |")
    print("\n| family | adds per article (M) | adds (% of a 10k run without it) |")
    print("|---|---:|---:|")
    for family in families:
        name = f"all but {family}"
        print(f"| {family} | {(per['all'] - per[name]) / 1e6:.2f} | {100 * (total['all'] / total[name] - 1):.1f}% |")


if __name__ == "__main__":
    main()
