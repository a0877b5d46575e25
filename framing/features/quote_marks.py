"""Quotation marks per block, for pairing them (cues.find_quote_regions), and the block
order check the whole-text scans rely on (cues.py, speakers.py)."""

from __future__ import annotations

import bisect
from typing import Sequence

from framing.text import Span

__all__ = ["in_order", "block_marks", "ordered_block_marks"]


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
