"""Countries named as a neighbour, origin or destination; own names over alternate spellings;
"N km north of X" (geo9)."""

from __future__ import annotations

import pytest

from eventscope.geo.relations import beyond_the_event


def _at(text: str, name: str) -> bool:
    return beyond_the_event(text, text.index(name))


@pytest.mark.parametrize("text,name", [
    ("Troops clashed with smugglers in Ponta Pora, on the border with Paraguay.", "Paraguay"),
    ("Gunmen who crossed from neighbouring Niger attacked a post.", "Niger"),
    ("Families who fled to Chad said the village was burned.", "Chad"),
    ("Residents fleeing into Uganda described the attack.", "Uganda"),
    ("The army said fighters from Burundi ambushed a convoy.", "Burundi"),
])
def test_border_movement_and_origin_cues_put_a_country_beside_the_event(text, name):
    assert _at(text, name)


@pytest.mark.parametrize("text,name", [
    ("Soldiers clashed with rebels in Chad on Monday.", "Chad"),
    ("France withdrew its last troops from Mali in August.", "Mali"),
    ("Militants crossed into Benin and attacked a ranger post.", "Benin"),
    ("The border town was shelled, officials in Armenia said.", "Armenia"),
])
def test_a_country_named_as_the_scene_or_left_behind_is_not_beyond(text, name):
    assert not _at(text, name)


def test_none_offset_is_not_beyond():
    assert beyond_the_event("anything", None) is False


@pytest.mark.slow
def test_a_neighbour_named_after_border_with_keeps_the_town_home(place_text):
    adoc = place_text("On 4 March 2021, soldiers clashed with smugglers in Beitbridge, on the border with South Africa.")
    town = next(loc for loc in adoc.locations if loc.text == "Beitbridge")
    assert town.country == "ZWE" and town.precision == "place"
    assert adoc.focus.country == "ZWE"


@pytest.mark.slow
def test_an_origin_country_neither_moves_the_town_nor_wins_the_focus(place_text):
    adoc = place_text("Armed men who crossed from Congo attacked a police post in Bundibugyo on 12 May 2020.")
    town = next(loc for loc in adoc.locations if loc.text == "Bundibugyo")
    assert town.country == "UGA" and not town.inferred
    assert adoc.focus.country == "UGA"


@pytest.mark.slow
def test_event_is_not_placed_in_the_neighbour(place_text):
    from eventscope.geo.stage import locate_events
    from eventscope.model import Event, Span

    text = "Smugglers shot a customs officer near the border with Senegal in Rosso on 3 June 2021."
    adoc = place_text(text)
    at = text.index("shot")
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None, evidence=Span(text, 0, len(text)),
                         trigger=Span("shot", at, at + 4))]
    locate_events(adoc)
    assert adoc.events[0].location is not None and adoc.events[0].location.country == "MRT"


@pytest.mark.slow
def test_own_name_beats_a_bigger_city_known_by_it_as_an_alias(place_text):
    adoc = place_text("Police fired tear gas at students in Dili on 4 May 2019.")
    dili = next(loc for loc in adoc.locations if loc.text == "Dili")
    assert dili.country == "TLS"


@pytest.mark.slow
def test_a_unit_keeps_its_short_name(place_text):
    """"Kharkiv" is also the oblast's short name: the alias rule must not send "Kharkiv region"
    to the city, nor the town bracketed before it ("Izium (Izyum)") to the region's point."""
    adoc = place_text("A missile struck a block of flats in Izium (Izyum), Kharkiv region.")
    region = next(loc for loc in adoc.locations if loc.text == "Kharkiv region")
    assert region.feature == "admin1" and region.country == "UKR"
    town = next(loc for loc in adoc.locations if loc.text == "Izyum")
    assert town.precision == "place"


@pytest.mark.slow
def test_a_distance_from_a_town_names_the_town(place_text):
    adoc = place_text("Gunmen ambushed a convoy 15 km north of Kidal on 3 April 2019.")
    kidal = [loc for loc in adoc.locations if loc.text == "Kidal"]
    assert kidal and kidal[0].country == "MLI"
