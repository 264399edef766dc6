"""Units named in their national language ("the Cercle de Bankass", "Muhafazat al-Anbar") and
a town as the object of an assault ("an offensive on Derna"): notes written for the project."""

from __future__ import annotations

import pytest

from eventscope.geo.gazetteer import load_lexicon, normalize


def test_the_lexicon_lists_local_unit_prefixes_and_assault_nouns():
    lex = load_lexicon()
    assert lex["local_unit_prefixes"]["cercle de"] == "admin2"
    assert lex["local_unit_prefixes"]["muhafazat"] == "admin1"
    assert "offensive" in lex["assault_nouns"]


@pytest.mark.parametrize("text, span, country", [
    ("On 18 May 2023, jihadists killed 12 villagers in the Cercle de Bankass.", "Cercle de Bankass", "MLI"),
    ("On 12 June 2021, jihadists attacked a gendarmerie post in the Région du Sahel.", "Région du Sahel", "BFA"),
    ("On 9 February 2019, police clashed with protesters in Muhafazat al-Anbar.", "Muhafazat al-Anbar", "IRQ"),
    ("On 15 October 2021, gunmen killed six in the Estado de Zacatecas.", "Estado de Zacatecas", "MEX"),
])
def test_a_unit_named_in_its_national_language_is_that_unit(place_text, text, span, country):
    adoc = place_text(text)
    found = {loc.text: loc for loc in adoc.locations}
    assert span in found, sorted(found)
    assert found[span].country == country
    # read as its English form is ("Bankass cercle"): the unit, or its seat town when the unit has no point
    assert normalize(found[span].name) in normalize(span)


def test_a_lowercase_unit_word_opens_no_name(place_text):
    adoc = place_text("The rebels said the province de facto belonged to them.")
    assert not adoc.locations


def test_the_object_of_an_assault_is_a_place(place_text):
    adoc = place_text("On 16 May 2018, the LNA launched a ground offensive on Derna.")
    assert [(loc.text, loc.country) for loc in adoc.locations] == [("Derna", "LBY")]


def test_pressure_on_a_person_is_no_place(place_text):
    adoc = place_text("Lawmakers increased pressure on Warsame after the vote.")
    assert not adoc.locations
