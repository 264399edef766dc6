"""Contract JSON → records, so stored or exported documents can be loaded back.

``AnalyzedDocument.to_contract()`` goes one way; this goes the other, which is what makes the
store's dump (``Store.dump_jsonl``) and load (``Store.import_jsonl``) a round trip, and lets
already-coded JSONL (``eventscope code`` output plus ``text``) be stored without re-coding.
"""

from __future__ import annotations

from typing import Any

from ..errors import Errors
from ..model import (
    ActorRef,
    AnalyzedDocument,
    Brief,
    Document,
    Event,
    Location,
    Mention,
    Quote,
    Span,
    TimeExpression,
    actor_from_dict,
)


def _location(d: dict[str, Any] | None) -> Location | None:
    if not d:
        return None
    return Location(
        text=d.get("text") or d.get("name") or "",
        start=d.get("start"),
        end=d.get("end"),
        name=d.get("name"),
        country=d.get("country"),
        admin1=d.get("admin1"),
        lat=d.get("lat"),
        lon=d.get("lon"),
        geonameid=d.get("geonameid"),
        feature=d.get("feature"),
        confidence=d.get("confidence", 1.0),
    )


def _ref(d: dict[str, Any] | None) -> ActorRef | None:
    if not d:
        return None
    return ActorRef(
        actor=d.get("actor"), text=d.get("text"), name=d.get("name"), country=d.get("country"),
        sector=d.get("sector"), start=d.get("start"), end=d.get("end"),
    )


def _span(d: dict[str, Any] | None) -> Span | None:
    if not d:
        return None
    return Span(text=d.get("text") or "", start=d.get("start") or 0, end=d.get("end") or 0)


def event_from_dict(d: dict[str, Any]) -> Event:
    """One contract event dict → ``Event`` (CAMEO kept as a string)."""
    cameo = d.get("cameo")
    return Event(
        id=d["id"],
        type=d["type"],
        source=_ref(d.get("source")),
        target=_ref(d.get("target")),
        evidence=_span(d.get("evidence")) or Span("", 0, 0),
        mode=d.get("mode"),
        context=list(d.get("context") or []),
        modality=d.get("modality") or "asserted",
        cameo=None if cameo is None else str(cameo),
        quad_class=d.get("quad_class"),
        goldstein=d.get("goldstein"),
        location=_location(d.get("location")),
        date=d.get("date"),
        date_precision=d.get("date_precision"),
        confidence=d.get("confidence", 0.5),
        trigger=_span(d.get("trigger")),
        sentence=d.get("sentence") or 0,
        quote=d.get("quote"),
        follow_up=bool(d.get("follow_up", False)),
    )


def adoc_from_dict(d: dict[str, Any]) -> AnalyzedDocument:
    """A contract line (with ``text``) → ``AnalyzedDocument``.

    Args:
        d (dict): contract JSON for one document; must carry ``text``.
    RETURNS (AnalyzedDocument): the records, ready for ``Store.write``.
    """
    if not isinstance(d.get("text"), str):
        raise ValueError(Errors.E036.format(what=f"stored document {d.get('id')!r}"))
    doc = Document(
        text=d["text"], id=d.get("id"), date=d.get("date"), title=d.get("title"), url=d.get("url"),
        origin=d.get("origin"), meta=dict(d.get("meta") or {}),
    )
    actors = [actor_from_dict(a) for a in d.get("actors") or []]
    mentions: list[Mention] = []
    for a in actors:
        for m in a.mentions:
            m.actor = a.id
            mentions.append(m)
    mentions.sort(key=lambda m: (m.start, m.end))
    brief = d.get("brief") or {}
    return AnalyzedDocument(
        document=doc,
        actors=actors,
        mentions=mentions,
        events=[event_from_dict(e) for e in d.get("events") or []],
        locations=[l for l in (_location(x) for x in d.get("locations") or []) if l is not None],
        times=[
            TimeExpression(text=t.get("text", ""), start=t.get("start", 0), end=t.get("end", 0),
                           date=t.get("date"), precision=t.get("precision"))
            for t in d.get("dates") or []
        ],
        quotes=[
            Quote(text=q.get("text", ""), start=q.get("start", 0), end=q.get("end", 0),
                  speaker=q.get("speaker"), speaker_text=q.get("speaker_text"), cue=q.get("cue"),
                  kind=q.get("kind", "direct"))
            for q in d.get("quotes") or []
        ],
        brief=Brief(summary=brief.get("summary", ""), key_points=list(brief.get("key_points") or [])),
        errors=list(d.get("errors") or []),
    )
