"""Story tables: reading and writing cross-document story events (the decisions are ``stories/``).

``stories.merge`` decides, over plain rows, which stored story a new event joins; this module
gives it those rows and persists its answer, inside the store's write transaction. Tables
(``story_events``, ``story_event_members``) are created with the rest of the schema
(``schema.TABLES``). Every function takes an open cursor of the store.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from ..stories.merge import assign_story_events, load_config, story_windows, summarise_story
from ..stories.scoring import MergeConfig

# The ``events`` columns merging reads (``scoring.ROW_KEYS`` plus mode, sectors and place name).
MERGE_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "type", "mode", "modality", "source_name", "source_country",
    "source_sector", "target_name", "target_country", "target_sector", "location_name",
    "country", "admin1", "lat", "lon", "date", "date_precision", "follow_up",
    "location_precision", "location_inferred",
)

_SELECT = ", ".join(f"e.{c}" for c in MERGE_COLUMNS)
# The publication day of an event's document (what undated events are compared by).
_DOC_DATE_JOIN = "LEFT JOIN documents d ON d.doc_id = e.doc_id"
_DOC_DATE = "TRY_CAST(d.pub_date AS DATE)"
_MEMBER_JOIN = "JOIN story_event_members m ON m.event_id = e.event_id"
# A syndicated copy (``documents.duplicate_of``) is not a new source: its events join no story.
_NOT_A_DUPLICATE = "e.doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"


def fetch_event_rows(cur: Any, where: str, params: list[Any], *, with_story: bool = False) -> list[dict[str, Any]]:
    """Event rows (``MERGE_COLUMNS`` plus ``doc_date``, and ``story_id`` when ``with_story``).

    Args:
        cur: store cursor. where (str): condition over ``e`` (events), ``d`` (documents) and,
            with ``with_story``, ``m`` (story_event_members). params (list): its values.
        with_story (bool): only events that are story members, with their ``story_id``.
    RETURNS (list[dict]): one dict per event.
    """
    story = ", m.story_id AS story_id" if with_story else ""
    members = _MEMBER_JOIN if with_story else ""
    cursor = cur.execute(
        f"SELECT {_SELECT}, {_DOC_DATE} AS doc_date{story} FROM events e {_DOC_DATE_JOIN} {members} WHERE {where}",
        params,
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def nearby_members(cur: Any, new_rows: list[dict[str, Any]], config: MergeConfig) -> list[dict[str, Any]]:
    """Stored story members that could match a new event: same type family and a date (or
    publication day) near that event's (``blocking.story_windows``), or the same document.

    The windows go to DuckDB as a small key table joined on type, so the read grows with the
    events near the new ones, not with the store.
    """
    keys, doc_keys = story_windows(new_rows, config)
    parts: list[str] = []
    registered: list[str] = []
    day = "TRY_CAST(e2.date AS DATE)"
    if keys:
        cur.register("_story_keys", pa.Table.from_pylist(keys))
        registered.append("_story_keys")
        cond = (f"{day} BETWEEN k.lo AND k.hi"
                f" OR (e2.date_precision = 'month' AND {day} BETWEEN k.mlo AND k.hi)"
                f" OR (e2.date_precision = 'year' AND year({day}) BETWEEN k.ylo AND k.yhi)")
        # Same blocking as StoryIndex: the source's country, or an unknown one on either side.
        sides = (" AND (k.src IS NULL OR e2.source_country IS NULL OR e2.source_country = k.src"
                 " OR (k.sym AND (e2.target_country = k.src OR e2.source_country = k.tgt)))")
        parts.append(
            f"SELECT e2.event_id FROM events e2 JOIN _story_keys k ON e2.type = k.type AND ({cond}){sides}"
        )
    if doc_keys:
        cur.register("_story_doc_keys", pa.Table.from_pylist(doc_keys))
        registered.append("_story_doc_keys")
        parts.append(
            "SELECT e2.event_id FROM events e2 LEFT JOIN documents d2 ON d2.doc_id = e2.doc_id "
            "JOIN _story_doc_keys k ON e2.type = k.type AND TRY_CAST(d2.pub_date AS DATE) BETWEEN k.lo AND k.hi"
        )
    try:
        where = "e.doc_id IN (SELECT unnest(?))"
        if parts:
            where = f"({where} OR e.event_id IN ({' UNION '.join(parts)}))"
        return fetch_event_rows(cur, where, [sorted({str(r.get("doc_id")) for r in new_rows})], with_story=True)
    finally:
        for name in registered:
            cur.unregister(name)


def update_story_events(cur: Any, event_ids: list[str]) -> int:
    """Merge newly stored events into story events (inside the store's write transaction).

    Reads the given events (those of near-duplicate documents are left out), fetches the stored
    story members near them, lets ``stories.merge.assign_story_events`` place each one, and
    rewrites the affected ``story_events`` rows. Events already placed are skipped, so a repeated
    call changes nothing. Opens no transaction of its own.

    Args:
        cur: a read-write store cursor. event_ids (list[str]): ids of events just written.
    RETURNS (int): how many events were added to stories.
    """
    if not event_ids:
        return 0
    ids = sorted({str(e) for e in event_ids})
    new_rows = fetch_event_rows(
        cur,
        "e.event_id IN (SELECT unnest(?)) AND e.event_id NOT IN (SELECT event_id FROM story_event_members) "
        f"AND {_NOT_A_DUPLICATE}",
        [ids],
    )
    if not new_rows:
        return 0
    new_rows.sort(key=lambda r: (str(r.get("doc_id")), str(r["event_id"])))
    config = load_config()
    assignments = assign_story_events(new_rows, nearby_members(cur, new_rows, config), config)
    placed = [a for a in assignments if a.story_id is not None]
    if not placed:
        return 0
    insert_rows(cur, "story_event_members",
                [{"story_id": a.story_id, "event_id": a.event_id, "doc_id": a.doc_id} for a in placed])
    refresh_stories(cur, sorted({a.story_id for a in placed if a.story_id}))
    return len(placed)


def refresh_stories(cur: Any, story_ids: list[str]) -> None:
    """Recompute the ``story_events`` rows of the given stories from their members."""
    if not story_ids:
        return
    members = fetch_event_rows(cur, "m.story_id IN (SELECT unnest(?))", [story_ids], with_story=True)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        grouped[m["story_id"]].append(m)
    cur.execute("DELETE FROM story_events WHERE story_id IN (SELECT unnest(?))", [story_ids])
    insert_rows(cur, "story_events", [summarise_story(sid, grouped[sid]) for sid in story_ids if sid in grouped])


def insert_rows(cur: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in one statement (through Arrow; ``executemany`` costs a round trip each).

    Column types are taken from the values; use ``Store.insert_rows`` for the typed path.
    """
    if not rows:
        return
    view = f"_stories_incoming_{table}"
    cur.register(view, pa.Table.from_pylist(rows))
    try:
        cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        cur.unregister(view)


def list_stories(cur: Any, min_documents: int = 1, limit: int = 100) -> list[dict[str, Any]]:
    """Story events, most reported first (for ``eventscope stories`` and the API).

    Args:
        cur: store cursor. min_documents (int): keep stories told by at least this many
            documents. limit (int): at most this many rows.
    RETURNS (list[dict]): ``story_events`` rows.
    """
    cursor = cur.execute(
        "SELECT * FROM story_events WHERE n_documents >= ? "
        "ORDER BY n_documents DESC, n_events DESC, date DESC NULLS LAST, story_id LIMIT ?",
        [min_documents, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def story_members(cur: Any, story_id: str) -> list[dict[str, Any]]:
    """The mention-level events of one story, with their documents (every source traced).

    RETURNS (list[dict]): event rows (``MERGE_COLUMNS`` plus ``doc_date`` and ``story_id``),
        by document and event id.
    """
    rows = fetch_event_rows(cur, "m.story_id = ?", [story_id], with_story=True)
    return sorted(rows, key=lambda r: (str(r.get("doc_id")), str(r.get("event_id"))))


def story_memberships(cur: Any) -> list[dict[str, Any]]:
    """Every (story, event) link with the event's document and type (for the dedupe scorer).

    RETURNS (list[dict]): ``story_id``, ``doc_id``, ``type``, ``event_id``.
    """
    cursor = cur.execute(
        "SELECT m.story_id, e.doc_id, e.type, e.event_id FROM story_event_members m "
        "JOIN events e ON e.event_id = m.event_id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
