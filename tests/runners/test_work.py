import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope.model import Document
from eventscope.runners.work import code_batch, pipeline_for


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(min_size=1, max_size=400) | st.binary(max_size=400).map(
    lambda b: b.decode("utf-8", "replace")), min_size=1, max_size=5))
def test_pipeline_entry_never_raises_and_keeps_every_document(texts):
    docs = [Document(text=t, id=f"d{i}") for i, t in enumerate(texts)]
    lines, timings = code_batch(docs, ("nlp",), 4, as_json=True)
    assert [json.loads(line)["id"] for line in lines] == [d.id for d in docs]
    assert "nlp" in timings


@pytest.mark.slow
def test_hostile_long_runs_and_controls():
    texts = ["x" * 100_000, "\u202e\u200b" * 5000 + " Baghdad.", "\x00\x01 minister \ufffd" * 50,
             "\"'\"'" * 1000, "word " * 30_000]
    docs = [Document(text=t) for t in texts]
    adocs, _ = code_batch(docs, ("nlp",), 2, as_json=False)
    assert len(adocs) == len(docs)
    assert all(a.document.text == t for a, t in zip(adocs, texts))


def test_pipeline_is_cached_per_process():
    assert pipeline_for(("nlp",)) is pipeline_for(("nlp",))
