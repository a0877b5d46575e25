"""Attribution signals found by pattern alone, before any speaker logic (quotes.py).

- `CueLexicon`: reporting verbs ("said", "according to", "lashed out") and their class
  (neutral / endorsing / distancing / charged), from lexicons/cues.csv;
- `find_quote_regions` (in quote_marks.py, re-exported here): quotation marks paired
  block by block;
- `AnonymityMatcher`: anonymous-source phrases ("a senior official", "on condition of
  anonymity"), from lexicons/anonymous.txt.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Iterable

from framing.features.quote_marks import (  # re-exported: the pairing lives with the marks
    WORDS, QuoteRegion, find_quote_regions, in_order, in_region, strip_span,
)
from framing.lexicons import LexiconError, read_csv, read_wordlist, trie_pattern
from framing.text import Span

__all__ = [
    "CUE_CLASSES", "CueLexicon", "load_cues", "find_quote_regions", "QuoteRegion", "in_region", "strip_span",
    "WORDS", "AnonymityMatcher", "load_anonymity",
]

CUE_CLASSES = ("neutral", "endorsing", "distancing", "charged")

# --------------------------------------------------------------------------- cues


_PUNCT_ONLY = frozenset("continue continues continued continuing went goes going".split())
_PUNCT_AFTER = re.compile(r"\s*(?:[,:.;!?“\"]|$)")


# The cue pre-scan works on one byte per character (latin-1, "?" for the rest) mapped by
# this table: ASCII letters stay, the other word characters [0-9_'-] become "#", every other
# byte a space. A cue head (ASCII letters) standing alone is then a space-delimited token.
_BYTE_CLASSES = bytes(
    c if chr(c).isascii() and chr(c).isalpha() else 0x23 if chr(c) in "0123456789_'-" else 0x20
    for c in range(256)
)


def _wordish(char: str) -> bool:
    """Is `char` in [\\w'’-] (the class around a cue)?"""
    return char.isalnum() or char in "_'’-"


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues (inflected forms, lower-case) with their class.

    `first` maps a cue's first word (its head) to the compiled patterns of the rest of the
    cues starting with it; `find_all` locates the heads, `_tail` takes the longest cue.
    Case-sensitive on purpose: "the United States" is not a cue; sentence-initial
    "According to" is the one capitalised form accepted.
    """

    classes: dict[str, str]
    first: dict[str, tuple[re.Pattern[str] | None, ...]]
    scan: re.Pattern[str]  # a trie-shaped regex of the first words
    heads: frozenset[bytes] | None = None  # the first words, when all are ASCII letters
    simple: frozenset[str] = frozenset()  # first words that are whole cues, never checked after

    def class_of(self, cue: str) -> str | None:
        return self.classes.get(" ".join(cue.lower().split()))

    def find_all(self, text: str, blocks: tuple[Span, ...]) -> list[tuple[int, int]]:
        """(start, end) of each cue in the blocks, in text order: `finditer` over every block.

        Instead of a regex scan of the whole text (its cost), the heads present are found by a
        set intersection with the text's byte tokens, then located with `bytes.find`.
        """
        if self.heads is None or not in_order(blocks):
            return [cue for block in blocks for cue in self.finditer(text, block.start, block.end)]
        found = self._head_positions(text, blocks)
        out: list[tuple[int, int]] = []
        starts = [block.start for block in blocks]
        simple = self.simple
        for pos, head in found:
            block = blocks[bisect.bisect_right(starts, pos) - 1]
            stop = pos + len(head)
            if pos < block.start or stop > block.end:
                continue
            if (pos > 0 and text[pos - 1] > "\x7f" and _wordish(text[pos - 1])) or (
                stop < block.end and text[stop] > "\x7f" and _wordish(text[stop])
            ):
                continue  # a non-ASCII word character next to it (the byte map made it a space)
            cue = (pos, stop) if head in simple else self._tail(text, pos, stop, block.end, head)
            if cue is not None:
                out.append(cue)
        return out

    def _head_positions(self, text: str, blocks: tuple[Span, ...]) -> list[tuple[int, str]]:
        """(offset, head) of every space-delimited head token in the byte-mapped text: a
        superset of the heads the scan regex matches inside the blocks."""
        heads = self.heads
        assert heads is not None  # find_all takes the regex path without heads
        data = text.encode("latin-1", "replace").translate(_BYTE_CLASSES)
        size = len(data)
        if any(block.end < size and data[block.end] != 0x20 for block in blocks):
            cut = bytearray(data)
            for block in blocks:  # a head may end at a block end glued to a word character
                if block.end < size:
                    cut[block.end] = 0x20
            data = bytes(cut)
        # The head tokens in text order (a C-level filter of the tokens), then each one's
        # offset: the next space-delimited occurrence after the previous one's end.
        tokens = data.split()
        hits = list(compress(tokens, map(heads.__contains__, tokens)))
        found: list[tuple[int, str]] = []
        if hits:
            padded = b" " + data + b" "  # offset in padded of " head " = offset of head in data
            pos = 0
            for head in hits:
                pos = padded.find(b" " + head + b" ", pos)
                found.append((pos, head.decode()))
                pos += len(head) + 1
        return found

    def finditer(self, text: str, start: int, end: int):
        """(start, end) of each cue in text[start:end]."""
        for m in self.scan.finditer(text, start, end):
            m_start, m_end = m.span()
            if m_end < end and text[m_end] in "'’-" or m_start > 0 and text[m_start - 1] in "'’-":
                continue
            cue = self._tail(text, m_start, m_end, end, m.group())
            if cue is not None:
                yield cue

    def _tail(self, text: str, start: int, stop: int, end: int, head: str) -> tuple[int, int] | None:
        """The cue opening with `head` at text[start:stop] (the longest that matches), if any."""
        check = head in _PUNCT_ONLY  # "continued to fight" is not speech; "he continued:" is
        for pattern in self.first[head]:
            end_at = stop
            if pattern is not None:
                found = pattern.match(text, stop, end)
                if found is None:
                    continue
                end_at = found.end()
            if not check or _PUNCT_AFTER.match(text, end_at, end):
                return start, end_at
            return None
        return None


def _cue_rows(rows: tuple[dict[str, str], ...], name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        cue = " ".join(row.get("cue", "").lower().split())
        cls = row.get("class", "").strip().lower()
        if not cue:
            raise LexiconError(f"{name}: row {number} has an empty cue")
        if cls not in CUE_CLASSES:
            raise LexiconError(f"{name}: row {number} has class {cls!r}; expected one of {CUE_CLASSES}")
        out[cue] = cls
    return out


def _trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for a word list, shaped as a trie so `re` branches per character."""
    return re.compile(r"(?<![\w'’-])" + trie_pattern(words) + r"(?![\w'’-])")


def _compile_cues(classes: dict[str, str]) -> dict[str, tuple[re.Pattern[str] | None, ...]]:
    grouped: dict[str, list[str]] = {}
    for form in sorted(classes, key=lambda f: -len(f.split())):
        head, *rest = form.split()
        grouped.setdefault(head, []).append(" ".join(rest))
        if head == "according":  # opens sentences; other cues must be lower-case
            grouped.setdefault("According", []).append(" ".join(rest))
    first: dict[str, tuple[re.Pattern[str] | None, ...]] = {}
    for head, tails in grouped.items():
        first[head] = tuple(
            re.compile(r"\s+" + r"\s+".join(map(re.escape, tail.split())) + r"(?![\w'’-])") if tail else None
            for tail in tails
        )
    return first


@lru_cache(maxsize=8)
def _load_cues_cached(extra: str | None) -> CueLexicon:
    classes = _cue_rows(read_csv("cues.csv"), "lexicons/cues.csv")
    if extra is not None:
        path = Path(extra)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read cue lexicon ({exc})") from exc
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        reader = csv.DictReader(lines)
        if reader.fieldnames is None or not {"cue", "class"} <= {f.strip() for f in reader.fieldnames}:
            raise LexiconError(f"{path}: a cue CSV needs the columns cue,class[,provenance]")
        rows = tuple({k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader)
        classes.update(_cue_rows(rows, str(path)))
    first = _compile_cues(classes)
    ascii_heads = all(head.isascii() and head.isalpha() for head in first)
    heads = frozenset(head.encode() for head in first) if ascii_heads else None
    simple = frozenset(head for head, tails in first.items() if tails[0] is None and head not in _PUNCT_ONLY)
    return CueLexicon(classes, first, _trie_regex(first), heads, simple)


def load_cues(extra: Path | None = None) -> CueLexicon:
    """The bundled cue lexicon, merged with a user CSV (same columns; user rows win)."""
    return _load_cues_cached(None if extra is None else str(Path(extra).resolve()))


# --------------------------------------------------------------------------- speaker word lists

# Word classes for tagging speaker noun phrases and resolving names (speakers.py).
DETERMINERS = frozenset(
    "the a an his her its their another some several two three four one many most all "
    "our this these those".split()
)
LINKS = frozenset("of for to in at from with on".split())  # only inside a noun phrase
PRONOUNS = frozenset("he she they it we i".split())
# Lower-case nouns that head a speaker phrase ("the president", "a senior official").
ROLES = frozenset(
    """
    president presidents minister ministers secretary secretaries spokesman spokeswoman spokesperson
    spokespeople official officials source sources diplomat diplomats ministry ministries government
    governments administration governor governors mayor mayors head heads chief chiefs adviser advisers
    advisor advisors aide aides officer officers commander commanders general generals ambassador
    ambassadors envoy envoys leader leaders lawmaker lawmakers senator senators congressman congresswoman
    analyst analysts expert experts agency agencies office army military forces police authorities
    authority residents resident witnesses witness doctor doctors director directors chairman chairwoman
    chair member members party campaign committee council company firm statement report reports media
    newspaper paper outlet outlets study survey poll researchers scientists prosecutors prosecutor
    investigators department service command staff spokesmen team group organization organisation union
    coalition alliance bloc delegation counterpart premier deputy deputies kremlin pentagon presidency
    representative representatives negotiator negotiators observers monitors insiders insider
    people person campaigners activists activist founder ceo executive executives manager managers
    nominee candidate candidates governor-general secretary-general regulator regulators judge judges
    court lawyer lawyers attorney attorneys coordinator commissioner commissioners inspector inspectors
    operator operators assistant assistants journalist journalists correspondent reporter reporters sheriff councillor
    """.split()
)
# Role nouns naming a person (used to resolve "the president" to a named speaker).
PERSON_ROLES = frozenset(
    """
    president minister secretary spokesman spokeswoman spokesperson governor mayor head chief adviser
    advisor aide officer commander general ambassador envoy leader senator congressman congresswoman
    chairman chairwoman premier deputy counterpart negotiator coordinator commissioner director
    secretary-general nominee candidate founder ceo executive judge prosecutor
    """.split()
)
FUNCTION_WORDS = frozenset(
    """
    and or but nor so yet as if when while after before because since although though that which
    who whom whose what where why how than then also not no is was were are be been being has have
    had will would can could may might must should shall did does do there here into onto upon over
    under by about against between through during without within toward towards across behind
    beyond near amid among around further again later earlier still already just only even ever
    never always now today yesterday tonight tomorrow however meanwhile instead too very more less
    such both either neither each every me him us them my your says said told
    """.split()
)
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Capitalised words that are titles or organisation words, not part of a person's name.
TITLE_WORDS = frozenset(
    """
    president minister secretary spokesman spokeswoman spokesperson governor mayor head chief adviser
    advisor aide officer commander general gen gen. lt lt. col col. maj maj. capt capt. sgt sgt.
    admiral adm adm. ambassador envoy leader senator sen sen. rep rep. representative congressman
    congresswoman chairman chairwoman chair speaker premier deputy prime foreign defense defence interior state
    vice army navy air force joint chiefs staff mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord
    lady king queen prince princess pope sheikh rev rev. reverend secretary-general under-secretary attorney justice
    judge director commissioner coordinator press officer ministry government administration
    department council committee agency office party union court parliament house senate congress
    kremlin pentagon white commission command forces military university institute news times post
    journal reuters afp ap bbc cnn tass interfax ria nato un eu us u.s. uk u.k. usa the
    """.split()
)
ORG_WORDS = frozenset(
    """
    ministry government administration department council committee agency office party union
    court parliament house senate congress kremlin pentagon commission command forces military
    army navy university institute news times post journal reuters afp ap bbc cnn tass interfax
    ria nato un eu group company corporation bank fund organization organisation coalition alliance
    service services police authorities media network channel television radio newspaper
    """.split()
)
ADVERBS_BEFORE_CUE = frozenset(
    "also later then again previously earlier further separately repeatedly once reportedly often "
    "still just never ever always here there "
    "has have had had been was is would will could may might did does do".split()
)


# --------------------------------------------------------------------------- anonymity


# Characters that `re.IGNORECASE` matches to an ASCII letter although str.lower() does not
# map them to one (İ ı ſ K): text holding one skips the anchor pre-check.
_FOLD_SPECIAL = "\u0130\u0131\u017f\u212a"


def _fold_special(text: str) -> bool:
    for char in _FOLD_SPECIAL:  # four `in` tests beat a regex search
        if char in text:
            return True
    return False


@dataclass(frozen=True)
class AnonymityMatcher:
    """Anonymous-source phrases; `in_mention` checks a speaker phrase, `in_sentence` the
    attributing text (multi-word phrases only, so "sources of energy" cannot fire).

    The alternation regex is slow on news-length text, so it runs only when the lower-cased
    text contains an anchor: one literal word of each phrase (a necessary condition); and
    then only the phrases of the anchors present (`*_anchors` pairs each anchor with a regex
    of the phrases whose longest word holds it).
    """

    mention_pattern: re.Pattern[str]
    sentence_pattern: re.Pattern[str]
    mention_anchors: tuple[tuple[str, re.Pattern[str]], ...] = ()
    sentence_anchors: tuple[tuple[str, re.Pattern[str]], ...] = ()
    # Speaker phrases recur across articles ("he", "Trump", "the spokesman"): their answers
    # are kept (a plain dict, cleared when it grows too large).
    _mentions: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def in_mention(self, text: str) -> bool:
        found = self._mentions.get(text)
        if found is None:
            if len(self._mentions) > _MENTION_CACHE_MAX:
                self._mentions.clear()
            found = self._mentions[text] = _search(self.mention_pattern, self.mention_anchors, text)
        return found

    def in_sentence(self, text: str) -> bool:
        return _search(self.sentence_pattern, self.sentence_anchors, text)


_MENTION_CACHE_MAX = 100_000


def _search(pattern: re.Pattern[str], anchors: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> bool:
    if anchors and (text.isascii() or not _fold_special(text)):
        lower = text.lower()
        for anchor, phrases in anchors:  # a loop of `in` beats an alternation regex here
            if anchor in lower and phrases.search(text) is not None:
                return True
        return False
    return pattern.search(text) is not None


def _longest_word(phrase: str) -> str:
    return max((w for w in phrase.split() if w != "*"), key=len)


def _anchors(phrases: list[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The longest literal word of each phrase, minus words containing another anchor; each
    with a regex of the phrases whose longest word contains it."""
    words = {_longest_word(p) for p in phrases}
    anchors = sorted(w for w in words if not any(o != w and o in w for o in words))
    return tuple(
        (anchor, _phrases_regex([p for p in phrases if anchor in _longest_word(p)]))
        for anchor in anchors
    )


def _phrase_regex(phrase: str) -> str:
    parts = []
    for word in phrase.split():
        parts.append(r"(?:[\w'’-]+\s+)?" if word == "*" else re.escape(word) + r"\s+")
    body = "".join(parts)
    return body[: -len(r"\s+")] if body.endswith(r"\s+") else body


@lru_cache(maxsize=4)
def load_anonymity(source: str = "anonymous.txt") -> AnonymityMatcher:
    phrases = sorted(read_wordlist(source), key=len, reverse=True)
    multi_phrases = [p for p in phrases if len(p.split()) > 1]
    return AnonymityMatcher(
        _phrases_regex(phrases),
        _phrases_regex(multi_phrases),
        _anchors(phrases),
        _anchors(multi_phrases),
    )


def _phrases_regex(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(_phrase_regex(p) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
