"""Cross-document merging over hand-built rows and a real DuckDB file."""

from __future__ import annotations

import duckdb
import pytest

from eventscope.stories.merge import (
    assign_story_events,
    haversine_km,
    is_same_event,
    list_stories,
    load_config,
    same_event_score,
    story_id_for,
    story_members,
    update_story_events,
)

KHARKIV = (49.99, 36.23, "Kharkiv Oblast", "Kharkiv")
KHARKIV_CENTRE = (50.00, 36.30, "Kharkiv Oblast", "Kharkiv")
ODESA = (46.48, 30.72, "Odesa Oblast", "Odesa")


def row(event_id, doc_id="d1", type="ASSAULT", src=("RUS", "MIL", "Russian forces"),
        tgt=("UKR", None, "Ukraine"), place=KHARKIV, date="2024-06-03", precision="day",
        modality="asserted", doc_date=None, **extra):
    lat, lon, admin1, name = place if place else (None, None, None, None)
    r = {
        "event_id": event_id, "doc_id": doc_id, "type": type,
        "source_country": src[0] if src else None, "source_sector": src[1] if src else None,
        "source_actor_name": src[2] if src else None,
        "target_country": tgt[0] if tgt else None, "target_sector": tgt[1] if tgt else None,
        "target_actor_name": tgt[2] if tgt else None,
        "lat": lat, "lon": lon, "admin1": admin1, "location_name": name,
        "country": "UKR" if place else None, "date": date, "date_precision": precision,
        "modality": modality, "follow_up": False, "doc_date": doc_date,
    }
    r.update(extra)
    return r


def test_config_file_loads():
    config = load_config()
    assert config.max_km == 25
    assert config.family("RETREAT") == config.family("CONCEDE")
    assert config.family("ASSAULT") == "ASSAULT"


def test_haversine_known_distance():
    # Kyiv to Lviv is about 470 km.
    assert 450 < haversine_km(50.45, 30.52, 49.84, 24.03) < 490


def test_three_reports_of_one_strike_merge():
    rows = [
        row("a", "d1"),
        row("b", "d2", place=KHARKIV_CENTRE, date="2024-06-04", src=("RUS", None, "Russia")),
        row("c", "d3", tgt=None, src=("RUS", "MIL", "Russian army")),
    ]
    out = assign_story_events(rows, [])
    assert len({a.story_id for a in out}) == 1
    assert out[0].is_new and not out[1].is_new and not out[2].is_new


def test_same_day_strikes_in_two_cities_stay_apart():
    out = assign_story_events([row("a"), row("b", "d2", place=ODESA)], [])
    assert out[0].story_id != out[1].story_id


def test_date_window_and_type_family():
    assert not is_same_event(row("a"), row("b", date="2024-06-06"))
    assert not is_same_event(row("a"), row("b", type="PROTEST"))
    assert is_same_event(row("a", type="RETREAT"), row("b", type="CONCEDE"))


def test_month_precision_matches_inside_month_with_lower_confidence():
    day = same_event_score(row("a"), row("b"))
    month = same_event_score(row("a"), row("b", date="2024-06-01", precision="month"))
    assert 0 < month < day
    assert same_event_score(row("a"), row("b", date="2024-07-01", precision="month")) == 0


def test_null_dates_match_only_near_publication_date():
    a = row("a", date=None, doc_date="2024-06-03")
    assert is_same_event(a, row("b", "d2", date=None, doc_date="2024-06-04"))
    assert not is_same_event(a, row("b", "d2", date=None, doc_date="2024-06-09"))
    assert not is_same_event(row("a", date=None), row("b", "d2", date=None))


def test_dyad_direction_matters_except_for_symmetric_types():
    swapped = dict(src=("UKR", None, "Ukraine"), tgt=("RUS", "MIL", "Russian forces"))
    assert not is_same_event(row("a"), row("b", **swapped))
    assert is_same_event(row("a", type="CONSULT"), row("b", type="CONSULT", **swapped))


def test_names_decide_when_codes_are_missing():
    a = row("a", src=(None, None, "Kataib Hezbollah"))
    assert is_same_event(a, row("b", src=(None, None, "Kataib Hezbollah")))
    assert not is_same_event(a, row("b", src=(None, None, "Asaib Ahl al-Haq")))


def test_negated_acts_join_no_story():
    out = assign_story_events([row("a", modality="negated")], [])
    assert out[0].story_id is None


def test_incremental_join_of_existing_story():
    existing = [dict(row("old", "d0"), story_id="S-old")]
    out = assign_story_events([row("new", "d9")], existing)
    assert out[0].story_id == "S-old" and not out[0].is_new
    fresh = assign_story_events([row("x", "d9", place=ODESA)], existing)
    assert fresh[0].story_id == story_id_for("x") and fresh[0].is_new


EVENTS_DDL = """CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, type VARCHAR, mode VARCHAR, modality VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    location_name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
    date VARCHAR, date_precision VARCHAR, follow_up BOOLEAN)"""

COLUMNS = ("event_id", "doc_id", "type", "mode", "modality", "source_name", "source_country",
           "source_sector", "target_name", "target_country", "target_sector", "location_name",
           "country", "admin1", "lat", "lon", "date", "date_precision", "follow_up")


def _insert(con, rows):
    values = []
    for r in rows:
        r = dict(r, source_name=r["source_actor_name"], target_name=r["target_actor_name"], mode=None)
        values.append(tuple(r.get(c) for c in COLUMNS))
    con.executemany(f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", values)


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "store.duckdb"))
    connection.execute(EVENTS_DDL)
    yield connection
    connection.close()


def test_update_story_events_in_duckdb_is_incremental_and_idempotent(con):
    first = [row("a", "d1"), row("b", "d2", place=ODESA)]
    _insert(con, first)
    con.execute("BEGIN")
    assert update_story_events(con, ["a", "b"]) == 2
    con.execute("COMMIT")
    later = [row("c", "d3", date="2024-06-04", src=("RUS", None, "Russia")), row("e", "d4", tgt=None)]
    _insert(con, later)
    assert update_story_events(con, ["c", "e"]) == 2
    assert update_story_events(con, ["a", "b", "c", "e"]) == 0  # already placed
    stories = con.execute(
        "SELECT type, n_events, n_documents, round(lat, 2), date FROM story_events ORDER BY n_events DESC"
    ).fetchall()
    assert [s[1:3] for s in stories] == [(3, 3), (1, 1)]
    assert stories[0][0] == "ASSAULT" and stories[0][3] == 49.99
    assert str(stories[0][4]) == "2024-06-03"
    members = con.execute("SELECT count(*) FROM story_event_members").fetchone()[0]
    assert members == 4
    top = list_stories(con, min_documents=2)
    assert len(top) == 1 and top[0]["n_documents"] == 3
    assert [m["event_id"] for m in story_members(con, top[0]["story_id"])] == ["a", "c", "e"]


def test_update_story_events_uses_publication_dates_from_documents(con):
    con.execute("CREATE TABLE documents (doc_id VARCHAR, date VARCHAR)")
    con.executemany("INSERT INTO documents VALUES (?, ?)", [("d1", "2024-06-03"), ("d2", "2024-06-04")])
    _insert(con, [row("a", "d1", date=None, place=None), row("b", "d2", date=None, place=None)])
    assert update_story_events(con, ["a"]) == 1
    assert update_story_events(con, ["b"]) == 1
    assert con.execute("SELECT count(*), max(n_documents) FROM story_events").fetchone() == (1, 2)


def test_cost_per_event_stays_flat():
    """Comparisons per event must not grow with the number of stored events (blocking works)."""
    import random

    from eventscope.stories.merge import StoryIndex, to_event_row

    def synthetic(n, seed=3):
        rng = random.Random(seed)
        types = ["ASSAULT", "CONSULT", "PROTEST", "ACCUSE", "COERCE", "AID"]
        countries = [f"C{i:02d}" for i in range(60)]
        out = []
        for i in range(n):
            day = 1 + rng.randrange(28)
            out.append(row(f"e{i}", f"d{i // 3}", type=rng.choice(types),
                           src=(rng.choice(countries), "MIL", None), tgt=(rng.choice(countries), None, None),
                           place=(rng.uniform(-40, 60), rng.uniform(-20, 120), None, None),
                           date=f"2024-{1 + rng.randrange(12):02d}-{day:02d}"))
        return out

    def per_event(n):
        config = load_config()
        index = StoryIndex(config)
        for r in synthetic(n):
            er = to_event_row(r, config)
            index.best_story(er)
            index.add(er, er.event_id)
        return index.comparisons / n

    small, large = per_event(1000), per_event(4000)
    assert large < 0.02 * 4000  # all-pairs would be ~2000 per event
    assert large < 4 * small + 1


def _report(doc_id, date, place, when, src_name="Russian forces"):
    """A coded document as the pipeline would leave it: one strike on a place."""
    from eventscope.model import ActorRef, AnalyzedDocument, Document, Event, Location, Span

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


def test_store_ingest_merges_three_reports_and_keeps_other_city_apart(tmp_path):
    store_module = pytest.importorskip("eventscope.store")
    store = store_module.Store(tmp_path / "events.duckdb")
    try:
        reports = [
            _report("a", "2024-06-04", KHARKIV, "2024-06-03"),
            _report("b", "2024-06-03", KHARKIV_CENTRE, "2024-06-03", "Russian army"),
            _report("c", "2024-06-04", KHARKIV, "2024-06-04"),
            _report("d", "2024-06-04", ODESA, "2024-06-03"),
        ]
        for adoc in reports:  # one by one, as `eventscope ingest` does
            assert not store.write([adoc])["warnings"]
        with store.cursor() as cur:
            stories = cur.execute(
                "SELECT n_events, n_documents, round(lat) FROM story_events ORDER BY n_events DESC"
            ).fetchall()
    finally:
        store.close()
    assert stories == [(3, 3, 50.0), (1, 1, 46.0)]


def test_unresolved_agent_counts_as_unknown_only_inside_one_document():
    coded = row("a", "d1")
    fragment = row("b", "d1", src=(None, None, "missiles"), tgt=None)
    assert is_same_event(coded, fragment)
    assert not is_same_event(coded, dict(fragment, doc_id="d2"))


def test_follow_up_joins_the_act_it_retells_within_two_weeks():
    existing = [dict(row("old", "d0", date="2024-06-03"), story_id="S-strike")]
    retold = row("fu", "d5", date=None, doc_date="2024-06-10", follow_up=True)
    assert assign_story_events([retold], existing)[0].story_id == "S-strike"
    fresh = dict(retold, follow_up=False)
    assert assign_story_events([fresh], existing)[0].is_new
    too_late = dict(retold, doc_date="2024-07-10")
    assert assign_story_events([too_late], existing)[0].is_new


def test_follow_up_in_duckdb_store(con):
    _insert(con, [row("a", "d1", date="2024-06-03")])
    update_story_events(con, ["a"])
    _insert(con, [row("b", "d2", date="2024-06-09", follow_up=True)])
    assert update_story_events(con, ["b"]) == 1
    assert con.execute("SELECT n_events, n_documents, CAST(date AS VARCHAR) FROM story_events").fetchall() == [
        (2, 2, "2024-06-03")
    ]


def test_events_of_near_duplicate_documents_join_no_story(con):
    con.execute("CREATE TABLE documents (doc_id VARCHAR, date VARCHAR, duplicate_of VARCHAR)")
    con.executemany("INSERT INTO documents VALUES (?, ?, ?)", [("d1", "2024-06-04", None), ("d2", "2024-06-04", "d1")])
    _insert(con, [row("a", "d1"), row("b", "d2")])
    assert update_story_events(con, ["a", "b"]) == 1
    assert con.execute("SELECT n_documents FROM story_events").fetchall() == [(1,)]


def test_story_listing_works_read_only_and_before_any_story(tmp_path):
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    ro = duckdb.connect(str(path), read_only=True)
    assert list_stories(ro) == [] and story_members(ro, "S1") == []
    ro.close()


def test_named_but_unresolved_actors_stay_apart_inside_a_document():
    coded = row("a", "d1")
    other = row("b", "d1", src=(None, None, "Human Rights Watch"))
    assert not is_same_event(coded, other)


def test_stories_do_not_drift_day_by_day():
    rows = [row(f"e{i}", f"d{i}", date=f"2024-06-{3 + i:02d}") for i in range(5)]
    stories = [a.story_id for a in assign_story_events(rows, [])]
    assert len(set(stories)) >= 2  # 3 June and 7 June are not one strike
    assert stories[0] == stories[1]


def test_a_member_with_unknown_actor_does_not_bridge_two_known_actors():
    rows = [
        row("a", "d1", src=("RUS", "MIL", "Russian forces")),
        row("b", "d1", src=None),
        row("c", "d1", src=("BLR", "MIL", "Belarusian army")),
    ]
    out = assign_story_events(rows, [])
    assert out[0].story_id == out[1].story_id
    assert out[2].story_id != out[0].story_id


def test_victims_told_as_a_common_noun_do_not_split_a_story():
    a = row("a", "d1", tgt=(None, None, "Kharkiv"))
    b = row("b", "d2", tgt=(None, None, "four civilians"))
    assert is_same_event(a, b)
    assert not is_same_event(a, row("c", "d3", tgt=(None, None, "Odesa Port Authority")))


def test_undated_acts_with_different_victims_stay_apart():
    a = row("a", "d1", date=None, src=None, tgt=(None, None, "three women"))
    b = row("b", "d1", date=None, src=None, tgt=(None, None, "15 civilians"))
    assert not is_same_event(a, b)


def test_two_common_noun_crowds_are_not_two_different_actors():
    a = row("a", "d1", type="PROTEST", src=(None, None, "protesters"), tgt=("KEN", "GOV", "Kenya"))
    b = row("b", "d2", type="PROTEST", src=(None, None, "demonstrators"), tgt=("KEN", "GOV", "Kenya"))
    assert is_same_event(a, b)
    assert not is_same_event(a, dict(b, date=None))
