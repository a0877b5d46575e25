"""The segmenter: blocks, sentences and word tokens, all as offsets into the raw text.

Every feature works on these spans, so every number it reports can be traced back to
characters of the article as loaded. The sentence splitter is a regex splitter with an
abbreviation list; see benchmarks/RESULTS.md for why (pysbd/syntok are 30-100x slower on
news text for no gain on the cases news needs: U.S., Gen., Feb. 24, quotes, decimals).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple, Sequence

__all__ = [
    "Span",
    "Segmented",
    "split_blocks",
    "split_paragraphs",
    "split_sentences",
    "tokenize",
    "segment",
    "ABBREVIATIONS",
]


class Span(NamedTuple):
    """A half-open range [start, end) of character offsets into an article's raw text.

    A NamedTuple rather than a dataclass: a corpus run creates millions of token spans,
    and tuple construction is several times cheaper than a frozen dataclass's.
    """

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


# Lower-cased, without the final period. Titles, months, and common news abbreviations
# after which a period does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep
    rev hon pres supt insp det sec amb atty messrs mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols p pp fig figs art ch sec approx est inc ltd co corp bros dept univ assn
    vs etc al cf ca e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c n.y l.a ph.d b.c a.d
    """.split()
)

# Abbreviations only when a number follows ("No. 5", "p. 12"); otherwise ordinary words.
_NUMBER_ABBREVIATIONS: frozenset[str] = frozenset("no nos vol vols p pp fig figs art ch".split())

# Words that, after an ambiguous abbreviation such as "U.S.", show that a new sentence
# has started ("... sent by the U.S. The Pentagon said ...").
_SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    the a an it he she they we i this that these those there but and in on at as if when
    while after before his her their its our however meanwhile yet so then
    """.split()
)

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence (capital, digit, opening quote or bracket).
_BOUNDARY = re.compile(
    r"""([.!?…]+)(?:\s?["'”’»)\]])*(?=\s+(?:["'“‘«(\[]+\s?)?[A-Z0-9À-ÖØ-ÞА-Я])""",
)
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]*([A-Za-zÀ-ÿА-я0-9]+)")
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]$")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_LINE = re.compile(r"[^\n]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_blocks(text: str) -> list[Span]:
    """Non-blank lines with surrounding whitespace trimmed: the unit of boilerplate.

    Lines end at '\n' only; str.strip() trims the characters str.isspace() names."""
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line:
            if line[0].isspace() or line[-1].isspace():
                inner = line.strip()
                if inner:
                    first = start + len(line) - len(line.lstrip())
                    spans.append(Span(first, first + len(inner)))
            else:
                spans.append(Span(start, end))
        start = end + 1
    return spans


def split_paragraphs(text: str) -> list[Span]:
    """Runs of text separated by blank lines (a line break alone does not split)."""
    spans: list[Span] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        span = _strip(text, position, match.start())
        if span is not None:
            spans.append(span)
        position = match.end()
    span = _strip(text, position, len(text))
    if span is not None:
        spans.append(span)
    return spans


def _is_abbreviation(text: str, start: int, dot_end: int) -> bool:
    """True when the period ending at dot_end belongs to an abbreviation, not a sentence end."""
    window = text[max(start, dot_end - 12) : dot_end - 1]
    match = _PREV_WORD.search(window)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Lloyd J. Austin", "Sen. John F. Kennedy"
    lower = word.lower()
    if lower in _NUMBER_ABBREVIATIONS:
        nxt = _NEXT_WORD.match(text, dot_end)
        return nxt is not None and nxt.group(1)[0].isdigit()
    if lower in ABBREVIATIONS:
        if "." in lower:  # U.S., U.N., a.m.: a sentence may end on them
            nxt = _NEXT_WORD.match(text, dot_end)
            if nxt is not None and nxt.group(1).lower() in _SENTENCE_STARTERS:
                return False
        return True
    return False


def split_sentences(text: str, span: Span | None = None) -> list[Span]:
    """Sentences inside `span` (default: the whole text). Newlines always end a sentence."""
    if span is None:
        span = Span(0, len(text))
    sentences: list[Span] = []
    for line in _LINE.finditer(text, span.start, span.end):
        line_start, line_end = line.start(), line.end()
        position = line_start
        for boundary in _BOUNDARY.finditer(text, line_start, line_end):
            punct_end = boundary.end(1)
            if text[punct_end - 1] == "." and boundary.end(1) - boundary.start(1) == 1:
                if _is_abbreviation(text, position, punct_end):
                    continue
            piece = _strip(text, position, boundary.end())
            if piece is not None:
                sentences.append(piece)
            position = boundary.end()
        piece = _strip(text, position, line_end)
        if piece is not None:
            sentences.append(piece)
    return sentences


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word tokens (letters/digits, with inner hyphens, apostrophes and periods kept)."""
    stop = len(text) if end is None else end
    new = tuple.__new__  # Span(*m.span()) without the NamedTuple constructor's overhead
    return [new(Span, m.span()) for m in _TOKEN.finditer(text, start, stop)]


@dataclass(frozen=True, slots=True)
class Segmented:
    """An article's raw text with its content blocks, sentences and tokens.

    `blocks` are the content blocks (boilerplate removed, when a detector ran); sentences
    and tokens lie inside them. All offsets index `text`.
    """

    text: str
    blocks: tuple[Span, ...]
    sentences: tuple[Span, ...]
    tokens: tuple[Span, ...]

    @property
    def word_count(self) -> int:
        return len(self.tokens)

    def words_in(self, start: int, end: int) -> int:
        """Number of word tokens that overlap text[start:end]: the one word count of a
        quote, wherever quoted words are counted. Two binary searches over the tokens
        (which the segmenter makes in text order, without overlap; words in removed
        boilerplate between two content blocks are not counted)."""
        if start >= end:
            return 0
        tokens = self.tokens
        # (offset, -1) sorts just before the first token starting at or after offset.
        first = bisect_left(tokens, (start, -1))
        if first and tokens[first - 1][1] > start:
            first -= 1  # the token before holds start
        return bisect_left(tokens, (end, -1)) - first

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing `offset`, by binary search."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= offset:
            return self.sentences[lo]
        return None


def segment(text: str, blocks: Sequence[Span] | None = None) -> Segmented:
    """Segment `text`; when `blocks` is given, only those (content) blocks are used, in
    text order (they must not overlap)."""
    content = tuple(split_blocks(text) if blocks is None else sorted(blocks))
    sentences: list[Span] = []
    tokens: list[Span] = []
    for block in content:
        sentences.extend(split_sentences(text, block))
        tokens.extend(tokenize(text, block.start, block.end))
    return Segmented(text, content, tuple(sentences), tuple(tokens))
