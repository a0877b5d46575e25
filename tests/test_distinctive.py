"""Tests for framing.distinctive: the log-odds statistic, filters and determinism."""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pytest

from framing.distinctive import DistinctiveTerm, analyze_terms, distinctive_terms, log_odds_z

SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def test_log_odds_hand_computed() -> None:
    # two groups, two terms; prior a = (1, 1), a0 = 2
    counts = np.array([[10.0, 90.0], [30.0, 70.0]])
    delta, z, rest = log_odds_z(counts, np.array([1.0, 1.0]))
    # group 0, term 0: y_i=10, n_i=100, y_j=30, n_j=100
    d = math.log(11 / (102 - 11)) - math.log(31 / (102 - 31))
    assert delta[0, 0] == pytest.approx(d)
    assert z[0, 0] == pytest.approx(d / math.sqrt(1 / 11 + 1 / 31))
    assert delta[1, 0] == pytest.approx(-d) and rest[0, 0] == 30


def _slow_reference(counts: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    groups, terms = counts.shape
    delta, z = np.zeros_like(counts), np.zeros_like(counts)
    a0 = prior.sum()
    for g in range(groups):
        n_i = counts[g].sum()
        n_j = counts.sum() - n_i
        for w in range(terms):
            y_i = counts[g, w]
            y_j = counts[:, w].sum() - y_i
            a = prior[w]
            d = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
            delta[g, w] = d
            z[g, w] = d / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    return delta, z


def test_log_odds_matches_reference_on_random_data() -> None:
    rng = np.random.default_rng(7)
    counts = rng.poisson(5, size=(4, 60)).astype(float)
    prior = 0.5 * counts.sum(axis=0) + 0.01
    delta, z, _ = log_odds_z(counts, prior)
    ref_delta, ref_z = _slow_reference(counts, prior)
    np.testing.assert_allclose(delta, ref_delta, rtol=1e-10)
    np.testing.assert_allclose(z, ref_z, rtol=1e-10)


def test_analyze_terms_drops_numbers_punctuation_and_stopword_bigrams() -> None:
    terms = analyze_terms("The Kremlin's 2022 war, in Kyiv -- and the Kiev regime!")
    assert "kremlin" in terms and "kiev regime" in terms and "kyiv" in terms
    assert not any(t.isdigit() or t in {"the", "in", "--"} for t in terms)
    assert "in kyiv" not in terms and "war kyiv" not in terms  # no bigrams across stopwords


WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()


def corpus() -> list[tuple[str, str]]:
    """Varied lines (so no line repeats), group-specific words in 2 of 3 articles."""
    docs = []
    for i in range(12):
        w, v = WORDS[i], WORDS[(i + 5) % 12]
        kyiv = "Kyiv" if i % 3 else "the capital"
        kiev = "the Kiev regime" if i % 3 else "officials"
        docs.append(("A", f"Officials in {kyiv} said the {w} invasion continued near {v} on the front line today."))
        docs.append(("B", f"Moscow said {kiev} and the {w} special operation continued near {v} at the front."))
        docs.append(("C", f"Markets rose as {w} investors weighed the front line {v} news about trade."))
    return docs


def test_distinctive_terms_finds_each_groups_words() -> None:
    result = distinctive_terms(corpus(), min_count=5, min_docs=3, top=5)
    assert set(result) == {"A", "B", "C"}
    assert "kyiv" in [t.term for t in result["A"]]
    assert "kiev regime" in [t.term for t in result["B"]] or "kiev" in [t.term for t in result["B"]]
    top = result["A"][0]
    assert isinstance(top, DistinctiveTerm) and top.z > 0 and top.count_group >= 5
    with pytest.raises(AttributeError):
        top.z = 0.0  # type: ignore[misc]
    for terms in result.values():
        zs = [t.z for t in terms]
        assert zs == sorted(zs, reverse=True)


def test_min_docs_blocks_one_article_repeating_a_name() -> None:
    docs = corpus() + [("A", "Smithson " * 50 + "spoke.")]
    result = distinctive_terms(docs, min_count=5, min_docs=3)
    assert "smithson" not in [t.term for t in result["A"]]


def test_repeated_footer_lines_are_dropped() -> None:
    docs = [(g, text + "\nFollow us on Twitter for more breaking updates!") if g == "B" else (g, text)
            for g, text in corpus()]
    result = distinctive_terms(docs, min_count=5, min_docs=3)
    assert not any("twitter" in t.term or "breaking" in t.term for t in result["B"])


def test_deterministic_and_order_independent_ties() -> None:
    one = distinctive_terms(corpus(), min_count=5, min_docs=3)
    two = distinctive_terms(list(corpus()), min_count=5, min_docs=3)
    assert one == two
    assert list(one) == sorted(one)


def test_empty_input() -> None:
    assert distinctive_terms([]) == {}


@pytest.mark.slow
def test_abp_outlet_names_and_boilerplate_do_not_dominate() -> None:
    import gzip
    import json

    path = SHARED / "abp" / "articles-10k.jsonl.gz"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(3000), handle)]
    keep = {"CNN (Web News)", "Politico", "Fox Online News", "Washington Times"}
    result = distinctive_terms(((r["source"], r["content"]) for r in rows if r["source"] in keep), top=15)
    for name, terms in result.items():
        words = {w for t in terms for w in t.term.split()}
        assert not words & {"cnn", "politico", "fox"}, name
        assert not {"unsubscribe", "newsletters", "twitter"} & words, name


def _reference_terms(docs: list[tuple[str, str]], *, min_count: int, min_docs: int, top: int = 15):
    """The earlier implementation: CountVectorizer over analyze_terms, dense per group."""
    from sklearn.feature_extraction.text import CountVectorizer

    from framing.distinctive import MAX_DOC_SHARE, SIGNATURE_REST_SHARE, _clean_tokens

    groups = sorted({g for g, _ in docs}, key=[g for g, _ in docs].index)
    index = {g: i for i, g in enumerate(groups)}
    seen: dict[int, int] = {}
    cleaned = [" ".join(_clean_tokens(text, index[g], seen)) for g, text in docs]
    vectorizer = CountVectorizer(analyzer=analyze_terms)
    X = vectorizer.fit_transform(cleaned).toarray().astype(float)
    vocab = vectorizer.get_feature_names_out()
    member = np.array([[index[g] == i for g, _ in docs] for i in range(len(groups))], dtype=float)
    counts, df = member @ X, member @ (X > 0)
    n_docs, docs_per_group = len(docs), member.sum(axis=1)
    total, n = counts.sum(axis=0), counts.sum(axis=1)
    keep = total >= min_count
    out = {}
    for g, name in enumerate(groups):
        y_i, y_j = counts[g][keep], (total - counts[g])[keep]
        delta, z, _ = log_odds_z(np.vstack([y_i, y_j]), total[keep], np.array([n[g], n.sum() - n[g]]), total.sum())
        d_i = df[g][keep]
        share, rest = d_i / docs_per_group[g], (df.sum(axis=0)[keep] - d_i) / max(n_docs - docs_per_group[g], 1)
        signature = (share > MAX_DOC_SHARE) & (rest <= SIGNATURE_REST_SHARE)
        ok = (y_i >= min_count) & (d_i >= min_docs) & (z[0] > 0) & ~signature
        words = set(analyze_terms(name, frozenset()))
        cols = [c for c in np.flatnonzero(ok) if not set(vocab[keep][c].split()) & words]
        cols = sorted(cols, key=lambda c: (-z[0][c], vocab[keep][c]))[:top]
        out[name] = [(str(vocab[keep][c]), round(float(z[0][c]), 9), int(y_i[c]), int(y_j[c])) for c in cols]
        if docs_per_group[g] < min_docs:
            out[name] = []
    return out


def _as_rows(result):
    return {k: [(t.term, round(t.z, 9), t.count_group, t.count_rest) for t in v] for k, v in result.items()}


def test_vectorised_counts_match_reference_implementation() -> None:
    docs = corpus() + [("A", "The Kremlin's envoy, in Kyiv's centre -- 2022 -- met Kyiv's mayor. " * 2),
                       ("C", "Don't panic: self-styled experts’ views on trade aren't news.\nShort line")]
    result = distinctive_terms(docs, min_count=2, min_docs=1, repeated_run_words=0)
    assert _as_rows(result) == _reference_terms(docs, min_count=2, min_docs=1)


@pytest.mark.slow
def test_vectorised_counts_match_reference_on_abp() -> None:
    import gzip
    import json

    path = SHARED / "abp" / "articles-10k.jsonl.gz"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(400), handle)]
    docs = [(r["source"], r["content"]) for r in rows]
    result = distinctive_terms(docs, min_count=5, min_docs=3, repeated_run_words=0)
    assert _as_rows(result) == _reference_terms(docs, min_count=5, min_docs=3)


def test_max_per_doc_caps_repetition_inside_one_article() -> None:
    docs = corpus() + [("A", "Photos: the gallery. " * 30 + "Officials spoke at length about the plan.")] * 3
    capped = {t.term: t.count_group for t in distinctive_terms(docs, min_count=3, min_docs=3, max_per_doc=1)["A"]}
    assert capped.get("gallery", 0) <= 3 and capped.get("photos", 0) <= 3


def test_repeated_runs_inside_varying_lines_are_dropped() -> None:
    tail = "Enlarge this image toggle caption"
    credit = [f"{w.title()} Photographer/Agency" for w in WORDS]
    docs = [(g, f"{text}\n{tail} {credit[i % 12]} {credit[i % 12]}") if g == "C" else (g, text)
            for i, (g, text) in enumerate(corpus())]
    # each run is kept in the first REPEATED_RUN_ARTICLES articles only: 5 of 12
    words = {w for t in distinctive_terms(docs, min_count=6, min_docs=3)["C"] for w in t.term.split()}
    assert not words & {"enlarge", "toggle", "caption"}
    kept = distinctive_terms(docs, min_count=6, min_docs=3, repeated_run_words=0)["C"]
    assert {"toggle", "caption"} & {w for t in kept for w in t.term.split()}  # what the check removes
