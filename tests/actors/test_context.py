"""Generic actors take the story's country; the reference date is explicit (texts written for these tests)."""

from __future__ import annotations

import pytest

from eventscope.actors import ActorStage, mention_at
from eventscope.model import AnalyzedDocument, Document, DocumentFocus
from eventscope.nlp.stage import NlpStage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stages():
    nlp, actors = NlpStage(), ActorStage()
    nlp.initialize()
    actors.initialize()
    return nlp, actors


@pytest.fixture(scope="module")
def run(stages):
    nlp, actors = stages

    def analyze(text, focus=None, date="2019-06-01"):
        adoc = AnalyzedDocument(document=Document(text=text, date=date))
        adoc = next(nlp.pipe([adoc]))
        adoc.focus = focus
        return actors(adoc)

    return analyze


def actor_at(adoc, text):
    start = adoc.document.text.index(text)
    m = mention_at(adoc, start, start + len(text))
    return adoc.actor(m.actor) if m else None


def test_focus_country_codes_generic_actors_with_its_confidence(run):
    focus = DocumentFocus(country="YEM", confidence=0.8, countries=[("YEM", 0.8), ("SAU", 0.2)])
    adoc = run("Government forces shelled the port. Security forces arrested militants. The regime denied it.",
               focus=focus)
    for text, sector in (("Government forces", "MIL"), ("Security forces", "COP"), ("militants", "REB"),
                         ("regime", "GOV")):
        actor = actor_at(adoc, text)
        assert actor is not None and (actor.country, actor.sector) == ("YEM", sector), text
        assert actor.confidence == pytest.approx(0.8)


def test_weak_focus_codes_nothing(run):
    focus = DocumentFocus(country="YEM", confidence=0.3, countries=[("YEM", 0.3), ("SAU", 0.3)])
    adoc = run("Government forces shelled the port.", focus=focus)
    assert actor_at(adoc, "Government forces").country is None


def test_a_place_in_the_sentence_wins_over_the_focus(run):
    focus = DocumentFocus(country="SAU", confidence=0.9)
    adoc = run("Police fired tear gas at protesters in Sanaa.", focus=focus)
    assert actor_at(adoc, "Police").country == "YEM"


def test_foreign_forces_do_not_take_the_story_country(run):
    focus = DocumentFocus(country="SYR", confidence=0.9)
    adoc = run("Foreign fighters and coalition forces clashed near the border.", focus=focus)
    assert actor_at(adoc, "Foreign fighters").country is None
    assert actor_at(adoc, "coalition forces").country is None


def test_the_foreign_ministry_is_the_story_s_own_office(run):
    # "foreign" names the office here, not where the ministry comes from
    focus = DocumentFocus(country="SRB", confidence=0.9)
    adoc = run("The Foreign Ministry said it would reply to the note on Monday.", focus=focus)
    assert (actor_at(adoc, "Foreign Ministry").country, actor_at(adoc, "Foreign Ministry").sector) == ("SRB", "GOV")


def test_a_state_owning_whom_an_act_is_done_to_is_not_where_the_sentence_is(run):
    # Croatia is named as the other party (through its envoy), not as the ministry's country
    focus = DocumentFocus(country="SRB", confidence=0.9)
    adoc = run("The Foreign Ministry summoned Croatia's ambassador on Tuesday over the remarks.", focus=focus)
    assert actor_at(adoc, "Foreign Ministry").country == "SRB"


def test_a_lawmaker_is_the_story_s_but_a_spokesman_could_be_anyone_s(run):
    focus = DocumentFocus(country="AUT", confidence=0.9)
    adoc = run("Green party lawmaker Anna Kessler criticised the asylum law, a spokesman said.", focus=focus)
    assert (actor_at(adoc, "Anna Kessler").country, actor_at(adoc, "Anna Kessler").sector) == ("AUT", "LEG")
    assert actor_at(adoc, "spokesman").country is None


def test_an_officer_is_police_in_a_story_about_police(run):
    focus = DocumentFocus(country="USA", confidence=0.9)
    adoc = run("Police in Oakdale detained two men on Friday. The officer who fired, Mark Tolley, was suspended. "
               "Police said officers were attacked.", focus=focus)
    for text in ("officer", "Mark Tolley", "officers"):
        actor = actor_at(adoc, text)
        assert actor is not None and (actor.country, actor.sector) == ("USA", "COP"), text


def test_an_officer_stays_military_in_a_story_about_an_army(run):
    adoc = run("Army troops shelled the village. An officer said soldiers had taken the hill; police were not there.")
    assert actor_at(adoc, "officer").sector == "MIL"


def test_without_focus_the_country_the_story_names_most(run):
    adoc = run("Clashes erupted in Aleppo and Homs. Government forces shelled rebel positions.", focus=None)
    assert actor_at(adoc, "Government forces").country == "SYR"


def test_undated_document_says_which_date_its_roles_were_read_at(stages):
    nlp, _ = stages
    actors = ActorStage(default_date="2016-01-01")
    actors.initialize()
    undated = actors(next(nlp.pipe([AnalyzedDocument(document=Document(text="Barack Obama spoke."))])))
    assert undated.actors[0].as_of == "2016-01-01" and undated.actors[0].sector == "GOV"
    dated = actors(next(nlp.pipe([AnalyzedDocument(document=Document(text="Barack Obama spoke.",
                                                                     date="2019-01-01"))])))
    assert dated.actors[0].as_of is None and dated.actors[0].sector == "ELI"


def test_stage_keeps_no_per_document_state(stages):
    _, actors = stages
    before = dict(vars(actors))
    for text, date in (("The US president spoke.", "2019-06-01"), ("The US president spoke.", None)):
        nlp = stages[0]
        actors(next(nlp.pipe([AnalyzedDocument(document=Document(text=text, date=date))])))
    assert vars(actors) == before


def test_a_name_nothing_codes_is_the_story_s_not_the_sentence_place_s(run):
    focus = DocumentFocus(country="USA", confidence=0.9)
    adoc = run("Prosecutors in Chicago charged Darnell Pruitt with murder. Pruitt later flew to Mexico City, "
               "where Darnell Pruitt was arrested.", focus=focus)
    actor = actor_at(adoc, "Darnell Pruitt")
    assert actor is not None and actor.country == "USA"
    assert actor.sector is None  # the country only: nothing says what he is


def test_a_name_with_a_nationality_keeps_it(run):
    focus = DocumentFocus(country="USA", confidence=0.9)
    adoc = run("French engineer Luc Marchetti was detained in Texas.", focus=focus)
    assert actor_at(adoc, "Luc Marchetti").country == "FRA"


def test_a_nationality_in_front_of_a_name_beats_the_story(run):
    focus = DocumentFocus(country="USA", confidence=0.9)
    adoc = run("Canadian musician Rory Hallett cancelled a concert in Mississippi.", focus=focus)
    assert actor_at(adoc, "Rory Hallett").country == "CAN"
    adoc = run("Police questioned a Danish sculptor, Rasmus Krogh, about the fire in Tulsa.", focus=focus)
    assert actor_at(adoc, "Rasmus Krogh").country == "DNK"



def test_a_town_naming_talks_is_not_where_the_people_are():
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipe = Pipeline(PipelineConfig(stages=("nlp", "places", "actors")))
    adoc = pipe(Document(text="Syrian jets struck Aleppo and Idlib on Monday. Dozens of civilians were killed "
                              "after the Geneva peace talks stalled last week.", date="2019-06-01"))
    assert actor_at(adoc, "Dozens of civilians").country == "SYR"
    # the town where people are still says where they are from
    there = pipe(Document(text="Police fired tear gas at protesters in Geneva on Friday.", date="2019-06-01"))
    assert actor_at(there, "Police").country == "CHE"



def test_a_state_named_as_the_other_party_is_not_where_the_sentence_is():
    from eventscope import analyze

    # the places stage reads "France" as a toponym; here it is the partner, not where the junta is
    adoc = analyze("Niger's military rulers expelled the French ambassador on Friday. The junta, which seized "
                   "power in July, also said it was suspending military cooperation with France.", "2023-08-26")
    assert actor_at(adoc, "junta").country != "FRA"
    assert actor_at(adoc, "French ambassador").country == "FRA"
    # nor is the state that deals with it
    adoc = analyze("Washington presses Iraq over armed groups. Iraqi officials met the militias in Baghdad.",
                   "2025-03-20")
    assert actor_at(adoc, "armed groups").country != "USA"
    # nor a state that looks on
    adoc = analyze("NIAMEY (Reuters) - To Washington's dismay, the junta expelled the French ambassador.",
                   "2023-08-26")
    assert actor_at(adoc, "junta").country == "NER"
    # nor the state that acts on a place of another country: the dead were in Ukraine
    adoc = analyze("Four people died when Russia shelled Kharkiv, Ukraine's second largest city, on Monday.",
                   "2024-06-04")
    assert actor_at(adoc, "Four people").country == "UKR"
    # nor the one sanctions are put on: the lawmakers meet in Kyiv
    adoc = analyze("Lawmakers meeting in Kyiv approved new sanctions on Russia on Tuesday.", "2024-05-01")
    assert actor_at(adoc, "Lawmakers").country == "UKR"
    # nor the one a demand is made of: the protesters rally in Seoul
    adoc = analyze("SEOUL, May 7 (EVS) - South Korean President Yoon Suk Yeol met Japan's prime minister on Sunday.\n\n"
                   "Hundreds of protesters rallied near the presidential office, demanding that Japan apologise "
                   "for its wartime forced labour.", "2023-05-07")
    assert actor_at(adoc, "Hundreds of protesters").country == "KOR"


def test_a_home_office_holder_or_an_army_s_spokesman_is_the_story_s_a_spokesman_is_not(run):
    focus = DocumentFocus(country="PAK", confidence=0.9)
    adoc = run("The interior minister accused the party of planning the attacks.", focus=focus)
    assert actor_at(adoc, "interior minister").country == "PAK"
    adoc = run("The foreign minister accused the party of planning the attacks.", focus=focus)
    assert actor_at(adoc, "foreign minister").country is None  # could be anyone's
    # the army's or the police's spokesman speaks for the story's army or police
    adoc = run("Army spokesman Nabil Abdallah blamed the rebels for the strikes.", focus=focus)
    assert actor_at(adoc, "Nabil Abdallah").country == "PAK"
    adoc = run("A spokesman blamed the rebels for the strikes.", focus=focus)
    assert actor_at(adoc, "spokesman").country is None


def test_a_group_that_tells_the_news_is_the_story_s_a_kind_of_group_is_not(run):
    focus = DocumentFocus(country="MMR", confidence=0.9)
    adoc = run("Airstrikes killed 20 people in the village, a resistance group said.", focus=focus)
    assert actor_at(adoc, "resistance group").country == "MMR"
    adoc = run("The law bans membership of a resistance group.", focus=focus)
    assert actor_at(adoc, "resistance group") is None or actor_at(adoc, "resistance group").country is None


def test_the_media_of_a_story_are_the_story_s(run):
    focus = DocumentFocus(country="EGY", confidence=0.9)
    adoc = run("Pro-government media accused the activists of treason.", focus=focus)
    assert actor_at(adoc, "Pro-government media").country == "EGY"


def _placed(text: str):
    """The actors of a text read after the places stage (the sentence places come from it)."""
    from eventscope.pipeline import Pipeline, PipelineConfig

    return Pipeline(PipelineConfig(stages=("nlp", "places", "actors")))(Document(text=text, date="2024-05-01"))


@pytest.mark.parametrize("text, phrase, country", [
    # a direction ("taking Georgia back toward Russia")
    ("Thousands marched in Tbilisi on Saturday against the bill. Opposition leaders accused the ruling party of "
     "taking Georgia back toward Russia.", "Opposition leaders", "RUS"),
    # whose the teller is ("U.S. officials said")
    ("Venezuela's government signed a deal with the opposition in Caracas on Tuesday. In return, the government "
     "freed five political prisoners, U.S. officials said.", "political prisoners", "USA"),
    # whom an act is for ("an aid package for Ukraine")
    ("BRUSSELS - Hungary on Thursday blocked a European Union aid package for Ukraine, forcing leaders to postpone "
     "a decision until next year.", "leaders", "UKR"),
    # a place hyphened to a participle describes someone ("a US-based cleric")
    ("ANKARA - Authorities detained 87 people on Tuesday over links to a US-based cleric. The raids took place in "
     "Ankara and Istanbul.", "people", "USA"),
    # whose drones they are ("air strikes by U.S. drones")
    ("MOGADISHU - Somali forces recaptured the town of Adan Yabaal on Monday. The militants withdrew after days of "
     "air strikes by the Somali air force and U.S. drones, residents said.", "militants", "USA"),
    ("MOGADISHU - Somali forces recaptured the town of Adan Yabaal on Monday. The militants withdrew after days of "
     "air strikes by the Somali air force and U.S. drones, residents said.", "residents", "USA"),
])
def test_a_country_that_says_no_place_is_not_the_sentence_s_people_s(stages, text, phrase, country):
    assert actor_at(_placed(text), phrase).country != country


@pytest.mark.parametrize("text, phrase, sector", [
    ("A suicide bomber killed 12 people at a market in Mogadishu on Saturday, police said. "
     "The bomber detonated his vest near a crowded cafe.", "The bomber", "REB"),
    ("Russian warplanes struck the town on Monday, the air force said. A bomber was shot down.", "A bomber", "MIL"),
])
def test_a_bomber_is_a_militant_in_a_story_of_militants_and_an_aircraft_in_one_of_air_forces(text, phrase, sector):
    assert actor_at(_placed(text), phrase).sector == sector


def test_an_opposition_leader_of_the_story_is_of_its_country(stages):
    adoc = _placed("TBILISI - A court in Georgia on Thursday sentenced opposition leader Nika Melia to eight months "
                   "in prison. The European Union's ambassador called the verdict deeply concerning.")
    assert actor_at(adoc, "Nika Melia").country == "GEO"


@pytest.mark.parametrize("text, phrase, country", [
    # an army that tells of soldiers tells of its own
    ("HEBRON, West Bank - The Israeli army said soldiers shot a man who approached a checkpoint near the city on "
     "Friday.", "soldiers", "ISR"),
    # a place in the phrase itself says where its people are
    ("The militia fired rockets at army posts in northern Israel on Sunday, a day after a drone strike in southern "
     "Lebanon.", "army", "ISR"),
])
def test_the_speaker_or_the_phrase_itself_says_whose_they_are(stages, text, phrase, country):
    assert actor_at(_placed(text), phrase).country == country


@pytest.mark.parametrize("text, phrase, country", [
    # whom a state acts upon is another's ("Washington urged the authorities")
    ("BAMAKO - The junta suspended all political parties on Wednesday. Washington urged the authorities to lift "
     "the ban.", "the authorities", "USA"),
    # the far side of a frontier ("near the Thai border")
    ("YANGON - The junta extended emergency rule on Monday. Rebel fighters have captured several towns near "
     "China's border in recent months.", "Rebel fighters", "CHN"),
    # whom they are backed by ("rebels supported by Rwanda")
    ("KINSHASA - The army lost more ground on Monday. Rebels supported by Rwanda seized the mining town.",
     "Rebels", "RWA"),
    # where their own act lands ("fired rockets at southern Israel", "fled into Jordan")
    ("The air force said it struck gunmen who had fired mortar rounds at southern Israel.", "gunmen", "ISR"),
    ("Hundreds of families who fled into Jordan last week were sent back on Friday.", "families", "JOR"),
])
def test_a_state_beside_or_acting_upon_the_people_is_not_theirs(stages, text, phrase, country):
    assert actor_at(_placed(text), phrase).country != country


def test_a_bare_head_of_government_is_the_story_s(run):
    # "the prime minister" who joins no one named before leads the story's government
    focus = DocumentFocus(country="GEO", confidence=0.9)
    adoc = run("The prime minister accused the opposition of plotting a coup.", focus=focus)
    assert actor_at(adoc, "prime minister").country == "GEO"
    adoc = run("The president vetoed the bill on Tuesday.", focus=focus)
    assert actor_at(adoc, "president").country == "GEO"
