"""Read endpoints of the real app over a real DuckDB file."""

from __future__ import annotations

import pytest


def test_events_list_and_stable_pagination(client):
    full = client.get("/api/events", params={"limit": 1000}).json()
    assert full["total"] == 21 and len(full["items"]) == 21
    ids = [e["event_id"] for e in full["items"]]
    pages = []
    for offset in range(0, 21, 5):
        r = client.get("/api/events", params={"limit": 5, "offset": offset})
        assert r.status_code == 200
        pages += [e["event_id"] for e in r.json()["items"]]
    assert pages == ids and len(set(pages)) == 21
    again = client.get("/api/events", params={"limit": 1000}).json()
    assert [e["event_id"] for e in again["items"]] == ids
    asc = client.get("/api/events", params={"limit": 1000, "sort": "day"}).json()
    assert [e["day"] for e in asc["items"]] == sorted(e["day"] for e in asc["items"])


def test_event_filters(client):
    get = lambda **p: client.get("/api/events", params=p).json()  # noqa: E731
    assert get(type="ASSAULT")["total"] == 5
    assert get(type="ASSAULT,THREATEN")["total"] == 8
    assert get(modality="negated")["total"] == 1
    assert get(country="YEM", quad_class="4")["total"] == 4  # 3 strikes + the negated deployment
    assert get(date_from="2025-03-20", date_to="2025-03-27")["total"] == 8
    assert get(doc="es-04")["total"] == 3
    assert get(q="airstrikes")["total"] == 1
    houthis = next(a for a in client.get("/api/actors", params={"limit": 100}).json()["items"] if a["name"] == "Houthis")
    assert get(actor=houthis["actor_id"])["total"] == 5


@pytest.mark.parametrize("params,status", [
    ({"quad_class": "four"}, 400),
    ({"date_from": "yesterday"}, 422),
    ({"limit": 0}, 422),
    ({"limit": 5000}, 422),
    ({"sort": "random()"}, 400),
])
def test_bad_parameters(client, params, status):
    assert client.get("/api/events", params=params).status_code == status


def test_sql_looking_values_are_data(client):
    r = client.get("/api/events", params={"country": "IRQ' OR '1'='1", "q": "'; DROP TABLE events; --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/stats").json()["counts"]["events"] == 21


def test_event_detail_with_provenance(client):
    r = client.get("/api/events/es-06:E1")
    assert r.status_code == 200
    ev = r.json()
    assert ev["cameo"] == "195" and ev["type"] == "ASSAULT" and ev["mode"] == "drone"
    prov = ev["provenance"]
    assert prov["doc_id"] == "es-06" and prov["sentence"] == 0
    assert prov["evidence"]["start"] == 0 and prov["evidence"]["text"].startswith("Russian drones struck")
    assert prov["target"]["text"] == "civilians" and prov["location"]["text"] == "Kyiv"
    assert client.get("/api/events/es-01:E1").json()["cameo"] == "042"
    assert client.get("/api/events/nope:E1").status_code == 404


def test_actors(client):
    data = client.get("/api/actors", params={"limit": 3}).json()
    assert data["total"] == 20 and data["items"][0]["name"] == "Houthis"
    named = client.get("/api/actors", params={"name": "sudani"}).json()["items"]
    assert [a["name"] for a in named] == ["Mohammed Shia al-Sudani"]
    detail = client.get(f"/api/actors/{named[0]['actor_id']}").json()
    assert len(detail["documents"]) == 3 and detail["partners"]
    assert client.get("/api/actors/ac-000000000000").status_code == 404
    iraq_only = client.get("/api/actors", params={"country": "IRQ", "limit": 100}).json()["items"]
    assert "Houthis" not in {a["name"] for a in iraq_only}


def test_network(client):
    data = client.get("/api/network").json()
    names = {n["name"] for n in data["nodes"]}
    assert {"Iran", "Iraq", "Israel", "Hamas", "Houthis"} <= names
    edge = next(e for e in data["edges"] if e["count"] == 2 and e["q4"] == 2)
    assert edge["goldstein_mean"] == -10.0 and edge["quad"]["4"]["count"] == 2
    by_country = client.get("/api/network", params={"by": "country"}).json()
    assert any(e["source"] == "USA" and e["target"] == "YEM" for e in by_country["edges"])
    assert client.get("/api/network", params={"by": "planet"}).status_code == 422


def test_timeline(client):
    data = client.get("/api/timeline", params={"freq": "week", "top": 2}).json()
    assert data["freq"] == "week" and len(data["series"]) == 2
    assert all(len(s["points"]) == len(data["periods"]) for s in data["series"])
    assert sum(p["count"] for p in data["overall"]) == 20  # all 21 events but the negated one
    dyad = client.get("/api/timeline", params={"by": "country", "source": "USA", "target": "YEM"}).json()
    (series,) = dyad["series"]
    assert series["count"] == 2 and sum(p["q4"] for p in series["points"]) == 2


def test_escalation(client):
    data = client.get("/api/escalation", params={"by": "country", "window": 7, "baseline": 21}).json()
    assert data["window"] == ["2025-03-21", "2025-03-27"]
    top = data["signals"][0]
    assert top["unit"] == ["UKR"] and top["level"] == "escalating" and top["events"]
    assert client.get("/api/escalation", params={"by": "galaxy"}).status_code == 422


def test_places(client):
    data = client.get("/api/places").json()
    assert data["items"][0]["name"] == "Baghdad" and data["items"][0]["lat"] == pytest.approx(33.34, abs=0.01)
    gaza = client.get("/api/places", params={"type": "ASSAULT", "country": "PSE"}).json()["items"]
    assert [p["name"] for p in gaza] == ["Gaza Strip"]


def test_documents(client):
    data = client.get("/api/documents", params={"limit": 2}).json()
    assert data["total"] == 8 and [d["doc_id"] for d in data["items"]] == ["es-08", "es-07"]
    doc = client.get("/api/documents/es-05").json()
    assert doc["brief"]["summary"] and len(doc["actors"]) == 7 and len(doc["events"]) == 3
    assert doc["quotes"][0]["text"].startswith('"Tehran will stand')
    assert client.get("/api/documents/missing").status_code == 404


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["counts"]["documents"] == 8 and stats["first_day"] == "2025-03-02"
    assert {t["type"] for t in stats["types"]} >= {"ASSAULT", "CONSULT"}


@pytest.mark.parametrize("fmt,marker", [
    ("csv", '"042"'), ("jsonl", '"cameo": "042"'), ("plover", '"event": ["CONSULT"]'),
    ("gdelt", "\t042\t042\t04\t"), ("acled", "Air/drone strike"),
])
def test_export_text_formats(client, fmt, marker):
    r = client.get("/api/export", params={"format": fmt})
    assert r.status_code == 200 and marker in r.text
    assert "attachment" in r.headers["content-disposition"]
    assert int(r.headers["x-event-count"]) > 0


def test_export_parquet_and_filters(client, tmp_path):
    import pyarrow.parquet as pq

    r = client.get("/api/export", params={"format": "parquet", "type": "ASSAULT"})
    assert r.status_code == 200 and r.headers["x-event-count"] == "5"
    path = tmp_path / "x.parquet"
    path.write_bytes(r.content)
    assert pq.read_table(path).num_rows == 5
    assert client.get("/api/export", params={"format": "xml"}).status_code == 400


def test_openapi_docs_offline(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/network", "/api/timeline", "/api/escalation", "/api/places", "/api/documents",
                 "/api/documents/{doc_id}", "/api/export", "/api/stats"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


def test_readonly_app_serves_reads(readonly_client):
    assert readonly_client.get("/api/events").json()["total"] == 21


def test_event_list_items_carry_offsets_for_highlighting(client):
    ev = next(e for e in client.get("/api/events", params={"doc": "es-03"}).json()["items"] if e["local_id"] == "E2")
    doc = client.get("/api/documents/es-03").json()
    for side in ("evidence", "trigger", "source", "target", "location"):
        assert isinstance(ev[f"{side}_start"], int) and ev[f"{side}_end"] > ev[f"{side}_start"]
    assert doc["text"][ev["trigger_start"]:ev["trigger_end"]] == "struck"
    assert doc["text"][ev["source_start"]:ev["source_end"]] == "U.S. warplanes"
    assert doc["text"][ev["location_start"]:ev["location_end"]] == "Hodeidah"


def test_escalation_series_endpoint(client):
    data = client.get("/api/escalation/series", params={"by": "country_dyad", "unit": "USA,YEM", "freq": "day"}).json()
    assert data["unit"] == ["USA", "YEM"] and sum(p["events"] for p in data["points"]) == 2
    assert client.get("/api/escalation/series", params={"by": "dyad", "unit": "only-one"}).status_code == 400


def test_cursor_pages(client):
    ids, cursor = [], None
    while True:
        params = {"limit": 5, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        ids += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    full = [e["event_id"] for e in client.get("/api/events", params={"limit": 1000}).json()["items"]]
    assert ids == full
    assert client.get("/api/events", params={"cursor": "garbage"}).status_code == 400


def test_events_show_how_exact_their_place_is_and_filter_on_it(client):
    items = {e["event_id"]: e for e in client.get("/api/events", params={"limit": 1000}).json()["items"]}
    assert (items["es-03:E2"]["location_precision"], items["es-03:E2"]["location_inferred"]) == ("place", False)
    assert items["es-03:E2"]["location_within"] == ["Yemen"]
    assert items["es-01:E2"]["location_inferred"] is True
    assert items["es-02:E1"]["location_precision"] is None and items["es-02:E1"]["location_inferred"] is None
    detail = client.get("/api/events/es-01:E2").json()
    assert detail["location_inferred"] is True and detail["location_precision"] == "place"
    get = lambda **p: {e["event_id"] for e in client.get("/api/events", params={"limit": 1000, **p}).json()["items"]}  # noqa: E731
    place_level = get(precision="place")
    assert place_level and all(items[i]["location_precision"] == "place" for i in place_level)
    assert get(precision="place,country") == place_level | get(precision="country")
    assert get(inferred="true") == {"es-01:E2"}
    assert get(inferred="false", precision="place") == place_level - {"es-01:E2"}
    # The same filters reach every route that takes event filters.
    places = client.get("/api/places", params={"inferred": "false"}).json()["items"]
    assert places and not any(p["n_inferred"] for p in places)
    assert client.get("/api/network", params={"precision": "country"}).status_code == 200
    bad = client.get("/api/events", params={"precision": "street"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("E041")
    assert client.get("/api/events", params={"inferred": "maybe"}).status_code == 422


def test_document_shows_its_focus(client):
    doc = client.get("/api/documents/es-03").json()
    assert doc["focus"]["country"] == "YEM" and doc["focus"]["confidence"] == 0.7
    assert doc["focus"]["countries"][0] == {"country": "YEM", "weight": 0.7}
    assert client.get("/api/documents/es-02").json()["focus"] is None
    listed = {d["doc_id"]: d for d in client.get("/api/documents", params={"limit": 100}).json()["items"]}
    assert listed["es-01"]["focus_country"] == "IRQ" and listed["es-02"]["focus_country"] is None
