"""Finding actor mentions: names, headlines, places that are places, dates (texts written for these tests)."""

from __future__ import annotations

import pytest

from eventscope.actors import mention_at
from eventscope.actors.units import headline_case, is_common_word, looks_like_name
from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(PipelineConfig(stages=("nlp", "actors")))
    return lambda text, date="2019-06-01": pipe(Document(text=text, date=date))


def actor_at(adoc, text):
    start = adoc.document.text.index(text)
    m = mention_at(adoc, start, start + len(text))
    return adoc.actor(m.actor) if m else None


def test_generated_names_must_look_like_names():
    assert looks_like_name("Agshin Mehdiyev")
    assert looks_like_name("Nouri al-Maliki")
    assert looks_like_name("ABU BAKR")
    assert not looks_like_name("agshin mehdiyev")
    assert not looks_like_name("Mehdiyev, Agshin")


def test_common_words_with_inflections():
    assert is_common_word("Kills") and is_common_word("retakes") and is_common_word("shelling")
    assert not is_common_word("Qusayr")


@pytest.mark.slow
def test_headline_case_needs_every_content_word_capitalised(nlp):
    assert headline_case(next(nlp("Iraqi Police Arrest 12 Suspected Insurgents in Basra").sents))
    assert not headline_case(next(nlp("Sarah Jones of Human Rights Watch criticised the raid.").sents))


@pytest.mark.slow
def test_title_case_headline_is_read_in_sentence_case(run):
    adoc = run("Iraqi Police Arrest 12 Suspected Insurgents in Basra")
    police = actor_at(adoc, "Iraqi Police")
    assert police is not None and (police.country, police.sector) == ("IRQ", "COP")
    insurgents = actor_at(adoc, "Insurgents")
    assert insurgents is not None and insurgents.sector == "REB"
    assert all("Arrest" not in a.name for a in adoc.actors)


@pytest.mark.slow
def test_a_place_where_something_happens_is_no_actor(run):
    adoc = run("Fighting raged in Hodeidah on Monday. Houthi rebels fired rockets at Israel near the town of Midi.")
    names = {a.name for a in adoc.actors}
    assert "Hodeidah" not in names and "Midi" not in names
    assert actor_at(adoc, "Israel") is not None  # a target, not a place


@pytest.mark.slow
def test_a_state_named_in_a_sea_s_name_is_no_actor(run):
    adoc = run("Pyongyang fired two missiles into the Sea of Japan, and Iranian boats shadowed a tanker in the "
               "Persian Gulf near the Gulf of Oman.")
    assert actor_at(adoc, "Japan") is None and actor_at(adoc, "Persian") is None and actor_at(adoc, "Oman") is None
    assert actor_at(adoc, "Iranian").country == "IRN"
    adoc = run("The Philippine Coast Guard said Japan and Mexico sent ships.")
    assert actor_at(adoc, "Japan").country == "JPN" and actor_at(adoc, "Mexico").country == "MEX"


@pytest.mark.slow
def test_a_town_named_before_an_attack_or_a_pact_is_where_not_who(run):
    adoc = run("The Benghazi attack killed four Americans. Survivors of the Moscow concert hall attack spoke. "
               "A Hamas attack killed two soldiers.")
    assert actor_at(adoc, "Benghazi") is None and actor_at(adoc, "Moscow") is None
    assert actor_at(adoc, "Hamas") is not None
    adoc = run("Russia violated the Minsk agreement, Ukraine said at the Nuclear Security Summit.")
    assert actor_at(adoc, "Minsk") is None and actor_at(adoc, "Nuclear Security Summit") is None
    assert actor_at(adoc, "Russia").country == "RUS"


@pytest.mark.slow
def test_a_region_s_adjective_names_no_state_or_bloc(run):
    adoc = run("The West African bloc met Latin American envoys in Abuja. South African troops arrived.")
    assert actor_at(adoc, "West African bloc").sector == "IGO"
    assert actor_at(adoc, "Latin American envoys").country != "USA"
    assert actor_at(adoc, "South African troops").country == "ZAF"


@pytest.mark.slow
def test_months_and_numbers_are_no_actors(run):
    adoc = run("October was quiet. In March, 300 soldiers of the Chadian army crossed the border.")
    assert all(a.name not in ("October", "March") for a in adoc.actors)
    soldiers = actor_at(adoc, "soldiers")
    assert soldiers is not None and soldiers.country == "TCD"


@pytest.mark.slow
def test_actor_noun_before_an_act_is_the_actor(run):
    adoc = run("A police raid in the capital left three dead.")
    police = actor_at(adoc, "police")
    assert police is not None and police.sector == "COP"


@pytest.mark.slow
def test_a_surname_is_not_the_organisation_it_spells(run):
    adoc = run("Rapper Kanye West met Donald Trump on Thursday. Russia blamed the West for the crisis.")
    assert actor_at(adoc, "West met") is None or actor_at(adoc, "West met").name != "the West"
    west = actor_at(adoc, "West for")
    assert west is not None and (west.name, west.sector) == ("the West", "GOV")


@pytest.mark.slow
def test_a_body_of_a_state_is_one_actor(run):
    adoc = run("Britain reaffirmed its support for the Government of Iraq on Monday.")
    body = actor_at(adoc, "Government of Iraq")
    assert body is not None and (body.country, body.sector) == ("IRQ", "GOV")
    assert actor_at(adoc, "Britain").country == "GBR"


@pytest.mark.slow
def test_an_amount_is_no_actor_and_a_count_is_no_part_of_a_name(run):
    # a title-case headline: the tagger reads "6 Tons" as a person
    adoc = run("US Destroys 6 Tons of Ivory\nThe United States crushed six tons of seized ivory in Denver.")
    assert actor_at(adoc, "6 Tons") is None
    adoc = run("The footage showed a policeman shooting 19-year-old Darnell Hayes 12 times in March 2016.")
    start = adoc.document.text.index("Darnell Hayes")
    m = mention_at(adoc, start, start + len("Darnell Hayes"))
    assert m is not None and adoc.document.text[m.start:m.end] == "Darnell Hayes"
    # a surname alone, which the tagger may call an organisation with its count
    adoc = run("Officer Dale Briggs shot Darnell Morgan in 2016. The officer is accused of shooting Morgan 16 "
               "times as he lay on the pavement.")
    start = adoc.document.text.index("Morgan 16")
    m = mention_at(adoc, start, start + len("Morgan"))
    assert m is not None and adoc.document.text[m.start:m.end] == "Morgan"


@pytest.mark.slow
def test_an_actor_noun_owning_an_act_is_an_actor(run):
    adoc = run("Crowds marched against the military's removal of the elected leader. "
               "Not all of the rebels' requests were answered.")
    assert actor_at(adoc, "military") is not None and actor_at(adoc, "military").sector == "MIL"
    assert actor_at(adoc, "rebels") is not None and actor_at(adoc, "rebels").sector == "REB"


@pytest.mark.slow
def test_a_campaign_after_a_common_word_is_an_act_not_an_actor(run):
    adoc = run("The air campaign killed dozens of civilians. The Trump campaign denied the report.")
    assert actor_at(adoc, "air campaign") is None
    assert actor_at(adoc, "Trump campaign").sector == "PTY"


@pytest.mark.slow
def test_names_after_an_office_title_are_its_holder_though_the_tagger_missed_them(run):
    adoc = run("Governor Uba Sani condemned the attack on Sunday.")
    holder = actor_at(adoc, "Uba Sani")
    assert holder is not None and holder.kind == "person" and holder.sector == "GOV"
    # a faith's word is no office: "Muslim Rohingya" is no person titled Muslim
    adoc = run("Thai forces detained hundreds of Muslim Rohingya near the border.")
    rohingya = actor_at(adoc, "Rohingya")
    assert rohingya is None or rohingya.kind != "person"


@pytest.mark.slow
def test_an_actor_noun_before_an_act_starts_after_the_act_s_possessor(run):
    adoc = run("The United States strongly condemns today's terrorist attack on a school in Kabul.")
    terrorist = [m.text for m in adoc.mentions if "terrorist" in m.text]
    assert terrorist == ["terrorist"]


def test_a_name_with_a_possessive_inside_is_one_mention(run):
    adoc = run("Under the deal, the Tigray People's Liberation Front will hand over heavy weapons.")
    front = actor_at(adoc, "Tigray People's Liberation Front")
    assert front is not None and front.sector == "REB"
    assert not any(m.text == "Tigray" for m in adoc.mentions)


def test_a_plural_name_s_bare_apostrophe_owns_the_body_after_it():
    adoc = Pipeline(PipelineConfig(stages=("nlp", "places", "actors")))(Document(
        text="The Philippines’ Supreme Court on Tuesday approved a defence pact that will base U.S. troops and "
             "weapons in turns at several Philippine army camps.",
        date="2019-06-01"))
    court = actor_at(adoc, "Supreme Court")
    assert court is not None and court.country == "PHL"


def test_a_side_s_supporters_are_its_civilians(run):
    adoc = run("Thousands of junta supporters rallied outside the base. Opposition supporters marched in the capital.")
    assert actor_at(adoc, "junta supporters").sector == "CVL"
    assert actor_at(adoc, "Opposition supporters").sector == "OPP"


def test_a_place_that_names_a_bureau_s_affairs_is_part_of_its_name(run):
    # an office "for X affairs" is one actor; the place it deals with is not its owner
    adoc = run("China's Hong Kong and Macao Affairs Office rejected the statement on Monday.")
    office = actor_at(adoc, "Affairs Office")
    assert office is not None and office.sector == "GOV" and office.country == "CHN"


def test_an_organisation_s_name_before_a_state_s_is_its_branch_there(run):
    adoc = run("Oxfam India and two local charities asked the court to stop the evictions.")
    branch = actor_at(adoc, "Oxfam India")
    assert branch is not None and branch.country == "IND" and branch.sector == "NGO"
    adoc = run("Oxfam said on Monday that India had blocked the shipments.")  # two actors, one after the other
    assert actor_at(adoc, "India").sector is None


def test_a_nationality_word_the_parser_split_from_its_noun_is_part_of_it(run):
    adoc = run("Yerevan's defence ministry rejected the claim and accused Azerbaijani troops of shelling a farm "
               "near the border.")
    troops = actor_at(adoc, "troops")
    assert troops is not None and troops.country == "AZE" and troops.sector == "MIL"


def test_a_surname_alone_after_the_full_name_is_that_person(run):
    # the tagger misses the second "Tshabangu" at the start of its sentence; it is the same person
    adoc = run("Supporters rallied behind opposition leader Sikhumbuzo Tshabangu in Bulawayo on Sunday. "
               "Tshabangu, who lives in exile, urged them to stay peaceful.")
    first = actor_at(adoc, "Sikhumbuzo Tshabangu")
    start = adoc.document.text.index("Tshabangu,")
    m = mention_at(adoc, start, start + len("Tshabangu"))
    assert first is not None and m is not None and adoc.actor(m.actor) is first
