"""Tests for framing.features.actors: the actor lexicon, matcher and speaker resolution."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from framing.features.actors import ActorLexicon, ActorMatch, KINDS, load_actor_lexicon
from framing.lexicons import LexiconError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold" / "seeds_mentions.json"


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_actor_lexicon()


def actors_in(lex: ActorLexicon, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.actor) for m in lex.find(text)]


# -- the bundled pack -----------------------------------------------------------------------


def test_bundled_pack_has_the_core_actors(lex: ActorLexicon) -> None:
    for actor in ("Russia", "Ukraine", "United States", "UN", "NATO", "EU", "Germany",
                  "United Kingdom", "France", "Moldova", "Turkey", "Belarus", "China"):
        assert actor in lex.actors
    assert lex.actors[:2] == ("Russia", "Ukraine")  # pack order, stable


def test_describe_lists_every_actor(lex: ActorLexicon) -> None:
    text = lex.describe()
    for actor in lex.actors:
        assert f"\n{actor}\n" in text + "\n"
    assert "Zelenskyy" in text and "person:" in text


def test_matches_are_frozen_records(lex: ActorLexicon) -> None:
    match = lex.find("Putin spoke.")[0]
    assert match == ActorMatch(0, 5, "Russia", "Putin", "person")
    with pytest.raises(AttributeError):
        match.actor = "Ukraine"  # type: ignore[misc]
    assert set(KINDS) == {"name", "person", "institution", "capital", "demonym"}


# -- matching rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # longest alias wins; title runs of one actor merge into one mention
        ("Russian Foreign Minister Sergei Lavrov said", [("Russian Foreign Minister Sergei Lavrov", "Russia")]),
        ("US Secretary of State Antony Blinken", [("US Secretary of State Antony Blinken", "United States")]),
        ("the United States of America", [("United States of America", "United States")]),
        ("Zelenskyy, Zelensky and Zelenski", [("Zelenskyy", "Ukraine"), ("Zelensky", "Ukraine"), ("Zelenski", "Ukraine")]),
        ("Podolyak and Podolyiak", [("Podolyak", "Ukraine"), ("Podolyiak", "Ukraine")]),
        # case: "US" only upper-case; the pronoun never
        ("Let us talk about the US.", [("US", "United States")]),
        ("tell us", []),
        ("RUSSIA INVADES UKRAINE", [("RUSSIA", "Russia"), ("UKRAINE", "Ukraine")]),
        # pro-/anti-/-backed name another group
        ("pro-Russian separatists", [("pro-Russian separatists", "Separatists")]),
        ("the pro-Russian breakaway region of Transnistria", []),
        ("the pro-Russia population", []),
        ("Russian-backed forces", []),
        ("anti-Russian protests", []),
        ("Russian-speaking residents", []),
        # ... but these are the actor itself
        ("Russian-held towns", [("Russian", "Russia")]),
        ("the US-led Contact Group", [("US", "United States")]),
        ("the Russia-Ukraine war", [("Russia", "Russia"), ("Ukraine", "Ukraine")]),
        # capitals: metonym vs place
        ("Moscow troops are advancing", [("Moscow", "Russia")]),
        ("the Kiev authorities must", [("Kiev", "Ukraine")]),
        ("According to Kiev, 100,000 civilians", [("Kiev", "Ukraine")]),
        ("Washington wants to see Russia weakened", [("Washington", "United States"), ("Russia", "Russia")]),
        ("a source in the Berlin government", [("Berlin", "Germany")]),
        ("He visited Kiev on Sunday", []),
        ("fighting in Kyiv", []),
        ("the capital, Kiev, held", []),
        ("villages in the Kyiv region", []),
        ("on a visit to Moscow", []),
        # blocked phrases shadow the aliases inside them
        ("the Washington Post reported", []),
        ("under the Minsk agreements", []),
        # word boundaries
        ("Russians and Ukrainians", [("Russians", "Russia"), ("Ukrainians", "Ukraine")]),
        ("NewsWorldUkraine", []),
        ("Ukraine’s forces", [("Ukraine", "Ukraine")]),
        ("U.S. Defense Secretary Lloyd Austin", [("U.S. Defense Secretary Lloyd Austin", "United States")]),
    ],
)
def test_find(lex: ActorLexicon, text: str, expected: list[tuple[str, str]]) -> None:
    assert actors_in(lex, text) == expected


def test_find_respects_start_and_end(lex: ActorLexicon) -> None:
    text = "Russia and Ukraine and NATO"
    inner = lex.find(text, 7, 18)
    assert [(m.start, m.end, m.actor) for m in inner] == [(11, 18, "Ukraine")]
    assert [m.actor for m in lex.find(text, 11)] == ["Ukraine", "NATO"]


def test_merged_mention_keeps_most_specific_kind(lex: ActorLexicon) -> None:
    (match,) = lex.find("Moldovan President Maia Sandu")
    assert (match.kind, match.alias, match.actor) == ("person", "Maia Sandu", "Moldova")
    # different actors never merge
    assert [m.actor for m in lex.find("Russian President Joe Biden")] == ["Russia", "United States"]


# -- speaker resolution ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("Russian Foreign Minister Sergei Lavrov", "Russia"),
        ("Moldovan President Maia Sandu", "Moldova"),
        ("the Pentagon head", "United States"),
        ("Iryna Rybakova, press officer for the Ukrainian 93rd brigade", "Ukraine"),
        ("a source in the Berlin government", "Germany"),
        ("UN Secretary-General Antonio Guterres", "UN"),
        ("UN Secretary-General António Guterres", "UN"),
        ("Russia's ambassador in Washington", "Russia"),
        ("the adviser to the Ukrainian presidency, Mykhailo Podolyiak", "Ukraine"),
        ("Oleksiy Arestovich, an adviser to Ukrainian President Volodimir Zelensky", "Ukraine"),
        ("Jen Psaki, the White House press secretary", "United States"),
        ("a Kremlin spokesman", "Russia"),
        ("a source in Berlin", "Germany"),  # a place in text, but a fair guess for a speaker
        ("the Ukrainian Defense Ministry", "Ukraine"),
        ("the British Ministry of Defense", "United Kingdom"),
        ("Vitaly Falkovsky, an assistant to Mariupol Mayor", None),
        ("he", None),
        ("", None),
    ],
)
def test_actor_of(lex: ActorLexicon, phrase: str, actor: str | None) -> None:
    assert lex.actor_of(phrase) == actor


def test_person_beats_demonym_in_speaker_phrase(lex: ActorLexicon) -> None:
    assert lex.actor_of("a Ukrainian aide, Mykhailo Podolyak") == "Ukraine"
    assert lex.actor_of("the Russian envoy, Ramzan Kadyrov") == "Russia"
    assert lex.actor_of("Putin's Ukrainian counterpart") == "Ukraine"  # possessive modifies
    assert lex.actor_of("Zelensky's adviser, a Russian-born official") == "Ukraine"


# -- seeds gold ----------------------------------------------------------------------------------


def _gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["mentions"]


def test_seed_mentions_match_gold_exactly(lex: ActorLexicon) -> None:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in lex.find(text):
            found.append({"seed": path.name, "text": text[m.start : m.end],
                          "start": m.start, "end": m.end, "actor": m.actor})
    assert found == _gold()


def test_gold_offsets_agree_with_seed_text() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in _gold():
        assert texts[row["seed"]][row["start"] : row["end"]] == row["text"]


@pytest.mark.parametrize(
    ("seed", "snippet", "actor"),
    [
        ("000", "Moscow troops", "Russia"),
        ("000", "Kiev authorities", "Ukraine"),
        ("002", "Russian-held towns", "Russia"),
        ("000", "pro-Russian separatists", "Separatists"),
        ("000", "pro-Russian breakaway region", None),
        ("003", "the pro-Russia\u00a0population", None),
        ("000", "visited Kiev", None),
        ("001", "ambassador in Washington", None),
    ],
)
def test_tricky_seed_cases(seed: str, snippet: str, actor: str | None) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    text = path.read_text(encoding="utf-8")
    at = text.index(snippet)
    rows = [r for r in _gold() if r["seed"] == path.name and at <= r["start"] < at + len(snippet)]
    if actor is None:
        assert rows == []
    else:
        assert rows and rows[0]["actor"] == actor


def test_find_is_fast(lex: ActorLexicon) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    start = time.perf_counter()
    for _ in range(20):
        lex.find(text)
    per_mb = (time.perf_counter() - start) / 20 / (len(text) / 1e6)
    assert per_mb < 5.0  # seconds per MB; generous: measured ~0.2 s/MB


# -- loading and errors -------------------------------------------------------------------------


PACK = """
[actors.Wakanda]
names = ["Wakanda"]
people = ["T'Challa"]
capitals = ["Birnin Zana"]
demonyms = ["Wakandan"]
"""


def test_user_pack_combines_with_bundled(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text(PACK + '\n[actors.Russia]\npeople = ["Nebenzya"]\n', encoding="utf-8")
    lex = load_actor_lexicon([path])
    assert lex.actors[-1] == "Wakanda" and "Russia" in lex.actors
    assert actors_in(lex, "Wakandan envoy T’Challa met Nebenzya and Putin") == [
        ("Wakandan", "Wakanda"), ("T’Challa", "Wakanda"), ("Nebenzya", "Russia"), ("Putin", "Russia")]


def test_user_pack_alone(tmp_path: Path) -> None:
    path = tmp_path / "only.toml"
    path.write_text(PACK, encoding="utf-8")
    lex = load_actor_lexicon([str(path)], bundled=())
    assert lex.actors == ("Wakanda",)
    assert lex.find("Putin") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[actors.X\nnames = 1", "line 1"),
        ('[actors.Wakanda]\nnames = "Wakanda"\n', "actor 'Wakanda': names must be a list of strings"),
        ('[actors.Wakanda]\npeeple = ["T"]\n', "actor 'Wakanda': unknown field 'peeple'"),
        ("[actors.Wakanda]\nnames = []\n", "actor 'Wakanda' has no aliases"),
        ('[actors.Wakanda]\nnames = [" Wakanda"]\n', "actor 'Wakanda'"),
        ('[match]\nnot_after = [1]\n[actors.W]\nnames = ["W"]\n', "[match] not_after"),
        ('[extra]\n[actors.W]\nnames = ["W"]\n', "unknown table [extra]"),
        ("# nothing\n", "no [actors.NAME] tables"),
    ],
)
def test_malformed_pack_raises_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_actor_lexicon([path], bundled=())
    text = str(info.value)
    assert str(path) in text and message in text and "\n" not in text


def test_schema_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[actors.A]\nnames = ["A"]\n\n[actors.B]\npeeple = ["x"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.toml:4: actor 'B'"):
        load_actor_lexicon([path], bundled=())


def test_missing_pack_raises(tmp_path: Path) -> None:
    with pytest.raises(LexiconError):
        load_actor_lexicon([tmp_path / "absent.toml"], bundled=())
    with pytest.raises(LexiconError, match="not found"):
        load_actor_lexicon(bundled=("no-such-pack",))
