"""The boilerplate pattern lexicon (lexicons/boilerplate.csv): load, compile, match lines.

Whole-line patterns are matched with `fullmatch`; floating patterns (rows starting '.*')
with `search`, or `match` when they start with '^' (see the CSV header). The semantics are
those of `Patterns.apply_reference`: one alternation per category in CATEGORIES order, the
first category that matches wins, whole-line before floating. `Patterns.apply` gives the
same answer faster, by screening with facts derived from each pattern's parse tree:

- whole-line: the literal strings one of which every match starts with, or the characters
  a match can start with, checked once per distinct first word of a line (memoised), and
  the pattern's min/max width;
- floating: a few literal strings one of which every match contains ("needles"), looked up
  once per document in the lower-cased text, then in the lines of the documents that have
  them.

Lower-casing a text only agrees with re.IGNORECASE for characters outside a small set
(dotless i, long s, Greek/Cyrillic variant forms, ...); documents holding one of those,
or whose length changes when lower-cased, take the reference path.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

from framing.lexicons import LexiconError, read_csv

try:  # the regex parser, to derive screens from a pattern's structure
    from re import _constants as _sre_c, _parser as _sre_p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_p  # type: ignore[no-redef]

__all__ = ["Patterns", "load_patterns"]

MAX_EXPANSIONS = 64  # literal strings a pattern's prefix may expand to before we stop
MAX_NEEDLES = 16  # a floating pattern needing more document look-ups runs unscreened
MIN_NEEDLE_CHARS = 5  # shortest word chosen to stand for several needles
MEMO_SIZE = 50_000  # distinct first words remembered before the memo is cleared

_WORD = re.compile(r"[^\W\d_]+")
_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT)
_CLASS_CODES = {
    _sre_c.CATEGORY_DIGIT: r"\d",
    _sre_c.CATEGORY_NOT_DIGIT: r"\D",
    _sre_c.CATEGORY_SPACE: r"\s",
    _sre_c.CATEGORY_NOT_SPACE: r"\S",
    _sre_c.CATEGORY_WORD: r"\w",
    _sre_c.CATEGORY_NOT_WORD: r"\W",
}


# --- what a parsed pattern tells us -----------------------------------------------------


def _leading_literals(items: list[Any]) -> set[str] | None:
    """Literal strings one of which every match of the parsed pattern starts with."""
    items = [(op, av) for op, av in items if op is not _sre_c.AT]
    if not items:
        return None
    text = ""
    for op, av in items:
        if op is not _sre_c.LITERAL:
            break
        text += chr(av)
    if text:
        return {text.lower()}
    op, av = items[0]
    if op is _sre_c.SUBPATTERN:
        return _leading_literals(list(av[-1]))
    if op is _sre_c.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            sub = _leading_literals(list(alternative))
            if sub is None:
                return None
            found |= sub
        return found
    return None


def _triggers(pattern: str) -> tuple[str, ...] | None:
    """Lower-case words a floating pattern needs (None: run it on every line)."""
    try:
        words = _leading_literals(list(_sre_p.parse(pattern, re.IGNORECASE)))
    except Exception:  # an unusual construct: no screening, always correct
        return None
    if not words or any(len(w) < 2 for w in words):
        return None
    return tuple(sorted(words))


def _expand(prefixes: set[str], items: Sequence[Any]) -> tuple[set[str], bool]:
    """Strings every match of `items` (after one of `prefixes`) starts with; and whether
    they are complete (the following items may extend them)."""
    for op, av in items:
        if op is _sre_c.AT:
            continue
        if op is _sre_c.LITERAL:
            prefixes = {p + chr(av) for p in prefixes}
            continue
        if op is _sre_c.SUBPATTERN:
            out, complete = _expand(prefixes, list(av[-1]))
        elif op is _sre_c.BRANCH:
            out, complete = set(), True
            for alternative in av[1]:
                sub, sub_complete = _expand(prefixes, list(alternative))
                out |= sub
                complete = complete and sub_complete
        elif op in _REPEATS and av[0] == 0:
            sub, sub_complete = _expand(prefixes, list(av[2]))
            out, complete = prefixes | sub, sub_complete and av[1] == 1
        elif op in _REPEATS:
            out, complete = _expand(prefixes, list(av[2]))[0], False
        else:
            return prefixes, False
        if len(out) > MAX_EXPANSIONS:
            return prefixes, False
        prefixes = out
        if not complete:
            return prefixes, False
    return prefixes, True


def _prefixes(items: list[Any]) -> frozenset[str] | None:
    """Lower-case strings one of which every match starts with (None: no such set)."""
    found, _ = _expand({""}, items)
    if "" in found:
        leading = _leading_literals(items)
        if not leading or "" in leading:
            return None
        found = leading
    return frozenset(s.lower() for s in found)


def _contained(items: list[Any]) -> frozenset[str] | None:
    """Lower-case strings one of which every match contains: the best of the prefix sets
    of the pattern's top-level items (longest shortest string)."""
    best: frozenset[str] | None = None
    for k in range(len(items)):
        found = _prefixes(items[k:])
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


def _cover(strings: Iterable[str]) -> frozenset[str]:
    """Few substrings such that each string contains one: whole strings, or words of
    MIN_NEEDLE_CHARS+ letters in them (greedy: most strings covered, then longest)."""
    todo = set(strings)
    chosen: set[str] = set()
    while todo:
        counts: dict[str, int] = {}
        for s in todo:
            for sub in {s, *(w for w in _WORD.findall(s) if len(w) >= MIN_NEEDLE_CHARS)}:
                counts[sub] = counts.get(sub, 0) + 1
        pick = max(counts, key=lambda sub: (counts[sub], len(sub), sub))
        chosen.add(pick)
        todo = {s for s in todo if pick not in s}
    return frozenset(chosen)


def _screen(items: list[Any]) -> tuple[set[str], list[str]] | None:
    """(prefixes, first-character regex pieces): every match starts with one of the
    prefixes or with a character one of the pieces matches (None: anything)."""
    found = _prefixes(items)
    if found is not None:
        return set(found), []
    k = 0
    while k < len(items) and items[k][0] in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        k += 1
    if k == len(items):
        return None
    op, av = items[k]
    rest = items[k + 1 :]
    if op is _sre_c.SUBPATTERN:
        return _screen(list(av[-1]) + rest)
    parts: list[tuple[set[str], list[str]] | None]
    if op is _sre_c.BRANCH:
        parts = [_screen(list(alternative) + rest) for alternative in av[1]]
    elif op in _REPEATS:
        body = list(av[2]) + (rest if av[1] == 1 else [])
        parts = [_screen(body)] + ([_screen(rest)] if av[0] == 0 else [])
    else:
        pieces, nullable = _first_class([items[k]])
        if pieces is None:
            return None
        parts = [(set(), pieces)] + ([_screen(rest)] if nullable else [])
    prefixes: set[str] = set()
    pieces_out: list[str] = []
    for part in parts:
        if part is None:
            return None
        prefixes |= part[0]
        pieces_out += part[1]
    return prefixes, pieces_out


def _required_class(items: Sequence[Any]) -> str | None:
    """A character class (regex source) every match holds a character of, if one is
    mandatory in the pattern's top-level sequence (or in every alternative of a branch);
    explicit sets before \\d, before \\s and \\w (nearly every line has those)."""
    found = _required_classes(items)
    return min(found, key=lambda c: ("\\s" in c or "\\w" in c, "\\d" in c)) if found else None


def _required_classes(items: Sequence[Any]) -> list[str]:
    out: list[str] = []
    for op, av in items:
        found: str | None = None
        if op is _sre_c.IN:
            found = (_class_source(av) or [None])[0]
        elif op is _sre_c.SUBPATTERN:
            found = _required_class(list(av[-1]))
        elif op is _sre_c.BRANCH:
            classes = [_required_class(list(alternative)) for alternative in av[1]]
            if all(classes) and len(set(classes)) == 1:
                found = classes[0]
        elif op in _REPEATS and av[0] >= 1:
            out += _required_classes(list(av[2]))
        if found:
            out.append(found)
    return out


def _first_class(items: Sequence[Any]) -> tuple[list[str] | None, bool]:
    """Regex pieces for the characters a match can start with (None: any); nullable."""
    pieces: list[str] = []
    for op, av in items:
        if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
            continue
        nullable = False
        if op is _sre_c.LITERAL:
            sub: list[str] | None = [re.escape(chr(av))]
        elif op is _sre_c.IN:
            sub = _class_source(av)
        elif op is _sre_c.SUBPATTERN:
            sub, nullable = _first_class(list(av[-1]))
        elif op is _sre_c.BRANCH:
            sub = []
            for alternative in av[1]:
                alt, alt_nullable = _first_class(list(alternative))
                if alt is None:
                    return None, False
                sub += alt
                nullable = nullable or alt_nullable
        elif op in _REPEATS:
            sub, nullable = _first_class(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        pieces += sub
        if not nullable:
            return pieces, False
    return pieces, True


def _class_source(items: Sequence[Any]) -> list[str] | None:
    parts, negate = [], False
    for op, av in items:
        if op is _sre_c.NEGATE:
            negate = True
        elif op is _sre_c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _sre_c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre_c.CATEGORY and av in _CLASS_CODES:
            parts.append(_CLASS_CODES[av])
        else:
            return None
    return None if negate or not parts else [f"[{''.join(parts)}]"]


@lru_cache(maxsize=1)
def _all_chars() -> str:
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))


def _unsafe_chars(literals: Iterable[str]) -> str:
    """Characters re.IGNORECASE equates with a literal character although their lower
    case differs (dotless i for 'i', long s for 's', ...): lower-cased screens miss them."""
    chars = sorted({c for s in literals for c in s})
    if not chars:
        return ""
    any_of = re.compile("[" + "".join(re.escape(c) for c in chars) + "]", re.IGNORECASE)
    unsafe = set()
    for match in any_of.finditer(_all_chars()):
        x = match.group()
        for c in chars:
            if x.lower() != c.lower() and re.fullmatch(re.escape(c), x, re.IGNORECASE):
                unsafe.add(x)
    return "".join(sorted(unsafe))


# --- the compiled lexicon -------------------------------------------------------------------


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


@dataclass(frozen=True)
class Patterns:
    """The lexicon compiled: one whole-line alternation, and floating (search) patterns."""

    full: re.Pattern[str] | None
    floating: tuple[_Floating, ...]
    whole: tuple[_Whole, ...]
    unsafe: re.Pattern[str] | None  # characters that send a document to the reference path
    _memo: dict[str, tuple[_Whole, ...]] = field(default_factory=dict, repr=False, compare=False)

    def apply(
        self, text: str, lines: list[str], lows: list[str] | None, max_scan: int, max_pattern: int
    ) -> list[str | None]:
        """Category (or None) per line of `text`; `lows` are the lines lower-cased, sliced
        from text.lower() (None when that changes the length: the reference path)."""
        if lows is None or (self.unsafe is not None and not text.isascii() and self.unsafe.search(text)):
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
            word = line.split(None, 1)[0]
            candidates = memo.get(word)
            if candidates is None:
                candidates = memo[word] = self._candidates(word)
            has: dict[Any, bool] = {}
            for pattern in candidates:
                if not pattern.min_chars <= size <= pattern.max_chars:
                    continue
                required = pattern.required
                if required is not None:
                    if required not in has:
                        has[required] = required.search(line) is not None
                    if not has[required]:
                        continue
                if pattern.fullmatch(line):
                    found[i] = pattern.category
                    break
        if self.floating:
            self._apply_floating(lines, lows, found, max_scan, max_pattern)
        return found

    def _candidates(self, word: str) -> tuple[_Whole, ...]:
        """Whole-line patterns a line starting with `word` (then whitespace or end) may match."""
        low = word.lower()
        out = []
        for pattern in self.whole:
            if pattern.first is None and not pattern.prefixes:
                out.append(pattern)  # no screen
            elif low in pattern.heads or low.startswith(pattern.starts) or (
                pattern.first is not None and pattern.first.match(word)
            ):
                out.append(pattern)
        return tuple(out)

    def _apply_floating(
        self, lines: list[str], lows: list[str], found: list[str | None], max_scan: int, max_pattern: int
    ) -> None:
        n = len(lines)
        short = [i for i in range(n) if len(lines[i]) <= max_scan]
        joined: str | None = None
        scanned = [i for i in range(n) if len(lines[i]) <= max_pattern]
        low_text = "\n".join([lows[i] for i in short])
        present: dict[str, bool] = {}
        for pattern in self.floating:
            if pattern.anchored:
                pool, test = scanned, pattern.regex.match
            elif pattern.triggers is None:
                if joined is None:
                    joined = "\n".join([lines[i] for i in short])
                    starts = list(_starts(lines, short))
                hits = {short[bisect.bisect_right(starts, m.start()) - 1] for m in pattern.multiline.finditer(joined)}
                pool, test = sorted(hits), pattern.regex.search
            else:
                pool, test = short, pattern.regex.search
            needles = pattern.needles
            if needles is not None:
                live = []
                for needle in needles:
                    if needle not in present:
                        present[needle] = needle in low_text
                    if present[needle]:
                        live.append(needle)
                # Lines over max_scan (anchored patterns only) are not in low_text.
                pool = [
                    i
                    for i in pool
                    if any(needle in lows[i] for needle in (live if len(lines[i]) <= max_scan else needles))
                ]
            for i in pool:
                if found[i] is None and len(lines[i]) <= max_pattern and test(lines[i]):
                    found[i] = pattern.category

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


@lru_cache(maxsize=None)
def _required_regex(source: str | None) -> re.Pattern[str] | None:
    return re.compile(source, re.IGNORECASE) if source else None


def _word_screen(prefixes: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A line (stripped) starts with one of `prefixes` only if its first word equals one
    of the heads (the prefix holds whitespace: the word ends there) or starts with one of
    the starts (the prefix holds none: it lies inside the word)."""
    heads, starts = set(), set()
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
        try:
            re.compile(pattern)
        except re.error as exc:
            raise LexiconError(f"{source}: row {number}: bad pattern ({exc})") from exc
        if not pattern.startswith(".*"):
            full[category].append(pattern)
            continue
        body = pattern[2:]
        items = list(_sre_p.parse(body, re.IGNORECASE))
        contained = _contained(items)
        needles = _cover(contained) if contained else None
        if needles is not None and len(needles) > MAX_NEEDLES:
            needles = None
        literals |= needles or set()
        floating.append(
            _Floating(
                category,
                re.compile(body, re.IGNORECASE),
                _triggers(body),
                body.startswith("^"),
                re.compile(body, re.IGNORECASE | re.MULTILINE),
                needles,
            )
        )
    groups = [f"(?P<{c}>{'|'.join(f'(?:{p})' for p in ps)})" for c, ps in full.items() if ps]
    compiled = re.compile("|".join(groups), re.IGNORECASE) if groups else None
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
    return Patterns(
        compiled,
        tuple(floating),
        tuple(whole),
        re.compile(f"[{re.escape(unsafe)}]") if unsafe else None,
    )
