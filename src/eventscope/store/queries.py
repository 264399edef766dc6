"""Read queries over the store: events, actors, places, documents, stats.

Every function takes an open DuckDB connection and builds SQL from fixed text plus ``?``
placeholders (``EventFilter.where``); no caller-supplied string ever becomes SQL. The API, the
CLI and the analysis layer all read through these functions.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import Errors
from .filters import EventFilter

MAX_LIMIT = 1000

JSON_COLUMNS = {"context", "brief_key_points", "meta", "errors", "roles", "location_within", "within",
                "focus_countries", "focus_evidence"}

# Stable orderings: the last keys are unique, so pages never overlap or skip rows.
EVENT_ORDERS: dict[str, str] = {
    "-day": "e.day DESC NULLS LAST, e.doc_id, e.seq",
    "day": "e.day ASC NULLS LAST, e.doc_id, e.seq",
    "-goldstein": "e.goldstein DESC NULLS LAST, e.event_id",
    "goldstein": "e.goldstein ASC NULLS LAST, e.event_id",
    "-confidence": "e.confidence DESC NULLS LAST, e.event_id",
}

EVENT_EXPORT_ORDER = "e.day ASC NULLS LAST, e.doc_id, e.seq"


def _value(name: str, value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if name in JSON_COLUMNS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return None  # signatures are internal
    return value


def _dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    rel = cur.execute(sql, params or [])
    names = [d[0] for d in rel.description]
    return [{n: _value(n, v) for n, v in zip(names, row)} for row in rel.fetchall()]


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


# -- events -----------------------------------------------------------------------------

EVENT_LIST_COLUMNS = (
    "e.event_id, e.doc_id, e.seq, e.local_id, e.type, e.mode, e.modality, e.context, e.cameo, "
    "e.quad_class, e.goldstein, e.confidence, e.source_actor, e.source_name, e.source_text, "
    "e.source_country, e.source_sector, e.source_start, e.source_end, e.target_actor, e.target_name, "
    "e.target_text, e.target_country, e.target_sector, e.target_start, e.target_end, "
    "e.location_text, e.location_name, e.location_start, e.location_end, e.country, e.admin1, "
    "e.lat, e.lon, e.geonameid, e.location_precision, e.location_inferred, e.location_within, "
    "e.location_confidence, e.date, e.date_precision, e.day, e.day_source, e.evidence_text, "
    "e.evidence_start, e.evidence_end, e.trigger_text, e.trigger_start, e.trigger_end, "
    "e.sentence, e.follow_up, d.title AS doc_title"
)


def list_events(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 50, offset: int = 0, sort: str = "-day",
    cursor: str | None = None,
) -> dict[str, Any]:
    """A page of events matching ``flt`` in a stable order.

    Two ways to page: ``offset``, or ``cursor`` (the ``next_cursor`` of the previous page, for
    the day orders): a cursor page starts right after the last event seen, so events stored
    meanwhile never shift a page, and deep pages cost no more than the first.

    Args:
        cur: connection. flt (EventFilter): filters. limit/offset: the page (limit ≤ 1000).
        sort (str): one of ``EVENT_ORDERS`` ("-day" newest first, the default).
        cursor (str | None): continue after this cursor (offset is then ignored).
    RETURNS (dict): ``total`` (all matches), ``limit``, ``offset``, ``sort``, ``items`` (flat
        event dicts) and ``next_cursor`` (None on the last page, or for non-day orders).
    """
    if sort not in EVENT_ORDERS:
        raise ValueError(Errors.E032.format(name="sort", choices=", ".join(EVENT_ORDERS), value=sort))
    limit, offset = _clamp(limit, offset)
    where, params = flt.where("e")
    total = cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    page_where, page_params = where, list(params)
    if cursor:
        cond, cond_params = _after_cursor(cursor, sort)
        page_where, page_params = f"{where} AND {cond}", [*params, *cond_params]
        offset = 0
    items = _dicts(
        cur,
        f"SELECT {EVENT_LIST_COLUMNS} FROM events e LEFT JOIN documents d USING (doc_id) "
        f"WHERE {page_where} ORDER BY {EVENT_ORDERS[sort]} LIMIT ? OFFSET ?",
        [*page_params, limit, offset],
    )
    next_cursor = None
    if sort in ("-day", "day") and len(items) == limit and limit > 0:
        last = items[-1]
        next_cursor = _encode_cursor(sort, last["day"], last["doc_id"], last["seq"])
    return {"total": int(total), "limit": limit, "offset": offset, "sort": sort, "items": items,
            "next_cursor": next_cursor}


def _encode_cursor(sort: str, day: str | None, doc_id: str, seq: int) -> str:
    raw = json.dumps([sort, day, doc_id, seq], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _after_cursor(cursor: str, sort: str) -> tuple[str, list[Any]]:
    """SQL condition for "after this cursor" in the day orders (nulls last, then doc, seq).

    A cursor comes back from the client, so it is checked like any input: exactly
    ``[sort, day | null, doc_id, seq]`` with a small non-negative integer ``seq`` — no floats,
    ``Infinity`` or deep nesting reach ``int()`` or the database (E062 otherwise).
    """

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not allowed")

    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"), parse_constant=no_constant, parse_float=no_constant)
        if not isinstance(value, list) or len(value) != 4:
            raise ValueError("not a list of four values")
        c_sort, day, doc_id, seq = value
        if not isinstance(c_sort, str) or not isinstance(doc_id, str) or len(doc_id) > 1000:
            raise ValueError("wrong types")
        if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq < 2**31:
            raise ValueError("position out of range")
        if day is not None and not isinstance(day, str):
            raise ValueError("wrong day")
        day = dt.date.fromisoformat(day) if day is not None else None
    except (ValueError, TypeError, RecursionError) as exc:  # binascii.Error is a ValueError
        raise ValueError(Errors.E062.format(detail=str(exc)[:80] or type(exc).__name__)) from exc
    if c_sort != sort or sort not in ("-day", "day"):
        raise ValueError(Errors.E062.format(detail="it belongs to another sort order"))
    same_doc_later = "(e.doc_id > ? OR (e.doc_id = ? AND e.seq > ?))"
    if day is None:
        return f"(e.day IS NULL AND {same_doc_later})", [doc_id, doc_id, seq]
    cmp = "<" if sort == "-day" else ">"
    return (
        f"(e.day {cmp} ? OR (e.day = ? AND {same_doc_later}) OR e.day IS NULL)",
        [day, day, doc_id, doc_id, seq],
    )


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with every column plus its provenance.

    RETURNS (dict | None): event columns and ``provenance``: the document (id, title, url,
    date), the sentence index and evidence offsets, and the exact slices of the stored text at
    those offsets (so a reader can check them).
    """
    rows = _dicts(
        cur,
        "SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date, d.origin AS doc_origin, "
        "d.text AS _text FROM events e LEFT JOIN documents d USING (doc_id) WHERE e.event_id = ?",
        [event_id],
    )
    if not rows:
        return None
    row = rows[0]
    text = row.pop("_text") or ""

    def span(start: int | None, end: int | None) -> dict[str, Any] | None:
        if start is None or end is None:
            return None
        return {"start": start, "end": end, "text": text[start:end]}

    row["provenance"] = {
        "doc_id": row["doc_id"],
        "title": row["doc_title"],
        "url": row["doc_url"],
        "date": row["doc_date"],
        "origin": row["doc_origin"],
        "sentence": row["sentence"],
        "evidence": span(row["evidence_start"], row["evidence_end"]),
        "trigger": span(row["trigger_start"], row["trigger_end"]),
        "source": span(row["source_start"], row["source_end"]),
        "target": span(row["target_start"], row["target_end"]),
        "location": span(row["location_start"], row["location_end"]),
    }
    return row


def event_table(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> pa.Table:
    """All matching events with their document's title/url/date, in export order (Arrow)."""
    where, params = flt.where("e")
    rel = cur.sql(
        "SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date, "
        "d.origin AS doc_origin, d.ingested_at AS doc_ingested_at "
        f"FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} ORDER BY {EVENT_EXPORT_ORDER}",
        params=params,
    )
    return _arrow(rel)


def _arrow(rel: Any) -> pa.Table:
    """A relation's rows as an Arrow table (DuckDB ≥ 1.4 names it ``to_arrow_table``)."""
    fetch = getattr(rel, "to_arrow_table", None) or getattr(rel, "fetch_arrow_table")
    return fetch()


# -- actors -----------------------------------------------------------------------------


def _event_actor_cte(where: str) -> str:
    return f"""
        ev AS (
            SELECT source_actor AS actor_id, source_name AS name, source_country AS country,
                   source_sector AS sector, TRUE AS is_source, goldstein, quad_class, day
            FROM events e WHERE {where} AND source_actor IS NOT NULL
            UNION ALL
            SELECT target_actor, target_name, target_country, target_sector, FALSE, goldstein, quad_class, day
            FROM events e WHERE {where} AND target_actor IS NOT NULL
        ),
        ev_agg AS (
            SELECT actor_id, count(*) AS n_events,
                   count(*) FILTER (WHERE is_source) AS as_source,
                   count(*) FILTER (WHERE NOT is_source) AS as_target,
                   avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   min(day) AS first_day, max(day) AS last_day,
                   mode(name) AS ev_name, mode(country) AS ev_country, mode(sector) AS ev_sector
            FROM ev GROUP BY actor_id
        ),
        ac AS (
            SELECT actor_id, mode(name) AS name, mode(country) AS country, mode(sector) AS sector,
                   mode(kind) AS kind, any_value(kb_id) AS kb_id, any_value(actor_key) AS actor_key,
                   count(DISTINCT hash(doc_id)) AS n_docs, sum(n_mentions) AS n_mentions
            FROM actors GROUP BY actor_id
        )"""


_ACTOR_SELECT = """
    SELECT coalesce(ac.actor_id, ev_agg.actor_id) AS actor_id,
           coalesce(ac.name, ev_agg.ev_name) AS name,
           coalesce(ac.country, ev_agg.ev_country) AS country,
           coalesce(ac.sector, ev_agg.ev_sector) AS sector,
           ac.kind, ac.kb_id, ac.actor_key,
           coalesce(ac.n_docs, 0) AS n_docs, coalesce(ac.n_mentions, 0) AS n_mentions,
           coalesce(ev_agg.n_events, 0) AS n_events, coalesce(ev_agg.as_source, 0) AS as_source,
           coalesce(ev_agg.as_target, 0) AS as_target, ev_agg.goldstein_mean,
           coalesce(ev_agg.material_conflict, 0) AS material_conflict,
           ev_agg.first_day, ev_agg.last_day
"""


def list_actors(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 50, offset: int = 0, q: str | None = None
) -> dict[str, Any]:
    """Actors merged across documents by their global id, most active first.

    With event filters, only actors taking part in matching events are listed (and their event
    counts are over those events). ``q`` matches the canonical name, case-insensitively.

    RETURNS (dict): ``total``, ``limit``, ``offset``, ``items``.
    """
    limit, offset = _clamp(limit, offset)
    where, params = flt.where("e")
    filtered = where != "TRUE"
    join = "RIGHT JOIN" if filtered else "FULL OUTER JOIN"
    cond = "TRUE"
    extra: list[Any] = []
    if q:
        cond = "coalesce(ac.name, ev_agg.ev_name) ILIKE ? ESCAPE '\\'"
        extra.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    base = f"WITH {_event_actor_cte(where)} {_ACTOR_SELECT} FROM ac {join} ev_agg USING (actor_id) WHERE {cond}"
    all_params = [*params, *params, *extra]
    # One pass: the window count gives the total alongside the page.
    items = _dicts(
        cur,
        f"SELECT *, count(*) OVER () AS _total FROM ({base}) "
        "ORDER BY n_events DESC, n_docs DESC, name, actor_id LIMIT ? OFFSET ?",
        [*all_params, limit, offset],
    )
    if items:
        total = items[0]["_total"]
        for item in items:
            del item["_total"]
    else:
        total = cur.execute(f"SELECT count(*) FROM ({base})", all_params).fetchone()[0]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


def get_actor(cur: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any] | None:
    """One global actor: codes, names seen, roles, documents, event mix, dyad partners, events."""
    flt = EventFilter(actor=actor_id)
    where, params = flt.where("e")
    rows = _dicts(
        cur,
        f"WITH {_event_actor_cte(where)} {_ACTOR_SELECT} FROM ac FULL OUTER JOIN ev_agg USING (actor_id) "
        "WHERE coalesce(ac.actor_id, ev_agg.actor_id) = ?",
        [*params, *params, actor_id],
    )
    if not rows:
        return None
    actor = rows[0]
    actor["names"] = _dicts(
        cur,
        "SELECT name, count(*) AS n FROM ("
        "  SELECT name FROM actors WHERE actor_id = ? "
        "  UNION ALL SELECT text AS name FROM mentions WHERE actor_id = ?"
        ") WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC, name LIMIT 50",
        [actor_id, actor_id],
    )
    roles: list[Any] = []
    for (raw,) in cur.execute("SELECT roles FROM actors WHERE actor_id = ? ORDER BY doc_id", [actor_id]).fetchall():
        for role in json.loads(raw or "[]"):
            if role not in roles:
                roles.append(role)
    actor["roles"] = roles
    actor["documents"] = _dicts(
        cur,
        "SELECT DISTINCT d.doc_id, d.title, d.date, d.url FROM ("
        "  SELECT doc_id FROM actors WHERE actor_id = ? "
        "  UNION SELECT doc_id FROM events WHERE source_actor = ? OR target_actor = ?"
        ") x JOIN documents d USING (doc_id) ORDER BY d.date DESC NULLS LAST, d.doc_id LIMIT 200",
        [actor_id, actor_id, actor_id],
    )
    actor["types"] = _dicts(
        cur,
        f"SELECT type, count(*) AS n FROM events e WHERE {where} GROUP BY type ORDER BY n DESC, type",
        params,
    )
    actor["partners"] = _dicts(
        cur,
        """
        SELECT partner AS actor_id, mode(partner_name) AS name, mode(partner_country) AS country,
               count(*) FILTER (WHERE outgoing) AS outgoing, count(*) FILTER (WHERE NOT outgoing) AS incoming,
               count(*) AS n_events, avg(goldstein) AS goldstein_mean
        FROM (
            SELECT target_actor AS partner, target_name AS partner_name, target_country AS partner_country,
                   TRUE AS outgoing, goldstein FROM events WHERE source_actor = ? AND target_actor IS NOT NULL
            UNION ALL
            SELECT source_actor, source_name, source_country, FALSE, goldstein
            FROM events WHERE target_actor = ? AND source_actor IS NOT NULL
        ) GROUP BY partner ORDER BY n_events DESC, partner LIMIT 50
        """,
        [actor_id, actor_id],
    )
    actor["events"] = list_events(cur, flt, limit=50)["items"]
    return actor


# -- places -----------------------------------------------------------------------------


def list_places(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = 100) -> list[dict[str, Any]]:
    """Where matching events happened, grouped by place, with counts and Goldstein means.

    RETURNS (list[dict]): name, country, admin1, lat, lon, geonameid, feature, ``precision``
    (how exact the point is: place, admin2, admin1, region, country), n_events, ``n_inferred``
    (events placed there from the dateline or the story's focus, not by their own text) and
    ``inferred`` (every event there was), quad counts (q1..q4), goldstein_mean, first/last day;
    most events first.
    """
    limit = max(0, min(int(limit), MAX_LIMIT))
    where, params = flt.where("e")
    return _dicts(
        cur,
        f"""
        SELECT coalesce(location_name, location_text) AS name, country, admin1,
               round(avg(lat), 5) AS lat, round(avg(lon), 5) AS lon, geonameid,
               mode(location_feature) AS feature, mode(location_precision) AS precision, count(*) AS n_events,
               count(*) FILTER (WHERE location_inferred) AS n_inferred,
               bool_and(coalesce(location_inferred, FALSE)) AS inferred,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               avg(goldstein) AS goldstein_mean, min(day) AS first_day, max(day) AS last_day,
               count(DISTINCT doc_id) AS n_docs
        FROM events e
        WHERE {where} AND (location_name IS NOT NULL OR location_text IS NOT NULL)
        GROUP BY coalesce(location_name, location_text), country, admin1, geonameid
        ORDER BY n_events DESC, name, country NULLS LAST
        LIMIT ?
        """,
        [*params, limit],
    )


# -- documents --------------------------------------------------------------------------


def list_documents(
    cur: duckdb.DuckDBPyConnection, limit: int = 50, offset: int = 0, q: str | None = None
) -> dict[str, Any]:
    """A page of documents (without text), newest publication date first."""
    limit, offset = _clamp(limit, offset)
    cond, params = "TRUE", []
    if q:
        cond = "(d.title ILIKE ? ESCAPE '\\' OR d.doc_id = ?)"
        params = ["%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", q]
    total = cur.execute(f"SELECT count(*) FROM documents d WHERE {cond}", params).fetchone()[0]
    items = _dicts(
        cur,
        f"""
        SELECT d.doc_id, d.hash, d.title, d.url, d.date, d.origin, d.n_chars, d.brief_summary,
               d.duplicate_of, d.ingested_at, d.focus_country,
               (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events,
               (SELECT count(*) FROM actors a WHERE a.doc_id = d.doc_id) AS n_actors
        FROM documents d WHERE {cond}
        ORDER BY d.pub_date DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    )
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


def get_document(cur: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """One document with its text (verbatim), brief, actors with mentions, events, places,
    quotes and dates."""
    rows = _dicts(cur, "SELECT * EXCLUDE (minhash) FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    doc = rows[0]
    doc["brief"] = {"summary": doc.pop("brief_summary") or "", "key_points": doc.pop("brief_key_points") or []}
    doc["focus"] = _focus(doc)
    actors = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM actors WHERE doc_id = ? ORDER BY local_id", [doc_id])
    mentions = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM mentions WHERE doc_id = ? ORDER BY idx", [doc_id])
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_local"] or "", []).append(m)
    for a in actors:
        a["mentions"] = [
            {"text": m["text"], "start": m["start_char"], "end": m["end_char"], "sentence": m["sentence"], "label": m["label"]}
            for m in by_actor.get(a["local_id"], [])
        ]
    actors.sort(key=lambda a: _natural(a["local_id"]))
    doc["actors"] = actors
    doc["events"] = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM events WHERE doc_id = ? ORDER BY seq", [doc_id])
    doc["locations"] = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM locations WHERE doc_id = ? ORDER BY idx", [doc_id])
    doc["quotes"] = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM quotes WHERE doc_id = ? ORDER BY idx", [doc_id])
    doc["dates"] = _dicts(cur, "SELECT * EXCLUDE (doc_id) FROM dates WHERE doc_id = ? ORDER BY idx", [doc_id])
    return doc


def _focus(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The document's ``focus_*`` columns (removed from ``doc``) as the contract's focus object;
    None when the document has none (``focus_confidence`` is NULL only then)."""
    focus = {key: doc.pop(f"focus_{key}") for key in ("country", "admin1", "confidence", "countries", "evidence")}
    if focus["confidence"] is None:
        return None
    focus["countries"] = list(focus["countries"] or [])
    focus["evidence"] = list(focus["evidence"] or [])
    return focus


def _natural(local_id: str) -> tuple[str, int]:
    head = local_id.rstrip("0123456789")
    tail = local_id[len(head):]
    return head, int(tail) if tail else -1


# -- stats ------------------------------------------------------------------------------


def stats(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts per table, distinct actors, the day range and the type/quad/modality mix."""
    from .schema import DATA_TABLES

    out: dict[str, Any] = {
        "counts": {t: int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in DATA_TABLES}
    }
    out["distinct_actors"] = int(cur.execute("SELECT count(DISTINCT actor_id) FROM actors").fetchone()[0])
    first, last = cur.execute("SELECT min(day), max(day) FROM events").fetchone()
    out["first_day"] = first.isoformat() if first else None
    out["last_day"] = last.isoformat() if last else None
    out["types"] = _dicts(cur, "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
    out["quad_classes"] = _dicts(
        cur, "SELECT quad_class, count(*) AS n FROM events GROUP BY quad_class ORDER BY quad_class NULLS LAST"
    )
    out["modalities"] = _dicts(
        cur, "SELECT modality, count(*) AS n FROM events GROUP BY modality ORDER BY n DESC, modality"
    )
    out["countries"] = _dicts(
        cur,
        "SELECT country, count(*) AS n FROM events WHERE country IS NOT NULL GROUP BY country "
        "ORDER BY n DESC, country LIMIT 20",
    )
    return out
