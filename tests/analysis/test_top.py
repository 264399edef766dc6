"""Top actors and places, and the analysis counting defaults."""

from __future__ import annotations

from eventscope.analysis import COUNTED_MODALITIES, analysis_filter, top_actors, top_places
from eventscope.store import EventFilter


def test_top_actors(store):
    top = top_actors(store, n=3)
    assert top[0]["name"] == "Houthis" and top[0]["n_events"] == 5
    assert [a["n_events"] for a in top] == sorted((a["n_events"] for a in top), reverse=True)
    only_assault = top_actors(store, n=10, type="ASSAULT")
    assert {a["name"] for a in only_assault} >= {"Houthis", "Russia"}
    assert "Iraq" not in {a["name"] for a in only_assault}


def test_top_places(store):
    places = top_places(store, n=2)
    assert places[0]["name"] == "Baghdad" and places[0]["n_events"] == 2
    assert places[0]["lat"] is not None and places[0]["country"] == "IRQ"
    yem = top_places(store, country="YEM")
    # Houthi (YEM) fire at sea counts too; the negated deployment "to Yemen" is left out.
    assert {p["name"] for p in yem} == {"Hodeidah", "Sanaa", "Red Sea"}


def test_counting_defaults():
    flt = analysis_filter(country="IRQ")
    assert flt.modality == list(COUNTED_MODALITIES) and flt.include_follow_ups is False
    explicit = analysis_filter(modality="negated")
    assert explicit.modality == "negated"
    passed = analysis_filter(EventFilter(type="ASSAULT"))
    assert passed.type == "ASSAULT" and passed.modality == list(COUNTED_MODALITIES)
