"""Coreference to the actor: pronouns, titles, quotes (texts written for these tests)."""

from __future__ import annotations

import pytest

from eventscope.actors import mention_at
from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig

pytestmark = pytest.mark.slow

PRONOUNS = {"he", "she", "it", "they", "them", "their", "its", "we", "i", "you", "his", "her"}


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(PipelineConfig(stages=("nlp", "actors", "quotes")))
    return lambda text, date="2019-06-01": pipe(Document(text=text, date=date))


def actor_at(adoc, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = adoc.document.text.index(text, start + 1)
    m = mention_at(adoc, start, start + len(text))
    return adoc.actor(m.actor) if m else None


def test_they_and_it_name_an_organisation(run):
    adoc = run("Hezbollah fired rockets at northern Israel. They said the attack was retaliation. "
               "It also warned Israeli leaders.")
    hezbollah = actor_at(adoc, "Hezbollah")
    assert actor_at(adoc, "They") is hezbollah
    assert actor_at(adoc, "It") is hezbollah


def test_they_who_protest_are_the_protesters_named_before(run):
    adoc = run("Security forces killed nearly 1,000 Islamist protesters in August. They were protesting the "
               "ouster of the president.")
    assert actor_at(adoc, "They") is actor_at(adoc, "Islamist protesters")
    adoc = run("Security forces killed nearly 1,000 Islamist protesters in August. They were accused of "
               "using excessive force.")
    assert actor_at(adoc, "They") is not actor_at(adoc, "Islamist protesters")


def test_object_pronoun_is_not_its_own_verbs_subject(run):
    adoc = run("Police arrested dozens of protesters and beat them.")
    assert actor_at(adoc, "them") is actor_at(adoc, "protesters")
    assert actor_at(adoc, "them") is not actor_at(adoc, "Police")


def test_it_that_names_nothing_stays_unresolved(run):
    adoc = run("The Iraqi government met on Monday. It is unclear when the vote will be held.")
    assert actor_at(adoc, "It") is None


def test_pronoun_after_a_quote_is_not_someone_named_inside_it(run):
    adoc = run("Analyst Mary Okafor spoke to reporters. “President Obama will not go,” she said.")
    assert actor_at(adoc, "she") is actor_at(adoc, "Mary Okafor")


def test_we_inside_a_quote_is_the_speaker(run):
    adoc = run("“We will downgrade their embassy staff,” the Pakistani foreign ministry spokesman said on Tuesday.")
    we = actor_at(adoc, "We")
    assert we is not None and we is actor_at(adoc, "spokesman")
    assert (we.country, we.sector) == ("PAK", "GOV")


def test_unresolvable_pronoun_gets_no_actor(run):
    adoc = run("They came at night. Nobody saw them.")
    assert actor_at(adoc, "They") is None
    assert all(a.name.lower() not in PRONOUNS for a in adoc.actors)


def test_indefinite_title_names_no_office_holder(run):
    adoc = run("Analysts said a new American president would change course.")
    president = actor_at(adoc, "president")
    assert president is not None and president.kb_id is None and president.country == "USA"


def test_a_qualified_title_is_not_a_different_office_of_the_same_word(run):
    adoc = run("Ethiopian Prime Minister Abiy Ahmed fired his defence minister on Monday. The prime minister gave no reason.")
    assert actor_at(adoc, "defence minister") is not actor_at(adoc, "Abiy Ahmed")
    assert actor_at(adoc, "prime minister") is actor_at(adoc, "Abiy Ahmed")
    assert actor_at(adoc, "defence minister").country == "ETH"  # his minister serves his country


def test_a_possessive_pronoun_gives_its_owner_s_country(run):
    adoc = run("Hezbollah said it fired the rockets after an Israeli drone strike killed one of its commanders.")
    assert actor_at(adoc, "commanders").country == "LBN"
    adoc = run("The Ukrainian air force said it shot down 30 drones. Russia's army said its forces had captured "
               "the village.")
    assert actor_at(adoc, "forces").country == "RUS" and actor_at(adoc, "forces") is not actor_at(adoc, "air force")
    adoc = run("Argentina, Chile and Peru said they would not recognize the result, and Venezuela expelled their "
               "diplomats in response.")
    assert actor_at(adoc, "diplomats").country != "VEN"  # "their" is no single state's


def test_enemy_forces_are_not_the_forces_named_before(run):
    adoc = run("Iraqi forces entered Mosul on Monday. The army has cleared part of the city of enemy forces.")
    assert actor_at(adoc, "enemy forces") is not actor_at(adoc, "Iraqi forces")
    assert actor_at(adoc, "enemy forces").country is None


def test_a_group_that_names_its_organisation_is_that_organisation(run):
    # the name inside the description decides; a bloc named just before does not swallow it
    adoc = run("Thousands of fighters came from the West. Two men accused of fighting with the Islamic State "
               "militant group went on trial. Strikes aim to eliminate the ISIL terrorist group.")
    group = actor_at(adoc, "Islamic State militant group")
    assert group is not None and group.name == "Islamic State"
    assert actor_at(adoc, "ISIL terrorist group") is group
    assert actor_at(adoc, "West") is not group


def test_a_body_named_by_several_words_is_not_the_one_named_by_their_last(run):
    adoc = run("The paramilitary group said its forces had withdrawn from the town. On Sunday the army's air force "
               "bombed positions east of the city.")
    assert actor_at(adoc, "air force") is not actor_at(adoc, "forces")
    assert actor_at(adoc, "air force").sector == "MIL"


def test_a_group_named_in_its_own_words_refers_back_to_no_one(run):
    adoc = run("LAGOS (Reuters) - Gunmen killed ten farmers in Benue state, a local aid group said. The Farmers "
               "Solidarity group blamed herders for the attack.")
    group = actor_at(adoc, "Farmers Solidarity group")
    assert group is not actor_at(adoc, "Reuters")
    assert group is None or group.sector != "JRN"
    # nor is "the group" the wire service of the dateline
    adoc = run("LAGOS (Reuters) - Police killed ten protesters on Thursday, a civil society group said. The group "
               "said more than 200 people were arrested.")
    assert actor_at(adoc, "group", 1) is not actor_at(adoc, "Reuters")
    # a plain "the group" still refers back to the organisation just named
    adoc = run("Hezbollah fired rockets at northern Israel. The group said the attack was retaliation.")
    assert actor_at(adoc, "group") is actor_at(adoc, "Hezbollah")


@pytest.mark.parametrize("text, name, description", [
    ("Abboud Qanbar is an Iraqi general. He leads the Baghdad command.", "Abboud Qanbar", "Iraqi general"),
    ("Karim Haddad became the army chief of Lebanon in March.", "Karim Haddad", "army chief"),
])
def test_a_description_said_with_be_is_the_same_actor(run, text, name, description):
    adoc = run(text)
    actor = actor_at(adoc, name)
    assert actor is not None and actor_at(adoc, description) is actor
    assert actor.sector == "MIL"


def test_a_denied_description_is_another_actor(run):
    adoc = run("Ahmed Saleh is not a member of the Islamic State, his lawyer said.")
    assert actor_at(adoc, "member") is not actor_at(adoc, "Ahmed Saleh")
    assert (actor_at(adoc, "Ahmed Saleh").sector if actor_at(adoc, "Ahmed Saleh") else None) != "REB"


def test_a_surname_read_as_an_organisation_is_the_person_named_before(run):
    adoc = run("Abboud Qanbar is an Iraqi general. Qanbar was captured by American forces in 1991.")
    assert actor_at(adoc, "Qanbar", nth=1) is actor_at(adoc, "Abboud Qanbar")


def test_a_bare_title_is_the_one_title_with_a_country_named_before(run):
    adoc = run("The junta ordered the French ambassador to leave. Paris said the ambassador would stay.")
    assert actor_at(adoc, "ambassador", 1) is actor_at(adoc, "French ambassador")
    assert actor_at(adoc, "ambassador", 1).country == "FRA"
    # two earlier ambassadors: which one is meant is not known
    adoc = run("The French ambassador and the German ambassador were summoned. The ambassador said nothing.")
    assert actor_at(adoc, "ambassador", 2).country is None


def test_a_family_name_written_first_names_the_person_again(run):
    adoc = run("South Korean President Yoon Suk Yeol met Japan's prime minister on Sunday. Yoon said the two "
               "leaders had agreed to share missile data.", date="2023-05-07")
    yoon = actor_at(adoc, "Yoon Suk Yeol")
    assert yoon is not None and actor_at(adoc, "Yoon", nth=1) is yoon


def test_its_in_the_act_asked_of_a_state_is_that_state_s(run):
    adoc = run("The United Nations urged Iraq to protect its minorities.")
    assert actor_at(adoc, "its") is actor_at(adoc, "Iraq")
    adoc = run("The United Nations said it would protect its staff.")
    assert actor_at(adoc, "its") is actor_at(adoc, "United Nations")


def test_he_after_a_sentence_without_a_parsed_subject_is_the_name_it_opens_with(run):
    # (the name written in Arabic in brackets leaves the parser no subject for the first sentence)
    adoc = run("Khalid Hamid al-Jubouri (خالد حامد الجبوري; died 9 June 2013) a native of Tikrit, was a former "
               "police general and the son of a tribal elder. He was captured by Kurdish fighters in April 2007.")
    he = actor_at(adoc, "He")
    assert he is not None and he.id == actor_at(adoc, "Khalid Hamid al-Jubouri").id


def test_a_headline_s_surname_is_the_person_named_in_full_below(run):
    adoc = run("Parliament impeaches President Yoon\n\nSEOUL - South Korea's parliament voted on Saturday to impeach "
               "President Yoon Suk Yeol. Prosecutors opened an investigation into Yoon.", date="2024-12-14")
    full = actor_at(adoc, "Yoon Suk Yeol")
    assert full is not None and full.country == "KOR"
    assert actor_at(adoc, "Yoon").id == full.id  # the headline's
    assert actor_at(adoc, "Yoon", 2).id == full.id  # "into Yoon", read as a place by the tagger
    assert not any(m.text.endswith("\n") for m in adoc.mentions)


def test_no_one_sanctions_or_accuses_its_own(run):
    adoc = run("The Wagner Group is a Russian private military company. The United States designated Wagner a "
               "criminal organisation and imposed sanctions on its leaders.")
    assert actor_at(adoc, "leaders").country != "USA"
    adoc = run("The Wagner Group is a Russian private military company. Western governments and the United "
               "Nations have accused its fighters of abuses.")
    assert actor_at(adoc, "fighters").country != "UNO"
    adoc = run("Russia's army said on Monday it had deployed its troops to the border.")
    assert actor_at(adoc, "troops").country == "RUS"
    adoc = run("North Korea tested a missile. The U.N. imposed tough sanctions on North Korea after its latest test.")
    assert actor_at(adoc, "its").country == "PRK"
    adoc = run("Cuba's government imposed a curfew on its citizens.")  # a curfew is imposed on one's own
    assert actor_at(adoc, "its").country == "CUB"
    # whose men are the doers of a hostile act is no one it acts against: "its" is the group
    adoc = run("The Observatory, a monitor based in London, counted the dead. The Islamic State lost most of "
               "its land in 2019, but its gunmen still stage attacks in the desert.")
    assert actor_at(adoc, "its", 1).name == "Islamic State"


def test_the_men_of_a_group_of_no_country_are_of_no_country(run):
    adoc = run("The Islamic State said in a statement that its followers had ambushed an army convoy in the "
               "Syrian desert.")
    followers = actor_at(adoc, "followers")
    assert followers.country is None and followers.sector == "REB"


def test_his_supporters_are_his_side_a_government_s_are_civilians(run):
    adoc = run("Opposition leader Kizza Besigye was arrested on Monday. His supporters clashed with police.")
    assert actor_at(adoc, "supporters").sector == "OPP"
    adoc = run("The junta said on Monday its supporters would rally on Saturday.")
    assert actor_at(adoc, "supporters").sector == "CVL"


def test_the_paramilitary_group_is_the_named_group_before(run):
    adoc = run("The Rapid Support Forces did not answer calls on Tuesday. The paramilitary group has denied "
               "the charges in the past.")
    assert actor_at(adoc, "paramilitary group").name == "Rapid Support Forces"


def test_a_participle_s_object_is_not_the_subject_it_borrows(run):
    adoc = run("The Treasury Department imposed sanctions on two militia leaders on Monday, accusing them of "
               "abuses.")
    them = actor_at(adoc, "them")
    assert them is None or them.name != "Treasury Department" and them.sector != "GOV"


def test_a_description_from_elsewhere_is_not_the_story_s_actor_of_that_name(run):
    adoc = run("CARACAS - The government banned two opposition rallies on Monday. Several European governments "
               "criticised the decision, and foreign fighters were said to be leaving the border town.")
    story_government = actor_at(adoc, "government")
    european = actor_at(adoc, "European governments")
    assert european is not None and european is not story_government
    assert european.country != "VEN"


def test_he_after_a_surname_read_as_an_organisation_is_that_person(run):
    # the tagger reads the bare surname as an organisation; the person it names is "he" next
    adoc = run("A court in Tunis sentenced Rached Ghannouchi to five years on Tuesday, his lawyer said. "
               "Ghannouchi, 83, who heads the Islamist Ennahda party, has been in detention since April. "
               "He has refused to appear before judges.")
    he = actor_at(adoc, "He")
    assert he is not None and he.id == actor_at(adoc, "Rached Ghannouchi").id


def test_a_person_named_beside_a_title_is_named_again_by_his_surname(run):
    adoc = run("A Tunisian court on Monday sentenced opposition leader Salem Ben Mabrouk to three years in prison, "
               "his lawyer said. Mabrouk, 71, who leads the Amal party, has been in detention since May. He has "
               "refused to appear before judges.")
    full = actor_at(adoc, "Salem Ben Mabrouk")
    assert actor_at(adoc, "Mabrouk", 1).id == full.id
    assert actor_at(adoc, "He").id == full.id


def test_a_title_written_in_front_of_a_name_is_that_person_s_not_an_earlier_holder_s(run):
    adoc = run("Prime Minister Mustafa al-Kadhimi ordered the protesters to leave and called on political leaders "
               "to hold talks.\n\nThe Coordination Framework, an alliance of Iran-backed parties, nominated former "
               "minister Mohammed Shia al-Sudani on Monday.", date="2022-07-27")
    kadhimi, sudani = actor_at(adoc, "Mustafa al-Kadhimi"), actor_at(adoc, "Mohammed Shia al-Sudani")
    assert kadhimi is not None and sudani is not None and kadhimi.id != sudani.id
    assert actor_at(adoc, "former minister").id == sudani.id
    # a bare title alone still names the holder told of before
    adoc = run("Prime Minister Mustafa al-Kadhimi arrived in Cairo on Monday. The prime minister met business "
               "leaders.", date="2022-07-27")
    assert actor_at(adoc, "prime minister").id == actor_at(adoc, "Mustafa al-Kadhimi").id


def test_it_that_takes_a_stance_names_the_state_before_it(run):
    adoc = run("Canada said it was concerned about the detentions and would raise them with Beijing.")
    assert actor_at(adoc, "it") is not None and actor_at(adoc, "it").id == actor_at(adoc, "Canada").id
    # an impersonal "it" names no one
    adoc = run("It was clear that the talks had failed, Canada said.")
    assert actor_at(adoc, "It") is None


def test_the_group_is_never_a_state_s_army_named_since(run):
    # the army post is named between the group and "the group"; an army is no group
    adoc = run("Hezbollah said its fighters had fired missiles at an Israeli army post on Monday. Israel's "
               "defence minister warned the group that it would pay a heavy price.")
    group = actor_at(adoc, "group")
    assert group is not None and group is actor_at(adoc, "Hezbollah")


def test_it_after_a_person_s_office_is_that_office(run):
    # "the prime minister's office said that X had …": "it" is the office (the person's side), the
    # main clause's subject, not the organisation of the reported clause
    adoc = run("Prime Minister Keir Starmer's office said on Friday that the union had turned down a new pay offer. "
               "It accused the union's leaders of putting patients at risk.")
    it = actor_at(adoc, "It")
    assert it is not None and it is actor_at(adoc, "Keir Starmer")
    # a state that owns a ministry is no person: "its" stays the ministry's
    adoc = run("On Monday, Norway's foreign ministry repeated its concern about the verdict.")
    its = actor_at(adoc, "its")
    assert its is not None and its.country == "NOR"


def test_the_group_accused_of_an_act_is_the_group_named_before(run):
    # "accused the group of dragging out …": the "of" phrase is the charge, not part of the group's name
    adoc = run("President William Ruto's office said on Tuesday that al-Shabab had ignored the truce. "
               "It accused the group of dragging out the talks.")
    group = actor_at(adoc, "group")
    assert group is not None and group is actor_at(adoc, "al-Shabab")
    assert actor_at(adoc, "It") is actor_at(adoc, "William Ruto")


def test_a_pronoun_object_is_not_a_conjunct_of_its_verb_s_subject(run):
    adoc = run("Negotiations between the junta and the rebels broke down in May. "
               "Norway and Switzerland have urged them to resume the talks.")
    them = actor_at(adoc, "them")
    assert them is None or them.id not in {actor_at(adoc, "Norway").id, actor_at(adoc, "Switzerland").id}
    # the verb's own subject is excluded as before
    adoc = run("Negotiations between the junta and the rebels broke down in May. Norway has urged them to resume the talks.")
    them = actor_at(adoc, "them")
    assert them is None or them.id != actor_at(adoc, "Norway").id


def test_a_nationality_word_is_no_antecedent_of_a_pronoun(run):
    adoc = run("Moldovan President Maia Sandu thanked the Nordic envoys and asked them to stay another week.")
    them = actor_at(adoc, "them")
    assert them is not None and them is actor_at(adoc, "Nordic envoys")


def test_a_co_argument_is_excluded_under_every_name_it_was_told_by(run):
    adoc = run("Washington imposed sanctions on the junta in May. Negotiations between the junta and the rebels "
               "broke down in June. Norway and the United States have urged them to resume the talks.")
    them = actor_at(adoc, "them")
    assert them is None or them.country != "USA"



def test_the_plural_description_after_a_named_group_is_that_group(run):
    # "the rebels" repeat the head word of "Houthi rebels": the same group, not rebels of the place
    # named after them
    adoc = run("Yemen's Houthi rebels fired drones at a tanker on Tuesday. The rebels have vowed to keep up "
               "the attacks until Israel halts its offensive in Gaza.")
    rebels = actor_at(adoc, "rebels", 1)
    assert rebels is actor_at(adoc, "Houthi rebels") and rebels.country == "YEM"


def test_the_group_after_a_named_group_s_description_is_that_group(run):
    # "the ELN guerrilla group" carries a name: "the group" after it refers back to it
    adoc = run("Colombia's ELN guerrilla group freed four soldiers on Friday. The government had broken off "
               "talks with the group in August.")
    group = actor_at(adoc, "group", 1)
    assert group is not None and group is actor_at(adoc, "ELN guerrilla group") and group.sector == "REB"
