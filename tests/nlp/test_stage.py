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


def test_model_loaded_once_however_it_is_asked_for():
    from eventscope.nlp.stage import MODEL_NAME, load_spacy

    assert load_spacy() is load_spacy(MODEL_NAME) is load_spacy(name=MODEL_NAME)


def test_pipeline_stages_share_one_model():
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(stages=("nlp", "actors")))
    nlp_stage, actor_stage = pipeline.stages
    assert actor_stage.nlp is nlp_stage.nlp
