"""Property tests: no input makes ingestion or analysis raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.analyze import analyze
from framing.config import Config
from framing.ingest import IngestReport, decode_bytes, iter_articles
from framing.records import Article

SUFFIXES = [".txt", ".md", ".jsonl", ".csv", ".json", ".txt.gz", ".jsonl.gz", ".html"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_decode_never_raises(data: bytes) -> None:
    text, detail = decode_bytes(data)
    assert (text is None) == bool(text is None and detail)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_ingesting_arbitrary_bytes_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        report = IngestReport()
        articles = list(iter_articles([path], Config(), report))
        # every input is accounted for: read as articles or listed as skipped
        assert articles or report.skipped or not data.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_analysis_of_arbitrary_text_never_raises(text: str) -> None:
    analysis = analyze(Article(id="x", outlet="o", text=text))
    assert analysis.scores["words"] >= 0
    for sentence in analysis.segmented.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
