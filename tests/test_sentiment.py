"""Tests for framing.features.sentiment: target-dependent sentiment toward a span."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from framing.features.sentiment import (
    CLASSES,
    classify,
    features,
    load_model,
    score_of,
    target_probabilities,
    target_sentiment,
)

SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
NEWSMTSC = SHARED / "newsmtsc"
DEV_FLOOR = 0.67  # macro-F1 on NewsMTSC dev; measured value in benchmarks/RESULTS-sentiment.md

AZOVSTAL = ("Russian forces continue to bomb the Azovstal steelworks, where the last "
            "Ukrainian fighters are entrenched.")


def score(text: str, target: str) -> float:
    start = text.index(target)
    return target_sentiment(text, start, start + len(target))


def test_agent_of_violence_is_more_negative_than_its_victim() -> None:
    russia, ukraine = score(AZOVSTAL, "Russian"), score(AZOVSTAL, "Ukrainian")
    assert russia < 0  # leaning negative (P(neg) 0.44 vs P(neutral) 0.51: classify says neutral)
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


def test_probabilities_match_a_plain_recomputation() -> None:
    import math

    model = load_model()
    index = {name: j for j, name in enumerate(model["feature_names"])}
    feats = features(AZOVSTAL, 0, 7)
    mixed = [0.0, 0.0, 0.0]
    for weight, comp in zip(model["weights"], model["components"]):
        logits = [
            comp["intercept"][k] + sum(comp["coef"][k][index[n]] * v for n, v in feats.items() if n in index)
            for k in range(3)
        ]
        exps = [math.exp(x - max(logits)) for x in logits]
        for k in range(3):
            mixed[k] += weight * exps[k] / sum(exps)
    assert target_probabilities(AZOVSTAL, 0, 7) == pytest.approx(tuple(mixed), abs=1e-9)


def test_features_are_relative_to_the_target() -> None:
    left = features(AZOVSTAL, 0, 7)
    right = features(AZOVSTAL, AZOVSTAL.index("Ukrainian"), AZOVSTAL.index("Ukrainian") + 9)
    assert left != right
    assert any(k.startswith("R") for k in left) and any(k.startswith("L") for k in right)


def test_model_json_is_plain_data_with_provenance() -> None:
    model = load_model()
    assert tuple(model["classes"]) == CLASSES
    assert len(model["components"]) == 2
    for comp in model["components"]:
        assert len(comp["coef"]) == 3 and len(comp["intercept"]) == 3
        assert all(len(r) == len(model["feature_names"]) for r in comp["coef"])
    assert sum(model["weights"]) == pytest.approx(1.0)
    training = model["training"]
    assert training["rows"] == 8739 and len(training["sha256"]) == 64 and training["sklearn"]


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
