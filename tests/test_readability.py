"""Readability: agrees with textstat's own formulas, and works with no network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import textstat

from framing.features.readability import clear_cache, readability, syllables
from framing.text import segment

SIMPLE = "The cat sat on the mat. The dog ran to the park and back. Everyone was happy about it."


def test_matches_textstat_where_segmentation_agrees() -> None:
    result = readability(segment(SIMPLE))
    assert result.words == 19 and result.sentences == 3
    assert result.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(SIMPLE), abs=0.5)
    assert result.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(SIMPLE), abs=0.3)


def test_close_to_textstat_on_seeds(seeds_dir: Path) -> None:
    # Sentence splitting differs (textstat splits on every period; headline and teaser
    # lines without a final stop are one sentence each here), so allow a margin.
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours = readability(segment(text))
        assert ours.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(text), abs=8)
        assert ours.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=3)


def test_empty_text_has_no_scores() -> None:
    result = readability(segment("  \n "))
    assert result.words == 0 and result.flesch_reading_ease is None and result.gunning_fog is None


def test_syllables() -> None:
    assert syllables("cat") == 1
    assert syllables("humanitarian") >= 5
    assert syllables("2022") == 1
    assert syllables("—") == 0


def test_no_network_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    clear_cache()
    result = readability(segment("Unprecedented humanitarian catastrophes overwhelmed everyone."))
    assert result.syllables > 10


def test_fresh_process_imports_no_nltk_and_opens_no_socket() -> None:
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise SystemExit('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from framing.analyze import analyze\n"
        "from framing.records import Article\n"
        "a = analyze(Article(id='x', outlet='o', text='Humanitarian corridors were promised. Nobody believed it.'))\n"
        "assert a.scores['flesch_reading_ease'] is not None\n"
        "assert 'nltk' not in sys.modules, 'nltk imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_bundled_syllable_table_is_cmudict_as_textstat_counts_it() -> None:
    # framing/data/syllables.txt.gz is built by benchmarks/build_syllables.py from the
    # CMUdict textstat ships; if either changes, rebuild the table.
    from textstat.backend.utils import get_cmudict

    from framing.features.readability import _cmu_syllables

    cmu = get_cmudict("en_US")
    table = _cmu_syllables()
    assert len(table) == len(cmu)
    for word, pronunciations in cmu.items():
        assert table[word] == sum(1 for phone in pronunciations[0] if phone[-1].isdigit()), word


def test_syllables_agree_with_textstat_on_dictionary_words() -> None:
    clear_cache()
    for word in ("humanitarian", "catastrophe", "military", "operation", "ukraine", "the", "everyone"):
        assert syllables(word) == textstat.syllable_count(word), word
