"""Top actors and top places over the events matching a filter."""

from __future__ import annotations

from typing import Any

from ..store import queries
from ..store.filters import EventFilter
from .common import store_filter


def top_actors(store: Any, filters: EventFilter | None = None, *, n: int = 10, **kw: Any) -> list[dict[str, Any]]:
    """The ``n`` actors taking part in most matching events (as source or target).

    RETURNS (list[dict]): actor_id, name, country, sector, kind, n_events, as_source,
        as_target, goldstein_mean, material_conflict, n_docs, first/last day.
    """
    flt = store_filter(store, filters, **kw)
    with store.cursor() as cur:
        items = queries.list_actors(cur, flt, limit=n)["items"]
    return [a for a in items if a["n_events"] > 0]


def top_places(store: Any, filters: EventFilter | None = None, *, n: int = 10, **kw: Any) -> list[dict[str, Any]]:
    """The ``n`` places where most matching events happened (with coordinates and quad split)."""
    flt = store_filter(store, filters, **kw)
    with store.cursor() as cur:
        return queries.list_places(cur, flt, limit=n)
