"""Regenerate framing/data/syllables.txt.gz: syllables per word from the CMU Pronouncing
Dictionary, as textstat counts them (stressed phones of the word's first pronunciation).

framing used to load CMUdict through textstat at start-up (~0.85 s of every command);
the table holds only what readability needs and loads in a few hundredths of a second.
Format: one line per syllable count, "COUNT<TAB>word word ...", words sorted.
CMUdict: Carnegie Mellon University, BSD-style licence (see lexicons/SOURCES.md).

    python benchmarks/build_syllables.py
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path

from textstat.backend.utils import get_cmudict

TARGET = Path(__file__).resolve().parents[1] / "framing" / "data" / "syllables.txt.gz"


def main() -> None:
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, pronunciations in get_cmudict("en_US").items():
        by_count[sum(1 for phone in pronunciations[0] if phone[-1].isdigit())].append(word)
    text = "".join(f"{count}\t{' '.join(sorted(words))}\n" for count, words in sorted(by_count.items()))
    # mtime=0: the same dictionary always gives the same bytes.
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{TARGET}: {sum(map(len, by_count.values()))} words, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
