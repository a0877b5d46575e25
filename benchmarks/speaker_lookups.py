"""Replay the speaker noun-phrase look-ups of quote extraction on their own.

The look-ups (`speakers.np_before` before a cue, `speakers.np_after` after a cue or a
dash) are the largest single part of extraction (about a quarter: `quotes_speed.py
--stages`). This records every call `extract_quotes` makes on the first N ABP articles,
then replays the calls alone: CPU microseconds per call (fastest of --repeat passes) and an
md5 of the answers, so a change to speakers.py can be checked for identical output and
timed in isolation. For a noise-free count, run it under callgrind with `--repeat 1`,
with `--calls 0` and without: the difference is two replays of every call (the warm-up
and the timed pass).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/speaker_lookups.py --limit 1000 --repeat 1 [--calls 0]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from framing.features import quotes as quotes_module
from framing.features import speakers
from framing.features.actors import load_actor_lexicon
from framing.features.speakers import load_cues

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_speed import DEFAULT_DATA, load_docs  # noqa: E402


def record(docs) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(text, end, lo) of each np_before call and (text, start, hi) of each np_after call."""
    before: list[tuple[str, int, int]] = []
    after: list[tuple[str, int, int]] = []
    np_before, np_after = quotes_module.np_before, quotes_module.np_after

    def logged_before(text: str, end: int, lo: int):
        before.append((text, end, lo))
        return np_before(text, end, lo)

    def logged_after(text: str, start: int, hi: int):
        after.append((text, start, hi))
        return np_after(text, start, hi)

    quotes_module.np_before, quotes_module.np_after = logged_before, logged_after
    try:
        actor_of, cues = load_actor_lexicon().actor_of, load_cues()
        for doc in docs:
            quotes_module.extract_quotes(doc, actor_of=actor_of, cues=cues)
    finally:
        quotes_module.np_before, quotes_module.np_after = np_before, np_after
    return before, after


def replay(before, after) -> list:
    return [speakers.np_before(*call) for call in before] + [speakers.np_after(*call) for call in after]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="fastest of this many replays")
    parser.add_argument("--calls", type=int, default=None, help="replay only the first N calls of each kind")
    args = parser.parse_args()
    before, after = record(load_docs(args.data, args.limit))
    print(f"articles: {args.limit}; np_before calls: {len(before)}, np_after calls: {len(after)}")
    if args.calls is not None:
        before, after = before[: args.calls], after[: args.calls]
    answers = replay(before, after)  # also warms the word memo, as in a long run
    print(f"md5 of the answers: {hashlib.md5(repr(answers).encode()).hexdigest()}")
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        replay(before, after)
        best = min(best, time.process_time() - start)
    calls = len(before) + len(after)
    if calls:
        print(f"{best / calls * 1e6:.2f} CPU us per call, {best / args.limit * 1e3:.3f} ms per article "
              f"(fastest of {args.repeat})")


if __name__ == "__main__":
    main()
