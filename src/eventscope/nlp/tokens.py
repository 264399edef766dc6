"""Token helpers over the spaCy parse that later stages share."""

from __future__ import annotations

from typing import Any


# ``doc.user_data`` key of the text ``doc_text`` keeps.
TEXT_KEY = "_eventscope_text"
# ``doc.user_data`` key of the sentence-case parses of title-case headlines (``keep_recased``).
RECASED_KEY = "_eventscope_recased"


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


def keep_recased(doc: Any, sent: Any, parsed: Any) -> None:
    """Keep ``parsed``, a parse of the sentence ``sent`` of ``doc`` in sentence case, for the
    stages after the one that made it (the actors stage parses a title-case headline so).

    Why: the small model reads "Iran Seizes Oil Tanker in Gulf" as one name, with no verb and so
    no act; "Iran seizes oil tanker in Gulf" it parses right. Kept only for a whole sentence at the
    top of the text, where the copy's characters and tokens line up with the document's from
    offset 0, and only when the copy parses as one sentence.
    """
    if sent.start_char != 0 or len(list(parsed.sents)) != 1 or len(parsed.text) != sent.end_char:
        return
    doc.user_data.setdefault(RECASED_KEY, {})[(sent.start_char, sent.end_char)] = parsed


def recased(sent: Any) -> Any:
    """The sentence-case parse kept for ``sent`` (``keep_recased``) as a span, else ``sent``."""
    kept = getattr(sent.doc, "user_data", {}).get(RECASED_KEY)
    parsed = kept.get((sent.start_char, sent.end_char)) if kept else None
    return parsed[:] if parsed is not None else sent


__all__ = ["doc_text", "keep_recased", "recased", "span_root"]
