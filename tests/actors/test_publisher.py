"""The publishing government of a web address, and its bare offices in the actors stage."""

from __future__ import annotations

import pytest

from eventscope.actors.publisher import host_of, publisher_country
from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig


@pytest.mark.parametrize("url,country", [
    ("https://www.gov.uk/government/news/foreign-secretary-visits-baghdad", "GBR"),
    ("https://www.state.gov/r/pa/prs/ps/2015/01/1.htm", "USA"),
    ("https://www.centcom.mil/MEDIA/PRESS-RELEASES/", "USA"),
    ("https://dfat.gov.au/news/media-release", "AUS"),
    ("https://mfa.gov.il/MFA/PressRoom", "ISR"),
    ("https://www.diplomatie.gouv.fr/en/", "FRA"),
    ("http://en.kremlin.ru/events/president/news/1", "RUS"),
    ("www.mod.uk/news", "GBR"),
    ("https://www.bbc.co.uk/news/world-middle-east-1", None),
    ("https://en.wikipedia.org/wiki/Mosul", None),
    ("https://eeas.europa.eu/headquarters/1", None),
    (None, None),
    ("", None),
])
def test_publisher_country(url, country):
    assert publisher_country(url) == country


def test_host_drops_www_and_case():
    assert host_of("HTTPS://WWW.Gov.UK/x") == "gov.uk"
    assert host_of(None) is None


@pytest.mark.slow
def test_a_bare_office_on_a_government_site_is_that_governments():
    pipe = Pipeline(PipelineConfig(stages=("nlp", "places", "actors")))
    text = ("A Foreign Office spokesman said: \u201cThe Foreign Secretary met the Iraqi Foreign Minister in "
            "London.\u201d The President of Egypt spoke to the Prime Minister by phone.")

    def codes(url):
        adoc = pipe(Document(text=text, url=url))
        return {m.text: (adoc.actor(m.actor).country, adoc.actor(m.actor).sector) for m in adoc.mentions}

    released = codes("https://www.gov.uk/government/news/x")
    assert released["Foreign Secretary"] == ("GBR", "GOV")  # quoted: the government quotes its own
    assert released["Prime Minister"] == ("GBR", "GOV")
    assert released["Iraqi Foreign Minister"][0] == "IRQ"  # a country of its own stays
    assert codes("https://www.bbc.co.uk/news/x")["Foreign Secretary"][0] is None  # a newspaper speaks for no one
    # the US has no prime minister: a State Department release does not make one American
    assert codes("https://www.state.gov/x")["Prime Minister"][0] != "USA"


@pytest.mark.slow
def test_police_officer_takes_the_story_country_a_spokesman_does_not():
    pipe = Pipeline(PipelineConfig(stages=("nlp", "places", "actors")))
    text = ("Protests spread across Missouri after the shooting in Ferguson. A white police officer shot the "
            "teenager, and a spokesman said the officer was on leave. St. Louis County police arrested 20 people.")
    adoc = pipe(Document(text=text, date="2015-08-11"))
    by_text = {m.text: adoc.actor(m.actor) for m in adoc.mentions}
    officer = next(a for t, a in by_text.items() if "officer" in t)
    assert (officer.country, officer.sector) == ("USA", "COP")
    spokesman = next(a for t, a in by_text.items() if "spokesman" in t)
    assert spokesman.country is None
