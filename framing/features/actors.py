"""Actor lexicon and matcher: who is mentioned where (issue 5, part 1).

An actor pack (lexicons/actors/*.toml) maps aliases -- names, people, institutions,
capitals used as metonyms, demonyms -- to actor groups ("Russia", "Ukraine", ...).
Packs combine; the matcher is one precompiled regex over all aliases (longest alias wins
at a position) followed by a few context rules kept in the pack's [match] table:
"pro-Russian"/"Russian-backed" are not Russia, "in Kyiv" is a place, not Ukraine.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from framing.lexicons import LexiconError, read_text, read_toml, trie_pattern

__all__ = [
    "KINDS",
    "ActorMatch",
    "ActorLexicon",
    "load_actor_lexicon",
]

log = logging.getLogger(__name__)

# TOML field -> mention kind, in order of preference when resolving a speaker phrase.
_FIELDS: dict[str, str] = {
    "people": "person",
    "institutions": "institution",
    "names": "name",
    "capitals": "capital",
    "demonyms": "demonym",
}
KINDS: tuple[str, ...] = tuple(_FIELDS.values())
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
_RULE_FIELDS = ("not_after", "not_before", "blocked", "locative", "place_nouns")
_ALLCAPS_MIN = 4  # aliases this long also match in ALL CAPS (headlines)
_CONTEXT = 24  # characters looked at on each side of a match by the context rules

# Between two matches of the same actor: a possessive and/or Capitalised Title Words
# ("Russian Foreign Minister Sergei Lavrov", "US Secretary of State Antony Blinken").
_TITLE_GAP = re.compile(r"(?:['’]s)?(?:\s+(?:[A-Z][\w.’'-]*|of))*\s+\Z")
# Prepositions after which an actor is a complement, not the head of a speaker phrase
# ("Russia's ambassador in Washington", "an envoy to the United States").
_PREPOSITION = re.compile(r"\b(?:to|in|at|from|with|against|toward|towards|on|about)\b")
_POSSESSIVE = re.compile(r"['’]s\s+\w")
_WORDS = re.compile(r"[\w’'-]+,?")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One alias occurrence: text[start:end] names `actor` through `alias` of `kind`."""

    start: int
    end: int
    actor: str
    alias: str
    kind: str


@dataclass(frozen=True)
class ActorLexicon:
    """Actor groups with their aliases, and the compiled matcher over all of them.

    `aliases` maps each alias (as written in the pack) to (actor, kind); `rules` holds the
    pack-level context rules (see the [match] table in lexicons/actors/ukraine-war.toml).
    """

    actors: tuple[str, ...]
    aliases: dict[str, tuple[str, str]]
    rules: dict[str, tuple[str, ...]]
    sources: tuple[str, ...] = ()
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _lookup: dict[str, tuple[str, str, str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, tuple[str, str, str] | None] = {}
        for alias, (actor, kind) in self.aliases.items():
            for variant in _variants(alias):
                lookup.setdefault(variant, (actor, alias, kind))
        for phrase in self.rules.get("blocked", ()):
            for variant in _variants(phrase):
                lookup[variant] = None  # matched so that it shadows shorter aliases, then dropped
        body = trie_pattern(lookup) or r"(?!x)x"
        object.__setattr__(self, "_regex", re.compile(rf"(?<![\w])(?:{body})(?![\w])"))
        object.__setattr__(self, "_lookup", lookup)

    # -- matching -------------------------------------------------------------------------

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Actor mentions in text[start:end], in order, offsets into `text`."""
        return self._find(text, start, len(text) if end is None else end, places=True)

    def _find(self, text: str, start: int, end: int, *, places: bool) -> list[ActorMatch]:
        raw: list[ActorMatch] = []
        for m in self._regex.finditer(text, start, end):
            entry = self._lookup[m.group()]
            if entry is None:
                continue
            actor, alias, kind = entry
            if self._blocked(text, m.start(), m.end()):
                continue
            if places and kind == "capital" and self._is_place(text, m.start(), m.end()):
                continue
            raw.append(ActorMatch(m.start(), m.end(), actor, alias, kind))
        return _merge_titles(text, raw)

    def _blocked(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - _CONTEXT) : start]
        after = text[end : end + _CONTEXT]
        return any(before.endswith(p) for p in self.rules.get("not_after", ())) or any(
            after.startswith(s) for s in self.rules.get("not_before", ())
        )

    def _is_place(self, text: str, start: int, end: int) -> bool:
        """A capital used as a location ("in Kyiv", "the Kyiv region"), not a metonym."""
        words = _WORDS.findall(text[max(0, start - _CONTEXT) : start])
        last = " ".join(words[-2:]).lower()
        if words and any(last == w or last.endswith(" " + w) for w in self.rules.get("locative", ())):
            return True
        following = _WORDS.match(text[end : end + _CONTEXT].lstrip())
        return following is not None and following.group().rstrip(",") in self.rules.get(
            "place_nouns", ()
        )

    def actor_of(self, phrase: str) -> str | None:
        """The actor group a speaker phrase belongs to, or None.

        A person or institution beats a name, capital or demonym; an actor that modifies
        the head -- after a preposition ("ambassador in Washington") or as a possessive
        ("Putin's Ukrainian counterpart") -- only counts when nothing better is there.
        """
        matches = self._find(phrase, 0, len(phrase), places=False)
        if not matches:
            return None

        def rank(match: ActorMatch) -> tuple[bool, int, int]:
            complement = bool(_PREPOSITION.search(phrase, 0, match.start)) and any(
                other.end <= match.start for other in matches
            )
            possessive = bool(_POSSESSIVE.match(phrase, match.end))  # "Putin's counterpart"
            return (complement or possessive, _KIND_RANK[match.kind], match.start)

        return min(matches, key=rank).actor

    # -- description ----------------------------------------------------------------------

    def aliases_of(self, actor: str) -> dict[str, list[str]]:
        """Aliases of one actor grouped by kind, in pack order."""
        grouped: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for alias, (owner, kind) in self.aliases.items():
            if owner == actor:
                grouped[kind].append(alias)
        return grouped

    def describe(self) -> str:
        """Plain-text listing of actors and aliases, for `framing actors show`."""
        lines = [f"{len(self.actors)} actors, {len(self.aliases)} aliases from "
                 + (", ".join(self.sources) or "(no packs)")]
        for actor in self.actors:
            lines.append(f"{actor}")
            for kind, aliases in self.aliases_of(actor).items():
                if aliases:
                    lines.append(f"  {kind + ':':<13}{', '.join(aliases)}")
        return "\n".join(lines)


def _variants(alias: str) -> set[str]:
    """The spellings an alias matches: as written, ALL CAPS if long, either apostrophe."""
    forms = {alias}
    if len(alias) >= _ALLCAPS_MIN:
        forms.add(alias.upper())
    for form in list(forms):
        if "'" in form:
            forms.add(form.replace("'", "’"))
    return forms


def _merge_titles(text: str, matches: list[ActorMatch]) -> list[ActorMatch]:
    """Join "<actor> <Title Words> <person/institution of the same actor>" into one match."""
    merged: list[ActorMatch] = []
    for match in matches:
        if merged:
            prev = merged[-1]
            if (
                prev.actor == match.actor
                and match.kind in ("person", "institution")
                and match.start - prev.end <= 60
                and _TITLE_GAP.match(text, prev.end, match.start)
            ):
                merged[-1] = ActorMatch(prev.start, match.end, match.actor, match.alias, match.kind)
                continue
        merged.append(match)
    return merged


# -- loading ----------------------------------------------------------------------------------


def load_actor_lexicon(
    paths: Sequence[str | Path] = (), *, bundled: Sequence[str] = ("ukraine-war",)
) -> ActorLexicon:
    """Combine bundled packs (lexicons/actors/NAME.toml) and user pack files, in that order.

    A later pack may add aliases to an existing actor or re-assign an alias to another
    actor. Raises LexiconError (one line: file, line, problem) on a malformed pack.
    """
    sources = tuple(f"actors/{name}.toml" for name in bundled) + tuple(
        str(Path(p)) for p in paths
    )
    return _load(sources)


@lru_cache(maxsize=16)
def _load(sources: tuple[str, ...]) -> ActorLexicon:
    actors: list[str] = []
    aliases: dict[str, tuple[str, str]] = {}
    rules: dict[str, list[str]] = {name: [] for name in _RULE_FIELDS}
    for source in sources:
        location, display = _locate(source)
        data = read_toml(location)
        text = read_text(location)
        _parse_pack(data, display, text, actors, aliases, rules)
    return ActorLexicon(
        actors=tuple(actors),
        aliases=aliases,
        rules={k: tuple(dict.fromkeys(v)) for k, v in rules.items()},
        sources=sources,
    )


def _locate(source: str) -> tuple[str | Path, str]:
    """What to hand to framing.lexicons readers for a source, and its display name:
    bundled packs ("actors/NAME.toml") by name, a user's pack as a Path."""
    if not source.startswith("actors/"):
        return Path(source), source
    return source, f"lexicons/{source}"


def _line_of(text: str, needle: str) -> int:
    """1-based line where `needle` first occurs (0 when absent): locates schema errors."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of strings")
    if any(not v.strip() or v != v.strip() for v in value):
        raise ValueError(f"{where} has an empty alias or one with surrounding spaces")
    return value


def _parse_pack(
    data: dict[str, Any],
    name: str,
    text: str,
    actors: list[str],
    aliases: dict[str, tuple[str, str]],
    rules: dict[str, list[str]],
) -> None:
    def fail(problem: str, needle: str) -> LexiconError:
        line = _line_of(text, needle)
        return LexiconError(f"{name}:{line}: {problem}" if line else f"{name}: {problem}")

    unknown = set(data) - {"pack", "match", "actors"}
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f"unknown table [{key}] (expected pack, match, actors)", f"[{key}")
    table = data.get("actors")
    if not isinstance(table, dict) or not table:
        raise fail("no [actors.NAME] tables", "[actors")
    match = data.get("match", {})
    if not isinstance(match, dict):
        raise fail("[match] must be a table", "match")
    for key, value in match.items():
        if key not in _RULE_FIELDS:
            raise fail(f"[match]: unknown field {key!r} (expected {', '.join(_RULE_FIELDS)})", key)
        try:
            rules[key].extend(_strings(value, f"[match] {key}"))
        except ValueError as exc:
            raise fail(str(exc), key) from None
    for actor, spec in table.items():
        header = f"actors.{actor}" if actor.isidentifier() else f'actors."{actor}"'
        if not actor.strip():
            raise fail("empty actor id", "[actors")
        if not isinstance(spec, dict):
            raise fail(f"actor {actor!r}: expected a table of alias lists", header)
        count = 0
        for key, value in spec.items():
            if key not in _FIELDS:
                expected = ", ".join(_FIELDS)
                raise fail(f"actor {actor!r}: unknown field {key!r} (expected {expected})", header)
            try:
                values = _strings(value, f"actor {actor!r}: {key}")
            except ValueError as exc:
                raise fail(str(exc), header) from None
            for alias in values:
                previous = aliases.get(alias)
                if previous is not None and previous[0] != actor:
                    log.debug("%s: alias %r moves from %s to %s", name, alias, previous[0], actor)
                aliases[alias] = (actor, _FIELDS[key])
                count += 1
        if count == 0:
            raise fail(f"actor {actor!r} has no aliases", header)
        if actor not in actors:
            actors.append(actor)
