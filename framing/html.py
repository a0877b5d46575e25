"""HTML input: the visible text of a page as lines, and which lines are its main text.

`read_html` keeps *all* visible text (so the boilerplate ratio is measured against what a
reader sees), and marks the lines that trafilatura's DOM-based extractor keeps as the main
text. The ingester makes `text` the article's raw text and passes `content` to
`framing.features.boilerplate.detect_boilerplate(html_content=...)`. Offline: trafilatura
and lxml only parse; nothing is fetched.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from framing.text import Span

__all__ = ["HtmlPage", "read_html", "read_sitename", "read_visible_text", "visible_lines"]

log = logging.getLogger(__name__)

# Elements whose text a reader never sees.
_INVISIBLE = ("script", "style", "head", "noscript", "template", "svg", "math", "object", "embed")
# Elements that start a new line of text.
_BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body br caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main
    menu nav ol option p pre section summary table tbody td tfoot th thead title tr ul
    button label select textarea legend iframe img video audio
    """.split()
)
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^(?:[-*•·]\s+)")
# An extracted fragment must cover at least this share of a visible line to claim it.
MIN_LINE_COVER = 0.5


@dataclass(frozen=True)
class HtmlPage:
    """A page's visible text (lines joined by "\\n"), its main-text lines and metadata."""

    text: str
    content: tuple[Span, ...]
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def _norm(line: str) -> str:
    return _SPACE.sub(" ", line).strip().lower()


def _load(html: str | bytes) -> Any:
    """An lxml tree, or None for empty/unparseable input."""
    from trafilatura.utils import load_html

    if not html or (isinstance(html, str) and not html.strip()):
        return None
    try:
        tree = load_html(html)
        if tree is None:  # trafilatura refuses fragments; lxml wraps them in a document
            import lxml.html

            tree = lxml.html.document_fromstring(html)
        return tree
    except Exception as exc:  # lxml raises several unrelated types on broken input
        log.debug("unparseable HTML: %s", exc)
        return None


def visible_lines(tree: Any) -> list[str]:
    """Visible text of an lxml tree as whitespace-collapsed, non-empty lines."""
    from lxml import etree

    if tree is None:
        return []
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    doomed = list(root.iter(*_INVISIBLE)) + list(root.iter(etree.Comment, etree.ProcessingInstruction))
    for element in doomed:
        _remove_keep_tail(element)
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if event == "start":
            if block:
                pieces.append("\n")
            if element.text:
                pieces.append(element.text)
        else:
            if block:
                pieces.append("\n")
            if element.tail and element is not root:
                pieces.append(element.tail)
    lines = []
    for raw in "".join(pieces).split("\n"):
        line = _SPACE.sub(" ", raw).strip()
        if line:
            lines.append(line)
    return lines


def _remove_keep_tail(element: Any) -> None:
    """Remove an element and its text, keeping the text that follows it in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _extracted_lines(tree: Any, url: str | None) -> list[str]:
    import trafilatura

    try:
        out = trafilatura.extract(
            tree,
            url=url,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura can fail on odd trees; no main text then
        log.debug("trafilatura.extract failed: %s", exc)
        return []
    if not out:
        return []
    return [n for n in (_norm(_BULLET.sub("", line.strip())) for line in out.split("\n")) if n]


def _metadata(tree: Any, url: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    from trafilatura.metadata import extract_metadata

    try:
        doc = extract_metadata(tree, default_url=url)
    except Exception as exc:
        log.debug("metadata extraction failed: %s", exc)
        return None, None, None, url
    if doc is None:
        return None, None, None, url
    return (
        getattr(doc, "title", None) or None,
        getattr(doc, "date", None) or None,
        getattr(doc, "sitename", None) or None,
        getattr(doc, "url", None) or url,
    )


def _map_content(lines: list[str], extracted: list[str]) -> list[bool]:
    """Which visible lines trafilatura's paragraphs cover, by normalised matching.

    Both sides are joined into one space-separated stream; each extracted paragraph is
    searched in order (from a cursor, then from the start), and a visible line counts as
    covered when the matched range spans at least MIN_LINE_COVER of it.
    """
    norms = [_norm(line) for line in lines]
    starts: list[int] = []
    position = 0
    for norm in norms:
        starts.append(position)
        position += len(norm) + 1
    blob = " ".join(norms)
    covered = [0] * len(lines)
    cursor = 0
    for paragraph in extracted:
        where = blob.find(paragraph, cursor)
        if where < 0:
            where = blob.find(paragraph)
            if where < 0:
                continue
        end = where + len(paragraph)
        cursor = end
        first = bisect.bisect_right(starts, where) - 1
        for i in range(max(first, 0), len(lines)):
            if starts[i] >= end:
                break
            lo, hi = max(where, starts[i]), min(end, starts[i] + len(norms[i]))
            if hi > lo:
                covered[i] += hi - lo
    return [bool(norms[i]) and covered[i] >= MIN_LINE_COVER * len(norms[i]) for i in range(len(lines))]


def read_html(html: str, url: str | None = None) -> HtmlPage:
    """Visible text, main-text lines (via trafilatura) and metadata of an HTML page.

    Never raises on broken or empty input: such a page has empty text and no content.
    """
    tree = _load(html)
    if tree is None:
        return HtmlPage(text="", content=(), url=url)
    # trafilatura prunes the tree it is given; parse separate copies for each use.
    title, date, sitename, page_url = _metadata(_load(html), url)
    extracted = _extracted_lines(_load(html), url)
    lines = _safe_visible_lines(tree)
    text = "\n".join(lines)
    flags = _map_content(lines, extracted)
    content: list[Span] = []
    position = 0
    for line, flag in zip(lines, flags):
        if flag:
            content.append(Span(position, position + len(line)))
        position += len(line) + 1
    return HtmlPage(text, tuple(content), title, date, sitename, page_url)


def read_visible_text(html: str) -> str:
    """`read_html(html).text` alone: the visible lines, without running the main-text
    extractor or reading metadata (about a twentieth of `read_html`'s time). The corpus
    pre-pass of repeated lines needs only this."""
    tree = _load(html)
    return "" if tree is None else "\n".join(_safe_visible_lines(tree))


def read_sitename(html: str, url: str | None = None) -> str | None:
    """`read_html(html, url).sitename` alone (the page's metadata, without the main-text
    extractor)."""
    tree = _load(html)
    return None if tree is None else _metadata(tree, url)[2]


def _safe_visible_lines(tree: Any) -> list[str]:
    try:
        return visible_lines(tree)
    except Exception as exc:
        log.debug("visible text extraction failed: %s", exc)
        return []
