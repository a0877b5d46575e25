"""What each feature family adds to the cost of the whole `framing analyze` command.

Runs `python -m framing analyze -q --features LIST CORPUS -o OUT` as a child process for
"all families" and for "all but F" (each F), in rotated order over several rounds, and
reads each child's CPU time (user + system, from the operating system's accounting of
the finished child). Everything the command does is included: start-up, lexicon loading,
reading the input (twice when boilerplate detection is on: the corpus pre-pass), the
analysis, and writing the JSONL. F's cost is reported as a share of the command without
F, the form of the issues' targets ("adds no more than 10% to framing analyze").

    python benchmarks/command_costs.py                      # the 10k ABP corpus, 3 rounds
    python benchmarks/command_costs.py --limit 2000 --rounds 5

With --limit N the first N records are copied to a temporary JSONL first. Medians over
rounds are reported; with other jobs on the machine, CPU time moves less than wall time
but still moves: compare figures from the same run.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from framing.config import FEATURES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def run_once(features: str, corpus: Path, out: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `framing analyze` child process."""
    command = [sys.executable, "-m", "framing", "analyze", "-q", "--features", features, str(corpus), "-o", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.strip()}")
    return usage.ru_utime + usage.ru_stime, wall


def subset(path: Path, limit: int, folder: Path) -> Path:
    target = folder / f"first-{limit}.jsonl"
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as source, target.open("w", encoding="utf-8") as sink:
        for number, line in enumerate(source):
            if number >= limit:
                break
            sink.write(line)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N records only (0: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--families", default=",".join(FEATURES), help="families to price (default: all)")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"no corpus at {args.data}")
    priced = [f for f in args.families.split(",") if f]
    configs = {"all": ",".join(FEATURES)}
    for family in priced:
        rest = [f for f in FEATURES if f != family]
        configs[f"all but {family}"] = ",".join(rest) if rest else "none"
    with tempfile.TemporaryDirectory() as folder:
        corpus = subset(args.data, args.limit, Path(folder)) if args.limit else args.data
        out = Path(folder) / "out.jsonl"
        cpu: dict[str, list[float]] = {name: [] for name in configs}
        wall: dict[str, list[float]] = {name: [] for name in configs}
        names = list(configs)
        for round_number in range(args.rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, elapsed = run_once(configs[name], corpus, out)
                cpu[name].append(seconds)
                wall[name].append(elapsed)
                print(f"round {round_number + 1}: {name}: cpu {seconds:.2f} s, wall {elapsed:.2f} s", file=sys.stderr)
    label = f"first {args.limit} records of {args.data.name}" if args.limit else args.data.name
    print(f"`framing analyze` on {label}, {args.rounds} rounds, median CPU s (user+sys) of the whole command\n")
    print("| configuration | CPU s (median) | min-max | wall s (median) |")
    print("|---|---:|---|---:|")
    for name in names:
        print(
            f"| {name} | {statistics.median(cpu[name]):.2f} | {min(cpu[name]):.2f}-{max(cpu[name]):.2f} "
            f"| {statistics.median(wall[name]):.2f} |"
        )
    print("\n| family | adds (CPU s) | adds (% of the command without it) | per-round ratios |")
    print("|---|---:|---:|---|")
    everything = statistics.median(cpu["all"])
    for family in priced:
        without = statistics.median(cpu[f"all but {family}"])
        # Each round's pair ran minutes apart at most: their ratio cancels slow drifts in
        # the machine's speed that the medians over rounds keep.
        ratios = sorted(a / b - 1 for a, b in zip(cpu["all"], cpu[f"all but {family}"]))
        spread = ", ".join(f"{100 * r:.0f}%" for r in ratios)
        print(
            f"| {family} | {everything - without:.2f} | {100 * (everything - without) / without:.1f}% "
            f"| median {100 * statistics.median(ratios):.1f}% ({spread}) |"
        )


if __name__ == "__main__":
    main()
