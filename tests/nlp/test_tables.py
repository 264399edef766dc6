"""The table-reading ruler and lemmatizer give spaCy's own output (texts written for these tests)."""

from __future__ import annotations

import pytest

from eventscope.nlp.stage import MODEL_NAME
from eventscope.nlp.tables import TableAttributeRuler, TableLemmas, use_tables

spacy = pytest.importorskip("spacy")
pytestmark = pytest.mark.slow

TEXTS = [
    "Iranian forces shelled positions near Erbil on Monday, Kurdish officials said.",
    "There is no deal yet, and there were protests; we're gon na wait, y'all.",
    "The ministers didn't meet: talks ain't over, let's see what the U.S. envoy says.",
    "  Rebels   seized   two towns.\n\nThe army, which had withdrawn, was regrouping near the border.",
    "Qaani's visit was his third to Baghdad this year; he'd met al-Sudani twice before.",
]


def _signature(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def both():
    plain = spacy.load(MODEL_NAME, exclude=["senter"])
    tables = spacy.load(MODEL_NAME, exclude=["senter"])
    use_tables(tables)
    return plain, tables


def test_components_read_tables(both):
    _, tables = both
    assert isinstance(tables.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert isinstance(tables.get_pipe("lemmatizer"), TableLemmas)


def test_same_tags_lemmas_and_morphology_as_spacy(both):
    plain, tables = both
    for _ in range(2):  # the second pass reads what the first remembered
        for text in TEXTS:
            assert _signature(tables(text)) == _signature(plain(text)), text


def test_two_token_patterns_still_apply(both):
    _, tables = both
    doc = tables("We're gon na win.")
    assert [t.lemma_ for t in doc if t.text in ("gon", "na")] == ["go", "to"]


def test_a_pattern_it_cannot_read_leaves_spacy_s_ruler_in_charge():
    plain = spacy.load(MODEL_NAME, exclude=["senter"])
    tables = spacy.load(MODEL_NAME, exclude=["senter"])
    for nlp in (plain, tables):
        nlp.get_pipe("attribute_ruler").add([[{"POS": "PROPN", "LENGTH": 4}]], {"TAG": "XX"})
    use_tables(tables)
    for text in TEXTS:
        assert _signature(tables(text)) == _signature(plain(text)), text
    assert tables.get_pipe("attribute_ruler")._table_ready is False


def test_a_pattern_added_later_is_read():
    plain = spacy.load(MODEL_NAME, exclude=["senter"])
    tables = spacy.load(MODEL_NAME, exclude=["senter"])
    use_tables(tables)
    tables("Rebels seized two towns.")  # the tables are read
    for nlp in (plain, tables):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "towns"}]], {"LEMMA": "township"})
    text = "Rebels seized two towns."
    assert _signature(tables(text)) == _signature(plain(text))
    assert tables(text)[3].lemma_ == "township"
