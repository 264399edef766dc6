"""The DuckDB schema of the store, and its migrations.

One row per document, actor-in-document, mention, event, location, quote and date expression.
Events carry their actors' codes and their location inline (as in the contract), so an event row
can be read alone and exports need no joins. Every table that points into a text keeps the
character offsets, so each stored field can be traced back to its evidence.

``SCHEMA_VERSION`` is written to ``meta``; ``create_schema`` upgrades older files in place
(additive changes only: new tables, and columns missing from an older file are added).

History: 1 first schema; 2 ``events.day_source``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SCHEMA_VERSION = 2

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
            ingested_at TIMESTAMP NOT NULL
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
            follow_up BOOLEAN
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
}

# No secondary indexes: DuckDB scans with zone maps, and ART indexes slow bulk inserts.
INDEXES: tuple[str, ...] = ()

# The tables that hold per-document rows (what ``counts()`` reports).
DATA_TABLES: tuple[str, ...] = ("documents", "actors", "mentions", "events", "locations", "quotes", "dates")


def create_schema(con: Any) -> None:
    """Create the tables (idempotent) and record the schema version.

    Args:
        con (duckdb.DuckDBPyConnection): an open read-write connection.
    """
    for ddl in TABLES.values():
        con.execute(ddl)
    for table, wanted in expected_columns().items():
        have = set(columns(con, table))
        for name, dtype in wanted:
            if name not in have:  # a file written by an older version: add the new column
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {dtype}')
    for ddl in INDEXES:
        con.execute(ddl)
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    elif int(row[0]) < SCHEMA_VERSION:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])


@lru_cache(maxsize=1)
def expected_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """(name, type) of every column the current schema defines, per table (from the DDL)."""
    import duckdb

    mem = duckdb.connect()
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


def columns(con: Any, table: str) -> list[str]:
    """The column names of ``table`` in schema order (used for bulk inserts and exports)."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]
