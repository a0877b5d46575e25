"""framing: side-by-side comparison of how news outlets frame the same events."""

from __future__ import annotations

__version__ = "0.1.0"


def target_sentiment(text: str, start: int, end: int) -> float:
    """Sentiment toward text[start:end] within `text`, in [-1, 1] (see features/sentiment.py)."""
    from framing.features.sentiment import target_sentiment as _target_sentiment

    return _target_sentiment(text, start, end)


__all__ = ["__version__", "target_sentiment"]
