from eventscope.model import AnalyzedDocument, Document
from eventscope.nlp.stage import NlpStage, clean_for_parse


def test_clean_for_parse_keeps_length_and_breaks_long_runs():
    text = "a " + "x" * 500 + " b\x00c"
    cleaned = clean_for_parse(text)
    assert len(cleaned) == len(text)
    assert "x" * 200 not in cleaned
    assert "\x00" not in cleaned


def test_nlp_stage_splits_sentences_with_offsets():
    stage = NlpStage()
    stage.initialize()
    text = "The minister arrived in Cairo. He met the president on Monday."
    adocs = list(stage.pipe([AnalyzedDocument(document=Document(text=text))]))
    sentences = adocs[0].sentences
    assert len(sentences) == 2
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert adocs[0].spacy_doc is not None


def test_blank_line_starts_a_sentence():
    stage = NlpStage()
    stage.initialize()
    text = "Rebels seize border town as talks stall\n\nKHARTOUM, May 2 — Fighters entered the town."
    adoc = next(stage.pipe([AnalyzedDocument(document=Document(text=text))]))
    starts = [s.start for s in adoc.sentences]
    assert text.index("KHARTOUM") in starts


def test_wire_dateline_ends_before_the_first_sentence():
    stage = NlpStage()
    stage.initialize()
    text = "KHARTOUM, May 2, 2023 — Fighters entered the town on Monday, residents said."
    adoc = next(stage.pipe([AnalyzedDocument(document=Document(text=text))]))
    assert text.index("Fighters") in [s.start for s in adoc.sentences]
