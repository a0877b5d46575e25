"""Readability of the clean body: Flesch reading ease, Flesch-Kincaid grade, Gunning fog.

textstat re-tokenises and re-counts the whole text for every metric, which made it the
dominant cost of analysis (~74 articles/s for five metrics). Here words and sentences come
from the shared segmenter, syllables from CMUdict as textstat counts them (a compact table,
framing/data/syllables.txt.gz, built from the dictionary textstat 0.7.8 ships offline by
benchmarks/build_syllables.py) cached per word, and the three formulas are applied once. tests/test_readability.py checks the figures against textstat's
own functions on the seeds.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from framing.text import Segmented

__all__ = ["Readability", "readability", "syllables"]

# Gunning fog counts words of this many syllables or more as "complex".
FOG_COMPLEX_SYLLABLES = 3


# Memo of word -> syllables; cleared when it grows past this many words (bounded memory).
_MEMO_LIMIT = 200_000
_memo: dict[str, int] = {}


_PARTS = re.compile(r"[a-z']+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """CMUdict word -> syllables (stressed phones of its first pronunciation), from the
    bundled table (0.03 s to load; CMUdict itself took 0.85 s)."""
    raw = resources.files("framing").joinpath("data/syllables.txt.gz").read_bytes()
    table: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        count, words = line.split("\t", 1)
        table.update(dict.fromkeys(words.split(), int(count)))
    return table


def _vowel_groups(word: str) -> int:
    """Syllables of a word CMUdict lacks: vowel groups, a final silent e not counted."""
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def syllables(word: str) -> int:
    """Syllables in one lower-cased word, memoised.

    As textstat counts them (stressed phones in CMUdict) for dictionary words; for the
    rest (names, numbers, rare and hyphenated forms) textstat asks pyphen, at ~0.2 ms a
    word, which made cold-cache syllable counting the largest single cost of a corpus
    run. Those words are split at hyphens and counted by parts, and parts CMUdict lacks
    get the vowel-group rule (tests compare the result with textstat's on the seeds).
    """
    count = _memo.get(word)
    if count is None:
        if not any(ch.isalpha() for ch in word):
            count = 1 if any(ch.isdigit() for ch in word) else 0
        else:
            cmu = _cmu_syllables()
            count = 0
            for part in _PARTS.findall(word):
                known = cmu.get(part)
                count += known if known is not None else _vowel_groups(part)
            count = max(1, count)
        if len(_memo) >= _MEMO_LIMIT:
            _memo.clear()
        _memo[word] = count
    return count


def clear_cache() -> None:
    """Forget memoised syllable counts (tests use it to start cold)."""
    _memo.clear()


@dataclass(frozen=True, slots=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    complex_words: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None


def readability(doc: Segmented) -> Readability:
    """The three readability scores of a segmented clean body (None when it has no words)."""
    text = doc.text
    words = len(doc.tokens)
    sentences = len(doc.sentences)
    total = 0
    complex_words = 0
    memo = _memo
    for start, end in doc.tokens:
        word = text[start:end].lower()
        count = memo.get(word)
        if count is None:
            count = syllables(word)
        total += count
        if count >= FOG_COMPLEX_SYLLABLES:
            complex_words += 1
    if words == 0 or sentences == 0:
        return Readability(words, sentences, total, complex_words, None, None, None)
    words_per_sentence = words / sentences
    syllables_per_word = total / words
    return Readability(
        words=words,
        sentences=sentences,
        syllables=total,
        complex_words=complex_words,
        flesch_reading_ease=round(206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word, 2),
        flesch_kincaid_grade=round(0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59, 2),
        gunning_fog=round(0.4 * (words_per_sentence + 100.0 * complex_words / words), 2),
    )
