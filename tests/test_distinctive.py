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
