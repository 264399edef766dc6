"""Token helpers over the spaCy parse that later stages share."""

from __future__ import annotations

from typing import Any


def span_root(doc: Any, start: int, end: int) -> Any | None:
    """The syntactic head of the words covering characters ``start``–``end`` (a trigger, a
    phrase), widened to whole tokens; None when no token is there."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


__all__ = ["span_root"]
