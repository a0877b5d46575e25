"""What quotes cost `framing analyze`, split into extraction and everything else.

command_instructions.py prices the whole quote family (all families against all but
quotes). This splits that figure in two, counted in CPU instructions under callgrind like
command_instructions.py. Three configurations of the command's own loop
(`analyze_corpus` with its corpus pre-pass, then `JsonlWriter`, as `framing analyze` runs
them) each run on 1 and on --limit ABP articles:

- all: every feature family;
- all but quotes;
- extraction replaced: all families, but `extract_quotes` hands back each article's
  quotes, extracted beforehand by the parent process (the JSONL output is checked to be
  byte-identical to the first configuration's).

extraction = all - replaced; the rest of the family (quote scores and columns, the
quotes' JSONL records, quoted voices in mentions and lexical) = replaced - all but quotes.
Each figure is instructions per article: the difference between the two runs of a
configuration divided by --limit - 1. Every run loads the whole cache of quotes (and
freezes it out of garbage collection), so loading it cancels out of the difference.
Needs `valgrind` on PATH; 500 articles take about 10 minutes per run.

    python benchmarks/quotes_split.py --limit 500 --jobs 2
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from framing.config import FEATURES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_costs import DEFAULT_DATA, subset  # noqa: E402
from command_instructions import _COLLECTED  # noqa: E402  (callgrind's total in its log)
MODES = ("all", "all but quotes", "extraction replaced")


def _config(mode: str):
    from framing.config import Config

    families = FEATURES if mode != "all but quotes" else tuple(f for f in FEATURES if f != "quotes")
    return Config(features=frozenset(families))


def _analyze(corpus: Path, out: Path, mode: str, cache: Path) -> None:
    """The command's loop over `corpus`, the JSONL records written to `out`."""
    from framing import analyze as analyze_module
    from framing.analyze import analyze_corpus
    from framing.export import JsonlWriter
    from framing.ingest import IngestReport

    with cache.open("rb") as source:
        extracted = pickle.load(source)
    gc.collect()
    gc.freeze()  # the cache is not the command's: keep it out of every collection
    answers = iter(extracted)
    replaced = 0

    def cached_quotes(doc, **_):
        nonlocal replaced
        replaced += 1
        return next(answers)

    if mode == "extraction replaced":
        analyze_module.extract_quotes = cached_quotes  # type: ignore[assignment]
    written = 0
    with out.open("w", encoding="utf-8") as sink:
        writer = JsonlWriter(sink)
        for analysis in analyze_corpus([str(corpus)], _config(mode), IngestReport()):
            writer.write(analysis)
            written += 1
    if mode == "extraction replaced" and replaced != written:
        raise SystemExit(f"extraction was replaced for {replaced} of {written} articles")


def _extract_all(corpus: Path, cache: Path) -> int:
    """Pickle every article's quotes (all families on, as the command runs them)."""
    from framing.analyze import analyze_corpus
    from framing.ingest import IngestReport

    quotes = [a.quotes for a in analyze_corpus([str(corpus)], _config("all"), IngestReport())]
    with cache.open("wb") as handle:
        pickle.dump(quotes, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return len(quotes)


def _child(mode: str, corpus: Path, out: Path, cache: Path, *, under_callgrind: bool) -> int:
    command = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus), "--out", str(out), "--cache", str(cache)]
    if under_callgrind:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    env = dict(os.environ, PYTHONHASHSEED="0")  # set and dict layouts, so counts repeat
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or (under_callgrind and found is None):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return int(found.group(1)) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500, help="first N records (default 500)")
    parser.add_argument("--jobs", type=int, default=1, help="runs under callgrind at once (default 1)")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _analyze(args.corpus, args.out, args.child, args.cache)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    if args.limit < 2:
        raise SystemExit("--limit must be at least 2")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big, small = subset(args.data, args.limit, folder), subset(args.data, 1, folder)
        cache = folder / "quotes.pickle"
        limit = _extract_all(big, cache)
        # The replaced extraction must give the command's own output, byte for byte.
        _child("all", big, folder / "check-all.jsonl", cache, under_callgrind=False)
        _child("extraction replaced", big, folder / "check-replaced.jsonl", cache, under_callgrind=False)
        if (folder / "check-all.jsonl").read_bytes() != (folder / "check-replaced.jsonl").read_bytes():
            raise SystemExit("the replaced extraction changed the output")
        runs = [(mode, corpus) for mode in MODES for corpus in (small, big)]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            counts = list(pool.map(
                lambda run: _child(run[0], run[1], folder / f"out-{runs.index(run)}.jsonl", cache, under_callgrind=True),
                runs,
            ))
    per_article = {mode: (counts[2 * i + 1] - counts[2 * i]) / (limit - 1) / 1e6 for i, mode in enumerate(MODES)}
    extraction = per_article["all"] - per_article["extraction replaced"]
    rest = per_article["extraction replaced"] - per_article["all but quotes"]
    family = extraction + rest
    base = per_article["all but quotes"]
    print(f"`framing analyze` loop on the first {limit} records of {args.data.name}, instructions per article (M)")
    print()
    print("| configuration | per article (M) |")
    print("|---|---:|")
    for mode in MODES:
        print(f"| {mode} | {per_article[mode]:.2f} |")
    print()
    print("| part of the quote family | per article (M) | share of the family | adds (% of all but quotes) |")
    print("|---|---:|---:|---:|")
    for label, value in (("extraction", extraction), ("everything else", rest), ("the family", family)):
        print(f"| {label} | {value:.2f} | {value / family:.0%} | {value / base:.1%} |")


if __name__ == "__main__":
    main()
