"""``/api/export``: the matching events as a file in any registered export format."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ...errors import Errors
from ...store import Store
from ..deps import filter_params, get_store

router = APIRouter(prefix="/api/export", tags=["export"])

# format → (file extension, media type)
MEDIA: dict[str, tuple[str, str]] = {
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "plover": ("plover.jsonl", "application/x-ndjson"),
    "gdelt": ("gdelt.tsv", "text/tab-separated-values; charset=utf-8"),
    "acled": ("acled.csv", "text/csv; charset=utf-8"),
}


@router.get("", summary="Export events (parquet, csv, jsonl, plover, gdelt, acled)")
async def export(
    format: str = Query(..., description=f"One of: {', '.join(MEDIA)}."),
    filters: dict[str, Any] = Depends(filter_params),
    store: Store = Depends(get_store),
) -> FileResponse:
    """The events matching the filters, written by the same exporters as ``eventscope export``."""
    from ...registry import EXPORTERS

    if format not in EXPORTERS:
        raise HTTPException(status_code=400, detail=Errors.E030.format(fmt=format[:40], choices=", ".join(sorted(EXPORTERS))))
    ext, media = MEDIA.get(format, (format, "application/octet-stream"))
    fd, path = tempfile.mkstemp(prefix="eventscope-export-", suffix="." + ext)
    os.close(fd)
    try:
        n = await run_in_threadpool(store.export, format, path, **filters)
    except Exception:
        os.unlink(path)
        raise
    return FileResponse(
        path, media_type=media, filename=f"events.{ext}", headers={"X-Event-Count": str(n)},
        background=BackgroundTask(os.unlink, path),
    )
