"""``/api/places``: where the matching events happened."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from ...analysis import top_places
from ...store import Store
from ..deps import filter_params, get_store

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", summary="Event locations with counts")
def places(
    filters: dict[str, Any] = Depends(filter_params),
    limit: int = Query(500, ge=1, le=1000),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Places (name, country, admin1, lat/lon, GeoNames id) with event counts, quad split and
    mean Goldstein, most events first."""
    items = top_places(store, n=limit, **filters)
    return {"total": len(items), "items": items}
