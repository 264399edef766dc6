"""The DuckDB store: idempotent writes of analysed documents, queries and exports.

One embedded DuckDB file holds every coded document. Writing is idempotent by content hash: a
document whose text is already stored is skipped, so re-running an ingest adds nothing. Each
``write`` call is one transaction, story merging (``stories.py``) included. Reads go through
parameterised queries only (``queries.py``); exports are registered by name (``exports.py``)
through ``eventscope.registry.exporter``.

Opening checks the file before anything else: a missing file is created only for writing; a file
that is not an eventscope store (another DuckDB database, a SQLite file, a store whose ``meta``
rows are gone) or one written by a newer version is refused with a coded ``StoreError``; an older
store is migrated only when opened for writing. A read-only store never changes its file.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import pyarrow as pa

from ..errors import Errors
from ..model import AnalyzedDocument, Document, from_contract
from . import queries
from . import stories as story_tables
from .connection import MEMORY, connect, file_kind
from .convert import adoc_from_stored
from .filters import EventFilter
from .rows import document_rows
from .schema import (
    DATA_TABLES,
    REQUIRED_TABLES,
    SCHEMA_VERSION,
    column_types,
    create_schema,
    migrate,
    missing_columns,
    stored_version,
    table_names,
)

log = logging.getLogger(__name__)

DEFAULT_PATH = "eventscope.duckdb"

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "BLOB": pa.binary(),
}


class StoreError(RuntimeError):
    """The store file cannot be opened or written (the message starts with its code)."""


# Why a file that DuckDB would not read as a database is refused (``connection.file_kind``).
_NOT_DUCKDB: dict[str, str] = {
    "sqlite": "a SQLite database, not DuckDB",
    "directory": "a directory",
    "other": "not a DuckDB database file",
    "empty": "an empty file",
}


_LOCK_PID = re.compile(r"\(PID (\d+)\)")


def lock_holder(exc: BaseException) -> int | None:
    """When ``exc`` (a StoreError or its DuckDB cause) says another process holds the file's
    lock: that process's PID (0 when DuckDB does not name it). None for any other failure.

    Why: DuckDB lets one process write a file (or several only read it); the command line turns
    this into "store is busy (held by PID …)" and can wait for the holder (``--wait``).
    """
    for err in (exc, exc.__cause__):
        if err is None:
            continue
        text = str(err)
        if "Could not set lock" in text:
            m = _LOCK_PID.search(text)
            return int(m.group(1)) if m else 0
    return None


class Store:
    """An embedded DuckDB file of coded documents.

    Args:
        path (str | Path): the DuckDB file (created with its schema when missing and opened for
            writing), or ``":memory:"``.
        read_only (bool): open without write access (several readers may share the file); the
            file must then exist and be a store of this schema version (an older one needs
            ``eventscope migrate`` first). A read-only store never changes its file.

        >>> store = Store("eventscope.duckdb")
        >>> store.write([adoc])              # {'documents': 1, 'skipped': 0, 'events': 5, ...}
        >>> store.export("gdelt", "out.tsv")  # number of rows written
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._dupe_index: Any = None
        self._arrow_schemas: dict[str, pa.Schema] = {}
        # The schema version the file had when opened, when this open migrated it.
        self.migrated_from: int | None = None
        self.con = self._open()

    def _open(self) -> duckdb.DuckDBPyConnection:
        """Connect after checking what the file is; refuse what is not an eventscope store.

        A file opened for writing is first checked through a read-only connection, so a file
        that is refused is never opened with write access at all.
        """
        if str(self.path) == MEMORY:
            con = connect()
            create_schema(con)
            return con
        kind = file_kind(self.path)
        if kind == "missing":
            if self.read_only:
                raise StoreError(Errors.E051.format(path=self.path))
            con = self._connect(read_only=False)
            create_schema(con)
            return con
        if kind != "duckdb":
            raise StoreError(Errors.E052.format(path=self.path, detail=_NOT_DUCKDB[kind]))
        if not self.read_only:
            probe = self._connect(read_only=True)
            try:
                self._version(probe)
            finally:
                probe.close()
        con = self._connect(read_only=self.read_only)
        try:
            self._prepare(con, self._version(con))
        except BaseException:
            con.close()
            raise
        return con

    def _connect(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(Errors.E040.format(path=self.path, detail=exc)) from exc

    def _version(self, con: duckdb.DuckDBPyConnection) -> int | None:
        """The file's schema version (None: a DuckDB database with no tables at all); refuses a
        foreign file, a store of a newer schema, and a store of this schema that lacks parts."""
        try:
            tables = table_names(con)
            if not tables:
                return None
            try:
                version = stored_version(con)
            except ValueError:
                raise StoreError(Errors.E052.format(path=self.path, detail="meta.schema_version is not a number"))
            if version is None:
                seen = ", ".join(sorted(tables)[:8])
                raise StoreError(Errors.E052.format(
                    path=self.path, detail=f"no schema_version in a meta table; tables: {seen}"))
            if version > SCHEMA_VERSION:
                raise StoreError(Errors.E053.format(path=self.path, found=version, supported=SCHEMA_VERSION))
            if version == SCHEMA_VERSION:
                self._check_complete(con, version)
            return version
        except duckdb.Error as exc:
            raise StoreError(Errors.E040.format(path=self.path, detail=exc)) from exc

    def _check_complete(self, con: duckdb.DuckDBPyConnection, version: int) -> None:
        """Refuse a store that lacks a table or column of its schema (damaged by hand)."""
        lacking = [t for t in REQUIRED_TABLES if t not in table_names(con)]
        lacking += [f"{t}.{c}" for t, cols in missing_columns(con).items() for c in cols if t not in lacking]
        if lacking:
            raise StoreError(Errors.E052.format(
                path=self.path, detail=f"schema {version} but missing {', '.join(lacking[:8])}"))

    def _prepare(self, con: duckdb.DuckDBPyConnection, version: int | None) -> None:
        """Make the file current: create a new store, or migrate an older one, only when writing."""
        try:
            if version is None:
                if self.read_only:
                    raise StoreError(Errors.E052.format(path=self.path, detail="a DuckDB database with no tables"))
                create_schema(con)  # a DuckDB database with nothing in it becomes a store
            elif version < SCHEMA_VERSION:
                if self.read_only:
                    raise StoreError(Errors.E054.format(path=self.path, found=version, supported=SCHEMA_VERSION))
                self._migrate(con, version)
                self._check_complete(con, SCHEMA_VERSION)
            elif not self.read_only:
                create_schema(con)  # tables added to the schema since the file was made (story tables)
        except duckdb.Error as exc:
            raise StoreError(Errors.E040.format(path=self.path, detail=exc)) from exc

    def _migrate(self, con: duckdb.DuckDBPyConnection, version: int) -> None:
        """Run the migrations from ``version`` in one transaction (all or nothing)."""
        with _transaction(con):
            migrate(con, version)
        self.migrated_from = version
        log.info("migrated store %s from schema %s to %s", self.path, version, SCHEMA_VERSION)

    # -- connection handling -------------------------------------------------------------

    def close(self) -> None:
        """Close the file (the lock is released for other processes)."""
        try:
            self.con.close()
        except duckdb.Error:  # pragma: no cover - already closed
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of its own for one operation (safe to use from API worker threads)."""
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    # -- writing ------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored.

        Args:
            hashes (Iterable[str]): ``Document.hash`` values.
        RETURNS (set[str]): those already in the store.
        """
        wanted = list(dict.fromkeys(h for h in hashes if h))
        if not wanted:
            return set()
        with self.cursor() as cur:
            return self._known_hashes(cur, wanted)

    @staticmethod
    def _known_hashes(cur: duckdb.DuckDBPyConnection, wanted: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(wanted), 1000):
            chunk = wanted[i : i + 1000]
            rows = cur.execute(
                f"SELECT hash FROM documents WHERE hash IN ({', '.join('?' for _ in chunk)})", chunk
            ).fetchall()
            found.update(r[0] for r in rows)
        return found

    def write(
        self, adocs: list[AnalyzedDocument], duplicates: dict[str, str] | None = None, *, stories: bool = True
    ) -> dict[str, Any]:
        """Store analysed documents in one transaction; documents already stored are skipped.

        Args:
            adocs (list[AnalyzedDocument]): pipeline output.
            duplicates (dict[str, str] | None): document id or hash → doc_id of an earlier
                near-duplicate, written to ``documents.duplicate_of``.
            stories (bool): merge the new events into story events (``stories.merge``) in the
                same transaction; if merging fails the documents are still stored, without it.
        RETURNS (dict): row counts added per table, ``skipped`` (already stored), ``doc_ids``
            (store ids of the new documents, in input order) and ``event_ids``.
        """
        if self.read_only:
            raise StoreError(Errors.E040.format(path=self.path, detail="opened read-only"))
        duplicates = duplicates or {}
        adocs = list(adocs)
        result: dict[str, Any] = {t: 0 for t in DATA_TABLES}
        result.update(skipped=0, doc_ids=[], event_ids=[], warnings=[])
        if not adocs:
            return result
        signer = self._signer()
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        with self._lock, self.cursor() as cur:
            known = self._known_hashes(cur, [a.document.hash for a in adocs])
            fresh: list[AnalyzedDocument] = []
            for adoc in adocs:
                h = adoc.document.hash
                if h in known:
                    result["skipped"] += 1
                    continue
                known.add(h)
                fresh.append(adoc)
            ids = self._assign_ids(cur, fresh)
            tables: dict[str, list[dict[str, Any]]] = {t: [] for t in DATA_TABLES}
            for adoc, doc_id in zip(fresh, ids):
                doc = adoc.document
                dup = duplicates.get(doc.id or "") or duplicates.get(doc.hash)
                signature = _signature(signer, doc.text)
                for table, rows in document_rows(
                    adoc, doc_id, duplicate_of=dup, minhash=signature, ingested_at=now
                ).items():
                    tables[table].extend(rows)
            event_ids = [r["event_id"] for r in tables["events"]]
            hook = story_tables.update_story_events if (stories and event_ids) else None
            try:
                self._write_tables(cur, tables, hook, event_ids)
            except _StoryError as exc:
                log.warning("story merging failed, documents stored without it: %r", exc.__cause__)
                result["warnings"].append(f"story merging failed: {exc.__cause__!r}"[:300])
                self._write_tables(cur, tables, None, event_ids)
        for table in DATA_TABLES:
            result[table] = len(tables[table])
        result["doc_ids"] = ids
        result["event_ids"] = event_ids
        if self._dupe_index is not None:
            for row in tables["documents"]:
                self._dupe_index.add(row["doc_id"], row["minhash"] or row["text"])
        return result

    def _write_tables(self, cur: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]],
                      hook: Any, event_ids: list[str]) -> None:
        """Insert every table (and merge stories) in one transaction; all or nothing."""
        with _transaction(cur):
            for table in DATA_TABLES:
                self._insert(cur, table, tables[table])
            if hook is not None:
                try:
                    hook(cur, event_ids)
                except Exception as exc:  # noqa: BLE001 - retried without stories by the caller
                    raise _StoryError() from exc

    def _assign_ids(self, cur: duckdb.DuckDBPyConnection, adocs: list[AnalyzedDocument]) -> list[str]:
        """Store ids: the document's own id, suffixed with its hash when that id is taken."""
        wanted = [str(a.document.id or a.document.hash) for a in adocs]
        taken: set[str] = set()
        for i in range(0, len(wanted), 1000):
            chunk = wanted[i : i + 1000]
            if chunk:
                rows = cur.execute(
                    f"SELECT doc_id FROM documents WHERE doc_id IN ({', '.join('?' for _ in chunk)})", chunk
                ).fetchall()
                taken.update(r[0] for r in rows)
        out: list[str] = []
        for adoc, doc_id in zip(adocs, wanted):
            if doc_id in taken:
                doc_id = f"{doc_id}~{adoc.document.hash[:8]}"
            taken.add(doc_id)
            out.append(doc_id)
        return out

    @property
    def has_stories(self) -> bool:
        """Whether the file has the story tables (files from before they were in the schema lack
        them until opened for writing)."""
        with self.cursor() as cur:
            return {"story_events", "story_event_members"} <= table_names(cur)

    def prepare(self, flt: EventFilter) -> EventFilter:
        """The filter adjusted to this store (``one_per_story`` needs story tables)."""
        return flt.for_store(has_stories=self.has_stories) if flt.one_per_story else flt

    def _arrow_schema(self, cur: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
        if table not in self._arrow_schemas:
            self._arrow_schemas[table] = pa.schema(
                [(name, _ARROW_TYPES.get(str(dtype).upper(), pa.string())) for name, dtype in column_types(cur, table)]
            )
        return self._arrow_schemas[table]

    def insert_rows(self, table: str, rows: list[dict[str, Any]]) -> int:
        """Bulk-load rows built elsewhere (benchmarks, tests) into one table, in one transaction.

        ``write`` is the way to store documents; this is for rows that already have the table's
        columns (e.g. synthetic ``events`` rows for measuring story merging).
        RETURNS (int): rows inserted.
        """
        if self.read_only:
            raise StoreError(Errors.E040.format(path=self.path, detail="opened read-only"))
        with self._lock, self.cursor() as cur, _transaction(cur):
            self._insert(cur, table, rows)
        return len(rows)

    def _insert(self, cur: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk insert through Arrow (one statement per table, whatever the row count)."""
        if not rows:
            return
        schema = self._arrow_schema(cur, table)
        present = [f for f in schema if f.name in rows[0]]
        arrow = pa.Table.from_pylist(rows, schema=pa.schema(present))
        view = f"_incoming_{table}"
        cur.register(view, arrow)
        try:
            cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            cur.unregister(view)

    # -- near duplicates ----------------------------------------------------------------

    def near_duplicate_of(self, document: Document | str) -> str | None:
        """The doc_id of a stored (near-)duplicate of ``document``, or None.

        Exact copies match by hash; near-duplicates through
        ``eventscope.stories.near_dupes.NearDuplicateIndex`` over the signatures persisted in
        ``documents.minhash``.
        """
        text = document if isinstance(document, str) else document.text
        found = self.doc_id_of_hash(Document(text=text).hash)
        if found is not None:
            return found
        return self._near_dupe_index().query(text)

    def doc_id_of_hash(self, content_hash: str) -> str | None:
        """The store id of the document with this content hash (``Document.hash``), or None."""
        with self.cursor() as cur:
            row = cur.execute("SELECT doc_id FROM documents WHERE hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def _signer(self) -> Any:
        """An index instance used to compute signatures (same parameters as the live index)."""
        return self._dupe_index if self._dupe_index is not None else _new_dupe_index()

    def _near_dupe_index(self) -> Any:
        """The live index, rebuilt once from the stored signatures (texts when none is stored)."""
        if self._dupe_index is None:
            index = _new_dupe_index()
            with self.cursor() as cur:
                rows = cur.execute(
                    "SELECT doc_id, minhash, CASE WHEN minhash IS NULL THEN text END "
                    "FROM documents ORDER BY ingested_at, doc_id"
                ).fetchall()
            for doc_id, blob, text in rows:
                try:
                    index.add(doc_id, blob if blob is not None else text)
                except ValueError:  # signature made with other parameters
                    index.add(doc_id, self._text_of(doc_id))
            self._dupe_index = index
        return self._dupe_index

    def _text_of(self, doc_id: str) -> str:
        with self.cursor() as cur:
            return cur.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]

    # -- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (documents, actors, mentions, events, locations, quotes, dates)."""
        with self.cursor() as cur:
            return {t: int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in DATA_TABLES}

    def events(self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0, sort: str = "-day",
               cursor: str | None = None, **kw: Any) -> dict[str, Any]:
        """A page of events in a stable order (see ``queries.list_events``)."""
        with self.cursor() as cur:
            return queries.list_events(cur, self.prepare(_filters(filters, kw)), limit=limit, offset=offset,
                                       sort=sort, cursor=cursor)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its provenance (see ``queries.get_event``)."""
        with self.cursor() as cur:
            return queries.get_event(cur, event_id)

    def actors(self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0,
               q: str | None = None, **kw: Any) -> dict[str, Any]:
        """Actors aggregated across documents (see ``queries.list_actors``)."""
        with self.cursor() as cur:
            return queries.list_actors(cur, self.prepare(_filters(filters, kw)), limit=limit, offset=offset, q=q)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One global actor with its names, documents and dyad partners."""
        with self.cursor() as cur:
            return queries.get_actor(cur, actor_id)

    def places(self, filters: EventFilter | None = None, limit: int = 100, **kw: Any) -> list[dict[str, Any]]:
        """Event locations with counts (see ``queries.list_places``)."""
        with self.cursor() as cur:
            return queries.list_places(cur, self.prepare(_filters(filters, kw)), limit=limit)

    def documents(self, limit: int = 50, offset: int = 0, q: str | None = None) -> dict[str, Any]:
        """A page of documents (no text), newest publication first."""
        with self.cursor() as cur:
            return queries.list_documents(cur, limit=limit, offset=offset, q=q)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with text, brief, actors, events, places, quotes and dates."""
        with self.cursor() as cur:
            return queries.get_document(cur, doc_id)

    def stats(self) -> dict[str, Any]:
        """Counts, date range and type/quad distributions."""
        with self.cursor() as cur:
            return queries.stats(cur)

    def event_rows(self, filters: EventFilter | None = None, **kw: Any) -> pa.Table:
        """All events matching the filters as an Arrow table, in the stable export order."""
        with self.cursor() as cur:
            return queries.event_table(cur, self.prepare(_filters(filters, kw)))

    # -- story events -------------------------------------------------------------------

    def stories(self, min_documents: int = 1, limit: int = 100) -> list[dict[str, Any]]:
        """Story events told by at least ``min_documents`` documents, most reported first."""
        if not self.has_stories:
            return []
        with self.cursor() as cur:
            return story_tables.list_stories(cur, min_documents=min_documents, limit=limit)

    def story_members(self, story_id: str) -> list[dict[str, Any]]:
        """The mention-level events of one story, with their documents' publication days."""
        if not self.has_stories:
            return []
        with self.cursor() as cur:
            return story_tables.story_members(cur, story_id)

    def story_memberships(self) -> list[dict[str, Any]]:
        """Every story member as ``story_id``, ``doc_id``, ``type``, ``event_id``."""
        if not self.has_stories:
            return []
        with self.cursor() as cur:
            return story_tables.story_memberships(cur)

    def update_stories(self, event_ids: list[str]) -> int:
        """Merge stored events into story events in one transaction (``write`` does this itself;
        this is for events loaded with ``insert_rows`` or written with ``stories=False``).

        RETURNS (int): events added to stories.
        """
        if self.read_only:
            raise StoreError(Errors.E040.format(path=self.path, detail="opened read-only"))
        with self._lock, self.cursor() as cur, _transaction(cur):
            return story_tables.update_story_events(cur, list(event_ids))

    # -- export / import ----------------------------------------------------------------

    def export(self, fmt: str, out_path: str | Path, **filters: Any) -> int:
        """Write the events matching ``filters`` to ``out_path`` in format ``fmt``.

        Args:
            fmt (str): parquet | csv | jsonl | plover | gdelt | acled (or any registered exporter).
            out_path (str | Path): output file.
            **filters: ``EventFilter`` fields (date_from, country, type, ...).
        RETURNS (int): the number of rows written.
        """
        from ..registry import EXPORTERS

        if fmt not in EXPORTERS:
            raise ValueError(Errors.E030.format(fmt=fmt, choices=", ".join(sorted(EXPORTERS))))
        return int(EXPORTERS[fmt](self, Path(out_path), self.prepare(EventFilter.from_kwargs(**filters))))

    def dump_jsonl(self, out_path: str | Path) -> int:
        """Every stored document as one contract line (``AnalyzedDocument.to_contract``) plus its
        text, origin, meta and ``duplicate_of`` (loadable by ``import_jsonl``).

        RETURNS (int): documents written.
        """
        n = 0
        with self.cursor() as cur:
            ids = [r[0] for r in cur.execute("SELECT doc_id FROM documents ORDER BY ingested_at, doc_id").fetchall()]
        with open(out_path, "w", encoding="utf-8") as fh:
            for doc_id in ids:
                d = self.document(doc_id)
                if d is None:  # pragma: no cover - deleted meanwhile
                    continue
                line = adoc_from_stored(d).to_contract()
                line.update(origin=d["origin"], meta=d["meta"] or {}, duplicate_of=d["duplicate_of"], text=d["text"])
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                n += 1
        return n

    def import_jsonl(self, path: str | Path, batch_size: int = 500) -> dict[str, Any]:
        """Store documents from contract JSONL lines that carry their ``text``.

        Reads ``dump_jsonl`` output, or ``eventscope code`` output with the text added, without
        re-coding. Bad lines are reported in ``errors`` (code E049) and skipped.

        RETURNS (dict): summed ``write`` counts plus ``errors``.
        """
        total: dict[str, Any] = {t: 0 for t in DATA_TABLES}
        total.update(skipped=0, errors=[])
        batch: list[AnalyzedDocument] = []
        dupes: dict[str, str] = {}

        def flush() -> None:
            if not batch:
                return
            res = self.write(batch, duplicates=dupes)
            for key in [*DATA_TABLES, "skipped"]:
                total[key] += res[key]
            batch.clear()

        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    adoc = from_contract(d)
                except (ValueError, KeyError, TypeError) as exc:
                    total["errors"].append(Errors.E049.format(path=path, line=lineno, detail=exc))
                    continue
                if d.get("duplicate_of"):
                    dupes[adoc.document.hash] = d["duplicate_of"]
                batch.append(adoc)
                if len(batch) >= batch_size:
                    flush()
        flush()
        return total


@contextmanager
def _transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back (and re-raised) on any error."""
    cur.begin()
    try:
        yield
    except BaseException:
        cur.rollback()
        raise
    cur.commit()


def _filters(filters: EventFilter | None, kw: dict[str, Any]) -> EventFilter:
    if filters is not None and kw:
        raise TypeError(Errors.E035)
    return filters if filters is not None else EventFilter.from_kwargs(**kw)


def _new_dupe_index() -> Any:
    """A fresh ``NearDuplicateIndex`` (imported here, when first needed: datasketch is slow to load)."""
    from ..stories.near_dupes import NearDuplicateIndex

    return NearDuplicateIndex()


def _signature(signer: Any, text: str) -> bytes | None:
    """Serialised near-duplicate signature of ``text`` (None when it cannot be computed)."""
    try:
        return bytes(signer.signature(text))
    except Exception as exc:  # noqa: BLE001 - a signature is an optimisation, never fatal
        log.warning("near-duplicate signature failed: %r", exc)
        return None


class _StoryError(RuntimeError):
    """Story merging failed inside a write transaction."""
