"""Token helpers (``nlp/tokens.py``)."""

from __future__ import annotations

import pytest

from eventscope.nlp.tokens import span_root


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
