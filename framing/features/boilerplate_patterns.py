"""The boilerplate pattern lexicon (lexicons/boilerplate.csv): load, compile, match lines.

Whole-line patterns are matched with `fullmatch`; floating patterns (rows starting '.*')
with `search`, or `match` when they start with '^' (see the CSV header). What a line gets
is defined by `Patterns.apply_reference`: the whole-line alternation (a named group per
category, in CATEGORIES order: the first category that matches wins), then the floating
patterns in category order. `Patterns.apply` gives the same answer in a fraction of the
time by running a pattern only on lines that pass screens derived from its parse tree
(`framing.features.boilerplate_screens`):

- whole-line: the strings (or characters) a match starts with, checked once per distinct
  first word of a line and remembered; the pattern's width; a character class a match
  must hold (a digit for dates);
- floating: words a match holds whole, looked up in a per-document set of the lines'
  tokens (token -> words, remembered across documents); then the lines holding them.

Lower-casing agrees with re.IGNORECASE except for a few characters (dotless i, long s,
...); a document holding one, or whose length lower-casing changes, takes the reference
path. benchmarks/boilerplate_speed.py measures both; tests compare them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable

from framing.features.boilerplate_screens import (
    _NON_WORD,
    _contained,
    _cover,
    _prefixes,
    _required_class,
    _screen,
    _sre_p,
    _triggers,
    _unsafe_chars,
    _word_keys,
)
from framing.lexicons import LexiconError, read_csv

__all__ = ["Patterns", "load_patterns"]

MAX_NEEDLES = 16  # a floating pattern needing more document look-ups runs unscreened

MIN_KEY_CHARS = 4  # shorter words of a key's sets are looked up as substrings

MEMO_SIZE = 50_000  # distinct first words remembered before the memo is cleared


@dataclass(frozen=True)
class _Whole:
    category: str
    fullmatch: Callable[[str], Any]
    min_chars: int
    max_chars: int
    prefixes: frozenset[str]  # lower-case: a match starts with one of these...
    first: re.Pattern[str] | None  # ...or with a character this matches (both None: any)
    heads: frozenset[str]  # the prefixes as a line's first word: equal to one of these...
    starts: tuple[str, ...]  # ...or starting with one of these
    required: re.Pattern[str] | None  # a match holds a character this finds


@dataclass(frozen=True)
class _Floating:
    category: str
    regex: re.Pattern[str]
    triggers: tuple[str, ...] | None
    anchored: bool  # starts with '^': only the line start is tried
    multiline: re.Pattern[str]  # the same pattern for one pass over the joined short lines
    needles: frozenset[str] | None  # lower-case: a match contains one (None: no screen)
    starts: tuple[str, ...] | None  # anchored, lower-case: a matching line starts with one
    keys: dict[str, frozenset[frozenset[str]]] | None  # see _word_keys (preferred screen)
    # `keys` split for a quick check: key -> per set, (its words that are looked up as
    # key words, its other words longest first, looked up as substrings); see `Patterns.keys`
    checks: dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]] | None = None


@dataclass(frozen=True)
class Patterns:
    """The lexicon compiled: one whole-line alternation, and floating (search) patterns."""

    full_source: str | None  # the whole-line alternation, compiled on first use (`full`)
    floating: tuple[_Floating, ...]
    whole: tuple[_Whole, ...]
    unsafe: str  # characters that send a document to the reference path
    keys: frozenset[str] = frozenset()  # floating patterns' keys and their long set words
    _memo: dict[str, tuple[_Whole, ...]] = field(default_factory=dict, repr=False, compare=False)
    _token_keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _keyless: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def full(self) -> re.Pattern[str] | None:
        """The whole-line alternation (reference path only; rarely needed, so not compiled
        at start-up)."""
        return _compiled_alternation(self.full_source)

    def apply(
        self,
        text: str,
        lines: list[str],
        lows: list[str] | None,
        words: list[list[str]],
        max_scan: int,
        max_pattern: int,
    ) -> list[str | None]:
        """Category (or None) per line of `text`; `lows` are the lines lower-cased, sliced
        from text.lower() (None when that changes the length: the reference path), and
        `words` their str.split()."""
        if lows is None or (not text.isascii() and any(c in text for c in self.unsafe)):
            return self.apply_reference(lines, max_scan, max_pattern)
        n = len(lines)
        found: list[str | None] = [None] * n
        memo = self._memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        for i in range(n):
            line = lines[i]
            size = len(line)
            if size > max_scan:
                continue
            split = words[i]
            word = split[0] if split else lows[i].split(None, 1)[0]  # lower-cased
            candidates = memo.get(word)
            if candidates is None:
                candidates = memo[word] = self._candidates(word)
            has: dict[Any, bool] | None = None
            for pattern in candidates:
                if not pattern.min_chars <= size <= pattern.max_chars:
                    continue
                required = pattern.required
                if required is not None:
                    if has is None:
                        has = {}
                    held = has.get(required)
                    if held is None:
                        if required is _DIGIT and line.isascii():
                            held = any(map(line.__contains__, _ASCII_DIGITS))  # memchr, not a regex walk
                        else:
                            held = required.search(line) is not None
                        has[required] = held
                    if not held:
                        continue
                if pattern.fullmatch(line):
                    found[i] = pattern.category
                    break
        if self.floating:
            self._apply_floating(lines, lows, words, found, max_scan, max_pattern)
        return found

    def _candidates(self, low: str) -> tuple[_Whole, ...]:
        """Whole-line patterns a line whose first word lower-cased is `low` may match (the
        screens are case-insensitive; in a safe document lower-casing changes no answer)."""
        out = []
        for pattern in self.whole:
            if pattern.first is None and not pattern.prefixes:
                out.append(pattern)  # no screen
            elif low in pattern.heads or low.startswith(pattern.starts) or (
                pattern.first is not None and pattern.first.match(low)
            ):
                out.append(pattern)
        return tuple(out)

    def _apply_floating(
        self,
        lines: list[str],
        lows: list[str],
        words: list[list[str]],
        found: list[str | None],
        max_scan: int,
        max_pattern: int,
    ) -> None:
        n = len(lines)
        short = [i for i in range(n) if len(lines[i]) <= max_scan]
        longer = [i for i in range(n) if max_scan < len(lines[i]) <= max_pattern]
        scanned = short + longer
        lazy: dict[str, Any] = {}  # texts built only when a pattern needs them

        def line_of(position: int) -> int:
            """The short line at `position` of the short lines joined by newlines."""
            if "starts" not in lazy:
                lazy["starts"] = list(_starts(lines, short))
            return short[bisect.bisect_right(lazy["starts"], position) - 1]

        def multiline_hits(pattern: _Floating) -> set[int]:
            if "joined" not in lazy:
                lazy["joined"] = "\n".join([lines[i] for i in short])
            return {line_of(m.start()) for m in pattern.multiline.finditer(lazy["joined"])}

        def lines_with(needle: str) -> list[int]:
            if "low_text" not in lazy:
                lazy["low_text"] = "\n".join([lows[i] for i in short])
            low_text: str = lazy["low_text"]
            out: list[int] = []
            pos = low_text.find(needle)
            while pos >= 0:
                k = line_of(pos)
                if not out or out[-1] != k:
                    out.append(k)
                pos = low_text.find(needle, pos + 1)
            return out

        holders = self._key_holders(words, scanned)  # key word -> tokens holding it
        present = holders.keys()

        def lines_holding(tokens: set[str], short_only: bool) -> list[int]:
            """The scanned lines (or the short ones only) holding one of `tokens` (tokens
            that hold a key word): from one index of the key-holding tokens' lines."""
            if "where" not in lazy:
                held = set().union(*holders.values())
                where: dict[str, list[int]] = {}
                for i in scanned:
                    for token in held.intersection(words[i]):
                        where.setdefault(token, []).append(i)
                lazy["where"] = where
            index: dict[str, list[int]] = lazy["where"]
            hits = set().union(*[index[t] for t in tokens if t in index])
            return sorted(i for i in hits if len(lines[i]) <= max_scan) if short_only else sorted(hits)
        substrings: dict[str, bool] = {}

        def holds(sets: tuple[tuple[frozenset[str], tuple[str, ...]], ...]) -> bool:
            """Whether the lines hold every word of one of the sets: key words as runs
            (known), the others (short words) by a substring test (implied by a run, and
            quick for common words)."""
            for runs, others in sets:
                if not present >= runs:
                    continue
                for word in others:
                    held = substrings.get(word)
                    if held is None:
                        if "low_all" not in lazy:
                            lazy["low_all"] = "\n".join([lows[i] for i in scanned])
                        held = substrings[word] = word in lazy["low_all"]
                    if not held:
                        break
                else:
                    return True
            return False

        for pattern in self.floating:
            needles = pattern.needles
            checks = pattern.checks
            pool: Iterable[int]
            if checks is not None:
                # The document must hold every word of one of the key's sets.
                live = [holders[k] for k in present & checks.keys() if holds(checks[k])]
                if not live:
                    continue
                test = pattern.regex.match if pattern.anchored else pattern.regex.search
                pool = lines_holding(set().union(*live), not pattern.anchored)
                if pool and pattern.triggers is None and not pattern.anchored:
                    # The reference confirms multiline hits only: keep that candidate set.
                    hit = multiline_hits(pattern)
                    pool = [i for i in pool if i in hit]
            elif pattern.starts is not None:
                test, pool = pattern.regex.match, [i for i in scanned if lows[i].startswith(pattern.starts)]
            elif pattern.anchored:
                test = pattern.regex.match
                if needles is None:
                    pool = scanned
                else:
                    hits = {i for needle in needles for i in lines_with(needle)}
                    hits.update(i for i in longer if any(needle in lows[i] for needle in needles))
                    pool = sorted(hits)
            elif pattern.triggers is None:
                test, pool = pattern.regex.search, sorted(multiline_hits(pattern))
            else:
                test = pattern.regex.search
                pool = short if needles is None else sorted({i for nd in needles for i in lines_with(nd)})
            for i in pool:
                if found[i] is None and len(lines[i]) <= max_pattern and test(lines[i]):
                    found[i] = pattern.category

    def _key_holders(self, words: list[list[str]], indices: list[int]) -> dict[str, set[str]]:
        """For each key word found as a \\w-run in the given lines: the tokens holding it."""
        tokens: set[str] = set().union(*[words[i] for i in indices])  # lines <= max_pattern chars
        keyless, known, all_keys = self._keyless, self._token_keys, self.keys
        if len(keyless) > MEMO_SIZE * 4:
            keyless.clear()
        holders: dict[str, set[str]] = {}
        for token in tokens.difference(keyless):
            found = known.get(token)
            if found is None:
                found = all_keys.intersection((token,) if token.isalnum() else _NON_WORD.split(token))
                if not found:
                    keyless.add(token)
                    continue
                known[token] = frozenset(found)
            for key in found:
                holders.setdefault(key, set()).add(token)
        return holders

    def apply_reference(self, lines: list[str], max_scan: int, max_pattern: int) -> list[str | None]:
        """The defining algorithm: the whole-line alternation on every line up to
        `max_scan` chars, then floating patterns screened by their leading words."""
        n = len(lines)
        found: list[str | None] = [None] * n
        short = [i for i in range(n) if len(lines[i]) <= max_scan]
        full = self.full
        if full is not None:
            for i in short:
                match = full.fullmatch(lines[i])
                if match is not None:
                    found[i] = match.lastgroup
        if not self.floating:
            return found
        joined = "\n".join(lines[i] for i in short)
        low = joined.lower()
        aligned = len(low) == len(joined)
        starts = list(_starts(lines, short))
        word_hits: dict[str, list[int]] = {}

        def lines_at(positions: Iterable[int]) -> list[int]:
            out: list[int] = []
            for pos in positions:
                k = short[bisect.bisect_right(starts, pos) - 1]
                if not out or out[-1] != k:
                    out.append(k)
            return out

        def find_all(word: str) -> list[int]:
            if word not in word_hits:
                positions = []
                pos = low.find(word)
                while pos >= 0:
                    positions.append(pos)
                    pos = low.find(word, pos + len(word))
                word_hits[word] = lines_at(positions)
            return word_hits[word]

        for pattern in self.floating:
            regex = pattern.regex
            if pattern.anchored:
                candidates: Iterable[int] = range(n)
                test = regex.match
            elif pattern.triggers is not None and aligned:
                hits: set[int] = set()
                for word in pattern.triggers:
                    hits.update(find_all(word))
                candidates = sorted(hits)
                test = regex.search
            else:
                candidates = lines_at(m.start() for m in pattern.multiline.finditer(joined))
                test = regex.search
            for i in candidates:
                if found[i] is None and len(lines[i]) <= max_pattern and test(lines[i]):
                    found[i] = pattern.category
        return found


@lru_cache(maxsize=8)
def _compiled_alternation(source: str | None) -> re.Pattern[str] | None:
    return re.compile(source, re.IGNORECASE) if source else None


@lru_cache(maxsize=None)
def _required_regex(source: str | None) -> re.Pattern[str] | None:
    return re.compile(source, re.IGNORECASE) if source else None


# The commonest required class (dates, times): on an ASCII line, \d is one of these.
_DIGIT = _required_regex(r"[\d]")
_ASCII_DIGITS = "0123456789"


def _word_screen(prefixes: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A line (stripped) starts with one of `prefixes` only if its first word equals one
    of the heads (the prefix holds whitespace: the word ends there) or starts with one of
    the starts (the prefix holds none: it lies inside the word)."""
    heads: set[str] = set()
    starts: set[str] = set()
    for prefix in prefixes:
        if not prefix or not prefix[0].strip():
            continue  # lines start with no whitespace
        head = prefix.split(None, 1)[0]
        (starts if head == prefix else heads).add(head)
    return frozenset(heads), tuple(sorted(starts))


def _starts(lines: list[str], indices: list[int]) -> Iterable[int]:
    """Offsets of the given lines in "\\n".join of them."""
    position = 0
    for i in indices:
        yield position
        position += len(lines[i]) + 1


@lru_cache(maxsize=8)
def load_patterns(categories: tuple[str, ...], source: str = "boilerplate.csv") -> Patterns:
    """Compile the lexicon: a named group per category, in `categories` order."""
    full: dict[str, list[str]] = {c: [] for c in categories}
    floating: list[_Floating] = []
    order = {c: k for k, c in enumerate(categories)}
    literals: set[str] = set()
    for number, row in enumerate(read_csv(source), start=2):
        category = row.get("category", "")
        if category not in full:
            raise LexiconError(f"{source}: row {number}: unknown category {category!r}")
        pattern = row["pattern"]
        try:  # with the flags used below, so those compiles come from re's cache
            re.compile(pattern[2:] if pattern.startswith(".*") else pattern, re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{source}: row {number}: bad pattern ({exc})") from exc
        if not pattern.startswith(".*"):
            full[category].append(pattern)
            continue
        body = pattern[2:]
        items = list(_sre_p.parse(body, re.IGNORECASE))
        triggers = _triggers(body)
        anchored = body.startswith("^")
        keys = _word_keys(items)
        starts = _prefixes(items) if anchored else None
        contained = _contained(items) if keys is None and (anchored or triggers is not None) else None
        needles = _cover(contained) if contained else None
        if needles is not None and len(needles) > MAX_NEEDLES:
            needles = None
        literals |= (needles or set()) | set(keys or ()) | (starts or set())
        floating.append(
            _Floating(
                category,
                re.compile(body, re.IGNORECASE),
                triggers,
                anchored,
                re.compile(body, re.IGNORECASE | re.MULTILINE),
                needles,
                tuple(sorted(starts)) if starts else None,
                keys,
            )
        )
    groups = [f"(?P<{c}>{'|'.join(f'(?:{p})' for p in ps)})" for c, ps in full.items() if ps]
    whole = []
    for category, patterns in full.items():
        for pattern in patterns:
            parsed = _sre_p.parse(pattern, re.IGNORECASE)
            low, high = parsed.getwidth()
            screen = _screen(list(parsed)) or (set(), [])
            prefixes = frozenset(p.lower() for p in screen[0])
            first = re.compile("|".join(screen[1]), re.IGNORECASE) if screen[1] else None
            required = _required_class(list(parsed)) if first is not None or not prefixes else None
            literals |= prefixes
            whole.append(
                _Whole(
                    category,
                    re.compile(pattern, re.IGNORECASE).fullmatch,
                    low,
                    high,
                    prefixes,
                    first,
                    *_word_screen(prefixes),
                    _required_regex(required),
                )
            )
    floating.sort(key=lambda f: order[f.category])
    unsafe = _unsafe_chars(literals)
    key_words = frozenset(
        w
        for f in floating
        for key, sets in (f.keys or {}).items()
        for w in {key}.union(*sets)
        if w == key or len(w) >= MIN_KEY_CHARS
    )
    return Patterns(
        "|".join(groups) if groups else None,
        tuple(_with_checks(f, key_words) for f in floating),
        tuple(whole),
        unsafe,
        key_words,
    )


def _with_checks(pattern: _Floating, key_words: frozenset[str]) -> _Floating:
    """`pattern` with `checks`: each key's word sets split into key words and others."""
    if pattern.keys is None:
        return pattern
    checks = {
        key: tuple(
            (group & key_words, tuple(sorted(group - key_words, key=lambda w: (-len(w), w))))
            for group in sorted(sets, key=sorted)
        )
        for key, sets in pattern.keys.items()
    }
    return replace(pattern, checks=checks)
