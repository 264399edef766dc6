"""Sentence starts in text that lost its full stops (eventscope.nlp.boundaries)."""

from __future__ import annotations

from eventscope.nlp.boundaries import sentence_end_model, stops_lost

WITHOUT_STOPS = (
    "Police arrested three men in the capital on Monday after a week of raids "
    "The men are accused of planning attacks on government buildings in the north "
    "A spokesman for the interior ministry said the suspects had links to a banned group "
    "The government has promised to step up security before the elections next month"
)


def test_the_model_file_loads_with_weights_and_a_bar():
    weights, threshold = sentence_end_model()
    assert len(weights) > 1000 and "bias" in weights
    assert 0.0 < threshold < 1.0


def test_text_without_stops_gets_its_sentence_starts_back(nlp):
    doc = nlp(WITHOUT_STOPS)
    assert stops_lost(doc)
    starts = [s[0].text for s in doc.sents]
    assert len(starts) >= 3
    assert doc[[t.i for t in doc if t.text == "men" and t.nbor(-1).text == "The"][0] - 1].is_sent_start


def test_text_with_its_stops_is_left_to_the_parser(nlp):
    with_stops = WITHOUT_STOPS.replace(" The men", ". The men").replace(" A spokesman", ". A spokesman") \
        .replace(" The government", ". The government") + "."
    doc = nlp(with_stops)
    assert not stops_lost(doc)
    assert len(list(doc.sents)) == 4


def test_a_short_text_is_never_cut(nlp):
    doc = nlp("Iran's foreign minister condemned the court decision on Monday")
    assert not stops_lost(doc)
    assert len(list(doc.sents)) == 1
