"""Records → table rows (``store/rows.py``): ids, keys, day fallbacks, the columns of the schema."""

from __future__ import annotations

import copy
import datetime as dt

from eventscope.model import ActorRef, AnalyzedDocument, Document, Event, Span
from eventscope.store.rows import actor_key, actor_uid, document_rows, event_row
from eventscope.store.schema import DATA_TABLES, expected_columns

NOW = dt.datetime(2025, 1, 2, 3, 4, 5)


def test_actor_keys_prefer_the_knowledge_base_then_name_and_country():
    assert actor_key("Mohammed Shia al-Sudani", "IRQ", kb_id="Q123") == "kb:Q123"
    assert actor_key("Al-Sudani", "IRQ") == "name:al sudani|IRQ"
    assert actor_key("Hamas") == "name:hamas|-"
    assert actor_key("  --  ") is None and actor_key(None) is None
    assert actor_uid("kb:Q123") == actor_uid("kb:Q123") != actor_uid("kb:Q124")
    assert actor_uid("kb:Q123").startswith("ac-") and len(actor_uid("kb:Q123")) == 15


def test_rows_have_exactly_the_columns_of_the_schema(corpus_adocs):
    columns = expected_columns()
    for adoc in corpus_adocs:
        tables = document_rows(adoc, adoc.document.id, ingested_at=NOW)
        assert tuple(tables) == DATA_TABLES
        for table, rows in tables.items():
            for row in rows:
                assert set(row) == {name for name, _ in columns[table]}, table


def test_event_ids_and_actor_ids_follow_the_store_id(corpus_adocs):
    adoc = corpus_adocs[0]
    tables = document_rows(adoc, "stored-id", ingested_at=NOW)
    assert [r["event_id"] for r in tables["events"]] == [f"stored-id:{e.id}" for e in adoc.events]
    assert [r["seq"] for r in tables["events"]] == list(range(len(adoc.events)))
    by_local = {r["local_id"]: r["actor_id"] for r in tables["actors"]}
    for row in tables["events"]:
        if row["source_local"] in by_local:
            assert row["source_actor"] == by_local[row["source_local"]]


def test_day_is_the_event_date_else_publication_else_ingestion():
    def day_of(event_date, pub_date):
        adoc = AnalyzedDocument(document=Document(text="Troops moved.", id="d", date=pub_date))
        adoc.events = [Event(id="E1", type="MOBILIZE", source=None, target=None, evidence=Span("Troops moved.", 0, 13),
                             date=event_date, date_precision="day" if event_date else None)]
        (row,) = document_rows(adoc, "d", ingested_at=NOW)["events"]
        return row["day"], row["day_source"], row["date_precision"]

    assert day_of("2024-05-01", "2024-05-03") == (dt.date(2024, 5, 1), "event", "day")
    assert day_of(None, "2024-05-03") == (dt.date(2024, 5, 3), "publication", None)
    assert day_of(None, None) == (NOW.date(), "ingested", None)


def test_an_event_side_takes_the_actors_codes_when_the_reference_lacks_them(corpus_adocs):
    adoc = copy.deepcopy(corpus_adocs[0])
    actor = adoc.actors[0]
    ev = adoc.events[0]
    ev.source = ActorRef(actor=actor.id, text="they", name=None, country=None, sector=None, start=0, end=4)
    row = event_row(adoc, ev, "d", "E1", 0, {actor.id: "ac-x"}, pub_day=None, today=NOW.date())
    assert (row["source_name"], row["source_country"], row["source_sector"]) == (actor.name, actor.country, actor.sector)
    assert row["source_actor"] == "ac-x" and row["source_text"] == "they"
    unresolved = ActorRef(actor=None, text="gunmen", name=None, country=None, sector=None)
    ev.source = unresolved
    row = event_row(adoc, ev, "d", "E1", 0, {}, pub_day=None, today=NOW.date())
    assert row["source_name"] == "gunmen" and row["source_actor"] == actor_uid("name:gunmen|-")


def test_repeated_local_ids_become_unique_and_lone_surrogates_keep_offsets():
    text = "A met B \ud800 today."
    adoc = AnalyzedDocument(document=Document(text=text, id="s"))
    adoc.events = [Event(id="E1", type="CONSULT", source=None, target=None, evidence=Span(text, 0, len(text))),
                   Event(id="E1", type="CONSULT", source=None, target=None, evidence=Span(text, 0, len(text)))]
    tables = document_rows(adoc, "s", ingested_at=NOW)
    assert [r["local_id"] for r in tables["events"]] == ["E1", "E1~2"]
    stored = tables["documents"][0]["text"]
    assert len(stored) == len(text) and "\ufffd" in stored and "\ud800" not in stored
    assert "\ud800" not in tables["events"][0]["evidence_text"]
