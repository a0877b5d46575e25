"""Who said it: speaker noun phrases next to a cue, and the person name in a phrase.

The quote finder (quotes.py) hands this module a cue position or a quote boundary; here we
find the noun phrase that speaks ("…,” Austin said", "said US Defense Secretary Lloyd
Austin", "according to the Kremlin"). resolution.py then resolves pronouns, descriptions
and surnames to the last fitting named speaker in the article.
Everything is regex + small word lists: noun phrases are found by tagging each word with one
letter (C capitalised, R role noun, D determiner, O linking preposition, J other lowercase,
H pronoun, X function word) and matching a regex over that tag string.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from framing.features.cues import (  # the word lists live with the other lexical signals
    ADVERBS_BEFORE_CUE, CUE_CLASSES, DETERMINERS, FUNCTION_WORDS, LINKS, ORG_WORDS,
    PRONOUNS, ROLES, TIME_WORDS, TITLE_WORDS, AnonymityMatcher, CueLexicon, load_anonymity, load_cues,
)

__all__ = [  # the cue and anonymity names are re-exported from cues.py
    "CUE_CLASSES", "CueLexicon", "load_cues", "AnonymityMatcher", "load_anonymity",
    "Mention", "mention_at", "np_before", "np_after", "subject_of", "person_name", "person_name_of", "run_name", "is_name_word",
]

# --------------------------------------------------------------------------- noun phrases

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d[\w,.%-]*|[,;:()\[\]—–]|-|[^\w\s]")
_GAP_WORD = re.compile(r"([\s_]*)(" + _WORD.pattern + ")")

# A noun-phrase segment: optional determiner, then words and role nouns with at most two
# unknown lower-case words (adjectives) before each; segments joined by a linking word.
_SEG = r"D?J{0,2}[CR](?:J{0,2}R|[CR])*"
_NP = rf"{_SEG}(?:O{_SEG})*"
_NP_END = re.compile(rf"(?:{_NP}|H)$")
_NP_START = re.compile(rf"(?:{_NP}|H)")


def _tag(word: str) -> str:
    lower = word.lower()
    if lower in PRONOUNS:
        return "H"
    if lower in DETERMINERS:
        return "D"
    if lower in TIME_WORDS and lower != "may":
        return "T"
    first = word[0]
    if first.isupper():
        if (lower in FUNCTION_WORDS or lower in LINKS) and not word.isupper():
            return "X"
        return "C"
    if lower in LINKS:
        return "O"
    if lower in ROLES or lower.rstrip("’'s") in ROLES:
        return "R"
    if lower in FUNCTION_WORDS or not first.isalpha():
        return "X"
    return "J"


class Mention(NamedTuple):
    """A speaker noun phrase: its raw span, its words, their tags, and an appositive (a
    NamedTuple: one is built for every cue and quote boundary, and these build fast)."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    tags: str
    appositive: str = ""

    @property
    def is_pronoun(self) -> bool:
        return self.tags == "H"


_ABBREV = frozenset("gen lt col maj capt sgt adm sen rep gov mr mrs ms dr prof st jr sr rev".split())


def _word_info(word: str) -> tuple[str, int, str]:
    """(word, characters trimmed from its end, tag) for one _WORD match."""
    cut = 0
    if len(word) > 2 and word[-1] == "." and "." not in word[:-1] and word[:-1].lower() not in _ABBREV:
        word, cut = word[:-1], 1  # sentence-final period, not "U.S." or "Gen."
    if word[0].isalpha():
        tag = _tag(word)
    elif word[0].isdigit() and "-" in word:
        tag = "J"  # "the 46-year-old"
    else:
        tag = "," if word == "," else "X"
    return word, cut, tag


# word -> _word_info(word): a plain dict, as words repeat across the overlapping windows
# that every cue and quote boundary tokenises (bounded: cleared when it grows too large).
_INFO: dict[str, tuple[str, int, str]] = {}
_INFO_MAX = 200_000


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
    info = _INFO
    if len(info) > _INFO_MAX:
        info.clear()
    out = []
    pos = lo
    # findall of (gap, word) pairs is the same scan as _WORD.finditer (the gaps hold only
    # what no _WORD alternative starts with: white space and "_"), without match objects.
    for gap, raw in _GAP_WORD.findall(text, lo, hi):
        start = pos + len(gap)
        pos = start + len(raw)
        found = info.get(raw)
        if found is None:
            found = info[raw] = _word_info(raw)
        out.append((start, pos - found[1], found[0], found[2]))
    return out


def _tags(words: list[tuple[int, int, str, str]]) -> str:
    return "".join([w[3] for w in words])


def _has_barrier(words: list[tuple[int, int, str, str]]) -> bool:
    """Does a word that no noun phrase can cross (tags X, T and ",") occur in `words`?"""
    for word in words:
        if word[3] in "XT,":
            return True
    return False


_INITIALS = re.compile(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$")


def _trim(words: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Drop trailing links/determiners a regex match can leave ("the president of")."""
    while words and words[-1][3] in "OD":
        words = words[:-1]
    return words


def _mention(text: str, words: list[tuple[int, int, str, str]], appositive: str = "") -> Mention | None:
    words = _trim(words)
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if text[end - 1] in ".’'" and not _INITIALS.search(text[start:end]):
        end -= 1  # a sentence-final period or closing quote glued to the last word
    return Mention(start, end, text[start:end], tuple([w[2] for w in words]), _tags(words), appositive)


def mention_at(text: str, start: int, end: int) -> Mention | None:
    """The whole of text[start:end] as a speaker mention (a display name, say), or None
    when it holds no word."""
    return _mention(text, _words(text, start, end))


def _match_end(words: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]] | None:
    tags = _tags(words)
    # The phrase lies after the last tag outside its alphabet (a final "H" stands alone).
    m = _NP_END.search(tags, max(0, len(tags.rstrip("DJCRO")) - 1))
    if m is None:
        return None
    start = m.start()
    # Leading unknown lower-case words are kept only before a role noun ("regional governor").
    while start < len(tags) and tags[start] == "J":
        if tags[start + 1 : start + 2] == "R" or tags[start + 1 : start + 3] == "JR":
            break
        start += 1
    return words[start:] if _has_head(tags[start:]) else None


def _has_head(tags: str) -> bool:
    """Does a tag string hold a capitalised word, a role noun or a pronoun?"""
    return "C" in tags or "R" in tags or "H" in tags


_APPOSITIVE_START = re.compile(r"D|J{0,2}[CRO]")
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ch|ic)$")
_FINITE_AUXILIARIES = frozenset("is are was were has have had will would".split())
_PREPOSITIONS = frozenset("in on at of for to from with by about into over under after before during near".split())


def _appositive_like(inner: list[tuple[int, int, str, str]]) -> bool:
    """Is the text between two commas an appositive or aside ("press officer for …",
    "who has visited …", "in turn")?"""
    if not inner:
        return False
    first = inner[0][2].lower()
    text = " ".join(w[2].lower() for w in inner)
    if text in ("in turn", "for his part", "for her part", "for its part", "for their part", "however", "meanwhile", "too", "though"):
        return True
    if all(w[2][0].isdigit() for w in inner):
        return True  # an age: "Sarandon, 69, told …"
    if first in ("who", "whose"):
        return len(inner) <= 40
    if len(inner) > 14:
        return False
    if any(w[2].lower() in _FINITE_AUXILIARIES for w in inner):
        return False  # a clause, not an appositive: "Eight journalists, a guest and two police officers were killed, said …"
    return _APPOSITIVE_START.match("".join([w[3] for w in inner])) is not None


# np_before first reads only the last few words of its window (from a space, so the words
# are the window's own: a short tail, then a longer one); the answer stands when a word no
# noun phrase can cross (tags X, T and ",") settles it inside the tail, else the whole
# window is read. np_after reads the head of its window the same way.
_TAILS = (36, 72)
_HEADS = (12, 36)
_UNSURE = object()
_SPACE = re.compile(r"\s")
_NO_WORDS: list[tuple[int, int, str, str]] = []  # never changed: the windows copy it


def np_before(text: str, end: int, lo: int) -> Mention | None:
    """The speaker phrase ending just before `end` ("Austin said", "Iryna Rybakova, press
    officer for the brigade, told"), skipping adverbs; None if there is none."""
    start = max(lo, end - 200)
    # The words of a longer window are those before the shorter one's first space, then
    # the shorter one's (no word holds a space): each character is tokenised once.
    cut, words = end, _NO_WORDS
    for width in _TAILS:
        if end - start <= width:
            break
        space = _SPACE.search(text, end - width, end)
        if space is not None:
            words = _words(text, space.start(), cut) + words
            cut = space.start()
            found = _np_before(text, words[:], True)  # a copy: _np_before pops words
            if found is not _UNSURE:
                return found
    return _np_before(text, _words(text, start, cut) + words, False)


def _np_before(text: str, words: list[tuple[int, int, str, str]], tail: bool):
    """np_before over `words`; with `tail`, _UNSURE when words before them could matter."""
    if words and words[-1][2] == ")":
        if tail and len(words) < 9:
            return _UNSURE  # the "(" may lie before the tail
        opening = next((i for i in range(len(words) - 1, -1, -1) if words[i][2] == "("), None)
        if opening is not None and len(words) - opening <= 8:
            words = words[:opening]  # "Sen. Claire McCaskill (D-Mo.) said"
    while words and (words[-1][2].lower() in ADVERBS_BEFORE_CUE or words[-1][2].endswith("ly") and words[-1][3] == "J"):
        words.pop()
    if not words:
        return _UNSURE if tail else None
    if words[-1][3] == ",":
        # Appositive or parenthetical between subject and cue: find the comma opening it.
        words.pop()
        for k in range(len(words) - 1, max(-1, len(words) - 40), -1):
            if words[k][3] == ",":
                inner = words[k + 1 :]
                if not _appositive_like(inner):
                    return None
                if tail and not _has_barrier(words[:k]):
                    return _UNSURE
                head = _match_end(words[:k])
                if head is None or head[-1][3] == "J":
                    return None
                first = words.index(head[0])
                if first > 0 and (words[first - 1][3] in "OT" or words[first - 1][2].lower() in _PREPOSITIONS):
                    return None  # "in Donetsk, at least two civilians died, said …"
                appos = text[inner[0][0] : inner[-1][1]]
                head_words = [w[2] for w in head]
                described = person_name(head_words) is None or any(w[3] in "RD" for w in head)
                inner_name = person_name([w[2] for w in inner])
                if described and all(w[3] == "C" for w in inner) and inner_name and len(inner) >= 2:
                    # "The UN Secretary-General, António Guterres, condemned …"
                    return _mention(text, inner, text[head[0][0] : head[-1][1]])
                return _mention(text, head, appos)
            if words[k][3] == "X" and words[k][2] in ".;:!?\"“”«»":
                return None
        return _UNSURE if tail else None
    if words[-1][3] in "XT," or words[-1][2] in "”\"»’":
        return None
    if tail and not _has_barrier(words):
        return _UNSURE
    found = _match_end(words)
    if found is None and 2 <= len(words) <= 4 and words[0][3] == "D" and all(w[3] == "J" for w in words[1:]):
        found = words  # "the gambling tycoon told …" (no known role noun)
    if found is None or found[-1][2].endswith(("'s", "’s")):
        return None  # "Lavrov's comments", not a speaker
    if len(found) == 1 and found[0][3] == "C" and _DEMONYM.search(found[0][2]):
        return None  # "Russian claims"
    return _mention(text, found)


_SKIP_AFTER = re.compile(r"\s*(?:,\s*)?(?:in turn|for (?:his|her|their|its) part|on \w+day)?\s*(?:,\s*)?", re.IGNORECASE)


def subject_of(text: str, start: int, end: int) -> Mention | None:
    """The subject at the start of a sentence, after an introductory phrase ending in a
    comma ("Hours later, Trump returned …, telling Reuters, “…”")."""
    words = _words(text, start, min(end, start + 160))
    if words and (words[0][3] in "XOT" or words[0][2].lower() in _PREPOSITIONS):
        comma = next((i for i, w in enumerate(words[:12]) if w[3] == ","), None)
        if comma is None:
            return None
        words = words[comma + 1 :]
    if not words:
        return None
    m = _NP_START.match(_tags(words))
    return None if m is None else _mention(text, words[: m.end()])


def np_after(text: str, start: int, hi: int) -> Mention | None:
    """The speaker phrase starting just after `start` ("said US Defense Secretary Lloyd
    Austin at…", "according to the Kremlin", "tweeted, in turn, the adviser…, Mykhailo P.")."""
    skip = _SKIP_AFTER.match(text, start, hi)
    pos = skip.end() if skip else start
    stop = min(hi, pos + 120)
    cut, words = pos, _NO_WORDS  # words of text[pos:cut], extended as in np_before
    for width in _HEADS:  # first the window's head, up to a space (as in np_before)
        if stop - pos <= 2 * width:
            break
        space = _SPACE.search(text, pos + width, stop)
        if space is not None:
            words = words + _words(text, cut, space.start())
            cut = space.start()
            found = _np_after(text, words, True)
            if found is not _UNSURE:
                return found
    return _np_after(text, words + _words(text, cut, stop), False)


def _np_after(text: str, words: list[tuple[int, int, str, str]], head: bool):
    """np_after over `words`; with `head`, _UNSURE when words after them could matter."""
    if not words:
        return _UNSURE if head else None
    tags = _tags(words)
    if head and not ("X" in tags or "T" in tags or "," in tags or "H" in tags):
        return _UNSURE  # no word the noun phrase cannot cross
    m = _NP_START.match(tags)
    if m is None:
        return None
    if head and m.end() == len(tags):
        return _UNSURE
    found = words[: m.end()]
    if not _has_head(tags[: m.end()]):
        return None
    rest = tags[m.end() :]
    # "the governor, Pavlo Kyrylenko." / "the adviser to the presidency, Mykhailo Podolyiak."
    if rest.startswith(",") and found[-1][3] == "R" or rest.startswith(",") and "C" not in tags[: m.end()]:
        if head and rest[1:].strip("C") == "":
            return _UNSURE  # the name run may go on
        n = re.match(r",(C+)(?:$|[X,])", rest)
        if n is not None:
            name = words[m.end() + 1 : m.end() + 1 + len(n.group(1))]
            appos = text[found[0][0] : found[-1][1]]
            return _mention(text, name, appos)
    return _mention(text, found)


# --------------------------------------------------------------------------- names (for resolution.py)

# Name answers recur within and across articles ("Trump", "Lloyd Austin"), so the three
# functions below keep them, in plain dicts cleared when they reach _NAMES_MAX entries.
# Not lru_cache: every full garbage collection walks an lru_cache's linked entries one by
# one (with four such caches, the full collections of a 10k run took 6.7 s; 4.2-4.8 s
# now), while these dicts hold only strings, None and tuples of strings, which it skips.
_NAMES_MAX = 65536
_RUN_NAMES: dict[str, tuple[str | None, str | None]] = {}
_NAME_WORDS: dict[str, bool] = {}
_PERSON_NAMES: dict[tuple[str, ...], str | None] = {}


def run_name(run: str) -> tuple[str | None, str | None]:
    """(person_name of a name run's words, its surname when the name has two words or more)."""
    found = _RUN_NAMES.get(run)
    if found is None:
        if len(_RUN_NAMES) >= _NAMES_MAX:
            _RUN_NAMES.clear()
        name = person_name_of(tuple(run.split()))
        found = _RUN_NAMES[run] = (name, name.split()[-1] if name is not None and len(name.split()) >= 2 else None)
    return found


# Given names that end like demonyms ("Russian", "Chinese", "British"): still name words.
_GIVEN_NAMES_LIKE_DEMONYMS = frozenset(
    "adrian brian bryan christian damian dorian fabian florian gillian ian jillian julian kristian "
    "lillian marian maximilian sebastian vivian".split()
)


def is_name_word(word: str) -> bool:
    """Can `word` be part of a person's name: capitalised, and not a title, function or
    time word, acronym, demonym or possessive?"""
    found = _NAME_WORDS.get(word)
    if found is None:
        if len(_NAME_WORDS) >= _NAMES_MAX:
            _NAME_WORDS.clear()
        found = _NAME_WORDS[word] = _is_name_word(word)
    return found


def _is_name_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return (
        word[0].isupper()
        and lower not in TITLE_WORDS
        and lower not in FUNCTION_WORDS
        and lower not in TIME_WORDS
        and not (word.isupper() and len(lower) > 1)  # acronyms, not initials ("J.")
        and (not lower.endswith(("ian", "ese", "ish")) or lower in _GIVEN_NAMES_LIKE_DEMONYMS)  # demonyms
        and not word.endswith(("'s", "’s"))
    )


def person_name(words: tuple[str, ...] | list[str]) -> str | None:
    """The trailing run of name words after titles ("US Defense Secretary Lloyd Austin" ->
    "Lloyd Austin"); None when the phrase ends in an organisation or title word."""
    return person_name_of(tuple(words))


def person_name_of(words: tuple[str, ...]) -> str | None:
    """person_name of a tuple of words (memoised)."""
    if words in _PERSON_NAMES:
        return _PERSON_NAMES[words]
    if len(_PERSON_NAMES) >= _NAMES_MAX:
        _PERSON_NAMES.clear()
    found = _PERSON_NAMES[words] = _person_name_of(words)
    return found


def _person_name_of(words: tuple[str, ...]) -> str | None:
    run: list[str] = []
    for word in reversed([w.rstrip(".,") if len(w) > 2 else w for w in words]):
        if word[0].isupper() and is_name_word(word):
            run.append(word)
        else:
            break
    if not run:
        return None
    run.reverse()
    if any(w.lower() in ORG_WORDS for w in run):
        return None
    return " ".join(run)
