"""framing: side-by-side comparison of how news outlets frame the same events."""

from __future__ import annotations

__version__ = "0.1.0"
