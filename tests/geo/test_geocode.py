"""Toponym finding and geocoding on short texts (runs the spaCy model)."""

from __future__ import annotations

import pytest

from eventscope.model import AnalyzedDocument, Document
from eventscope.geo import locate

pytestmark = pytest.mark.slow


def _locate(nlp, text: str):
    adoc = AnalyzedDocument(document=Document(text=text))
    adoc.spacy_doc = nlp(text)
    return adoc, locate(adoc)


def test_offsets_point_into_the_text(nlp):
    text = "Protesters gathered in Baghdad and Basra on Friday."
    _, locs = _locate(nlp, text)
    assert [l.text for l in locs] == ["Baghdad", "Basra"]
    for loc in locs:
        assert text[loc.start:loc.end] == loc.text
        assert loc.country == "IRQ" and loc.lat is not None


def test_tripoli_follows_the_story_country(nlp):
    _, libya = _locate(nlp, "Libyan militias clashed in Tripoli as the Libyan government met in Benghazi.")
    _, lebanon = _locate(nlp, "Lebanese troops deployed in Tripoli after clashes near Beirut, Lebanon.")
    assert next(l for l in libya if l.text == "Tripoli").country == "LBY"
    assert next(l for l in lebanon if l.text == "Tripoli").country == "LBN"


def test_qualifier_decides(nlp):
    _, locs = _locate(nlp, "The fair was held in Paris, Texas, last year.")
    paris = next(l for l in locs if l.text == "Paris")
    assert paris.country == "USA"


def test_demonyms_are_not_toponyms(nlp):
    _, locs = _locate(nlp, "Iraqi officials met Syrian and Iranian envoys.")
    assert not locs


def test_curated_names_and_regions(nlp):
    text = "Ships in the Red Sea and the Strait of Hormuz were warned, and fighting in northern Iraq went on."
    _, locs = _locate(nlp, text)
    by_text = {l.text: l for l in locs}
    assert by_text["Red Sea"].feature == "water"
    assert by_text["Strait of Hormuz"].feature == "water"
    assert by_text["northern Iraq"].country == "IRQ" and by_text["northern Iraq"].feature == "region"


def test_village_pattern_and_unknown_place(nlp):
    text = "Shelling hit Zqarbeet village and the town of Kafr Zorbqa overnight."
    _, locs = _locate(nlp, text)
    texts = [l.text for l in locs]
    assert any("Zqarbeet" in t for t in texts)
    assert any("Kafr Zorbqa" in t for t in texts)
    unknown = next(l for l in locs if "Zqarbeet" in l.text)
    assert unknown.lat is None and unknown.lon is None  # kept, never an error


def test_transliteration_geocodes(nlp):
    _, locs = _locate(nlp, "Coalition jets struck Hudaydah and Deir ez-Zor.")
    countries = {l.text: l.country for l in locs}
    assert countries.get("Hudaydah") == "YEM"
    assert countries.get("Deir ez-Zor") == "SYR"


def test_places_inside_organisation_names(nlp):
    _, locs = _locate(nlp, "The Kentucky State Police and the Government of Alberta issued statements.")
    names = {l.text: l.country for l in locs}
    assert names.get("Kentucky") == "USA"
    assert names.get("Alberta") == "CAN"


def test_known_place_in_a_place_slot_despite_the_label(nlp):
    # the small model tags these PERSON/ORG; the slot ("captured X", "in X") says place
    _, locs = _locate(nlp, "The army captured Jaffna after clashes in the vicinity of Kobane.")
    assert any(l.text == "Jaffna" and l.country == "LKA" for l in locs)


def test_state_not_country_in_a_us_story(nlp):
    text = ("Storms hit Atlanta and Savannah in Georgia on Monday, and Alabama and Florida "
            "braced for more rain, officials in the United States said.")
    _, locs = _locate(nlp, text)
    georgia = next(l for l in locs if l.text == "Georgia")
    assert georgia.country == "USA" and georgia.feature == "admin1"


def test_place_noun_of_names(nlp):
    text = "A bomb went off in Baghdad's southern district of Saiydiah and the towns of Tel Hamis and Tel Birak."
    _, locs = _locate(nlp, text)
    texts = [l.text for l in locs]
    assert "Saiydiah" in texts and "Tel Hamis" in texts and "Tel Birak" in texts


def _tops(text: str, names: list[str]):
    """Toponyms at the first occurrences (in order) of ``names``: geocoding without the parser."""
    from eventscope.geo.toponyms import Toponym

    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Toponym(start=start, end=start + len(name), text=name, name=name, label="GPE"))
        pos = start + len(name)
    return out


def test_a_list_of_states_is_not_read_as_qualifiers():
    from eventscope.geo.geocode import geocode

    text = "Cases were reported in Arizona, California, Colorado, Oklahoma, Pennsylvania and Texas."
    names = ["Arizona", "California", "Colorado", "Oklahoma", "Pennsylvania", "Texas"]
    locs = geocode(_tops(text, names), text, ["USA"])
    assert [(l.country, l.feature) for l in locs] == [("USA", "admin1")] * len(names)


def test_a_qualified_name_keeps_its_reading_in_bare_mentions():
    from eventscope.geo.geocode import geocode

    text = "LONDON, Ky. - A flood hit the town overnight. Officials in London said roads were closed."
    tops = _tops(text, ["LONDON", "Ky.", "London"])
    locs = geocode(tops, text, [])
    assert locs[0].country == "USA" and locs[0].admin1 == "Kentucky"
    assert locs[2].country == "USA" and locs[2].admin1 == "Kentucky"


def test_a_namesake_city_elsewhere_does_not_make_a_state_a_city():
    from eventscope.geo.geocode import geocode

    text = "Officials in Michigan and Wyoming reported new cases."
    locs = geocode(_tops(text, ["Michigan", "Wyoming"]), text, ["USA"])
    assert locs[1].feature == "admin1" and locs[1].name == "Wyoming"


def test_an_unknown_town_takes_its_qualifier_point_not_a_namesake_elsewhere():
    from eventscope.geo.geocode import QUALIFIER_ONLY_CONFIDENCE, geocode

    text = "Zqarbeetville, Missouri, was flooded; later Russia, Turkey and Iran met."
    tops = _tops(text, ["Zqarbeetville", "Missouri", "Russia", "Turkey", "Iran"])
    locs = geocode(tops, text, [], fuzzy=False)
    assert locs[0].country == "USA" and locs[0].admin1 == "Missouri" and locs[0].lat is not None
    assert locs[0].confidence == QUALIFIER_ONLY_CONFIDENCE
    assert [l.country for l in locs[2:]] == ["RUS", "TUR", "IRN"]


def test_towns_named_together_pull_each_other_home():
    from eventscope.geo.geocode import geocode

    text = "A storm hit London overnight. Police in St. Thomas and Middlesex Centre closed roads."
    locs = geocode(_tops(text, ["London", "St. Thomas", "Middlesex Centre"]), text, [])
    assert locs[0].country == "CAN" and locs[0].admin1 == "Ontario"
    text = "Ministers met in London and Paris on Monday."
    locs = geocode(_tops(text, ["London", "Paris"]), text, [])
    assert [l.country for l in locs] == ["GBR", "FRA"]


def test_items_of_a_list_are_of_one_kind():
    from eventscope.geo.geocode import geocode

    text = "Cases rose in Texas, Georgia, Oklahoma and Ohio."
    locs = geocode(_tops(text, ["Texas", "Georgia", "Oklahoma", "Ohio"]), text, [])
    assert (locs[1].country, locs[1].feature) == ("USA", "admin1")
    text = "Envoys from Russia, Georgia and Ukraine met."
    locs = geocode(_tops(text, ["Russia", "Georgia", "Ukraine"]), text, [])
    assert locs[1].country == "GEO"


def test_a_transliteration_the_index_lacks_is_found_in_the_story_country():
    from eventscope.geo.geocode import geocode

    text = "Gunmen attacked Qatraneh in Jordan."
    locs = geocode(_tops(text, ["Qatraneh", "Jordan"]), text, ["JOR"], fuzzy=False)
    assert locs[0].country == "JOR" and locs[0].lat is not None


def test_linking_particle_spelt_either_way():
    from eventscope.geo.gazetteer import get_gazetteer
    from eventscope.geo.geocode import candidate_ids

    gaz = get_gazetteer()
    assert not gaz.candidate_ids("Qala-e-Naw")  # the gazetteer spells it "Qala i Naw"
    found = {gaz.places[i].country for i in candidate_ids(gaz, "Qala-e-Naw")}
    assert found == {"AFG"}
    assert not candidate_ids(gaz, "Zzyx-e-Qqq")
