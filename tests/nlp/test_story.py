"""Text that is not the story, and run-on sentences, on short texts written for these tests."""

from __future__ import annotations

import pytest

from eventscope.model import AnalyzedDocument, Document
from eventscope.nlp.stage import NlpStage
from eventscope.nlp.story import headline_end, headline_line_end, story_cues


@pytest.fixture(scope="module")
def stage():
    nlp = NlpStage()
    nlp.initialize()
    return nlp


def _run(stage, text):
    return next(stage.pipe([AnalyzedDocument(document=Document(text=text))]))


def _kinds(adoc):
    return [(p.kind, adoc.document.text[p.start:p.end]) for p in adoc.not_story]


def _starts(adoc):
    return [s.start for s in adoc.sentences]


def test_cue_file_loads():
    cues = story_cues()
    assert "FILE -" in cues.caption_openers and ", left," in cues.position_markers
    assert cues.caption_date.search("shown in Oslo, Norway, Jan. 5, 2016") is not None
    assert "the" in cues.sentence_openers and "al" in cues.name_prefixes


def test_headline_glued_to_the_lead_and_its_dateline(stage):
    text = "Rebels Seize Border Town-KABUL —\xa0-Taliban fighters seized the town on Monday, officials said."
    assert headline_end(text) == text.index("KABUL")
    adoc = _run(stage, text)
    assert text.index("KABUL") in _starts(adoc) and text.index("Taliban") in _starts(adoc)
    assert [k for k, _ in _kinds(adoc)] == ["dateline"]
    assert adoc.sentences[0].kind == "story"  # the headline is story text: it may tell the act
    assert any(s.kind == "dateline" for s in adoc.sentences)


def test_a_headline_glued_to_the_lead_is_one_sentence(stage):
    text = ("Kenyan Police Hold, Then Free Opposition Figure Odinga-NAIROBI —\xa0-Police in Kenya "
            "held the opposition figure on Monday and freed him hours later.")
    adoc = _run(stage, text)
    assert _starts(adoc)[:2] == [0, text.index("NAIROBI")]


def test_a_headline_on_its_own_line_is_one_sentence(stage):
    text = "Russia Expels Two Moldovan Diplomats in Tit-for-Tat Move\n\nMOSCOW — Russia on Monday expelled two diplomats."
    adoc = _run(stage, text)
    assert _starts(adoc)[:2] == [0, text.index("MOSCOW")]
    assert headline_line_end("The army said on Monday that rebels had seized the town.") is None
    assert headline_line_end("Russia Expels Two Diplomats") == len("Russia Expels Two Diplomats")


def test_text_that_opens_with_a_sentence_has_no_headline():
    assert headline_end("The army said on Monday that rebels had seized the town.") is None
    assert headline_end("Kim Jong-Un Visits China-State media said the leader arrived by train.") \
        == len("Kim Jong-Un Visits China-")


def test_caption_with_opener_ends_at_its_day(stage):
    text = ("Police detained dozens of protesters in the capital on Saturday "
            "FILE - A man speaks to police at a rally in Minsk, Belarus, Dec. 30, 2014\n\n"
            "The opposition condemned the arrests.")
    adoc = _run(stage, text)
    kinds = _kinds(adoc)
    assert kinds == [("caption", "FILE - A man speaks to police at a rally in Minsk, Belarus, Dec. 30, 2014")]
    assert text.index("FILE") in _starts(adoc)


def test_caption_without_opener_and_a_credit(stage):
    text = ("Aid convoys reached the border on Monday, officials said "
            "Trucks carry tents to a camp near Kilis, Turkey, Feb. 8, 2016 "
            "The governor promised more shelters. Jane Doe in Ankara contributed to this report")
    adoc = _run(stage, text)
    kinds = dict((k, t) for k, t in _kinds(adoc))
    assert kinds["caption"].startswith("Trucks carry tents") and kinds["caption"].endswith("2016")
    assert kinds["credit"] == "Jane Doe in Ankara contributed to this report"
    assert text.index("Trucks") in _starts(adoc) and text.index("The governor") in _starts(adoc)


def test_a_line_crediting_another_agency_s_information_is_a_credit(stage):
    adoc = _run(stage, "The talks ended without a deal. Some information for this report came from Reuters.")
    assert [k for k, _ in _kinds(adoc)] == ["credit"]


def test_people_placed_in_a_picture(stage):
    text = ("The talks ended without a deal. The foreign minister, left, shakes hands with his "
            "counterpart before the talks in Geneva")
    adoc = _run(stage, text)
    assert [k for k, _ in _kinds(adoc)] == ["caption"]
    assert _kinds(adoc)[0][1].startswith("The foreign minister, left,")


def test_section_label_glued_to_the_next_sentence(stage):
    text = ("The ministers met for three hours in the capital Questions remain-A defense official "
            "told reporters the patrol had strayed.")
    adoc = _run(stage, text)
    assert ("label", "Questions remain-") in _kinds(adoc)
    assert text.index("A defense") in _starts(adoc) and text.index("Questions") in _starts(adoc)


def test_run_on_sentences_break_at_a_lost_stop(stage):
    text = "Officials released new estimates on Friday The figures show a sharp rise in arrivals"
    adoc = _run(stage, text)
    assert text.index("The figures") in _starts(adoc)
    assert adoc.not_story == []


@pytest.mark.parametrize("text", [
    "Al-Shabab fighters attacked a base near Mogadishu, the army said.",
    "Kim Jong-Un met South Korean officials at the border on Friday.",
    "The counter-ISIL coalition met in Rome, and the Anti-Defamation League said it welcomed the talks.",
    "Senator Mario Diaz-Balart, a Cuban-American lawmaker, criticized the visit.",
    "He told The Associated Press that the talks with The Hague court would resume.",
    "Iraqi troops killed Islamic State fighters near Mosul on Monday.",
])
def test_edited_text_is_left_alone(stage, text):
    adoc = _run(stage, text)
    assert adoc.not_story == []
    assert len(adoc.sentences) == 1


def test_names_joined_by_a_hyphen_in_a_dated_sentence_end_no_headline():
    # acronyms, short names and reduplicated names keep their hyphen; a dated opener is a sentence
    for text in ("On 10 February 2024, SPLM-N (al-Hilu) fighters clashed with RSF forces near Dilling.",
                 "On 8 July 2022, G9 and G-Pep gangs fought in Brooklyn.",
                 "On 8 September 2020, Mai-Mai fighters clashed with soldiers near Uvira."):
        assert headline_end(text) is None
    glued = "Flow of Migrants Into Europe Unrelenting-New figures show a rise in arrivals."
    assert headline_end(glued) == glued.index("New")


def test_present_tense_with_a_full_past_date_is_a_caption(stage):
    text = ("Riot police dispersed the march on Sunday. "
            "Police officers detain a man in central Freedom Square in Tbilisi, on March 2, 2014, during a rally.\n\n"
            "The ceasefire takes effect on March 9, 2015, the ministry said.")
    kinds = _kinds(_run(stage, text))
    assert [k for k, _ in kinds] == ["caption"]
    assert kinds[0][1].startswith("Police officers detain a man")  # not the reported, dated plan after it


def test_undated_image_opener_is_a_caption(stage):
    text = ("Officials condemned the video. This undated image, taken from a video posted online, purports to show "
            "fighters parading in a desert town.\n\nThe ministry said it was fake.")
    kinds = _kinds(_run(stage, text))
    assert [k for k, _ in kinds] == ["caption"] and kinds[0][1].startswith("This undated image")


def test_a_caption_without_its_day_ends_with_its_sentence(stage):
    # a wire text without stops: the story goes on right after the caption
    text = ("Fighting resumed near the town on Monday\n\nFILE - Ivan Petrenko, the separatist mayor of the town, holds "
            "up a ballot Speaking a day after the vote in the east, Petrenko described Ukrainian troops there as "
            "occupiers Earlier Monday, separatist leaders appealed to Moscow to consider annexing the region")
    kinds = _kinds(_run(stage, text))
    assert kinds == [("caption", "FILE - Ivan Petrenko, the separatist mayor of the town, holds up a ballot")]


def test_a_full_date_naming_an_agreement_makes_no_caption(stage):
    text = ("Rockets hit the camp on Friday. We urge the government to protect the camp's residents, under the "
            "March 3, 2012 accord with the United Nations.")
    assert _kinds(_run(stage, text)) == []


def test_a_dated_caption_whose_verb_the_tagger_read_as_a_noun(stage):
    text = ('The minister said the leader "has ignored my letters." Kazakh President addresses newly arrived '
            "foreign envoys of 12 states during a credentials ceremony at the Akorda palace, Kazakhstan, Nov. 26, 2015 "
            "Earlier on Thursday, the minister arrested nobody.")
    kinds = _kinds(_run(stage, text))
    assert any(k == "caption" and t.endswith("Nov. 26, 2015") and "addresses" in t for k, t in kinds)
    text = "Police arrested dozens of protesters in the capital, officials said on Monday, Nov. 26, 2015"
    assert not any(k == "caption" for k, _ in _kinds(_run(stage, text)))


def test_a_byline_and_a_wire_photo_credit_are_credits(stage):
    text = ("Talks on the dam resume in Cairo\n\nBy Jane Doe and Omar Haddad\n\n"
            "Delegates met on Monday. REUTERS/Jane Doe/File Photo\n\nBy noon the talks had ended.")
    kinds = _kinds(_run(stage, text))
    assert ("credit", "By Jane Doe and Omar Haddad") in kinds
    assert any(k == "credit" and t.startswith("REUTERS/") for k, t in kinds)
    assert not any("noon" in t for _, t in kinds)  # a sentence that opens with "By" is story
