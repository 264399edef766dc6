"""Exports: every format from a real store; CAMEO zeros kept; ids stable; round trips."""

from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from eventscope.model import AnalyzedDocument, Document, Event, Location, Span
from eventscope.registry import EXPORTERS
from eventscope.store import Store
from eventscope.store.exports import acled_config, acled_type, gdelt_columns, stable_int_id

FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt", "acled")


def test_data_files_load():
    cols = gdelt_columns()
    assert len(cols) == 61 and cols[0] == "GLOBALEVENTID" and cols[-1] == "SOURCEURL"
    cfg = acled_config()
    assert cfg["rules"] and "asserted" in cfg["modalities"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_registered_and_writes(tmp_path, store, fmt):
    out = tmp_path / f"out.{fmt}"
    n = store.export(fmt, out)
    assert fmt in EXPORTERS
    assert out.exists() and out.stat().st_size > 0
    assert n > 0


def test_unknown_format_is_a_value_error(tmp_path, store):
    with pytest.raises(ValueError, match="E030"):
        store.export("xml", tmp_path / "x.xml")


def test_parquet_round_trip(tmp_path, store):
    out = tmp_path / "events.parquet"
    assert store.export("parquet", out) == 21
    table = pq.read_table(out)
    assert table.schema.field("cameo").type == "string"
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows["es-01:E1"]["cameo"] == "042"
    # Loading the file back into DuckDB gives the same event rows as the store.
    con = duckdb.connect()
    cols = "event_id, type, cameo, quad_class, goldstein, source_actor, target_actor, lat, lon, day, evidence_text"
    loaded = con.execute(f"SELECT {cols} FROM read_parquet(?) ORDER BY event_id", [str(out)]).fetchall()
    stored = store.con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall()
    assert loaded == stored


def test_jsonl_round_trip_and_filters(tmp_path, store):
    out = tmp_path / "events.jsonl"
    n = store.export("jsonl", out, type="ASSAULT")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(lines) == 5 and {r["type"] for r in lines} == {"ASSAULT"}
    assert all(isinstance(r["context"], list) for r in lines)
    full = tmp_path / "all.jsonl"
    store.export("jsonl", full)
    first = [json.loads(line)["event_id"] for line in full.read_text().splitlines()]
    store.export("jsonl", full)
    assert [json.loads(line)["event_id"] for line in full.read_text().splitlines()] == first  # stable


def test_csv_keeps_cameo_as_text(tmp_path, store):
    out = tmp_path / "events.csv"
    store.export("csv", out)
    text = out.read_text()
    assert '"042"' in text
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 21
    by_id = {r["event_id"]: r for r in rows}
    assert by_id["es-08:E1"]["cameo"] == "036"
    assert json.loads(by_id["es-01:E1"]["context"]) == ["diplomatic"]
    # DuckDB reading the file with its header keeps the column as text.
    con = duckdb.connect()
    got = con.execute("SELECT cameo FROM read_csv(?, all_varchar=true) WHERE event_id = 'es-01:E1'", [str(out)]).fetchone()
    assert got == ("042",)


def test_plover_records(tmp_path, store):
    out = tmp_path / "events.plover.jsonl"
    store.export("plover", out)
    recs = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    r = recs["es-03:E2"]
    assert r["event"] == ["ASSAULT"] and r["mode"] == ["aerial"] and r["quad_code"] == 4
    assert r["actor"][0]["code"] == "USA" and r["actor"][0]["sector"] == "MIL"
    assert r["recipient"][0]["identifier_text"] == "Houthis"
    assert r["event_loc"]["resolved_place"] == "Hodeidah" and r["event_loc"]["country_code"] == "YEM"
    assert r["date"] == "2025-03-10" and r["cameo"] == "195"
    assert r["text_info"]["sequence"] == 1 and r["cite_info"]["url"] == "https://example.org/news/es-03"
    assert recs["es-03:E1"]["recipient"] == []


def test_gdelt_columns_and_values(tmp_path, store):
    out = tmp_path / "events.tsv"
    n = store.export("gdelt", out)
    lines = out.read_text().splitlines()
    assert n == len(lines) == 21
    cols = gdelt_columns()
    rows = [dict(zip(cols, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    r = next(x for x in rows if x["GLOBALEVENTID"] == str(stable_int_id("es-01:E1")))
    assert r["EventCode"] == "042" and r["EventBaseCode"] == "042" and r["EventRootCode"] == "04"
    assert r["SQLDATE"] == "20250302" and r["MonthYear"] == "202503" and r["Year"] == "2025"
    assert r["Actor1Code"] == "IRNGOV" and r["Actor1CountryCode"] == "IRN" and r["Actor2CountryCode"] == "IRQ"
    assert r["ActionGeo_CountryCode"] == "IZ"  # GDELT geography uses FIPS codes
    assert r["ActionGeo_Type"] == "4" and r["ActionGeo_FeatureID"] == "98182"
    assert r["SOURCEURL"] == "https://example.org/news/es-01"
    assert len(r["DATEADDED"]) == 14
    assert len({x["GLOBALEVENTID"] for x in rows}) == 21


def test_acled_mapping(tmp_path, store):
    out = tmp_path / "events.acled.csv"
    n = store.export("acled", out)
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows)
    for col in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "latitude", "longitude", "notes", "source"):
        assert col in rows[0]
    by_id = {r["event_id_cnty"]: r for r in rows}
    assert by_id["es-03:E2"]["event_type"] == "Explosions/Remote violence"
    assert by_id["es-03:E2"]["sub_event_type"] == "Air/drone strike"
    assert by_id["es-06:E1"]["country"] == "Ukraine" and by_id["es-06:E1"]["location"] == "Kyiv"
    assert by_id["es-08:E1"]["event_type"] == "Strategic developments"  # AGREE, reported
    # Statements and events that did not happen are not ACLED events.
    assert "es-04:E2" not in by_id  # ACCUSE
    assert "es-07:E3" not in by_id  # negated MOBILIZE
    assert "es-08:E2" not in by_id  # intended CONSULT


def test_acled_type_rules():
    assert acled_type("PROTEST", "riot", None) == ("Riots", "Violent demonstration")
    assert acled_type("ASSAULT", "firearms", "CVL") == ("Violence against civilians", "Attack")
    assert acled_type("ASSAULT", "firearms", "MIL") == ("Battles", "Armed clash")
    assert acled_type("COERCE", "arrest", "OPP") == ("Strategic developments", "Arrests")
    assert acled_type("CONSULT", "visit", None) is None


def test_export_to_missing_directory(tmp_path, store):
    out = tmp_path / "deep" / "er" / "events.jsonl"
    assert store.export("jsonl", out) == 21


def test_empty_store_exports_nothing(tmp_path):
    store = Store(tmp_path / "empty.duckdb")
    for fmt in FORMATS:
        assert store.export(fmt, tmp_path / f"e.{fmt}") == 0


# -- place precision and inference (schema 3) -------------------------------------------


def _place_row(**kw):
    """An event row's place columns (the rest of an export row is not read by these helpers)."""
    row = {"location_feature": "city", "location_name": None, "location_text": None, "location_precision": None,
           "location_within": "[]", "admin1": None, "country": None}
    row.update(kw)
    return row


def test_acled_geo_precision_follows_the_codebook():
    from eventscope.store.exports import acled_geo_precision

    assert [acled_geo_precision(p, False) for p in ("place", "admin2", "admin1", "region", "country")] == [1, 2, 3, 3, 3]
    assert acled_geo_precision("place", True) == 3  # the dateline's town is not where the event was
    assert acled_geo_precision(None, False) is None and acled_geo_precision("street", False) is None


def test_acled_admin2_only_where_the_place_says_it():
    from eventscope.store.exports import admin2_of

    chain = _place_row(location_name="Kalan Dara", location_precision="admin2", admin1="Balkh", country="AFG",
                       location_within='["Shirin", "Balkh"]')
    assert admin2_of(chain) == "Shirin"  # "X village of Y district, Z province"
    assert admin2_of({**chain, "location_precision": "place"}) == "Shirin"  # a known village, same chain
    assert admin2_of({**chain, "location_within": '["Shirin"]'}) == "Shirin"  # put at its district
    assert admin2_of({**chain, "location_within": '["Shirin"]', "location_precision": "place"}) is None
    assert admin2_of({**chain, "location_within": '["Balkh"]', "location_precision": "place"}) is None  # province only
    assert admin2_of({**chain, "location_within": '["Balkh", "Afghanistan"]'}) is None
    assert admin2_of({**chain, "location_within": '["Mazar", "Afghanistan"]', "location_precision": "admin1"}) is None
    assert admin2_of(_place_row(location_feature="admin2", location_name="Shirin", location_precision="admin2")) == "Shirin"
    assert admin2_of(_place_row(location_name="Kyiv", location_precision="place")) is None


def test_gdelt_geo_type_from_precision_where_it_maps():
    from eventscope.store.exports import _geo_type

    assert _geo_type("AFG", "city", "place") == 4 and _geo_type("USA", "city", "place") == 3
    assert _geo_type("AFG", "city", "admin2") == 5  # a village known to its district: never a city
    assert _geo_type("USA", "city", "admin2") == 2
    assert _geo_type("AFG", "admin1", "admin1") == 5 and _geo_type("AFG", "country", "country") == 1
    assert _geo_type("AFG", "city", None) == 4  # rows without a precision: by feature, as before
    assert _geo_type("PSE", "region", "region") == _geo_type("PSE", "region", None)  # no GDELT level


def test_exports_carry_precision_and_inference(tmp_path, store):
    plover = tmp_path / "p.jsonl"
    store.export("plover", plover)
    recs = {r["id"]: r for r in map(json.loads, plover.read_text().splitlines())}
    loc = recs["es-03:E2"]["event_loc"]
    assert (loc["precision"], loc["inferred"], loc["within"], loc["resolution"]) == ("place", False, ["Yemen"], 4)
    assert recs["es-01:E2"]["event_loc"]["inferred"] is True
    assert recs["es-07:E3"]["event_loc"]["resolution"] == 1
    acled = tmp_path / "a.csv"
    store.export("acled", acled)
    with open(acled, newline="") as fh:
        rows = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    assert rows["es-06:E1"]["geo_precision"] == "1" and rows["es-06:E1"]["location_inferred"] == "false"
    assert rows["es-01:E2"]["geo_precision"] == "3" and rows["es-01:E2"]["location_inferred"] == "true"
    assert rows["es-03:E2"]["admin2"] == "" and rows["es-03:E2"]["admin1"] == "Al Hudaydah"
    gdelt = tmp_path / "g.tsv"
    store.export("gdelt", gdelt)
    by_id = {line.split("\t")[0]: dict(zip(gdelt_columns(), line.split("\t"))) for line in gdelt.read_text().splitlines()}
    assert by_id[str(stable_int_id("es-07:E3"))]["ActionGeo_Type"] == "1"
    table = pq.read_table(store_export(store, "parquet", tmp_path))
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows["es-01:E2"]["location_inferred"] is True and rows["es-01:E2"]["location_precision"] == "place"
    assert json.loads(rows["es-03:E2"]["location_within"]) == ["Yemen"]
    with open(store_export(store, "csv", tmp_path), newline="") as fh:
        rows = {r["event_id"]: r for r in csv.DictReader(fh)}
    assert rows["es-01:E2"]["location_inferred"] == "true" and rows["es-07:E3"]["location_precision"] == "country"
    lines = [json.loads(line) for line in open(store_export(store, "jsonl", tmp_path))]
    assert next(r for r in lines if r["event_id"] == "es-03:E2")["location_within"] == ["Yemen"]
    assert store.export("jsonl", tmp_path / "placed.jsonl", precision="place", inferred=False) == len(
        [r for r in lines if r["location_precision"] == "place" and r["location_inferred"] is False])


def test_acled_admin2_and_precision_from_a_stored_chain(tmp_path):
    text = "Gunmen attacked Kalan Dara village of Shirin district, Balkh province, on Monday."
    at = text.index("Kalan Dara")
    village = Location(text="Kalan Dara", start=at, end=at + 10, name="Kalan Dara", country="AFG", admin1="Balkh",
                       lat=36.1, lon=66.9, feature="city", precision="admin2", within=["Shirin", "Balkh"])
    adoc = AnalyzedDocument(document=Document(text=text, id="v", date="2024-05-06"))
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         location=village)]
    with Store(tmp_path / "s.duckdb") as store:
        store.write([adoc])
        out = tmp_path / "a.csv"
        assert store.export("acled", out) == 1
    with open(out, newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["location"], row["admin2"], row["admin1"], row["geo_precision"]) == ("Kalan Dara", "Shirin", "Balkh", "2")


def store_export(store, fmt, tmp_path):
    out = tmp_path / f"events-all.{fmt}"
    store.export(fmt, out)
    return out
