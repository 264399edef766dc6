"""Stored rows → records: the inverse of ``rows.py``, so a stored document is a document again.

``rows.py`` flattens an ``AnalyzedDocument`` into table rows; this rebuilds the records from a
``queries.get_document`` result. The store's dump is then ``AnalyzedDocument.to_contract()`` of
those records, the same mapping as ``eventscope code`` output, never a second one. Since schema 3
the tables keep every field of the records; what a store migrated from an older schema never had
comes back as the records' defaults (no focus, ``within`` empty, not ``inferred``), except an event
location's confidence, which stays None (unknown, not a made-up 1.0).
"""

from __future__ import annotations

from typing import Any

from ..model import (
    Actor,
    ActorRef,
    AnalyzedDocument,
    Brief,
    Document,
    DocumentFocus,
    Event,
    Location,
    Mention,
    Quote,
    Role,
    Span,
    TimeExpression,
)


def adoc_from_stored(doc: dict[str, Any]) -> AnalyzedDocument:
    """A stored document (``queries.get_document``) → ``AnalyzedDocument``.

    Args:
        doc (dict): the document with its actors, events, locations, quotes and dates.
    RETURNS (AnalyzedDocument): records with the store's ids (``Document.id`` is ``doc_id``,
        actors and events keep their local ids).
    """
    document = Document(
        text=doc["text"], id=doc["doc_id"], date=doc["date"], title=doc["title"], url=doc["url"],
        origin=doc["origin"], meta=dict(doc["meta"] or {}),
    )
    actors = [_actor(a) for a in doc["actors"]]
    mentions = sorted((m for a in actors for m in a.mentions), key=lambda m: (m.start, m.end))
    brief = doc["brief"]
    focus = doc.get("focus")
    return AnalyzedDocument(
        document=document,
        actors=actors,
        mentions=mentions,
        events=[_event(e) for e in doc["events"]],
        locations=[
            Location(text=r["text"], start=r["start_char"], end=r["end_char"], name=r["name"], country=r["country"],
                     admin1=r["admin1"], lat=r["lat"], lon=r["lon"], geonameid=r["geonameid"],
                     feature=r["feature"], confidence=r["confidence"], precision=r["precision"],
                     within=list(r["within"] or []), inferred=bool(r["inferred"]))
            for r in doc["locations"]
        ],
        times=[
            TimeExpression(text=r["text"], start=r["start_char"], end=r["end_char"], date=r["date"],
                           precision=r["precision"])
            for r in doc["dates"]
        ],
        quotes=[
            Quote(text=r["text"], start=r["start_char"], end=r["end_char"], speaker=r["speaker_local"],
                  speaker_text=r["speaker_text"], cue=r["cue"], kind=r["kind"])
            for r in doc["quotes"]
        ],
        brief=Brief(summary=brief["summary"], key_points=list(brief["key_points"])),
        focus=None if focus is None else DocumentFocus(
            country=focus["country"], admin1=focus["admin1"], confidence=focus["confidence"],
            countries=[(c["country"], c["weight"]) for c in focus["countries"]], evidence=list(focus["evidence"]),
        ),
        errors=list(doc["errors"] or []),
    )


def _actor(row: dict[str, Any]) -> Actor:
    local = row["local_id"]
    return Actor(
        id=local, name=row["name"], country=row["country"], sector=row["sector"], kind=row["kind"],
        kb_id=row["kb_id"], confidence=row["confidence"], roles=[Role(**r) for r in row["roles"] or []],
        as_of=row["as_of"],
        mentions=[
            Mention(text=m["text"], start=m["start"], end=m["end"], sentence=m["sentence"], label=m["label"], actor=local)
            for m in row["mentions"]
        ],
    )


def _ref(row: dict[str, Any], side: str) -> ActorRef | None:
    if row[f"{side}_local"] is None and row[f"{side}_name"] is None and row[f"{side}_text"] is None:
        return None
    return ActorRef(
        actor=row[f"{side}_local"], text=row[f"{side}_text"], name=row[f"{side}_name"],
        country=row[f"{side}_country"], sector=row[f"{side}_sector"], start=row[f"{side}_start"],
        end=row[f"{side}_end"],
    )


def _span(text: Any, start: Any, end: Any) -> Span | None:
    if text is None and start is None:
        return None
    return Span(text=text, start=start, end=end)


def _event(row: dict[str, Any]) -> Event:
    location = None
    if row["location_text"] is not None or row["location_name"] is not None:
        location = Location(
            text=row["location_text"], start=row["location_start"], end=row["location_end"],
            name=row["location_name"], country=row["country"], admin1=row["admin1"], lat=row["lat"],
            lon=row["lon"], geonameid=row["geonameid"], feature=row["location_feature"],
            # None when unknown (stored before schema 3), not a made-up 1.0
            confidence=row["location_confidence"],  # type: ignore[arg-type]
            precision=row["location_precision"], within=list(row["location_within"] or []),
            inferred=bool(row["location_inferred"]),
        )
    return Event(
        id=row["local_id"], type=row["type"], mode=row["mode"], context=list(row["context"] or []),
        modality=row["modality"], cameo=row["cameo"], quad_class=row["quad_class"], goldstein=row["goldstein"],
        source=_ref(row, "source"), target=_ref(row, "target"), location=location,
        date=row["date"] or None, date_precision=row["date_precision"],
        evidence=_span(row["evidence_text"], row["evidence_start"], row["evidence_end"]) or Span("", 0, 0),
        trigger=_span(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        confidence=row["confidence"], sentence=row["sentence"], quote=row["quote"], follow_up=row["follow_up"],
        follow_up_of=row["follow_up_of"],
    )
