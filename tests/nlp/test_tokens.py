"""Token helpers (``nlp/tokens.py``)."""

from __future__ import annotations

import pytest

from eventscope.nlp.tokens import doc_text, span_root


@pytest.mark.slow
def test_span_root_is_the_head_of_the_covered_words(nlp):
    doc = nlp("Iranian drones struck the power station overnight.")
    start = doc.text.index("the power")
    assert span_root(doc, start, start + len("the power station")).text == "station"
    assert span_root(doc, doc.text.index("stru"), doc.text.index("stru") + 3).text == "struck"  # widened


@pytest.mark.slow
def test_span_root_of_nothing_is_none(nlp):
    doc = nlp("Talks resumed.")
    assert span_root(doc, 6, 6) is None


@pytest.mark.slow
def test_doc_text_is_the_text_built_once_and_a_part_builds_its_own(nlp):
    doc = nlp("Rebels shelled the town. Troops withdrew from the border on Monday.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # kept, not rebuilt
    part = doc[5:].as_doc(copy_user_data=True)  # a part of the document inherits its user_data
    assert doc_text(part) == "Troops withdrew from the border on Monday."
    assert doc_text(doc[0:4]) == "Rebels shelled the town"  # a span has no user_data: its own text


def test_a_kept_recased_parse_stands_in_for_its_sentence_and_no_other(nlp):
    from eventscope.nlp.tokens import keep_recased, recased

    doc = nlp("Iran Seizes Oil Tanker in Gulf\n\nThe guards seized a tanker on Monday.")
    head, body = list(doc.sents)[:2]
    keep_recased(doc, head, nlp(head.text.replace("Seizes Oil Tanker", "seizes oil tanker")))
    keep_recased(doc, body, nlp(body.text.lower()))  # not at the top of the text: not kept
    got = recased(head)
    assert got.doc is not doc and got.text.startswith("Iran seizes oil tanker in Gulf")
    assert (got.start_char, got.end_char) == (head.start_char, head.end_char)
    assert any(t.pos_ == "VERB" and t.lower_ == "seizes" for t in got)
    assert recased(body) is body


def test_a_recased_parse_of_two_sentences_is_not_kept(nlp):
    from eventscope.nlp.tokens import keep_recased, recased

    doc = nlp("Putin Says Talks Failed. Kremlin Warns Kyiv")
    first = next(doc.sents)
    keep_recased(doc, first, nlp("Putin says. Talks failed"[:len(first.text)]))
    assert recased(first) is first
