"""The FastAPI app: read endpoints over the store, a token-guarded write, the dashboard.

``create_app`` opens the store once; each request reads through its own cursor. With no token
the store is opened read-only (no request can write), so the file can be shared with other
readers; with a token, ``POST /api/documents`` codes and stores new text.
"""

from __future__ import annotations

import importlib
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..store import Store, StoreError
from .routers import ROUTERS
from .routers.documents import NEW_DOCUMENT_SCHEMA

DEFAULT_MAX_BODY = 1_000_000


def _default_pipeline() -> Any:
    from ..pipeline import get_pipeline

    return get_pipeline()


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: Callable[[], Any] | None = None,
    read_only: bool | None = None,
) -> FastAPI:
    """Build the API (and dashboard) app over one DuckDB store.

    Args:
        db_path (str | Path): the store file. Read-write (with a token) creates it when missing;
            read-only needs an eventscope store there and never changes the file.
        token (str | None): bearer token for ``POST /api/documents``; defaults to the
            ``EVENTSCOPE_TOKEN`` environment variable; without one, writes are refused (401).
        max_body (int): largest accepted request body in bytes (413 above).
        pipeline (callable | None): returns the pipeline used by ``POST`` (default
            ``eventscope.pipeline.get_pipeline``, built on first use).
        read_only (bool | None): open the store read-only (default: when there is no token).
    RETURNS (FastAPI): the app; serve it with uvicorn.
    """
    token = token if token is not None else (os.environ.get("EVENTSCOPE_TOKEN") or None)
    store = Store(db_path, read_only=(token is None) if read_only is None else read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = _fastapi_class()(
        title="eventscope API",
        version=__version__,
        description=(
            "Political events coded from news (PLOVER types, actors with country/sector codes, places, "
            "dates, provenance). Read endpoints take filters as query parameters, never SQL. "
            "`POST /api/documents` needs `Authorization: Bearer <token>`."
        ),
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token
    app.state.max_body = int(max_body)
    app.state.get_pipeline = pipeline or _default_pipeline

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    for router in ROUTERS:
        app.include_router(router)

    _openapi = app.openapi

    def openapi() -> dict[str, Any]:
        schema = _openapi()
        schema.setdefault("components", {}).setdefault("schemas", {})["NewDocument"] = NEW_DOCUMENT_SCHEMA
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    _mount_dashboard(app)
    return app


def _fastapi_class() -> Callable[..., FastAPI]:
    """``FastAPIOffline`` (Swagger UI and ReDoc served from the package) when installed.

    Plain FastAPI's ``/docs`` loads Swagger UI from a CDN, which fails offline.
    """
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:  # pragma: no cover - declared dependency
        return FastAPI
    return FastAPIOffline


def _mount_dashboard(app: FastAPI) -> None:
    """Serve the web dashboard (``eventscope.web.mount``) when it is installed."""
    try:
        web = importlib.import_module("eventscope.web")
    except ImportError:
        return
    mount = getattr(web, "mount", None)
    if mount is not None:
        mount(app)
