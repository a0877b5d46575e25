"""Quotation marks: found per block and paired into quote regions (`find_quote_regions`:
curly, straight, guillemets, single quotes outside double ones; news-style multi-paragraph
quotes; apostrophes skipped; an unmatched mark is dropped or closed at its paragraph end,
never beyond), and the block order check the whole-text scans rely on (cues.py)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from framing.text import Span

__all__ = [
    "in_order", "block_marks", "ordered_block_marks", "WORDS", "QuoteRegion", "strip_span", "in_region",
    "find_quote_regions", "first_words", "has_words",
]


def in_order(blocks: Sequence[Span]) -> bool:
    """Do the blocks follow one another without overlap (as the segmenter makes them)? The
    whole-text scans of cues.py and speakers.py rely on it."""
    return all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))


def block_marks(text: str, blocks: tuple[Span, ...], chars: str, pair: str = "") -> list[list[tuple[int, int, str]]]:
    """Per block, (start, end, mark) of each mark in it, in order: a character of `chars` or
    the two-character `pair` (non-overlapping, left to right, within the block).

    The marks are few and the text long, so `str.find` per mark beats a regex scan."""
    positions: list[int] = []
    for char in chars:
        pos = text.find(char)
        while pos >= 0:
            positions.append(pos)
            pos = text.find(char, pos + 1)
    positions.sort()
    paired = bool(pair) and pair in text
    if not paired and in_order(blocks):
        return ordered_block_marks(text, blocks, positions)
    out: list[list[tuple[int, int, str]]] = []
    for block in blocks:
        i = bisect.bisect_left(positions, block.start)
        j = bisect.bisect_left(positions, block.end, i)
        marks = [(pos, pos + 1, text[pos]) for pos in positions[i:j]]
        if paired:
            pos = text.find(pair, block.start, block.end)
            while pos >= 0:
                marks.append((pos, pos + len(pair), pair))
                pos = text.find(pair, pos + len(pair), block.end)
            marks.sort()
        out.append(marks)
    return out


_NO_MARKS: list[tuple[int, int, str]] = []  # the marks of a block without any (shared)


def ordered_block_marks(text: str, blocks: tuple[Span, ...], positions: list[int]) -> list[list[tuple[int, int, str]]]:
    """block_marks for blocks in order, without pairs: one walk over the marks (most
    blocks have none; they share one empty list, never changed by the callers)."""
    out: list[list[tuple[int, int, str]]] = [_NO_MARKS] * len(blocks)
    if not positions:
        return out
    index, size = 0, len(blocks)
    for pos in positions:
        while index < size and blocks[index].end <= pos:
            index += 1
        if index == size:
            break
        if pos < blocks[index].start:
            continue  # between blocks
        marks = out[index]
        if marks is _NO_MARKS:
            marks = out[index] = []
        marks.append((pos, pos + 1, text[pos]))
    return out


# --------------------------------------------------------------------------- quotation marks

# Single-quoted spans longer than this are not quotes (stray apostrophes).
SINGLE_MAX_CHARS = 300
# An unclosed paragraph-final quote is kept (closed at the paragraph end) from this length.
UNCLOSED_MIN_WORDS = 3



_DOUBLE_MARKS = "\"“”«»„‟"  # and '' (two apostrophes), the NYT's straight double quote
_SINGLE_MARKS = "'‘’‹›"
_SINGLE_MARK = re.compile(r"['‘’‹›]")
_OPENERS = "“«„‟"
_CLOSERS = "”»"
WORDS = re.compile(r"[^\W_][\w'’.\-]*")


@dataclass(slots=True)
class QuoteRegion:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (or content end when unclosed)
    start: int  # content start
    end: int  # content end
    single: bool = False


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_regions(text: str, blocks: tuple[Span, ...]) -> list[QuoteRegion]:
    """Pair double marks left to right; an open quote runs on into the next paragraph only
    when that paragraph opens with a quote mark (news convention)."""
    regions: list[QuoteRegion] = []
    open_at = -1
    open_end = -1
    opener = ""
    continuation = -1  # offset of a paragraph-opening mark that continues the open quote
    for index, (block, marks) in enumerate(zip(blocks, block_marks(text, blocks, _DOUBLE_MARKS, "''"))):
        for pos, mark_end, mark in marks:
            if mark == "''":
                mark = '"'
            if pos == continuation:
                continue
            if open_at < 0:
                if mark in _CLOSERS:
                    continue  # unmatched closing mark
                open_at, open_end, opener = pos, mark_end, mark
                continue
            before = text[pos - 1] if pos > block.start else " "
            after = text[pos + 1] if pos + 1 < block.end else " "
            is_close = (
                mark in _CLOSERS
                or mark == '"'
                or (opener == "„" and mark in "“‟")
                or (mark in _OPENERS and not before.isspace() and not after.isalnum())
            )
            if is_close:
                start, end = strip_span(text, open_end, pos)
                if end > start:
                    regions.append(QuoteRegion(open_at, mark_end - 1, start, end))
                open_at = -1
            else:
                open_at, open_end, opener = pos, mark_end, mark  # the previous opener was never closed
        if open_at < 0:
            continue
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if nxt is not None and (text[nxt.start] in '"“«„‟' or text.startswith("''", nxt.start)):
            continuation = nxt.start
            continue
        start, end = strip_span(text, open_end, block.end)
        if (
            end > start
            and len(WORDS.findall(text, start, end)) >= UNCLOSED_MIN_WORDS
            and (text[end - 1] in ".!?…" or open_at < block.start)
        ):
            regions.append(QuoteRegion(open_at, end, start, end))
        open_at = -1
    return regions


def in_region(regions: list[QuoteRegion], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and regions[i].open <= pos <= regions[i].close


def _single_regions(text: str, blocks: tuple[Span, ...], doubles: list[QuoteRegion]) -> list[QuoteRegion]:
    starts = [r.open for r in doubles]
    regions: list[QuoteRegion] = []
    for block, marks in zip(blocks, block_marks(text, blocks, _SINGLE_MARKS)):
        open_at = -1
        for pos, _, mark in marks:
            before = text[pos - 1] if pos > block.start else " "
            after = text[pos + 1] if pos + 1 < block.end else " "
            if before.isalnum() and after.isalnum():
                continue  # apostrophe: Ukraine's, don’t
            if doubles and in_region(doubles, starts, pos):
                continue  # nested inside a double quote: part of that quote's content
            can_open = mark in "‘‹" or (mark == "'" and not before.isalnum() and before not in ".,!?")
            can_open = can_open and (after.isalnum() or after in "“\"$(") and not before.isalnum()
            can_close = mark in "’›'" and not before.isspace() and not after.isalnum()
            if open_at >= 0 and can_close:
                start, end = strip_span(text, open_at + 1, pos)
                chunk = text[start:end]
                if before in "sS" and after == " " and _next_close(text, pos + 1, block.end, open_at):
                    continue  # plural possessive ("the allies’ plan") before the real close
                if end > start and chunk.lower() != "n" and end - start <= SINGLE_MAX_CHARS:
                    regions.append(QuoteRegion(open_at, pos, start, end, single=True))
                open_at = -1
            elif can_open and mark != "’":
                open_at = pos
            elif can_open and mark == "’" and open_at < 0 and before.isspace():
                open_at = pos  # a right mark typed as an opener
            if open_at >= 0 and pos - open_at > SINGLE_MAX_CHARS:
                open_at = -1
    return regions


def _next_close(text: str, start: int, end: int, open_at: int) -> bool:
    for m in _SINGLE_MARK.finditer(text, start, min(end, open_at + SINGLE_MAX_CHARS)):
        after = text[m.end()] if m.end() < end else " "
        if m.group() in "’'" and not after.isalnum():
            return True
    return False


def find_quote_regions(text: str, blocks: tuple[Span, ...]) -> list[QuoteRegion]:
    doubles = _double_regions(text, blocks)
    singles = _single_regions(text, blocks, doubles)
    return sorted(doubles + singles, key=lambda r: r.open)


# --------------------------------------------------------------------------- words of a quote


def first_words(text: str, start: int, end: int, limit: int) -> list[str]:
    """WORDS.findall(text, start, end)[:limit], without scanning further: first over a
    window of about 12 characters a word, whose words before its last one are whole."""
    stop = min(end, start + 12 * limit)
    words = WORDS.findall(text, start, stop)
    if len(words) > limit or stop == end:
        return words[:limit]
    out = []
    for m in WORDS.finditer(text, start, end):
        out.append(m.group())
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=None)
def _at_least(count: int) -> re.Pattern[str]:
    r"""A regex matching (at its start) `count` WORDS matches: skip what no word starts
    with, then a whole word, taken atomically as findall does (a lookahead captures the
    whole word, the backreference consumes it: nothing is given back to make two words of
    one; possessive loops would say the same from Python 3.11). Built from the pattern of
    WORDS, r"[^\W_][\w'’.\-]*": keep the two in step."""
    return re.compile(r"(?:[\W_]*(?=([^\W_][\w'’.\-]*))\1){%d}" % count)


def has_words(text: str, start: int, end: int, count: int) -> bool:
    """len(WORDS.findall(text, start, end)) >= count, without building the list."""
    return _at_least(count).match(text, start, end) is not None
