"""``/api/network``, ``/api/timeline``, ``/api/escalation``: the analysis layer over HTTP.

Counts follow the analysis defaults (``eventscope.analysis.common``): negated and hypothetical
events and follow-up retellings are left out unless a ``modality`` is asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query

from ...analysis import actor_network, dyad_timeline, escalation, escalation_series, event_timeline, network_json
from ...store import Store
from ..deps import bad_request, filter_params, get_store

router = APIRouter(prefix="/api", tags=["analysis"])


@router.get("/network", summary="Actor network: nodes and directed dyads")
def network(
    filters: dict[str, Any] = Depends(filter_params),
    by: str = Query("actor", pattern="^(actor|country)$"),
    min_events: int = Query(1, ge=1),
    top: int = Query(200, ge=1, le=5000, description="Keep the N most active nodes (and edges among them)."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Nodes (actors or countries) with event counts; edges weighted by count, with mean
    Goldstein and the split by quad class."""
    return network_json(actor_network(store, by=by, min_events=min_events, top=top, **filters))


@router.get("/timeline", summary="Dyad timelines (and the overall series)")
def timeline(
    filters: dict[str, Any] = Depends(filter_params),
    freq: str = Query("day", pattern="^(day|week|month)$"),
    by: str = Query("actor", pattern="^(actor|country)$"),
    directed: bool = Query(True),
    top: int = Query(5, ge=1, le=100, description="Dyads returned when source/target are not given."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """``series``: one per dyad (``source``/``target`` name one; else the top dyads), each with
    dense ``points`` (period, count, goldstein_mean, q1..q4); ``overall``: all matching events."""
    source = filters.pop("source", None)
    target = filters.pop("target", None)
    out = dyad_timeline(store, source=source, target=target, freq=freq, by=by, directed=directed, top=top, **filters)
    out["overall"] = event_timeline(store, freq=freq, **filters)["points"]
    return out


@router.get("/escalation", summary="Escalation signals per dyad or country")
def escalation_signals(
    filters: dict[str, Any] = Depends(filter_params),
    by: str = Query("dyad", pattern="^(dyad|country_dyad|country)$"),
    window: int = Query(7, ge=1, le=366),
    baseline: int = Query(28, ge=1, le=3660),
    end: dt.date | None = Query(None, description="Last day of the recent window (default: latest event)."),
    min_events: int = Query(1, ge=1),
    limit: int = Query(20, ge=1, le=500),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Change in material-conflict share and mean Goldstein, recent window vs trailing baseline,
    with the recent events behind each signal."""
    try:
        return escalation(store, by=by, window=window, baseline=baseline, end=end, min_events=min_events,
                          limit=limit, **filters)
    except (ValueError, OverflowError) as exc:  # OverflowError: day arithmetic past year 1 or 9999
        raise bad_request(exc) from exc


@router.get("/escalation/series", summary="One dyad's or country's escalation signal per period")
def escalation_over_time(
    unit: str = Query(..., description="source,target (actor ids or country codes) or one country code."),
    filters: dict[str, Any] = Depends(filter_params),
    by: str = Query("dyad", pattern="^(dyad|country_dyad|country)$"),
    freq: str = Query("week", pattern="^(day|week|month)$"),
    baseline: int = Query(4, ge=1, le=520, description="Trailing periods pooled as each period's baseline."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Per period: events, material-conflict share, mean Goldstein, the trailing baseline and
    the escalation score (as ``/api/escalation``)."""
    try:
        return escalation_series(store, [u.strip() for u in unit.split(",") if u.strip()], by=by, freq=freq,
                                 baseline=baseline, **filters)
    except (ValueError, OverflowError) as exc:  # OverflowError: day arithmetic past year 1 or 9999
        raise bad_request(exc) from exc
