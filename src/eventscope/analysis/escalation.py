"""Escalation signals: is a dyad or a country turning more conflictual than it was?

For each unit (a directed dyad, or a country) the recent window (default the last 7 days up to
``end``) is compared with the trailing baseline just before it (default the 28 days before):

* ``delta_mc_share``: change in the share of material-conflict events (quad class 4);
* ``delta_goldstein``: change in the mean Goldstein score (negative = more hostile).

``score = confidence * (delta_mc_share - delta_goldstein / 20)``, where ``confidence =
n_recent / (n_recent + prior_events)`` damps signals resting on one or two events. A unit with no
baseline events is compared with a neutral baseline (no conflict share, Goldstein 0) and flagged
``new``. Each signal lists the recent events behind it, most hostile first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import Errors
from ..store.filters import EventFilter
from .common import rows, store_filter

_UNITS: dict[str, tuple[str, str]] = {
    # unit: (key expression, condition)
    "dyad": ("[source_actor, target_actor]", "source_actor IS NOT NULL AND target_actor IS NOT NULL AND source_actor <> target_actor"),
    "country_dyad": ("[source_country, target_country]", "source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country"),
    # Where it happened; else who it was done to; else who did it.
    "country": ("[coalesce(country, target_country, source_country)]", "coalesce(country, target_country, source_country) IS NOT NULL"),
}


def escalation(
    store: Any, filters: EventFilter | None = None, *, by: str = "dyad", window: int = 7, baseline: int = 28,
    end: str | dt.date | None = None, min_events: int = 1, prior_events: float = 2.0, threshold: float = 0.15,
    limit: int = 20, max_event_ids: int = 10, **kw: Any,
) -> dict[str, Any]:
    """Rank dyads or countries by how much more conflictual their recent events are.

    Args:
        store (Store): the store.
        filters (EventFilter | None): which events (or filter keywords; the date filters bound
            the data the windows are cut from).
        by (str): "dyad" (directed actor pairs), "country_dyad" or "country".
        window (int): days in the recent window, ending at ``end`` (inclusive).
        baseline (int): days in the trailing baseline before the window.
        end (str | date | None): last day of the recent window (default: the latest event day).
        min_events (int): units need at least this many recent events.
        prior_events (float): damping of small counts (see module docstring).
        threshold (float): |score| at which a unit is "escalating" / "de-escalating".
        limit (int): how many units to return (highest score first).
        max_event_ids (int): recent events listed per unit.
    RETURNS (dict): ``{"by", "end", "window": [start, end], "baseline": [start, end],
        "signals": [{unit, names, level, score, new, recent: {...}, baseline: {...},
        delta_mc_share, delta_goldstein, events: [...]}]}``.
    """
    if by not in _UNITS:
        raise ValueError(Errors.E032.format(name="by", choices=", ".join(_UNITS), value=by))
    if window < 1 or baseline < 1:
        raise ValueError(Errors.E033.format(name="window", detail="window and baseline must be at least one day"))
    key, cond = _UNITS[by]
    flt = store_filter(store, filters, **kw)
    where, params = flt.where("e")
    with store.cursor() as cur:
        if end is None:
            last = cur.execute(f"SELECT max(day) FROM events e WHERE {where}", params).fetchone()[0]
            if last is None:
                return {"by": by, "end": None, "window": None, "baseline": None, "signals": []}
            end_day = last
        else:
            end_day = end if isinstance(end, dt.date) else dt.date.fromisoformat(str(end)[:10])
        win_start = end_day - dt.timedelta(days=window - 1)
        base_end = win_start - dt.timedelta(days=1)
        base_start = base_end - dt.timedelta(days=baseline - 1)
        units = rows(
            cur,
            f"""
            SELECT {key} AS unit,
                   count(*) FILTER (WHERE day >= ?) AS n_recent,
                   count(*) FILTER (WHERE day >= ? AND quad_class = 4) AS mc_recent,
                   count(*) FILTER (WHERE day >= ? AND quad_class >= 3) AS conflict_recent,
                   avg(goldstein) FILTER (WHERE day >= ?) AS g_recent,
                   count(*) FILTER (WHERE day < ?) AS n_base,
                   count(*) FILTER (WHERE day < ? AND quad_class = 4) AS mc_base,
                   count(*) FILTER (WHERE day < ? AND quad_class >= 3) AS conflict_base,
                   avg(goldstein) FILTER (WHERE day < ?) AS g_base,
                   mode(source_name) AS source_name, mode(target_name) AS target_name
            FROM events e
            WHERE {where} AND {cond} AND day BETWEEN ? AND ?
            GROUP BY unit
            HAVING count(*) FILTER (WHERE day >= ?) >= ?
            """,
            [*[win_start] * 4, *[win_start] * 4, *params, base_start, end_day, win_start, int(min_events)],
        )
        signals = []
        for u in units:
            n_r, n_b = int(u["n_recent"]), int(u["n_base"])
            mc_r = u["mc_recent"] / n_r if n_r else 0.0
            mc_b = u["mc_base"] / n_b if n_b else 0.0
            g_r = u["g_recent"] if u["g_recent"] is not None else 0.0
            g_b = u["g_base"] if u["g_base"] is not None else 0.0
            d_mc, d_g = mc_r - mc_b, g_r - g_b
            confidence = n_r / (n_r + prior_events)
            score = confidence * (d_mc - d_g / 20.0)
            level = "escalating" if score >= threshold else "de-escalating" if score <= -threshold else "stable"
            signals.append({
                "unit": list(u["unit"]),
                "names": [u["source_name"], u["target_name"]] if by == "dyad" else list(u["unit"]),
                "level": level,
                "score": round(score, 4),
                "new": n_b == 0,
                "recent": {"events": n_r, "mc_share": round(mc_r, 4),
                           "conflict_share": round(u["conflict_recent"] / n_r, 4) if n_r else 0.0,
                           "goldstein_mean": u["g_recent"]},
                "baseline": {"events": n_b, "mc_share": round(mc_b, 4) if n_b else None,
                             "conflict_share": round(u["conflict_base"] / n_b, 4) if n_b else None,
                             "goldstein_mean": u["g_base"]},
                "delta_mc_share": round(d_mc, 4),
                "delta_goldstein": round(d_g, 4),
            })
        signals.sort(key=lambda s: (-s["score"], -s["recent"]["events"], s["unit"]))
        signals = signals[: max(0, int(limit))]
        for s in signals:
            s["events"] = rows(
                cur,
                f"""
                SELECT event_id, doc_id, day, type, mode, quad_class, goldstein, source_name, target_name,
                       location_name, evidence_text
                FROM events e
                WHERE {where} AND {cond} AND {key} = ? AND day BETWEEN ? AND ?
                ORDER BY goldstein ASC NULLS LAST, day DESC, event_id
                LIMIT ?
                """,
                [*params, s["unit"], win_start, end_day, int(max_event_ids)],
            )
            for e in s["events"]:
                e["day"] = e["day"].isoformat() if e["day"] else None
    return {
        "by": by,
        "end": end_day.isoformat(),
        "window": [win_start.isoformat(), end_day.isoformat()],
        "baseline": [base_start.isoformat(), base_end.isoformat()],
        "signals": signals,
    }


def escalation_series(
    store: Any, unit: list[str] | tuple[str, ...], filters: EventFilter | None = None, *, by: str = "dyad",
    freq: str = "week", baseline: int = 4, prior_events: float = 2.0, threshold: float = 0.15, **kw: Any,
) -> dict[str, Any]:
    """How one dyad or country escalates over time: the signal of every period against the
    ``baseline`` periods before it (same score as ``escalation``).

    Args:
        store (Store): the store.
        unit (list[str]): [source, target] (actor ids for "dyad", country codes for
            "country_dyad") or [country] for "country".
        filters (EventFilter | None): which events (or filter keywords).
        by (str): "dyad", "country_dyad" or "country".
        freq (str): "day", "week" or "month".
        baseline (int): trailing periods pooled as the baseline of each period.
    RETURNS (dict): ``{"by", "unit", "freq", "points": [{period, events, mc_share,
        goldstein_mean, baseline_events, baseline_mc_share, baseline_goldstein, score, level}]}``.
    """
    from .timeline import FREQS, _span

    if by not in _UNITS:
        raise ValueError(Errors.E032.format(name="by", choices=", ".join(_UNITS), value=by))
    if freq not in FREQS:
        raise ValueError(Errors.E032.format(name="freq", choices=", ".join(FREQS), value=freq))
    unit = [str(u) for u in unit]
    if len(unit) != (1 if by == "country" else 2):
        raise ValueError(Errors.E033.format(name="unit", detail="two codes for a dyad, one for a country"))
    key, cond = _UNITS[by]
    flt = store_filter(store, filters, **kw)
    where, params = flt.where("e")
    with store.cursor() as cur:
        found = rows(
            cur,
            f"""
            SELECT date_trunc('{freq}', day)::DATE AS period, count(*) AS n,
                   count(*) FILTER (WHERE quad_class = 4) AS mc, sum(goldstein) AS g_sum,
                   count(goldstein) AS g_n
            FROM events e WHERE {where} AND {cond} AND {key} = ? AND day IS NOT NULL
            GROUP BY period ORDER BY period
            """,
            [*params, unit],
        )
    out: dict[str, Any] = {"by": by, "unit": unit, "freq": freq, "points": []}
    if not found:
        return out
    by_period = {r["period"]: r for r in found}
    periods = _span(sorted(by_period), freq)
    empty = {"n": 0, "mc": 0, "g_sum": None, "g_n": 0}
    series = [by_period.get(p, empty) for p in periods]
    for i, (period, r) in enumerate(zip(periods, series)):
        window = series[max(0, i - baseline):i]
        b_n = sum(w["n"] for w in window)
        b_mc = sum(w["mc"] for w in window)
        b_gn = sum(w["g_n"] for w in window)
        b_g = (sum(w["g_sum"] or 0.0 for w in window) / b_gn) if b_gn else None
        n = int(r["n"])
        mc_share = r["mc"] / n if n else None
        g = (r["g_sum"] / r["g_n"]) if r["g_n"] else None
        score = None
        level = None
        if n:
            d_mc = (mc_share or 0.0) - (b_mc / b_n if b_n else 0.0)
            d_g = (g or 0.0) - (b_g or 0.0)
            score = round(n / (n + prior_events) * (d_mc - d_g / 20.0), 4)
            level = "escalating" if score >= threshold else "de-escalating" if score <= -threshold else "stable"
        out["points"].append({
            "period": period.isoformat(), "events": n, "mc_share": mc_share, "goldstein_mean": g,
            "baseline_events": b_n, "baseline_mc_share": (b_mc / b_n) if b_n else None,
            "baseline_goldstein": b_g, "score": score, "level": level,
        })
    return out
