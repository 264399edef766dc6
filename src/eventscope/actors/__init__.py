"""The actor layer: knowledge base, phrase resolution, the ``actors`` stage, ``resolve_actor``.

Importing this package registers the ``actors`` stage (the pipeline imports it by name).
Other stages find the actor of a stretch of text with ``mention_at``.
"""

from __future__ import annotations

from ..model import AnalyzedDocument, Mention
from .resolve import resolve_actor
from .stage import ActorStage

__all__ = ["ActorStage", "mention_at", "resolve_actor"]


def mention_at(adoc: AnalyzedDocument, start: int, end: int) -> Mention | None:
    """The best actor mention overlapping the character span [start, end).

    Prefers the mention that contains the span's syntactic head when the parse is still there
    ("Iran's ambassador to Iraq" -> the ambassador), else the span's last character (the head of
    an English noun phrase is usually its last word), then the one that overlaps the span most,
    then the shortest.

    adoc (AnalyzedDocument): a document after the ``actors`` stage.
    start (int): character offset where the span starts.
    end (int): character offset where the span ends (exclusive).
    RETURNS (Mention | None): the mention, or None when no mention overlaps the span.
    """
    best: tuple[tuple[int, int, int], Mention] | None = None
    last = end - 1
    doc = adoc.spacy_doc
    if doc is not None:
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                last = span.root.idx
        except Exception:  # noqa: BLE001 - offsets beyond a truncated parse: fall back
            pass
    for m in adoc.mentions:
        if m.end <= start or m.start >= end or m.actor is None:
            continue
        overlap = min(end, m.end) - max(start, m.start)
        score = (1 if m.start <= last < m.end else 0, overlap, -(m.end - m.start))
        if best is None or score > best[0]:
            best = (score, m)
    return best[1] if best else None
