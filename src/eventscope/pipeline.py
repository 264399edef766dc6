"""Builds the stage list once per process and runs batches of documents through it.

The order is fixed by data flow: nlp → places → actors → quotes → events → geo → time → brief. Each stage
only reads what earlier stages wrote. A stage failing on one document records an error on that
document and the run goes on (the document keeps what earlier stages found).
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .errors import Errors
from .model import AnalyzedDocument, Document
from .registry import STAGES, Stage

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "places", "actors", "quotes", "events", "geo", "time", "brief")

# Where each built-in stage registers itself (imported on demand, so a light pipeline
# does not pay for the heavy ones).
STAGE_MODULES: dict[str, str] = {
    "nlp": "eventscope.nlp",
    "places": "eventscope.geo",
    "actors": "eventscope.actors",
    "quotes": "eventscope.stories.quotes",
    "events": "eventscope.events",
    "geo": "eventscope.geo",
    "time": "eventscope.time",
    "brief": "eventscope.stories.brief",
}


@dataclass
class PipelineConfig:
    """One typed config for the whole pipeline; stage options live in ``stage_options[name]``."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 32
    stage_options: dict[str, dict[str, Any]] = field(default_factory=dict)


class Pipeline:
    """The stages, built once; ``pipe`` streams documents through them in batches."""

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config or PipelineConfig()
        self.stages: list[Stage] = []
        for name in self.config.stages:
            if name not in STAGES and name in STAGE_MODULES:
                importlib.import_module(STAGE_MODULES[name])
            factory = STAGES[name]
            component = factory(**self.config.stage_options.get(name, {}))
            component.initialize()
            self.stages.append(component)
        self.timings: dict[str, float] = defaultdict(float)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, document: Document | str, date: str | None = None) -> AnalyzedDocument:
        if isinstance(document, str):
            document = Document(text=document, date=date)
        return next(iter(self.pipe([document])))

    def pipe(self, documents: Iterable[Document], batch_size: int | None = None) -> Iterator[AnalyzedDocument]:
        """Stream documents through the stages in batches. One batch is kept in flight: a stage
        with a ``start`` method (events: its classifier runs on a helper thread) works on batch k
        while the stages before it run on batch k+1; output order is input order."""
        size = batch_size or self.config.batch_size
        pending: tuple[list[AnalyzedDocument], Any, int] | None = None
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= size:
                started = self._start_batch(batch, size)
                if pending is not None:
                    yield from self._finish_batch(*pending, size)
                pending, batch = started, []
        if batch:
            started = self._start_batch(batch, size)
            if pending is not None:
                yield from self._finish_batch(*pending, size)
            pending = started
        if pending is not None:
            yield from self._finish_batch(*pending, size)

    def _run_batch(self, batch: list[Document], size: int) -> list[AnalyzedDocument]:
        return self._finish_batch(*self._start_batch(batch, size), size)

    def _start_batch(self, batch: list[Document], size: int) -> tuple[list[AnalyzedDocument], Any, int]:
        """Run the stages up to the first one that can ``start`` (returns its finisher and index)."""
        adocs = [AnalyzedDocument(document=d) for d in batch]
        for n, component in enumerate(self.stages):
            started = time.perf_counter()
            if hasattr(component, "start"):
                try:
                    finish = component.start(adocs)
                except Exception:
                    adocs, finish = [_run_one(component, a) for a in adocs], None
                self.timings[component.name] += time.perf_counter() - started
                return adocs, finish, n
            adocs = self._run_stage(component, adocs, size)
            self.timings[component.name] += time.perf_counter() - started
        return adocs, None, len(self.stages)

    def _finish_batch(self, adocs: list[AnalyzedDocument], finish: Any, n: int, size: int) -> list[AnalyzedDocument]:
        """Finish stage ``n`` (if it was started) and run the rest."""
        if finish is not None:
            component = self.stages[n]
            started = time.perf_counter()
            try:
                adocs = finish()
            except Exception:
                adocs = [_run_one(component, a) for a in adocs]
            self.timings[component.name] += time.perf_counter() - started
        for component in self.stages[n + 1:]:
            started = time.perf_counter()
            adocs = self._run_stage(component, adocs, size)
            self.timings[component.name] += time.perf_counter() - started
        for adoc in adocs:
            adoc.spacy_doc = None  # free the parse; records carry everything downstream needs
        return adocs

    @staticmethod
    def _run_stage(component: Stage, adocs: list[AnalyzedDocument], size: int) -> list[AnalyzedDocument]:
        try:
            return list(component.pipe(adocs, batch_size=size))
        except Exception:
            # One bad document must not sink the batch: redo this stage one at a time.
            return [_run_one(component, a) for a in adocs]


def _run_one(component: Stage, adoc: AnalyzedDocument) -> AnalyzedDocument:
    try:
        return component(adoc)
    except Exception as exc:  # noqa: BLE001 - reported on the document, never fatal
        adoc.errors.append(
            Errors.E020.format(stage=component.name, doc=adoc.document.id, detail=repr(exc)[:300])
        )
        return adoc


CANDIDATES_OPTIONS: dict[str, dict[str, Any]] = {"events": {"include_candidates": True}}


@lru_cache(maxsize=4)
def get_pipeline(stages: tuple[str, ...] = DEFAULT_STAGES, candidates: bool = False) -> Pipeline:
    """The process-wide pipeline (one spaCy load per process).

    candidates (bool): also keep every candidate act the events stage judged, emitted or not
        (``AnalyzedDocument.candidates``; the contract's ``candidates`` key).
    """
    return Pipeline(PipelineConfig(stages=stages, stage_options=CANDIDATES_OPTIONS if candidates else {}))
