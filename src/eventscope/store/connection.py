"""The one way this package opens DuckDB: no extension is ever installed or loaded.

Why: DuckDB, given a file it does not read natively (a SQLite database, say), or a query that
needs an extension, would download and load code from the internet at run time. eventscope runs
offline and opens files users point it at, so every connection turns auto-install and auto-load
off, and a file is identified by its header before DuckDB sees it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Every connection gets these settings (and this package never runs INSTALL or LOAD).
SAFE_CONFIG: dict[str, bool] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

MEMORY = ":memory:"

_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of a DuckDB database file
_SQLITE_MAGIC = b"SQLite format 3\x00"


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with extension auto-install and auto-load off.

    Args:
        path (str | Path | None): database file; None or ``":memory:"`` for an in-memory one.
        read_only (bool): open without write access.
    RETURNS (duckdb.DuckDBPyConnection): the connection.
    """
    target = MEMORY if path is None else str(path)
    if target == MEMORY:
        return duckdb.connect(MEMORY, config=dict(SAFE_CONFIG))
    return duckdb.connect(target, read_only=read_only, config=dict(SAFE_CONFIG))


def file_kind(path: str | Path) -> str:
    """What a path holds, from its first bytes (nothing is opened with DuckDB).

    RETURNS (str): ``missing``, ``empty`` (a 0-byte file), ``duckdb``, ``sqlite``, ``directory``
        or ``other``.
    """
    p = Path(path)
    if not p.exists():
        return "missing"
    if p.is_dir():
        return "directory"
    with open(p, "rb") as fh:
        head = fh.read(16)
    if not head:
        return "empty"
    if head[8:12] == _DUCKDB_MAGIC:
        return "duckdb"
    if head.startswith(_SQLITE_MAGIC):
        return "sqlite"
    return "other"
