"""Embedded social-media posts: "post text — Display Name (@handle) Month D, YYYY".

When a page embeds a tweet, the extracted text keeps the embed's fallback: the post's
words, then a dash, the account's display name, its @handle and the date, often with a
trailing URL ("pic.twitter.com/…", "https://t.co/…") before the dash. About 7% of the ABP
articles hold such lines (1,584 in the 10k sample). They are someone's verbatim words, not
the outlet's, so they are direct quotes whose speaker is the display name: without this,
a president's tweet would count as loaded language in the outlet's own voice.

What is found: the signature `(@handle) Month D, YYYY` (month spelled out or abbreviated),
the last dash before it in the same block (an em/en dash, a spaced hyphen or "--"; it may
be glued to the word or URL before it), the display name between the dash and the handle,
and the post's text from the block's start (or the previous signature in the block) to the
dash, less trailing URLs. What is not: a post whose text runs over earlier paragraphs
(only its last paragraph, on the signature's line, is taken: plain text does not say where
the post began), and a post with no words left once its URLs are dropped.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from framing.text import Span

__all__ = ["EmbeddedPost", "find_embedded_posts"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_SIGNATURE = re.compile(r"\(@(\w{1,15})\)\s+" + _MONTH + r"\s+\d{1,2},\s+\d{4}")
# The dash before the display name: the last one before the handle.
_DASH = re.compile(r"[—–―]|--|(?<=\s)-(?=\s)")
# URLs (and what is glued after them) at the end of the post's text.
_TRAILING_URLS = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/)\S*)+\s*$")
# A display name longer than this is not one (the dash found was inside the post).
_NAME_MAX = 60
_WORD = re.compile(r"\w")
# The BBC's accessibility link glued before an embed: "Skip Twitter post 2 by @handle ".
_SKIP_LINK = re.compile(r"Skip (?:Twitter|Instagram|Facebook|YouTube|TikTok) (?:post|content)(?: \d+)? by @?\w+\s+")


class EmbeddedPost(NamedTuple):
    """One embedded post: its text span, the display name's span, the @handle, and where
    the signature ("Name (@handle) Date") ends."""

    start: int
    end: int
    name_start: int
    name_end: int
    handle: str
    signature_end: int


def _name_span(text: str, lo: int, hi: int) -> tuple[int, int]:
    """text[lo:hi] less surrounding white space, emoji and joiners (names keep letters,
    digits and the punctuation that ends them: "Jr.", "(Thank God For Trump)")."""
    while lo < hi and not (text[lo].isalnum() or text[lo] in "(@#&"):
        lo += 1
    while hi > lo and not (text[hi - 1].isalnum() or text[hi - 1] in ".)'’!"):
        hi -= 1
    return lo, hi


def find_embedded_posts(text: str, blocks: Iterable[Span]) -> list[EmbeddedPost]:
    """The embedded posts in `blocks` of `text`, in text order."""
    if "(@" not in text:
        return []
    posts: list[EmbeddedPost] = []
    for block in blocks:
        if text.find("(@", block.start, block.end) < 0:
            continue
        content_from = block.start
        for signature in _SIGNATURE.finditer(text, block.start, block.end):
            handle_at = signature.start()
            dashes = list(_DASH.finditer(text, max(content_from, handle_at - _NAME_MAX - 3), handle_at))
            if not dashes:
                continue
            dash = dashes[-1]
            name_start, name_end = _name_span(text, dash.end(), handle_at)
            if name_start >= name_end:
                continue
            body = text[content_from : dash.start()]
            trailing = _TRAILING_URLS.search(body)
            end = content_from + (trailing.start() if trailing else len(body.rstrip()))
            start = content_from
            while start < end and (text[start].isspace() or text[start] in "—–―-•"):  # a thread's "— "
                start += 1
            skip_link = _SKIP_LINK.match(text, start, end)
            if skip_link is not None:
                start = skip_link.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if _WORD.search(text, start, end):
                posts.append(EmbeddedPost(start, end, name_start, name_end, signature.group(1), signature.end()))
            content_from = signature.end()
    return posts
