"""What a boilerplate pattern's parse tree says about the lines it can match.

`framing.features.boilerplate_patterns` screens lines with these facts before running a
pattern, so each one must hold for *every* match (a screen may let through lines that
do not match, never drop one that does):

- `_prefixes` / `_screen`: the literal strings (or first characters) a match starts with;
- `_required_class`: a character class every match holds a character of;
- `_contained` / `_cover`: a few literal strings one of which every match contains;
- `_word_keys`: words every match holds as whole runs of word characters.

All strings are lower-cased; `_unsafe_chars` names the few characters for which
lower-casing and re.IGNORECASE disagree (a document holding one is not screened).
The parse tree is the standard library's (re._parser; sre_parse before 3.11).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any, Iterable, Sequence

try:  # the regex parser, to derive screens from a pattern's structure
    from re import _constants as _sre_c, _parser as _sre_p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_p  # type: ignore[no-redef]

MAX_EXPANSIONS = 64  # literal strings a pattern's prefix may expand to before we stop

MAX_KEY_EXPANSIONS = 4096  # expansions tried when looking for key words

MIN_NEEDLE_CHARS = 5  # shortest word chosen to stand for several needles

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

_SPACE_CLASS = [(_sre_c.IN, [(_sre_c.CATEGORY, _sre_c.CATEGORY_SPACE)])]

_EDGES = (_sre_c.AT_BEGINNING, _sre_c.AT_BEGINNING_STRING, _sre_c.AT_END, _sre_c.AT_END_STRING)

_BOUND = "\x00"  # stands for a word boundary (\\b) in _expand_bounded's strings

_RUN = re.compile(r"\w+")

_NON_WORD = re.compile(r"\W+")

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
    # "cookies" is redundant next to "cookie": a text holding the one holds the other.
    return frozenset(c for c in chosen if not any(o != c and o in c for o in chosen))

def _expand_bounded(prefixes: set[str], items: Sequence[Any]) -> tuple[set[str], set[str]]:
    """Like _expand, but also through whitespace (as ' '), line edges (' '), word
    boundaries (_BOUND) and small literal sets, and past optional parts: strings that show
    where a match's words begin and end. Returns (stopped, open): every match of `items`
    after one of `prefixes` starts with a string of either set; open strings ran to the end."""
    stopped: set[str] = set()
    for op, av in items:
        if not prefixes:
            break
        before = prefixes
        if op is _sre_c.AT:
            if av in _EDGES:
                prefixes = {p + " " for p in prefixes}
            elif av is _sre_c.AT_BOUNDARY:
                prefixes = {p + _BOUND for p in prefixes}
            continue
        if op is _sre_c.LITERAL:
            prefixes = {p + chr(av) for p in prefixes}
        elif [(op, av)] == _SPACE_CLASS or (op in _REPEATS and list(av[2]) == _SPACE_CLASS and av[0] >= 1):
            prefixes = {p + " " for p in prefixes}
        elif op in _REPEATS and list(av[2]) == _SPACE_CLASS:
            prefixes = prefixes | {p + " " for p in prefixes}
        elif op is _sre_c.IN and av and all(o is _sre_c.LITERAL for o, _ in av) and len(av) <= 8:
            prefixes = {p + chr(c) for p in prefixes for _, c in av}
        elif op is _sre_c.SUBPATTERN:
            sub_stopped, prefixes = _expand_bounded(prefixes, list(av[-1]))
            stopped |= sub_stopped
        elif op is _sre_c.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:
                sub_stopped, sub_open = _expand_bounded(prefixes, list(alternative))
                stopped |= sub_stopped
                out |= sub_open
            prefixes = out
        elif op in _REPEATS:
            sub_stopped, sub_open = _expand_bounded(prefixes, list(av[2]))
            if av[0] == av[1] == 1 or (av[0] == 0 and av[1] == 1):
                stopped |= sub_stopped
                prefixes = sub_open | (prefixes if av[0] == 0 else set())
            else:  # more repetitions may follow: what one repetition gives stops there
                stopped |= sub_stopped | sub_open
                prefixes = prefixes if av[0] == 0 else set()
        else:
            stopped |= prefixes
            prefixes = set()
        if len(stopped) + len(prefixes) > MAX_KEY_EXPANSIONS:
            return stopped | before, set()
    return stopped, prefixes

def _word_keys(items: list[Any]) -> dict[str, frozenset[frozenset[str]]] | None:
    """Words every match holds as whole \\w-runs (runs of word characters with a
    non-word character, boundary or edge on both sides in an expansion of the pattern):
    {key: word sets}, one key (the expansion's longest word) per expansion, with the word
    sets of the expansions it stands for. A line can match only if it holds a key and the
    document all words of one of its sets. None: some expansion has no bounded word.
    Preferred: the start whose keys have the longest shortest key."""
    best: dict[str, frozenset[frozenset[str]]] | None = None
    for k in range(len(items)):
        stopped, complete = _expand_bounded({""}, items[k:])
        groups: dict[str, set[frozenset[str]]] = {}
        for string in stopped | complete:
            string = string.lower()
            bounded = [m.group() for m in _RUN.finditer(string) if m.start() > 0 and m.end() < len(string)]
            if not bounded:
                break
            key = max(bounded, key=lambda w: (len(w), w))
            groups.setdefault(key, set()).add(frozenset(bounded))
        else:
            if groups and (best is None or min(map(len, groups)) > min(map(len, best))):
                best = {key: frozenset(sets) for key, sets in groups.items()}
    return best

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
            found = next(iter(_class_source(av) or []), None)
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

# Every character re.IGNORECASE equates with some character below _LATIN_LIMIT although
# their lower cases differ (found by scanning all of Unicode; tests/test_boilerplate.py
# checks it). Lexicons written in Latin scripts need only these looked at, not all of
# Unicode (which takes a fifth of a second at every start-up).
_LATIN_LIMIT = "\u0300"
_LATIN_CASE_ODDITIES = "ISis\u0130\u0131\u017f\u039c\u03bc"


def _unsafe_chars(literals: Iterable[str], exhaustive: bool = False) -> str:
    """Characters re.IGNORECASE equates with a literal character although their lower
    case differs (dotless i for 'i', long s for 's', ...): lower-cased screens miss them.
    `exhaustive`: scan all of Unicode even for Latin-script literals (for tests)."""
    chars = sorted({c for s in literals for c in s})
    if not chars:
        return ""
    # Uncased characters (punctuation, symbols) match only themselves under IGNORECASE.
    latin = not exhaustive and all(c < _LATIN_LIMIT or c.lower() == c == c.upper() for c in chars)
    any_of = re.compile("[" + "".join(re.escape(c) for c in chars) + "]", re.IGNORECASE)
    unsafe = set()
    for match in any_of.finditer(_LATIN_CASE_ODDITIES if latin else _all_chars()):
        x = match.group()
        for c in chars:
            if x.lower() != c.lower() and re.fullmatch(re.escape(c), x, re.IGNORECASE):
                unsafe.add(x)
    return "".join(sorted(unsafe))
