import contextlib
import gc
import json
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope.model import Document
from eventscope.pipeline import _cached_pipeline, get_pipeline
from eventscope.registry import STAGES, BaseStage, stage
from eventscope.runners.executors import InProcess
from eventscope.runners.work import WARM_UP_EXAMPLE, WorkItem, code_batch, code_stream, warm_before_fork


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


class _Tag(BaseStage):
    """A toy stage: the title says which stage saw the document (no model needed)."""

    def __call__(self, adoc):
        adoc.document.title = f"seen by {self.name}"
        return adoc


@pytest.fixture
def toy_stage():
    stage("t-tag")(type("Tag", (_Tag,), {}))
    yield ("t-tag",)
    STAGES.unregister("t-tag")
    _cached_pipeline.cache_clear()


def _items(*sizes):
    n = iter(range(100))
    return [WorkItem([Document(text=f"text {next(n)}") for _ in range(size)], f"ctx{i}") for i, size in enumerate(sizes)]


def test_one_stream_gives_each_write_batch_its_own_results_in_order(toy_stage):
    items = _items(3, 0, 5, 1, 0)
    timings: dict[str, float] = {}
    out = list(code_stream(iter(items), toy_stage, 2, as_json=True, timings=timings))
    assert [r.context for r in out] == ["ctx0", "ctx1", "ctx2", "ctx3", "ctx4"]
    for item, result in zip(items, out):
        assert result.docs is item.docs
        assert [json.loads(line)["id"] for line in result.results] == [d.id for d in item.docs]
        assert all(json.loads(line)["title"] == "seen by t-tag" for line in result.results)
    assert "t-tag" in timings


def test_the_stream_codes_with_the_loaded_pipeline_frozen(toy_stage):
    # frozen: the cyclic collector no longer walks the models' objects at each full collection
    gc.unfreeze()
    pipeline = get_pipeline(toy_stage)
    assert any(o is pipeline for o in gc.get_objects())
    out = list(code_stream(iter(_items(2)), toy_stage, 2, as_json=True, timings={}))
    assert len(out[0].results) == 2
    assert gc.get_freeze_count() > 0 and not any(o is pipeline for o in gc.get_objects())


def test_the_stream_pulls_write_batches_only_as_it_needs_documents(toy_stage):
    pulled = []

    def items():
        for item in _items(2, 2, 2, 2, 2, 2):
            pulled.append(item.context)
            yield item

    stream = code_stream(items(), toy_stage, 2, as_json=False, timings={})
    first = next(stream)
    assert first.context == "ctx0" and len(pulled) <= 3  # one batch in flight, one being started
    assert [r.context for r in stream] == [f"ctx{i}" for i in range(1, 6)]


def test_in_process_runner_stops_reading_after_a_stop_request(toy_stage):
    runner = InProcess(toy_stage, 2, as_json=True)
    stop = {"now": False}

    def items():
        for item in _items(2, 2, 2, 2):
            if item.context == "ctx1":
                stop["now"] = True  # Ctrl-C while the second batch is read: it is still coded
            yield item

    out = list(runner.map_ordered(items(), lambda: stop["now"]))
    assert [r.context for r in out] == ["ctx0", "ctx1"]
    assert all(len(r.results) == 2 for r in out)


def test_a_failing_stream_loses_no_document(toy_stage, monkeypatch):
    pipeline = get_pipeline(toy_stage)
    real_pipe = pipeline.pipe
    calls = {"n": 0}

    def pipe_that_breaks_once(documents, batch_size=None):
        calls["n"] += 1
        if calls["n"] > 1:
            yield from real_pipe(documents, batch_size)
            return
        for i, adoc in enumerate(real_pipe(documents, batch_size)):
            if i == 3:
                raise RuntimeError("the stream broke")
            yield adoc

    monkeypatch.setattr(pipeline, "pipe", pipe_that_breaks_once)
    items = _items(2, 2, 2, 2)
    out = list(code_stream(iter(items), toy_stage, 2, as_json=False, timings={}))
    assert [r.context for r in out] == ["ctx0", "ctx1", "ctx2", "ctx3"]
    assert [[a.document.id for a in r.results] for r in out] == [[d.id for d in i.docs] for i in items]
    assert all(a.document.title == "seen by t-tag" and not a.errors for r in out for a in r.results)


class _Classified(BaseStage):
    """A toy stage with a classifier that may be switched off, like the events stage."""

    classifier = "model"
    seen: list = []

    @contextlib.contextmanager
    def classifier_off(self):
        saved, self.classifier = self.classifier, None
        try:
            yield
        finally:
            self.classifier = saved

    def __call__(self, adoc):
        type(self).seen.append((adoc.document.id, self.classifier, adoc.document.text[:40]))
        return adoc


def test_warm_up_codes_the_example_with_the_classifier_off_and_keeps_the_timings():
    stage("t-classified")(_Classified)
    try:
        pipeline = get_pipeline(("t-classified",))
        pipeline.timings["t-classified"] = 1.5
        _Classified.seen = []
        warm_before_fork(pipeline)
        example = (resources.files("eventscope") / "examples" / WARM_UP_EXAMPLE).read_text(encoding="utf-8")
        assert _Classified.seen == [("warm-up", None, example[:40])]
        assert pipeline.stages[0].classifier == "model"  # back on for the real documents
        assert dict(pipeline.timings) == {"t-classified": 1.5}
    finally:
        STAGES.unregister("t-classified")
        _cached_pipeline.cache_clear()
