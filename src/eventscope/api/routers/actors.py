"""``/api/actors``: actors merged across documents, and one actor's profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ...errors import Errors
from ...store import EventFilter, Store
from ..deps import filter_params, get_store, limit_param, offset_param

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", summary="List actors (aggregated across documents)")
def list_actors(
    filters: dict[str, Any] = Depends(filter_params),
    name: str | None = Query(None, max_length=200, description="Part of the canonical name."),
    limit: int = limit_param(),
    offset: int = offset_param(),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Actors by global id, most active first; with event filters, only actors in matching events."""
    return store.actors(EventFilter.from_kwargs(**filters), limit=limit, offset=offset, q=name)


@router.get("/{actor_id}", summary="One actor: codes, names, roles, documents, partners, events")
def get_actor(actor_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    actor = store.actor(actor_id)
    if actor is None:
        raise HTTPException(status_code=404, detail=Errors.E045.format(actor_id=actor_id))
    return actor
