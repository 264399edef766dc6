"""The pipeline runs the stage contract (registry.Stage): order, failures, overlap, config.

Small stages written here stand in for the real ones, so these tests need no model; the last
tests run the real stages and are slow.
"""

from __future__ import annotations

import threading
from typing import Iterable, Iterator

import pytest

from eventscope.model import AnalyzedDocument, Document, Sentence
from eventscope.pipeline import (DEFAULT_STAGES, Pipeline, PipelineConfig, available_stages, get_pipeline,
                                 resolve_config)
from eventscope.registry import STAGES, BaseStage, stage

TRACE: list[tuple[str, str]] = []  # (stage, document id) in the order the work was done


class Marker(BaseStage):
    """Writes one sentence per document naming itself, so the order of stages shows in the output."""

    def __init__(self, label: str = "", fail_on: str | None = None):
        self.label = label or self.name
        self.fail_on = fail_on
        self.initialized = False

    def initialize(self) -> None:
        self.initialized = True

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        TRACE.append((self.name, adoc.document.id))
        if adoc.document.text == self.fail_on:
            raise RuntimeError(f"{self.name} cannot read this")
        if self.label not in labels(adoc):  # redone on a failed batch: written once (see Stage)
            adoc.sentences.append(Sentence(index=len(adoc.sentences), text=self.label, start=0, end=0))
        return adoc


class BatchFailer(Marker):
    """Fails the whole batch when one of its documents is bad (a vectorised stage's failure)."""

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        adocs = list(adocs)
        if any(a.document.text == self.fail_on for a in adocs):
            raise ValueError("a bad document in the batch")
        for adoc in adocs:
            yield self(adoc)


class Overlapper(Marker):
    """Starts a batch on a helper thread, as the events classifier does."""

    overlaps = True

    def __init__(self, label: str = "", fail_on: str | None = None, fail_start: bool = False):
        super().__init__(label, fail_on)
        self.fail_start = fail_start

    def start(self, adocs: list[AnalyzedDocument]):
        if self.fail_start:
            raise RuntimeError("cannot start")
        TRACE.append((self.name, "start:" + ",".join(a.document.id for a in adocs)))
        results: list[AnalyzedDocument] = []
        failures: list[Exception] = []

        def work() -> None:
            try:
                results.extend(Marker.__call__(self, a) for a in adocs)
            except Exception as exc:  # noqa: BLE001 - handed to finish()
                failures.append(exc)

        worker = threading.Thread(target=work)
        worker.start()

        def finish() -> list[AnalyzedDocument]:
            worker.join()
            TRACE.append((self.name, "finish:" + ",".join(a.document.id for a in adocs)))
            if failures:
                raise failures[0]
            return results

        return finish


TOY = {"t-first": Marker, "t-second": Marker, "t-batch": BatchFailer, "t-overlap": Overlapper}


@pytest.fixture(autouse=True)
def toy_stages():
    """Register the toy stages for one test (fresh subclasses, so names never clash)."""
    for name, base in TOY.items():
        stage(name)(type(name.title().replace("-", ""), (base,), {}))
    TRACE.clear()
    yield
    for name in TOY:
        STAGES.unregister(name)


def docs(*texts: str) -> list[Document]:
    return [Document(text=t, id=f"d{i}") for i, t in enumerate(texts)]


def labels(adoc: AnalyzedDocument) -> list[str]:
    return [s.text for s in adoc.sentences]


def test_stages_run_in_the_configured_order_and_are_initialized_once():
    pipe = Pipeline(PipelineConfig(stages=("t-second", "t-first")))
    assert pipe.stage_names == ["t-second", "t-first"]
    assert all(s.initialized for s in pipe.stages)
    out = list(pipe.pipe(docs("a", "b")))
    assert [labels(a) for a in out] == [["t-second", "t-first"]] * 2


def test_output_order_is_input_order_across_batches_with_an_overlapping_stage():
    pipe = Pipeline(PipelineConfig(stages=("t-first", "t-overlap", "t-second")))
    texts = [f"text {i}" for i in range(11)]
    out = list(pipe.pipe(docs(*texts), batch_size=3))
    assert [a.document.text for a in out] == texts
    assert all(labels(a) == ["t-first", "t-overlap", "t-second"] for a in out)


def test_a_started_batch_overlaps_the_next_batch_of_earlier_stages():
    pipe = Pipeline(PipelineConfig(stages=("t-first", "t-overlap", "t-second")))
    list(pipe.pipe(docs("a", "b", "c", "d"), batch_size=2))
    steps = [step for step in TRACE if step[0] != "t-overlap" or ":" in step[1]]
    # batch 2 goes through t-first after batch 1 was started and before it is finished
    assert steps.index(("t-overlap", "start:d0,d1")) < steps.index(("t-first", "d2")) \
        < steps.index(("t-overlap", "finish:d0,d1")) < steps.index(("t-second", "d0"))


def test_a_stage_that_raises_records_e020_on_that_document_and_the_run_goes_on():
    config = PipelineConfig(stages=("t-first", "t-second"), stage_options={"t-first": {"fail_on": "bad"}})
    out = list(Pipeline(config).pipe(docs("good", "bad", "fine")))
    assert [a.document.id for a in out] == ["d0", "d1", "d2"]
    bad = out[1]
    assert len(bad.errors) == 1 and bad.errors[0].startswith("E020 stage 't-first' failed on document d1")
    assert "cannot read this" in bad.errors[0]
    assert labels(bad) == ["t-second"]  # later stages still ran on it
    assert [labels(a) for a in (out[0], out[2])] == [["t-first", "t-second"]] * 2
    assert not out[0].errors and not out[2].errors


def test_a_batch_that_fails_is_redone_one_document_at_a_time():
    config = PipelineConfig(stages=("t-batch",), stage_options={"t-batch": {"fail_on": "bad"}})
    out = list(Pipeline(config).pipe(docs("one", "bad", "two"), batch_size=3))
    assert [bool(a.errors) for a in out] == [False, True, False]
    assert [labels(a) for a in out] == [["t-batch"], [], ["t-batch"]]


def test_an_overlapping_stage_that_cannot_start_or_finish_falls_back_per_document():
    for options in ({"fail_start": True}, {"fail_on": "bad"}):
        config = PipelineConfig(stages=("t-overlap",), stage_options={"t-overlap": options})
        out = list(Pipeline(config).pipe(docs("one", "bad")))
        assert len(out) == 2 and not out[0].errors
        assert labels(out[0]) == ["t-overlap"]
        if "fail_on" in options:
            assert out[1].errors[0].startswith("E020 stage 't-overlap'")


def test_calling_the_pipeline_on_a_text_gives_one_document():
    adoc = Pipeline(PipelineConfig(stages=("t-first",)))("Some text.", date="2025-01-02")
    assert adoc.document.date == "2025-01-02" and labels(adoc) == ["t-first"]


def test_options_come_from_the_constructor_and_are_merged_with_what_is_given():
    config = PipelineConfig(stages=("t-first", "t-second"), stage_options={"t-second": {"label": "two"}})
    assert resolve_config(config) == {"t-first": {"label": "", "fail_on": None},
                                      "t-second": {"label": "two", "fail_on": None}}
    pipe = Pipeline(config)
    assert pipe.options["t-second"]["label"] == "two"
    assert labels(pipe(Document(text="x"))) == ["t-first", "two"]


@pytest.mark.parametrize("config, code, words", [
    (PipelineConfig(stages=("t-first", "t-nothing")), "E027", ["t-nothing", "t-first", "nlp"]),
    (PipelineConfig(stages=("t-first", "t-first")), "E028", ["t-first"]),
    (PipelineConfig(stages=("t-first",), stage_options={"t-second": {"label": "x"}}), "E026", ["t-second"]),
    (PipelineConfig(stages=("t-first",), stage_options={"t-first": {"colour": 1, "lable": 2}}), "E025",
     ["colour, lable", "label, fail_on"]),
])
def test_a_bad_config_is_rejected_before_any_stage_is_built(config, code, words):
    with pytest.raises(ValueError) as info:
        Pipeline(config)
    message = str(info.value)
    assert message.startswith(code + " ")
    assert all(w in message for w in words)
    assert TRACE == []


def test_a_stage_without_the_contract_is_rejected():
    @stage("t-incomplete")
    class Incomplete:
        def __call__(self, adoc):
            return adoc

    try:
        with pytest.raises(TypeError, match="E029 .*initialize"):
            Pipeline(PipelineConfig(stages=("t-incomplete",)))
    finally:
        STAGES.unregister("t-incomplete")


def test_get_pipeline_is_one_pipeline_per_stage_list():
    first = get_pipeline(("t-first",))
    assert get_pipeline(["t-first"]) is first
    assert get_pipeline(("t-first", "t-second")) is not first


def test_available_stages_names_what_cannot_be_loaded():
    ok, missing = available_stages(("t-first", "t-nothing"))
    assert ok == ("t-first",) and missing == ["t-nothing"]


@pytest.mark.slow
def test_default_pipeline_is_the_cached_one_and_has_every_default_stage():
    assert get_pipeline() is get_pipeline(DEFAULT_STAGES)
    assert get_pipeline().stage_names == list(DEFAULT_STAGES)


@pytest.mark.slow
def test_a_document_longer_than_the_parsers_limit_says_so(monkeypatch):
    from eventscope.nlp import stage as nlp_stage

    monkeypatch.setattr(nlp_stage, "MAX_CHARS", 40)
    text = "The minister met the envoy in the capital. " * 3
    adoc = Pipeline(PipelineConfig(stages=("nlp",)))(Document(text=text, id="long"))
    assert adoc.errors == [f"E021 long: longer than the parser's limit ({len(text)} characters); analysed the first 40"]
    assert adoc.sentences[-1].end <= 40
