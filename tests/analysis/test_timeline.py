"""Dyad and overall timelines."""

from __future__ import annotations

from eventscope.analysis import dyad_timeline, event_timeline


def test_dyad_timeline_daily_dense(synthetic_store):
    data = dyad_timeline(synthetic_store, by="country", source="NOR", target="SOU", freq="day")
    (series,) = data["series"]
    assert series["count"] == 17
    points = series["points"]
    assert len(points) == len(data["periods"]) == 35  # every day from first to last, zeros included
    assert points[0]["period"] == "2025-01-01" and points[0]["count"] == 1 and points[0]["q1"] == 1
    assert points[1]["count"] == 0 and points[1]["goldstein_mean"] is None
    assert points[-1]["q4"] == 1 and points[-1]["goldstein_mean"] == -10.0


def test_dyad_timeline_weekly_sums(synthetic_store):
    data = dyad_timeline(synthetic_store, by="country", source="NOR", target="SOU", freq="week")
    (series,) = data["series"]
    assert sum(p["count"] for p in series["points"]) == 17
    assert all(p["period"] <= q["period"] for p, q in zip(series["points"], series["points"][1:]))
    import datetime as dt
    assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in series["points"])  # Mondays


def test_top_dyads_and_undirected(store):
    data = dyad_timeline(store, top=3)
    assert len(data["series"]) == 3
    assert data["series"][0]["count"] >= data["series"][-1]["count"]
    names = {(s["source_name"], s["target_name"]) for s in data["series"]}
    assert ("United States Armed Forces", "Houthis") in names
    both = dyad_timeline(store, by="country", source="USA", target="YEM", directed=False)
    (series,) = both["series"]
    assert series["count"] == 3  # two strikes one way, one threat back


def test_event_timeline_filtered(store):
    data = event_timeline(store, freq="week", type="ASSAULT")
    assert sum(p["count"] for p in data["points"]) == 5
    assert sum(p["q4"] for p in data["points"]) == 5
    assert event_timeline(store, country="ZZZ") == {"freq": "day", "periods": [], "points": [], "dense": True}


def test_far_apart_dates_give_sparse_series(tmp_path, corpus_adocs):
    import copy

    from eventscope.store import Store

    store = Store(tmp_path / "s.duckdb")
    old = copy.deepcopy(corpus_adocs[3])
    old.document.id, old.document.text = "old", old.document.text + " "
    old.events[0].date = "1950-01-01"  # one stray date decades away
    store.write([corpus_adocs[3], old])
    data = event_timeline(store, freq="day")
    assert data["dense"] is False and len(data["points"]) == len(data["periods"]) < 50
    assert data["points"][0]["period"] == "1950-01-01"
    assert event_timeline(store, freq="month")["dense"] is True  # 900 months are fine
    store.close()
