"""The FastAPI app: read endpoints over the store, a token-guarded write, the dashboard.

``create_app`` opens the store once; each request reads through its own cursor. With no token
the store is opened read-only (no request can write), so the file can be shared with other
readers; with a token, ``POST /api/documents`` codes and stores new text.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import Errors
from ..store import Store, StoreError
from . import security
from .routers import ROUTERS
from .routers.documents import NEW_DOCUMENT_SCHEMA

DEFAULT_MAX_BODY = 1_000_000

log = logging.getLogger("eventscope.api")


class SafeJSONResponse(JSONResponse):
    """JSON that cannot fail to encode: a lone surrogate (from a hostile query echoed in an error,
    or text stored before input was cleaned) is written as its ``\\uXXXX`` escape, which is still
    valid JSON, instead of raising UnicodeEncodeError (a 500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                          separators=(",", ":")).encode("utf-8", "backslashreplace")


def _shown(value: Any, width: int = 60) -> str:
    """A client-sent value for an error message: repr (escapes control characters and
    surrogates), cut to ``width`` characters."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def validation_message(exc: RequestValidationError) -> str:
    """One coded line (E061) for FastAPI's list of validation errors: the first bad parameter."""
    errors = exc.errors()
    if not errors:
        return Errors.E061.format(name="?", value="", reason="invalid request")
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "header", "body")]
    return Errors.E061.format(name=".".join(loc) or "?", value=_shown(first.get("input")),
                              reason=str(first.get("msg", "invalid"))[:120])


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
    allowed_hosts: Iterable[str] | None = None,
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
        allowed_hosts (Iterable[str] | None): answer only requests whose ``Host`` is one of
            these names (421 otherwise; ``*`` for any) — the DNS-rebinding guard that
            ``eventscope serve`` always sets (``security.served_hosts``). None: no check.
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
        default_response_class=SafeJSONResponse,
    )
    app.state.store = store
    app.state.token = token
    app.state.max_body = int(max_body)
    app.state.get_pipeline = pipeline or _default_pipeline
    app.state.allowed_hosts = None if allowed_hosts is None else frozenset(
        h.strip().strip("[]").lower() for h in allowed_hosts)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return SafeJSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> JSONResponse:
        return SafeJSONResponse(status_code=422, content={"detail": validation_message(exc)})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return SafeJSONResponse(status_code=exc.status_code, content={"detail": exc.detail},
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        """A bug: logged with its traceback for the operator, one coded line for the client."""
        log.error("internal error on %s", request.url.path, exc_info=exc)
        return SafeJSONResponse(status_code=500, content={
            "detail": Errors.E063.format(path=request.url.path, kind=type(exc).__name__)})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        path = request.url.path
        if path in security.DOCS_PATHS and response.status_code == 200:
            return await security.with_docs_csp(response)
        if path.startswith("/api/") or path == "/openapi.json":
            response.headers.setdefault("Content-Security-Policy", security.API_CSP)
        return response

    @app.middleware("http")  # added last, so it runs first: nothing is answered for a foreign Host
    async def host_guard(request: Request, call_next: Any) -> Any:
        allowed = request.app.state.allowed_hosts
        if allowed is not None and not security.host_allowed(request.headers.get("host"), allowed):
            return SafeJSONResponse(status_code=421, content=security.host_refused(request.headers.get("host"), allowed))
        return await call_next(request)

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
