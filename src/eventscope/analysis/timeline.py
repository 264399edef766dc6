"""Dyad timelines: event counts and mean Goldstein per day or week, per directed dyad.

A series has one point per period from the first to the last period of the request, zeros
included, so plots do not draw lines across quiet days; when that would exceed ``MAX_PERIODS``
(one stray date decades away can do it) only the periods with events are returned
(``"dense": false``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import Errors
from ..store.filters import EventFilter
from .common import rows, store_filter

FREQS = ("day", "week", "month")
MAX_PERIODS = 2000


def _periods(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    out: list[dt.date] = []
    cur = first
    while cur <= last:
        out.append(cur)
        if freq == "day":
            cur += dt.timedelta(days=1)
        elif freq == "week":
            cur += dt.timedelta(days=7)
        else:
            cur = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    return out


def _span(present: list[dt.date], freq: str) -> list[dt.date]:
    """Every period from the first to the last present one, or only the present ones when
    that would be more than ``MAX_PERIODS``."""
    if not present:
        return []
    full = _periods(present[0], present[-1], freq) if _count(present[0], present[-1], freq) <= MAX_PERIODS else None
    return full if full is not None else present


def _count(first: dt.date, last: dt.date, freq: str) -> int:
    if freq == "day":
        return (last - first).days + 1
    if freq == "week":
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _is_dense(periods: list[dt.date], freq: str) -> bool:
    return not periods or _count(periods[0], periods[-1], freq) == len(periods)


def _empty_point(period: dt.date) -> dict[str, Any]:
    return {"period": period.isoformat(), "count": 0, "goldstein_mean": None, "q1": 0, "q2": 0, "q3": 0, "q4": 0}


def _point(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "period": r["period"].isoformat(), "count": int(r["count"]), "goldstein_mean": r["goldstein_mean"],
        "q1": int(r["q1"]), "q2": int(r["q2"]), "q3": int(r["q3"]), "q4": int(r["q4"]),
    }


_AGG = """
    count(*) AS count, avg(goldstein) AS goldstein_mean,
    count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
    count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
"""


def _dense(points: list[dict[str, Any]], periods: list[dt.date]) -> list[dict[str, Any]]:
    by_period = {p["period"]: p for p in points}
    return [by_period.get(p.isoformat(), _empty_point(p)) for p in periods]


def event_timeline(store: Any, filters: EventFilter | None = None, *, freq: str = "day", **kw: Any) -> dict[str, Any]:
    """Counts per period over all matching events (quad-class split and mean Goldstein).

    RETURNS (dict): ``{"freq", "periods": [iso...], "points": [{period, count, goldstein_mean, q1..q4}]}``.
    """
    if freq not in FREQS:
        raise ValueError(Errors.E032.format(name="freq", choices=", ".join(FREQS), value=freq))
    flt = store_filter(store, filters, **kw)
    where, params = flt.where("e")
    with store.cursor() as cur:
        found = rows(
            cur,
            f"SELECT date_trunc('{freq}', day)::DATE AS period, {_AGG} FROM events e "
            f"WHERE {where} AND day IS NOT NULL GROUP BY period ORDER BY period",
            params,
        )
    if not found:
        return {"freq": freq, "periods": [], "points": [], "dense": True}
    periods = _span(sorted({r["period"] for r in found}), freq)
    return {"freq": freq, "periods": [p.isoformat() for p in periods],
            "points": _dense([_point(r) for r in found], periods), "dense": _is_dense(periods, freq)}


def dyad_timeline(
    store: Any, filters: EventFilter | None = None, *, source: str | None = None, target: str | None = None,
    freq: str = "day", directed: bool = True, top: int = 5, by: str = "actor", **kw: Any,
) -> dict[str, Any]:
    """Per-dyad series of counts and mean Goldstein.

    Args:
        store (Store): the store.
        filters (EventFilter | None): which events (or filter keywords).
        source / target (str | None): the dyad (global actor ids, or country codes with
            ``by="country"``); with neither, the ``top`` dyads by event count.
        freq (str): "day", "week" (ISO weeks, Monday) or "month".
        directed (bool): with False, A→B and B→A are one series (keyed by the sorted pair).
        top (int): how many dyads when none is named.
        by (str): "actor" or "country".
    RETURNS (dict): ``{"freq", "periods", "series": [{source, target, source_name,
        target_name, count, goldstein_mean, points: [...]}]}``.
    """
    if freq not in FREQS:
        raise ValueError(Errors.E032.format(name="freq", choices=", ".join(FREQS), value=freq))
    if by not in ("actor", "country"):
        raise ValueError(Errors.E032.format(name="by", choices="actor, country", value=by))
    s_col, t_col = ("source_actor", "target_actor") if by == "actor" else ("source_country", "target_country")
    flt = store_filter(store, filters, **kw)
    where, params = flt.where("e")
    if directed:
        a_expr, b_expr = s_col, t_col
        a_name, b_name = "source_name", "target_name"
    else:
        a_expr, b_expr = f"least({s_col}, {t_col})", f"greatest({s_col}, {t_col})"
        a_name = f"CASE WHEN {s_col} <= {t_col} THEN source_name ELSE target_name END"
        b_name = f"CASE WHEN {s_col} <= {t_col} THEN target_name ELSE source_name END"
    base = f"{where} AND {s_col} IS NOT NULL AND {t_col} IS NOT NULL AND {s_col} <> {t_col} AND day IS NOT NULL"
    dyad_cond = ""
    dyad_params: list[Any] = []
    if source is not None or target is not None:
        if directed:
            if source is not None:
                dyad_cond += f" AND {s_col} = ?"
                dyad_params.append(source)
            if target is not None:
                dyad_cond += f" AND {t_col} = ?"
                dyad_params.append(target)
        else:
            pair = [x for x in (source, target) if x is not None]
            if len(pair) == 2:
                dyad_cond = f" AND {a_expr} = least(?, ?) AND {b_expr} = greatest(?, ?)"
                dyad_params = [pair[0], pair[1], pair[0], pair[1]]
            else:
                dyad_cond = f" AND ({s_col} = ? OR {t_col} = ?)"
                dyad_params = [pair[0], pair[0]]
    with store.cursor() as cur:
        dyads = rows(
            cur,
            f"SELECT {a_expr} AS a, {b_expr} AS b, mode({a_name}) AS a_name, mode({b_name}) AS b_name, "
            f"count(*) AS count, avg(goldstein) AS goldstein_mean FROM events e WHERE {base}{dyad_cond} "
            f"GROUP BY a, b ORDER BY count DESC, a, b LIMIT ?",
            [*params, *dyad_params, max(1, int(top)) if source is None and target is None else 1000],
        )
        if not dyads:
            return {"freq": freq, "periods": [], "series": [], "dense": True}
        keys = [[d["a"], d["b"]] for d in dyads]
        points = rows(
            cur,
            f"SELECT {a_expr} AS a, {b_expr} AS b, date_trunc('{freq}', day)::DATE AS period, {_AGG} "
            f"FROM events e WHERE {base} AND [{a_expr}, {b_expr}] IN (SELECT unnest(?)) "
            f"GROUP BY a, b, period ORDER BY a, b, period",
            [*params, keys],
        )
    periods = _span(sorted({p["period"] for p in points}), freq)
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in points:
        grouped.setdefault((p["a"], p["b"]), []).append(_point(p))
    series = [
        {
            "source": d["a"], "target": d["b"], "source_name": d["a_name"] if by == "actor" else d["a"],
            "target_name": d["b_name"] if by == "actor" else d["b"], "directed": directed,
            "count": int(d["count"]), "goldstein_mean": d["goldstein_mean"],
            "points": _dense(grouped.get((d["a"], d["b"]), []), periods),
        }
        for d in dyads
    ]
    return {"freq": freq, "periods": [p.isoformat() for p in periods], "series": series,
            "dense": _is_dense(periods, freq)}
