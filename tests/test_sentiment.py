"""Tests for framing.features.sentiment: target-dependent sentiment toward a span."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from framing.features.sentiment import (
    CLASSES,
    WORD_GROUPS,
    classify,
    features,
    hu_liu_lexicon,
    load_model,
    score_of,
    target_probabilities,
    target_sentiment,
    vader_lexicon,
    word_groups,
)
from framing.features.sentiment_features import HU_LIU_COUNTS, HU_LIU_FILES
from framing.lexicons import bundled

SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
NEWSMTSC = SHARED / "newsmtsc"
DEV_FLOOR = 0.68  # macro-F1 on NewsMTSC dev; measured value in benchmarks/RESULTS-sentiment.md

AZOVSTAL = ("Russian forces continue to bomb the Azovstal steelworks, where the last "
            "Ukrainian fighters are entrenched.")


def score(text: str, target: str) -> float:
    start = text.index(target)
    return target_sentiment(text, start, start + len(target))


def test_agent_of_violence_is_more_negative_than_its_victim() -> None:
    russia, ukraine = score(AZOVSTAL, "Russian"), score(AZOVSTAL, "Ukrainian")
    assert russia < 0  # P(neg) 0.73 vs P(neutral) 0.27: classify says negative
    assert ukraine > russia


@pytest.mark.parametrize(
    ("text", "agent", "patient"),
    [
        ("Putin attacked Zelensky in a furious speech.", "Putin", "Zelensky"),
        ("Russian troops killed dozens of Ukrainian civilians.", "Russian", "Ukrainian"),
    ],
)
def test_agent_scores_below_patient(text: str, agent: str, patient: str) -> None:
    assert score(text, agent) < score(text, patient)


def test_praise_is_positive() -> None:
    text = "Zelensky was praised for his courageous and inspiring leadership."
    assert classify(score(text, "Zelensky")) == "positive"


def test_report_verb_speaker_is_neutral() -> None:
    text = "Guterres said the meeting would take place on Tuesday."
    assert classify(score(text, "Guterres")) == "neutral"


def test_range_and_probabilities() -> None:
    for text in (AZOVSTAL, "Good.", "x", "Terrible, horrible, awful war!!!"):
        for start, end in ((0, 1), (0, len(text)), (len(text), len(text))):
            value = target_sentiment(text, start, end)
            assert -1.0 <= value <= 1.0
            probs = target_probabilities(text, start, end)
            assert abs(sum(probs) - 1.0) < 1e-9 and all(0 <= p <= 1 for p in probs)


def test_deterministic() -> None:
    values = {score(AZOVSTAL, "Russian") for _ in range(3)}
    assert len(values) == 1


def test_span_edges() -> None:
    text = "Putin lied."
    assert isinstance(target_sentiment(text, 0, 5), float)  # at the start
    assert isinstance(target_sentiment(text, 6, 11), float)  # at the end, with the period
    assert isinstance(target_sentiment(text, 3, 3), float)  # empty span
    assert isinstance(target_sentiment("", 0, 0), float)  # empty text


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 2), (0, 12), (12, 12)])
def test_out_of_range_raises(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        target_sentiment("Putin lied.", start, end)


def test_score_and_classify_agree_at_the_margin() -> None:
    assert score_of((0.2, 0.6, 0.2)) == 0.0
    assert score_of((0.6, 0.3, 0.1)) == pytest.approx(-0.65)
    assert score_of((0.1, 0.3, 0.6)) == pytest.approx(0.65)
    lo, hi = load_model()["thresholds"].values()
    assert classify(lo) == "negative" and classify(hi) == "positive"
    assert classify((lo + hi) / 2) == "neutral"
    assert classify(-1.0) == "negative" and classify(1.0) == "positive"


def test_target_words_are_features() -> None:
    text = "The terrorists attacked the village."
    feats = features(text, 4, 15)
    assert "T:terrorists" in feats
    assert not any(k.startswith("T:") for k in features(text, 0, 0))


def _recompute(model: dict, text: str, start: int, end: int) -> np.ndarray:
    """P(neg, neu, pos) from the model JSON with numpy: sparse weights, then the dense part
    unfolded as the trainer fits it, sum over groups of the mean table row of the group's
    words that have one (an empty group adds nothing); components mixed by weight."""
    names = model["feature_names"]
    index = {name: j for j, name in enumerate(names)}
    feats = features(text, start, end)
    x = np.zeros(len(names))
    for name, value in feats.items():
        if name in index:
            x[index[name]] = value
    dense = np.zeros(3)
    vectors = model.get("vectors")
    if vectors is not None:
        assert tuple(vectors["groups"]) == WORD_GROUPS
        table = {w: np.array(row).reshape(len(WORD_GROUPS), 3) for w, row in vectors["table"].items()}
        groups = word_groups(text, start, end)
        for g, key in enumerate(WORD_GROUPS):
            rows = [table[w][g] for w in groups[key] if w in table]
            if rows:
                dense += np.mean(rows, axis=0)
    mixed = np.zeros(3)
    for k, (weight, comp) in enumerate(zip(model["weights"], model["components"])):
        logits = np.array(comp["coef"]) @ x + np.array(comp["intercept"]) + (dense if k == 0 else 0)
        exps = np.exp(logits - logits.max())
        mixed += weight * exps / exps.sum()
    return mixed


def _train_rows(limit: int) -> list[tuple[str, int, int]]:
    path = NEWSMTSC / "train.jsonl"
    if not path.exists():
        pytest.skip(f"NewsMTSC train not found at {path} (set FRAMING_SHARED_DATA)")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(limit)):
            row = json.loads(line)
            rows.append((row["sentence"], int(row["target_start"]), int(row["target_end"])))
    return rows


def test_probabilities_match_a_plain_recomputation() -> None:
    model = load_model()
    for text, start, end in [(AZOVSTAL, 0, 7), (AZOVSTAL, 88, 97), ("Putin lied.", 0, 5), ("", 0, 0)]:
        expected = _recompute(model, text, start, end)
        assert target_probabilities(text, start, end) == pytest.approx(tuple(expected), abs=1e-9)


def test_probabilities_match_a_plain_recomputation_on_train_rows() -> None:
    model = load_model()
    rows = _train_rows(40)
    dense_used = 0
    for text, start, end in rows:
        expected = _recompute(model, text, start, end)
        assert target_probabilities(text, start, end) == pytest.approx(tuple(expected), abs=1e-9)
        dense_used += any(w in model["vectors"]["table"] for g in word_groups(text, start, end).values() for w in g)
    assert dense_used == len(rows)  # the vector table takes part on every row


def test_vector_table_changes_the_probabilities() -> None:
    model = load_model()
    without = dict(model, vectors=None)
    del without["vectors"]
    assert not np.allclose(_recompute(model, AZOVSTAL, 0, 7), _recompute(without, AZOVSTAL, 0, 7))


def test_word_groups() -> None:
    text = "Russian forces, said Kyiv, bomb the steelworks 2 times."
    groups = word_groups(text, 0, 7)
    assert groups["T"] == ["russian"]
    assert groups["R"] == ["forces", "said", "kyiv"]  # 4 tokens right, "," not a word
    assert groups["L"] == []
    assert "steelworks" in groups["S"] and "2" not in groups["S"] and "russian" not in groups["S"]
    assert groups["C"] == ["forces"]  # the clause ends at the comma


def test_hu_liu_lexicon_files_have_the_published_counts() -> None:
    for name, count in zip(HU_LIU_FILES, HU_LIU_COUNTS):
        lines = bundled(name).read_text(encoding="utf-8").splitlines()
        assert len(lines) == count and len(set(lines)) == count
        assert all(line and line == line.strip().lower() for line in lines)
    lexicon = hu_liu_lexicon()
    assert sum(v > 0 for v in lexicon.values()) == HU_LIU_COUNTS[0] - 3
    assert sum(v < 0 for v in lexicon.values()) == HU_LIU_COUNTS[1] - 3
    assert {w for w, v in lexicon.items() if v == 0} == {"envious", "enviously", "enviousness"}


def test_hu_liu_features_appear() -> None:
    assert "illegitimate" not in vader_lexicon() and hu_liu_lexicon()["illegitimate"] == -1.0
    text = "The regime staged an illegitimate referendum."
    feats = features(text, 0, 10)
    assert feats["hlSn"] == 1.0 and feats["hlR3n"] == 1.0 and feats["hlcompound"] < 0
    assert not any(k.startswith("hl") for k in features(text, 0, 10, hu_liu=False))
    negated = features("The regime did not stage an illegitimate referendum.", 0, 10)
    assert negated["hlSp"] == pytest.approx(0.74)  # "not" within 3 words before flips it


def test_harm_features_count_three_times() -> None:
    plain = features(AZOVSTAL, 0, 7, harm=1.0)
    scaled = features(AZOVSTAL, 0, 7)
    assert plain["harm_agent"] == 1.0 and scaled["harm_agent"] == 3.0
    assert {k: v for k, v in plain.items() if not k.startswith("harm")} == {
        k: v for k, v in scaled.items() if not k.startswith("harm")
    }


def test_features_are_relative_to_the_target() -> None:
    left = features(AZOVSTAL, 0, 7)
    right = features(AZOVSTAL, AZOVSTAL.index("Ukrainian"), AZOVSTAL.index("Ukrainian") + 9)
    assert left != right
    assert any(k.startswith("R") for k in left) and any(k.startswith("L") for k in right)


def test_model_json_is_plain_data_with_provenance() -> None:
    model = load_model()
    assert tuple(model["classes"]) == CLASSES
    assert len(model["components"]) == len(model["weights"]) == 1
    for comp in model["components"]:
        assert len(comp["coef"]) == 3 and len(comp["intercept"]) == 3
        assert all(len(r) == len(model["feature_names"]) for r in comp["coef"])
    assert sum(model["weights"]) == pytest.approx(1.0)
    training = model["training"]
    assert training["rows"] == 8739 and len(training["sha256"]) == 64 and training["sklearn"]
    assert training["harm_scale"] == 3.0
    vectors = model["vectors"]
    assert tuple(vectors["groups"]) == WORD_GROUPS and vectors["words"] == len(vectors["table"])
    assert all(w.isalpha() and len(row) == 15 for w, row in vectors["table"].items())
    size = (Path(__file__).resolve().parents[1] / "framing" / "data" / "sentiment_model.json").stat().st_size
    assert size < 5_000_000


def test_inference_does_not_import_sklearn() -> None:
    import subprocess
    import sys

    code = ("import sys; from framing.features.sentiment import target_sentiment; "
            "target_sentiment('Putin lied.', 0, 5); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_dev_macro_f1_floor() -> None:
    path = NEWSMTSC / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"NewsMTSC dev not found at {path} (set FRAMING_SHARED_DATA)")
    from sklearn.metrics import f1_score

    gold, pred = [], []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        gold.append(row["polarity"])
        pred.append(classify(target_sentiment(row["sentence"], int(row["target_start"]), int(row["target_end"]))))
    assert f1_score(gold, pred, average="macro") >= DEV_FLOOR


def test_cached_sentences_drop_out_of_garbage_collection() -> None:
    # Up to 4,096 analysed sentences stay cached. Their per-token values must be sequences
    # the garbage collector stops visiting (tuples of numbers and strings are untracked by
    # a collection; lists are visited in every full collection: about 1M items per
    # collection on the ABP corpus when they were lists).
    import gc

    from framing.features.sentiment_features import _sentence

    s = _sentence("Russia’s “special operation”, which Kyiv calls an invasion, did not stop.")
    target_sentiment(s.text, 0, 6)  # fills the word-vector rows as well
    gc.collect()
    gc.collect()  # a tuple of tuples is untracked once its items are: a second pass
    sequences = [s.starts, s.ends, s.words, s.valence, s.hu_liu, s.clause, s.quoted]
    assert s.vector_rows is not None
    sequences.append(s.vector_rows[1])
    assert not [seq for seq in sequences if gc.is_tracked(seq)]
