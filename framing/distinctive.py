"""Distinctive terms per group: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn 2008 ("Fightin' Words"), each group against all other groups
pooled, for any number of groups at once, vectorized: one streaming pass that turns each
article into word ids (whitespace tokens looked up in a memo of token -> word ids that
grows the vocabulary once) and counts its unigrams and bigrams (no stopwords, no numbers
or punctuation) with numpy; sparse group x term count and document-frequency matrices;
then numpy per group, over the group's own terms only.

For group i and the rest j, with prior pseudo-counts a_w = prior_scale * y_w (y_w the
term's count over all groups: the empirical-Bayes prior of tidylo; a_0 = sum a_w):

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)          (MCQ's approximation)
    z_w     = delta_w / sqrt(var_w)

Guards against terms that are not language choices: a term must occur in at least
`min_docs` articles of the group (one article repeating a name cannot make it
distinctive), terms in more than `max_doc_share` of the group's articles while rare
elsewhere are treated as the outlet's footer/byline signature and dropped, terms made
of words from the group's own name ("CNN", "Fox News") are dropped, lines repeated across
the group's articles are skipped, and so are runs of REPEATED_RUN_WORDS words repeated
across them inside otherwise varying lines (templates such as "JUST WATCHED <title>
Replay More Videos" or "Enlarge this image toggle caption <credit>").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable

import numpy as np

from framing.lexicons import read_wordlist

__all__ = ["DistinctiveTerm", "distinctive_terms", "analyze_terms", "log_odds_z"]

log = logging.getLogger(__name__)

# Default prior strength: a_w = PRIOR_SCALE * (count of w over all groups).
PRIOR_SCALE = 1.0
# A term must occur in at least this many articles of the group.
MIN_DOCS = 5
# A term counts at most this many times per article (0: no cap). Photo galleries and
# live blogs repeat "Photos:", "Hide Caption 3 of 12" or a name dozens of times in one
# article; the model assumes independent tokens (Monroe et al. 2008, sec. 3.5).
MAX_PER_DOC = 0
# Runs of this many words repeated across a group's articles are template text (0: off).
REPEATED_RUN_WORDS = 5
# ... once seen in this many earlier articles of the group.
REPEATED_RUN_ARTICLES = 5
_RUN_TABLE_BITS = 26  # count-min table of 2**26 one-byte counters (64 MB), 2 probes
# A term in more than this share of a group's articles ...
MAX_DOC_SHARE = 0.8
# ... and in at most this share of the other groups' articles is a footer/byline signature.
SIGNATURE_REST_SHARE = 0.02
# A line already seen in this many earlier articles of the same group is boilerplate
# (footer, newsletter box, "hide caption") and is skipped from then on.
REPEATED_LINE_ARTICLES = 2
# Lines shorter than this many words must end like a sentence to count (drops photo
# credits, captions, "Advertisement", section labels).
SHORT_LINE_WORDS = 8
_SENTENCE_END = re.compile(r"""[.?!:;"'”’)\]]\s*$""")
_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
# URLs, bare domains, e-mail addresses and @handles: embed and sharing debris, not wording.
_LINKS = re.compile(r"\S*(?:https?://|www\.|\.com\b|\.org\b|@)\S*")

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Bigram columns are (id1 + 1) << _BIGRAM_SHIFT | id2, above every unigram column (an id).
_BIGRAM_SHIFT = 31
_BIGRAM_BASE = 1 << _BIGRAM_SHIFT
# The token -> word ids memo is cleared when it grows past this many distinct tokens.
_MEMO_LIMIT = 1_000_000
# Per-article (group, column) rows are merged into running totals every this many rows.
_MERGE_ROWS = 1_000_000


@dataclass(frozen=True)
class DistinctiveTerm:
    """One term a group uses more than the others: z-score, log-odds difference, counts."""

    term: str
    z: float
    log_odds: float
    count_group: int
    count_rest: int


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return read_wordlist("stopwords/en.txt")


def analyze_terms(text: str, stopwords: frozenset[str] | None = None) -> list[str]:
    """Unigrams and bigrams of a text: lower-cased letter words (inner ' and - kept, a
    possessive 's dropped, one-letter words dropped); unigrams skip stopwords; bigrams are
    adjacent words of which neither is a stopword."""
    stop = _stopwords() if stopwords is None else stopwords
    words = [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text.lower().replace("’", "'"))]
    keep = [len(w) > 1 and w not in stop for w in words]
    terms = [w for w, k in zip(words, keep) if k]
    terms += [f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], keep, keep[1:]) if ka and kb]
    return terms


def _clean_tokens(text: str, group: int, seen: dict[int, int]) -> list[str]:
    """Whitespace tokens (lower-cased, ’ as ') of the article's lines minus boilerplate:
    lines repeated across the group's earlier articles, and short lines that do not end
    like a sentence; links dropped. Streaming: memory is one hash and a count per
    distinct line."""
    tokens: list[str] = []
    in_doc: set[int] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        low = line.lower()
        parts = low.split()
        norm = " ".join(parts)
        key = hash((group, _DIGITS.sub("0", norm) if _ANY_DIGIT.search(norm) else norm))
        if key not in in_doc:
            in_doc.add(key)
            count = seen.get(key, 0)
            seen[key] = count + 1
            if count >= REPEATED_LINE_ARTICLES:
                continue
        if line.count(" ") + 1 < SHORT_LINE_WORDS and not _SENTENCE_END.search(line):
            continue
        if "@" in line or "http" in line or "www." in line or ".com" in line or ".org" in line:
            tokens += _LINKS.sub(" ", line).lower().replace("’", "'").split()
        else:
            tokens += low.replace("’", "'").split() if "’" in low else parts
    return tokens


def log_odds_z(
    counts: np.ndarray,
    prior: np.ndarray,
    n_group: np.ndarray | None = None,
    a0: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each group (row of `counts`, groups x terms) against the sum of the other rows.

    Returns (delta, z, rest_counts), each groups x terms. `prior` holds a_w per term;
    `n_group` (tokens per group) and `a0` default to the sums over the given terms, and
    are passed in when `counts` holds only a subset of the vocabulary.
    """
    counts = np.asarray(counts, dtype=np.float64)
    prior = np.asarray(prior, dtype=np.float64)
    total = counts.sum(axis=0)
    rest = total[None, :] - counts
    n_group = counts.sum(axis=1) if n_group is None else np.asarray(n_group, dtype=np.float64)
    n_group = n_group.reshape(-1, 1)
    n_rest = n_group.sum() - n_group
    a0 = float(prior.sum()) if a0 is None else float(a0)
    yi, yj = counts + prior, rest + prior
    delta = np.log(yi) - np.log(n_group + a0 - yi) - np.log(yj) + np.log(n_rest + a0 - yj)
    z = delta / np.sqrt(1.0 / yi + 1.0 / yj)
    return delta, z, rest


class _Vocabulary(dict):  # type: ignore[type-arg]
    """Whitespace token -> ids of its words (as `analyze_terms` finds them), memoised;
    words get ids on first sight. Content words (unigrams, bigram parts) get ids >= 0,
    stopwords and one-letter words ids < 0; a possessive 's shares the bare word's id."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stop = stopwords
        self.words: list[str] = []  # content word id -> word
        self.ids: dict[str, int] = {}  # word -> id

    def _id(self, word: str) -> int:
        norm = word[:-2] if word.endswith("'s") else word
        wid = self.ids.get(norm)
        if wid is None:
            if len(norm) > 1 and norm not in self.stop:
                wid = len(self.words)
                self.words.append(norm)
            else:
                wid = -1 - len(self.ids)
            self.ids[norm] = wid
        return wid

    def __missing__(self, token: str) -> tuple[int, ...]:
        ids = tuple(self._id(word) for word in _WORD.findall(token))
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[token] = ids
        return ids

    def word_ids(self, tokens: list[str]) -> np.ndarray:
        """Word ids of a text's whitespace tokens (lower-cased, ’ as '). A _WORD match
        never spans whitespace, so the words of the tokens, in order, are the text's."""
        return np.array(list(chain.from_iterable(map(self.__getitem__, tokens))), dtype=np.int64)

    @staticmethod
    def columns(ids: np.ndarray) -> np.ndarray:
        """Term columns, one per occurrence: unigram w -> w, bigram (w1, w2) ->
        (w1 + 1) << 31 | w2; only content words (ids >= 0) count."""
        content = ids >= 0
        pairs = content[:-1] & content[1:]
        bigrams = ((ids[:-1][pairs] + 1) << _BIGRAM_SHIFT) | ids[1:][pairs]
        return np.concatenate((ids[content], bigrams))

    def term(self, column: int) -> str:
        if column < _BIGRAM_BASE:
            return self.words[column]
        first, second = (column >> _BIGRAM_SHIFT) - 1, column & (_BIGRAM_BASE - 1)
        return f"{self.words[first]} {self.words[second]}"


class _RepeatedRuns:
    """Template text inside lines: runs of `size` words that occurred in at least
    REPEATED_LINE_ARTICLES earlier articles of the same group ("JUST WATCHED ... Replay
    More Videos ... MUST WATCH", "Enlarge this image toggle caption", a newsletter box,
    hover-card headlines pasted into every article) — what the line-level check misses
    when a line mixes fixed and variable text. Counts live in a fixed-size count-min
    table (approximate, never under-counts) over word ids, so memory is bounded and the
    result is deterministic."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.table = np.zeros(1 << _RUN_TABLE_BITS, dtype=np.uint8) if size else np.zeros(0, dtype=np.uint8)

    def drop(self, group: int, ids: np.ndarray) -> np.ndarray:
        """`ids` with the words of repeated runs replaced by a non-content id (-1), so
        that they count neither as unigrams nor in bigrams."""
        k, n = self.size, ids.size
        if n < k:
            return ids
        words = ids.astype(np.uint64)
        with np.errstate(over="ignore"):
            h = np.full(n - k + 1, np.uint64(group + 1) * np.uint64(0x9E3779B97F4A7C15), dtype=np.uint64)
            for j in range(k):
                h = h * np.uint64(0x100000001B3) + words[j : j + n - k + 1]
            h ^= h >> np.uint64(31)
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(29)
        mask = np.uint64((1 << _RUN_TABLE_BITS) - 1)
        probes = [(h >> np.uint64(shift)) & mask for shift in (0, 32)]
        seen = np.minimum.reduce([self.table[p] for p in probes])
        for probe in probes:
            probe.sort()
            slots = probe[np.concatenate(([True], probe[1:] != probe[:-1]))]  # once per article
            values = self.table[slots]
            self.table[slots] = values + (values < 255)
        repeated = (seen >= REPEATED_RUN_ARTICLES).astype(np.int32)
        if not repeated.any():
            return ids
        covered = np.convolve(repeated, np.ones(k, dtype=np.int32))[:n] > 0
        out = ids.copy()
        out[covered] = -1
        return out


def _merge(
    columns: np.ndarray, groups: np.ndarray, counts: np.ndarray, docs: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sum `counts` and `docs` over equal (column, group); sorted by column, then group."""
    order = np.lexsort((groups, columns))
    columns, groups = columns[order], groups[order]
    counts, docs = counts[order], docs[order]
    del order
    new = np.ones(columns.size, dtype=bool)
    new[1:] = (columns[1:] != columns[:-1]) | (groups[1:] != groups[:-1])
    starts = np.flatnonzero(new)
    return columns[starts], groups[starts], np.add.reduceat(counts, starts), np.add.reduceat(docs, starts)


class _Counts:
    """Streaming term counts and document frequencies per (term column, group)."""

    def __init__(self) -> None:
        self.columns = np.empty(0, dtype=np.int64)
        self.groups = np.empty(0, dtype=np.int32)
        self.counts = np.empty(0, dtype=np.int32)
        self.docs = np.empty(0, dtype=np.int32)
        self.pending: list[tuple[int, np.ndarray, np.ndarray]] = []
        self.rows = 0

    def add(self, group: int, columns: np.ndarray, cap: int = 0) -> None:
        if columns.size:
            unique, counts = np.unique(columns, return_counts=True)
            if cap > 0:
                np.minimum(counts, cap, out=counts)
            self.pending.append((group, unique, counts))
            self.rows += unique.size
            if self.rows >= _MERGE_ROWS:
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending, self.rows = self.pending, [], 0
        columns = np.concatenate([self.columns] + [c for _, c, _ in pending])
        groups = np.concatenate([self.groups] + [np.full(c.size, g, dtype=np.int32) for g, c, _ in pending])
        counts = np.concatenate([self.counts] + [n for _, _, n in pending]).astype(np.int32, copy=False)
        docs = np.concatenate([self.docs] + [np.ones(c.size, dtype=np.int32) for _, c, _ in pending])
        del pending
        self.columns, self.groups, self.counts, self.docs = _merge(columns, groups, counts, docs)


def distinctive_terms(
    texts: Iterable[tuple[str, str]],
    *,
    min_count: int = 10,
    top: int = 15,
    prior_scale: float = PRIOR_SCALE,
    min_docs: int = MIN_DOCS,
    max_doc_share: float = MAX_DOC_SHARE,
    max_per_doc: int = MAX_PER_DOC,
    repeated_run_words: int = REPEATED_RUN_WORDS,
    drop_group_names: bool = True,
) -> dict[str, list[DistinctiveTerm]]:
    """Top terms per group by z (group vs all other groups), streaming over (group, text).

    A term is reported for a group when its count there is >= `min_count`, it occurs in
    >= `min_docs` of the group's articles and z > 0. Order: z descending, then term.
    `max_per_doc` caps a term's count per article (0: no cap); `repeated_run_words` is
    the length of the repeated word runs dropped as template text (0: keep them).
    """
    groups: list[str] = []
    index: dict[str, int] = {}
    doc_group: list[int] = []
    vocabulary = _Vocabulary(_stopwords())
    tally = _Counts()
    runs = _RepeatedRuns(repeated_run_words)
    seen_lines: dict[int, int] = {}
    for group, text in texts:
        if group not in index:
            index[group] = len(groups)
            groups.append(group)
        g = index[group]
        doc_group.append(g)
        ids = vocabulary.word_ids(_clean_tokens(text, g, seen_lines))
        if repeated_run_words:
            ids = runs.drop(g, ids)
        tally.add(g, vocabulary.columns(ids), max_per_doc)
    tally.flush()
    if not groups:
        return {}
    if not tally.columns.size:  # no terms at all
        return {name: [] for name in sorted(groups)}

    n_groups, n_docs = len(groups), len(doc_group)
    # Dense term index of every row (rows are sorted by column).
    first = np.ones(tally.columns.size, dtype=bool)
    first[1:] = tally.columns[1:] != tally.columns[:-1]
    term_of = np.cumsum(first) - 1
    vocab_columns = tally.columns[first]
    # Terms below min_count over all groups can never be reported: drop them before the
    # group x term matrices; n_i and a_0 still come from the full vocabulary.
    total = np.bincount(term_of, weights=tally.counts)
    tokens_per_group = np.bincount(tally.groups, weights=tally.counts, minlength=n_groups)
    keep = np.flatnonzero(total >= min_count)
    compact = np.full(total.size, -1, dtype=np.int64)
    compact[keep] = np.arange(keep.size)
    rows = compact[term_of] >= 0
    # Group x term counts and document frequencies in compressed-row form: the (group,
    # term) pairs are unique (_merge), so sorting them by group, then term, and counting
    # each group's pairs gives the row pointers (plain numpy: importing scipy.sparse
    # for this cost every `compare` 0.13 s of start-up).
    row_group, row_term = tally.groups[rows], compact[term_of[rows]]
    by_group = np.lexsort((row_term, row_group))
    indices = row_term[by_group]
    counts = tally.counts[rows][by_group].astype(np.float64)
    df = tally.docs[rows][by_group].astype(np.float64)
    indptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_group, minlength=n_groups), out=indptr[1:])
    vocab_columns = vocab_columns[keep]
    del tally, term_of, rows, first, row_group, row_term, by_group
    docs_per_group = np.bincount(np.asarray(doc_group), minlength=n_groups).astype(np.float64)
    total_terms = total[keep]
    total_df = np.bincount(indices, weights=df, minlength=keep.size)
    prior = prior_scale * total_terms
    a0 = prior_scale * float(total.sum())
    n_all = float(tokens_per_group.sum())

    # One group at a time keeps memory at a few term-length vectors for any number of groups.
    result: dict[str, list[DistinctiveTerm]] = {}
    for g, name in sorted(enumerate(groups), key=lambda item: item[1]):
        result[name] = []
        if docs_per_group[g] < min_docs:
            continue
        lo, hi = indptr[g], indptr[g + 1]
        cols, y_i, d_i = indices[lo:hi], counts[lo:hi], df[lo:hi]
        sure = (y_i >= min_count) & (d_i >= min_docs)
        cols, y_i, d_i = cols[sure], y_i[sure], d_i[sure]
        n_i = float(tokens_per_group[g])
        y_j = total_terms[cols] - y_i
        deltas, zs, _ = log_odds_z(np.vstack([y_i, y_j]), prior[cols], np.array([n_i, n_all - n_i]), a0)
        delta, z = deltas[0], zs[0]
        share = d_i / docs_per_group[g]
        rest_share = (total_df[cols] - d_i) / max(n_docs - docs_per_group[g], 1.0)
        eligible = (z > 0) & ~((share > max_doc_share) & (rest_share <= SIGNATURE_REST_SHARE))
        picks = np.flatnonzero(eligible)
        terms = {int(k): vocabulary.term(int(vocab_columns[cols[k]])) for k in picks}
        if drop_group_names:
            name_words = set(analyze_terms(name, frozenset()))
            picks = np.array([k for k in picks if not set(terms[int(k)].split()) & name_words], dtype=np.int64)
        order = sorted(picks.tolist(), key=lambda k: (-z[k], terms[k]))[:top]
        result[name] = [
            DistinctiveTerm(terms[k], float(z[k]), float(delta[k]), int(y_i[k]), int(y_j[k])) for k in order
        ]
    return result
