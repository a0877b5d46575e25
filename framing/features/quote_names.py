"""Full-name runs ("US Defense Secretary Lloyd Austin") of one article, read lazily for
the speaker resolver (resolution.SpeakerResolver).

A run is a _NAME_RUN match of a block's scan (block by block: a run never crosses a block
edge). The resolver asks for the runs of one surname (`named`) and, to resolve "the
president", for the runs before an offset (`before`); only the text they need is read.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterator, Sequence

from framing.features.quote_marks import in_order
from framing.text import Span

__all__ = ["NameRuns", "Run"]

# (offset, run, full name, block start) of a run that has a surname.
Run = tuple[int, str, str, int]

# A word is always followed by a blank or the end of a match, so giving characters back
# never helps: the loops match as possessive ones would (those need Python 3.11).
_NAME_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){1,5}")
# A word may end in a period inside a run only as an initial ("F."), a dotted abbreviation
# ("U.S.") or a title ("Gov."); any other ends its sentence: "… Ohio Governor John Kasich.
# Barkley also said" holds the run "Ohio Governor John Kasich" and no run after it.
_PERIOD_GAP = re.compile(r"\.[ \t]")
_WORD_WITH_PERIOD = re.compile(r"([\w'’.\-]+)\.[ \t]+")
_ABBREVIATION = re.compile(r"[A-Z]|[A-Z](?:\.[A-Z])+|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Prof|St|Jr|Sr|Rev")
_RUN_CHARS = re.compile(r"[\w'’.\- \t]*")  # every character a _NAME_RUN match can hold
# A run's surname is its last word (less final periods), after blanks and a word holding
# a capital: what must follow it, and (in the reversed text) precede it.
_SURNAME_END = re.compile(r"\.*(?![\w'’.\-])")  # giving back a period never helps
_CAPITAL_BEFORE = re.compile(r"[ \t]+[\w'’.\-]*?[A-Z]")
_LOWER_TITLE = re.compile(r"(?:\b[a-z][\w-]*\s+){0,2}$")


def _runs(text: str, lo: int, hi: int) -> Iterator[tuple[int, str]]:
    """(offset, run) of each run in text[lo:hi]: _NAME_RUN's matches, cut after a word
    that ends its sentence (a cut-off part is scanned again, as a fresh match would be)."""
    pos = lo
    while True:
        m = _NAME_RUN.search(text, pos, hi)
        if m is None:
            return
        run = m.group()
        if _PERIOD_GAP.search(run) is None:  # the usual case
            yield m.start(), run
            pos = m.end()
            continue
        cut = next((w for w in _WORD_WITH_PERIOD.finditer(run) if not _ABBREVIATION.fullmatch(w.group(1))), None)
        if cut is None:
            yield m.start(), run
            pos = m.end()
            continue
        head = run[: cut.start(1) + len(cut.group(1))]
        if " " in head or "\t" in head:
            yield m.start(), head
        pos = m.start() + cut.end()  # the next word: the start of a fresh scan


def _run_chars_end(text: str, pos: int, end: int) -> int:
    """Where the run characters starting at `pos` stop (at most `end`)."""
    m = _RUN_CHARS.match(text, pos, end)
    return m.end() if m is not None else pos


class NameRuns:
    """The runs of one article; `run_name(run)` gives (full name, surname) of a run."""

    def __init__(
        self, text: str, blocks: Sequence[Span], run_name: Callable[[str], tuple[str | None, str | None]]
    ) -> None:
        self.text = text
        self.blocks = blocks
        self.run_name = run_name
        self._starts: list[int] | None = None  # block starts; [] when out of order
        self._reversed = ""  # the article reversed (to search backwards), once needed
        self._in_block: dict[int, list[Run]] = {}  # block index -> its runs
        self._named: dict[str, list[Run]] = {}  # surname -> its runs
        self._contexts: dict[int, str] = {}  # run offset -> title context

    def in_block(self, index: int) -> list[Run]:
        """The runs with a surname in one block, in order (the block read once)."""
        runs = self._in_block.get(index)
        if runs is None:
            block = self.blocks[index]
            runs = self._in_block[index] = []
            for start, run in _runs(self.text, block.start, block.end):
                name, surname = self.run_name(run)
                if surname is not None and name is not None:  # a surname implies a name
                    runs.append((start, run, name, block.start))
        return runs

    def named(self, surname: str) -> list[Run]:
        """The runs whose surname is `surname`, in text order: a run holds its surname, so
        only the stretches of text around the surname are read."""
        runs = self._named.get(surname)
        if runs is None:
            runs = self._named[surname] = [
                (start, run, name, block_start)
                for lo, hi, block_start in self._stretches_with(surname)
                for start, run in _runs(self.text, lo, hi)
                for name, found in (self.run_name(run),)
                if found == surname and name is not None
            ]
        return runs

    def before(self, at: int) -> Iterator[Run]:
        """The runs starting before `at`, nearest first (the blocks in reverse order, each
        read only when reached)."""
        starts = self._block_starts()
        last = bisect.bisect_left(starts, at) - 1 if starts else len(self.blocks) - 1
        for index in range(last, -1, -1):
            for run in reversed(self.in_block(index)):
                if run[0] < at:
                    yield run

    def context(self, run: Run) -> str:
        """The title context of a run: up to two lower-case words before it + the run."""
        start, text, _, block_start = run
        context = self._contexts.get(start)
        if context is None:
            before = _LOWER_TITLE.search(self.text, max(block_start, start - 40), start)
            context = self._contexts[start] = (before.group() if before else "") + text
        return context

    def _block_starts(self) -> list[int]:
        """The block starts when the blocks are in order (else []); sets the reversed text."""
        if self._starts is None:
            ordered = bool(self.blocks) and in_order(self.blocks)
            self._starts = [b.start for b in self.blocks] if ordered else []
            self._reversed = self.text[::-1] if ordered else ""
        return self._starts

    def _stretches_with(self, word: str) -> list[tuple[int, int, int]]:
        """(start, end, block start) of each stretch that may hold a run ending in `word`,
        in text order: the longest span of run characters around it, inside its block
        (else whole blocks).

        A run is made of run characters (_RUN_CHARS) and never crosses a block edge, so a
        scan of a stretch finds the runs the block's scan finds there: no run of the block
        crosses the stretch's edges (a block edge or a non-run character)."""
        text, blocks = self.text, self.blocks
        starts = self._block_starts()
        if not starts:
            return [(b.start, b.end, b.start) for b in blocks]
        out = []
        size, stop = len(text), blocks[-1].end
        pos = text.find(word, starts[0], stop)
        while pos >= 0:
            block = blocks[bisect.bisect_right(starts, pos) - 1]
            if not self._may_end_run(pos, len(word), block.start, block.end):
                pos = text.find(word, pos + 1, stop)
                continue
            start = size - _run_chars_end(self._reversed, size - pos, size - block.start)
            end = _run_chars_end(text, pos, block.end)
            out.append((start, end, block.start))
            pos = text.find(word, max(end, pos + 1), stop)
        return out

    def _may_end_run(self, pos: int, length: int, lo: int, hi: int) -> bool:
        """Can text[pos:pos + length] (inside the block [lo, hi)) be the surname of a run:
        its last word (plus final periods), after blanks and a word with a capital?"""
        size = len(self.text)
        return (
            pos + length <= hi
            and _SURNAME_END.match(self.text, pos + length, hi) is not None
            and _CAPITAL_BEFORE.match(self._reversed, size - pos, size - lo) is not None
        )
