"""``/api/events``: filtered, paginated events and one event with its provenance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ...errors import Errors
from ...store import EventFilter, Store
from ...store.queries import EVENT_ORDERS
from ..deps import bad_request, filter_params, get_store, limit_param, offset_param

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", summary="List events (filters, pagination, stable order)")
def list_events(
    filters: dict[str, Any] = Depends(filter_params),
    limit: int = limit_param(),
    offset: int = offset_param(),
    sort: str = Query("-day", description=f"One of: {', '.join(EVENT_ORDERS)}."),
    cursor: str | None = Query(None, max_length=2000, description="``next_cursor`` of the previous page (day orders)."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Events matching the filters. The order is total (ties broken by document and position),
    so consecutive pages never overlap or skip. ``total`` counts every match. Page with
    ``offset``, or with ``cursor`` = the previous page's ``next_cursor`` (stable even while
    documents are being added, and as fast deep in the list as at its start)."""
    if sort not in EVENT_ORDERS:
        raise HTTPException(status_code=400, detail=Errors.E061.format(
            name="sort", value=repr(sort)[:60], reason=f"one of {', '.join(EVENT_ORDERS)}"))
    try:
        return store.events(EventFilter.from_kwargs(**filters), limit=limit, offset=offset, sort=sort, cursor=cursor)
    except (ValueError, OverflowError) as exc:
        raise bad_request(exc) from exc


@router.get("/{event_id:path}", summary="One event with provenance")
def get_event(event_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Every field of the event plus ``provenance``: document id/title/url/date, sentence index,
    and the evidence, trigger, source, target and location offsets with the text they slice."""
    event = store.event(event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=Errors.E044.format(event_id=event_id))
    return event
