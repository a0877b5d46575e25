"""Tests for framing.features.mentions: mentions with voice, aggregation, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.features.actors import load_actor_lexicon
from framing.features.mentions import (
    MIN_MENTIONS,
    Mention,
    Suggestion,
    aggregate_actors,
    find_mentions,
    mean_with_interval,
    suggest_actors,
)
from framing.text import Span, segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def lex():
    return load_actor_lexicon()


def test_mentions_carry_voice_speaker_and_sentiment(lex) -> None:
    text = 'Russia shelled Kharkiv. "Ukraine will win," said Zelensky.\nNATO met.'
    doc = segment(text)
    q_start = text.index("Ukraine")
    q_end = text.index(',"')
    mentions = find_mentions(doc, lex, [(q_start, q_end, "Ukraine")])
    assert [(m.actor, m.voice, m.speaker_actor) for m in mentions] == [
        ("Russia", "author", None), ("Ukraine", "quoted", "Ukraine"),
        ("Ukraine", "author", None), ("NATO", "author", None)]
    assert all(-1 <= m.sentiment <= 1 for m in mentions)
    assert mentions[1].text == "Ukraine" and text[mentions[1].start : mentions[1].end] == "Ukraine"


def test_mentions_only_inside_blocks(lex) -> None:
    text = "Share on Facebook: Russia news\nUkraine asked NATO for help."
    body = Span(text.index("Ukraine"), len(text))
    mentions = find_mentions(segment(text, [body]), lex)
    assert [m.actor for m in mentions] == ["Ukraine", "NATO"]


def test_mention_sentiment_uses_its_sentence(lex) -> None:
    text = "Ukraine won praise. Russia was condemned for brutal war crimes."
    (ukraine, russia) = find_mentions(segment(text), lex)
    assert russia.sentiment < ukraine.sentiment


def test_seed_mentions_are_stable(lex) -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    doc = segment(path.read_text(encoding="utf-8"))
    first = find_mentions(doc, lex)
    assert first == find_mentions(doc, lex) and len(first) > 50
    assert all(isinstance(m, Mention) for m in first)


def test_mean_with_interval() -> None:
    assert mean_with_interval([]) == (None, None, None, 0)
    assert mean_with_interval([0.5] * (MIN_MENTIONS - 1)) == (None, None, None, MIN_MENTIONS - 1)
    mean, lo, hi, n = mean_with_interval([0.5] * MIN_MENTIONS)
    assert (mean, lo, hi, n) == (0.5, 0.5, 0.5, MIN_MENTIONS)
    values = [-0.8, -0.2, 0.1, 0.4, -0.5, 0.0, 0.3]
    mean, lo, hi, n = mean_with_interval(values)
    assert lo <= mean <= hi and n == 7 and lo < hi
    assert mean_with_interval(values) == (mean, lo, hi, n)  # fixed seed


def _m(actor: str, sentiment: float, voice: str = "author") -> Mention:
    return Mention(actor, 0, 1, actor, voice, sentiment, None)  # type: ignore[arg-type]


def test_aggregate_actors() -> None:
    mentions = [_m("Russia", -0.6), _m("Russia", -0.4), _m("Russia", -0.5), _m("Russia", 0.2, "quoted"),
                _m("Ukraine", 0.3), _m("NATO", 0.1, "quoted")]
    table = aggregate_actors(mentions, {"Ukraine": (2, 30), "UN": (1, 12)})
    assert list(table) == ["Russia", "NATO", "Ukraine", "UN"]
    russia = table["Russia"]
    assert russia["mentions"] == 4 and russia["sentiment_author"] == -0.5
    assert russia["ci_author"][0] <= -0.5 <= russia["ci_author"][1]
    assert russia["sentiment_quoted"] is None and russia["low_n"] is False
    ukraine = table["Ukraine"]
    assert ukraine["sentiment_author"] is None and ukraine["ci_author"] is None and ukraine["low_n"]
    assert (ukraine["quotes"], ukraine["quoted_words"]) == (2, 30)
    assert table["UN"]["mentions"] == 0 and table["UN"]["quotes"] == 1


def test_suggest_actors_finds_uncovered_names(lex) -> None:
    texts = [
        "Officials met Olena Kovalenko on Monday. Later Olena Kovalenko spoke to the ICRC.",
        "The ICRC said Olena Kovalenko had left. On Tuesday Vladimir Putin spoke.",
        "Reports say the ICRC and Olena Kovalenko agree. Putin did not.",
    ]
    found = suggest_actors(iter(texts), lex, min_count=3)
    assert found[0] == Suggestion("Olena Kovalenko", 4, "Officials met Olena Kovalenko on Monday.")
    assert [s.name for s in found] == ["Olena Kovalenko", "ICRC"]  # Putin is covered
    assert suggest_actors(texts, lex, min_count=3, top=1) == found[:1]


def test_suggest_actors_skips_stop_capitals_and_openers(lex) -> None:
    texts = ["On Monday Human Rights Watch said it. Amnesty International replied in March."] * 5
    names = [s.name for s in suggest_actors(texts, lex, min_count=3)]
    assert names == ["Human Rights Watch"]  # "Amnesty International" opens its sentence
