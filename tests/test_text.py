"""The segmenter: sentence boundaries on news text, offsets, blocks and tokens."""

from __future__ import annotations

import pytest

from framing.text import Span, segment, split_blocks, split_paragraphs, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [s.text(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. officials met. They left.", ["U.S. officials met.", "They left."]),
        ("Gen. Mark Milley spoke. Then he left.", ["Gen. Mark Milley spoke.", "Then he left."]),
        ("It began on Feb. 24 in the east. Fighting went on.", ["It began on Feb. 24 in the east.", "Fighting went on."]),
        ("Prices rose 2.5 percent. Markets fell.", ["Prices rose 2.5 percent.", "Markets fell."]),
        ('"We will win," he said. "Never give up."', ['"We will win," he said.', '"Never give up."']),
        ("“It is real.” Lavrov said so.", ["“It is real.”", "Lavrov said so."]),
        ("Lloyd J. Austin arrived. He spoke.", ["Lloyd J. Austin arrived.", "He spoke."]),
        ("Aid was sent by the U.S. The Kremlin objected.", ["Aid was sent by the U.S.", "The Kremlin objected."]),
        ("Mr. Smith and Dr. Jones met at 5 p.m. on Monday.", ["Mr. Smith and Dr. Jones met at 5 p.m. on Monday."]),
        ("Is it over? No. Not yet!", ["Is it over?", "No.", "Not yet!"]),
        ("What next... Nobody knows.", ["What next...", "Nobody knows."]),
        ("first line\nsecond line", ["first line", "second line"]),
        ("lower case after period. then more", ["lower case after period. then more"]),
        ("", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_offsets_index_raw_text() -> None:
    text = "  Hello there.  Second one!\n\n  Third?  "
    spans = split_sentences(text)
    assert [s.text(text) for s in spans] == ["Hello there.", "Second one!", "Third?"]
    assert spans[0] == Span(2, 14)


def test_blocks_and_paragraphs() -> None:
    text = "Title\n\n  Para one line one\nline two  \n\n\nPara two\n"
    assert [b.text(text) for b in split_blocks(text)] == ["Title", "Para one line one", "line two", "Para two"]
    assert [p.text(text) for p in split_paragraphs(text)] == ["Title", "Para one line one\nline two", "Para two"]


def test_tokens_keep_inner_punctuation() -> None:
    text = "Ukraine's well-known U.S. envoy paid $2.5bn."
    assert [t.text(text) for t in tokenize(text)] == ["Ukraine's", "well-known", "U.S", "envoy", "paid", "2.5bn"]


def test_segment_uses_only_given_blocks() -> None:
    text = "Menu Home News\nThe story starts here. It goes on.\nShare this"
    story = split_blocks(text)[1]
    doc = segment(text, [story])
    assert [s.text(text) for s in doc.sentences] == ["The story starts here.", "It goes on."]
    assert doc.word_count == 7
    assert doc.sentence_at(story.start + 3) == doc.sentences[0]
    assert doc.sentence_at(0) is None


def test_long_text_without_breaks_is_linear() -> None:
    text = "word " * 200_000
    doc = segment(text)
    assert doc.word_count == 200_000
    assert len(doc.sentences) == 1


def test_words_in_counts_tokens_overlapping_the_span() -> None:
    text = "He said: “Kyiv—Odesa rail.” Then U.S. officials left."
    doc = segment(text)
    open_, close = text.index("“") + 1, text.index("”")
    assert doc.words_in(open_, close) == 3  # Kyiv, Odesa, rail
    assert doc.words_in(0, len(text)) == doc.word_count
    assert doc.words_in(5, 5) == 0 and doc.words_in(9, 3) == 0
    # a span cutting a token counts it: "U.S." overlaps [start of "S", ...)
    us = text.index("U.S.")
    assert doc.words_in(us + 2, us + 3) == 1


def test_words_in_skips_words_of_removed_blocks() -> None:
    text = "First “quoted\n\nREAD MORE: teaser\n\ncontinued” here."
    blocks = split_blocks(text)
    doc = segment(text, [blocks[2], blocks[0]])  # out of order on purpose: segment sorts
    assert [b.start for b in doc.blocks] == [blocks[0].start, blocks[2].start]
    start, end = text.index("“") + 1, text.index("”")
    assert doc.words_in(start, end) == 2  # "quoted", "continued"; not READ MORE teaser
