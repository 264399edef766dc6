"""Shared API dependencies: the store, event filters from query parameters, the write token.

Query parameters become ``EventFilter`` fields and then SQL placeholders; nothing a client sends
is ever SQL text.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from typing import Any

from fastapi import HTTPException, Query, Request

from ..errors import Errors
from ..store import EventFilter, Store

# Pagination bounds checked on every list route: DuckDB takes LIMIT/OFFSET as 64-bit integers,
# and 2**63 would reach it as a conversion error (a 500) without the upper bound.
MAX_LIMIT = 1000
MAX_OFFSET = 2**62


def limit_param(default: int = 50) -> Any:
    """``limit`` query parameter: 1 … ``MAX_LIMIT``."""
    return Query(default, ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT}).")


def offset_param() -> Any:
    """``offset`` query parameter: 0 … ``MAX_OFFSET``."""
    return Query(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


_CODED = re.compile(r"^E\d{3} ")


def bad_request(exc: Exception) -> HTTPException:
    """400 for a request the store or the analysis layer refused: its message when it already
    carries a code, else E064 around it (a client always gets a code to look up)."""
    message = str(exc)
    detail = message if _CODED.match(message) else Errors.E064.format(detail=message[:200] or type(exc).__name__)
    return HTTPException(status_code=400, detail=detail)


def get_store(request: Request) -> Store:
    """The app's store (opened once by ``create_app``)."""
    return request.app.state.store


def filter_params(
    date_from: dt.date | None = Query(None, description="First day (YYYY-MM-DD), inclusive; event date, else publication date, else ingestion date."),
    date_to: dt.date | None = Query(None, description="Last day (YYYY-MM-DD), inclusive."),
    country: str | None = Query(None, description="ISO3 code(s), comma-separated: where it happened or either actor's country."),
    actor: str | None = Query(None, description="Global actor id(s) (ac-…) as source or target, comma-separated."),
    source: str | None = Query(None, description="Global actor id(s) as source."),
    target: str | None = Query(None, description="Global actor id(s) as target."),
    type: str | None = Query(None, description="PLOVER type(s), comma-separated, e.g. ASSAULT,COERCE."),
    modality: str | None = Query(None, description="asserted, negated, conditional, hypothetical, reported, intended."),
    quad_class: str | None = Query(None, description="Quad class(es) 1-4, comma-separated."),
    doc: str | None = Query(None, description="Document id(s), comma-separated."),
    q: str | None = Query(None, max_length=200, description="Text in the evidence sentence (case-insensitive)."),
    one_per_story: bool = Query(False, description="Count each real-world event once (one report per merged story)."),
    precision: str | None = Query(None, max_length=200, description=(
        "How exact the event's place is, comma-separated: place (the named town or village), admin2, admin1, "
        "region, country.")),
    inferred: bool | None = Query(None, description=(
        "true: only events placed from the dateline or the story's focus; false: only events whose own text "
        "gives the place.")),
) -> dict[str, Any]:
    """The filter keywords given in the query (absent ones left out), checked once."""
    kw: dict[str, Any] = {
        "date_from": date_from, "date_to": date_to, "country": country, "actor": actor, "source": source,
        "target": target, "type": type, "modality": modality, "quad_class": quad_class, "doc": doc, "q": q,
        "precision": precision, "inferred": inferred,
    }
    kw = {k: v for k, v in kw.items() if v not in (None, "")}
    if one_per_story:
        kw["one_per_story"] = True
    try:
        EventFilter.from_kwargs(**kw).where()
    except (ValueError, TypeError, OverflowError) as exc:
        raise bad_request(exc) from exc
    return kw


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>`` matching the server's token (401 otherwise).

    A server started without a token accepts no writes at all.
    """
    expected: str | None = request.app.state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected or scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(status_code=401, detail=Errors.E047, headers={"WWW-Authenticate": "Bearer"})
