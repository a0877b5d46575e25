"""Tests for framing.features.lexical: labels by voice, frames, author-voice loaded language."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from framing.features.lexical import (
    FRAMES,
    RATE_KEYS,
    flat_scores,
    lexical_features,
    load_labels,
)
from framing.lexicons import LexiconError
from framing.text import segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def span_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def labels_of(text: str, **kwargs):
    return lexical_features(segment(text), **kwargs)


# ---------------------------------------------------------------- seeds: real differences


@pytest.mark.parametrize(
    ("prefix", "kyiv", "kiev"),
    [("000", 0, 6), ("001", 2, 0), ("002", 7, 0), ("003", 0, 7), ("004", 1, 0)],
)
def test_seed_capital_spelling(prefix: str, kyiv: int, kiev: int) -> None:
    result = labels_of(seed(prefix))
    capital = result.labels["capital"]
    assert capital["kyiv"]["author"] + capital["kyiv"]["quoted"] == kyiv
    assert capital["kiev"]["author"] + capital["kiev"]["quoted"] == kiev


def test_press_tv_writes_kiev_rferl_writes_kyiv() -> None:
    assert labels_of(seed("000")).labels["capital"]["kiev"]["author"] == 6
    assert labels_of(seed("003")).labels["capital"]["kiev"]["author"] == 7
    assert labels_of(seed("001")).labels["capital"]["kyiv"]["author"] == 2
    assert labels_of(seed("004")).labels["capital"]["kyiv"]["author"] == 1  # lower-case "kyiv"


def test_seed_000_quoted_voice_and_scare_term() -> None:
    text = seed("000")
    putin = span_of(text, "Although the military operation [russa na Ucrânia] developing")
    authorities = span_of(text, "the Kiev authorities must assume their political responsibility")
    austin = span_of(text, "Ukraine clearly believes it can win, as does everyone else here")
    gepard = span_of(text, "Gepard")
    result = labels_of(text, quoted=[putin, authorities, austin], scare=[gepard])
    assert result.labels["war"]["military_operation"] == {"author": 0, "quoted": 1}
    assert result.labels["capital"]["kiev"] == {"author": 5, "quoted": 1}
    assert result.labels["ukraine_government"]["authorities"] == {"author": 0, "quoted": 1}
    quoted_span = next(s for s in result.label_spans if s["variant"] == "military_operation")
    assert quoted_span["voice"] == "quoted" and text[quoted_span["start"] : quoted_span["end"]] == "military operation"
    terms = {item["term"] for item in result.loaded}
    assert "clearly" not in terms  # inside Austin's quote: the speaker's word, not the outlet's
    assert not [i for i in result.loaded if gepard[0] <= i["start"] < gepard[1]]
    assert result.rates["scare_quotes_per_1k"] == pytest.approx(1000 / result.word_count, abs=1e-3)
    unquoted = labels_of(text)
    assert "clearly" in {item["term"] for item in unquoted.loaded}
    assert result.author_word_count < unquoted.author_word_count == unquoted.word_count


def test_seed_004_crimea_and_spellings() -> None:
    result = labels_of(seed("004"))
    assert result.labels["crimea"]["annexation"]["author"] == 1
    assert result.labels["region"]["donbass"]["author"] == 1
    assert result.labels["president_spelling"]["zelenski"]["author"] == 1
    assert result.labels["president_spelling"]["zelensky"]["author"] == 1


def test_boilerplate_blocks_are_not_counted() -> None:
    text = "Kyiv is the capital.\nRead more about Kiev here"
    doc = segment(text)
    only_first = segment(text, blocks=[doc.blocks[0]])
    assert lexical_features(doc).labels["capital"]["kiev"]["author"] == 1
    assert lexical_features(only_first).labels["capital"]["kiev"]["author"] == 0


# ---------------------------------------------------------------- label tables

LABEL_CASES = [
    ("Officials in Kyiv said.", "capital", "kyiv"),
    ("Kyiv's allies met.", "capital", "kyiv"),
    ("Kiev's allies met.", "capital", "kiev"),
    ("They met in kyiv yesterday.", "capital", "kyiv"),
    ("He ordered chicken Kiev.", "capital", None),
    ("The history of Kievan Rus.", "capital", None),
    ("President Zelenskyy spoke.", "president_spelling", "zelenskyy"),
    ("President Zelensky spoke.", "president_spelling", "zelensky"),
    ("President Zelenskiy spoke.", "president_spelling", "zelenskiy"),
    ("President Zelenski spoke.", "president_spelling", "zelenski"),
    ("The special military operation continues.", "war", "special_military_operation"),
    ("The military operation continues.", "war", "military_operation"),
    ("Since the invasion began.", "war", "invasion"),
    ("The war in Ukraine.", "war", "war"),
    ("They discussed war crimes.", "war", None),
    ("Since World War II.", "war", None),
    ("The conflict escalated.", "war", "conflict"),
    ("The Ukraine crisis deepened.", "war", "crisis"),
    ("Fighting in the Donbas.", "region", "donbas"),
    ("Fighting in the Donbass.", "region", "donbass"),
    ("Pro-Russian separatists shelled it.", "armed_groups_east", "separatists"),
    ("Rebels shelled it.", "armed_groups_east", "rebels"),
    ("Local militias shelled it.", "armed_groups_east", "militias"),
    ("The Donetsk People's Republic said.", "armed_groups_east", "peoples_republics"),
    ("Forces of the DPR said.", "armed_groups_east", "peoples_republics"),
    ("Russian-backed forces shelled it.", "armed_groups_east", "russian_backed"),
    ("Since Russia annexed Crimea in 2014.", "crimea", "annexation"),
    ("After the annexation of Crimea.", "crimea", "annexation"),
    ("Crimea's reunification with Russia.", "crimea", "reunification"),
    ("Since Crimea joined Russia.", "crimea", "joined"),
    ("In the occupied territories.", "territory", "occupied"),
    ("In the liberated territories.", "territory", "liberated"),
    ("In Russian-held towns.", "territory", "russian_held"),
    ("In areas under Russian control.", "territory", "controlled"),
    ("The Ukrainian government said.", "ukraine_government", "government"),
    ("Kyiv authorities said.", "ukraine_government", "authorities"),
    ("The Kiev regime said.", "ukraine_government", "kiev_regime"),
    ("The Kiev junta said.", "ukraine_government", "junta"),
    ("Ukrainian forces advanced.", "ukraine_forces", "ukrainian_forces"),
    ("Ukrainian nationalists advanced.", "ukraine_forces", "nationalists"),
    ("Neo-Nazis advanced.", "ukraine_forces", "neo_nazis"),
    ("Kiev forces advanced.", "ukraine_forces", "kiev_forces"),
    ("New sanctions on Moscow.", "sanctions", "sanctions"),
    ("Illegal sanctions on Moscow.", "sanctions", "illegitimate_sanctions"),
    ("The EU's restrictive measures.", "sanctions", "restrictive_measures"),
    ("Russian aggression continues.", "aggression", "russian_aggression"),
    ("An unprovoked attack.", "aggression", "unprovoked"),
    ("NATO expansion is to blame.", "aggression", "nato_expansion"),
    ("In Kharkiv and Odesa.", "city_spelling", "ukrainian_form"),
    ("In Kharkov.", "city_spelling", "russian_form"),
]


@pytest.mark.parametrize(("text", "concept", "variant"), LABEL_CASES)
def test_label_table(text: str, concept: str, variant: str | None) -> None:
    counts = labels_of(text).labels[concept]
    found = {v for v, n in counts.items() if n["author"]}
    assert found == ({variant} if variant else set())


def test_label_counts_both_concepts_and_quoted_voice() -> None:
    text = 'Moscow blames "the Kiev regime" for it.'
    start, end = span_of(text, "the Kiev regime")
    result = labels_of(text, quoted=[(start, end)])
    assert result.labels["ukraine_government"]["kiev_regime"] == {"author": 0, "quoted": 1}
    assert result.labels["capital"]["kiev"] == {"author": 0, "quoted": 1}


def test_scare_quoted_label_counts_as_quoted_with_scare_voice() -> None:
    text = 'Moscow calls it a "special military operation".'
    result = labels_of(text, scare=[span_of(text, "special military operation")])
    assert result.labels["war"]["special_military_operation"] == {"author": 0, "quoted": 1}
    assert result.label_spans[0]["voice"] == "scare"


def test_embedded_post_signature_is_in_nobodys_voice() -> None:
    """A post's display name ("— Kiev Independent (@KyivIndependent) …") is page furniture:
    its label variants and loaded terms count in no voice; the post's own words do."""
    from framing.analyze import analyze
    from framing.records import Article

    text = (
        "The outlet embedded a post.\n\n"
        "Shelling hit Kiev again, a horrific night — Kiev Horrific News (@kievnews) March 3, 2022\n\n"
        "Officials in Kyiv said repairs had started."
    )
    analysis = analyze(Article(id="a", outlet="o", text=text))
    assert analysis.lexical is not None
    kiev = analysis.lexical.labels["capital"]["kiev"]
    assert kiev == {"author": 0, "quoted": 1}  # the post's "Kiev", not the display name's
    assert analysis.lexical.labels["capital"]["kyiv"] == {"author": 1, "quoted": 0}
    assert [item["term"] for item in analysis.lexical.loaded] == []  # "horrific" is in the post


def test_bad_label_lexicon_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[concept]]\nname = "x"\ntriggers = ["x"]\n[[concept.variant]]\nname = "a"\npatterns = ["(x)"]\n')
    with pytest.raises(LexiconError, match="capturing"):
        load_labels(bad)


# ---------------------------------------------------------------- loaded language tables

LOADED_CASES = [
    ("The plan was a horrific failure of leadership.", "horrific", "loaded_negative"),
    ("It was a brilliant move by the mayor.", "brilliant", "loaded_positive"),
    ("The vote was extremely close.", "extremely", "intensifier"),
    ("Officials reportedly met on Sunday.", "reportedly", "hedge"),
    ("The deal may collapse.", "may", "hedge"),
    ("The plan clearly failed to persuade.", "clearly", "assertive"),
    ("In fact, the plan stalled.", "In fact", "assertive"),
    ("The minister admitted that talks stalled.", "admitted", "factive"),
    ("The report revealed the scale.", "revealed", "factive"),
    ("The so-called peace plan stalled.", "so-called", "so_called"),
    ("The claims could not be independently verified.", "could not be independently verified", "hedge"),
]


@pytest.mark.parametrize(("text", "term", "category"), LOADED_CASES)
def test_loaded_table(text: str, term: str, category: str) -> None:
    loaded = labels_of(text).loaded
    assert {"term": term, "category": category} in [{"term": i["term"], "category": i["category"]} for i in loaded]
    item = next(i for i in loaded if i["term"] == term)
    assert text[item["start"] : item["end"]] == term


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume in May.",  # the month, not the hedge
        "Three people were killed in the war.",  # denotative news words (loaded-exclude.txt)
        "The Supreme Court ruled on health care.",
    ],
)
def test_not_loaded(text: str) -> None:
    assert labels_of(text).loaded == []


def test_loaded_inside_quote_is_not_author_voice() -> None:
    text = 'He said the plan was "a horrific failure" and left.'
    result = labels_of(text, quoted=[span_of(text, "a horrific failure")])
    assert result.loaded == [] and result.rates["loaded_negative_per_1k"] == 0.0


def test_rates_per_1k_author_words() -> None:
    text = "The plan clearly failed. " + "Officials met again. " * 3  # 13 words
    result = labels_of(text)
    assert result.word_count == 13
    assert result.rates["assertives_per_1k"] == pytest.approx(1000 / 13, abs=1e-3)


# ---------------------------------------------------------------- frames and flat scores


def test_frames_and_dominant() -> None:
    text = "Troops and missiles crossed the border. The military attack threatened national security. Tax costs rose."
    result = labels_of(text)
    assert result.dominant_frames[0] == "security_and_defense"
    assert "economic" in result.dominant_frames
    assert set(result.frames) == set(FRAMES) and result.frames["other"] == 0.0
    assert all(result.frames[f] > 0 for f in result.dominant_frames) and len(result.dominant_frames) <= 3


def test_flat_scores_stable_columns() -> None:
    a = flat_scores(labels_of(seed("001")))
    b = flat_scores(labels_of("Nothing to see."))
    assert list(a) == list(b)
    assert a["label_capital_kyiv"] == 2 and b["label_capital_kyiv"] == 0
    assert "frame_security_and_defense_per_1k" in a and "label_capital_kiev_quoted" in a
    assert all(key in a for key in RATE_KEYS)
    assert all(isinstance(v, (int, float)) for v in a.values())


def test_deterministic_and_json() -> None:
    text = seed("002")
    one, two = labels_of(text).to_json(), labels_of(text).to_json()
    assert json.dumps(one, sort_keys=False) == json.dumps(two, sort_keys=False)
    assert one["labels"]["capital"]["kyiv"]["author"] == 7


def test_empty_document() -> None:
    result = labels_of("")
    assert result.word_count == 0 and result.dominant_frames == [] and result.loaded == []
    assert all(v == 0 for v in result.rates.values())


@pytest.mark.slow
def test_trigger_scan_equals_full_scan_on_abp() -> None:
    """Running a concept's regex only in sentences with a trigger word loses no match."""
    path = SHARED / "abp" / "articles-10k.jsonl.gz"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    lexicon = load_labels()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= 300:
                break
            doc = segment(json.loads(line)["content"])
            fast = {(s["start"], s["end"], s["concept"]) for s in lexical_features(doc).label_spans}
            full = set()
            for concept in lexicon.concepts:
                for sentence in doc.sentences:
                    for m in concept.regex.finditer(doc.text, sentence.start, sentence.end):
                        full.add((m.start(), m.end(), concept.name))
            assert fast == full


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("Clearly the so-called plan failed.", [(0, 34)]),
        ("xclearly plan; reportedly, in fact it failed", [(1, 20), (21, 44)]),  # block starts inside a word
        ("The plan clearly\nfailed in\nfact badly", [(0, 16), (17, 26), (27, 37)]),  # phrase across blocks
        ("", []),
    ],
)
def test_led_scan_equals_lookbehind_scan(text: str, blocks: list[tuple[int, int]]) -> None:
    from framing.features.lexical import _lexicon, _match_spans
    from framing.text import Span

    lexicon = _lexicon()
    low = text.lower()
    spans = [Span(s, e) for s, e in blocks]
    expected = [m.span() for b in spans for m in lexicon.regex.finditer(low, b.start, b.end)]
    assert _match_spans(lexicon, lexicon.regex, low, spans) == expected


@pytest.mark.slow
def test_led_scan_equals_lookbehind_scan_on_abp() -> None:
    from framing.features.lexical import _lexicon, _match_spans

    path = SHARED / "abp" / "articles-10k.jsonl.gz"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    lexicon = _lexicon()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for _, line in zip(range(500), handle):
            doc = segment(json.loads(line)["content"])
            low = doc.text.lower()
            expected = [m.span() for b in doc.blocks for m in lexicon.regex.finditer(low, b.start, b.end)]
            assert _match_spans(lexicon, lexicon.regex, low, doc.blocks) == expected
