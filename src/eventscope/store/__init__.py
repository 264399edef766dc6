"""The DuckDB store: schema, idempotent writes, queries and exports.

    >>> from eventscope.store import Store
    >>> with Store("eventscope.duckdb") as store:
    ...     store.write(adocs)                      # documents already stored are skipped
    ...     store.export("parquet", "events.parquet", country="IRQ")
"""

from __future__ import annotations

from .filters import EventFilter
from .rows import actor_key, actor_uid
from .store import DEFAULT_PATH, Store, StoreError

__all__ = ["Store", "StoreError", "EventFilter", "DEFAULT_PATH", "actor_key", "actor_uid"]
