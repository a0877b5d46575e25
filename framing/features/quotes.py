"""Quotes: direct, partial, scare and indirect, each with its speaker, actor and cue.

Stages (after BBC citron's cue -> source -> content split, but with rules, not models):
1. marks:   pair quotation marks block by block (cues.find_quote_regions).
2. cues:    one regex pass over the clean blocks for reporting cues (cues.CueLexicon).
3. source:  for each quote, the nearest cue in its sentence(s) with a speaker phrase next to
            it, else "X: “…”", "“…” — X", else the previous quote in the paragraph.
   posts:   embedded posts ("text — Name (@handle) Date", embedded_posts.py) are direct
            quotes of the display name, unless a quote in marks already covers them.
4. indirect: a cue with a speaker and a clause ("X said (that) …", "…, X said.",
            "according to X, …").
5. resolve: pronouns, descriptions and surnames -> names -> actors (speakers.py).
All offsets are raw-text offsets inside `doc.blocks`.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from framing.features.cues import (
    TIME_WORDS,
    CueLexicon,
    QuoteRegion,
    find_quote_regions,
    in_region,
    load_anonymity,
    load_cues,
    strip_span,
)
from framing.features.embedded_posts import EmbeddedPost, find_embedded_posts
from framing.features.quote_marks import first_words as _first_words
from framing.features.quote_marks import has_words as _has_words
from framing.features.resolution import SpeakerResolver
from framing.features.speakers import Mention, mention_at, np_after, np_before, subject_of
from framing.text import Segmented, Span

__all__ = ["Quote", "extract_quotes", "quote_scores", "quotes_by_actor", "KINDS"]

KINDS = ("direct", "partial", "indirect", "scare")

# A quoted fragment of at most this many words with no speaker and no cue is a scare quote.
SCARE_MAX_WORDS = 4
# A quoted fragment of at most this many words, all capitalised, is a name or title.
TITLE_MAX_WORDS = 6
# An indirect clause needs at least this many words.
INDIRECT_MIN_WORDS = 3


class Quote(NamedTuple):
    """One attribution: content span (without quote marks), kind, speaker, actor and cue.

    A NamedTuple (immutable, like the frozen dataclasses elsewhere): an article has about
    twenty, each built and written out once, and tuples build and serialise faster."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    actor: str
    cue: str | None
    cue_span: tuple[int, int] | None
    cue_class: str | None
    anonymous: bool

    def to_json(self) -> dict[str, Any]:
        speaker_span, cue_span = self[5], self[8]
        return {
            "start": self[0],
            "end": self[1],
            "text": self[2],
            "kind": self[3],
            "speaker": self[4],
            "speaker_span": [speaker_span[0], speaker_span[1]] if speaker_span else None,
            "actor": self[6],
            "cue": self[7],
            "cue_span": [cue_span[0], cue_span[1]] if cue_span else None,
            "cue_class": self[9],
            "anonymous": self[10],
        }


# --------------------------------------------------------------------------- 2-4. attribution


@dataclass(slots=True)
class _Item:
    """A quote or indirect attribution before resolution."""

    start: int
    end: int
    kind: str
    key: tuple[int, int]
    mention: Mention | None = None
    cue: tuple[int, int] | None = None
    inherit: bool = False  # speaker from the previous quote (floating quote)
    anonymous: bool = False


_LEAD = re.compile(r"[\s\-—–•*]*")
_TITLE_SMALL = frozenset("of the a an and in on for to at by de la le von van der al".split())
_AFTER_CLOSE = re.compile(r"\s*(?:[,.;:!?…]|[—–-]\s|$)")
_DASH_AFTER = re.compile(r"\s*[,]?\s*(?:[—–―-]{1,2}|--)\s*")
_THAT = re.compile(r"\s*(?:,\s*)?that\b\s*", re.IGNORECASE)
_OBJECT_CUES = frozenset(
    "told tell tells telling informed informs assured assures warned warns urged urges reminded "
    "reminds accused accuses".split()
)
_ADVERBIAL = re.compile(
    r"\s*(?:(?:on|in|at|during|late|early|earlier|later|last|this|after|before|via|from|to|through)\b[^,.;:“\"”]{0,60}?(?=\s+that\b)\s+)?that\b\s*",
    re.IGNORECASE,
)
_ADJACENT = re.compile(r"\s*(?:that\b)?\s*[:,]?\s*", re.IGNORECASE)
_ACCORDING = re.compile(r"according\s+to", re.IGNORECASE)
_END_PUNCT = ".!?…;:,\"'”’»)"
_COMMA = re.compile(r"\s*,\s*")
_PUNCT_GAP = re.compile(r"\s*[,:]?\s*")


def _is_title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


# ", who (also/has/had …)" right before a cue: a relative clause's subject.
_WHO_BEFORE = re.compile(r",\s*who(?:\s+(?:also|has|had|have|later|previously|earlier|then|once|again|repeatedly|often))*\s+$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w’'-]*)")
# Words that may follow an inverted speaker ("…, said Smith in a statement / on Monday").
_AFTER_INVERTED = TIME_WORDS | frozenset(
    "in on at of for to from with by about after before during near via and who whose which "
    "yesterday today tonight recently earlier later then afterward afterwards too also again last this".split()
)


_TIME_PHRASE_START = TIME_WORDS | frozenset(
    "during after before at in yesterday today tonight earlier later last this".split()
)


def _adverbial_follows(text: str, pos: int, hi: int) -> bool:
    """Does a time or place phrase follow a cue ("…, the Pentagon head said on Tuesday
    during a meeting …"), so that what was said lies before it? Not a complement:
    "called for …", "called on the West to …", "promised to …"."""
    m = _NEXT_WORD.match(text, pos, hi)
    if m is None:
        return False
    word = m.group(1).lower()
    if word == "on":
        m = _NEXT_WORD.match(text, m.end(), hi)
        return m is not None and m.group(1).lower() in TIME_WORDS
    return word in _TIME_PHRASE_START


def _clause_follows(text: str, mention: Mention, hi: int) -> bool:
    """Does a clause follow the phrase after a cue ("said he decided", "said Clinton
    should"), making that phrase its subject rather than an inverted speaker ("…, said Smith.")?"""
    if mention.is_pronoun:
        return True
    m = _NEXT_WORD.match(text, mention.end, hi)
    return m is not None and m.group(1).islower() and m.group(1) not in _AFTER_INVERTED


_UNSET = object()


class _Extractor:
    def __init__(
        self,
        doc: Segmented,
        actor_of: Callable[[str], str | None] | None,
        cues: CueLexicon,
        posts: Sequence[EmbeddedPost] | None = None,
    ) -> None:
        self.doc = doc
        self.posts = find_embedded_posts(doc.text, doc.blocks) if posts is None else posts
        self.text = doc.text
        self.cues = cues
        self.actor_of = actor_of
        self.anon = load_anonymity()
        self.block_starts = [b.start for b in doc.blocks]
        self.sentence_ends = [s.end for s in doc.sentences]
        self.memo: dict[tuple[Any, ...], Any] = {}
        self.before_memo: dict[tuple[int, int], Mention | None | object] = {}
        self.after_memo: dict[tuple[int, int], Mention | None | object] = {}

    # Noun-phrase and anonymity look-ups repeat (a quote's cue is also an indirect-speech
    # candidate), so they are memoised per article: pure functions of text and offsets.
    def np_before(self, end: int, lo: int) -> Mention | None:
        key = (end, max(lo, end - 200))  # its window: the same result
        found = self.before_memo.get(key, _UNSET)
        if found is _UNSET:
            found = self.before_memo[key] = np_before(self.text, end, key[1])
        return found  # type: ignore[return-value]

    def np_after(self, start: int, hi: int) -> Mention | None:
        key = (start, hi)
        found = self.after_memo.get(key, _UNSET)
        if found is _UNSET:
            found = self.after_memo[key] = np_after(self.text, start, hi)
        return found  # type: ignore[return-value]

    def subject_of(self, start: int, end: int) -> Mention | None:
        key = (None, start, end)
        if key not in self.memo:
            self.memo[key] = subject_of(self.text, start, end)
        return self.memo[key]

    def anonymous_sentence(self, lo: int, hi: int) -> bool:
        key = (lo, hi)
        if key not in self.memo:
            self.memo[key] = self.anon.in_sentence(self._outside_quotes(lo, hi))
        return self.memo[key]

    def block_of(self, pos: int) -> Span:
        return self.doc.blocks[bisect.bisect_right(self.block_starts, pos) - 1]

    def sentence(self, pos: int) -> Span:
        """`doc.sentence_at(pos)` (the first sentence ending after pos, if it holds pos),
        else the block: one bisect over the sentence ends."""
        i = bisect.bisect_right(self.sentence_ends, pos)
        if i < len(self.sentence_ends) and self.doc.sentences[i].start <= pos:
            return self.doc.sentences[i]
        return self.block_of(pos)

    def run(self) -> tuple[Quote, ...]:
        text, blocks = self.text, self.doc.blocks
        if not blocks:
            return ()
        regions = find_quote_regions(text, blocks)
        self.regions = regions
        self.region_opens = [r.open for r in regions]
        cue_spans = self.cues.find_all(text, blocks)
        if regions:
            cue_spans = [cue for cue in cue_spans if not in_region(regions, self.region_opens, cue[0])]
        self.cue_spans = cue_spans
        self.cue_starts = [c[0] for c in cue_spans]
        items = [self.quote_item(r) for r in regions]
        items += self.post_items(items)
        used = {it.cue: it for it in items if it.cue is not None}
        for cue in cue_spans:
            owner = used.get(cue)
            if owner is not None and owner.start < cue[0] and owner.kind == "direct":
                continue  # "“…,” X said …": the cue belongs to the quote before it
            item = self.indirect_item(cue, cue in used)
            if item is not None:
                items.append(item)
        items.sort(key=lambda it: it.key)
        return self.resolve(items)

    # ---- quotes

    def cues_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.cue_starts, lo)
        j = bisect.bisect_left(self.cue_starts, hi)
        return self.cue_spans[i:j]

    def quote_item(self, r: QuoteRegion) -> _Item:
        text = self.text
        s_open, s_close = self.sentence(r.open), self.sentence(max(r.open, r.close - 1))
        lo, hi = s_open.start, max(s_close.end, r.close + 1)
        # Only the first TITLE_MAX_WORDS + 1 words matter (n is compared with thresholds
        # up to that, and the words are read only when n <= TITLE_MAX_WORDS).
        words = _first_words(text, r.start, r.end, TITLE_MAX_WORDS + 1)
        n = len(words)
        lead = text[lo : r.open]
        at_start = _LEAD.fullmatch(lead) is not None
        prev = lead.rstrip()
        after_colon = prev.endswith(":")
        after_cue_comma = prev.endswith(",") and bool(self.cues_between(max(lo, r.open - 60), r.open)) and (text[r.start : r.start + 1].isupper() or n >= 4)
        closes_clause = _AFTER_CLOSE.match(text, r.close + 1, hi + 1) is not None or text[r.end - 1] in ".,!?…"
        item = _Item(r.start, r.end, "partial", (lo, r.open))
        # cue + speaker: a cue right before the quote ("X said (that) “…"), else the nearest
        # cue after it in the same sentence, else the nearest before it.
        after = self._outside_regions(self.cues_between(r.close + 1, hi))
        before = self._outside_regions(self.cues_between(lo, r.open))
        candidates = [(r.open - c[1], 1, c) for c in before[-3:]] + [(c[0] - r.close, 2, c) for c in after[:3]]
        if before and _ADJACENT.fullmatch(text, before[-1][1], r.open) is not None:
            candidates.append((-1, 1, before[-1]))  # "X said (that) “…"
        for _, side, cue in sorted(candidates):
            mention = self.speaker_of(cue, lo if side == 1 else r.close + 1, r.open if side == 1 else hi, s_open)
            if mention is not None:
                item.mention, item.cue = mention, cue
                break
        if item.mention is None and after_colon:
            item.mention = self.np_before(len(prev) + lo - 1, lo)
        if item.mention is None:
            dash = _DASH_AFTER.match(text, r.close + 1, hi)
            if dash is not None:
                item.mention = self.np_after(dash.end(), hi)
        attributed = item.mention is not None
        direct_position = (at_start or after_colon or after_cue_comma) and closes_clause
        # "…,” X said": the quote ends its clause and the attribution follows it.
        speech_then_source = (
            (at_start or prev.endswith((",", ":", ";")) or prev == "")
            and item.cue is not None and item.cue[0] > r.close and n >= 3
            and (text[r.end - 1] in ",.!?…" or text[r.close + 1 : r.close + 2] == ",")
        )
        if (direct_position and n >= 2) or speech_then_source or (
            n >= 5 and words[0][0].isupper() and text[r.end - 1] in ".,!?…"
            and (at_start or prev.endswith((",", ":", ";", "—", "–")))
        ):
            item.kind = "direct"
        elif n <= TITLE_MAX_WORDS and _is_title_case(words) and not after_colon:
            item.kind = "scare"
        elif not attributed and n <= SCARE_MAX_WORDS:
            item.kind = "scare"
        if item.kind == "scare":
            item.mention, item.cue = None, None
            return item
        if not attributed and item.kind == "direct":
            item.mention = self._floating(r, s_open, s_close)
            if item.mention is None:
                item.inherit = True
        if item.mention is not None or item.cue is not None:
            mention_text = item.mention.text + " " + item.mention.appositive if item.mention else ""
            item.anonymous = self.anon.in_mention(mention_text) or self.anonymous_sentence(lo, hi)
        return item

    def post_items(self, quote_items: list[_Item]) -> list[_Item]:
        """Embedded posts ("text — Name (@handle) Date") as direct quotes of the display
        name, unless a quote in marks already covers most of the post."""
        items = []
        for post in self.posts:
            covered = sum(
                max(0, min(post.end, q.end) - max(post.start, q.start))
                for q in quote_items
                if q.kind in ("direct", "partial") and q.start < post.end and q.end > post.start
            )
            if covered >= 0.5 * (post.end - post.start):
                continue
            mention = mention_at(self.text, post.name_start, post.name_end)
            items.append(_Item(post.start, post.end, "direct", (post.start, post.start), mention))
        return items

    def speaker_of(self, cue: tuple[int, int], lo: int, hi: int, sentence: Span) -> Mention | None:
        """The speaker phrase of a cue: before it ("X said"), after it ("said X"), or for a
        participle ("…, saying") the sentence's subject; never the object of "told X"."""
        text = self.text
        word = text[cue[0] : cue[1]]
        if word.endswith("ing") and text[lo : cue[0]].rstrip().endswith(","):
            return self.subject_of(sentence.start, cue[0])
        mention = self.np_before(cue[0], lo)
        if mention is None and word not in _OBJECT_CUES and not word.endswith("ing"):
            mention = self.np_after(cue[1], hi)
        return mention

    def _outside_regions(self, cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The cues not inside a quote (cues_between can reach into another quote)."""
        regions, opens = self.regions, self.region_opens
        return [c for c in cues if not in_region(regions, opens, c[0])] if cues else cues

    def _quoted(self, start: int, end: int) -> int:
        """How many characters of text[start:end] lie inside quotes (marks included)."""
        covered = 0
        regions = self.regions
        for i in range(max(0, bisect.bisect_left(self.region_opens, start) - 1), len(regions)):
            r = regions[i]
            if r.open >= end:
                break  # regions are sorted by their opening mark
            covered += max(0, min(end, r.close + 1) - max(start, r.open))
        return covered

    def _outside_quotes(self, lo: int, hi: int) -> str:
        i = bisect.bisect_left(self.region_opens, lo)
        if i == len(self.regions) or self.regions[i].open >= hi:
            return self.text[lo:hi]  # no quote opens in it (the usual case)
        parts, pos = [], lo
        while i < len(self.regions) and self.regions[i].open < hi:
            parts.append(self.text[pos : self.regions[i].open])
            pos = max(pos, self.regions[i].close + 1)
            i += 1
        parts.append(self.text[pos:hi])
        return " ".join(parts)

    def _floating(self, r: QuoteRegion, s_open: Span, s_close: Span) -> Mention | None:
        """Speaker of an unattributed full quote from the next sentence ("… .” He added.")
        or the previous one ending in "X said:" / 'Guterres said.'; None to inherit."""
        text, block = self.text, self.block_of(r.open)
        if s_close.end < block.end:
            nxt = self.sentence(min(block.end - 1, s_close.end + 1))
            if nxt.start > s_close.start:
                for cue in self.cues_between(nxt.start, min(nxt.end, nxt.start + 60)):
                    mention = self.np_before(cue[0], nxt.start)
                    if mention is not None and text[nxt.start : mention.start].strip() == "":
                        return mention
                    break
        if s_open.start == block.start and block.start > 0:
            index = bisect.bisect_right(self.block_starts, block.start) - 2
            if index >= 0:
                prev_block = self.doc.blocks[index]
                if text[prev_block.end - 1] == ":":
                    prev = self.sentence(prev_block.end - 1)
                    for cue in reversed(self.cues_between(prev.start, prev.end)):
                        mention = self.speaker_of(cue, prev.start, prev.end, prev)
                        if mention is not None:
                            return mention
                    return self.subject_of(prev.start, prev.end)
        if s_open.start > block.start:
            prev = self.sentence(s_open.start - 1)
            tail = text[prev.start : prev.end].rstrip()
            if tail.endswith(":") or not _has_words(tail, 0, len(tail), 9):
                cues = self._outside_regions(self.cues_between(prev.start, prev.end))
                for cue in reversed(cues):
                    mention = self.speaker_of(cue, prev.start, prev.end, prev)
                    if mention is not None:
                        return mention
        return None

    # ---- indirect

    def indirect_item(self, cue: tuple[int, int], used: bool) -> _Item | None:
        text = self.text
        sent = self.sentence(cue[0])
        lo, hi = sent.start, sent.end
        while hi > lo and text[hi - 1] in _END_PUNCT:
            hi -= 1
        word = text[cue[0] : cue[1]].lower()
        if word.startswith("according") or (not word.isascii() and _ACCORDING.fullmatch(word.replace("\n", " "))):
            mention = self.np_after(cue[1], sent.end)
            if mention is None:
                return None
            if text[lo : cue[0]].strip(" ,") == "":
                m = _COMMA.match(text, mention.end)
                start = m.end() if m else mention.end
                span = (start, hi)
            else:
                span = (lo, cue[0])
        elif word.endswith("ing") and text[lo : cue[0]].rstrip().endswith(","):
            # "X did Y, saying (that) Z": the sentence's subject speaks, Z is what was said
            # (never the clause before the participle, nor the subject of Z after it); after
            # an attribution ("…, Ukraine's armed forces stated, adding that Z") its speaker.
            mention = None
            for earlier in reversed(self.cues_between(lo, cue[0])):
                mention = self.speaker_of(earlier, lo, hi, sent)
                if mention is not None:
                    break
            if mention is None:
                mention = self.subject_of(lo, cue[0])
            if mention is None:
                return None
            span = (self._content_start(cue, word, hi), hi)
        else:
            mention = self.np_before(cue[0], lo)
            relative = None if mention is not None else _WHO_BEFORE.search(text, max(lo, cue[0] - 40), cue[0])
            if relative is not None:
                # "Barkley, who said he typically votes democratic, said …": the phrase before
                # "who" speaks; the relative clause ends at its closing comma.
                mention = self.np_before(relative.start(), lo)
                if mention is None:
                    return None
                start = self._content_start(cue, word, hi)
                comma = text.find(",", start, hi)
                span = (start, hi if comma < 0 else comma)
            elif mention is None:
                if text[lo : cue[0]].rstrip()[-1:] not in (",", "”", '"'):
                    return None  # "…, said X" needs the clause before the cue
                mention = self.np_after(cue[1], sent.end)
                if mention is None:
                    return None
                if text[lo : cue[0]].rstrip().endswith(",") and _clause_follows(text, mention, hi):
                    # "Bamberg, who is 28, said he decided …": not "…, said X" but a subject
                    # and its appositive before the cue, and the reported clause after it.
                    mention = self.subject_of(lo, cue[0])
                    if mention is None:
                        return None
                    span = (self._content_start(cue, word, hi), hi)
                else:
                    span = (lo, cue[0])
            else:
                rest = text[cue[1] : hi]
                head = text[lo : mention.start].rstrip()
                if head.endswith((",", "”", '"')) and " that " not in f" {rest} " and (
                    not _has_words(text, cue[1], hi, 7)
                    or _adverbial_follows(text, cue[1], hi) and _has_words(text, lo, mention.start, 7)
                ):
                    span = (lo, mention.start)
                else:
                    span = (self._content_start(cue, word, hi), hi)
        start, end = strip_span(text, *span)
        while end > start and text[end - 1] in _END_PUNCT:
            end -= 1
        while start < end and text[start] in ",;:—–- ":
            start += 1
        if not _has_words(text, start, end, INDIRECT_MIN_WORDS):
            return None
        if self._quoted(start, end) >= 0.6 * (end - start):
            return None  # the clause is a direct quote, already attributed
        mention_text = mention.text + " " + mention.appositive
        anonymous = self.anon.in_mention(mention_text) or self.anonymous_sentence(sent.start, sent.end)
        return _Item(start, end, "indirect", (sent.start, mention.start), mention, cue, anonymous=anonymous)

    def _content_start(self, cue: tuple[int, int], word: str, hi: int) -> int:
        """Where the reported clause after a cue begins: past the object of "told X",
        an adverbial and "that" ("said on Monday that …"), or a comma or colon."""
        text, start = self.text, cue[1]
        if word in _OBJECT_CUES:
            obj = self.np_after(cue[1], hi)
            if obj is not None:
                start = obj.end
        m = _ADVERBIAL.match(text, start, hi)
        if m is not None:
            return m.end()
        m = _PUNCT_GAP.match(text, start, hi)
        return m.end() if m else start

    # ---- 5. resolution

    def resolve(self, items: list[_Item]) -> tuple[Quote, ...]:
        text = self.text
        resolver = SpeakerResolver(text, self.doc.blocks, self.actor_of)
        quotes: list[Quote] = []
        previous: Quote | None = None
        previous_block = -1
        cue_names: dict[str, tuple[str, str | None]] = {}  # cue as written -> (cue, class)
        new_quote = tuple.__new__  # Quote(...) without the NamedTuple constructor's overhead
        for item in items:
            speaker: str | None = None
            span: tuple[int, int] | None = None
            actor = "unknown"
            anonymous = item.anonymous
            cue = item.cue
            if item.mention is not None:
                name, found_actor, _ = resolver.resolve(item.mention)
                speaker, span = name, (item.mention.start, item.mention.end)
                actor = found_actor or ("other" if name else "unknown")
            elif item.inherit and previous is not None and previous.kind in ("direct", "partial"):
                block = bisect.bisect_right(self.block_starts, item.start) - 1
                if block - previous_block <= 1:
                    speaker, span, actor = previous.speaker, previous.speaker_span, previous.actor
                    anonymous = previous.anonymous
                    cue = previous.cue_span
            if item.kind == "scare":
                cue, speaker, span, actor, anonymous = None, None, None, "unknown", False
            cue_word, cue_class = None, None
            if cue:
                raw = text[cue[0] : cue[1]]
                named = cue_names.get(raw)
                if named is None:
                    named = cue_names[raw] = (" ".join(raw.split()), self.cues.class_of(raw))
                cue_word, cue_class = named
            quote = new_quote(
                Quote,
                (item.start, item.end, text[item.start : item.end], item.kind, speaker, span, actor,
                 cue_word, cue, cue_class, anonymous),
            )
            quotes.append(quote)
            if item.kind in ("direct", "partial") and (speaker is not None or item.inherit):
                previous = quote
                previous_block = bisect.bisect_right(self.block_starts, item.start) - 1
        quotes.sort(key=lambda q: (q.start, q.end, q.kind))
        return tuple(quotes)


def extract_quotes(
    doc: Segmented,
    *,
    actor_of: Callable[[str], str | None] | None = None,
    cues: CueLexicon | None = None,
    posts: Sequence[EmbeddedPost] | None = None,
) -> tuple[Quote, ...]:
    """All quotes and attributions in the clean blocks of `doc`, sorted by start offset.
    `posts`: the embedded posts of `doc` when the caller has them (else found here)."""
    return _Extractor(doc, actor_of, cues or load_cues(), posts).run()


# --------------------------------------------------------------------------- scores


def quotes_by_actor(quotes: Iterable[Quote], doc: Segmented) -> dict[str, tuple[int, int]]:
    """actor -> (quotes, quoted words) over the direct, partial and indirect quotes; quoted
    words are the segmenter's tokens of the union of the actor's quote spans
    (`Segmented.words_in`), so a word in two of its quotes counts once."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in quotes:
        if q.kind != "scare":
            spans[q.actor].append((q.start, q.end))
    table: dict[str, tuple[int, int]] = {}
    words_in = doc.words_in
    for actor, found in spans.items():
        # A partial quote often lies inside the clause an indirect quote reports.
        found.sort()
        words, (start, end) = 0, found[0]
        for s, e in found[1:]:
            if s < end:
                end = max(end, e)
            else:
                words += words_in(start, end)
                start, end = s, e
        table[actor] = (len(found), words + words_in(start, end))
    return table


def quote_scores(
    quotes: Iterable[Quote], doc: Segmented, by_actor: dict[str, tuple[int, int]] | None = None
) -> dict[str, Any]:
    """Per-article quote scores: rates per 1,000 words, anonymous share, and per-actor
    shares of quoted words and cue-class counts (over direct, partial and indirect quotes).
    `by_actor`: `quotes_by_actor(quotes, doc)` when the caller has it."""
    quotes = tuple(quotes)
    speech = [q for q in quotes if q.kind != "scare"]
    scare = len(quotes) - len(speech)
    word_count = doc.word_count
    per_k = 1000.0 / word_count if word_count > 0 else 0.0
    if by_actor is None:
        by_actor = quotes_by_actor(speech, doc)
    classes: dict[str, dict[str, int]] = defaultdict(dict)
    for q in speech:
        if q.cue_class is not None:
            bucket = classes[q.actor]
            bucket[q.cue_class] = bucket.get(q.cue_class, 0) + 1
    total = sum(words for _, words in by_actor.values())
    return {
        "quotes_per_1k_words": len(speech) * per_k,
        "scare_quotes_per_1k_words": scare * per_k,
        "anonymous_share": (sum(q.anonymous for q in speech) / len(speech)) if speech else None,
        "quoted_words_share_by_actor": {a: w / total for a, (_, w) in sorted(by_actor.items())} if total else {},
        "cue_class_counts_by_actor": {a: dict(sorted(c.items())) for a, c in sorted(classes.items())},
    }
