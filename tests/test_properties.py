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


# Characters that make line splitting, stripping and lower-casing interesting: every kind
# of whitespace (ASCII, Unicode, line separators), letters whose lower case differs or is
# longer ("İ" -> "i̇"), final sigma, curly quotes, a lone surrogate.
_TRICKY = "aZ \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\u200b\xad’“—éÉİΣσẞß\ud800"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=80))
def test_split_blocks_equals_the_regex_definition(text: str) -> None:
    import re

    from framing.text import Span, split_blocks

    expected = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            expected.append(Span(start, end))
    assert split_blocks(text) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=80))
def test_boilerplate_lowering_equals_str_lower(text: str) -> None:
    from framing.features.boilerplate_repeated import (
        _line_hash,
        _line_hashes,
        _normalise,
        _normalised_lines,
        lowered,
    )
    from framing.text import split_blocks

    low, plain = lowered(text)
    assert low == text.lower()
    if plain:
        assert all(c in " \n" for c in text if c.isspace())
    assert _normalised_lines(text) == [_normalise(text[s.start : s.end]) for s in split_blocks(text)]
    assert _line_hashes(text) == {_line_hash(_normalise(text[s.start : s.end])) for s in split_blocks(text)}
