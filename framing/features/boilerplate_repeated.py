"""The corpus pre-pass of boilerplate detection: lines repeated across an outlet's articles.

`RepeatedLines` is the one place where boilerplate detection looks across articles (see
ARCHITECTURE.md: corpus-level steps are explicit and few). Lines are compared
normalised (lower-cased, whitespace collapsed) and kept as stable 64-bit hashes.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass, field


__all__ = ["RepeatedLines"]

REPEAT_MIN_ARTICLES = 2  # distinct articles of one outlet a line must occur in
REPEAT_PROSE_MIN_ARTICLES = 4  # ...or this many for a prose line (see RepeatedLines)
REPEAT_PROSE_CHARS = 100  # a line this long ending like a sentence counts as prose

_SENTENCE_END = frozenset(".!?:;\"'”’»)]…。！？")  # also the detector's sentence ends


def _normalise(line: str) -> str:
    return " ".join(line.lower().split())


# Bytes of printable ASCII, the space and the newline: what `lowered` deletes to see the rest.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _lowered_utf8(text: str) -> tuple[bytes, bool] | None:
    """`text.lower()` as UTF-8, and whether ' ' and '\n' are the only whitespace in `text`;
    None when lower-casing the bytes would not give `text.lower()`.

    Most news text is ASCII but for a few curly quotes and dashes, and str.lower() then
    looks every character up in the Unicode tables. Lower-casing the UTF-8 bytes (ASCII
    letters only, a C loop) gives the same string when no non-ASCII character has a
    different lower case (checked on those characters alone)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    rest = data.translate(None, _PLAIN_ASCII).decode("utf-8")  # UTF-8 minus ASCII is UTF-8
    if rest.lower() != rest:
        return None
    # All non-ASCII whitespace and all ASCII control characters are unprintable.
    return data.lower(), rest.isprintable()


def lowered(text: str) -> tuple[str, bool]:
    """`text.lower()`, and whether ' ' and '\n' are the only whitespace in `text`."""
    fast = _lowered_utf8(text)
    if fast is None:
        return text.lower(), False
    return fast[0].decode("utf-8"), fast[1]


def _normalise_lowered(low: str, plain: bool = False) -> str:
    """`_normalise` of a stripped line already lower-cased: a line of printable characters
    without double spaces is normalised already (all whitespace but ' ' is unprintable).
    `plain`: ' ' is known to be the line's only whitespace (see `lowered`)."""
    if "  " in low or not (plain or low.isprintable()):
        return " ".join(low.split())
    return low


def _normalised_lines(text: str) -> list[str]:
    """`_normalise` of every block of `text` (a non-blank line, `framing.text.split_blocks`).

    Lower-cases the text once; str.strip() drops the same whitespace `split_blocks` trims,
    so no block spans are needed."""
    low, plain = lowered(text)
    return [_normalise_lowered(line, plain) for line in map(str.strip, low.split("\n")) if line]


def _line_hash(normalised: str) -> int:
    """A stable 64-bit hash (Python's str hash is salted per process): CRC-32 in the high
    half, Adler-32 in the low half, both C loops in zlib. A false match needs both to
    collide; among an outlet's distinct lines (tens of thousands) that is far rarer than one
    in a million, and costs only one line taken for repeated. A third of blake2b's time."""
    return _hash_utf8(normalised.encode("utf-8", "surrogatepass"))


def _hash_utf8(data: bytes) -> int:
    """`_line_hash` of the line whose UTF-8 encoding is `data`."""
    return zlib.crc32(data) << 32 | zlib.adler32(data)


def _line_hashes(text: str) -> set[int]:
    """`{_line_hash(n) for n in _normalised_lines(text)}`; for text whose only whitespace
    is ' ' and newlines (most), hashed from the lower-cased UTF-8 bytes, never decoded:
    bytes.strip() and split() then see the same whitespace as str's."""
    fast = _lowered_utf8(text)
    if fast is None or not fast[1]:
        return {_line_hash(norm) for norm in _normalised_lines(text)}
    # `_normalise_lowered(line, plain=True)`, on bytes
    return {
        _hash_utf8(line if b"  " not in line else b" ".join(line.split()))
        for line in map(bytes.strip, fast[0].split(b"\n"))
        if line
    }


@dataclass
class RepeatedLines:
    """Corpus pre-pass: lines that occur in several articles of the same outlet.

    Streaming (`add` one article at a time); memory is one 64-bit hash and a count per
    distinct line per outlet, never the line text. On 10k articles of 288 outlets (the
    shared ABP sample) the lines repeated in 2-3 articles of an outlet include real prose:
    the same wire paragraph in an updated story, a quote reused in a follow-up. So a
    prose line (long, ending like a sentence) must recur in `prose_min_articles` articles;
    other lines (bylines, promos, headings, credits) in `min_articles`.
    """

    min_articles: int = REPEAT_MIN_ARTICLES
    prose_min_articles: int = REPEAT_PROSE_MIN_ARTICLES
    prose_chars: int = REPEAT_PROSE_CHARS
    _counts: dict[str, Counter[int]] = field(default_factory=dict, repr=False)

    def add(self, outlet: str, text: str) -> None:
        seen = _line_hashes(text)
        counts = self._counts.get(outlet)
        if counts is None:
            counts = self._counts[outlet] = Counter()
        counts.update(seen)  # Counter.update counts in C

    def prune(self) -> None:
        """Forget lines seen in one article only (they can never count as repeated): call
        once the pre-pass is over. It shrinks the table, and an outlet without any repeated
        line is dropped, so its articles skip the look-ups."""
        floor = min(self.min_articles, self.prose_min_articles)
        for outlet in list(self._counts):
            kept = Counter({h: n for h, n in self._counts[outlet].items() if n >= floor})
            if kept:
                self._counts[outlet] = kept
            else:
                del self._counts[outlet]

    def count(self, outlet: str, line_text: str) -> int:
        """In how many added articles of `outlet` the (normalised) line occurs."""
        counts = self._counts.get(outlet)
        if not counts:
            return 0
        return counts.get(_line_hash(_normalise(line_text)), 0)

    def is_repeated(self, outlet: str, line_text: str) -> bool:
        counts = self._counts.get(outlet)
        return counts is not None and self._is_repeated_norm(counts, _normalise(line_text))

    def outlet_counts(self, outlet: str) -> dict[int, int] | None:
        """The outlet's line-hash counts (None or empty: nothing repeated)."""
        return self._counts.get(outlet)

    def _is_repeated_norm(self, counts: dict[int, int], norm: str) -> bool:
        """`is_repeated` for an already normalised line and its outlet's counts."""
        if not norm:
            return False
        n = counts.get(_line_hash(norm), 0)
        prose = len(norm) >= self.prose_chars and norm[-1] in _SENTENCE_END
        return n >= (self.prose_min_articles if prose else self.min_articles)

    def __len__(self) -> int:
        return sum(len(c) for c in self._counts.values())
