"""The actors stage on short texts written for these tests, and on the reference article."""

from __future__ import annotations

import pytest

from eventscope.actors import mention_at
from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(PipelineConfig(stages=("nlp", "actors")))

    def analyze(text: str, date: str | None = "2025-03-20"):
        return pipe(Document(text=text, date=date))

    return analyze


def actor_of(adoc, text: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = adoc.document.text.index(text, start + 1)
    m = mention_at(adoc, start, start + len(text))
    assert m is not None, text
    return adoc.actor(m.actor)


def test_apposition_surname_and_pronoun_corefer(run):
    adoc = run("Karim Haddad, the commander of the Lebanese army, visited Paris on Monday. "
               "He met French officials. Haddad later flew home.")
    karim = actor_of(adoc, "Karim Haddad")
    assert karim.kind == "person"
    assert (karim.country, karim.sector) == ("LBN", "MIL")
    assert actor_of(adoc, "the commander") is karim
    assert actor_of(adoc, "He") is karim
    assert actor_of(adoc, "Haddad", nth=1) is karim
    assert any("commander" in r.title for r in karim.roles)
    pron = [m for m in karim.mentions if m.label == "PRON"]
    assert pron and pron[0].text == "He"


def test_possessive_title_gets_country_and_posting(run):
    adoc = run("Egypt's ambassador to Sudan met the army chief in Port Sudan.")
    amb = actor_of(adoc, "ambassador")
    assert (amb.country, amb.sector, amb.kind) == ("EGY", "GOV", "person")
    assert amb.roles and amb.roles[0].posted_to == "SDN"
    assert actor_of(adoc, "Egypt").country == "EGY"


def test_title_before_name_codes_unknown_person(run):
    adoc = run("Nigerian Interior Minister Olu Adeyemi condemned the attack.")
    olu = actor_of(adoc, "Olu Adeyemi")
    assert (olu.country, olu.sector, olu.kind) == ("NGA", "GOV", "person")


def test_a_title_written_with_of_before_a_name_is_the_whole_title(run):
    adoc = run("White House Chief of Staff Dana Kowalski met congressional leaders on Friday.")
    chief = actor_of(adoc, "Dana Kowalski")
    assert chief.sector == "GOV"  # not LAB, from "Staff" alone


def test_time_bounded_role(run):
    text = "The US president said the talks would continue."
    assert actor_of(run(text, "2019-06-01"), "US president").name == "Donald Trump"
    assert actor_of(run(text, "2022-06-01"), "US president").name == "Joe Biden"


def test_states_capitals_and_demonyms_are_one_state_actor(run):
    adoc = run("Washington warned Tehran. The United States said Iranian drones were a threat. "
               "Iran rejected the claim.")
    usa = actor_of(adoc, "Washington")
    assert usa is actor_of(adoc, "United States")
    assert (usa.kind, usa.country) == ("state", "USA")
    iran = actor_of(adoc, "Tehran")
    assert iran is actor_of(adoc, "Iran ")
    assert actor_of(adoc, "Iranian").country == "IRN"


def test_ids_follow_first_mention_and_mentions_are_tight(run):
    adoc = run("Hamas fighters attacked Israeli troops near Gaza. The Israeli army responded.")
    assert [a.id for a in adoc.actors] == [f"A{i}" for i in range(1, len(adoc.actors) + 1)]
    firsts = [min(m.start for m in a.mentions) for a in adoc.actors]
    assert firsts == sorted(firsts)
    for m in adoc.mentions:
        assert adoc.document.text[m.start:m.end] == m.text
        assert not m.text.lower().startswith("the ")
    fighters = actor_of(adoc, "Hamas fighters")
    assert (fighters.country, fighters.sector) == ("PSE", "REB")
    assert actor_of(adoc, "Israeli troops").sector == "MIL"


def test_coordination_gives_two_actors(run):
    adoc = run("Iran and Iraq signed a security pact.")
    assert actor_of(adoc, "Iran").country == "IRN"
    assert actor_of(adoc, "Iraq").country == "IRQ"


def test_nationalities_sharing_one_noun_are_an_actor_each(run):
    adoc = run("Serbian and Hungarian border guards met in Szeged on Tuesday.")
    first, second = actor_of(adoc, "Serbian"), actor_of(adoc, "Hungarian border guards")
    assert (first.country, second.country) == ("SRB", "HUN")
    assert first.sector == second.sector is not None  # the shared noun's sector, read with each
    adoc = run("Police and army officers searched the village.")  # no nationality: one phrase each
    assert actor_of(adoc, "Police").sector == "COP"


def test_several_states_are_none_of_them_the_story_s(run):
    adoc = run("Iraqi officials said the border would stay closed. Several member states urged both sides to talk.")
    neighbours = actor_of(adoc, "member states")
    assert (neighbours.country, neighbours.sector) == (None, "GOV")


def test_pronoun_goes_to_the_subject_or_nowhere(run):
    adoc = run("David Miller met Karim Haddad in Paris. He said nothing.")
    he = adoc.document.text.index("He ")
    assert adoc.actor(mention_at(adoc, he, he + 2).actor).name == "David Miller"
    adoc = run("Talks between David Miller and Karim Haddad ended in Paris on Monday. He said nothing.")
    he = adoc.document.text.index("He ")
    assert mention_at(adoc, he, he + 2) is None


def test_reference_article(run, shared_dir):
    text = (shared_dir / "seed" / "qaani-baghdad.txt").read_text(encoding="utf-8")
    adoc = run(text, "2025-03-20")
    by_name = {a.name: a for a in adoc.actors}
    qaani = by_name["Esmail Qaani"]
    assert (qaani.country, qaani.sector) == ("IRN", "MIL")
    assert (by_name["Quds Force"].country, by_name["Quds Force"].sector) == ("IRN", "MIL")
    assert {m.text for m in qaani.mentions} >= {"Esmail Qaani", "Qaani", "He", "commander"}
    sudani = by_name["Mohammed Shia al-Sudani"]
    assert (sudani.country, sudani.sector) == ("IRQ", "GOV")
    assert by_name["Pete Hegseth"].country == "USA"
    assert (by_name["Houthis"].country, by_name["Houthis"].sector) == ("YEM", "REB")
    assert {m.text for m in by_name["Houthis"].mentions} >= {"Houthis", "Ansarallah"}
    pmf = by_name["Popular Mobilization Forces"]
    assert (pmf.country, pmf.sector) == ("IRQ", "MIL")
    assert (by_name["Coordination Framework"].country, by_name["Coordination Framework"].sector) == ("IRQ", "PTY")
    assert (by_name["Donald Trump"].country, by_name["Donald Trump"].sector) == ("USA", "GOV")
    amb = actor_of(adoc, "ambassador")
    assert (amb.country, amb.sector) == ("IRN", "GOV")
    factions = actor_of(adoc, "armed factions")
    assert (factions.country, factions.sector) == ("IRQ", "REB")
    for state in ("Iran", "Iraq", "United States", "Israel", "Yemen"):
        assert by_name[state].kind == "state"
    assert actor_of(adoc, "Baghdad") is by_name["Iraq"]


def test_pronoun_agrees_in_gender(run):
    adoc = run("Karim Haddad arrived in Beirut with his wife. He spoke to reporters.")
    he = adoc.document.text.index("He ")
    assert adoc.actor(mention_at(adoc, he, he + 2).actor).name == "Karim Haddad"


def test_lower_case_words_are_not_towns(run):
    adoc = run("More refugees crossed the border as more fighters arrived.")
    for a in adoc.actors:
        assert a.country is None, a


def test_definite_description_and_its_take_the_named_actor(run):
    adoc = run("Hezbollah fired rockets at a base. The group said its fighters were safe.")
    hez = actor_of(adoc, "Hezbollah")
    assert actor_of(adoc, "group") is hez
    fighters = actor_of(adoc, "fighters")
    assert (fighters.country, fighters.sector) == ("LBN", "REB")
    adoc = run("The Syrian army shelled Idlib. Later the army withdrew.")
    assert actor_of(adoc, "army", nth=1) is actor_of(adoc, "Syrian army")
    # a government body's forces are its state's military, not the body's own sector
    adoc = run("Russia's defence ministry said its forces had struck a fuel depot.")
    forces = actor_of(adoc, "forces")
    assert (forces.country, forces.sector) == ("RUS", "MIL")


def test_affiliation_after_a_name(run):
    adoc = run("Sarah Jones of Human Rights Watch criticised the raid.")
    sarah = actor_of(adoc, "Sarah Jones")
    assert (sarah.kind, sarah.sector) == ("person", "NGO")


def test_mention_at_prefers_the_syntactic_head():
    from eventscope.actors import ActorStage
    from eventscope.model import AnalyzedDocument
    from eventscope.nlp.stage import NlpStage

    nlp, actors = NlpStage(), ActorStage()
    nlp.initialize()
    actors.initialize()
    adoc = AnalyzedDocument(document=Document(text="Iran's ambassador to Iraq met the minister."))
    adoc = actors(next(nlp.pipe([adoc])))  # the parse is still there, as in the events stage
    text = adoc.document.text
    span = "Iran's ambassador to Iraq"
    m = mention_at(adoc, text.index(span), text.index(span) + len(span))
    assert m is not None and m.text == "ambassador"


def test_an_undated_story_reads_a_person_in_his_latest_office(run):
    # read at today's date his roles have all ended; the undated story is about him in office
    carter = actor_of(run("Ash Carter met Iraqi officials in Baghdad.", None), "Ash Carter")
    assert (carter.country, carter.sector) == ("USA", "GOV")
    assert actor_of(run("Ash Carter met Iraqi officials in Baghdad.", "2025-06-01"), "Ash Carter").sector == "ELI"
    former = actor_of(run("Former defense secretary Ash Carter met Iraqi officials.", None), "Ash Carter")
    assert former.sector == "ELI"


def test_title_next_to_a_name_is_not_todays_holder(run):
    adoc = run("The commander of the Lebanese army, Karim Haddad, visited Paris.", "2025-06-01")
    karim = actor_of(adoc, "Karim Haddad")
    assert actor_of(adoc, "commander") is karim
    assert karim.name == "Karim Haddad" and karim.kb_id is None
    assert (karim.country, karim.sector) == ("LBN", "MIL")


def test_two_names_in_apposition_stay_two_actors(run):
    adoc = run("Senator Bob Corker, David Petraeus and Nikki Haley met in Washington.")
    assert actor_of(adoc, "Bob Corker") is not actor_of(adoc, "David Petraeus")


def test_a_bloc_is_international_unless_said_otherwise_and_force_alone_is_no_actor(run):
    adoc = run("The regional bloc threatened to use force. The opposition bloc boycotted the vote.")
    assert actor_of(adoc, "regional bloc").sector == "IGO"
    assert actor_of(adoc, "opposition bloc").sector == "OPP"
    assert all(m.text != "force" for m in adoc.mentions)
    # nor force qualified by its manner; a force with an article acts
    adoc = run("Police used excessive force against the marchers. A multinational force arrived in the capital.")
    assert not any("force" in m.text and "multinational" not in m.text for m in adoc.mentions)
    assert actor_of(adoc, "multinational force") is not None


def test_a_process_noun_alone_as_an_object_is_no_actor_but_its_people_are(run):
    adoc = run("The governor warned that looters would face prosecution. Spending on defence rose again. "
               "He vowed that the killers would be brought to justice.")
    assert not any(m.text.lower() in ("prosecution", "defence", "justice") for m in adoc.mentions)
    adoc = run("The prosecution asked the judge to refuse bail.")
    assert actor_of(adoc, "prosecution").sector == "JUD"


def test_the_forces_a_leader_commands_are_his_countrys(run):
    adoc = run("Serbian President Aleksandar Vucic ordered the army to combat readiness on Monday after clashes "
               "in the Kosovo town of Zvecan.", "2024-06-01")
    assert actor_of(adoc, "army").country == "SRB"
    adoc = run("Police in Kosovo clashed with ethnic Serbs. The army was put on alert.", "2024-06-01")
    assert actor_of(adoc, "army").country != "SRB"


def test_a_coalition_that_strikes_is_armed_one_that_campaigns_is_not(run):
    adoc = run("Ten militants were killed in coalition airstrikes near Mosul.")
    assert actor_of(adoc, "coalition").sector == "MIL"
    adoc = run("The coalition campaign for the election began on Monday.")
    assert actor_of(adoc, "coalition").sector == "PTY"
    # in a story of armed acts a coalition is the armed one; a ruling coalition governs
    adoc = run("Coalition jets carried out 12 airstrikes near Mosul. The international coalition is also "
               "training Iraqi troops.")
    assert actor_of(adoc, "international coalition").sector == "MIL"
    adoc = run("The ruling coalition lost its majority in parliament on Monday.")
    assert actor_of(adoc, "ruling coalition").sector == "GOV"


def test_a_bare_title_refers_to_who_the_text_gave_that_title(run):
    # the knowledge base's role for the date may differ; the title written before the name counts
    adoc = run("Foreign Secretary Philip Hammond arrived in Baghdad on Monday. The Foreign Secretary then held "
               "talks with the Iraqi prime minister.", date="2015-06-01")
    hammond = actor_of(adoc, "Philip Hammond")
    assert actor_of(adoc, "Foreign Secretary", nth=1) is hammond
    assert hammond.country == "GBR"


def test_a_common_word_opening_a_sentence_is_no_town(run):
    # Uman (Ukraine) is also written "Human"; a sentence's first word is capitalised anyway
    adoc = run("Human rights groups condemned the arrests. Mobile police detained two men.")
    assert (actor_of(adoc, "Human rights groups").country, actor_of(adoc, "Human rights groups").sector) == (None, "NGO")
    assert actor_of(adoc, "Mobile police").country is None
    # a big city of that spelling is meant as the city, and a name is no common word
    assert actor_of(run("Nice police detained two men."), "Nice police").country == "FRA"
    assert actor_of(run("Cairo police detained two men."), "Cairo police").country == "EGY"



def test_the_surname_of_a_named_person_is_that_person_not_a_town(run):
    # "Paul" is also a county of Cape Verde; here it is the senator the story named in full
    adoc = run("Kentucky Senator Rand Paul spoke in Iowa on Thursday. Cruz drew attacks from Paul and Rubio.",
               date="2016-01-28")
    paul = actor_of(adoc, "Paul", nth=1)
    assert paul is actor_of(adoc, "Rand Paul")
    assert paul.country != "CPV"


def test_a_one_word_name_ending_a_named_person_is_read_as_a_surname():
    from eventscope.actors.stage import _surname_of_a_named_person
    from eventscope.actors.units import Unit
    from eventscope.nlp import load_spacy

    doc = load_spacy()("Kentucky Senator Rand Paul spoke on Thursday. Paul called the plan a wrong idea.")
    paul = next(t.i for t in doc if t.text == "Paul" and t.i > 5)
    assert _surname_of_a_named_person(doc, Unit(paul, paul + 1, "GPE"))
    alone = load_spacy()("Fighting was reported in Paul on Thursday.")
    at = next(t.i for t in alone if t.text == "Paul")
    assert not _surname_of_a_named_person(alone, Unit(at, at + 1, "GPE"))


def test_a_national_red_crescent_society_is_its_country_s_ngo(run):
    adoc = run("Aid came from the Turkish Red Crescent on Monday. The Red Cross sent tents.")
    society = actor_of(adoc, "Red Crescent")
    assert (society.country, society.sector) == ("TUR", "NGO")
    # the international committee, named alone, stays international
    assert (actor_of(adoc, "Red Cross").country, actor_of(adoc, "Red Cross").sector) == ("NGO", "NGO")


def test_a_headline_glued_to_its_lead_names_its_actors_without_the_hyphen(run):
    adoc = run("Burma Releases More Political Prisoners-Five detainees walked free on Tuesday, state media said.")
    prisoners = [m for m in adoc.mentions if m.text.endswith("Prisoners") or m.text.endswith("Prisoners-")]
    assert [m.text for m in prisoners] == ["More Political Prisoners"]
    assert actor_of(adoc, "Burma").country == "MMR"
    assert adoc.sentences[0].text.endswith("Prisoners-")  # the recased parse leaves the text alone


def test_a_title_s_alias_yields_to_the_full_name_and_a_short_name_resolves(run):
    adoc = run("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow. "
               "Xi later warned the United States against interfering in Taiwan.", "2024-06-01")
    assert all(m.text != "Jinping" for m in adoc.mentions)
    xi = actor_of(adoc, "Xi", 1)
    assert (xi.name, xi.country) == ("Xi Jinping", "CHN")
    assert actor_of(adoc, "Xi Jinping") is xi



def test_a_place_whose_name_holds_a_state_s_is_that_place():
    from eventscope import analyze

    adoc = analyze("New Mexico Democratic Senator Tom Udall backed the deal. Mexico rejected it.", "2015-07-31")
    assert actor_of(adoc, "New Mexico").country == "USA"
    assert actor_of(adoc, "Mexico", 1).country == "MEX"


def test_a_capital_before_an_attack_is_where_it_happened(run):
    # "Brussels" also names the European Commission; before an attack it is the city
    adoc = run("The Brussels attacks killed 32 people in March.", "2016-03-23")
    assert all(m.text != "Brussels" for m in adoc.mentions)


def test_an_organisation_named_after_its_state_is_that_state_s(run):
    # read without its possessor, "Foreign Ministry" had no country (and "foreign" keeps the story's out)
    adoc = run("Iran's Foreign Ministry condemned the strikes. Saudi Arabia's Interior Ministry said it arrested "
               "three men.")
    assert actor_of(adoc, "Foreign Ministry").country == "IRN"
    assert actor_of(adoc, "Interior Ministry").country == "SAU"
    assert actor_of(adoc, "Iran").country == "IRN"  # the state stays an actor of its own


def test_nationals_are_civilians_of_their_state(run):
    adoc = run("Prosecutors charged seven Chinese nationals with hacking into the networks.")
    assert (actor_of(adoc, "Chinese nationals").country, actor_of(adoc, "Chinese nationals").sector) == ("CHN", "CVL")


def test_a_title_in_apposition_says_what_a_known_person_is_in_the_story(run):
    # the knowledge base's roles for the date are not the story's: the title beside the name is
    adoc = run("The opposition leader, Raila Odinga, condemned the killings.", "2024-06-25")
    assert actor_of(adoc, "Raila Odinga").sector == "OPP"
    adoc = run("Lebanon's prime minister, Najib Mikati, condemned the strikes.", "2026-11-20")
    assert actor_of(adoc, "Najib Mikati").sector == "GOV"
    adoc = run("Richard Holbrooke, the U.S. special representative for Afghanistan, met Karzai.", "2010-06-01")
    assert actor_of(adoc, "Richard Holbrooke").sector == "GOV"  # an envoy, not a congressman
    # a title written in front of the name is read with it and wins
    adoc = run("Representative Nancy Pelosi, leader of her party in the House, criticised the verdict.", "2015-06-26")
    assert actor_of(adoc, "Nancy Pelosi").sector == "LEG"


def test_a_language_is_no_actor(run):
    adoc = run("The agency sent interpreters who can speak Arabic, Farsi and Pashto to the islands.")
    assert not any(m.text in ("Farsi", "Pashto") for m in adoc.mentions)


def test_debris_that_falls_is_no_actor(run):
    adoc = run("Kharkiv's air defences downed six drones overnight. Debris fell on a school in the Saltivka district, "
               "injuring two guards, the regional governor said.")
    assert not any(m.text == "Debris" for m in adoc.mentions)


def test_a_rank_written_as_an_adjective_is_no_actor(run):
    adoc = run("The opposition leader called for a general strike. Rebels launched a major attack on the town.")
    assert not any(m.text.lower() in ("general", "major") for m in adoc.mentions)
    # the rank before its act still acts, and a general named as one is an actor
    adoc = run("Army shelling hit the town. The general said the troops would withdraw.")
    assert actor_of(adoc, "Army").sector == "MIL"
    assert actor_of(adoc, "general").sector == "MIL"


def test_a_machine_of_war_without_its_owner_takes_no_story_country(run):
    text = ("Sudan's army said drones struck the airport in Port Sudan. Sudanese troops guarded the city. "
            "Sudan's government blamed the RSF.")
    adoc = run(text)
    assert actor_of(adoc, "drones").country is None
    assert actor_of(adoc, "troops").country == "SDN"
    # owned, it is its owner's
    adoc = run("Russian drones struck the port of Odesa on Monday.")
    assert actor_of(adoc, "Russian drones").country == "RUS"


def test_the_last_word_of_a_title_with_of_is_no_actor_of_its_own(run):
    adoc = run("US Secretary of State Antony Blinken met Xi Jinping in Beijing.", "2024-04-26")
    assert not any(m.text == "State" for m in adoc.mentions)
    assert actor_of(adoc, "Antony Blinken").sector == "GOV"
    adoc = run("Chief of Staff Mark Meadows met the governor.", "2020-04-26")
    assert not any(m.text == "Staff" for m in adoc.mentions)
    # the tagger may take the title's last word and the name for one organisation
    adoc = run("The team was led by Assistant Secretary of State Holly Phee, who visited Lagos.")
    assert not any(m.text.startswith("State") for m in adoc.mentions)
    assert actor_of(adoc, "Holly Phee").sector == "GOV"
    # a state named after "of" in a body's name is still the body's
    adoc = run("The Government of Iraq welcomed the agreement.")
    assert actor_of(adoc, "Government of Iraq").country == "IRQ"


def test_their_after_people_joined_by_and_is_no_single_actor(run):
    adoc = run("North Carolina Representative David Price and New Mexico Senator Tom Udall declared their "
               "backing for the deal.", "2015-07-31")
    their = next((m for m in adoc.mentions if m.text == "their"), None)
    assert their is None or their.actor is None
    # after one group, it is that group's
    adoc = run("The rebels announced their support for the agreement.", "2015-07-31")
    their = next(m for m in adoc.mentions if m.text == "their")
    assert their.actor == actor_of(adoc, "rebels").id


def test_a_wedding_party_is_civilians_not_a_political_party(run):
    adoc = run("Airstrikes hit a wedding party in Taiz province, killing 30 people.")
    assert actor_of(adoc, "wedding party").sector == "CVL"
    adoc = run("The ruling party won the vote in Taiz province.")
    assert actor_of(adoc, "ruling party").sector == "PTY"


def test_a_trade_representative_is_government_not_a_legislator(run):
    adoc = run("U.S. Trade Representative Dana Kowalski urged Beijing to return to negotiations.")
    assert actor_of(adoc, "Dana Kowalski").sector == "GOV"


def test_a_title_word_that_is_another_phrase_s_object_is_no_title_of_the_next_name(run):
    # a text without full stops: "leadership" closes one sentence, "Amnesty International" opens the next
    adoc = run("The United States praised Kenya for its leadership Amnesty International urged Kenya to act.")
    amnesty = actor_of(adoc, "Amnesty International")
    assert amnesty.sector == "NGO"
    adoc = run("U.S. Defense Secretary Pete Hegseth visited the base.")
    assert actor_of(adoc, "Pete Hegseth").sector == "GOV"
    adoc = run("A delegation led by Assistant Secretary of State Molly Phee visited the capital.")
    assert actor_of(adoc, "Molly Phee").sector == "GOV"
