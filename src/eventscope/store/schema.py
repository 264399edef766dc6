"""The DuckDB schema of the store, how a file is recognised as a store, and its migrations.

One row per document, actor-in-document, mention, event, location, quote and date expression,
plus the story tables of cross-document merging. Events carry their actors' codes and their
location inline (as in the contract), so an event row can be read alone and exports need no
joins. Every table that points into a text keeps the character offsets, so each stored field can
be traced back to its evidence.

A file is an eventscope store when its ``meta`` table records ``schema_version``. Migrations
are explicit steps (``MIGRATIONS``: version → the step that reaches it) and run only when a
store is opened for writing (``Store(path)``, ``eventscope migrate``); reading never changes a
file.

History: 1 first schema; 2 ``events.day_source``; 3 how exact and how sure a place is
(``precision``, ``within``, ``inferred`` on event locations and toponyms, an event location's
``confidence``), the document's focus, ``actors.as_of`` and ``events.follow_up_of``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from .connection import connect
from .precision import legacy_precision_sql

SCHEMA_VERSION = 3

TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE IF NOT EXISTS meta (
            key VARCHAR PRIMARY KEY,
            value VARCHAR
        )""",
    "documents": """
        CREATE TABLE IF NOT EXISTS documents (
            doc_id VARCHAR PRIMARY KEY,
            hash VARCHAR NOT NULL UNIQUE,
            title VARCHAR,
            url VARCHAR,
            date VARCHAR,              -- publication date as given (ISO 8601)
            pub_date DATE,             -- the same, parsed to a day (NULL when not a date)
            origin VARCHAR,
            text VARCHAR NOT NULL,
            n_chars INTEGER,
            brief_summary VARCHAR,
            brief_key_points JSON,
            meta JSON,
            errors JSON,
            duplicate_of VARCHAR,      -- doc_id of an earlier near-duplicate, if any
            minhash BLOB,              -- near-duplicate signature (stories.near_dupes)
            ingested_at TIMESTAMP NOT NULL,
            focus_country VARCHAR,     -- the story's main country (ISO3); all focus_* NULL: no focus
            focus_admin1 VARCHAR,
            focus_confidence DOUBLE,
            focus_countries JSON,      -- [{"country", "weight"}], best first
            focus_evidence JSON        -- what decided it: ["dateline", "toponyms", ...]
        )""",
    "actors": """
        CREATE TABLE IF NOT EXISTS actors (
            doc_id VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,     -- A1, A2 ... inside the document
            actor_id VARCHAR NOT NULL,     -- global id (hash of actor_key)
            actor_key VARCHAR NOT NULL,    -- kb:<kb id> or name:<normalised name>|<country>
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            kind VARCHAR,
            kb_id VARCHAR,
            roles JSON,
            confidence DOUBLE,
            n_mentions INTEGER,
            as_of VARCHAR,                 -- the date roles were read at when the document has none
            PRIMARY KEY (doc_id, local_id)
        )""",
    "mentions": """
        CREATE TABLE IF NOT EXISTS mentions (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            actor_local VARCHAR,
            actor_id VARCHAR,
            text VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            sentence INTEGER,
            label VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""",
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR PRIMARY KEY,  -- <doc_id>:<E#>
            doc_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,          -- order of the event in its document
            local_id VARCHAR,              -- E1, E2 ...
            type VARCHAR,
            mode VARCHAR,
            modality VARCHAR,
            context JSON,
            cameo VARCHAR,                 -- string: leading zeros are meaningful
            quad_class INTEGER,
            goldstein DOUBLE,
            confidence DOUBLE,
            source_local VARCHAR,
            source_actor VARCHAR,          -- global actor id
            source_name VARCHAR,
            source_text VARCHAR,
            source_country VARCHAR,
            source_sector VARCHAR,
            source_start INTEGER,
            source_end INTEGER,
            target_local VARCHAR,
            target_actor VARCHAR,
            target_name VARCHAR,
            target_text VARCHAR,
            target_country VARCHAR,
            target_sector VARCHAR,
            target_start INTEGER,
            target_end INTEGER,
            location_text VARCHAR,
            location_name VARCHAR,
            country VARCHAR,               -- country where the event happened (ISO3)
            admin1 VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            geonameid BIGINT,
            location_feature VARCHAR,
            location_start INTEGER,
            location_end INTEGER,
            date DATE,                     -- resolved event date (first day for month/year)
            date_precision VARCHAR,
            day DATE,                      -- event date, else publication date, else ingestion date
            day_source VARCHAR,            -- which of those: event | publication | ingested
            evidence_text VARCHAR,
            evidence_start INTEGER,
            evidence_end INTEGER,
            trigger_text VARCHAR,
            trigger_start INTEGER,
            trigger_end INTEGER,
            sentence INTEGER,
            quote INTEGER,
            follow_up BOOLEAN,
            location_precision VARCHAR,    -- place | admin2 | admin1 | region | country
            location_inferred BOOLEAN,     -- placed from the dateline or document focus, not the text
            location_within JSON,          -- the containing units the text names, most specific first
            location_confidence DOUBLE,
            follow_up_of VARCHAR           -- local id of the earlier telling in the same document
        )""",
    "locations": """
        CREATE TABLE IF NOT EXISTS locations (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            text VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            name VARCHAR,
            country VARCHAR,
            admin1 VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            geonameid BIGINT,
            feature VARCHAR,
            confidence DOUBLE,
            precision VARCHAR,
            within JSON,
            inferred BOOLEAN,
            PRIMARY KEY (doc_id, idx)
        )""",
    "quotes": """
        CREATE TABLE IF NOT EXISTS quotes (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            text VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            speaker_local VARCHAR,
            speaker_actor VARCHAR,
            speaker_text VARCHAR,
            cue VARCHAR,
            kind VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""",
    "dates": """
        CREATE TABLE IF NOT EXISTS dates (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            text VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            date VARCHAR,
            precision VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""",
    # Cross-document merging (``store.stories``): one row per story event, one per member.
    "story_events": """
        CREATE TABLE IF NOT EXISTS story_events (
            story_id VARCHAR PRIMARY KEY, type VARCHAR, source_name VARCHAR, target_name VARCHAR,
            country VARCHAR, lat DOUBLE, lon DOUBLE, date DATE, n_events INTEGER, n_documents INTEGER)""",
    "story_event_members": """
        CREATE TABLE IF NOT EXISTS story_event_members (
            story_id VARCHAR, event_id VARCHAR PRIMARY KEY, doc_id VARCHAR)""",
}

# No secondary indexes: DuckDB scans with zone maps, and ART indexes slow bulk inserts.
INDEXES: tuple[str, ...] = ()

# The tables that hold per-document rows (what ``counts()`` reports).
DATA_TABLES: tuple[str, ...] = ("documents", "actors", "mentions", "events", "locations", "quotes", "dates")


# What every store has; the story tables may be missing from files written before they were
# part of the schema (``Store.has_stories``).
REQUIRED_TABLES: tuple[str, ...] = ("meta", *DATA_TABLES)


def create_schema(con: Any) -> None:
    """Create the tables that are missing and record the schema version (a new or current store).

    Args:
        con (duckdb.DuckDBPyConnection): an open read-write connection.
    """
    for ddl in TABLES.values():
        con.execute(ddl)
    for ddl in INDEXES:
        con.execute(ddl)
    if stored_version(con) is None:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def table_names(con: Any) -> set[str]:
    """The tables of the file's main schema."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def stored_version(con: Any) -> int | None:
    """The ``schema_version`` recorded in ``meta``; None when there is none (not a store).

    Raises ValueError when the recorded value is not a whole number.
    """
    if "meta" not in table_names(con):
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except Exception:  # noqa: BLE001 - a foreign "meta" table without these columns
        return None
    if row is None:
        return None
    return int(str(row[0]).strip())


def missing_columns(con: Any) -> dict[str, list[str]]:
    """Columns the current schema defines that the file lacks, per table present or required."""
    present = table_names(con)
    out: dict[str, list[str]] = {}
    for table, wanted in expected_columns().items():
        if table not in present and table not in REQUIRED_TABLES:
            continue
        have = set(columns(con, table))
        lacking = [name for name, _ in wanted if name not in have]
        if lacking:
            out[table] = lacking
    return out


def _add_columns(con: Any) -> None:
    """Additive step: create missing tables, add the columns of the current DDL a file lacks."""
    for ddl in TABLES.values():
        con.execute(ddl)
    for table, wanted in expected_columns().items():
        have = set(columns(con, table))
        for name, dtype in wanted:
            if name not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')


def _v2_day_source(con: Any) -> None:
    """Schema 2: ``events.day_source`` says where ``day`` came from; filled in for stored rows."""
    _add_columns(con)
    con.execute(
        "UPDATE events e SET day_source = CASE "
        "WHEN e.date IS NOT NULL THEN 'event' "
        "WHEN e.day = (SELECT d.pub_date FROM documents d WHERE d.doc_id = e.doc_id) THEN 'publication' "
        "ELSE 'ingested' END WHERE e.day_source IS NULL"
    )


def _v3_place_precision(con: Any) -> None:
    """Schema 3: how exact and how sure each place is, the document focus, ``actors.as_of``.

    Stored rows get what can be told from what schema 2 kept, and NULL for the rest:

    - ``precision`` of event locations and toponyms from their feature
      (``precision.legacy_precision_sql``);
    - ``events.location_inferred``: TRUE when the event's location lies outside its own evidence
      sentence (or has no offsets): the text of the event does not say it, so the place was
      taken from elsewhere in the story; FALSE when the sentence names it; NULL when the event has
      no location or no evidence offsets. Toponyms are read from the text: ``inferred`` FALSE.
    - the focus, ``within``, an event location's confidence, ``as_of`` and ``follow_up_of`` were
      never kept: they stay NULL (unknown), and read back as the records' defaults.
    """
    _add_columns(con)
    event_precision, event_params = legacy_precision_sql("location_feature", "geonameid", "lat")
    con.execute(
        f"UPDATE events SET location_precision = {event_precision}, location_inferred = CASE "
        "WHEN location_name IS NULL AND location_text IS NULL THEN NULL "
        "WHEN location_start IS NULL THEN TRUE "
        "WHEN evidence_start IS NULL OR evidence_end IS NULL THEN NULL "
        "ELSE location_start < evidence_start OR location_end > evidence_end END "
        "WHERE location_precision IS NULL AND location_inferred IS NULL",
        event_params,
    )
    place_precision, place_params = legacy_precision_sql("feature", "geonameid", "lat")
    con.execute(
        f"UPDATE locations SET precision = {place_precision}, inferred = FALSE "
        "WHERE precision IS NULL AND inferred IS NULL",
        place_params,
    )


# version → the step that brings a file of the version before it up to that version.
MIGRATIONS: dict[int, Callable[[Any], None]] = {
    2: _v2_day_source,
    3: _v3_place_precision,
}


def migrate(con: Any, from_version: int) -> list[int]:
    """Bring a store of ``from_version`` up to ``SCHEMA_VERSION`` (call inside a transaction).

    Args:
        con (duckdb.DuckDBPyConnection): a read-write connection.
        from_version (int): the version the file records.
    RETURNS (list[int]): the versions stepped to, in order (empty when already current).
    """
    steps = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[version](con)
        steps.append(version)
    if steps:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
    return steps


@lru_cache(maxsize=1)
def expected_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """(name, type) of every column the current schema defines, per table (from the DDL)."""
    mem = connect()
    try:
        for ddl in TABLES.values():
            mem.execute(ddl)
        rows = mem.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
    finally:
        mem.close()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, name, dtype in rows:
        out.setdefault(table, []).append((name, dtype))
    return {t: tuple(cols) for t, cols in out.items()}


def column_types(con: Any, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of ``table``, in schema order."""
    return [(name, dtype) for name, dtype in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()]


def columns(con: Any, table: str) -> list[str]:
    """The column names of ``table`` in schema order (used for bulk inserts and exports)."""
    return [name for name, _ in column_types(con, table)]