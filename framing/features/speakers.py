"""Who said it: speaker noun phrases next to a cue, and name resolution.

The quote finder (quotes.py) hands this module a cue position or a quote boundary; here we
find the noun phrase that speaks ("…,” Austin said", "said US Defense Secretary Lloyd
Austin", "according to the Kremlin") and resolve pronouns, descriptions and surnames to
the last fitting named speaker in the article.
Everything is regex + small word lists: noun phrases are found by tagging each word with one
letter (C capitalised, R role noun, D determiner, O linking preposition, J other lowercase,
H pronoun, X function word) and matching a regex over that tag string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from framing.features.cues import CUE_CLASSES, AnonymityMatcher, CueLexicon, load_anonymity, load_cues

__all__ = [  # the cue and anonymity names are re-exported from cues.py
    "CUE_CLASSES", "CueLexicon", "load_cues", "AnonymityMatcher", "load_anonymity",
    "Mention", "np_before", "np_after", "subject_of", "person_name", "SpeakerResolver",
]

# --------------------------------------------------------------------------- noun phrases

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d[\w,.%-]*|[,;:()\[\]—–]|-|[^\w\s]")
_GAP_WORD = re.compile(r"([\s_]*)(" + _WORD.pattern + ")")

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
    congresswoman chairman chairwoman premier deputy prime foreign defense defence interior state
    vice army navy air force joint chiefs staff mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord
    lady king queen prince princess pope sheikh secretary-general under-secretary attorney justice
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
    "still just never ever always "
    "has have had had been was is would will could may might did does do".split()
)

# A noun-phrase segment: optional determiner, then words and role nouns with at most two
# unknown lower-case words (adjectives) before each; segments joined by a linking word.
_SEG = r"D?J{0,2}[CR](?:J{0,2}R|[CR])*"
_NP = rf"{_SEG}(?:O{_SEG})*"
_NP_END = re.compile(rf"(?:{_NP}|H)$")
_NP_START = re.compile(rf"(?:{_NP}|H)")


@lru_cache(maxsize=65536)
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


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker noun phrase: its raw span, its words, their tags, and an appositive."""

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
    if text[end - 1] in ".’'" and not re.search(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$", text[start:end]):
        end -= 1  # a sentence-final period or closing quote glued to the last word
    return Mention(start, end, text[start:end], tuple(w[2] for w in words), "".join(w[3] for w in words), appositive)


def _match_end(words: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]] | None:
    tags = "".join(w[3] for w in words)
    m = _NP_END.search(tags)
    if m is None:
        return None
    start = m.start()
    # Leading unknown lower-case words are kept only before a role noun ("regional governor").
    while start < len(tags) and tags[start] == "J":
        if tags[start + 1 : start + 2] == "R" or tags[start + 1 : start + 3] == "JR":
            break
        start += 1
    found = words[start:]
    return found if found and any(w[3] in "CRH" for w in found) else None


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ch|ic)$")
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
    tags = "".join(w[3] for w in inner)
    return re.match(r"D|J{0,2}[CRO]", tags) is not None


def np_before(text: str, end: int, lo: int) -> Mention | None:
    """The speaker phrase ending just before `end` ("Austin said", "Iryna Rybakova, press
    officer for the brigade, told"), skipping adverbs; None if there is none."""
    words = _words(text, max(lo, end - 200), end)
    if words and words[-1][2] == ")":
        opening = next((i for i in range(len(words) - 1, -1, -1) if words[i][2] == "("), None)
        if opening is not None and len(words) - opening <= 8:
            words = words[:opening]  # "Sen. Claire McCaskill (D-Mo.) said"
    while words and (words[-1][2].lower() in ADVERBS_BEFORE_CUE or words[-1][2].endswith("ly") and words[-1][3] == "J"):
        words.pop()
    if not words:
        return None
    if words[-1][3] == ",":
        # Appositive or parenthetical between subject and cue: find the comma opening it.
        words.pop()
        for k in range(len(words) - 1, max(-1, len(words) - 40), -1):
            if words[k][3] == ",":
                inner = words[k + 1 :]
                if not _appositive_like(inner):
                    return None
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
        return None
    if words[-1][3] in "XT," or words[-1][2] in "”\"»’":
        return None
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
    m = _NP_START.match("".join(w[3] for w in words))
    return None if m is None else _mention(text, words[: m.end()])


def np_after(text: str, start: int, hi: int) -> Mention | None:
    """The speaker phrase starting just after `start` ("said US Defense Secretary Lloyd
    Austin at…", "according to the Kremlin", "tweeted, in turn, the adviser…, Mykhailo P.")."""
    skip = _SKIP_AFTER.match(text, start, hi)
    pos = skip.end() if skip else start
    words = _words(text, pos, min(hi, pos + 120))
    if not words:
        return None
    tags = "".join(w[3] for w in words)
    m = _NP_START.match(tags)
    if m is None:
        return None
    found = words[: m.end()]
    if not any(w[3] in "CRH" for w in found):
        return None
    rest = tags[m.end() :]
    # "the governor, Pavlo Kyrylenko." / "the adviser to the presidency, Mykhailo Podolyiak."
    if rest.startswith(",") and found[-1][3] == "R" or rest.startswith(",") and "C" not in "".join(w[3] for w in found):
        n = re.match(r",(C+)(?:$|[X,])", rest)
        if n is not None:
            name = words[m.end() + 1 : m.end() + 1 + len(n.group(1))]
            appos = text[found[0][0] : found[-1][1]]
            return _mention(text, name, appos)
    return _mention(text, found)


# --------------------------------------------------------------------------- resolution

_NAME_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){1,5}")
_LOWER_TITLE = re.compile(r"(?:\b[a-z][\w-]*\s+){0,2}$")


@lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return (
        word[0].isupper()
        and lower not in TITLE_WORDS
        and lower not in FUNCTION_WORDS
        and lower not in TIME_WORDS
        and not (word.isupper() and len(word) > 1)
        and not lower.endswith(("ian", "ese", "ish"))  # demonyms (words hold no newline)
        and not word.endswith(("'s", "’s"))
    )


def person_name(words: tuple[str, ...] | list[str]) -> str | None:
    """The trailing run of name words after titles ("US Defense Secretary Lloyd Austin" ->
    "Lloyd Austin"); None when the phrase ends in an organisation or title word."""
    return _person_name(tuple(words))


@lru_cache(maxsize=65536)
def _person_name(words: tuple[str, ...]) -> str | None:
    run: list[str] = []
    for word in reversed([w.rstrip(".,") if len(w) > 2 else w for w in words]):
        if word[0].isupper() and _is_name_word(word):
            run.append(word)
        else:
            break
    if not run:
        return None
    run.reverse()
    if any(w.lower() in ORG_WORDS for w in run):
        return None
    return " ".join(run)


class SpeakerResolver:
    """Resolves mentions to names in one article, in text order (holds the article state)."""

    def __init__(self, text: str, blocks, actor_of: Callable[[str], str | None] | None) -> None:
        self.text = text
        self.actor_of = actor_of
        self.full_names: dict[str, list[tuple[int, str]]] = {}  # surname -> [(offset, full name)]
        self.contexts: list[tuple[int, str, str]] = []  # (offset, full name, title context)
        self.last_person: tuple[str, tuple[int, int], str] | None = None
        self.last_any: tuple[str, tuple[int, int], str] | None = None
        self.speakers: list[tuple[int, str, str]] = []  # (offset, name, actor)
        self.persons: list[tuple[int, str, str]] = []  # named people among the speakers
        self._actor_cache: dict[str, str | None] = {}
        self._blocks = blocks
        self._scanned = False
        self._runs: list[tuple[int, str, str, int]] = []  # (offset, name run, full name, block start)
        self._first_run: dict[str, int] = {}  # full name -> index of its first run

    def _scan(self) -> None:
        """Full names in the whole article (built on first need); their title contexts
        are read only when a description or an actor look-up needs them."""
        self._scanned = True
        text = self.text
        for block in self._blocks:
            for m in _NAME_RUN.finditer(text, block.start, block.end):
                words = m.group().split()
                name = person_name(words)
                if name is None or len(name.split()) < 2:
                    continue
                self.full_names.setdefault(name.split()[-1], []).append((m.start(), name))
                self._first_run.setdefault(name, len(self._runs))
                self._runs.append((m.start(), m.group(), name, block.start))

    def _contexts(self) -> list[tuple[int, str, str]]:
        """(offset, full name, title context: up to two lower-case words + the name run)."""
        if not self._scanned:
            self._scan()
        if len(self.contexts) < len(self._runs):
            text = self.text
            for start, run, name, block_start in self._runs:
                before = _LOWER_TITLE.search(text, max(block_start, start - 40), start)
                self.contexts.append((start, name, (before.group() if before else "") + run))
        return self.contexts

    def actor(self, phrase: str) -> str | None:
        if self.actor_of is None or not phrase:
            return None
        if phrase not in self._actor_cache:
            try:
                self._actor_cache[phrase] = self.actor_of(phrase)
            except Exception:  # a broken actor lexicon must not stop quote extraction
                self._actor_cache[phrase] = None
        return self._actor_cache[phrase]

    def _full(self, surname: str, at: int) -> str | None:
        if not self._scanned:
            self._scan()
        options = self.full_names.get(surname)
        if not options:
            return None
        before = [name for offset, name in options if offset <= at]
        return before[-1] if before else options[0][1]

    def _context_of(self, name: str) -> str:
        """The title context of the first full-name run of `name` (only that one is read)."""
        if not self._scanned:
            self._scan()
        index = self._first_run.get(name)
        if index is None:
            return name
        if index < len(self.contexts):
            return self.contexts[index][2]
        start, run, _, block_start = self._runs[index]
        before = _LOWER_TITLE.search(self.text, max(block_start, start - 40), start)
        return (before.group() if before else "") + run

    def resolve(self, mention: Mention) -> tuple[str | None, str, bool]:
        """(speaker name or None, actor or "", is_person) for a mention, updating the state."""
        words = mention.words
        if mention.is_pronoun:
            lower = words[0].lower()
            prior = self.last_person if lower in ("he", "she", "i") else self.last_any
            if prior is None:
                return None, "", True
            return prior[0], prior[2], lower in ("he", "she")
        name = person_name(words[: self._head_len(mention)]) or (
            person_name(words) if "O" in mention.tags and mention.tags.endswith("CC") else None
        )
        if name is not None:
            if len(name.split()) == 1:
                name = self._full(name, mention.start) or name
            actor = (
                self.actor(mention.text)
                or (self.actor(mention.appositive) if mention.appositive else None)
                or self.actor(self._context_of(name))
                or self.actor(name)
            )
            self._remember(name, mention, actor or "", person=True)
            return name, actor or "", True
        head_words = words[: self._head_len(mention)]
        head = next((w.lower() for w in reversed(head_words) if w.lower() in ROLES), "")
        phrase_actor = self.actor(mention.text) or ""
        if head in PERSON_ROLES and words[0].lower() == "the" and len(words) <= 6:
            found = self._by_role(head, phrase_actor, mention.start, mention.text)
            if found is not None:
                self._remember(found[0], mention, found[1], person=True)
                return found[0], found[1], True
        label = mention.text
        if words[0].lower() == "the":
            label = label[3:].lstrip()
        person = head in PERSON_ROLES
        self._remember(label, mention, phrase_actor, person=person)
        return label, phrase_actor, person

    @staticmethod
    def _head_len(mention: Mention) -> int:
        first_link = mention.tags.find("O")
        return len(mention.words) if first_link < 0 else first_link

    def _by_role(self, role: str, actor: str, at: int, text: str) -> tuple[str, str] | None:
        """The nearest preceding named person whose title holds `role` (and fits the actor)."""
        pattern = re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)
        for offset, name, context in reversed(self._contexts()):
            if offset >= at:
                continue
            if pattern.search(context):
                name_actor = self.actor(context) or ""
                if not actor or not name_actor or name_actor == actor:
                    return name, name_actor
        if actor:
            for _, name, speaker_actor in reversed(self.persons):
                if speaker_actor == actor:
                    return name, speaker_actor
        return None

    def _remember(self, name: str, mention: Mention, actor: str, *, person: bool) -> None:
        record = (name, (mention.start, mention.end), actor)
        if person:
            self.last_person = record
        self.last_any = record
        self.speakers.append((mention.start, name, actor))
        if person and any(_is_name_word(w) for w in name.split()):
            self.persons.append((mention.start, name, actor))
