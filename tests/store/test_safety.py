"""Opening files safely: no extension is loaded, foreign and newer files are refused unchanged,
and read paths (export, stories, serve without a token, API reads) never change the file."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import duckdb
import pytest
from typer.testing import CliRunner

from eventscope.cli import app
from eventscope.store import Store, StoreError
from eventscope.store.connection import SAFE_CONFIG, connect, file_kind

runner = CliRunner()


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _loaded_extensions(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT extension_name FROM duckdb_extensions() WHERE loaded").fetchall()}


@pytest.fixture
def foreign_duckdb(tmp_path):
    """Somebody else's DuckDB database: tables, no eventscope ``meta``."""
    path = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (id INTEGER, what VARCHAR)")
    con.execute("INSERT INTO events VALUES (1, 'not ours')")
    con.close()
    return path


@pytest.fixture
def sqlite_file(tmp_path):
    path = tmp_path / "data.duckdb"  # the name does not make it DuckDB
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE events (id INTEGER, what TEXT)")
    con.execute("INSERT INTO events VALUES (1, 'sqlite')")
    con.commit()
    con.close()
    return path


@pytest.fixture
def corpus_copy(tmp_path, corpus_db):
    path = tmp_path / "corpus.duckdb"
    shutil.copyfile(corpus_db, path)
    return path


def test_every_connection_has_extension_autoload_and_autoinstall_off(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    settings = store.con.execute(
        "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')"
    ).fetchone()
    assert settings == (False, False)
    assert set(SAFE_CONFIG) == {"autoinstall_known_extensions", "autoload_known_extensions"}
    store.close()


def test_the_package_never_installs_or_loads_extensions_itself():
    from pathlib import Path

    import eventscope

    root = Path(eventscope.__file__).parent
    offenders = [
        str(p.relative_to(root)) for p in root.rglob("*.py")
        if any(word in p.read_text(encoding="utf-8") for word in ('"INSTALL ', '"LOAD ', "duckdb.connect("))
        and p.name != "connection.py"
    ]
    assert offenders == []  # every connection goes through store.connection.connect


@pytest.mark.parametrize("read_only", [True, False])
def test_a_foreign_duckdb_file_is_refused_and_left_unchanged(foreign_duckdb, read_only):
    before = _sha(foreign_duckdb)
    with pytest.raises(StoreError, match=r"^E052 .*not an eventscope store.*tables: events"):
        Store(foreign_duckdb, read_only=read_only)
    assert _sha(foreign_duckdb) == before


@pytest.mark.parametrize("read_only", [True, False])
def test_a_sqlite_file_is_refused_without_loading_any_extension(sqlite_file, read_only):
    before = _sha(sqlite_file)
    assert file_kind(sqlite_file) == "sqlite"
    baseline = _loaded_extensions(connect())
    with pytest.raises(StoreError, match=r"^E052 .*SQLite"):
        Store(sqlite_file, read_only=read_only)
    assert _sha(sqlite_file) == before
    # Even handed straight to DuckDB, the safe connection refuses instead of fetching a scanner.
    with pytest.raises(duckdb.Error) as info:
        connect(sqlite_file, read_only=True)
    assert "http" not in str(info.value).lower()
    probe = connect()
    assert _loaded_extensions(probe) == baseline and "sqlite_scanner" not in _loaded_extensions(probe)
    assert _sha(sqlite_file) == before


def test_a_store_whose_meta_rows_are_gone_is_refused(corpus_copy):
    con = duckdb.connect(str(corpus_copy))
    con.execute("DELETE FROM meta")
    con.close()
    before = _sha(corpus_copy)
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"^E052 .*no schema_version"):
            Store(corpus_copy, read_only=read_only)
    assert _sha(corpus_copy) == before


def test_a_store_of_a_newer_schema_is_refused_naming_its_version(corpus_copy):
    con = duckdb.connect(str(corpus_copy))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.execute("ALTER TABLE events DROP COLUMN day_source")
    con.close()
    before = _sha(corpus_copy)
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"^E053 .*schema 99"):
            Store(corpus_copy, read_only=read_only)
    assert _sha(corpus_copy) == before


def test_a_damaged_store_of_this_version_is_refused(corpus_copy):
    con = duckdb.connect(str(corpus_copy))
    con.execute("ALTER TABLE events DROP COLUMN cameo")
    con.execute("DROP TABLE quotes")
    con.close()
    before = _sha(corpus_copy)
    for read_only in (True, False):  # writing would not quietly recreate what is missing
        with pytest.raises(StoreError, match=r"^E052 .*missing quotes, events\.cameo"):
            Store(corpus_copy, read_only=read_only)
    assert _sha(corpus_copy) == before


def test_reading_needs_an_existing_store(tmp_path):
    missing = tmp_path / "nothing.duckdb"
    with pytest.raises(StoreError, match=r"^E051 "):
        Store(missing, read_only=True)
    assert not missing.exists()
    empty = tmp_path / "empty.duckdb"
    empty.write_bytes(b"")
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"^E052 .*empty file"):
            Store(empty, read_only=read_only)
    assert empty.read_bytes() == b""
    blank = tmp_path / "blank.duckdb"
    duckdb.connect(str(blank)).close()
    before = _sha(blank)
    with pytest.raises(StoreError, match=r"^E052 .*no tables"):
        Store(blank, read_only=True)
    assert _sha(blank) == before


def test_writing_creates_a_store_in_a_new_file_or_a_duckdb_database_with_no_tables(tmp_path):
    path = tmp_path / "blank.duckdb"
    duckdb.connect(str(path)).close()  # a DuckDB database with nothing in it
    with Store(path) as store:
        assert store.counts()["documents"] == 0
    with Store(path, read_only=True) as store:
        assert store.has_stories


# -- the read paths leave the file as it was ---------------------------------------------------


def test_export_and_stories_leave_the_store_unchanged(corpus_copy, tmp_path):
    before = _sha(corpus_copy)
    for fmt in ("jsonl", "csv", "gdelt"):
        result = runner.invoke(app, ["export", str(tmp_path / f"out.{fmt}"), "--format", fmt, "--db", str(corpus_copy)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["stories", "--db", str(corpus_copy), "--min-documents", "1", "--members"])
    assert result.exit_code == 0, result.output
    assert _sha(corpus_copy) == before


@pytest.mark.parametrize("command", ["export", "stories"])
@pytest.mark.parametrize("kind", ["foreign", "sqlite", "missing"])
def test_read_commands_refuse_what_is_not_a_store_with_exit_2(command, kind, foreign_duckdb, sqlite_file, tmp_path):
    path = {"foreign": foreign_duckdb, "sqlite": sqlite_file, "missing": tmp_path / "none.duckdb"}[kind]
    before = _sha(path) if path.exists() else None
    args = ["export", str(tmp_path / "o.csv"), "--format", "csv"] if command == "export" else ["stories"]
    result = runner.invoke(app, [*args, "--db", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(("E051", "E052")), result.stderr
    assert "Traceback" not in result.output
    assert (_sha(path) if path.exists() else None) == before
    assert not (tmp_path / "o.csv").exists()


def test_api_reads_without_a_token_leave_the_store_unchanged(corpus_copy, monkeypatch):
    from fastapi.testclient import TestClient

    from eventscope.api import create_app

    monkeypatch.delenv("EVENTSCOPE_TOKEN", raising=False)
    before = _sha(corpus_copy)
    with TestClient(create_app(corpus_copy)) as client:
        for url in ("/api/events", "/api/actors", "/api/documents", "/api/stats", "/api/places"):
            assert client.get(url).status_code == 200, url
        assert client.get("/api/export", params={"format": "csv"}).status_code == 200
    assert _sha(corpus_copy) == before


@pytest.mark.parametrize("kind", ["foreign", "sqlite"])
def test_serving_without_a_token_refuses_a_foreign_file(kind, foreign_duckdb, sqlite_file, monkeypatch):
    from eventscope.api import create_app

    monkeypatch.delenv("EVENTSCOPE_TOKEN", raising=False)
    path = foreign_duckdb if kind == "foreign" else sqlite_file
    before = _sha(path)
    with pytest.raises(StoreError, match=r"^E052 "):
        create_app(path)
    assert _sha(path) == before


def test_migrate_command_upgrades_an_older_store_once(corpus_copy):
    con = duckdb.connect(str(corpus_copy))
    con.execute("ALTER TABLE events DROP COLUMN day_source")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    refused = runner.invoke(app, ["stories", "--db", str(corpus_copy)])
    assert refused.exit_code == 2 and refused.stderr.startswith("E054")
    first = runner.invoke(app, ["migrate", "--db", str(corpus_copy)])
    assert first.exit_code == 0 and "from store schema 1 to 3" in first.stderr
    again = runner.invoke(app, ["migrate", "--db", str(corpus_copy)])
    assert again.exit_code == 0 and "nothing to do" in again.stderr
    with Store(corpus_copy, read_only=True) as store:
        assert store.events(limit=1)["items"][0]["day_source"] in {"event", "publication", "ingested"}
