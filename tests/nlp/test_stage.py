import pytest

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


def test_a_wire_dateline_after_a_headline_is_one_piece():
    # the parser cut "BRUSSELS, Oct 14 (Reuters) -" into two or more sentences
    stage = NlpStage()
    stage.initialize()
    for dateline, lead in (("BRUSSELS, Oct 14 (Reuters) -", "European Union foreign ministers agreed on Monday."),
                           ("BRUSSELS, Oct 14 -", "Foreign ministers agreed on Monday to widen the measures.")):
        text = f"EU backs new curbs on Iran over drone sales\n\n{dateline} {lead}"
        adoc = next(stage.pipe([AnalyzedDocument(document=Document(text=text))]))
        assert [s.text.strip() for s in adoc.sentences][1:] == [dateline, lead]


def test_model_loaded_once_however_it_is_asked_for():
    from eventscope.nlp.stage import MODEL_NAME, load_spacy

    assert load_spacy() is load_spacy(MODEL_NAME) is load_spacy(name=MODEL_NAME)


@pytest.mark.slow
def test_pipeline_stages_share_one_model():
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(stages=("nlp", "actors")))
    nlp_stage, actor_stage = pipeline.stages
    assert actor_stage.nlp is nlp_stage.nlp


def test_parse_groups_are_bounded_by_characters_and_change_nothing(monkeypatch):
    import eventscope.nlp.stage as nlp_stage

    texts = ["The army shelled the town on Monday.", "Talks resumed in Doha.",
             "A much longer report said that the rebels had withdrawn from two villages overnight.", "Rain fell."]
    stage = NlpStage()
    stage.initialize()

    def run() -> list[list[tuple[int, int]]]:
        adocs = [AnalyzedDocument(document=Document(text=t)) for t in texts]
        return [[(s.start, s.end) for s in a.sentences] for a in stage.pipe(adocs, batch_size=32)]

    whole = run()
    calls: list[list[str]] = []
    real_pipe = stage.nlp.pipe

    class Recorder:
        def __getattr__(self, name):
            return getattr(stage.nlp_real, name)

        def pipe(self, group, batch_size):
            calls.append(list(group))
            return real_pipe(group, batch_size=batch_size)

    stage.nlp_real, stage.nlp = stage.nlp, Recorder()
    monkeypatch.setattr(nlp_stage, "PARSE_BUDGET_CHARS", 60)
    assert run() == whole
    assert [len(g) for g in calls] == [2, 1, 1]  # 36 + 22 chars fit; the 84-char text is parsed alone
    assert all(sum(map(len, g)) <= 60 or len(g) == 1 for g in calls)


def test_the_islamic_state_written_is_is_read_as_a_name_not_a_verb():
    stage = NlpStage()
    stage.initialize()
    text = "Officials said IS had fired mortars at an army post on Friday. The town is quiet now."
    doc = next(stage.pipe([AnalyzedDocument(document=Document(text=text))])).spacy_doc
    group = next(t for t in doc if t.text == "IS")
    assert group.pos_ in ("PROPN", "NOUN") and group.dep_ == "nsubj" and group.head.text == "fired"
    verb = next(t for t in doc if t.text == "is")
    assert verb.pos_ == "AUX" and doc.text == text  # the word "is" and the text are untouched


@pytest.mark.slow
@pytest.mark.parametrize("text, quoted", [
    ('Nigeria rejected talks.\n\n"We will not negotiate with terrorists," the president said.',
     '"We will not negotiate with terrorists," the president said.'),
    ("Nigeria rejected talks.\n\n“We will not negotiate with terrorists,” the president said.",
     "“We will not negotiate with terrorists,” the president said."),
])
def test_an_opening_quote_mark_opens_its_sentence(nlp, text, quoted):
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[-1] == quoted
    assert all(len(s) > 2 for s in sents)  # no sentence of a lone quote mark


def test_clean_for_parse_blanks_reference_marks_in_place():
    text = "He was killed by coalition aircraft.[2] Coordinates follow.[citation needed] In [1990] he left."
    cleaned = clean_for_parse(text)
    assert len(cleaned) == len(text)
    assert "[2]" not in cleaned and "[citation needed]" not in cleaned
    assert "aircraft. " in cleaned and "[1990]" in cleaned  # a year in brackets is text, no mark


@pytest.mark.parametrize("text,form,lemma", [
    ("Opposition parties staged a walkout from the chamber.", "staged", "stage"),
    ("The regulator fined two banks for breaking the embargo.", "fined", "fine"),
    ("Youths are staging sit-ins across the capital.", "staging", "stage"),
])
def test_verbs_the_lemmatizer_misreads_get_their_lemma(nlp, text, form, lemma):
    doc = nlp(text)
    assert next(t for t in doc if t.text == form).lemma_ == lemma


def test_every_lemma_exception_is_a_verb_form_of_its_lemma():
    from eventscope.common.data import read_data_yaml

    table = read_data_yaml("eventscope.nlp", "lemma_exceptions.yaml")
    assert set(table) == {"verb"} and len(table["verb"]) >= 10
    assert all(form.startswith(lemma.rstrip("e")[:3]) and form != lemma for form, lemma in table["verb"].items())
