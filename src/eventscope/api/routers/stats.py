"""``/api/stats``: what is in the store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from ...store import Store
from ..deps import get_store

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", summary="Counts, day range, type/quad/modality mix")
def stats(store: Store = Depends(get_store)) -> dict[str, Any]:
    return store.stats()
