"""Embedded social-media posts ("text — Name (@handle) Date") as direct quotes."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from framing.analyze import analyze
from framing.features.actors import load_actor_lexicon
from framing.features.embedded_posts import find_embedded_posts
from framing.features.quotes import extract_quotes
from framing.records import Article
from framing.text import segment

ACTOR_OF = load_actor_lexicon().actor_of
# An independent, looser signature pattern for the corpus check: "(@handle) Mon D, YYYY".
SIGNATURE = re.compile(r"\(@\w+\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}")


def shared_data() -> Path:
    override = os.environ.get("FRAMING_SHARED_DATA")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "data"


def posts(text: str) -> list[tuple[str, str, str]]:
    doc = segment(text)
    return [(text[p.start : p.end], text[p.name_start : p.name_end], p.handle) for p in find_embedded_posts(doc.text, doc.blocks)]


# Invented posts in the shapes the ABP corpus shows (no corpus text is copied here).
SHAPES = [
    ("The grain corridor is open again. pic.twitter.com/AbC123xYz — Olena Kovalenko (@okovalenko) July 22, 2022",
     ("The grain corridor is open again.", "Olena Kovalenko", "okovalenko")),
    ("Talks resume on Monday.https://t.co/Q1w2E3r4 — Kyiv Desk (@kyivdesk) Sept. 3, 2022",
     ("Talks resume on Monday.", "Kyiv Desk", "kyivdesk")),
    ("Shelling again tonight pic.twitter.com/ZzZzZz— Field Reporter (@field_rep) March 5, 2022",
     ("Shelling again tonight", "Field Reporter", "field_rep")),
    ("We stand with our friends. — TGIF (Thank God It's Friday) (@tgif_account) May 29, 2018",
     ("We stand with our friends.", "TGIF (Thank God It's Friday)", "tgif_account")),
    ("— and the bridge is still standing. — Field Reporter (@field_rep) March 6, 2022",
     ("and the bridge is still standing.", "Field Reporter", "field_rep")),
    ("Ceasefire holds - for now -- Maria Lopez \u200d♀️ (@mlopez) Jan 2, 2023",
     ("Ceasefire holds - for now", "Maria Lopez", "mlopez")),
    # the BBC's "skip" link before the embed is page chrome, not the post's words
    ("Skip Twitter post 2 by @field_rep Shelling again tonight — Field Reporter (@field_rep) March 5, 2022",
     ("Shelling again tonight", "Field Reporter", "field_rep")),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_post_shapes(text: str, expected: tuple[str, str, str]) -> None:
    assert posts(text) == [expected]


def test_no_signature_no_post() -> None:
    assert posts("He wrote on Twitter (@someone) that the talks had failed.") == []
    assert posts("Mariupol — the port city — fell in May 2022.") == []
    # a post that is only a link has no words to quote
    assert posts("pic.twitter.com/AbC123 — Olena Kovalenko (@okovalenko) July 22, 2022") == []


def test_two_posts_in_one_block() -> None:
    text = ("Roads are closed. — Ann Lee (@annlee) June 1, 2022 "
            "Roads are open again. — Bo Chen (@bochen) June 2, 2022")
    assert [(p[0], p[1]) for p in posts(text)] == [("Roads are closed.", "Ann Lee"), ("Roads are open again.", "Bo Chen")]


def test_post_is_a_direct_quote_of_its_author() -> None:
    text = ("The president answered on social media.\n\n"
            "Ukraine will never surrender its land. — Volodymyr Zelensky (@ZelenskyyUa) March 1, 2022")
    found = [q for q in extract_quotes(segment(text), actor_of=ACTOR_OF) if q.kind == "direct"]
    assert len(found) == 1
    quote = found[0]
    assert quote.text == "Ukraine will never surrender its land."
    assert quote.speaker == "Volodymyr Zelensky"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0] : quote.speaker_span[1]] == "Volodymyr Zelensky"
    assert quote.actor == "Ukraine"
    assert quote.cue is None and quote.anonymous is False


def test_post_already_in_quote_marks_is_not_counted_twice() -> None:
    text = "“Ukraine will never surrender its land.” — Volodymyr Zelensky (@ZelenskyyUa) March 1, 2022"
    found = [q for q in extract_quotes(segment(text), actor_of=ACTOR_OF) if q.kind != "scare"]
    assert len(found) == 1
    assert found[0].speaker == "Volodymyr Zelensky"


def test_post_words_are_not_the_outlets_voice() -> None:
    post = "The Russian invasion is a brutal, barbaric war. — Volodymyr Zelensky (@ZelenskyyUa) March 1, 2022"
    around = (
        "Officials met in Geneva on Tuesday to discuss the grain corridor and shipping insurance.\n\n"
        "The talks went on late into the night, delegates said.\n\n{}\n\n"
        "More talks are planned for next week in Istanbul, the organisers added."
    )
    analysis = analyze(Article(id="t", outlet="o", text=around.format(post)))
    assert [q.speaker for q in analysis.quotes if q.kind == "direct"] == ["Volodymyr Zelensky"]
    russia = [m for m in analysis.mentions if m.actor == "Russia"]
    assert russia and all(m.voice == "quoted" for m in russia)
    # the display name in the signature is page furniture, not a mention in anyone's voice
    assert [m.text for m in analysis.mentions if m.actor == "Ukraine"] == []
    plain = analyze(Article(id="t", outlet="o", text=around.format(post.split(" — ")[0])))
    assert plain.scores["loaded_negative_per_1k"] > 0  # the same words, unattributed, are the author's
    assert analysis.scores["loaded_negative_per_1k"] == 0


@pytest.mark.slow
def test_abp_signatures_become_quotes_of_their_display_names() -> None:
    path = shared_data() / "abp" / "articles-10k.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"ABP corpus not found at {path}")
    signatures = quotes_found = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n == 3000:
                break
            text = json.loads(line)["content"]
            if "(@" not in text:
                continue
            doc = segment(text)
            found = find_embedded_posts(doc.text, doc.blocks)
            signatures += sum(len(SIGNATURE.findall(text, b.start, b.end)) for b in doc.blocks)
            by_span = {(q.start, q.end): q for q in extract_quotes(doc, actor_of=ACTOR_OF) if q.kind == "direct"}
            for post in found:
                handle_at = text.index(f"(@{post.handle})", post.name_end)
                assert not re.search(r"\w", text[post.name_end : handle_at])  # emoji, "??", spaces
                quote = by_span.get((post.start, post.end))
                if quote is not None:
                    quotes_found += 1
                    assert quote.speaker_span is not None
                    assert post.name_start <= quote.speaker_span[0] < quote.speaker_span[1] <= post.name_end
    assert signatures > 100
    assert quotes_found >= 0.85 * signatures
