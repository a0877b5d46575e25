"""Boilerplate detection on plain text: which lines are navigation, teasers, captions...

Each block (a non-blank line, see `framing.text.split_blocks`) is classified as content or
as boilerplate with one of `CATEGORIES`. Signals are combined rather than trusting one rule:

1. the pattern lexicon `lexicons/boilerplate.csv` (whole-line and floating patterns, a
   category each; compiled and matched in `boilerplate_patterns`, which screens lines
   with facts from each pattern's parse tree, `boilerplate_screens`, so a line costs a
   few set look-ups rather than a regex per pattern);
2. repetition: a line seen before in the same article (`duplicate`), a line seen in several
   articles of the same outlet (`RepeatedLines`, a streaming corpus pre-pass in
   `boilerplate_repeated`), the title repeated in the body (`title_echo`);
3. jusText-style context-free classes from block features (length, stopword density,
   sentence-final punctuation, truncation, link share), then a context revision: the body
   runs from the first to the last good block, and only sentence-like or heading-like lines
   next to it are kept at the head and tail (document edges count as bad).

Unlike jusText, a short line inside the body is kept: one-sentence paragraphs and short
quotes are normal in news. See benchmarks/eval_boilerplate.py for the measured figures and
benchmarks/boilerplate_speed.py for the cost per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from framing.features.boilerplate_patterns import Patterns, load_patterns
from framing.features.boilerplate_repeated import (  # noqa: F401 - re-exported
    REPEAT_MIN_ARTICLES,
    REPEAT_PROSE_CHARS,
    REPEAT_PROSE_MIN_ARTICLES,
    RepeatedLines,
    _line_hash,
    _normalise,
    _normalise_lowered,
    _SENTENCE_END,
    lowered,
)
from framing.lexicons import LexiconError, read_csv, read_wordlist
from framing.text import Span, split_blocks

__all__ = [
    "CATEGORIES",
    "BoilerplateBlock",
    "BoilerplateResult",
    "RepeatedLines",
    "detect_boilerplate",
    "stopwords",
]

CATEGORIES: tuple[str, ...] = (
    "navigation",
    "teaser",
    "share",
    "caption",
    "credit",
    "newsletter",
    "ad",
    "site_notice",
    "title_echo",
    "duplicate",
)

# --- thresholds (jusText style: named, tested at their boundaries) -------------------------
LENGTH_LOW = 70  # chars: below this a line without a sentence end is "short"
LENGTH_HIGH = 200  # chars: at or above this a stopword-dense line is "good" on its own
STOPWORDS_LOW = 0.30  # stopword density at or above which a long line is "near-good"
STOPWORDS_HIGH = 0.32  # stopword density at or above which a long line is "good"
STOPWORDS_SENTENCE = 0.15  # a short line ending like a sentence needs this density
GOOD_WORDS = 40  # words: boilerpipe's "over 40 words is content" (with STOPWORDS_SENTENCE)
MIN_SENTENCE_WORDS = 4  # a sentence-like line needs at least this many words
TITLE_CASE_HIGH = 0.8  # a line without sentence end this title-cased is a headline
MAX_LINK_DENSITY = 0.33  # share of chars in URLs / e-mails / @handles (boilerpipe 0.333)
MAX_TRUNCATED_CHARS = 300  # a line ending in "..." up to this long reads as a teaser
MAX_HEADING_DISTANCE = 200  # chars from a heading to the content it introduces (jusText)
MAX_PATTERN_CHARS = 500  # lines longer than this only meet the long-line markers
MAX_SCAN_CHARS = 300  # ...and only '^'-anchored floating patterns run on lines over this
MIN_DOC_STOPWORDS = 0.08  # below this document density the language has no stoplist here
STOPWORD_WINDOW = 400  # chars of a line scanned for stopwords (bounds per-line cost)
MAX_GAP_BLOCKS = 2.5  # this many non-content blocks in a row end a content cluster
MAX_GAP_GOOD = 4  # ...or this many when good blocks stand on both sides of the gap
CLUSTER_KEEP_RATIO = 0.15  # a cluster is kept when its score reaches this share of the best
NEAR_WEIGHT = 0.5  # a near-good block counts this much of its length in a cluster score
CLUSTER_KEEP_SCORE = 400  # ...or when its score reaches this many characters
MAX_FILL_BLOCKS = 20  # blocks between two kept clusters that are kept with them
LIST_GAP = 1.0  # a short line with stopwords (a list item) counts as this many gap blocks
BREAKER_GAP = 2.0  # a teaser heading, newsletter box or site notice counts as this many gap blocks
TITLE_ECHO_WINDOW = 6  # blocks at the head searched for an untitled headline echo
# When no content cluster is found (a text of one or two short sentences), lines with at
# least this many words that end like a sentence are kept: a one-line article is a story.
SHORT_TEXT_MIN_WORDS = 3

STOPWORD_FILES: tuple[str, ...] = (
    "stopwords/en.txt",
    "stopwords/de.txt",
    "stopwords/fr.txt",
    "stopwords/es.txt",
)

# Fixed boilerplate of these categories does not end the head/tail walk (it sits inside
# articles: a caption under the headline, a credit line before the last paragraph).
_TRANSPARENT = frozenset({"caption", "credit", "ad", "share", "title_echo", "duplicate"})

# Fixed boilerplate of these categories ends a content cluster (comment forms, newsletter
# boxes and site notices sit between the article and whatever follows it).
_BREAKERS = frozenset({"newsletter", "site_notice", "teaser"})

_TRACE: list[Any] | None = None  # debugging hook for benchmarks: receives the clusters

# Context-free classes.
_GOOD, _NEAR, _SHORT, _BAD = 0, 1, 2, 3

_TRUNCATIONS = ("...", "…", "[…]")  # line endings of a truncated teaser

_LINKISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<!\w)@\w+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Union of the bundled stoplists (lower-cased); density is language-agnostic enough."""
    words: set[str] = set()
    for name in STOPWORD_FILES:
        words |= read_wordlist(name)
    return frozenset(words)


@lru_cache(maxsize=1)
def _pattern() -> Patterns:
    """The bundled pattern lexicon, compiled (see framing.features.boilerplate_patterns)."""
    return load_patterns(CATEGORIES)


@dataclass(frozen=True, slots=True)
class _Marker:
    needle: str  # lower-case substring screen
    regex: re.Pattern[str]
    category: str


@lru_cache(maxsize=1)
def _markers(source: str = "boilerplate-markers.csv") -> tuple[_Marker, ...]:
    """Long-line markers (lexicons/boilerplate-markers.csv): boilerplate inside lines too
    long for the line patterns, such as a photo gallery pasted as one line."""
    out = []
    for number, row in enumerate(read_csv(source), start=2):
        category, needle = row.get("category", ""), row.get("needle", "")
        if category not in CATEGORIES:
            raise LexiconError(f"{source}: row {number}: unknown category {category!r}")
        if not needle or needle != needle.lower():
            raise LexiconError(f"{source}: row {number}: the needle must be non-empty lower-case text")
        try:
            regex = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{source}: row {number}: bad pattern ({exc})") from exc
        out.append(_Marker(needle, regex, category))
    return tuple(out)


def _long_line_category(line: str, low: str) -> str | None:
    """The category of the first long-line marker `line` holds (`low`: it lower-cased)."""
    for marker in _markers():
        if marker.needle in low and marker.regex.search(line):
            return marker.category
    return None


@dataclass(frozen=True, slots=True)
class BoilerplateBlock:
    """One boilerplate line: raw-text offsets and its category (one of CATEGORIES)."""

    start: int
    end: int
    category: str


@dataclass(frozen=True)
class BoilerplateResult:
    """Boilerplate blocks, content blocks, and the boilerplate share of all block chars."""

    blocks: tuple[BoilerplateBlock, ...]
    content: tuple[Span, ...]
    ratio: float
    by_category: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "ratio": self.ratio,
            "by_category": dict(self.by_category),
            "blocks": [{"start": b.start, "end": b.end, "category": b.category} for b in self.blocks],
        }


def _classify(
    line: str, stop: frozenset[str], low: str | None = None, split: list[str] | None = None
) -> tuple[int, int, int, bool]:
    """(unused, words, stopwords, truncated) for one line from its own features only.

    Words are counted on the first STOPWORD_WINDOW characters (and extrapolated), so a
    line costs the same whatever its length. `low` is the line lower-cased and `split`
    its words, if known.
    """
    length = len(line)
    if length <= STOPWORD_WINDOW and split is not None:
        words = split
    else:
        if low is None:
            low = line.lower() if length <= STOPWORD_WINDOW else line[:STOPWORD_WINDOW].lower()
        words = (low if length <= STOPWORD_WINDOW else low[:STOPWORD_WINDOW]).split()
    n_words = len(words)
    n_stop = sum(map(stop.__contains__, words))
    if length > STOPWORD_WINDOW and n_words:
        n_words = n_words * length // STOPWORD_WINDOW
        n_stop = n_stop * length // STOPWORD_WINDOW
    truncated = length <= MAX_TRUNCATED_CHARS and line.endswith(_TRUNCATIONS)
    return _GOOD, n_words, n_stop, truncated


def _link_density(line: str) -> float:
    if "/" not in line and "@" not in line and "www" not in line:
        return 0.0
    linked = sum(map(len, _LINKISH.findall(line)))  # no groups: findall gives whole matches
    return linked / len(line)


def _decide(line: str, n_words: int, n_stop: int, truncated: bool, use_stop: bool) -> int:
    """The jusText-style context-free class of one line."""
    length = len(line)
    density = n_stop / n_words if n_words else 0.0
    last = line[-1]
    sentence_end = last in _SENTENCE_END and not truncated
    if truncated:
        return _BAD
    if _link_density(line) > MAX_LINK_DENSITY:
        return _BAD
    if not sentence_end and length < LENGTH_HIGH and _title_case_share(line) >= TITLE_CASE_HIGH:
        return _SHORT  # a headline (teaser or subheading), not prose
    if not use_stop:
        # No stoplist for this language: length and punctuation only.
        if length >= LENGTH_HIGH and sentence_end:
            return _GOOD
        if sentence_end and n_words >= MIN_SENTENCE_WORDS:
            return _NEAR
        return _SHORT if length < LENGTH_HIGH else _BAD
    if n_words >= GOOD_WORDS and density >= STOPWORDS_SENTENCE and sentence_end:
        return _GOOD
    if length >= LENGTH_HIGH and density >= STOPWORDS_HIGH:
        return _GOOD
    if sentence_end and n_words >= MIN_SENTENCE_WORDS and density >= STOPWORDS_SENTENCE:
        return _NEAR
    if length >= LENGTH_LOW and density >= STOPWORDS_LOW:
        return _NEAR
    if length < LENGTH_LOW:
        return _SHORT
    return _BAD


def _title_case_share(line: str) -> float:
    """Share of capitalised words among words of 4+ letters (0.0 when fewer than 3)."""
    long_words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 3:
        return 0.0
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words)


def _is_heading(line: str, n_words: int) -> bool:
    """A short heading-like line: a few words, no sentence-final punctuation."""
    return 1 <= n_words <= 20 and len(line) < LENGTH_HIGH and line[-1] not in ".;,:|/»›>"


def _overlaps_any(blocks: Sequence[Span], spans: Sequence[Span]) -> list[bool]:
    """For each block, whether it overlaps one of `spans` (both sorted by start)."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    out: list[bool] = []
    j = 0
    for b in blocks:
        while j < len(ordered) and ordered[j].end <= b.start:
            j += 1
        out.append(j < len(ordered) and ordered[j].start < b.end)
    return out


def detect_boilerplate(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    repeated: RepeatedLines | None = None,
    html_content: Sequence[Span] | None = None,
) -> BoilerplateResult:
    """Classify every block of `text` as content or boilerplate (pure, linear time)."""
    blocks = split_blocks(text)
    n = len(blocks)
    if n == 0:
        return _result(text, blocks, [None] * 0)
    lines = [text[b.start : b.end] for b in blocks]
    low_text, plain = lowered(text)
    aligned = len(low_text) == len(text)  # then slices of it are the lines lower-cased
    lows = [low_text[b.start : b.end] for b in blocks] if aligned else [line.lower() for line in lines]
    categories: list[str | None] = [None] * n
    fixed = [False] * n  # decided by a strong signal; the context revision leaves it alone

    # 1. Pattern lexicon, repetition, title echo.
    # Words of the lines the lexicon and the stopword count look at (long lines: a window).
    limit = max(STOPWORD_WINDOW, MAX_PATTERN_CHARS)
    words = [low.split() if len(line) <= limit else [] for line, low in zip(lines, lows)]
    found = _pattern().apply(text, lines, lows if aligned else None, words, MAX_SCAN_CHARS, MAX_PATTERN_CHARS)
    for i, category in enumerate(found):
        if category is None and len(lines[i]) > MAX_PATTERN_CHARS:
            category = _long_line_category(lines[i], lows[i])
        if category is not None:
            categories[i] = category
            fixed[i] = True

    norms = [_normalise_lowered(low, plain) for low in lows]  # == _normalise(line)
    title_norm = _normalise(title) if title else None
    counts = repeated.outlet_counts(outlet) if repeated is not None and outlet is not None else None
    seen: set[str] = set()
    for i, norm in enumerate(norms):
        if not fixed[i]:
            if title_norm and norm == title_norm:
                categories[i], fixed[i] = "title_echo", True
            elif norm in seen:
                categories[i], fixed[i] = "duplicate", True
            elif counts and repeated._is_repeated_norm(counts, norm):  # type: ignore[union-attr]
                # Template text of the outlet: a sentence is a notice, anything else a link.
                prose = len(norm) >= 40 and norm[-1] in _SENTENCE_END
                categories[i], fixed[i] = ("site_notice" if prose else "navigation"), True
        seen.add(norm)
    if title_norm is None:
        _infer_title_echo(lines, norms, categories, fixed)

    if html_content is not None:
        inside = _overlaps_any(blocks, html_content)
        for i in range(n):
            if not inside[i] and not fixed[i]:
                categories[i], fixed[i] = "navigation", True
        return _result(text, blocks, [c if fixed[i] else None for i, c in enumerate(categories)])

    # 2. Context-free classes from block features.
    stop = stopwords()
    classes = [_BAD] * n
    word_counts = [0] * n
    stop_counts = [0] * n
    total_words = total_stop = 0
    truncated = [False] * n
    is_stop = stop.__contains__
    for i, line in enumerate(lines):
        if len(line) <= STOPWORD_WINDOW:  # _classify, inlined for the common case
            split = words[i]
            n_words, n_stop = len(split), sum(map(is_stop, split))
            cut = len(line) <= MAX_TRUNCATED_CHARS and line.endswith(_TRUNCATIONS)
        else:
            _, n_words, n_stop, cut = _classify(line, stop, lows[i] if aligned else None)
        truncated[i] = cut
        word_counts[i] = n_words
        stop_counts[i] = n_stop
        if not fixed[i]:
            total_words += n_words
            total_stop += n_stop
    use_stop = total_words == 0 or total_stop / max(total_words, 1) >= MIN_DOC_STOPWORDS
    for i, line in enumerate(lines):
        if not fixed[i]:
            classes[i] = _decide(line, word_counts[i], stop_counts[i], truncated[i], use_stop)
            if truncated[i]:
                categories[i] = "teaser"

    # 3. Context revision.
    keep = _revise(lines, classes, word_counts, stop_counts, fixed, categories)
    if not any(keep):
        keep = [
            not fixed[i] and not truncated[i] and word_counts[i] >= SHORT_TEXT_MIN_WORDS
            and _ends_sentence(lines[i])
            for i in range(n)
        ]
    for i in range(n):
        if keep[i]:
            categories[i] = None
        elif categories[i] is None:
            categories[i] = ""  # boilerplate, category decided from context below
    _fill_categories(categories, keep, classes, lines, word_counts)
    return _result(text, blocks, categories)


def _ends_sentence(line: str) -> bool:
    """True when a line ends with . ! or ? (closing quotes and brackets allowed after)."""
    return line.rstrip("\"'”’»)]").endswith((".", "!", "?"))


def _infer_title_echo(
    lines: list[str], norms: list[str], categories: list[str | None], fixed: list[bool]
) -> None:
    """Without a known title: a headline near the head that recurs inside other lines
    (breadcrumb, "You were reading: ...") is the page title echoed into the text."""
    n = len(lines)
    for i in range(min(TITLE_ECHO_WINDOW, n)):
        norm = norms[i]
        if fixed[i] or not (3 <= norm.count(" ") + 1 <= 30) or lines[i][-1] in ".!?":
            continue
        if len(norm) < 15:
            continue
        for j in range(n):
            if j != i and len(norms[j]) > len(norm) and norm in norms[j]:
                categories[i], fixed[i] = "title_echo", True
                break


def _revise(
    lines: list[str],
    classes: list[int],
    words: list[int],
    stops: list[int],
    fixed: list[bool],
    categories: list[str | None],
) -> list[bool]:
    """Which blocks are content after looking at neighbours (document edges count as bad).

    Content-like blocks (good or near-good) are grouped into clusters; a gap of
    MAX_GAP_BLOCKS or more other blocks, or a comment/newsletter/site notice, ends a
    cluster. The cluster with the most content-like characters is the article; others are
    kept when they reach CLUSTER_KEEP_RATIO of it. Inside a kept cluster every block that
    is not fixed boilerplate is content (short paragraphs, quotes, subheadings, lists).
    """
    n = len(classes)
    keep = [False] * n
    clusters: list[list[Any]] = []  # [first, last, score]
    current: list[Any] | None = None
    previous = -1  # the last content-like block
    gap = 0.0
    for i in range(n):
        c = classes[i]
        if fixed[i]:
            if categories[i] in _BREAKERS:
                gap += BREAKER_GAP
            continue
        if c == _GOOD or c == _NEAR:
            limit = MAX_GAP_GOOD if c == _GOOD and classes[previous] == _GOOD else MAX_GAP_BLOCKS
            if current is None or gap >= limit:
                current = [i, i, 0.0]
                clusters.append(current)
            current[1] = i
            current[2] += len(lines[i]) * (1.0 if c == _GOOD else NEAR_WEIGHT)
            previous = i
            gap = 0.0
        else:
            # A list item (stopwords, lower case) is a lighter gap than a menu entry.
            gap += LIST_GAP if stops[i] else 1.0
    if not clusters:
        return keep
    if _TRACE is not None:
        _TRACE.append([tuple(c) for c in clusters])
    best = max(c[2] for c in clusters)
    kept = [
        (first, last)
        for first, last, score in clusters
        if score >= best * CLUSTER_KEEP_RATIO or score >= CLUSTER_KEEP_SCORE
    ]
    for first, last in kept:
        for i in range(first, last + 1):
            keep[i] = not fixed[i]
        # Headings (and a short standfirst) just above the cluster belong to it.
        distance = 0
        for i in range(first - 1, -1, -1):
            if fixed[i]:
                if categories[i] in _TRANSPARENT:
                    continue
                break
            if classes[i] == _SHORT and _is_heading(lines[i], words[i]):
                distance += len(lines[i])
                if distance > MAX_HEADING_DISTANCE:
                    break
                keep[i] = True
            else:
                break
    # Lists and headings between two kept clusters belong to the article, unless a
    # teaser/newsletter/notice line shows the page frame in between.
    for (_, last), (first, _) in zip(kept, kept[1:]):
        between = range(last + 1, first)
        if len(between) <= MAX_FILL_BLOCKS and not any(
            fixed[i] and categories[i] in _BREAKERS for i in between
        ):
            for i in between:
                keep[i] = not fixed[i]
    return keep


def _fill_categories(
    categories: list[str | None],
    keep: list[bool],
    classes: list[int],
    lines: list[str],
    words: list[int],
) -> None:
    """Give feature-only boilerplate lines the category of their run, else one by position."""
    n = len(categories)
    first_keep = next((i for i in range(n) if keep[i]), n)
    last_cat: str | None = None
    for i in range(n):
        c = categories[i]
        if c is None:
            last_cat = None
        elif c == "":
            if last_cat is not None and last_cat not in ("title_echo", "duplicate"):
                categories[i] = last_cat
            elif i < first_keep:
                categories[i] = "navigation"
            elif words[i] >= 4 and len(lines[i]) >= 30:
                categories[i] = "teaser"
            else:
                categories[i] = "navigation"
            last_cat = categories[i]
        else:
            last_cat = c


def _result(text: str, blocks: Sequence[Span], categories: Sequence[str | None]) -> BoilerplateResult:
    total = 0
    per: dict[str, int] = {c: 0 for c in CATEGORIES}
    out: list[BoilerplateBlock] = []
    content: list[Span] = []
    for span, category in zip(blocks, categories):
        size = span.end - span.start
        total += size
        if category:
            per[category] += size
            out.append(BoilerplateBlock(span.start, span.end, category))
        else:
            content.append(span)
    bad = sum(per.values())
    ratio = bad / total if total else 0.0
    by_category = {c: (per[c] / total if total else 0.0) for c in CATEGORIES}
    return BoilerplateResult(tuple(out), tuple(content), ratio, by_category)
