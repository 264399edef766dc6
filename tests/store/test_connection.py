"""``store/connection.py``: files are recognised by their first bytes; connections are safe."""

from __future__ import annotations

import sqlite3

from eventscope.store.connection import connect, file_kind


def test_file_kinds(tmp_path):
    assert file_kind(tmp_path / "missing") == "missing"
    assert file_kind(tmp_path) == "directory"
    (tmp_path / "empty").write_bytes(b"")
    assert file_kind(tmp_path / "empty") == "empty"
    (tmp_path / "text.duckdb").write_text("hello, this is not a database")
    assert file_kind(tmp_path / "text.duckdb") == "other"
    con = connect(tmp_path / "real.db")
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    assert file_kind(tmp_path / "real.db") == "duckdb"
    lite = sqlite3.connect(tmp_path / "lite.duckdb")
    lite.execute("CREATE TABLE t (x)")
    lite.commit()
    lite.close()
    assert file_kind(tmp_path / "lite.duckdb") == "sqlite"


def test_in_memory_and_file_connections_have_autoload_off(tmp_path):
    for con in (connect(), connect(":memory:"), connect(tmp_path / "f.duckdb")):
        row = con.execute("SELECT current_setting('autoload_known_extensions'), "
                          "current_setting('autoinstall_known_extensions')").fetchone()
        assert row == (False, False)
        con.close()
