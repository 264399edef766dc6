"""Broad fallbacks of geo7: a containment chain vouches for its country even when the small
model tags every name of the note as a person or organisation."""

from __future__ import annotations

import pytest

from eventscope.model import AnalyzedDocument

pytestmark = pytest.mark.slow


def _countries(adoc: AnalyzedDocument) -> set[str | None]:
    return {loc.country for loc in adoc.locations}


@pytest.mark.parametrize("text,country", [
    ("Militants fired on a ranger post in Bannang Sata, Yala, late on Tuesday.", "THA"),
    ("Gunmen burned a school in Patikul, Sulu, on Monday.", "PHL"),
])
def test_a_name_and_the_unit_that_holds_it_vouch_for_each_other(place_text, text, country):
    adoc = place_text(text)
    assert adoc.focus.country == country
    assert country in _countries(adoc)


def test_an_unknown_village_before_a_unit_gets_the_unit(place_text):
    from eventscope.geo.gazetteer import get_gazetteer
    from eventscope.geo.toponyms import _chain_countries, _in_place_slot

    gaz = get_gazetteer()
    assert any(gaz.places[i].feature == "admin2" and gaz.places[i].country == "PHL"
               for i in gaz.candidate_ids("Lanao del Sur"))
    adoc = place_text("Troops raided a camp in Barangay Qwertaloo, Lanao del Sur, on Friday.")
    doc = adoc.spacy_doc
    lex = {"area_nouns": [], "place_object_verbs": []}
    assert _chain_countries(doc, gaz, {"in"}, lex) == {"PHL"}
    # the same chain outside a place slot says nothing
    other = place_text("Barangay Qwertaloo, Lanao del Sur, is a name.")
    assert _chain_countries(other.spacy_doc, gaz, {"in"}, lex) == set()
    assert any(_in_place_slot(t, {"in"}, lex) for t in doc if t.text == "Qwertaloo")


def test_a_chain_shared_by_two_countries_vouches_for_none(place_text):
    from eventscope.geo.gazetteer import get_gazetteer
    from eventscope.geo.toponyms import _chain_countries

    gaz = get_gazetteer()
    # "Paris, Texas": a town and a state, but the pair is American only; a person's name
    # followed by a word that is no unit vouches for nothing
    adoc = place_text("She met John Smith, Reuters reported.")
    assert _chain_countries(adoc.spacy_doc, gaz, {"in"}, {"area_nouns": [], "place_object_verbs": []}) == set()


def test_a_lowercase_word_is_no_place(place_text):
    adoc = place_text("Militiamen clashed in Haut-Mbomou prefecture and families fled into the bush.")
    assert all(any(ch.isupper() for ch in loc.text) for loc in adoc.locations)
    assert any(loc.country == "CAF" for loc in adoc.locations)


def test_a_lone_namesake_abroad_gives_way_to_the_home_place_of_its_sentence(place_text):
    from eventscope.geo.stage import locate_events
    from eventscope.model import Event, Span

    text = ("Police in Haiti said gangs from Croix-des-Bouquets clashed for hours in Brooklyn, "
            "a district of Cité Soleil; five people were killed.")
    adoc = place_text(text)
    at = text.index("clashed")
    adoc.events = [Event(id="E1", type="FIGHT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("clashed", at, at + 7))]
    locate_events(adoc)
    assert adoc.focus.country == "HTI"
    assert adoc.events[0].location is not None and adoc.events[0].location.country == "HTI"


def test_a_cross_border_story_keeps_its_place_abroad(place_text):
    from eventscope.geo.stage import locate_events
    from eventscope.model import Event, Span

    text = ("Kenyan troops in Mandera and Garissa said on Monday that militants from Somalia had "
            "attacked a camp near Dhobley in Somalia.")
    adoc = place_text(text)
    at = text.index("attacked")
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("attacked", at, at + 8))]
    locate_events(adoc)
    loc = adoc.events[0].location
    assert loc is not None and loc.country == "SOM"


def test_a_slot_name_known_in_one_country_only_sets_the_story_country(place_text):
    from eventscope.geo.gazetteer import get_gazetteer, load_lexicon
    from eventscope.geo.toponyms import _sole_slot_country

    gaz = get_gazetteer()
    lex = load_lexicon()
    preps = set(lex["place_slot_preps"])
    assert {gaz.places[i].country for i in gaz.candidate_ids("Datu Piang")} == {"PHL"}
    adoc = place_text("Gunmen seized the market of Datu Piang before dawn.")
    assert _sole_slot_country(adoc.spacy_doc, gaz, preps, lex) == {"PHL"}
    assert adoc.focus.country == "PHL"
    # a name outside any place slot says nothing
    other = place_text("Datu Piang is the name the gunmen gave.")
    assert _sole_slot_country(other.spacy_doc, gaz, preps, lex) == set()


def test_area_nouns_of_the_lexicon_take_a_place():
    from eventscope.geo.gazetteer import load_lexicon

    nouns = set(load_lexicon()["area_nouns"])
    assert {"hinterlands", "forests", "market", "port", "outskirts"} <= nouns
