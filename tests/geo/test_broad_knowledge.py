"""Broad rules of geo8: places by their syntax ("between X and Y", "the X-Y border"), a container
that never contradicts what it contains, a named country that holds the note's towns, and a
facility found by the town it is named after."""

from __future__ import annotations

import pytest

from eventscope.geo.event_location import _first_of_pair
from eventscope.model import Location


def _loc(text: str, start: int, country: str = "ZMB", lat: float | None = 1.0) -> Location:
    return Location(text=text, start=start, end=start + len(text), name=text, country=country,
                    lat=lat, lon=1.0 if lat is not None else None, feature="city")


def test_the_first_name_of_a_hyphenated_pair_is_the_place():
    text = "on the Kitwe-Ndola road"
    first, second = _loc("Kitwe", 7), _loc("Ndola", 13)
    assert _first_of_pair(text, 1, [first, second]) == 0
    # names apart are no pair, and an unplaced first name does not take over
    assert _first_of_pair("in Kitwe and Ndola", 1, [_loc("Kitwe", 3), _loc("Ndola", 13)]) == 1
    assert _first_of_pair(text, 1, [_loc("Kitwe", 7, lat=None), second]) == 1
    assert _first_of_pair("fought between Kitwe and Ndola", 1, [_loc("Kitwe", 15), _loc("Ndola", 25)]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("text,names,country", [
    ("Herders and farmers fought on the Kitwe-Ndola road on Sunday.", {"Kitwe", "Ndola"}, "ZMB"),
    ("Fighting broke out between Voinjama and Zorzor overnight.", {"Voinjama", "Zorzor"}, "LBR"),
])
def test_paired_names_are_places(place_text, text, names, country):
    adoc = place_text(text)
    found = {loc.text for loc in adoc.locations}
    assert names <= found
    assert all(loc.country == country for loc in adoc.locations if loc.text in names)


@pytest.mark.slow
def test_a_pair_of_words_that_are_no_places_adds_nothing(place_text):
    adoc = place_text("Talks between Mr Qwerty and Ms Zyxwv broke down.")
    assert not adoc.locations


@pytest.mark.slow
def test_a_container_lies_in_the_country_of_what_it_holds(place_text):
    # "Puno" alone is read as Pune (India); holding a Peruvian town it is the Peruvian region
    adoc = place_text("Police fired on miners near Juliaca airport, Puno, on Monday.")
    assert {loc.country for loc in adoc.locations} == {"PER"}
    airport = next(loc for loc in adoc.locations if loc.text == "Juliaca airport")
    assert airport.name == "Juliaca" and airport.precision == "place"


@pytest.mark.slow
def test_a_named_country_holds_a_small_namesake(place_text):
    adoc = place_text("In Haiti, gunmen torched a market in Canapé-Vert on Monday.")
    assert {loc.country for loc in adoc.locations if loc.lat is not None} == {"HTI"}
    held = [loc for loc in adoc.locations if loc.inferred]
    assert held and all(loc.precision == "country" for loc in held)


@pytest.mark.slow
def test_a_big_city_abroad_is_not_moved_by_a_named_country(place_text):
    adoc = place_text("A drone launched from Yemen hit the airport in Jizan on Monday.")
    jizan = next(loc for loc in adoc.locations if loc.text == "Jizan")
    assert jizan.country == "SAU" and not jizan.inferred


@pytest.mark.slow
@pytest.mark.parametrize("text,name,country", [
    ("Chingola was the scene of clashes on Sunday, when youths burned the council office.", "Chingola", "ZMB"),
    ("Bolgatanga saw renewed fighting between two clans overnight.", "Bolgatanga", "GHA"),
    ("Gbarnga traders fought with police over a market tax.", "Gbarnga", "LBR"),
])
def test_a_town_that_opens_its_sentence_as_subject_is_a_place(place_text, text, name, country):
    adoc = place_text(text)
    assert any(loc.text == name and loc.country == country for loc in adoc.locations)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Police arrested five men on Monday.",
    "Troops withdrew after the talks.",
    "Monday was quiet, residents said.",
])
def test_a_common_word_that_opens_a_sentence_is_no_place(place_text, text):
    assert not place_text(text).locations


def test_two_names_joined_by_and_are_one_unit_when_the_gazetteer_says_so():
    from eventscope.geo.places import join_conjoined_unit_names
    from eventscope.geo.toponyms import Toponym

    text = "in Sistan and Baluchestan province and in Kenema and Kailahun"
    tops = [Toponym(3, 9, "Sistan", "Sistan"), Toponym(14, 34, "Baluchestan province", "Baluchestan", feature_hint="admin1"),
            Toponym(42, 48, "Kenema", "Kenema"), Toponym(53, 61, "Kailahun", "Kailahun")]
    joined = join_conjoined_unit_names(text, tops)
    assert [t.text for t in joined] == ["Sistan and Baluchestan province", "Kenema", "Kailahun"]
    from eventscope.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    assert joined[0].feature_hint == "admin1"
    assert any(gaz.places[i].country == "IRN" and gaz.places[i].feature == "admin1"
               for i in gaz.candidate_ids(joined[0].name))


@pytest.mark.slow
def test_a_hyphenated_capital_of_five_tokens_is_found_by_the_scan(place_text):
    adoc = place_text("Residents burned a checkpoint in Canapé-Vert, Port-au-Prince, near a market.")
    capital = next(loc for loc in adoc.locations if loc.text == "Port-au-Prince")
    assert capital.country == "HTI"
    assert adoc.focus.country == "HTI"


def test_a_hyphenated_name_is_looked_up_without_its_hyphen():
    from eventscope.geo.gazetteer import get_gazetteer
    from eventscope.geo.geocode import candidate_ids

    gaz = get_gazetteer()
    assert not gaz.candidate_ids("Petion-Ville")
    assert any(gaz.places[i].country == "HTI" for i in candidate_ids(gaz, "Petion-Ville"))
    assert candidate_ids(gaz, "Qwerty-Zyxwv") == []


@pytest.mark.slow
def test_a_town_and_the_province_that_holds_it_are_places_whatever_the_tags(place_text):
    adoc = place_text("A criminal group attacked residents of Chilapa de Alvarez, Guerrero, on Monday.")
    town = next(loc for loc in adoc.locations if loc.text == "Chilapa de Alvarez")
    assert town.country == "MEX" and town.within == ["Guerrero"]


def test_two_names_that_do_not_contain_each_other_are_no_pair():
    from eventscope.geo.gazetteer import get_gazetteer, load_lexicon
    from eventscope.geo.toponyms import _contained_pairs

    class _Doc:  # the rule reads only the text and sets tokens through char_span
        text = "The senators Smith, Jones and Brown met."

        def char_span(self, *args, **kwargs):
            return None

    assert _contained_pairs(_Doc(), get_gazetteer(), load_lexicon()) == []


def test_a_name_typed_with_a_water_noun_is_the_water_only():
    from eventscope.geo.gazetteer import get_gazetteer
    from eventscope.geo.geocode import toponym_ids
    from eventscope.geo.toponyms import Toponym

    gaz = get_gazetteer()
    river = toponym_ids(gaz, Toponym(0, 11, "Niger river", "Niger"))
    assert all(gaz.places[i].feature in ("water", "region") for i in river)
    assert any(gaz.places[i].feature == "country" for i in toponym_ids(gaz, Toponym(0, 5, "Niger", "Niger")))
