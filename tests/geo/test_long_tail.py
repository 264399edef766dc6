"""The long tail of issue 14 after geo5: priors for shared names, unit-noun usage, names the
small model reads as people, aliases of units news names differently from GeoNames."""

from __future__ import annotations

import pytest

from eventscope.model import AnalyzedDocument, Document, Location

pytestmark = pytest.mark.slow


def _places(nlp, text: str) -> AnalyzedDocument:
    from eventscope.geo.places import place_document

    adoc = AnalyzedDocument(document=Document(text=text))
    adoc.spacy_doc = nlp(text)
    return place_document(adoc)


def _by_text(adoc: AnalyzedDocument, text: str) -> Location:
    return next(loc for loc in adoc.locations if loc.text == text)


def test_bare_congo_is_the_drc(nlp):
    adoc = _places(nlp, "Rebels seized a mining town in eastern Congo after two days of fighting.")
    assert _by_text(adoc, "eastern Congo").country == "COD"
    assert adoc.focus.country == "COD"


def test_congo_with_brazzaville_context_stays_the_republic(nlp):
    adoc = _places(nlp, "Gunmen attacked a church in Dolisie, Congo, on Sunday.")
    assert _by_text(adoc, "Congo").country == "COG"
    adoc = _places(nlp, "Militiamen ambushed a train near Mindouli in the Pool department of Congo-Brazzaville.")
    assert _by_text(adoc, "Mindouli").country == "COG"


def test_town_before_a_shared_country_name_picks_the_namesake_that_contains_it(nlp):
    adoc = _places(nlp, "BRAZZAVILLE, Congo — Police fired tear gas at protesters on Tuesday.")
    capital = adoc.locations[0]
    assert capital.country == "COG" and capital.precision == "place"
    assert _by_text(adoc, "Congo").country == "COG"
    assert capital.within == [_by_text(adoc, "Congo").name]
