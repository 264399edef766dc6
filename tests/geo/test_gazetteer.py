"""The gazetteer: normalisation, curated data files, lookups and transliterations."""

from __future__ import annotations

import pytest

from eventscope.geo import gazetteer
from eventscope.geo.gazetteer import (
    fuzzy_candidates,
    get_gazetteer,
    load_lexicon,
    load_places_yaml,
    normalize,
    strip_article,
)


def test_normalize_folds_spelling_variants():
    assert normalize("Deir ez-Zor") == normalize("Deir ez Zor") == "deir ez zor"
    assert normalize("Ţarābulus") == "tarabulus"
    assert normalize("the Gaza Strip") == "gaza strip"
    assert normalize("Sana’a") == "sanaa"


def test_strip_article():
    assert strip_article("al hudaydah") == "hudaydah"
    assert strip_article("baghdad") is None
    assert strip_article("al") is None


def test_places_yaml_loads_and_is_well_formed():
    places = load_places_yaml()
    assert len(places) > 100
    for entry in places:
        assert entry["name"] and isinstance(entry["name"], str)
        assert entry["feature"] in {"city", "country", "admin1", "admin2", "region", "water", "landmark"}
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180
        assert all(isinstance(a, str) for a in entry.get("aliases", []))
        assert entry.get("country") is None or len(entry["country"]) == 3


def test_lexicon_lists_hold_only_strings():
    # YAML 1.1 reads bare on/off/no as booleans: "on" must stay a preposition
    lex = load_lexicon()
    for key in ("directions", "locative_preps", "strong_preps", "place_object_verbs", "not_places", "not_place_after",
                "place_slot_preps", "landmark_preps", "area_nouns", "lower_unit_nouns", "capture_nouns", "unit_name_prefixes", "admin_unit_nouns", "transliterated_countries",
                "ezafe_linkers", "small_place_nouns"):
        assert all(isinstance(w, str) for w in lex[key]), key
    assert "on" in lex["locative_preps"] and "off" in lex["locative_preps"]
    assert lex["place_nouns"]["village"] == "city"
    # every small-place noun is a place noun that types a settlement, so the finder marks the name
    assert all(lex["place_nouns"].get(w) == "city" for w in lex["small_place_nouns"])


def test_transliterated_countries_are_iso3_codes():
    from eventscope.geo.gazetteer import transliterated_countries

    countries = transliterated_countries()
    assert {"SYR", "IRQ", "YEM"} <= countries and "USA" not in countries
    assert all(len(c) == 3 and c.isupper() for c in countries)


@pytest.mark.slow
def test_lookup_and_transliterations():
    gaz = get_gazetteer()
    assert gaz.size > 250_000
    baghdad = [p for p in gaz.candidates("Baghdad") if p.feature == "city"]
    assert baghdad and baghdad[0].country == "IRQ"
    for spelling in ("Hodeidah", "Hudaydah", "Al-Hudaydah"):
        assert any(p.country == "YEM" for p in gaz.candidates(spelling)), spelling
    a = {p.geonameid for p in gaz.candidates("Deir ez-Zor")}
    b = {p.geonameid for p in gaz.candidates("Dayr az Zawr")}
    assert a & b
    assert gaz.candidates("Strait of Hormuz")[0].feature == "water"
    assert gaz.candidates("Xqzvlorp") == []


@pytest.mark.slow
def test_a_repeated_fuzzy_search_is_answered_from_the_kept_result():
    first = fuzzy_candidates("Kramatorsck")
    hits = gazetteer._fuzzy_candidates.cache_info().hits
    assert first and get_gazetteer().places[first[0]].name == "Kramatorsk"
    first.append(-1)  # the caller's list is its own: the kept result is not changed through it
    assert fuzzy_candidates("Kramatorsck") == first[:-1]
    assert gazetteer._fuzzy_candidates.cache_info().hits == hits + 1


@pytest.mark.slow
def test_demonyms_are_known():
    gaz = get_gazetteer()
    assert gaz.is_demonym("Iraqi") and gaz.is_demonym("Iraqis")
    assert not gaz.is_demonym("Baghdad")


@pytest.mark.slow
def test_a_demonym_several_countries_claim_is_the_most_populous_one_s():
    gaz = get_gazetteer()  # countryinfo gives "French" to Réunion and Mayotte too, "American" to the Mariana Islands
    assert [gaz.demonyms.get(d) for d in ("french", "american", "chinese", "indian", "norwegian")] == \
        ["FRA", "USA", "CHN", "IND", "NOR"]


def test_admin1_points_load_and_replace_the_box_middle():
    import yaml

    from eventscope.geo.gazetteer import DATA, get_gazetteer

    points = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))["admin1_points"]
    assert len(points) > 50
    gaz = get_gazetteer()
    for entry in points:
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180 and len(entry["country"]) == 3
        hits = [gaz.places[i] for i in gaz.candidate_ids(entry["name"])
                if gaz.places[i].feature == "admin1" and gaz.places[i].country == entry["country"]]
        assert any((p.lat, p.lon) == (entry["lat"], entry["lon"]) for p in hits), entry["name"]


def test_transliterations_share_a_consonant_skeleton():
    from eventscope.geo.gazetteer import skeleton

    assert skeleton("Qatraneh") == skeleton("Al Qatranah") == "ktrn"
    assert skeleton("Kfraya") == skeleton("Kafrayā")
    assert skeleton("Abbassiya") == skeleton("Al Abbasiyah")
    assert skeleton("Foua") is None  # too short to match safely


def _small_gazetteer():
    from eventscope.geo.gazetteer import Gazetteer, GazetteerBuilder, Place, encode_gazetteer
    from eventscope.mapped import ArrayFile

    b = GazetteerBuilder()
    iraq = b.add(Place("Iraq", "IRQ", None, 33.0, 44.0, 99237, 40_000_000, "country"), ["Iraq", "Republic of Iraq"])
    b.countries["IRQ"] = iraq
    b.add(Place("Al Hudaydah", "YEM", "Al Hudaydah", 14.8, 42.95, 79415, 617_871, "city"), ["Al Hudaydah", "Hodeidah"])
    b.add(Place("Gulf of Aden", None, None, None, None, None, 10_000_000, "water", curated=True), ["Gulf of Aden"])
    b.demonyms["iraqi"] = "IRQ"
    b.iso2_to_iso3["IQ"] = "IRQ"
    b.skeletons["hdyd"] = [1]
    return b, Gazetteer(ArrayFile(encode_gazetteer(b)))


def test_the_artefact_reads_back_every_field():
    builder, gaz = _small_gazetteer()
    assert gaz.size == 3
    for pid, place in enumerate(builder.places):
        assert gaz.places[pid] == place
    assert gaz.places[-1] == builder.places[-1]
    gulf = gaz.places[2]
    assert gulf.lat is None and gulf.country is None and gulf.geonameid is None and gulf.curated
    assert isinstance(gaz.places[0].population, int) and isinstance(gaz.places[1].lat, float)
    with pytest.raises(IndexError):
        gaz.places[3]
    assert gaz.countries["IRQ"] == builder.places[0]
    assert gaz.candidate_ids("Hudaydah") == [1] and gaz.candidate_ids("the Republic of Iraq") == [0]
    assert gaz.skeletons.get("hdyd") == [1] and gaz.skeletons.get("xyz", []) == []
    assert gaz.is_demonym("Iraqis") and not gaz.is_demonym("Yemeni")
    assert gaz.iso2_to_iso3 == {"IQ": "IRQ"}


def test_primary_names_are_the_entry_own_name():
    _, gaz = _small_gazetteer()
    assert gaz.is_primary(0, "Iraq") and not gaz.is_primary(0, "Republic of Iraq")
    assert gaz.is_primary(1, "Al-Hudaydah") and gaz.is_primary(1, "Hudaydah")  # the article is optional
    assert not gaz.is_primary(1, "Hodeidah")


@pytest.mark.slow
def test_the_process_gazetteer_is_memory_mapped_from_the_cache():
    from eventscope.geo.gazetteer import _artefact_path

    gaz = get_gazetteer()
    assert gaz.file.source == str(_artefact_path())
    assert len(gaz.index) > 400_000


def test_place_table_indexes_like_a_list():
    builder, gaz = _small_gazetteer()
    assert gaz.places[-3:] == builder.places and gaz.places[1:2] == builder.places[1:2]
    assert gaz.places[-2] is gaz.places[1]  # one cached entry however it is asked for
    assert list(gaz.places) == builder.places and len(gaz.places) == 3


@pytest.mark.parametrize("english,somali", [("Lower Shabelle", "Shabeellaha Hoose"), ("Middle Shabelle", "Shabeellaha Dhexe"),
                                            ("Hiraan", "Hiiraan"), ("Benadir", "Banaadir")])
def test_somali_regions_by_their_english_names(english, somali):
    gaz = get_gazetteer()
    hits = [gaz.places[i] for i in gaz.candidate_ids(english)]
    assert any(p.name == somali and p.country == "SOM" and p.feature == "admin1" for p in hits)
