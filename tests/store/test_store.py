"""Store: idempotent writes, ids, round trips, near-duplicates (real DuckDB files in tmp_path)."""

from __future__ import annotations

import json

import duckdb
import pytest

from eventscope.model import AnalyzedDocument, Document
from eventscope.store import Store, StoreError


def test_write_counts_and_idempotent(tmp_path, corpus_adocs):
    store = Store(tmp_path / "s.duckdb")
    first = store.write(corpus_adocs)
    assert first["documents"] == 8 and first["skipped"] == 0
    assert first["events"] == sum(len(a.events) for a in corpus_adocs)
    counts = store.counts()
    again = store.write(corpus_adocs)
    assert again["documents"] == 0 and again["skipped"] == 8 and again["event_ids"] == []
    assert store.counts() == counts
    store.close()
    # Reopening the file (a second ingest run) still adds nothing.
    reopened = Store(tmp_path / "s.duckdb")
    assert reopened.write(corpus_adocs)["skipped"] == 8
    assert reopened.counts() == counts
    reopened.close()


def test_same_text_twice_in_one_batch_is_stored_once(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    a = AnalyzedDocument(document=Document(text="Same words.", id="x1"))
    b = AnalyzedDocument(document=Document(text="Same words.", id="x2"))
    res = store.write([a, b])
    assert res["documents"] == 1 and res["skipped"] == 1
    assert store.known_hashes([a.document.hash, "nope"]) == {a.document.hash}


def test_colliding_ids_get_a_hash_suffix(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.write([AnalyzedDocument(document=Document(text="First text.", id="doc-1"))])
    res = store.write([AnalyzedDocument(document=Document(text="Second text.", id="doc-1"))])
    (new_id,) = res["doc_ids"]
    assert new_id.startswith("doc-1~") and new_id != "doc-1"
    assert store.document(new_id)["text"] == "Second text."


def test_event_ids_are_stable_and_cameo_keeps_zeros(store, corpus_adocs):
    ev = store.event("es-01:E1")
    assert ev["cameo"] == "042" and isinstance(ev["cameo"], str)
    assert ev["doc_id"] == "es-01" and ev["local_id"] == "E1"
    raw = store.con.execute("SELECT cameo FROM events WHERE event_id = 'es-08:E1'").fetchone()[0]
    assert raw == "036"


def test_event_provenance_slices_the_stored_text(store):
    ev = store.event("es-03:E2")
    prov = ev["provenance"]
    assert prov["doc_id"] == "es-03" and prov["sentence"] == 1
    assert prov["evidence"]["text"].startswith("On Monday, U.S. warplanes struck")
    assert prov["trigger"]["text"] == "struck"
    assert prov["source"]["text"] == "U.S. warplanes"
    assert prov["location"]["text"] == "Hodeidah"
    assert store.event("es-03:E99") is None


def test_actor_merged_across_documents(store):
    actors = store.actors(limit=100)["items"]
    sudani = [a for a in actors if a["name"] == "Mohammed Shia al-Sudani"]
    assert len(sudani) == 1
    assert sudani[0]["n_docs"] == 3 and sudani[0]["as_target"] == 3
    detail = store.actor(sudani[0]["actor_id"])
    assert {d["doc_id"] for d in detail["documents"]} == {"es-01", "es-02", "es-05"}
    assert {n["name"] for n in detail["names"]} >= {"al-Sudani", "Mohammed Shia al-Sudani"}
    assert store.actor("ac-doesnotexist") is None


def test_document_view_has_everything(store):
    doc = store.document("es-05")
    assert doc["title"] == "Quds Force commander visits Baghdad"
    assert doc["brief"]["key_points"] and doc["brief"]["summary"].startswith("Quds Force")
    assert [a["local_id"] for a in doc["actors"]][:2] == ["A1", "A2"]
    qaani = doc["actors"][0]
    assert qaani["name"] == "Esmail Qaani" and {m["text"] for m in qaani["mentions"]} == {"Esmail Qaani", "Qaani"}
    for m in qaani["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert [e["event_id"] for e in doc["events"]] == ["es-05:E1", "es-05:E2", "es-05:E3"]
    assert doc["quotes"][0]["speaker_local"] == "A1"
    assert {loc["name"] for loc in doc["locations"]} == {"Baghdad", "Washington"}
    assert store.document("missing") is None


def test_events_filters_and_stable_pagination(store):
    everything = store.events(limit=1000)
    assert everything["total"] == 21
    ids = [e["event_id"] for e in everything["items"]]
    paged = []
    for offset in range(0, 21, 4):
        paged += [e["event_id"] for e in store.events(limit=4, offset=offset)["items"]]
    assert paged == ids and len(set(paged)) == 21
    assert store.events(limit=1000)["items"] == everything["items"]  # same order every time
    days = [e["day"] for e in everything["items"]]
    assert days == sorted(days, reverse=True)

    assault = store.events(type="ASSAULT")
    assert assault["total"] == 5 and {e["type"] for e in assault["items"]} == {"ASSAULT"}
    yem = store.events(country="YEM")
    assert {e["event_id"] for e in yem["items"]} >= {"es-03:E2", "es-07:E1"}
    window = store.events(date_from="2025-03-17", date_to="2025-03-20")
    assert all("2025-03-17" <= e["day"] <= "2025-03-20" for e in window["items"]) and window["total"] > 0
    assert store.events(modality="negated")["total"] == 1
    assert store.events(doc="es-04")["total"] == 3
    assert store.events(q="warplanes")["total"] == 2
    houthis = next(a for a in store.actors(limit=100)["items"] if a["name"] == "Houthis")
    assert store.events(actor=houthis["actor_id"])["total"] == 5
    assert store.events(target=houthis["actor_id"])["total"] == 2


def test_filter_values_stay_data(store):
    # A value that looks like SQL is just a value that matches nothing.
    assert store.events(country="IRQ') OR 1=1 --")["total"] == 0
    assert store.events(q="%' OR '1'='1")["total"] == 0
    assert store.counts()["events"] == 21
    with pytest.raises(TypeError):
        store.events(colour="red")
    with pytest.raises(ValueError):
        store.events(date_from="not-a-date")


def test_places_and_documents(store):
    places = store.places()
    by_name = {p["name"]: p for p in places}
    assert by_name["Baghdad"]["n_events"] == 3 and by_name["Baghdad"]["country"] == "IRQ"
    assert places[0]["n_events"] >= places[-1]["n_events"]
    docs = store.documents(limit=3)
    assert docs["total"] == 8 and [d["doc_id"] for d in docs["items"]] == ["es-08", "es-07", "es-06"]
    assert "text" not in docs["items"][0]


def test_dump_and_import_round_trip(tmp_path, store):
    dump = tmp_path / "dump.jsonl"
    assert store.dump_jsonl(dump) == 8
    other = Store(tmp_path / "other.duckdb")
    res = other.import_jsonl(dump)
    assert res["documents"] == 8 and res["errors"] == []
    assert other.counts() == store.counts()
    cols = "event_id, type, mode, cameo, quad_class, goldstein, source_actor, target_actor, day, evidence_start, lat"
    q = f"SELECT {cols} FROM events ORDER BY event_id"
    assert other.con.execute(q).fetchall() == store.con.execute(q).fetchall()
    # Importing again adds nothing.
    assert other.import_jsonl(dump)["skipped"] == 8


def test_import_reports_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    good = {"id": "g1", "text": "A short text.", "events": [], "actors": []}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n")
    store = Store(tmp_path / "s.duckdb")
    res = store.import_jsonl(path)
    assert res["documents"] == 1
    assert len(res["errors"]) == 2 and all(e.startswith("E049") for e in res["errors"])
    assert ":2:" in res["errors"][0] and ":3:" in res["errors"][1]


def test_read_only_store(tmp_path, corpus_adocs):
    path = tmp_path / "ro.duckdb"
    with Store(path) as rw:
        rw.write(corpus_adocs[:2])
    ro = Store(path, read_only=True)
    assert ro.counts()["documents"] == 2
    with pytest.raises(StoreError):
        ro.write(corpus_adocs)
    ro.close()


def test_script_text_is_stored_verbatim(tmp_path):
    text = 'Officials met. <script>alert("x")</script> & more.'
    store = Store(tmp_path / "s.duckdb")
    (doc_id,) = store.write([AnalyzedDocument(document=Document(text=text, title="<b>t</b>"))])["doc_ids"]
    doc = store.document(doc_id)
    assert doc["text"] == text and doc["title"] == "<b>t</b>"


def test_near_duplicates(tmp_path, corpus_adocs):
    store = Store(tmp_path / "s.duckdb")
    store.write(corpus_adocs)
    sig = store.con.execute("SELECT minhash FROM documents WHERE doc_id = 'es-03'").fetchone()[0]
    assert sig is not None and len(sig) > 0
    text = corpus_adocs[2].document.text
    assert store.near_duplicate_of(text) == "es-03"  # exact copy
    assert store.near_duplicate_of(text.replace("On Monday, ", "On Monday ")) == "es-03"
    assert store.near_duplicate_of("A different article about fishing quotas in the Baltic Sea.") is None
    # The index is rebuilt from the persisted signatures by a new Store on the same file.
    store.close()
    again = Store(tmp_path / "s.duckdb", read_only=True)
    assert again.near_duplicate_of(text + " Updated at noon.") == "es-03"
    again.close()


def test_duplicates_argument_is_recorded(tmp_path, corpus_adocs):
    store = Store(tmp_path / "s.duckdb")
    store.write(corpus_adocs[:1])
    copy = AnalyzedDocument(document=Document(text=corpus_adocs[0].document.text + " (updated)", id="copy"))
    store.write([copy], duplicates={"copy": "es-01"})
    assert store.document("copy")["duplicate_of"] == "es-01"


def test_schema_version_recorded(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
    store.close()
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "actors", "mentions", "events", "locations", "quotes", "dates"} <= tables
    con.close()


def test_day_falls_back_to_publication_then_ingestion(tmp_path, corpus_adocs):
    import copy
    import datetime as dt

    store = Store(tmp_path / "s.duckdb")
    undated = copy.deepcopy(corpus_adocs[3])  # es-04: E1 dated, E2/E3 not
    undated.document.date = None
    undated.document.id = "undated"
    undated.document.text += " "  # a new hash
    store.write([corpus_adocs[3], undated])
    rows = dict(store.con.execute(
        "SELECT event_id, day_source FROM events WHERE local_id = 'E2'").fetchall())
    assert rows == {"es-04:E2": "publication", "undated:E2": "ingested"}
    day = store.con.execute("SELECT day FROM events WHERE event_id = 'undated:E2'").fetchone()[0]
    assert day == dt.datetime.now(dt.timezone.utc).date()
    assert store.event("undated:E1")["day_source"] == "event"


def _schema_1_store(path, adocs):
    """A store as schema 1 left it: no ``events.day_source``, meta says 1. RETURNS the day
    sources schema 2 gives those events."""
    with Store(path) as s:
        s.write(adocs)
        sources = dict(s.con.execute("SELECT event_id, day_source FROM events").fetchall())
        s.con.execute("ALTER TABLE events DROP COLUMN day_source")
        s.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    return sources


def test_opening_for_writing_migrates_an_older_store(tmp_path, corpus_adocs):
    import copy

    undated = copy.deepcopy(corpus_adocs[3])  # E2/E3 undated: their day comes from elsewhere
    undated.document.date, undated.document.id, undated.document.text = None, "undated", undated.document.text + " "
    path = tmp_path / "old.duckdb"
    sources = _schema_1_store(path, [*corpus_adocs[:4], undated])
    assert set(sources.values()) == {"event", "publication", "ingested"}
    store = Store(path)
    assert store.migrated_from == 1
    assert dict(store.con.execute("SELECT event_id, day_source FROM events").fetchall()) == sources
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
    store.close()
    assert Store(path).migrated_from is None  # once only
def test_loose_numeric_values_are_coerced(tmp_path, corpus_adocs):
    import copy

    adoc = copy.deepcopy(corpus_adocs[2])
    adoc.document.id = "loose"
    adoc.document.text += " "
    ev = adoc.events[1]
    ev.location.geonameid = "79415"  # a stage wrote a string
    ev.quad_class = 4.0
    ev.goldstein = "-10"
    ev.location.lat = float("nan")
    store = Store(tmp_path / "s.duckdb")
    assert store.write([adoc])["events"] == 3
    row = store.event("loose:E2")
    assert row["geonameid"] == 79415 and row["quad_class"] == 4 and row["goldstein"] == -10.0 and row["lat"] is None


def test_read_only_open_of_an_older_store_asks_for_a_migration_and_changes_nothing(tmp_path, corpus_adocs):
    path = tmp_path / "old.duckdb"
    _schema_1_store(path, corpus_adocs[:1])
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"^E054 .*schema 1.*eventscope migrate"):
        Store(path, read_only=True)
    assert path.read_bytes() == before


def test_story_merging_failure_does_not_lose_documents(tmp_path, corpus_adocs, monkeypatch):
    from eventscope.store import stories as story_tables

    def broken(con, event_ids):
        con.execute("CREATE TABLE IF NOT EXISTS half_done (x INTEGER)")
        raise RuntimeError("merge bug")

    monkeypatch.setattr(story_tables, "update_story_events", broken)
    store = Store(tmp_path / "s.duckdb")
    res = store.write(corpus_adocs[:2])
    assert res["documents"] == 2 and res["events"] == 5
    assert res["warnings"] and "merge bug" in res["warnings"][0]
    assert store.counts()["events"] == 5
    tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables  # the failed attempt was rolled back as a whole


def test_story_merging_runs_in_the_write(tmp_path, corpus_adocs):
    store = Store(tmp_path / "s.duckdb")
    res = store.write(corpus_adocs)
    assert res["warnings"] == []
    members = store.con.execute("SELECT count(*) FROM story_event_members").fetchone()[0]
    assert 0 < members <= res["events"]


def test_repeated_local_ids_do_not_break_the_write(tmp_path, corpus_adocs):
    import copy

    adoc = copy.deepcopy(corpus_adocs[0])
    adoc.document.id = "dupe-ids"
    adoc.document.text += " "
    adoc.events[1].id = adoc.events[0].id  # two "E1"
    adoc.actors[1].id = adoc.actors[0].id  # two "A1"
    store = Store(tmp_path / "s.duckdb")
    res = store.write([adoc])
    assert res["events"] == 3 and res["event_ids"] == ["dupe-ids:E1", "dupe-ids:E1~2", "dupe-ids:E3"]
    assert sorted(a["local_id"] for a in store.document("dupe-ids")["actors"]) == ["A1", "A1~2", "A3", "A4"]


def test_lone_surrogates_are_stored_with_offsets_kept(tmp_path):
    text = "Officials met \ud800 in Baghdad."
    adoc = AnalyzedDocument(document=Document(text=text, id="sur"))
    store = Store(tmp_path / "s.duckdb")
    assert store.write([adoc])["documents"] == 1
    stored = store.document("sur")["text"]
    assert len(stored) == len(text) and stored.index("Baghdad") == text.index("Baghdad")
    assert store.write([adoc])["skipped"] == 1  # the hash of the original text still matches


def _walk(store, sort, on_page=None):
    seen, cursor = [], None
    while True:
        page = store.events(limit=4, sort=sort, cursor=cursor)
        seen += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
        if on_page:
            on_page(len(seen))


@pytest.mark.parametrize("sort", ["-day", "day"])
def test_cursor_pagination_matches_offsets_and_survives_inserts(tmp_path, corpus_adocs, sort):
    import copy

    store = Store(tmp_path / "s.duckdb")
    store.write(corpus_adocs)
    undated = copy.deepcopy(corpus_adocs[1])
    undated.document.id = "undated"
    undated.document.text += " "
    store.write([undated])
    store.con.execute("UPDATE events SET day = NULL WHERE doc_id = 'undated'")  # no day: sorted last
    everything = [e["event_id"] for e in store.events(limit=1000, sort=sort)["items"]]
    assert len(everything) == 23 and everything[-1].startswith("undated:")
    assert _walk(store, sort) == everything  # cursor pages = the offset order

    def add_late_document(n_seen):
        if n_seen == 8:  # a new document arrives between two page requests
            extra = copy.deepcopy(corpus_adocs[0])
            extra.document.id, extra.document.text = "late", extra.document.text + "  "
            store.write([extra])

    seen = _walk(store, sort, add_late_document)
    assert len(seen) == len(set(seen))  # no event twice
    assert set(everything) <= set(seen)  # none skipped
    with pytest.raises(ValueError):
        store.events(cursor="not-a-cursor")
    first = store.events(limit=1, sort="-day")["next_cursor"]
    with pytest.raises(ValueError):
        store.events(cursor=first, sort="day")
