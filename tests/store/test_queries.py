"""Read queries (``store/queries.py``) over the corpus store: paging bounds, cursors, escaping."""

from __future__ import annotations

import pytest

from eventscope.store import EventFilter
from eventscope.store import queries


def test_event_pages_clamp_their_bounds(store):
    with store.cursor() as cur:
        page = queries.list_events(cur, EventFilter(), limit=10_000, offset=-5)
        assert page["limit"] == queries.MAX_LIMIT and page["offset"] == 0
        assert page["total"] == len(page["items"]) == store.counts()["events"]
        with pytest.raises(ValueError, match="sort must be one of"):
            queries.list_events(cur, EventFilter(), sort="day; DROP TABLE events")


def test_a_cursor_continues_its_own_order_only(store):
    with store.cursor() as cur:
        first = queries.list_events(cur, EventFilter(), limit=5, sort="day")
        rest = queries.list_events(cur, EventFilter(), limit=1000, sort="day", cursor=first["next_cursor"])
        every = queries.list_events(cur, EventFilter(), limit=1000, sort="day")
        assert [e["event_id"] for e in first["items"] + rest["items"]] == [e["event_id"] for e in every["items"]]
        with pytest.raises(ValueError, match="another sort order"):
            queries.list_events(cur, EventFilter(), sort="-day", cursor=first["next_cursor"])
        with pytest.raises(ValueError, match="bad cursor"):
            queries.list_events(cur, EventFilter(), sort="day", cursor="not-a-cursor")


def test_event_table_is_in_export_order_with_document_fields(store):
    with store.cursor() as cur:
        table = queries.event_table(cur, EventFilter())
    rows = table.to_pylist()
    keys = [(r["day"] is None, r["day"], r["doc_id"], r["seq"]) for r in rows]
    assert keys == sorted(keys)
    assert {"doc_title", "doc_url", "doc_date", "doc_ingested_at"} <= set(table.column_names)


def test_document_search_treats_wildcards_as_text(store):
    with store.cursor() as cur:
        assert queries.list_documents(cur, q="%")["total"] == 0
        assert queries.list_documents(cur, q="_")["total"] == 0
        one = queries.list_documents(cur, q="es-01")
    assert [d["doc_id"] for d in one["items"]] == ["es-01"] and "text" not in one["items"][0]


def test_a_stored_document_keeps_text_and_every_annotation(store, corpus_adocs):
    adoc = corpus_adocs[0]
    with store.cursor() as cur:
        doc = queries.get_document(cur, adoc.document.id)
        assert queries.get_document(cur, "no-such-doc") is None
    assert doc["text"] == adoc.document.text and "minhash" not in doc
    assert [e["local_id"] for e in doc["events"]] == [e.id for e in adoc.events]
    assert sorted(a["local_id"] for a in doc["actors"]) == sorted(a.id for a in adoc.actors)
    assert len(doc["locations"]) == len(adoc.locations) and len(doc["dates"]) == len(adoc.times)


def test_stats_count_every_table(store):
    with store.cursor() as cur:
        stats = queries.stats(cur)
    assert stats["counts"] == store.counts()
    assert sum(t["n"] for t in stats["types"]) == stats["counts"]["events"]
    assert stats["first_day"] <= stats["last_day"]
