"""Event location: the event's own clause first, not the nearest place name."""

from __future__ import annotations

import pytest

from eventscope.geo import find_event_location, locate, locate_events
from eventscope.model import AnalyzedDocument, Document, Event, Span

pytestmark = pytest.mark.slow


def _where(nlp, text: str, trigger: str, use_focus: bool = False):
    adoc = AnalyzedDocument(document=Document(text=text))
    adoc.spacy_doc = nlp(text)
    adoc.locations = locate(adoc)
    start = text.index(trigger)
    loc, how = find_event_location(adoc.spacy_doc, (start, start + len(trigger)), adoc.locations,
                                   use_focus=use_focus)
    return (loc.text if loc else None), how


def test_visited_place_is_the_object(nlp):
    assert _where(nlp, "Iran's commander visited Baghdad for talks with Iraqi leaders.", "visited")[0] == "Baghdad"


def test_strikes_on_place(nlp):
    text = "The talks came amid renewed Israeli airstrikes on Gaza and threats against Lebanon."
    assert _where(nlp, text, "airstrikes")[0] == "Gaza"


def test_prepositional_chain(nlp):
    text = "U.S. forces carried out strikes against Houthi positions in Yemen on Saturday."
    assert _where(nlp, text, "strikes")[0] == "Yemen"


def test_not_the_nearest_place(nlp):
    text = "The minister, who was born in Cairo, met the delegation in Amman on Monday."
    assert _where(nlp, text, "met")[0] == "Amman"


def test_no_place_in_clause_without_focus(nlp):
    text = "Officials said the group had signed the agreement."
    assert _where(nlp, text, "signed") == (None, "none")


def test_locate_events_copies_location(nlp):
    text = "Rebels attacked Aleppo. The government condemned the attack."
    adoc = AnalyzedDocument(document=Document(text=text))
    adoc.spacy_doc = nlp(text)
    adoc.locations = locate(adoc)
    s = text.index("attacked")
    adoc.events = [Event(id="E1", type="ASSAULT", source=None, target=None,
                         evidence=Span(text[:23], 0, 23), trigger=Span("attacked", s, s + 8))]
    locate_events(adoc)
    assert adoc.events[0].location is not None and adoc.events[0].location.name.startswith("Aleppo")
    assert adoc.events[0].location is not adoc.locations[0]


def test_protest_against_a_country_is_not_there(nlp):
    text = "Thousands demonstrated against the French company and Libya."
    assert _where(nlp, text, "demonstrated")[0] is None


def test_country_modifier_is_an_actor(nlp):
    text = "He warned against any involvement in U.S. military operations."
    assert _where(nlp, text, "warned")[0] is None


def test_district_of_x_beats_its_city(nlp):
    text = "A car bomb detonated near a convoy in Baghdad's southern district of Saiydiah."
    assert _where(nlp, text, "detonated")[0] == "Saiydiah"


def test_x_based_actor_places_the_event(nlp):
    text = "A Kabul-based militia staged an attack on Friday, officials said."
    assert _where(nlp, text, "staged")[0] == "Kabul"


def test_town_with_its_district_in_brackets_is_one_place(nlp):
    # the district in brackets contains the town: the sentence still names a single place
    text = "Hundreds of fighters stormed the army camp and the town of Kaya (Sanmatenga) overnight."
    assert _where(nlp, text, "stormed") == ("Kaya", "sentence")
