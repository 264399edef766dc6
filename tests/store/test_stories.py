"""Story tables in a real store: incremental merging inside writes, listing, the read-only side."""

from __future__ import annotations

import datetime as dt

import pytest
from merge_rows import KHARKIV, KHARKIV_CENTRE, ODESA, row  # tests/fixtures/stories, on sys.path via conftest

from eventscope.model import ActorRef, AnalyzedDocument, Document, Event, Location, Span
from eventscope.store import Store, StoreError
from eventscope.store import stories as story_tables
from eventscope.stories.merge import load_config


def _event_rows(rows):
    """Merge rows → ``events`` rows (the table has ``seq`` and a DATE column; no ``doc_date``)."""
    out = []
    for r in rows:
        r = {k: v for k, v in r.items() if k != "doc_date"}
        r["seq"] = 0
        r["date"] = dt.date.fromisoformat(r["date"]) if r["date"] else None
        out.append(r)
    return out


def _documents(store, dates, duplicate_of=None):
    """Bare ``documents`` rows: doc id → publication date."""
    now = dt.datetime(2024, 7, 1)
    store.insert_rows("documents", [
        {"doc_id": d, "hash": f"h-{d}", "text": d, "date": day, "pub_date": dt.date.fromisoformat(day),
         "duplicate_of": (duplicate_of or {}).get(d), "ingested_at": now}
        for d, day in dates.items()
    ])


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "stories.duckdb")
    yield s
    s.close()


def test_merging_is_incremental_and_idempotent(store):
    store.insert_rows("events", _event_rows([row("a", "d1"), row("b", "d2", place=ODESA)]))
    assert store.update_stories(["a", "b"]) == 2
    later = [row("c", "d3", date="2024-06-04", src=("RUS", None, "Russia")), row("e", "d4", tgt=None)]
    store.insert_rows("events", _event_rows(later))
    assert store.update_stories(["c", "e"]) == 2
    assert store.update_stories(["a", "b", "c", "e"]) == 0  # already placed
    stories = store.stories(min_documents=1)
    assert [(s["n_events"], s["n_documents"]) for s in stories] == [(3, 3), (1, 1)]
    top = stories[0]
    assert top["type"] == "ASSAULT" and round(top["lat"], 2) == 49.99 and str(top["date"]) == "2024-06-03"
    assert len(store.story_memberships()) == 4
    assert [s["story_id"] for s in store.stories(min_documents=2)] == [top["story_id"]]
    assert [m["event_id"] for m in store.story_members(top["story_id"])] == ["a", "c", "e"]


def test_undated_events_match_by_publication_day(store):
    _documents(store, {"d1": "2024-06-03", "d2": "2024-06-04"})
    store.insert_rows("events", _event_rows([row("a", "d1", date=None, place=None),
                                             row("b", "d2", date=None, place=None)]))
    assert store.update_stories(["a"]) == 1
    assert store.update_stories(["b"]) == 1
    assert [(s["n_events"], s["n_documents"]) for s in store.stories()] == [(2, 2)]


def test_follow_up_joins_the_stored_act(store):
    store.insert_rows("events", _event_rows([row("a", "d1", date="2024-06-03")]))
    store.update_stories(["a"])
    store.insert_rows("events", _event_rows([row("b", "d2", date="2024-06-09", follow_up=True)]))
    assert store.update_stories(["b"]) == 1
    (story,) = store.stories()
    assert (story["n_events"], story["n_documents"], str(story["date"])) == (2, 2, "2024-06-03")


def test_events_of_near_duplicate_documents_join_no_story(store):
    _documents(store, {"d1": "2024-06-04", "d2": "2024-06-04"}, duplicate_of={"d2": "d1"})
    store.insert_rows("events", _event_rows([row("a", "d1"), row("b", "d2")]))
    assert store.update_stories(["a", "b"]) == 1
    assert [s["n_documents"] for s in store.stories()] == [1]


def test_nearby_members_reads_only_the_windows_of_the_new_events(store):
    stored = [row("near", "d1", date="2024-06-04"), row("month-later", "d2", date="2024-07-04"),
              row("other-type", "d3", type="PROTEST")]
    store.insert_rows("events", _event_rows(stored))
    store.update_stories([r["event_id"] for r in stored])
    with store.cursor() as cur:
        found = story_tables.nearby_members(cur, [row("new", "d9", date="2024-06-03")], load_config())
    assert [r["event_id"] for r in found] == ["near"]
    assert found[0]["story_id"] and "doc_date" in found[0]


def _report(doc_id, date, place, when, src_name="Russian forces"):
    """A coded document as the pipeline would leave it: one strike on a place."""
    lat, lon, admin1, name = place
    text = f"{src_name} struck {name}. ({doc_id})"
    adoc = AnalyzedDocument(document=Document(text=text, id=doc_id, date=date))
    adoc.events = [Event(
        id="E1", type="ASSAULT", evidence=Span(text, 0, len(text)),
        source=ActorRef(actor="A1", text=src_name, name=src_name, country="RUS", sector="MIL"),
        target=ActorRef(actor="A2", text="Ukraine", name="Ukraine", country="UKR", sector=None),
        location=Location(text=name, start=0, end=0, name=name, country="UKR", admin1=admin1, lat=lat, lon=lon),
        date=when, date_precision="day",
    )]
    return adoc


def test_writes_merge_three_reports_and_keep_another_city_apart(store):
    reports = [
        _report("a", "2024-06-04", KHARKIV, "2024-06-03"),
        _report("b", "2024-06-03", KHARKIV_CENTRE, "2024-06-03", "Russian army"),
        _report("c", "2024-06-04", KHARKIV, "2024-06-04"),
        _report("d", "2024-06-04", ODESA, "2024-06-03"),
    ]
    for adoc in reports:  # one by one, as `eventscope ingest` does
        assert not store.write([adoc])["warnings"]
    assert [(s["n_events"], s["n_documents"], round(s["lat"])) for s in store.stories()] == [(3, 3, 50.0), (1, 1, 46.0)]


def test_dates_at_the_ends_of_the_calendar_do_not_stop_merging(store):
    """A feed's placeholder date (0001-01-01) once raised OverflowError one day before it."""
    edge = [_report("first", "0001-01-01", KHARKIV, "0001-01-01"), _report("last", "9999-12-31", ODESA, "9999-12-31"),
            _report("undated", "0001-01-01", KHARKIV, None)]
    result = store.write(edge)
    assert result["warnings"] == [] and result["events"] == 3
    assert len(store.story_memberships()) == 3


def test_listing_works_read_only_and_before_any_story(tmp_path):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    ro = Store(path, read_only=True)
    assert ro.stories() == [] and ro.story_members("S1") == [] and ro.story_memberships() == []
    with pytest.raises(StoreError):
        ro.update_stories(["x"])
    ro.close()


def test_a_file_from_before_the_story_tables_reads_as_no_stories(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.con.execute("DROP TABLE story_event_members")
        s.con.execute("DROP TABLE story_events")
    ro = Store(path, read_only=True)
    assert not ro.has_stories and ro.stories() == [] and ro.events(one_per_story=True)["total"] == 0
    ro.close()
    with Store(path) as rw:  # opening for writing adds them
        assert rw.has_stories
