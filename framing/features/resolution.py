"""Name resolution for quote speakers: pronouns, descriptions and surnames -> names -> actors.

The speaker phrases come from speakers.py (np_before / np_after); `SpeakerResolver` walks
one article's mentions in text order and resolves "he", "the president" and "Austin" to
the last fitting named speaker ("Lloyd Austin"), and each name or phrase to an actor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from framing.features.cues import PERSON_ROLES, ROLES
from framing.features.quote_names import NameRuns
from framing.features.speakers import Mention, is_name_word, person_name_of, run_name

__all__ = ["SpeakerResolver"]


# Speaker phrases recur across articles ("Trump", "the Kremlin"): the answers of one
# actor_of (a pure function of the phrase) are kept across articles, in a plain dict
# cleared when it grows too large; a few actor_of functions (lexicons) at most are kept.
_ACTOR_CACHES: dict[Callable[[str], str | None], dict[str, str | None]] = {}
_ACTOR_CACHE_MAX = 100_000


def _actor_cache(actor_of: Callable[[str], str | None] | None) -> dict[str, str | None]:
    if actor_of is None:
        return {}
    cache = _ACTOR_CACHES.get(actor_of)
    if cache is None:
        if len(_ACTOR_CACHES) >= 4:
            _ACTOR_CACHES.clear()
        cache = _ACTOR_CACHES[actor_of] = {}
    return cache


@lru_cache(maxsize=256)
def _role_pattern(role: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(role)}\b", re.IGNORECASE)


class SpeakerResolver:
    """Resolves mentions to names in one article, in text order (holds the article state)."""

    def __init__(self, text: str, blocks, actor_of: Callable[[str], str | None] | None) -> None:
        self.text = text
        self.actor_of = actor_of
        self.last_person: tuple[str, tuple[int, int], str] | None = None
        self.last_any: tuple[str, tuple[int, int], str] | None = None
        self.persons: list[tuple[int, str, str]] = []  # named people among the speakers
        self._actor_cache = _actor_cache(actor_of)
        self._names = NameRuns(text, blocks, run_name)  # full-name runs, read on need

    def actor(self, phrase: str) -> str | None:
        if self.actor_of is None or not phrase:
            return None
        cache = self._actor_cache
        if phrase in cache:
            return cache[phrase]
        if len(cache) > _ACTOR_CACHE_MAX:
            cache.clear()
        try:
            found = cache[phrase] = self.actor_of(phrase)
        except Exception:  # a broken actor lexicon must not stop quote extraction
            found = cache[phrase] = None
        return found

    def _full(self, surname: str, at: int) -> str | None:
        options = self._names.named(surname)
        if not options:
            return None
        before = [name for offset, _, name, _ in options if offset <= at]
        return before[-1] if before else options[0][2]

    def _context_of(self, name: str) -> str:
        """The title context of the first full-name run of `name` (only that one is read);
        a one-word name has no full-name run."""
        words = name.split()
        if len(words) >= 2:
            for run in self._names.named(words[-1]):
                if run[2] == name:
                    return self._names.context(run)
        return name

    def resolve(self, mention: Mention) -> tuple[str | None, str, bool]:
        """(speaker name or None, actor or "", is_person) for a mention, updating the state."""
        words = mention.words
        if mention.is_pronoun:
            lower = words[0].lower()
            prior = self.last_person if lower in ("he", "she", "i") else self.last_any
            if prior is None:
                return None, "", True
            return prior[0], prior[2], lower in ("he", "she")
        first_link = mention.tags.find("O")
        head_words = words if first_link < 0 else words[:first_link]  # words: a tuple
        name = person_name_of(head_words) or (
            person_name_of(words) if first_link >= 0 and mention.tags.endswith("CC") else None
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

    def _by_role(self, role: str, actor: str, at: int, text: str) -> tuple[str, str] | None:
        """The nearest preceding named person whose title holds `role` (and fits the actor)."""
        pattern = _role_pattern(role)
        for run in self._names.before(at):
            name, context = run[2], self._names.context(run)
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
        if person and any(is_name_word(w) for w in name.split()):
            self.persons.append((mention.start, name, actor))
