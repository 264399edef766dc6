"""Escalation signals against a trailing baseline."""

from __future__ import annotations

import pytest

from eventscope.analysis import escalation


def test_country_dyads_escalating_and_calming(synthetic_store):
    out = escalation(synthetic_store, by="country_dyad", window=7, baseline=28)
    assert out["end"] == "2025-02-04" and out["window"] == ["2025-01-29", "2025-02-04"]
    assert out["baseline"] == ["2025-01-01", "2025-01-28"]
    sig = {tuple(s["unit"]): s for s in out["signals"]}
    up = sig[("NOR", "SOU")]
    assert up["level"] == "escalating" and up["score"] > 0.5
    assert up["recent"]["mc_share"] == 1.0 and up["baseline"]["mc_share"] == 0.0
    assert up["delta_goldstein"] == pytest.approx(-12.0)
    assert len(up["events"]) == 7 and all(e["type"] == "ASSAULT" for e in up["events"])
    down = sig[("EAS", "WES")]
    assert down["level"] == "de-escalating" and down["score"] < -0.5
    flat = sig[("UPL", "DWN")]
    assert flat["level"] == "stable" and flat["score"] == pytest.approx(0.0)
    assert out["signals"][0]["unit"] == ["NOR", "SOU"]  # highest score first


def test_actor_dyads_and_countries(synthetic_store):
    dyads = escalation(synthetic_store, by="dyad")
    top = dyads["signals"][0]
    assert top["names"] == ["Northland", "Southland"] and top["level"] == "escalating"
    countries = escalation(synthetic_store, by="country")
    by_unit = {s["unit"][0]: s for s in countries["signals"]}
    assert by_unit["SOU"]["level"] == "escalating"  # strikes located in Southland
    assert by_unit["WES"]["level"] == "de-escalating"


def test_window_end_and_filters(synthetic_store):
    early = escalation(synthetic_store, by="country_dyad", end="2025-01-20", window=7, baseline=14)
    assert all(s["level"] == "stable" for s in early["signals"])
    only_nor = escalation(synthetic_store, by="country_dyad", country="NOR")
    assert [s["unit"] for s in only_nor["signals"]] == [["NOR", "SOU"]]


def test_new_units_and_small_counts_are_damped(store):
    out = escalation(store, by="country", window=7, baseline=21)
    ukr = next(s for s in out["signals"] if s["unit"] == ["UKR"])
    assert ukr["new"] is True and ukr["baseline"]["events"] == 0
    # One event: confidence 1/3 damps the score below the full delta.
    assert 0 < ukr["score"] < ukr["delta_mc_share"]
    assert ukr["events"][0]["event_id"] == "es-06:E1"


def test_bad_arguments(synthetic_store):
    with pytest.raises(ValueError):
        escalation(synthetic_store, by="planet")
    with pytest.raises(ValueError):
        escalation(synthetic_store, window=0)
    assert escalation(synthetic_store, country="ZZZ")["signals"] == []


def test_escalation_series_turns_up(synthetic_store):
    from eventscope.analysis import escalation_series

    out = escalation_series(synthetic_store, ["NOR", "SOU"], by="country_dyad", freq="week", baseline=3)
    points = out["points"]
    assert points[0]["period"] == "2024-12-30"  # ISO week of 2025-01-01
    assert all(p["level"] in ("stable", None) for p in points[:4])
    assert points[-1]["level"] == "escalating" and points[-1]["mc_share"] == 1.0
    assert points[-1]["baseline_mc_share"] is not None and points[-1]["baseline_mc_share"] < 0.5
    calm = escalation_series(synthetic_store, ["WES"], by="country", freq="week")
    assert calm["points"][-1]["level"] == "de-escalating"
    with pytest.raises(ValueError):
        escalation_series(synthetic_store, ["NOR"], by="dyad")
