"""Token helpers over the spaCy parse that later stages share."""

from __future__ import annotations

from typing import Any


# ``doc.user_data`` key of the text ``doc_text`` keeps.
TEXT_KEY = "_eventscope_text"


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per document and kept in ``doc.user_data``.

    Why: spaCy rebuilds ``Doc.text`` from its tokens on every access (a Python object per token,
    ~0.1 ms for 400 words), and the stages read a document's text about twenty times. The text of a
    parsed document never changes (merging tokens keeps it), so the kept copy stays true; it is
    kept with the token count, so a document made from a part of another (``Span.as_doc`` may copy
    ``user_data``) builds its own. Anything else with a ``text`` (a ``Span``) gives its text.
    """
    store = getattr(doc, "user_data", None)
    if store is None:
        return doc.text
    kept = store.get(TEXT_KEY)
    if kept is None or kept[0] != len(doc):
        kept = store[TEXT_KEY] = (len(doc), doc.text)
    return kept[1]


def span_root(doc: Any, start: int, end: int) -> Any | None:
    """The syntactic head of the words covering characters ``start``–``end`` (a trigger, a
    phrase), widened to whole tokens; None when no token is there."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


__all__ = ["doc_text", "span_root"]
