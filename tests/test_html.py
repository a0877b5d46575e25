"""Tests for framing.html: visible lines, trafilatura main-text mapping, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

import framing.html
from framing.analyze import analyze_corpus
from framing.config import Config
from framing.features.boilerplate import detect_boilerplate
from framing.html import HtmlPage, read_html, read_sitename, read_visible_text, visible_lines
from framing.ingest import IngestReport

P1 = (
    "The first paragraph of the article is long enough to be considered main text by any "
    "reasonable extractor, with several clauses, a quote from an official and a full stop."
)
P2 = (
    "A second paragraph follows, also long, describing the events of the day in considerable "
    "detail so that the extractor keeps it as part of the story rather than the page frame."
)
P3 = (
    "The third paragraph has bold words and a link inside it, and more words after that so "
    "that it is long enough for the extractor to keep it in the main text of the article."
)

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Big news today | Daily Example</title>
<meta property="og:title" content="Big news today">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2022-04-26T10:00:00Z">
<script>var tracking = "do not show";</script>
<style>p {{ color: red; }}</style>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="share"><a href="#">Share this article</a></div>
<article>
<h1>Big news today</h1>
<p>{P1}</p>
<!-- an HTML comment that must not appear -->
<p>{P2}</p>
<p>{P3.replace("bold words", "<b>bold words</b>").replace("a link", '<a href="#">a link</a>')}</p>
</article>
<aside><h3>Related articles</h3><ul><li><a href="/x">Another story you might like</a></li></ul></aside>
<footer><p>© 2022 Daily Example Ltd. All rights reserved.</p></footer>
<noscript>Please enable JavaScript</noscript>
</body></html>"""


def test_visible_text_drops_script_style_head_and_comments() -> None:
    page = read_html(PAGE, url="https://example.com/news/big")
    assert "tracking" not in page.text and "color: red" not in page.text
    assert "HTML comment" not in page.text and "enable JavaScript" not in page.text
    assert "Daily Example</title>" not in page.text
    lines = page.text.split("\n")
    assert lines[:2] == ["Home", "World"]
    assert P1 in lines and P2 in lines and P3 in lines
    assert "© 2022 Daily Example Ltd. All rights reserved." in lines
    assert all(line == line.strip() and line for line in lines)


def test_content_spans_cover_main_text_lines_only() -> None:
    page = read_html(PAGE, url="https://example.com/news/big")
    covered = [page.text[s.start : s.end] for s in page.content]
    assert P1 in covered and P2 in covered and P3 in covered
    assert "Home" not in covered and "Share this article" not in covered
    assert "© 2022 Daily Example Ltd. All rights reserved." not in covered
    lines = page.text.split("\n")
    for span in page.content:  # spans are whole lines of text
        assert page.text[span.start : span.end] in lines
    starts = [s.start for s in page.content]
    assert starts == sorted(starts)


def test_metadata() -> None:
    page = read_html(PAGE, url="https://example.com/news/big")
    assert isinstance(page, HtmlPage)
    assert page.title == "Big news today"
    assert page.date == "2022-04-26"
    assert page.sitename == "Daily Example"
    assert page.url == "https://example.com/news/big"


def test_detector_with_html_content() -> None:
    page = read_html(PAGE)
    result = detect_boilerplate(page.text, html_content=page.content)
    kept = [page.text[s.start : s.end] for s in result.content]
    assert P1 in kept and P2 in kept and P3 in kept
    bad = {page.text[b.start : b.end]: b.category for b in result.blocks}
    assert bad["Home"] == "navigation"
    assert bad["Share this article"] == "share"
    assert bad["© 2022 Daily Example Ltd. All rights reserved."] == "site_notice"
    assert 0.0 < result.ratio < 1.0


def test_inline_elements_stay_on_one_line_and_br_breaks() -> None:
    lines = read_html("<html><body><p>one <b>two</b> <i>three</i><br>four</p></body></html>").text
    assert lines.split("\n") == ["one two three", "four"]


def test_removed_element_keeps_following_text() -> None:
    page = read_html("<html><body><p>before<script>x()</script> after</p></body></html>")
    assert page.text == "before after"


def test_paragraph_split_by_br_maps_to_both_lines() -> None:
    html = f"<html><body><article><p>{P1}<br>{P2}</p><p>{P3}</p></article></body></html>"
    page = read_html(html)
    covered = [page.text[s.start : s.end] for s in page.content]
    assert P1 in covered and P2 in covered


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html", "<<<>>>", "\x00\x01", "</p></div>", "<html><body></body></html>"],
)
def test_broken_or_empty_html_does_not_raise(html: str) -> None:
    page = read_html(html)
    assert isinstance(page.text, str)
    for span in page.content:
        assert 0 <= span.start < span.end <= len(page.text)


def test_empty_html_gives_empty_page() -> None:
    page = read_html("")
    assert page.text == "" and page.content == () and page.title is None


def test_fragment_without_html_element() -> None:
    page = read_html("<p>Only a fragment</p>")
    assert page.text == "Only a fragment"


def test_visible_lines_of_none() -> None:
    assert visible_lines(None) == []


@pytest.mark.parametrize(
    "html",
    [PAGE, "", "   ", "<html", "<<<>>>", "\x00\x01", "</p></div>", "<html><body></body></html>", "<p>Only a fragment</p>"],
)
def test_visible_text_and_sitename_alone_equal_the_full_read(html: str) -> None:
    page = read_html(html)
    assert read_visible_text(html) == page.text
    assert read_sitename(html) == page.sitename


def test_visible_text_runs_no_main_text_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("the main-text extractor ran")

    monkeypatch.setattr("framing.html._extracted_lines", refuse)
    assert P1 in read_visible_text(PAGE).split("\n")


def test_analyze_runs_the_main_text_extractor_once_per_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The boilerplate pre-pass reads pages for their visible text only: trafilatura's
    extraction (most of an HTML page's cost) runs once per page, in the analysis."""
    for number in range(3):
        (tmp_path / f"p{number}.html").write_text(PAGE.replace("Big news today", f"Story {number}"), encoding="utf-8")
    calls: list[int] = []
    extract = framing.html._extracted_lines

    def counted(tree: object, url: str | None) -> list[str]:
        calls.append(1)
        return extract(tree, url)

    monkeypatch.setattr(framing.html, "_extracted_lines", counted)
    analyses = list(analyze_corpus([tmp_path], Config(), IngestReport()))
    assert len(analyses) == 3 and all(a.boilerplate is not None for a in analyses)
    assert len(calls) == 3
