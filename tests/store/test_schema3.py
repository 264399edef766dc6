"""Store schema 3: place precision, containment and inference, the document focus and
``actors.as_of`` are kept, shown, filtered on, and migrated into from schema 2."""

from __future__ import annotations

import copy
import json

import duckdb
import pytest

from eventscope.model import AnalyzedDocument, Document, DocumentFocus, Event, Location, Span
from eventscope.store import EventFilter, Store, StoreError
from eventscope.store.convert import adoc_from_stored
from eventscope.store.precision import precision_config, precision_levels
from eventscope.store.schema import SCHEMA_VERSION

# The columns schema 3 added to schema 2 (a schema-2 file is a schema-3 file without them).
ADDED_IN_3 = {
    "documents": ["focus_country", "focus_admin1", "focus_confidence", "focus_countries", "focus_evidence"],
    "actors": ["as_of"],
    "events": ["location_precision", "location_inferred", "location_within", "location_confidence", "follow_up_of"],
    "locations": ["precision", "within", "inferred"],
}


def _unknown_village() -> AnalyzedDocument:
    """A village the gazetteer does not know, put at its district's point (as the geo stage does)."""
    text = "Gunmen attacked Kalan Dara village of Shirin district, Balkh province, on Monday."
    start = text.index("Kalan Dara")
    village = Location(text="Kalan Dara", start=start, end=start + 10, name="Kalan Dara", country="AFG",
                       admin1="Balkh", lat=36.1, lon=66.9, geonameid=None, feature="city", confidence=0.5,
                       precision="admin2", within=["Shirin", "Balkh"])
    adoc = AnalyzedDocument(document=Document(text=text, id="village", date="2024-05-06"),
                            focus=DocumentFocus(country="AFG", admin1="Balkh", confidence=0.8,
                                                countries=[("AFG", 0.8)], evidence=["toponyms"]))
    adoc.locations = [village]
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("attacked", 7, 15), location=copy.copy(village), follow_up_of="E0")]
    return adoc


def _schema_2_store(path, adocs) -> None:
    """A store as schema 2 left it: the columns of schema 3 are missing, meta says 2."""
    with Store(path) as s:
        s.write(adocs)
        for table, names in ADDED_IN_3.items():
            for name in names:
                s.con.execute(f'ALTER TABLE {table} DROP COLUMN "{name}"')
        s.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def test_schema_3_is_current_and_the_precision_file_loads():
    assert SCHEMA_VERSION == 3
    assert precision_levels() == ("place", "admin2", "admin1", "region", "country")
    cfg = precision_config()
    assert set(cfg["gdelt_geo_type"]) <= set(precision_levels())
    assert set(cfg["feature_precision"].values()) <= set(precision_levels())


def test_the_legacy_feature_table_says_what_the_geo_stage_says():
    from eventscope.geo.geocode import precision_of

    for feature, level in precision_config()["feature_precision"].items():
        assert precision_of(feature) == level, feature
    assert precision_of("city") == "place"  # towns: "place" when a gazetteer entry (see the migration)


def test_new_fields_are_stored_and_come_back(tmp_path):
    adoc = _unknown_village()
    with Store(tmp_path / "s.duckdb") as store:
        store.write([adoc])
        event = store.event("village:E1")
        assert (event["location_precision"], event["location_inferred"]) == ("admin2", False)
        assert event["location_within"] == ["Shirin", "Balkh"] and event["location_confidence"] == 0.5
        assert event["follow_up_of"] == "E0"
        listed = store.events()["items"][0]
        assert listed["location_precision"] == "admin2" and listed["location_within"] == ["Shirin", "Balkh"]
        doc = store.document("village")
        assert doc["focus"] == {"country": "AFG", "admin1": "Balkh", "confidence": 0.8,
                                "countries": [{"country": "AFG", "weight": 0.8}], "evidence": ["toponyms"]}
        assert not any(k.startswith("focus_") for k in doc)
        assert doc["locations"][0]["precision"] == "admin2" and doc["locations"][0]["within"] == ["Shirin", "Balkh"]
        assert store.documents()["items"][0]["focus_country"] == "AFG"
        assert adoc_from_stored(doc).to_contract() == adoc.to_contract()


def test_a_document_without_focus_and_one_with_an_empty_focus_stay_apart(tmp_path):
    none = AnalyzedDocument(document=Document(text="Talks went on.", id="none"))
    empty = AnalyzedDocument(document=Document(text="Talks went on again.", id="empty"), focus=DocumentFocus())
    with Store(tmp_path / "s.duckdb") as store:
        store.write([none, empty])
        assert store.document("none")["focus"] is None
        assert store.document("empty")["focus"] == {"country": None, "admin1": None, "confidence": 0.0,
                                                    "countries": [], "evidence": []}
        assert adoc_from_stored(store.document("empty")).focus == DocumentFocus()


def test_precision_and_inferred_filters(store):
    def ids(**kw):
        return {e["event_id"] for e in store.events(limit=100, **kw)["items"]}

    located = ids(precision="place,admin2,admin1,region,country")
    assert ids(precision="place") | ids(precision="country") | ids(precision="region") == located
    assert "es-03:E2" in ids(precision="place") and "es-07:E3" in ids(precision="country")
    assert "es-03:E1" in ids(precision="REGION")  # the Red Sea; levels are case-blind
    assert ids(inferred=True) == {"es-01:E2"}
    assert ids(inferred="false") == located - {"es-01:E2"}  # events with no place match neither
    assert ids(precision="place", inferred=False) == ids(precision="place") - {"es-01:E2"}
    with pytest.raises(ValueError, match="E041 .*precision"):
        store.events(precision="street")
    with pytest.raises(ValueError, match="E041 .*inferred"):
        EventFilter(inferred="perhaps").where()


def test_places_say_how_exact_and_whether_inferred(store):
    by_name = {p["name"]: p for p in store.places(limit=100)}
    baghdad = by_name["Baghdad"]
    assert (baghdad["precision"], baghdad["n_inferred"], baghdad["inferred"]) == ("place", 1, False)
    assert by_name["Yemen"]["precision"] == "country" and by_name["Red Sea"]["precision"] == "region"
    only_inferred = store.places(inferred=True)
    assert [(p["name"], p["n_events"], p["inferred"]) for p in only_inferred] == [("Baghdad", 1, True)]


def test_opening_a_schema_2_store_for_writing_migrates_it_to_3(tmp_path, corpus_adocs):
    path = tmp_path / "v2.duckdb"
    _schema_2_store(path, [*corpus_adocs, _unknown_village()])
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"^E054 .*schema 2"):  # reading never migrates
        Store(path, read_only=True)
    assert path.read_bytes() == before

    store = Store(path)
    assert store.migrated_from == 2
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
    rows = {r[0]: r[1:] for r in store.con.execute(
        "SELECT event_id, location_precision, location_inferred, location_within, location_confidence "
        "FROM events").fetchall()}
    # Precision from the feature; an unknown village (a town with no gazetteer entry) stays unknown.
    assert rows["es-01:E1"][:2] == ("place", False)
    assert rows["es-07:E3"][0] == "country" and rows["es-03:E1"][0] == "region"
    assert rows["village:E1"][0] is None
    # Inferred: the place lies outside the event's own sentence (es-01:E2 is put at Baghdad from
    # the first sentence); events with no place stay unknown.
    assert rows["es-01:E2"][:2] == ("place", True)
    assert rows["es-02:E1"][:2] == (None, None)
    assert all(r[2] is None and r[3] is None for r in rows.values())  # never kept before 3
    places = store.con.execute("SELECT DISTINCT precision, inferred FROM locations ORDER BY ALL").fetchall()
    assert places == [("country", False), ("place", False), ("region", False), (None, False)]
    assert store.document("es-01")["focus"] is None
    assert adoc_from_stored(store.document("es-06")).actors[2].as_of is None
    # The migrated store takes new documents with every field, and reads them back.
    fresh = _unknown_village()
    fresh.document.id, fresh.document.text = "village-2", fresh.document.text + " "
    store.write([fresh])
    assert adoc_from_stored(store.document("village-2")).to_contract()["focus"]["country"] == "AFG"
    assert store.event("village-2:E1")["location_precision"] == "admin2"
    store.close()
    assert Store(path).migrated_from is None  # once only


def test_filters_on_a_migrated_store_leave_unknown_rows_out(tmp_path, corpus_adocs):
    path = tmp_path / "v2.duckdb"
    _schema_2_store(path, [_unknown_village()])
    with Store(path) as store:
        assert store.events(inferred=False)["total"] == 1  # its own sentence names the village
        assert store.events(precision="place")["total"] == 0  # how exact is not known


def test_migration_is_all_or_nothing(tmp_path, corpus_adocs, monkeypatch):
    from eventscope.store import schema

    path = tmp_path / "v2.duckdb"
    _schema_2_store(path, corpus_adocs[:2])

    def broken(con):
        schema._add_columns(con)
        raise duckdb.Error("disk full")

    monkeypatch.setitem(schema.MIGRATIONS, 3, broken)
    with pytest.raises(StoreError):
        Store(path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    assert "focus_country" not in {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'").fetchall()}
    con.close()


def test_export_command_filters_on_precision_and_inference(tmp_path, corpus_db):
    from typer.testing import CliRunner

    from eventscope.cli import app

    runner = CliRunner()
    out = tmp_path / "placed.jsonl"
    result = runner.invoke(app, ["export", str(out), "--db", str(corpus_db), "--precision", "place", "--stated"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(r["location_precision"] == "place" and r["location_inferred"] is False for r in rows)
    inferred = runner.invoke(app, ["export", str(out), "--db", str(corpus_db), "--inferred"])
    assert inferred.exit_code == 0 and [json.loads(x)["event_id"] for x in out.read_text().splitlines()] == ["es-01:E2"]
    bad = runner.invoke(app, ["export", str(out), "--db", str(corpus_db), "--precision", "street"])
    assert bad.exit_code == 2 and bad.stderr.startswith("E041")
