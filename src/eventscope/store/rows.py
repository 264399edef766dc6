"""Turn analysed documents into table rows (one dict per row, keyed by column name).

Why a separate module: the write path, the bulk benchmark and the import path all build rows the
same way, so ids (document ids, ``<doc_id>:<E#>`` event ids, global actor ids) are computed in
one place and stay stable across runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict
from typing import Any

from ..common.names import name_key
from ..common.values import as_float, as_int, partial_date
from ..model import Actor, ActorRef, AnalyzedDocument, DocumentFocus, Event, Location, Quote, TimeExpression

def actor_key(name: str | None, country: str | None = None, kb_id: str | None = None) -> str | None:
    """The canonical key that merges one actor across documents.

    A knowledge-base id wins (``kb:<id>``); otherwise the normalised name plus country
    (``name:<name>|<country>``), so "Hamas" with no country and "Hamas" coded PSE stay apart
    only when their codes disagree.

    Args:
        name (str | None): canonical name.
        country (str | None): ISO3 / IGO code.
        kb_id (str | None): knowledge-base id.
    RETURNS (str | None): the key, or None when there is nothing to key on.
    """
    if kb_id:
        return f"kb:{kb_id}"
    if not name:
        return None
    norm = name_key(name, style="actor_id")  # frozen: stored actor ids hash it
    if not norm:
        return None
    return f"name:{norm}|{country or '-'}"


def actor_uid(key: str) -> str:
    """Short URL-safe global actor id derived from the key (stable across stores)."""
    return "ac-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _finite(value: Any) -> float | None:
    """A float that JSON can hold (None for NaN and infinities)."""
    f = as_float(value)
    return f if f is not None and abs(f) != float("inf") else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def document_rows(
    adoc: AnalyzedDocument,
    doc_id: str,
    *,
    duplicate_of: str | None = None,
    minhash: bytes | None = None,
    ingested_at: dt.datetime | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """All rows one analysed document contributes, keyed by table name.

    Args:
        adoc (AnalyzedDocument): the pipeline output.
        doc_id (str): the id the document gets in the store (unique there).
        duplicate_of (str | None): doc_id of an earlier near-duplicate.
        minhash (bytes | None): serialised near-duplicate signature.
        ingested_at (datetime | None): write time (now by default).
    RETURNS (dict[str, list[dict]]): table name → rows.
    """
    now = ingested_at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    document = document_row(adoc, doc_id, duplicate_of=duplicate_of, minhash=minhash, ingested_at=now)
    actors, global_ids = actor_rows(adoc, doc_id)
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [document],
        "actors": actors,
        "mentions": mention_rows(adoc, doc_id, global_ids),
        "events": [
            event_row(adoc, ev, doc_id, local_id, seq, global_ids, pub_day=document["pub_date"], today=now.date())
            for seq, (ev, local_id) in enumerate(zip(adoc.events, _unique_ids([e.id for e in adoc.events])))
        ],
        "locations": [location_row(loc, doc_id, i) for i, loc in enumerate(adoc.locations)],
        "quotes": [quote_row(q, doc_id, i, global_ids) for i, q in enumerate(adoc.quotes)],
        "dates": [date_row(t, doc_id, i) for i, t in enumerate(adoc.times)],
    }
    doc = adoc.document
    if any(_has_surrogates(v) for v in (doc.text, doc.title, doc.url, doc.origin, doc.id)):
        _replace_surrogates(out)
    return out


def document_row(adoc: AnalyzedDocument, doc_id: str, *, duplicate_of: str | None, minhash: bytes | None,
                 ingested_at: dt.datetime) -> dict[str, Any]:
    """The ``documents`` row: the text, its metadata, the brief and the errors of the run."""
    doc = adoc.document
    return {
        "doc_id": doc_id,
        "hash": doc.hash,
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "pub_date": partial_date(doc.date),
        "origin": doc.origin,
        "text": doc.text,
        "n_chars": len(doc.text),
        "brief_summary": adoc.brief.summary if adoc.brief else None,
        "brief_key_points": _json(list(adoc.brief.key_points) if adoc.brief else []),
        "meta": _json(doc.meta or {}),
        "errors": _json(list(adoc.errors)),
        "duplicate_of": duplicate_of,
        "minhash": minhash,
        "ingested_at": ingested_at,
        **_focus_columns(adoc.focus),
    }


def _focus_columns(focus: DocumentFocus | None) -> dict[str, Any]:
    """The ``focus_*`` columns: all NULL when the document has no focus record."""
    if focus is None:
        return {c: None for c in ("focus_country", "focus_admin1", "focus_confidence", "focus_countries",
                                  "focus_evidence")}
    return {
        "focus_country": focus.country,
        "focus_admin1": focus.admin1,
        "focus_confidence": as_float(focus.confidence) or 0.0,  # never NULL: NULL means "no focus"
        "focus_countries": _json([{"country": c, "weight": _finite(w)} for c, w in focus.countries]),
        "focus_evidence": _json([str(e) for e in focus.evidence]),
    }


def actor_rows(adoc: AnalyzedDocument, doc_id: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The ``actors`` rows, and each local actor id's global id (``actor_uid``).

    RETURNS (tuple[list[dict], dict[str, str]]): rows, and local id → global id.
    """
    rows: list[dict[str, Any]] = []
    global_ids: dict[str, str] = {}
    for actor, local_id in zip(adoc.actors, _unique_ids([a.id for a in adoc.actors])):
        key = actor_key(actor.name, actor.country, actor.kb_id) or f"local:{doc_id}:{local_id}"
        gid = actor_uid(key)
        global_ids.setdefault(actor.id, gid)
        rows.append(
            {
                "doc_id": doc_id,
                "local_id": local_id,
                "actor_id": gid,
                "actor_key": key,
                "name": actor.name,
                "country": actor.country,
                "sector": actor.sector,
                "kind": actor.kind,
                "kb_id": actor.kb_id,
                "roles": _json([asdict(r) for r in actor.roles]),
                "confidence": as_float(actor.confidence),
                "n_mentions": len(actor.mentions),
                "as_of": actor.as_of,
            }
        )
    return rows, global_ids


def mention_rows(adoc: AnalyzedDocument, doc_id: str, global_ids: dict[str, str]) -> list[dict[str, Any]]:
    """The ``mentions`` rows (from the document's flat list, else from each actor's mentions)."""
    mentions = list(adoc.mentions) or [m for a in adoc.actors for m in _with_actor(a)]
    return [
        {
            "doc_id": doc_id,
            "idx": i,
            "actor_local": m.actor,
            "actor_id": global_ids.get(m.actor or ""),
            "text": m.text,
            "start_char": m.start,
            "end_char": m.end,
            "sentence": m.sentence,
            "label": m.label,
        }
        for i, m in enumerate(mentions)
    ]


def event_row(adoc: AnalyzedDocument, ev: Event, doc_id: str, local_id: str, seq: int,
              global_ids: dict[str, str], *, pub_day: dt.date | None, today: dt.date) -> dict[str, Any]:
    """The flat ``events`` row of one event: codes of both actors and the location inline.

    The one builder of flat event rows: the store writes them, and story merging and the dedupe
    scorer read them back from the store. ``day`` is the event date, else the publication day
    (``pub_day``), else ``today`` (the ingestion day); ``day_source`` says which.
    """
    row: dict[str, Any] = {
        "event_id": f"{doc_id}:{local_id}",
        "doc_id": doc_id,
        "seq": seq,
        "local_id": local_id,
        "type": ev.type,
        "mode": ev.mode,
        "modality": ev.modality,
        "context": _json([str(c) for c in (ev.context or [])]),
        "cameo": None if ev.cameo is None else str(ev.cameo),
        "quad_class": as_int(ev.quad_class),
        "goldstein": as_float(ev.goldstein),
        "confidence": as_float(ev.confidence),
    }
    row.update(_ref_columns("source", ev.source, adoc, global_ids))
    row.update(_ref_columns("target", ev.target, adoc, global_ids))
    row.update(_location_columns(ev.location))
    event_day = partial_date(ev.date)
    day, day_source = (
        (event_day, "event") if event_day else (pub_day, "publication") if pub_day else (today, "ingested")
    )
    row.update(
        {
            "date": event_day,
            "date_precision": ev.date_precision if event_day else None,
            "day": day,
            "day_source": day_source,
            "evidence_text": ev.evidence.text if ev.evidence else None,
            "evidence_start": ev.evidence.start if ev.evidence else None,
            "evidence_end": ev.evidence.end if ev.evidence else None,
            "trigger_text": ev.trigger.text if ev.trigger else None,
            "trigger_start": ev.trigger.start if ev.trigger else None,
            "trigger_end": ev.trigger.end if ev.trigger else None,
            "sentence": as_int(ev.sentence),
            "quote": as_int(ev.quote),
            "follow_up": bool(ev.follow_up),
            "follow_up_of": ev.follow_up_of,
        }
    )
    return row


def location_row(loc: Location, doc_id: str, idx: int) -> dict[str, Any]:
    """One ``locations`` row (a toponym of the document, geocoded)."""
    return {
        "doc_id": doc_id,
        "idx": idx,
        "text": loc.text,
        "start_char": loc.start,
        "end_char": loc.end,
        "name": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "lat": as_float(loc.lat),
        "lon": as_float(loc.lon),
        "geonameid": as_int(loc.geonameid),
        "feature": loc.feature,
        "confidence": as_float(loc.confidence),
        "precision": loc.precision,
        "within": _json([str(w) for w in loc.within or []]),
        "inferred": bool(loc.inferred),
    }


def quote_row(q: Quote, doc_id: str, idx: int, global_ids: dict[str, str]) -> dict[str, Any]:
    """One ``quotes`` row, with the speaker's local and global actor ids."""
    return {
        "doc_id": doc_id,
        "idx": idx,
        "text": q.text,
        "start_char": q.start,
        "end_char": q.end,
        "speaker_local": q.speaker,
        "speaker_actor": global_ids.get(q.speaker or ""),
        "speaker_text": q.speaker_text,
        "cue": q.cue,
        "kind": q.kind,
    }


def date_row(t: TimeExpression, doc_id: str, idx: int) -> dict[str, Any]:
    """One ``dates`` row (a date expression and what it resolved to)."""
    return {
        "doc_id": doc_id,
        "idx": idx,
        "text": t.text,
        "start_char": t.start,
        "end_char": t.end,
        "date": t.date,
        "precision": t.precision,
    }


def _replace_surrogates(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Lone surrogates (e.g. a "\\ud800" escape in JSON input) cannot be stored as UTF-8; each
    becomes U+FFFD, one code point for one, so every offset stays valid."""
    for rows in tables.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = _SURROGATE.sub("\ufffd", value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(value: Any) -> bool:
    return isinstance(value, str) and _SURROGATE.search(value) is not None


def _unique_ids(ids: list[Any]) -> list[str]:
    """Local ids made unique within a document (a repeated "E1" becomes "E1~2"), so one
    stage's slip cannot break the primary keys of a whole write."""
    seen: set[str] = set()
    out: list[str] = []
    for i, raw in enumerate(ids):
        base = str(raw) if raw not in (None, "") else f"X{i + 1}"
        local, n = base, 1
        while local in seen:
            n += 1
            local = f"{base}~{n}"
        seen.add(local)
        out.append(local)
    return out


def _with_actor(actor: Actor) -> list:
    """Mentions listed under an actor (when the document has no flat mention list)."""
    out = []
    for m in actor.mentions:
        if m.actor is None:
            m = type(m)(**{**asdict(m), "actor": actor.id})
        out.append(m)
    return out


def _ref_columns(
    side: str, ref: ActorRef | None, adoc: AnalyzedDocument, global_ids: dict[str, str]
) -> dict[str, Any]:
    if ref is None:
        return {
            f"{side}_{c}": None
            for c in ("local", "actor", "name", "text", "country", "sector", "start", "end")
        }
    gid = global_ids.get(ref.actor or "")
    name, country, sector = ref.name, ref.country, ref.sector
    actor = adoc.actor(ref.actor)
    if actor is not None:
        name = name or actor.name
        country = country if country is not None else actor.country
        sector = sector if sector is not None else actor.sector
    if gid is None:
        key = actor_key(name or ref.text, country)
        gid = actor_uid(key) if key else None
    return {
        f"{side}_local": ref.actor,
        f"{side}_actor": gid,
        f"{side}_name": name or ref.text,
        f"{side}_text": ref.text,
        f"{side}_country": country,
        f"{side}_sector": sector,
        f"{side}_start": ref.start,
        f"{side}_end": ref.end,
    }


def _location_columns(loc: Location | None) -> dict[str, Any]:
    if loc is None:
        return {
            c: None
            for c in (
                "location_text", "location_name", "country", "admin1", "lat", "lon",
                "geonameid", "location_feature", "location_start", "location_end", "location_precision",
                "location_inferred", "location_within", "location_confidence",
            )
        }
    return {
        "location_text": loc.text,
        "location_name": loc.name,
        "country": loc.country,
        "admin1": loc.admin1,
        "lat": as_float(loc.lat),
        "lon": as_float(loc.lon),
        "geonameid": as_int(loc.geonameid),
        "location_feature": loc.feature,
        "location_start": loc.start,
        "location_end": loc.end,
        "location_precision": loc.precision,
        "location_inferred": bool(loc.inferred),
        "location_within": _json([str(w) for w in loc.within or []]),
        "location_confidence": as_float(loc.confidence),
    }
