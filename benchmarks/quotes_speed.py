"""ms/article of framing.features.quotes.extract_quotes over the first N ABP articles.

Segmentation (`segment(content)`) and lexicon loading happen outside the timed region.
Reports the median CPU time (process_time) of 3 passes (the machine is shared, so single
passes are noisy) and
the share of articles with at least one quote. `--stages` splits the time by stage
instead: pairing quotation marks, finding cues, attributing quotes, indirect candidates,
resolving speakers, and (inside the attribution stages) the speaker noun-phrase look-ups;
each stage's fastest pass of `--repeat`, with warm memos (the first pass warms them too).
`--tagging-pass` prices the redesign of extraction around one shared tagging pass: the
CPU time of tokenising and tagging every clean block with the look-ups' own tokenizer
(`speakers._words`, what such a pass would do before any rule runs), against extraction,
both the fastest of `--repeat` warm passes.

Usage: .venv/bin/python benchmarks/quotes_speed.py [--data PATH] [--limit 2000] [--profile | --stages | --tagging-pass]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from framing.features import quotes as quotes_module
from framing.features import speakers
from framing.features.actors import load_actor_lexicon
from framing.features.quotes import extract_quotes
from framing.features.speakers import load_cues
from framing.text import segment

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abp" / "articles-10k.jsonl.gz"


def load_docs(path: Path, limit: int):
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(docs) >= limit:
                break
            docs.append(segment(json.loads(line)["content"]))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="median of this many passes")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    parser.add_argument("--stages", action="store_true", help="split the time by extraction stage")
    parser.add_argument("--tagging-pass", action="store_true", help="price one tagging pass over every clean block")
    args = parser.parse_args()

    docs = load_docs(args.data, args.limit)
    actor_of = load_actor_lexicon().actor_of
    cues = load_cues()
    extract_quotes(docs[0], actor_of=actor_of, cues=cues)  # warm lexicon caches

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for doc in docs:
            extract_quotes(doc, actor_of=actor_of, cues=cues)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    if args.stages:
        stage_times(docs, actor_of, cues, args.repeat)
        return
    if args.tagging_pass:
        tagging_pass(docs, actor_of, cues, args.repeat)
        return

    passes = []
    with_quotes = 0
    for _ in range(args.repeat):
        with_quotes = 0
        start = time.process_time()
        for doc in docs:
            if extract_quotes(doc, actor_of=actor_of, cues=cues):
                with_quotes += 1
        passes.append(time.process_time() - start)
    words = sum(d.word_count for d in docs)
    ms = statistics.median(passes) / len(docs) * 1000
    print(f"articles: {len(docs)}  mean words: {words / len(docs):.0f}")
    print(f"articles with quotes: {with_quotes / len(docs):.1%}")
    print(f"extract_quotes: {ms:.3f} CPU ms/article (median of {args.repeat}; passes "
          + ", ".join(f"{p / len(docs) * 1000:.3f}" for p in passes) + ")")


# Stage -> (object, attribute) wrapped with a timer. A stage called inside another is
# timed on its own and also counted in the outer one; the look-ups are named by the
# quotes module's own references, so every call the extractor makes is timed.
_STAGES = {
    "pair quotation marks": (quotes_module, "find_quote_regions"),
    "find cues": (quotes_module.CueLexicon, "find_all"),
    "attribute quotes": (quotes_module._Extractor, "quote_item"),
    "indirect candidates": (quotes_module._Extractor, "indirect_item"),
    "resolve speakers": (quotes_module._Extractor, "resolve"),
    "  speaker look-ups before a cue (inside the two stages above)": (quotes_module, "np_before"),
    "  speaker look-ups after a cue or dash (same)": (quotes_module, "np_after"),
}


def stage_times(docs, actor_of, cues, repeat: int) -> None:
    """Print each stage's CPU ms per article (fastest of `repeat` passes) and its share."""
    spent: dict[str, float] = {}
    originals = {name: getattr(owner, attr) for name, (owner, attr) in _STAGES.items()}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return wrapper

    for name, (owner, attr) in _STAGES.items():
        setattr(owner, attr, timed(name, originals[name]))
    best: dict[str, float] = {}
    try:
        for _ in range(repeat + 1):  # the first pass warms the memos
            spent.clear()
            start = time.process_time()
            for doc in docs:
                extract_quotes(doc, actor_of=actor_of, cues=cues)
            spent["all of extraction"] = time.process_time() - start
            for name, value in spent.items():
                best[name] = min(best.get(name, value), value)
    finally:
        for name, (owner, attr) in _STAGES.items():
            setattr(owner, attr, originals[name])
    total = best["all of extraction"]
    print(f"articles: {len(docs)}; CPU ms per article, fastest of {repeat} warm passes")
    print("| stage | ms/article | share |\n|---|---:|---:|")
    for name in ["all of extraction", *_STAGES]:
        value = best.get(name, 0.0)
        print(f"| {name} | {value / len(docs) * 1000:.3f} | {value / total:.0%} |")


def tagging_pass(docs, actor_of, cues, repeat: int) -> None:
    """Print the CPU ms per article of tagging every clean block, and of extraction."""
    tag_words = speakers._words

    def tag_all() -> int:
        return sum(len(tag_words(doc.text, block.start, block.end)) for doc in docs for block in doc.blocks)

    def extract_all() -> int:
        return sum(len(extract_quotes(doc, actor_of=actor_of, cues=cues)) for doc in docs)

    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    for _ in range(repeat + 1):  # the first pass warms the memos
        for name, run in (("tag every clean block", tag_all), ("extract quotes", extract_all)):
            start = time.process_time()
            counts[name] = run()
            spent = time.process_time() - start
            best[name] = min(best.get(name, spent), spent)
    extraction = best["extract quotes"]
    print(f"articles: {len(docs)}; CPU ms per article, fastest of {repeat} warm passes")
    print("| pass | ms/article | items/article | share of extraction |\n|---|---:|---:|---:|")
    for name in ("extract quotes", "tag every clean block"):
        print(f"| {name} | {best[name] / len(docs) * 1000:.3f} | {counts[name] / len(docs):.0f} | {best[name] / extraction:.0%} |")


if __name__ == "__main__":
    main()
