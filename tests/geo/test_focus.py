"""The document focus: the story's country from its dateline, places and nationality words."""

from __future__ import annotations

import pytest

from eventscope.geo.focus import compute_focus
from eventscope.model import Document, Location, Sentence


def _loc(text: str, start: int, country: str, feature: str = "city", admin1: str | None = None,
         confidence: float = 1.0) -> Location:
    return Location(text=text, start=start, end=start + len(text), name=text, country=country,
                    admin1=admin1, lat=1.0, lon=1.0, feature=feature, confidence=confidence)


SENTS = [Sentence(0, "lead", 0, 100), Sentence(1, "two", 100, 200), Sentence(2, "three", 200, 300),
         Sentence(3, "four", 300, 400), Sentence(4, "five", 400, 500)]


def test_nothing_points_anywhere():
    focus = compute_focus([], SENTS)
    assert focus.country is None and focus.confidence == 0.0 and focus.countries == []


def test_places_of_one_country_give_a_confident_focus_and_its_province():
    locs = [_loc("Shahrak", 10, "AFG", "admin2", admin1="Ghor"), _loc("Ghor", 30, "AFG", "admin1", admin1="Ghor"),
            _loc("Chaghcharan", 150, "AFG", admin1="Ghor")]
    focus = compute_focus(locs, SENTS)
    assert focus.country == "AFG"
    assert focus.admin1 == "Ghor"
    assert focus.confidence == 1.0
    assert focus.evidence == ["toponyms"]


def test_competing_countries_lower_the_confidence():
    alone = compute_focus([_loc("Aden", 10, "YEM"), _loc("Sanaa", 120, "YEM")], SENTS)
    shared = compute_focus([_loc("Aden", 10, "YEM"), _loc("Sanaa", 120, "YEM"),
                            _loc("Riyadh", 150, "SAU"), _loc("Jeddah", 350, "SAU")], SENTS)
    assert shared.country == "YEM"
    assert shared.confidence < alone.confidence
    assert [c for c, _ in shared.countries] == ["YEM", "SAU"]
    assert abs(sum(w for _, w in shared.countries) - 1.0) < 0.01


def test_lead_outweighs_the_body():
    locs = [_loc("Mosul", 10, "IRQ"), _loc("Damascus", 320, "SYR"), _loc("Aleppo", 420, "SYR")]
    # one lead mention (x2) against two body mentions: a tie on weight, broken by the lead
    assert compute_focus(locs, SENTS).country == "IRQ"
    locs.append(_loc("Homs", 450, "SYR"))
    assert compute_focus(locs, SENTS).country == "SYR"


def test_dateline_and_demonyms_count():
    dateline = _loc("SANAA", 0, "YEM")
    body = [_loc("Riyadh", 320, "SAU"), _loc("Jeddah", 420, "SAU")]
    focus = compute_focus([dateline, *body], SENTS, dateline=dateline)
    assert focus.country == "YEM" and "dateline" in focus.evidence
    focus = compute_focus(body, SENTS, demonyms=[("YEM", 10), ("YEM", 40), ("YEM", 60)])
    assert focus.country == "YEM" and "demonyms" in focus.evidence


def test_unsure_places_weigh_less():
    sure = compute_focus([_loc("Salim", 320, "PSE"), _loc("Dhale", 420, "YEM", confidence=1.0)], SENTS)
    unsure = compute_focus([_loc("Salim", 320, "PSE"), _loc("Dhale", 420, "YEM", confidence=0.2)], SENTS)
    assert sure.confidence <= 0.5
    assert unsure.country == "PSE"


@pytest.mark.slow
def test_places_stage_sets_locations_and_focus():
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(stages=("nlp", "places")))
    adoc = pipeline(Document(text="KABUL, Afghanistan - Taliban fighters attacked a checkpoint in "
                                   "Herat province on Monday, Afghan officials said."))
    assert {loc.text for loc in adoc.locations} >= {"KABUL", "Herat province"}
    assert adoc.focus is not None and adoc.focus.country == "AFG"
    assert adoc.focus.confidence >= 0.9
    assert "dateline" in adoc.focus.evidence and "demonyms" in adoc.focus.evidence
    contract = adoc.to_contract()
    assert contract["focus"]["country"] == "AFG"
    assert contract["focus"]["countries"][0]["country"] == "AFG"


def test_places_runs_before_actors_in_the_default_pipeline():
    from eventscope.pipeline import DEFAULT_STAGES

    assert DEFAULT_STAGES.index("nlp") < DEFAULT_STAGES.index("places") < DEFAULT_STAGES.index("actors")
    assert DEFAULT_STAGES.index("events") < DEFAULT_STAGES.index("geo")


def test_focus_from_actors_needs_one_country_of_actors_that_act_at_home():
    from eventscope.geo.focus import focus_from_actors
    from eventscope.model import Actor

    shabaab = Actor(id="A1", name="Al-Shabaab", country="SOM", sector="REB")
    army = Actor(id="A2", name="Kenya Defence Forces", country="KEN", sector="MIL")
    police = Actor(id="A3", name="Kenya Police", country="KEN", sector="COP")
    villagers = Actor(id="A4", name="villagers", country="KEN", sector="CVL")
    home = ["REB", "COP"]
    focus = focus_from_actors([shabaab, army, villagers], home_sectors=home)
    assert (focus.country, focus.evidence) == ("SOM", ["actors"])
    assert focus.confidence > 0
    assert focus_from_actors([shabaab, police], home_sectors=home).country is None  # two countries
    assert focus_from_actors([army], home_sectors=home).country is None
    assert focus_from_actors([villagers], home_sectors=home).country is None
    assert focus_from_actors([]).country is None
