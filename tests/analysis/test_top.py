"""Top actors and places, and the analysis counting defaults."""

from __future__ import annotations

import pytest

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
    assert places[0]["name"] == "Baghdad" and places[0]["n_events"] == 3
    assert places[0]["lat"] is not None and places[0]["country"] == "IRQ"
    yem = top_places(store, country="YEM")
    # Houthi (YEM) fire at sea counts too; the negated deployment "to Yemen" is left out.
    assert {p["name"] for p in yem} == {"Hodeidah", "Sanaa", "Red Sea"}


def test_counting_defaults():
    flt = analysis_filter(country="IRQ")
    assert flt.modality == list(COUNTED_MODALITIES) and flt.include_follow_ups is False
    assert flt.include_duplicates is False and EventFilter().include_duplicates is True
    explicit = analysis_filter(modality="negated")
    assert explicit.modality == "negated"
    passed = analysis_filter(EventFilter(type="ASSAULT"))
    assert passed.type == "ASSAULT" and passed.modality == list(COUNTED_MODALITIES)


def test_near_duplicate_documents_are_not_counted_twice(tmp_path, corpus_adocs):
    import copy

    from eventscope.analysis import actor_network
    from eventscope.store import Store

    store = Store(tmp_path / "d.duckdb")
    store.write(corpus_adocs)
    copy_doc = copy.deepcopy(corpus_adocs[2])  # the Houthi/Hodeidah story, re-posted
    copy_doc.document.id = "repost"
    copy_doc.document.text = copy_doc.document.text.replace("Sunday, the", "Sunday -- the")
    store.write([copy_doc], duplicates={"repost": "es-03"})
    assert store.events(doc="repost")["total"] == 3  # stored and listed
    g = actor_network(store, by="country")
    assert g.edges["USA", "YEM"]["count"] == 2  # but counted once
    assert actor_network(store, by="country", include_duplicates=True).edges["USA", "YEM"]["count"] == 3
    store.close()


def test_one_event_per_story(tmp_path, corpus_adocs):
    import copy

    from eventscope.analysis import actor_network
    from eventscope.store import Store

    store = Store(tmp_path / "s.duckdb")
    store.write(corpus_adocs)
    other = copy.deepcopy(corpus_adocs[2])  # a second outlet telling the same strikes
    other.document.id = "other-outlet"
    other.document.text += " Shipping companies said they would reroute vessels around Africa for now."
    store.write([other])
    assert store.events(type="ASSAULT")["total"] == 7
    per_story = store.events(type="ASSAULT", one_per_story=True)["total"]
    assert per_story == 5
    g = actor_network(store, by="country", one_per_story=True)
    assert g.edges["USA", "YEM"]["count"] == 2
    assert actor_network(store, by="country").edges["USA", "YEM"]["count"] == 3
    store.close()


def test_one_per_story_is_ignored_without_story_tables(tmp_path, corpus_adocs):
    from eventscope.store import Store

    store = Store(tmp_path / "s.duckdb")
    store.write(corpus_adocs, stories=False)
    store.con.execute("DROP TABLE story_event_members")  # a file from before the story tables
    assert store.events(one_per_story=True)["total"] == 21
    store.close()
